package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"clientele/model"
)

// Loader writes many records inside one transaction with prepared
// statements. Rows whose ids nobody needs (order lines, segment and value
// tags, and the queued costs, feedback and touches) are gathered into
// multi-row INSERTs, which cost SQLite far less per row than a statement
// each. Imports and the demo business use it; Load commits everything or
// nothing.
type Loader struct {
	ctx      context.Context
	tx       *sql.Tx
	conn     *sql.Conn              // the connection tx runs on, pinned
	raw      map[string]driver.Stmt // the batches' statements, prepared on conn's driver connection
	args     []driver.NamedValue    // a batch's arguments as the driver takes them, reused
	now      string
	stmts    map[string]*sql.Stmt
	segments map[string]int64 // folded name → id
	touched  map[int64]struct{}
	fields   map[int64]*model.CustomField // the custom fields, read once when a customer has values
	all      bool                         // refresh every customer's figures at the end
	deferred []index                      // indexes dropped for the load, built again at the end
	hist     *histSchema
	marks    map[string]int64 // each table's largest id before the load (store/historyload.go)
	triggers bookTriggers     // the book's triggers, dropped with the indexes, made again at the end
	written  int              // rows written so far (wrote)
	unhooked bool             // the history's triggers are away until stopRecording
	// unchecked is a load without foreign keys (LoadNew); offerings are
	// the offerings its order lines name, to look up once each.
	unchecked bool
	offerings map[int64]struct{}
	// freeText is freeTextLines while DeferIndexes keeps it; freeLines
	// counts the lines the load wrote that name no offering.
	freeText  *index
	freeLines int

	// The batches. Their rows point only at rows written at once
	// (customers, complaints) or at orders, never at each other; orders,
	// batched in a load without foreign keys, go first.
	orders, tags, values, lines, costs, feedback, touches batch
	// plainLines are order lines of an exact price and no unit cost (most
	// of an import's), their NULL and 0 written in the INSERT rather than
	// bound: a quarter fewer values a line. A line goes to lines or
	// plainLines after the other's are written, so lines take their ids
	// in the order they come.
	plainLines batch
	nextOrder  int64 // the id the next batched order takes; 0 before the first
}

// batch gathers the rows of one table for multi-row INSERTs.
type batch struct {
	insert string // "INSERT INTO t (a, b) VALUES "
	cols   int
	row    string // a row's values when not cols placeholders: "(?, ?, NULL)"
	args   []any  // pending values, cols per row
	full   string // the INSERT of rowsPerInsert rows, made once
}

// rowsPerInsert is how many rows one INSERT of a batch carries: enough to
// spread the cost of a statement thin, few enough to stay far below
// SQLite's limit on bound variables.
const rowsPerInsert = 256

// index is a secondary index as the schema defines it.
type index struct{ name, table, sql string }

// loadTables are the tables a Loader writes rows to.
var loadTables = []string{"customers", "customer_segments", "customer_values", "orders", "order_lines",
	"costs", "feedback", "complaints", "touches"}

// Load runs fn with a Loader in one IMMEDIATE transaction, then refreshes
// the list figures and filter text of every customer it touched and the
// kept months and cards of every customer whose records it changed, and
// commits. Any error rolls the whole load back. The load is one change of
// the history, recorded as the runs of rows it added and the rows it
// replaced (store/historyload.go); Describe says what it was.
//
// The load first copies what the -wal holds into the file (a passive
// checkpoint, which waits for no one), so that a load the disk fills
// midway leaves a -wal of its own pages only, which write gives back.
func (db *DB) Load(ctx context.Context, fn func(l *Loader) error) error {
	return db.load(ctx, false, fn)
}

// LoadNew is Load for a load that only adds records: nothing it writes
// replaces or deletes a row (ReplaceOrder refuses). SQLite's foreign keys
// are off while it runs, which spares every order line two lookups;
// instead the load proves, before it commits, that every row it added
// refers to rows that are there: an order line's order is the one
// Order just wrote, its offerings are looked up once each, and the rows
// of every other table the load added are checked in one query per
// reference (checkReferences). A reference to nothing rolls the whole
// load back, as a foreign key would have.
func (db *DB) LoadNew(ctx context.Context, fn func(l *Loader) error) error {
	return db.load(ctx, true, fn)
}

