package importer

import (
	"strings"

	"clientele/model"
)

// Files of customers: a generic list and the contact exports of Shopify,
// Square, Google and Outlook. Each is read by columnCustomers, told which
// column holds which field.
const (
	Customers       = "customers"
	SquareCustomers = "square-customers"
	GoogleContacts  = "google-contacts"
	OutlookContacts = "outlook-contacts"
)

// A generic customers CSV: one customer a row. Columns, matched ignoring
// case, spaces and punctuation: name (or first name and last name), email,
// phone, company, notes, segment; optionally country, stage and an id that
// identifies the customer in the file's source, a postal address (street
// or address, address 2, town or city, region, county or state, postcode
// or zip), a birthday, and consent to email or text marketing (yes/no).
var (
	nameColumns    = []string{"customer", "customer name", "name", "full name", "client", "client name", "buyer"}
	emailColumns   = []string{"email", "e-mail", "customer email", "email address"}
	phoneColumns   = []string{"phone", "telephone", "phone number", "mobile", "tel"}
	companyColumns = []string{"company", "business", "organisation", "organization", "company name"}
	notesColumns   = []string{"notes", "note", "comments", "comment"}
	segmentColumns = []string{"segment", "segments", "tags", "tag", "group", "groups"}
	refColumns     = []string{"id", "customer id", "customer ref", "ref", "client id"}
)

var customersFormat = &format{name: Customers, label: "customers (a list of your own)", kind: customersKind,
	generic: true, needs: []need{{what: "a name or email column (name, first name, email…)",
		aliases: append(append([]string{"first name"}, nameColumns...), emailColumns...)}},
	customers: func(h *header, nb numbers) (customerFormat, error) {
		return &columnCustomers{h: h, name: h.col("name", nameColumns...), first: h.col("first name", "first name"),
			last: h.col("last name", "last name"), email: h.col("email", emailColumns...),
			phone: h.col("phone", phoneColumns...), company: h.col("company", companyColumns...),
			notes: h.col("notes", notesColumns...), segments: h.col("segment", segmentColumns...),
			country: h.col("country", "country"), stage: h.col("stage", "stage"), ref: h.col("id", refColumns...),
			addr: addrCols{h.col("street", "street", "address", "address 1", "address line 1", "address1"),
				h.col("address 2", "address 2", "address line 2", "address2"), h.col("town", "town", "city"),
				h.col("region", "region", "county", "state", "province"),
				h.col("postcode", "postcode", "post code", "postal code", "zip", "zip code")},
			birthday: h.col("birthday", "birthday", "date of birth", "birth date"),
			consent: consentCols{h.col("email marketing", "email marketing", "accepts email marketing"),
				h.col("sms marketing", "sms marketing", "accepts sms marketing")}}, nil
	}}

// Square's customer directory export (Customers › Export customers):
//
//	Reference ID,First Name,Last Name,Email Address,Phone Number,Nickname,Company Name,Street Address 1,
//	Street Address 2,City,State,Postal Code,Birthday,Memo,Square Customer ID,Creation Source,
//	First Visit,Last Visit,Transaction Count,Total Spend,Email Subscription Status,Groups
//
// Memo is the notes, Groups the segments, the Square Customer ID the ref;
// the street address, city, state and postal code the postal address;
// Email Subscription Status "subscribed" consent to email.
var squareCustomersFormat = &format{name: SquareCustomers, label: "Square customer directory", kind: customersKind,
	src: "square", needs: []need{needOf("Square Customer ID"), needOf("First Name"), needOf("Last Name")},
	marks: []string{"Square Customer ID", "Email Subscription Status", "Creation Source"},
	customers: func(h *header, nb numbers) (customerFormat, error) {
		return &columnCustomers{h: h, name: -1, first: h.find("First Name"), last: h.find("Last Name"),
			email: h.find("Email Address", "Email"), phone: h.find("Phone Number", "Phone"),
			company: h.find("Company Name"), notes: h.find("Memo"), segments: h.find("Groups"),
			ref: h.find("Square Customer ID"), country: -1, stage: -1, nickname: h.find("Nickname"),
			addr: addrOf(h, []string{"Street Address 1"}, []string{"Street Address 2"}, []string{"City"},
				[]string{"State"}, []string{"Postal Code"}),
			birthday: h.find("Birthday"), consent: consentCols{h.find("Email Subscription Status"), -1}}, nil
	}}

