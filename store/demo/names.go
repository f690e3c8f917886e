package demo

import "strings"

// The name lists mix the people a small British maker really sells to.
// Some names carry accents or are written in another script, so that every
// screen meets them.
var firstNames = []string{
	"Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Grace", "Florence",
	"Poppy", "Evie", "Rosie", "Harriet", "Imogen", "Matilda", "Eleanor", "Hannah", "Sophie", "Charlotte",
	"Jess", "Becky", "Claire", "Helen", "Joanne", "Karen", "Lindsey", "Nicola", "Sarah", "Tracey",
	"Margaret", "Pauline", "Sandra", "Janet", "Brenda", "Aoife", "Niamh", "Ciara", "Siobhán", "Róisín",
	"Saoirse", "Eilidh", "Catriona", "Morag", "Ffion", "Cerys", "Angharad", "Seren", "Zoë", "Chloë",
	"Noémie", "Anaïs", "Renée", "Priya", "Aisha", "Fatima", "Amira", "Zainab", "Anjali", "Harpreet",
	"Nkechi", "Chiamaka", "Adaeze", "Yetunde", "Abena", "Shanice", "Keisha", "Marcia", "Małgorzata", "Agnieszka",
	"Katarzyna", "Ingrid", "Astrid", "Lucía", "Carmen", "Giulia", "Mei", "Yuki", "Leila", "Farah",
	"Oliver", "George", "Harry", "Jack", "Noah", "Leo", "Arthur", "Oscar", "Alfie", "Theo",
	"James", "Tom", "Dan", "Mark", "Paul", "Steve", "Gareth", "Rhys", "Dylan", "Owain",
	"Callum", "Euan", "Hamish", "Seán", "Ciarán", "Declan", "José", "Mateo", "Luca", "Marco",
	"Mohammed", "Omar", "Yusuf", "Imran", "Raj", "Arjun", "Sanjay", "Kwame", "Chidi", "Tunde",
	"Łukasz", "Piotr", "Tomasz", "Björn", "Lars", "Dmitri", "Hiroshi", "Wei", "Kofi", "Andre",
}

var lastNames = []string{
	"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
	"Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
	"Patel", "Khan", "Shah", "Hussain", "Begum", "Ali", "Singh", "Kaur", "Chaudhry", "Mistry",
	"O'Brien", "O'Neill", "Murphy", "Kelly", "Byrne", "Ní Bhriain", "MacLeod", "Campbell", "Fraser", "Stewart",
	"Llewellyn", "Pritchard", "ap Rhys", "Okafor", "Adeyemi", "Mensah", "Boateng", "Okonkwo", "Campbell-Reid", "Forbes-Hamilton",
	"Nowak", "Kowalski", "Wiśniewska", "Lewandowski", "Müller", "Schäfer", "Jensen", "Sørensen", "García", "Martínez",
	"Núñez", "Rossi", "Bianchi", "Ferreira", "Dubois", "Lefèvre", "Chen", "Wong", "Nguyen", "Tanaka",
	"Sato", "Kim", "Park", "Haddad", "Nasser", "Yılmaz", "Demir", "Cohen", "Levy", "Fitzgerald",
	"Ashworth", "Pemberton", "Whitlock", "Hargreaves", "Butterworth", "Sutcliffe", "Greenwood", "Holroyd", "Ackroyd", "Barraclough",
}

// fullName is a name written in a script whose given name does not come
// first, with the romanisation used for its email address.
type fullName struct{ name, ascii string }

var wholeNames = []fullName{
	{"李雷", "li.lei"},
	{"王芳", "wang.fang"},
	{"Nguyễn Thu Hà", "thu.ha.nguyen"},
	{"田中 美咲", "misaki.tanaka"},
	{"Ólafur Þórsson", "olafur.thorsson"},
	{"Zoë Brontë-Ashworth", "zoe.bronte.ashworth"},
	{"Siobhán Ó Súilleabháin", "siobhan.osullivan"},
	{"José Ángel Peña", "jose.pena"},
	{"Αλεξάνδρα Παππά", "alexandra.pappa"},
	{"Дарья Смирнова", "darya.smirnova"},
}

// Companies for local shops and wholesale buyers, built from parts so that
// a large set has many different ones.
var (
	shopFirst  = []string{"The Little", "The Old", "The Green", "The Corner", "The Village", "Harbour", "Willow", "Bramble &", "Moss &", "Saltmarsh"}
	shopSecond = []string{"Gift Shop", "Pantry", "Emporium", "Apothecary", "Interiors", "Boutique", "Bloom", "Stone", "Larder", "Home Store"}
	tradeFirst = []string{"Northfield", "Coastline", "Kindred", "Heritage", "Greenway", "Pennine", "Riverside", "Oakleaf", "Highgate", "Meadowbank"}
	tradeKind  = []string{"Garden Centres Ltd", "Hotels Group", "Spa & Wellness", "Gift Co.", "Refill Stores", "Farm Shops Ltd", "Holiday Cottages", "Florists"}
)

// Towns for companies and notes.
var towns = []string{"Hebden Bridge", "Todmorden", "Halifax", "Ilkley", "Otley", "Skipton", "Holmfirth", "Saltaire", "Harrogate", "York"}

// emailDomains are reserved for examples (RFC 2606): no real inbox is ever
// named by the sample data.
var emailDomains = []string{"example.com", "example.org", "example.net"}

// asciiFold spells s in lower-case ASCII for an email address or a
// handle: accents dropped, apostrophes and other marks removed, spaces
// and hyphens kept as dots.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			b.WriteByte('.')
		default:
			if f, ok := accents[r]; ok {
				b.WriteString(f)
			}
		}
	}
	return strings.Trim(b.String(), ".")
}

// accents maps the accented letters in the name lists to plain ones.
var accents = map[rune]string{
	'á': "a", 'à': "a", 'ä': "a", 'â': "a", 'å': "a", 'ą': "a", 'é': "e", 'è': "e", 'ë': "e", 'ê': "e", 'ę': "e",
	'í': "i", 'ï': "i", 'î': "i", 'ı': "i", 'ó': "o", 'ö': "o", 'ô': "o", 'ø': "o", 'ú': "u", 'ü': "u", 'ù': "u",
	'ñ': "n", 'ń': "n", 'ç': "c", 'ć': "c", 'ł': "l", 'ś': "s", 'ş': "s", 'ż': "z", 'ź': "z", 'ğ': "g",
	'ß': "ss", 'þ': "th", 'ð': "d",
}