func (db *DB) load(ctx context.Context, unchecked bool, fn func(l *Loader) error) error {
	if db.readOnly == nil {
		db.w.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
	}
	n := note{model.ActionImport, "Loaded records in bulk"}
	return db.changeOn(ctx, model.ChangeEdit, n, false, true, unchecked, func(conn *sql.Conn, tx *sql.Tx, _ int64) error {
		l := &Loader{ctx: ctx, tx: tx, now: db.Now().Format(model.DateTimeLayout), hist: db.hist,
			unchecked: unchecked, conn: conn, raw: map[string]driver.Stmt{},
			stmts: map[string]*sql.Stmt{}, touched: map[int64]struct{}{},
			orders: batch{insert: `INSERT INTO orders (id, customer_id, ordered_at, kind, source, external_id, notes,
				lines_amount, lines_direct_cost, import_hash, payment_due_on, paid_on, created_at) VALUES `, cols: 13},
			tags:   batch{insert: "INSERT OR IGNORE INTO customer_segments (customer_id, segment_id) VALUES ", cols: 2},
			values: batch{insert: "INSERT OR IGNORE INTO customer_values (customer_id, value) VALUES ", cols: 2},
			lines: batch{insert: `INSERT INTO order_lines (order_id, offering_id, description, quantity, unit_price,
				unit_price_exact, amount, unit_cost) VALUES `, cols: 8},
			plainLines: batch{insert: `INSERT INTO order_lines (order_id, offering_id, description, quantity,
				unit_price, unit_price_exact, amount, unit_cost) VALUES `, cols: 6, row: "(?, ?, ?, ?, ?, NULL, ?, 0)"},
			costs: batch{insert: `INSERT INTO costs (incurred_on, customer_id, order_id, complaint_id, category,
				amount, minutes, note, created_at) VALUES `, cols: 9},
			feedback: batch{insert: `INSERT INTO feedback (received_on, customer_id, channel, kind, question, answer,
				score, offering_id, theme, status, replied_on, created_at) VALUES `, cols: 12},
			touches: batch{insert: `INSERT INTO touches (customer_id, touched_at, channel, kind, summary, created_at)
				VALUES `, cols: 6},
		}
		if unchecked {
			l.offerings = map[int64]struct{}{}
		}
		defer l.close()
		if err := setLoading(ctx, tx, loadMarks); err != nil {
			return err
		}
		if err := l.startRecording(); err != nil {
			return err
		}
		if err := fn(l); err != nil {
			return err
		}
		if err := l.finish(); err != nil {
			return err
		}
		return l.stopRecording()
	})
}

// Describe says in words what the load did, for the history: "Imported
// 26,325 orders from orders.csv".
func (l *Loader) Describe(what string) error { return describe(l.ctx, l.tx, what) }

func (l *Loader) close() {
	for _, s := range l.stmts {
		s.Close()
	}
	if len(l.raw) > 0 {
		l.conn.Raw(func(any) error {
			for _, s := range l.raw {
				s.Close()
			}
			return nil
		})
	}
}

// stmt returns the prepared statement for query, preparing it once.
func (l *Loader) stmt(query string) (*sql.Stmt, error) {
	if s, ok := l.stmts[query]; ok {
		return s, nil
	}
	s, err := l.tx.PrepareContext(l.ctx, query)
	if err != nil {
		return nil, err
	}
	l.stmts[query] = s
	return s, nil
}