// Google Contacts' CSV export (contacts.google.com › Export › Google CSV):
//
//	First Name,Middle Name,Last Name,…,Nickname,…,Birthday,…,Notes,…,Labels,E-mail 1 - Label,
//	E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,…,
//	Address 1 - Country,…,Organization Name,Organization Title,…
//
// (the older export: Name,Given Name,Family Name,…,Group Membership,
// Organization 1 - Name). The first email and phone are the customer's;
// labels ("* myContacts ::: Friends") become segments, less Google's own;
// Address 1's street, extended address (else PO box), city, region and
// postal code the postal address; Birthday the birthday.
var googleFormat = &format{name: GoogleContacts, label: "Google Contacts", kind: customersKind,
	needs: []need{needOf("E-mail 1 - Value"), needOf("Phone 1 - Value")},
	marks: []string{"E-mail 1 - Value", "Phone 1 - Value", "E-mail 1 - Label", "Labels", "Group Membership"},
	customers: func(h *header, nb numbers) (customerFormat, error) {
		return &columnCustomers{h: h, name: h.find("Name"), first: h.find("First Name", "Given Name"),
			last: h.find("Last Name", "Family Name"), email: h.find("E-mail 1 - Value"),
			phone: h.find("Phone 1 - Value"), company: h.find("Organization Name", "Organization 1 - Name"),
			notes: h.find("Notes"), segments: h.find("Labels", "Group Membership"),
			country: h.find("Address 1 - Country"), ref: -1, stage: -1, google: true,
			addr: addrOf(h, []string{"Address 1 - Street"}, []string{"Address 1 - Extended Address", "Address 1 - PO Box"},
				[]string{"Address 1 - City"}, []string{"Address 1 - Region"}, []string{"Address 1 - Postal Code"}),
			birthday: h.find("Birthday"), consent: noConsent}, nil
	}}

// Outlook's CSV export (File › Open & Export › Import/Export › Comma
// Separated Values):
//
//	First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,
//	E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,
//	Mobile Phone,Car Phone,Other Phone,Primary Phone,…,Company,…,Home Country/Region,…,Categories,…,Notes
//
// The first phone found (mobile, primary, home, business) is the
// customer's; Categories become segments; the home address (else the
// business one) the postal address; Birthday the birthday (0/0/00 is
// none).
var outlookFormat = &format{name: OutlookContacts, label: "Outlook contacts", kind: customersKind,
	needs: []need{needOf("First Name"), needOf("E-mail Address"), needOf("Mobile Phone", "Home Phone", "Business Phone")},
	marks: []string{"E-mail Address", "E-mail 2 Address", "Mobile Phone", "Business Phone", "Home Phone"},
	customers: func(h *header, nb numbers) (customerFormat, error) {
		return &columnCustomers{h: h, name: -1, first: h.find("First Name"), last: h.find("Last Name"),
			email: h.find("E-mail Address"), phone: h.find("Mobile Phone"),
			phones:  []int{h.find("Primary Phone"), h.find("Home Phone"), h.find("Business Phone")},
			company: h.find("Company"), notes: h.find("Notes"), segments: h.find("Categories"),
			country: h.find("Home Country/Region", "Business Country/Region"), ref: -1, stage: -1,
			addr: outlookAddr(h), birthday: h.find("Birthday"), consent: noConsent}, nil
	}}

