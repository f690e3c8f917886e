package importer

import (
	"errors"
	"strings"

	"clientele/model"
)

// A generic customers CSV: one customer a row. Columns, matched ignoring
// case, spaces and punctuation: name (or first name and last name), email,
// phone, company, notes, segment; optionally country, stage and an id that
// identifies the customer in the file's source.
var (
	phoneColumns   = []string{"phone", "telephone", "phone number", "mobile", "tel"}
	companyColumns = []string{"company", "business", "organisation", "organization", "company name"}
	notesColumns   = []string{"notes", "note", "comments", "comment"}
	segmentColumns = []string{"segment", "segments", "tags", "tag", "group", "groups"}
	refColumns     = []string{"id", "customer id", "customer ref", "ref", "client id"}
)

type customerCols struct {
	name, first, last, email, phone, company, notes, segment, country, stage, ref int
}

type customerParser struct {
	cols customerCols
	head header
}

func newCustomerParser(h header) (*customerParser, error) {
	c := customerCols{name: h.find(nameColumns...), first: h.find("first name"), last: h.find("last name"),
		email: h.find(emailColumns...), phone: h.find(phoneColumns...), company: h.find(companyColumns...),
		notes: h.find(notesColumns...), segment: h.find(segmentColumns...), country: h.find("country"),
		stage: h.find("stage"), ref: h.find(refColumns...)}
	if c.name < 0 && c.first < 0 && c.email < 0 {
		return nil, &LineError{Line: 1, Err: errors.New("the header has no name column (name, customer, full name, " +
			"or first name and last name)")}
	}
	return &customerParser{cols: c, head: h}, nil
}

// parse reads one customer and checks it as the customer form would.
func (p *customerParser) parse(rec []string, line int) (model.Customer, string, error) {
	c := p.cols
	cu := model.Customer{Name: field(rec, c.name), Email: strings.ToLower(field(rec, c.email)),
		Phone: field(rec, c.phone), Company: field(rec, c.company), Notes: field(rec, c.notes),
		Country: field(rec, c.country), Stage: model.Stage(strings.ToLower(field(rec, c.stage)))}
	if cu.Name == "" {
		cu.Name = strings.TrimSpace(field(rec, c.first) + " " + field(rec, c.last))
	}
	if cu.Name == "" {
		cu.Name = cu.Email
	}
	if seg := field(rec, c.segment); seg != "" {
		cu.Segments = model.NormalizeNames(strings.FieldsFunc(seg, func(r rune) bool { return r == ',' || r == ';' || r == '|' }))
	}
	if cu.Stage == "" {
		cu.Stage = model.StageCustomer
	}
	cu.Normalize()
	if err := cu.Validate(); err != nil {
		var es model.Errors
		if errors.As(err, &es) && len(es) > 0 {
			return cu, "", &LineError{Line: line, Column: p.column(es[0].Field), Err: errors.New(es[0].Msg)}
		}
		return cu, "", &LineError{Line: line, Err: err}
	}
	return cu, field(rec, c.ref), nil
}

// column names the file's column for a customer field.
func (p *customerParser) column(f string) string {
	i := map[string]int{"name": p.cols.name, "email": p.cols.email, "phone": p.cols.phone, "company": p.cols.company,
		"notes": p.cols.notes, "segments": p.cols.segment, "country": p.cols.country, "stage": p.cols.stage}[f]
	if f == "name" && i < 0 {
		i = p.cols.first
	}
	if i < 0 {
		return f
	}
	return p.head.names[i]
}

// readCustomers imports a generic customers file. A customer already
// stored (the same id in this source, else the same email, else the same
// name when there is no email) is skipped.
func readCustomers(s *session) error {
	p, err := newCustomerParser(s.in.head)
	if err != nil {
		return err
	}
	if err := s.loadKnown(); err != nil {
		return err
	}
	if err := s.loadPeople(); err != nil {
		return err
	}
	return s.rows(func(rec []string, line int) error {
		c, ref, err := p.parse(rec, line)
		if err != nil {
			return err
		}
		if s.exists(ref, c.Email, c.Name) {
			s.sum.Skipped++
			return nil
		}
		if ref != "" {
			c.RefSource, c.Ref = s.source, ref
		}
		if err := s.l.Customer(&c); err != nil {
			return &LineError{Line: line, Err: err}
		}
		s.remember(c)
		if ref != "" {
			s.customers[ref] = c.ID
		}
		s.sum.Customers++
		return nil
	})
}

// loadPeople reads every customer's email and name, to match the people
// of a generic file with those already stored.
func (s *session) loadPeople() error {
	s.emails, s.names = map[string]int64{}, map[string][]int64{}
	rows, err := s.l.Tx().QueryContext(s.ctx, "SELECT id, email, name FROM customers")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c model.Customer
		if err := rows.Scan(&c.ID, &c.Email, &c.Name); err != nil {
			return err
		}
		s.remember(c)
	}
	return rows.Err()
}

// remember adds a customer to the email and name maps.
func (s *session) remember(c model.Customer) {
	if e := strings.ToLower(c.Email); e != "" {
		if _, ok := s.emails[e]; !ok {
			s.emails[e] = c.ID
		}
	}
	k := foldName(c.Name)
	s.names[k] = append(s.names[k], c.ID)
}

func foldName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// exists reports whether a customer is already stored: by ref in this
// source, else by email, else by name when there is no email.
func (s *session) exists(ref, email, name string) bool {
	if ref != "" {
		_, ok := s.customers[ref]
		return ok
	}
	if email != "" {
		_, ok := s.emails[email]
		return ok
	}
	return len(s.names[foldName(name)]) > 0
}

// person returns the customer a generic orders row names, by email first,
// then by name, creating them when nobody matches; 0 when the row names
// nobody (an unattributed sale).
func (s *session) person(name, email string, line, nameCol, emailCol int) (int64, error) {
	if email != "" {
		if id, ok := s.emails[email]; ok {
			return id, nil
		}
	} else if name != "" {
		switch ids := s.names[foldName(name)]; len(ids) {
		case 0:
		case 1:
			return ids[0], nil
		default:
			return 0, s.bad(line, nameCol, "%d customers are called %q: add an email column to tell them apart",
				len(ids), name)
		}
	} else {
		return 0, nil
	}
	c := model.Customer{Name: name, Email: email, Stage: model.StageCustomer}
	if c.Name == "" {
		c.Name = email
	}
	if err := s.l.Customer(&c); err != nil {
		col := nameCol
		if col < 0 {
			col = emailCol
		}
		return 0, s.bad(line, col, "%s", fieldMsg(err))
	}
	s.remember(c)
	s.sum.Customers++
	return c.ID, nil
}