func (l *Loader) insert(query string, args ...any) (int64, error) {
	s, err := l.stmt(query)
	if err != nil {
		return 0, err
	}
	res, err := s.ExecContext(l.ctx, args...)
	if err != nil {
		return 0, mapErr(err)
	}
	if err := l.wrote(1); err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// queue adds one row to b and writes the batch when it is full.
func (l *Loader) queue(b *batch, row ...any) error {
	b.args = append(b.args, row...)
	if len(b.args) >= rowsPerInsert*b.cols {
		return l.flush(b)
	}
	return nil
}

// flush writes b's pending rows in one INSERT, after the orders they
// may point at.
func (l *Loader) flush(b *batch) error {
	n := len(b.args) / b.cols
	if n == 0 {
		return nil
	}
	if b != &l.orders {
		if err := l.flush(&l.orders); err != nil {
			return err
		}
	}
	if err := l.exec(b.query(n), b.args); err != nil {
		return err
	}
	clear(b.args)
	b.args = b.args[:0]
	return l.wrote(n)
}

// query is the INSERT of n of b's rows.
func (b *batch) query(n int) string {
	if n == rowsPerInsert && b.full != "" {
		return b.full
	}
	row := b.row
	if row == "" {
		row = "(" + placeholders(b.cols) + ")"
	}
	q := b.insert + strings.Repeat(row+", ", n-1) + row
	if n == rowsPerInsert {
		b.full = q
	}
	return q
}

// exec runs a batch's INSERT on the driver's connection itself, with its
// statement prepared once: database/sql's checks and conversions of every
// argument, a slice of them per statement, were a third of the cost of
// writing order lines. The arguments are converted as database/sql would
// (driver.DefaultParameterConverter), those that are already driver
// values (nearly all) as they are.
func (l *Loader) exec(query string, args []any) error {
	if l.conn == nil {
		_, err := l.insert(query, args...)
		return err
	}
	l.args = l.args[:0]
	for i, a := range args {
		v, err := driverValue(a)
		if err != nil {
			return fmt.Errorf("argument %d: %w", i+1, err)
		}
		l.args = append(l.args, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	err := l.conn.Raw(func(dc any) error {
		s, ok := l.raw[query]
		if !ok {
			p, ok := dc.(driver.ConnPrepareContext)
			if !ok {
				return fmt.Errorf("the driver's connection %T cannot prepare with a context", dc)
			}
			var err error
			if s, err = p.PrepareContext(l.ctx, query); err != nil {
				return err
			}
			l.raw[query] = s
		}
		x, ok := s.(driver.StmtExecContext)
		if !ok {
			return fmt.Errorf("the driver's statement %T cannot execute with a context", s)
		}
		_, err := x.ExecContext(l.ctx, l.args)
		return err
	})
	clear(l.args)
	return mapErr(err)
}

// driverValue is v as database/sql would hand it to the driver.
func driverValue(v any) (driver.Value, error) {
	switch x := v.(type) {
	case nil, int64, string, float64, bool, []byte, time.Time:
		return x, nil
	case model.Money:
		return int64(x), nil
	case int:
		return int64(x), nil
	}
	return driver.DefaultParameterConverter.ConvertValue(v)
}

// Flush writes every queued row. The load does it when it ends; call it
// first to read queued rows back through Tx.
func (l *Loader) Flush() error {
	for _, b := range []*batch{&l.orders, &l.tags, &l.values, &l.lines, &l.plainLines, &l.costs, &l.feedback,
		&l.touches} {
		if err := l.flush(b); err != nil {
			return err
		}
	}
	return nil
}

// StampAt makes the rows written from here on carry t as their created
// and updated time instead of the load's start. A generator that must write
// the same bytes on every run passes its own clock.
func (l *Loader) StampAt(t time.Time) { l.now = t.Format(model.DateTimeLayout) }

// Settings validates s and writes it in the load's transaction.
func (l *Loader) Settings(s model.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if err := l.saveBefore("settings", "1"); err != nil {
		return err
	}
	return writeSettings(l.ctx, l.tx, s)
}

// Tx is the load's transaction, for the occasional statement the Loader
// has no method for. Queued rows are not in it until Flush.
func (l *Loader) Tx() *sql.Tx { return l.tx }

// Customer stores c (normalized and validated) with its segments and
// values, and sets c.ID.
func (l *Loader) Customer(c *model.Customer) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	fields, err := l.checkFields(c.Fields)
	if err != nil {
		return err
	}
	id, err := l.insert(`INSERT INTO customers (name, email, phone, social, company, country, channel, stage,
		fit, language, tier, source, acquisition_cost, referred_by, snoozed_until, let_go_reason,
		notes, ref_source, ref, created_at, updated_at, archived_at, `+addressColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		append([]any{c.Name, c.Email, c.Phone, c.Social, c.Company, c.Country, c.Channel, c.Stage, nullInt(c.Fit),
			c.Language, nullInt(c.Tier), c.Source, c.AcquisitionCost, nullID(c.ReferredBy),
			dbDate(c.SnoozedUntil), c.LetGoReason, c.Notes, c.RefSource, nullText(c.Ref),
			l.stamp(c.CreatedAt), l.stamp(c.UpdatedAt), dbTime(c.ArchivedAt)}, addressValues(c)...)...)
	if err != nil {
		return err
	}
	c.ID = id
	if err := l.extras(c, fields); err != nil {
		return err
	}
	for _, name := range c.Segments {
		segID, err := l.segment(name)
		if err != nil {
			return err
		}
		if err := l.queue(&l.tags, id, segID); err != nil {
			return err
		}
	}
	for _, v := range c.Values {
		if err := l.queue(&l.values, id, v); err != nil {
			return err
		}
	}
	l.touched[id] = struct{}{}
	return nil
}

// checkFields checks a new customer's custom field values against the
// definitions, read once a load.
func (l *Loader) checkFields(vs []model.FieldValue) ([]model.FieldValue, error) {
	if len(vs) == 0 {
		return nil, nil
	}
	if l.fields == nil {
		defs, err := readCustomFields(l.ctx, l.tx)
		if err != nil {
			return nil, err
		}
		l.fields = model.FieldsByID(defs)
	}
	return model.NormalizeValues(vs, l.fields, l.stampTime())
}

// extras writes a new customer's follow-up date, reminders, occasions and
// field values, through prepared statements.
func (l *Loader) extras(c *model.Customer, fields []model.FieldValue) error {
	if !c.NextReview.IsZero() {
		if _, err := l.insert(`INSERT INTO reminders (customer_id, kind, starts_on, created_at)
			VALUES (?, 'follow-up', ?, ?)`, c.ID, dbDate(c.NextReview), l.now); err != nil {
			return err
		}
	}
	for i := range c.Reminders {
		r := &c.Reminders[i]
		r.CustomerID = c.ID
		id, err := l.insert(`INSERT INTO reminders (customer_id, kind, starts_on, repeat_unit, repeat_every, note,
			created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, r.Kind, dbDate(r.Start), r.Unit, r.Every, r.Note, l.now)
		if err != nil {
			return err
		}
		r.ID = id
	}
	for i := range c.Occasions {
		o := &c.Occasions[i]
		o.CustomerID = c.ID
		id, err := l.insert(`INSERT INTO occasions (customer_id, kind, name, month, day, year, yearly, note,
			created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, o.Kind, o.Name, int(o.Month), o.Day,
			nullInt(o.Year), o.Yearly, o.Note, l.now)
		if err != nil {
			return err
		}
		o.ID = id
	}
	for _, v := range fields {
		if _, err := l.insert(`INSERT INTO customer_fields (customer_id, field_id, value) VALUES (?, ?, ?)`,
			c.ID, v.FieldID, v.Value); err != nil {
			return err
		}
	}
	c.Fields = fields
	return nil
}

// CustomField stores f (normalized and validated) and sets f.ID; a name
// another field has is ErrConflict.
func (l *Loader) CustomField(f *model.CustomField) error {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	id, err := l.insert(`INSERT INTO custom_fields (name, kind, choices, on_order, position, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, f.Name, f.Kind, strings.Join(f.Choices, "\n"), f.OnOrder, f.Position, l.now)
	if err != nil {
		return err
	}
	f.ID = id
	l.fields = nil
	return nil
}

// stampTime is the load's clock as a time.
func (l *Loader) stampTime() time.Time {
	t, _ := time.Parse(model.DateTimeLayout, l.now)
	return t
}

// stamp is t as a stored time, or the load's start for the zero time.
func (l *Loader) stamp(t time.Time) string {
	if t.IsZero() {
		return l.now
	}
	return t.Format(model.DateTimeLayout)
}

// segment returns the id of the segment called name, creating it once.
func (l *Loader) segment(name string) (int64, error) {
	key := fold(strings.TrimSpace(name))
	if id, ok := l.segments[key]; ok {
		return id, nil
	}
	if l.segments == nil {
		l.segments = map[string]int64{}
	}
	id, err := ensureSegment(l.ctx, l.tx, name)
	if err != nil {
		return 0, err
	}
	l.segments[key] = id
	return id, nil
}

// Segment stores s (validated) and sets s.ID.
func (l *Loader) Segment(s *model.Segment) error {
	if err := s.Validate(); err != nil {
		return err
	}
	id, err := l.insert("INSERT INTO segments (name, cadence_days, notes, created_at) VALUES (?, ?, ?, ?)",
		strings.TrimSpace(s.Name), nullInt(s.CadenceDays), s.Notes, l.now)
	if err != nil {
		return err
	}
	s.ID = id
	if l.segments == nil {
		l.segments = map[string]int64{}
	}
	l.segments[fold(strings.TrimSpace(s.Name))] = id
	return nil
}

// Offering stores o (validated) and sets o.ID.
func (l *Loader) Offering(o *model.Offering) error {
	if err := o.Validate(); err != nil {
		return err
	}
	id, err := l.insert(`INSERT INTO offerings (sku, name, kind, tier, price, unit_cost, active, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, nullText(o.SKU), o.Name, o.Kind, nullInt(o.Tier), o.Price, o.UnitCost,
		o.Active, l.now)
	if err != nil {
		return err
	}
	o.ID = id
	return nil
}

// Order stores o and its lines (validated) and sets o.ID; the order keeps
// the sums of its lines, which are written in batches.
func (l *Loader) Order(o *model.Order) error {
	if err := o.Validate(); err != nil {
		return err
	}
	row := []any{nullID(o.CustomerID), dbTime(o.OrderedAt), o.Kind, o.Source, nullText(o.ExternalID), o.Notes,
		o.Total(), o.DirectCost(), nullInt64(o.ImportHash), dbDate(o.PaymentDue), dbDate(o.PaidOn), l.now}
	var id int64
	if l.unchecked {
		// A load that only adds (LoadNew) batches its orders too, with
		// the ids SQLite would give them: one more than the largest.
		if l.nextOrder == 0 {
			if err := l.tx.QueryRowContext(l.ctx, "SELECT coalesce(max(id), 0) + 1 FROM orders").
				Scan(&l.nextOrder); err != nil {
				return err
			}
		}
		id = l.nextOrder
		l.nextOrder++
		if err := l.queue(&l.orders, append([]any{id}, row...)...); err != nil {
			return err
		}
	} else {
		var err error
		id, err = l.insert(`INSERT INTO orders (customer_id, ordered_at, kind, source, external_id, notes,
			lines_amount, lines_direct_cost, import_hash, payment_due_on, paid_on, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, row...)
		if err != nil {
			return err
		}
	}
	o.ID = id
	if err := l.queueLines(id, o.Lines); err != nil {
		return err
	}
	if o.CustomerID != 0 {
		l.touched[o.CustomerID] = struct{}{}
	}
	return nil
}

// queueLines queues the lines of order id. The values go as the driver
// takes them (int64, not model.Money), and the order's id is made a value
// once: each conversion to a driver value of a number above 255 is an
// allocation, and a year's import writes half a million lines.
func (l *Loader) queueLines(id int64, lines []model.OrderLine) error {
	oid := any(id)
	for _, ln := range lines {
		if l.unchecked && ln.OfferingID != 0 {
			l.offerings[ln.OfferingID] = struct{}{}
		}
		if ln.OfferingID == 0 {
			if l.freeLines++; l.freeLines == freeTextFew && l.freeText != nil {
				if err := l.deferIndex(*l.freeText); err != nil {
					return err
				}
				l.freeText = nil
			}
		}
		b, other := &l.lines, &l.plainLines
		if ln.UnitPriceExact == "" && ln.UnitCost == 0 {
			b, other = other, b
		}
		if len(other.args) > 0 {
			if err := l.flush(other); err != nil {
				return err
			}
		}
		var err error
		if b == &l.plainLines {
			err = l.queue(b, oid, nullID(ln.OfferingID), ln.Description, ln.Quantity, int64(ln.UnitPrice),
				int64(ln.Amount))
		} else {
			err = l.queue(b, oid, nullID(ln.OfferingID), ln.Description, ln.Quantity, int64(ln.UnitPrice),
				nullText(ln.UnitPriceExact), int64(ln.Amount), int64(ln.UnitCost))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Cost stores c (validated) and sets c.ID.
func (l *Loader) Cost(c *model.Cost) error {
	if err := c.Validate(); err != nil {
		return err
	}
	id, err := l.insert(`INSERT INTO costs (incurred_on, customer_id, order_id, complaint_id, category, amount,
		minutes, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, dbDate(c.On), nullID(c.CustomerID),
		nullID(c.OrderID), nullID(c.ComplaintID), c.Category, c.Amount, nullInt(c.Minutes), c.Note, l.now)
	if err != nil {
		return err
	}
	c.ID = id
	return nil
}

// QueueCost validates c and queues it to be written in a batch. Its id is
// not known: use Cost when it is needed.
func (l *Loader) QueueCost(c model.Cost) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return l.queue(&l.costs, dbDate(c.On), nullID(c.CustomerID), nullID(c.OrderID), nullID(c.ComplaintID),
		c.Category, c.Amount, nullInt(c.Minutes), c.Note, l.now)
}

// Feedback stores f (validated) and sets f.ID.
func (l *Loader) Feedback(f *model.Feedback) error {
	if err := f.Validate(); err != nil {
		return err
	}
	var score any
	if f.HasScore {
		score = f.Score
	}
	id, err := l.insert(`INSERT INTO feedback (received_on, customer_id, channel, kind, question, answer, score,
		offering_id, theme, status, replied_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		dbDate(f.On), nullID(f.CustomerID), f.Channel, f.Kind, f.Question, f.Answer, score, nullID(f.OfferingID),
		f.Theme, f.Status, dbDate(f.RepliedOn), l.now)
	if err != nil {
		return err
	}
	f.ID = id
	return nil
}

// QueueFeedback validates f and queues it to be written in a batch. Its id
// is not known: use Feedback when it is needed.
func (l *Loader) QueueFeedback(f model.Feedback) error {
	if err := f.Validate(); err != nil {
		return err
	}
	var score any
	if f.HasScore {
		score = f.Score
	}
	return l.queue(&l.feedback, dbDate(f.On), nullID(f.CustomerID), f.Channel, f.Kind, f.Question, f.Answer, score,
		nullID(f.OfferingID), f.Theme, f.Status, dbDate(f.RepliedOn), l.now)
}

// Complaint stores c (validated) and sets c.ID; a remedy cost is stored as a
// cost to serve of category remedy linked to the complaint.
func (l *Loader) Complaint(c *model.Complaint) error {
	if err := c.Validate(); err != nil {
		return err
	}
	id, err := l.insert(`INSERT INTO complaints (opened_on, customer_id, order_id, offering_id, category, severity,
		what_went_wrong, remedy, guarantee, honoured_on, remedied_on, prevention, status, closed_on, outcome,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		dbDate(c.OpenedOn), nullID(c.CustomerID), nullID(c.OrderID), nullID(c.OfferingID), c.Category, c.Severity,
		c.WhatWentWrong, c.Remedy, c.Guarantee, dbDate(c.HonouredOn), dbDate(c.RemediedOn), c.Prevention, c.Status,
		dbDate(c.ClosedOn), c.Outcome, l.now, l.now)
	if err != nil {
		return err
	}
	c.ID = id
	if c.RemedyCost > 0 {
		on := c.RemediedOn
		if on.IsZero() {
			on = c.OpenedOn
		}
		return l.Cost(&model.Cost{On: on, CustomerID: c.CustomerID, OrderID: c.OrderID, ComplaintID: id,
			Category: model.CostRemedy, Amount: c.RemedyCost, Note: "remedy: " + firstLine(c.Remedy)})
	}
	return nil
}

// Touch stores t (validated) and sets t.ID.
func (l *Loader) Touch(t *model.Touch) error {
	if err := t.Validate(); err != nil {
		return err
	}
	id, err := l.insert(`INSERT INTO touches (customer_id, touched_at, channel, kind, summary, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, t.CustomerID, dbTime(t.At), t.Channel, t.Kind, t.Summary, l.now)
	if err != nil {
		return err
	}
	t.ID = id
	return nil
}

// QueueTouch validates t and queues it to be written in a batch. Its id is
// not known: use Touch when it is needed.
func (l *Loader) QueueTouch(t model.Touch) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return l.queue(&l.touches, t.CustomerID, dbTime(t.At), t.Channel, t.Kind, t.Summary, l.now)
}

// DeferIndexes drops the secondary indexes of the tables the load writes
// and builds them again when it ends, in the same transaction: building an
// index once from all its rows is several times faster than keeping it in
// order row by row. A load that writes most of the rows its tables will
// hold (the demo business, a first import) should call it before writing
// anything; a small import into a large database should not. Unique indexes
// stay, so a conflict is still caught at the row that causes it.
func (l *Loader) DeferIndexes() error {
	rows, err := l.tx.QueryContext(l.ctx, `SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index'
		AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %' AND tbl_name IN (`+placeholders(len(loadTables))+`)
		ORDER BY name`, anys(loadTables)...)
	if err != nil {
		return err
	}
	var idx []index
	for rows.Next() {
		var i index
		if err := rows.Scan(&i.name, &i.table, &i.sql); err != nil {
			rows.Close()
			return err
		}
		idx = append(idx, i)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, i := range idx {
		if i.name == freeTextLines {
			l.freeText = &i
			continue
		}
		if err := l.deferIndex(i); err != nil {
			return err
		}
	}
	// A load this big recomputes every customer's months and card at its
	// end: the book's triggers need not run row by row.
	if err := setLoading(l.ctx, l.tx, loadRebuild); err != nil {
		return err
	}
	l.triggers, err = dropBookTriggers(l.ctx, l.tx)
	return err
}

// freeTextLines is the index of the order lines that name no offering,
// which DeferIndexes keeps until a load has written freeTextFew of them:
// a file whose lines all name an item (most) adds nothing to it, and
// building it at the end would read every line to find none; a file of
// lines with only a description adds them in no order, which is cheaper
// built at the end, as the other indexes are.
const (
	freeTextLines = "order_lines_by_description"
	freeTextFew   = 10000
)

// deferIndex drops i, to be built at the end of the load.
func (l *Loader) deferIndex(i index) error {
	if _, err := l.tx.ExecContext(l.ctx, `DROP INDEX "`+i.name+`"`); err != nil {
		return err
	}
	l.deferred = append(l.deferred, i)
	return nil
}

// buildDeferred builds the indexes DeferIndexes dropped on the tables
// for which which returns true, with SQLite's sorter in small runs
// (sortInRuns).
func (l *Loader) buildDeferred(which func(table string) bool) error {
	var left, build []index
	for _, i := range l.deferred {
		if which(i.table) {
			build = append(build, i)
		} else {
			left = append(left, i)
		}
	}
	if len(build) == 0 {
		return nil
	}
	restore, err := l.sortInRuns()
	if err != nil {
		return err
	}
	for _, i := range build {
		if _, err := l.tx.ExecContext(l.ctx, i.sql); err != nil {
			restore()
			return fmt.Errorf("building index %s: %w", i.name, err)
		}
	}
	l.deferred = left
	return restore()
}

// sortRunKB is the page cache, in KB, while deferred indexes are built:
// the size of the sorter's runs.
const sortRunKB = 1024

// sortInRuns makes SQLite's sorter sort an index's keys in runs it
// merges, and returns what gives the connection its settings back. With
// temporary storage in memory (the writer's, for statement journals) the
// sorter keeps every key of an index in one list, each key allocated on
// its own, and merge-sorts the list: the keys of a year's half a million
// order lines by offering took half a second, most of it waiting on
// memory. With temporary files it sorts runs as large as the page cache
// (sortRunKB, which the processor's caches hold) and merges them as it
// builds the index: less than half the time. The runs go to temporary
// files that vanish with their statement; a disk too full for them fails
// the load as any write would.
//
// Temporary storage cannot change while the temporary database is in a
// transaction (a file in no order staged its rows there, and left
// temp_store at FILE): then it is left as it is.
func (l *Loader) sortInRuns() (restore func() error, err error) {
	var store int
	var cache int64
	if err := l.tx.QueryRowContext(l.ctx, "PRAGMA temp_store").Scan(&store); err != nil {
		return nil, err
	}
	if err := l.tx.QueryRowContext(l.ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
		return nil, err
	}
	const file = 1
	changed := false
	if store != file {
		_, err := l.tx.ExecContext(l.ctx, "PRAGMA temp_store = FILE")
		changed = err == nil
	}
	if _, err := l.tx.ExecContext(l.ctx, fmt.Sprintf("PRAGMA cache_size = %d", -sortRunKB)); err != nil {
		return nil, err
	}
	return func() error {
		if changed {
			l.tx.ExecContext(l.ctx, fmt.Sprintf("PRAGMA temp_store = %d", store))
		}
		_, err := l.tx.ExecContext(l.ctx, fmt.Sprintf("PRAGMA cache_size = %d", cache))
		return err
	}, nil
}

// anys is xs as query arguments.
func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// RefreshAll makes the load recompute every customer's figures at the end
// instead of only those it touched: cheaper for loads that touch most.
func (l *Loader) RefreshAll() { l.all = true }

// finish writes the queued rows, refreshes the figures and filter text of
// the customers the load touched, recomputes the kept months the load
// changed (finishLoading), and builds any deferred indexes: those of the
// other tables before the refresh, which looks orders up by customer
// (without orders_by_customer the median gaps read every order once per
// customer: hours at 100,000 customers), those of customers after it, so
// that the refresh does not update them row by row.
func (l *Loader) finish() error {
	if err := l.Flush(); err != nil {
		return err
	}
	if err := l.checkReferences(); err != nil {
		return err
	}
	isCustomers := func(table string) bool { return table == "customers" }
	if err := l.buildDeferred(func(t string) bool { return !isCustomers(t) }); err != nil {
		return err
	}
	if err := l.refresh(); err != nil {
		return err
	}
	if err := finishLoading(l.ctx, l.tx); err != nil {
		return fmt.Errorf("recomputing the customers' months: %w", err)
	}
	if err := l.triggers.restore(l.ctx, l.tx); err != nil {
		return err
	}
	return l.buildDeferred(isCustomers)
}

// refresh recomputes the figures and filter text of the customers the load
// touched, or of all of them when that is cheaper: when most were touched,
// or when the indexes a lookup by customer needs are deferred.
func (l *Loader) refresh() error {
	fresh := int64(-1) // the orders this load added, above their mark, keep the sums of their lines
	if mark, ok := l.marks["orders"]; ok {
		fresh = mark
	}
	if l.all || len(l.deferred) > 0 || len(l.touched) > 5000 {
		if err := refreshFiguresAbove(l.ctx, l.tx, fresh); err != nil {
			return fmt.Errorf("refreshing customer figures: %w", err)
		}
		if err := l.promote(""); err != nil {
			return err
		}
		return refreshSearch(l.ctx, l.tx)
	}
	ids := make([]int64, 0, len(l.touched))
	for id := range l.touched {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if err := refreshFiguresAbove(l.ctx, l.tx, fresh, ids[:n]...); err != nil {
			return fmt.Errorf("refreshing customer figures: %w", err)
		}
		if err := l.promote(" AND id IN ("+placeholders(n)+")", ids[:n]...); err != nil {
			return err
		}
		if err := refreshSearch(l.ctx, l.tx, ids[:n]...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// promote makes the prospects the load sold to customers (those cond
// selects), keeping what they were for an undo.
func (l *Loader) promote(cond string, ids ...int64) error {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	where := "stage = 'prospect' AND order_count > 0" + cond
	if err := l.saveBefore("customers", where, args...); err != nil {
		return err
	}
	_, err := l.tx.ExecContext(l.ctx, "UPDATE customers SET stage = 'customer', updated_at = ? WHERE "+where,
		append([]any{l.now}, args...)...)
	return err
}

// remedyNoteRunes is how much of a remedy its cost's note keeps: the
// detail's timeline shows the note on one line as wide as the terminal (a
// cut at 80 left a wide one blank beside it).
const remedyNoteRunes = 240

// firstLine returns the first line of s, cut to remedyNoteRunes characters.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > remedyNoteRunes {
		return string(r[:remedyNoteRunes-1]) + "…"
	}
	return s
}