// columnCustomers reads a customer from the columns it is told of (-1 for
// none).
type columnCustomers struct {
	h                                        *header
	name, first, last, email, phone, company int
	notes, segments, country, stage, ref     int
	nickname, birthday                       int
	addr                                     addrCols
	consent                                  consentCols
	phones                                   []int // more phone columns, tried in order when phone is empty
	apostrophes                              bool  // Shopify's leading apostrophe on numbers
	google                                   bool  // Google's label syntax
}

func (p *columnCustomers) parse(r *row) (custIn, error) {
	get := func(i int) string {
		v := r.get(i)
		if p.apostrophes {
			v = strings.TrimPrefix(v, "'")
		}
		return v
	}
	c := model.Customer{Name: get(p.name), Email: strings.ToLower(get(p.email)), Phone: get(p.phone),
		Company: get(p.company), Notes: get(p.notes), Country: get(p.country),
		Stage: model.Stage(strings.ToLower(get(p.stage)))}
	for _, i := range p.phones {
		if c.Phone == "" {
			c.Phone = get(i)
		}
	}
	if c.Name == "" {
		c.Name = strings.TrimSpace(get(p.first) + " " + get(p.last))
	}
	if c.Name == "" {
		c.Name = get(p.nickname)
	}
	if c.Name == "" && c.Email == "" {
		if c.Company == "" {
			col := p.name
			if col < 0 {
				col = p.first
			}
			return custIn{}, r.bad(col, "a customer needs a name, an email or a company")
		}
		c.Name = c.Company
	}
	if seg := get(p.segments); seg != "" {
		c.Segments = splitSegments(seg, p.google)
	}
	c.Address = p.addr.read(r, p.apostrophes)
	in := custIn{c: c, ref: get(p.ref), consent: p.consent.read(r)}
	if v := get(p.birthday); v != "" {
		o, ok, err := readBirthday(v, r.dates)
		switch {
		case err != nil:
			in.c.Notes = addNote(in.c.Notes, "Birthday as written: "+v)
			in.kept = append(in.kept, [2]string{p.h.names[p.birthday], v})
		case ok:
			in.c.Occasions = []model.Occasion{o}
		}
	}
	return in, nil
}

// dateCols are the columns of dates (a birthday), for the file's order of
// day and month.
func (p *columnCustomers) dateCols() []int {
	if p.birthday < 0 {
		return nil
	}
	return []int{p.birthday}
}

// outlookAddr is the home address's columns, else the business one's.
func outlookAddr(h *header) addrCols {
	for _, kind := range []string{"Home", "Business"} {
		if a := addrOf(h, []string{kind + " Street"}, []string{kind + " Street 2"}, []string{kind + " City"},
			[]string{kind + " State"}, []string{kind + " Postal Code"}); a.line1 >= 0 {
			return a
		}
	}
	return noAddr
}

// splitSegments reads "Wholesale; Gift buyers", "a, b", "a|b" and Google's
// "* myContacts ::: Friends" (its own labels, starred, left out).
func splitSegments(s string, google bool) []string {
	sep := func(r rune) bool { return r == ',' || r == ';' || r == '|' }
	if google {
		var out []string
		for _, l := range strings.Split(s, ":::") {
			l = strings.TrimSpace(l)
			if l == "" || strings.HasPrefix(l, "*") {
				continue
			}
			out = append(out, l)
		}
		return model.NormalizeNames(out)
	}
	return model.NormalizeNames(strings.FieldsFunc(s, sep))
}

// column names the file's column for a customer field.
func (p *columnCustomers) column(f string) string {
	i := map[string]int{"name": p.name, "email": p.email, "phone": p.phone, "company": p.company,
		"notes": p.notes, "segments": p.segments, "country": p.country, "stage": p.stage}[f]
	if f == "name" && i < 0 {
		i = p.first
	}
	if i < 0 || i >= len(p.h.names) {
		return ""
	}
	return p.h.names[i]
}
