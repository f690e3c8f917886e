package importer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"
	"time"

	"golang.org/x/text/transform"

	"clientele/model"
	"clientele/store"
)

// VCard is a .vcf file of contacts, vCard 2.1, 3.0 or 4.0 (what phones,
// Apple Contacts, Google and Outlook export): every card a customer. FN
// (else N) is the name, the first EMAIL and TEL the email and phone, ORG
// the company, NOTE the notes, CATEGORIES the segments, the first ADR the
// postal address and country, BDAY the birthday and UID the ref. Values are unescaped (3.0/4.0)
// or decoded from quoted-printable (2.1). There is no maintained vCard
// library among the approved modules, so this is read here: vCard is
// lines of NAME;PARAMS:VALUE, folded (RFC 6350 §3.2).
const VCard = "vcard"

var vcardFormat = &format{name: VCard, label: "vCard contacts (.vcf)", kind: customersKind}

// looksLikeVCard reports a file that begins, after any byte-order mark
// and blank lines, with BEGIN:VCARD.
func looksLikeVCard(head []byte) bool {
	s := strings.TrimLeft(strings.TrimPrefix(string(head), "\ufeff"), " \r\n\t")
	if strings.HasPrefix(string(head), "\xff\xfe") || strings.HasPrefix(string(head), "\xfe\xff") {
		lay, err := findLayout(head, "")
		if err != nil {
			return false
		}
		b, _, _ := transform.Bytes(lay.decode.NewDecoder(), head[lay.bom:len(head)&^1])
		s = strings.TrimLeft(string(b), " \r\n\t")
	}
	return len(s) >= 11 && strings.EqualFold(s[:11], "BEGIN:VCARD")
}

// vcardCustomers is a card being read into a customer.
type vcardCard struct {
	c    model.Customer
	ref  string
	line int
	adr  bool        // the first ADR was read
	kept [][2]string // values that did not read, kept in the notes
}

