package importer

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"clientele/model"
)

// customerFormat reads the rows of a file of customers.
type customerFormat interface {
	parse(r *row) (custIn, error)
}

// custIn is a customer as a row gives them.
type custIn struct {
	c    model.Customer
	ref  string // their id in the source
	skip string // why the row is not a customer, "" when it is
	// consent is the marketing the row says they agreed to, given on the
	// day of the import.
	consent []model.ConsentChannel
	// kept are cells that did not read and went to the notes: column and
	// value, for the summary.
	kept [][2]string
}

// loadPeople reads every customer's ref in this source, email and name,
// to match the people of a file with those already stored; and the refs
// in this source of customers merged into others (store.MergeCustomers),
// so that their orders land on the customer kept.
func (s *session) loadPeople() error {
	s.refs, s.emails, s.names = map[string]int64{}, map[string]int64{}, map[string][]int64{}
	rows, err := s.l.Tx().QueryContext(s.ctx, "SELECT id, email, name, coalesce(ref_source, ''), coalesce(ref, '') FROM customers")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c model.Customer
		if err := rows.Scan(&c.ID, &c.Email, &c.Name, &c.RefSource, &c.Ref); err != nil {
			return err
		}
		s.remember(c)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	merged, err := s.l.Tx().QueryContext(s.ctx, "SELECT customer_id, ref FROM customer_refs WHERE ref_source = ?", s.source)
	if err != nil {
		return err
	}
	defer merged.Close()
	for merged.Next() {
		var id int64
		var ref string
		if err := merged.Scan(&id, &ref); err != nil {
			return err
		}
		if _, ok := s.refs[ref]; !ok {
			s.refs[ref] = id
		}
	}
	return merged.Err()
}

// remember adds a customer to the maps that find people.
func (s *session) remember(c model.Customer) {
	if c.Ref != "" && c.RefSource == s.source {
		s.refs[c.Ref] = c.ID
	}
	if e := strings.ToLower(c.Email); e != "" {
		if _, ok := s.emails[e]; !ok {
			s.emails[e] = c.ID
		}
	}
	k := foldName(c.Name)
	s.names[k] = append(s.names[k], c.ID)
}

func foldName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// find returns the stored customer a file names: by their id in the
// source, else their email, else their name when there is no email.
func (s *session) find(ref, email, name string) (int64, int, bool) {
	if ref != "" {
		id, ok := s.refs[ref]
		return id, 1, ok
	}
	if email != "" {
		id, ok := s.emails[strings.ToLower(email)]
		return id, 1, ok
	}
	ids := s.names[foldName(name)]
	if len(ids) == 0 {
		return 0, 0, false
	}
	return ids[0], len(ids), true
}

// customer returns the id of the customer a row of orders names, creating
// them the first time. A phone or email that does not read is kept in
// their notes, and listed in the summary.
func (s *session) customer(p *person, line int) (int64, error) {
	if p.ref == "" && p.email == "" && p.name == "" {
		return 0, nil
	}
	if p.email != "" && model.ValidateEmail(strings.ToLower(p.email)) != nil && p.ref == "" && p.name != "" {
		// an odd email cannot name the customer: their name does
		s.keep(line, "email", p.email)
		p.email = ""
	}
	id, n, ok := s.find(p.ref, p.email, p.name)
	if ok && n > 1 {
		return 0, &LineError{Line: line, Err: fmt.Errorf("%d customers are called %q: the file gives no email "+
			"to tell them apart", n, p.name)}
	}
	if ok {
		return id, nil
	}
	c := model.Customer{Name: p.name, Email: strings.ToLower(p.email), Phone: p.phone, Country: p.country,
		Company: p.compy, Social: p.social, Source: p.acquired, Stage: model.StageCustomer, Address: p.addr}
	giveConsent(&c, p.consent, s.today())
	if c.Name == "" {
		c.Name = c.Email
	}
	if c.Name == "" {
		c.Name = "Customer " + p.ref
	}
	if p.ref != "" {
		c.RefSource, c.Ref = s.source, p.ref
	}
	s.forgive(&c, line, nil)
	if err := s.l.Customer(&c); err != nil {
		return 0, &LineError{Line: line, Err: fmt.Errorf("customer %q: %s", c.Name, fieldMsg(err))}
	}
	s.remember(c)
	s.sum.Customers++
	return c.ID, nil
}

// forgive moves the optional contact fields that do not read (a phone
// "0481", an odd email when the name names the customer) into the notes,
// saying so in the summary, rather than refuse a file of good customers.
func (s *session) forgive(c *model.Customer, line int, col func(field string) string) {
	if col == nil {
		col = func(f string) string { return f }
	}
	c.Normalize()
	if c.Phone != "" && model.ValidatePhone(c.Phone) != nil {
		s.keep(line, col("phone"), c.Phone)
		c.Notes = addNote(c.Notes, "Phone as written: "+c.Phone)
		c.Phone = ""
	}
	if c.Email != "" && model.ValidateEmail(c.Email) != nil && c.Name != c.Email {
		s.keep(line, col("email"), c.Email)
		c.Notes = addNote(c.Notes, "Email as written: "+c.Email)
		c.Email = ""
	}
}

// today is the day of the import: the day consent a file states without
// a date is recorded as given.
func (s *session) today() time.Time { return model.Day(s.db.Now()) }

// keep lists a field kept in notes for the summary.
func (s *session) keep(line int, col, v string) {
	s.sum.Kept = append(s.sum.Kept, fmt.Sprintf("line %d, column %s: %q", line, col, model.Printable(v)))
}

func addNote(notes, s string) string {
	if notes == "" {
		return s
	}
	return notes + "\n" + s
}

// fieldMsg is a model field error's message without the field's name.
func fieldMsg(err error) string {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	var es model.Errors
	if errors.As(err, &es) && len(es) > 0 {
		return es[0].Field + " " + es[0].Msg
	}
	return err.Error()
}

// loadOfferings reads every offering with a SKU.
func (s *session) loadOfferings() error {
	s.skus = map[string]*model.Offering{}
	rows, err := s.l.Tx().QueryContext(s.ctx, "SELECT id, sku, name, price, unit_cost FROM offerings WHERE sku IS NOT NULL")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		o := &model.Offering{}
		if err := rows.Scan(&o.ID, &o.SKU, &o.Name, &o.Price, &o.UnitCost); err != nil {
			return err
		}
		s.skus[o.SKU] = o
	}
	return rows.Err()
}

// offering returns the offering with sku, creating it (named name, priced
// price) the first time the import meets it.
func (s *session) offering(sku, name string, price model.Money, line int) (*model.Offering, error) {
	if o, ok := s.skus[sku]; ok {
		return o, nil
	}
	if strings.TrimSpace(name) == "" {
		name = sku
	}
	o := &model.Offering{SKU: sku, Name: name, Kind: model.KindProduct, Price: max(price, 0), Active: true}
	if err := s.l.Offering(o); err != nil {
		return nil, &LineError{Line: line, Err: fmt.Errorf("offering %q: %s", sku, fieldMsg(err))}
	}
	// The key is a copy: the row's own text lies in a record of the file
	// among megabytes of others, where every later row of the item would
	// compare its code with it, waiting on memory; the copies lie
	// together (the lookups of a year's lines, 0.11 → 0.06 s profiled).
	s.skus[strings.Clone(sku)] = o
	s.sum.Offerings++
	return o, nil
}

// customerSampleColumns are the cells of a customer sample.
var customerSampleColumns = []string{"name", "email", "phone", "company", "segments", "notes"}

// readCustomers imports a file of customers. A customer already stored
// (the same id in this source, else the same email, else the same name
// when there is no email) is skipped.
func (s *session) readCustomers(in *reader) error {
	if err := s.loadPeople(); err != nil {
		return err
	}
	s.pv.Columns = customerSampleColumns
	for {
		rec, line, err := in.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		s.sum.Rows++
		if s.opt.Progress != nil && s.sum.Rows%progressEvery == 0 {
			s.opt.Progress(s.sum.Rows, time.Since(s.start))
			if err := s.ctx.Err(); err != nil {
				return err
			}
		}
		r := &row{rec: rec, line: line, head: s.head, nb: s.nb, dates: s.dates}
		ci, err := s.cf.parse(r)
		if err != nil {
			return err
		}
		if err := s.addCustomer(ci, line); err != nil {
			return err
		}
	}
}

// addCustomer stores one customer read from a file, unless they are
// stored already.
func (s *session) addCustomer(ci custIn, line int) error {
	if ci.skip != "" {
		s.sum.Ignore(ci.skip)
		return nil
	}
	c := ci.c
	if c.Name == "" {
		c.Name = c.Email
	}
	if c.Stage == "" {
		// No order of theirs is in the book: a prospect, as the book calls
		// anyone who has not bought, until an order makes them a customer
		// (the load promotes prospects with a sale). A list of contacts is
		// not a list of customers.
		c.Stage = model.StageProspect
	}
	col := func(f string) string { return s.fieldColumn(f) }
	for _, k := range ci.kept {
		s.keep(line, k[0], k[1])
	}
	giveConsent(&c, ci.consent, s.today())
	s.forgive(&c, line, col)
	if _, _, ok := s.find(ci.ref, c.Email, c.Name); ok {
		s.sum.Skipped++
		s.sampleCustomer(line, "unchanged", ci.ref, c)
		return nil
	}
	if ci.ref != "" {
		c.RefSource, c.Ref = s.source, ci.ref
	}
	if err := c.Validate(); err != nil {
		var es model.Errors
		if errors.As(err, &es) && len(es) > 0 {
			return &LineError{Line: line, Column: col(es[0].Field), Err: errors.New(es[0].Msg)}
		}
		return &LineError{Line: line, Err: err}
	}
	if err := s.l.Customer(&c); err != nil {
		return &LineError{Line: line, Err: err}
	}
	s.remember(c)
	s.sum.Customers++
	s.sampleCustomer(line, "new", ci.ref, c)
	return nil
}

// fieldColumn names the file's column for a customer field, when the
// format says; else the field.
func (s *session) fieldColumn(f string) string {
	if n, ok := s.cf.(interface{ column(string) string }); ok {
		if c := n.column(f); c != "" {
			return c
		}
	}
	return f
}

func (s *session) sampleCustomer(line int, outcome, ref string, c model.Customer) {
	if len(s.pv.Samples) >= s.samples {
		return
	}
	s.pv.Samples = append(s.pv.Samples, Sample{Line: line, Outcome: outcome, ID: ref, Cells: []string{c.Name, c.Email,
		c.Phone, c.Company, strings.Join(c.Segments, ", "), firstLine(c.Notes)}})
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