func runVCard(ctx context.Context, db *store.DB, file io.ReadSeeker, head []byte, opt Options,
	settings model.Settings) (Preview, error) {
	pv := Preview{Summary: model.ImportSummary{Format: VCard, DryRun: opt.DryRun}, Label: vcardFormat.label}
	lay, err := findLayout(head, opt.Encoding)
	if err != nil {
		return pv, err
	}
	lay.sep = 0
	pv.Summary.Encoding = lay.encoding
	s := &session{ctx: ctx, db: db, sum: &pv.Summary, pv: &pv, f: vcardFormat, source: VCard, opt: opt,
		settings: settings, samples: max(opt.Samples, 5), start: time.Now(), cf: vcardFields{}}
	err = db.Load(ctx, func(l *store.Loader) error {
		s.l = l
		if err := s.loadPeople(); err != nil {
			return err
		}
		pv.Columns = customerSampleColumns
		if _, err := file.Seek(int64(lay.bom), io.SeekStart); err != nil {
			return err
		}
		var text io.Reader = file
		if lay.decode != nil {
			text = transform.NewReader(file, lay.decode.NewDecoder())
		}
		if err := readCards(text, lay.utf8, func(c vcardCard) error {
			s.sum.Rows++
			return s.addCustomer(custIn{c: c.c, ref: c.ref, kept: c.kept}, c.line)
		}); err != nil {
			return err
		}
		if opt.DryRun {
			return errDryRun
		}
		return l.Describe(historyWords(pv.Summary, ""))
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return pv, err
}

// vcardFields names a card's properties as the fields they fill, for the
// summary.
type vcardFields struct{}

func (vcardFields) parse(*row) (custIn, error) { return custIn{}, errors.New("not a CSV format") }
func (vcardFields) column(f string) string {
	return map[string]string{"name": "FN", "email": "EMAIL", "phone": "TEL", "company": "ORG", "notes": "NOTE",
		"segments": "CATEGORIES", "country": "ADR"}[f]
}

// readCards reads every card of r, calling fn for each.
func readCards(r io.Reader, checkUTF8 bool, fn func(vcardCard) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var logical []string // the unfolded lines of the card being read
	var lines []int
	n := 0
	var card *vcardCard
	flush := func() error {
		for i, l := range logical {
			if err := card.property(l, lines[i]); err != nil {
				return err
			}
		}
		logical, lines = logical[:0], lines[:0]
		return nil
	}
	for sc.Scan() {
		n++
		t := strings.TrimRight(sc.Text(), "\r")
		if checkUTF8 && !validUTF8(t) {
			return &LineError{Line: n, Err: errors.New("this is not UTF-8 text: try --encoding windows-1252")}
		}
		if (strings.HasPrefix(t, " ") || strings.HasPrefix(t, "\t")) && len(logical) > 0 {
			logical[len(logical)-1] += t[1:]
			continue
		}
		if len(logical) > 0 && strings.HasSuffix(logical[len(logical)-1], "=") &&
			strings.Contains(strings.ToUpper(logical[len(logical)-1]), "QUOTED-PRINTABLE") {
			logical[len(logical)-1] += "\n" + t // 2.1's soft line break
			continue
		}
		switch u := strings.ToUpper(strings.TrimSpace(t)); {
		case u == "BEGIN:VCARD":
			if card != nil {
				return &LineError{Line: n, Err: fmt.Errorf("a card begins inside the card of line %d (END:VCARD missing)",
					card.line)}
			}
			card = &vcardCard{line: n}
		case u == "END:VCARD":
			if card == nil {
				return &LineError{Line: n, Err: errors.New("END:VCARD with no card begun")}
			}
			if err := flush(); err != nil {
				return err
			}
			c := card
			card = nil
			if c.c.Name == "" {
				c.c.Name = c.c.Email
			}
			if c.c.Name == "" {
				c.c.Name = c.c.Company
			}
			if c.c.Name == "" {
				continue
			}
			c.c.Stage = model.StageProspect // no order yet: see addCustomer
			if err := fn(*c); err != nil {
				return err
			}
		case u == "":
		case card == nil:
			return &LineError{Line: n, Err: fmt.Errorf("%q is outside any card (BEGIN:VCARD … END:VCARD)",
				model.Printable(firstLine(t)))}
		default:
			logical, lines = append(logical, t), append(lines, n)
		}
	}
	if err := sc.Err(); err != nil {
		return &LineError{Line: n + 1, Err: err}
	}
	if card != nil {
		return &LineError{Line: card.line, Err: errors.New("the last card has no END:VCARD: the file looks cut short")}
	}
	return nil
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "\ufffd") == s }

// property reads one unfolded line of a card into it.
func (c *vcardCard) property(l string, line int) error {
	i := strings.IndexByte(l, ':')
	if i < 0 {
		return &LineError{Line: line, Err: fmt.Errorf("%q is not NAME:VALUE", model.Printable(firstLine(l)))}
	}
	nameParams, value := l[:i], l[i+1:]
	parts := strings.Split(nameParams, ";")
	name := strings.ToUpper(parts[0])
	if j := strings.LastIndexByte(name, '.'); j >= 0 { // item1.EMAIL
		name = name[j+1:]
	}
	for _, p := range parts[1:] {
		up := strings.ToUpper(p)
		if up == "QUOTED-PRINTABLE" || up == "ENCODING=QUOTED-PRINTABLE" {
			b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(strings.ReplaceAll(value, "=\n", "=\r\n"))))
			if err != nil {
				return &LineError{Line: line, Column: name, Err: fmt.Errorf("the quoted-printable value does not read: %v", err)}
			}
			value = string(b)
		}
	}
	switch name {
	case "FN":
		c.c.Name = unescape(value)
	case "N":
		if c.c.Name == "" {
			f := splitValue(value, ';')
			var given, family string
			if len(f) > 1 {
				given = f[1]
			}
			family = f[0]
			c.c.Name = strings.TrimSpace(given + " " + family)
		}
	case "EMAIL":
		if c.c.Email == "" {
			c.c.Email = strings.ToLower(strings.TrimPrefix(unescape(value), "mailto:"))
		}
	case "TEL":
		if c.c.Phone == "" {
			c.c.Phone = strings.TrimPrefix(unescape(value), "tel:")
		}
	case "ORG":
		c.c.Company = splitValue(value, ';')[0]
	case "NOTE":
		if c.c.Notes == "" { // a birthday that did not read may be noted already
			c.c.Notes = unescape(value)
		} else {
			c.c.Notes = addNote(unescape(value), c.c.Notes)
		}
	case "CATEGORIES":
		c.c.Segments = model.NormalizeNames(splitValue(value, ','))
	case "ADR":
		// PO box; extended address; street; locality; region; postal
		// code; country.
		if f := splitValue(value, ';'); len(f) >= 7 && !c.adr {
			c.adr = true
			// The street's first line is the first line of the address;
			// its other lines, the extended address and the PO box the
			// second.
			lines := strings.Split(f[2], "\n")
			var rest []string
			for _, l := range append(lines[1:], f[1], f[0]) {
				if l = strings.TrimSpace(l); l != "" {
					rest = append(rest, l)
				}
			}
			c.c.Address = model.Address{Line1: lines[0], Line2: strings.Join(rest, ", "), Town: f[3], Region: f[4],
				Postcode: f[5]}
			if c.c.Country == "" {
				c.c.Country = f[6]
			}
		}
	case "BDAY":
		v := unescape(value)
		switch o, ok, err := readBirthday(v, dateOrder{set: true, name: "ISO"}); {
		case err != nil:
			c.c.Notes = addNote(c.c.Notes, "Birthday as written: "+v)
			c.kept = append(c.kept, [2]string{"BDAY", v})
		case ok:
			c.c.Occasions = []model.Occasion{o}
		}
	case "UID":
		c.ref = unescape(value)
	}
	return nil
}

// splitValue splits a structured value at sep, unescaping each part.
func splitValue(v string, sep byte) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v):
			b.WriteByte('\\')
			b.WriteByte(v[i+1])
			i++
		case v[i] == sep:
			out = append(out, strings.TrimSpace(unescape(b.String())))
			b.Reset()
		default:
			b.WriteByte(v[i])
		}
	}
	return append(out, strings.TrimSpace(unescape(b.String())))
}

// unescape reads vCard's \n, \, \; and \\.
func unescape(v string) string {
	if !strings.Contains(v, `\`) {
		return strings.TrimSpace(v)
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
			switch v[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(v[i])
			}
			continue
		}
		b.WriteByte(v[i])
	}
	return strings.TrimSpace(b.String())
}
