package importer

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strconv"
	"strings"
	"time"

	"clientele/model"
	"clientele/store"
)

// orderFormat reads the rows of a file of orders or payments.
type orderFormat interface {
	// keyCol is the column holding the order id, -1 when every row is an
	// order of its own.
	keyCol() int
	// dateCols are the columns holding dates, for the file's date order.
	dateCols() []int
	// parse reads one row into the parts of orders it holds (most rows
	// hold a line of one order; a header row of a Shopify order also holds
	// its refund, a PayPal withdrawal holds nothing but a reason).
	parse(r *row) ([]part, error)
}

// part is what one row says about one order.
type part struct {
	key      string    // the order's id in the source
	at       time.Time // zero when the row has no date
	refund   bool
	who      *person // the customer, nil when the row does not say
	lines    []lineIn
	costs    []costIn
	notes    string
	currency string // the row's currency, "" when the file has none
	// skip is why the order is neither a sale nor a refund (cancelled, a
	// withdrawal…): it is counted by that reason and not stored.
	skip string
	// total, when set, is the order's revenue as the file states it: its
	// lines must add up to it.
	total    *model.Money
	totalCol int
	line     int
	// once marks a part that every row of an order repeats (WooCommerce's
	// order columns): only the first of an order counts.
	once string
}

// reuser is an orderFormat whose parts share buffers that a group's
// orders are done with once they are stored: reuse hands them out again.
type reuser interface{ reuse() }

// lineIn is an order line as read.
type lineIn struct {
	desc, sku string
	qty       int64
	price     model.Decimal
	amount    model.Money
	unitCost  model.Money
	line      int
}

// costIn is a cost to serve an order (a payment fee) as read.
type costIn struct {
	cat    model.CostCategory
	amount model.Money
	note   string
}

// person is a customer as a file names them.
type person struct {
	ref                   string // their id in the source, "" for none
	email, name           string
	phone, country, compy string
	social, acquired      string
	addr                  model.Address
	consent               []model.ConsentChannel // marketing the file says they agreed to
}

// row is one record being read, with what reading its fields needs.
type row struct {
	rec   []string
	line  int
	head  *header
	nb    numbers
	dates dateOrder
}

func (r *row) get(i int) string { return field(r.rec, i) }

// bad returns a LineError about column i.
func (r *row) bad(i int, format string, args ...any) error {
	col := ""
	if i >= 0 && i < len(r.head.names) {
		col = r.head.names[i]
	}
	return &LineError{Line: r.line, Column: col, Err: fmt.Errorf(format, args...)}
}

func (r *row) date(i int) (time.Time, error) {
	t, err := r.dates.parse(r.get(i))
	if err != nil {
		return t, r.bad(i, "%v", err)
	}
	return t, nil
}

func (r *row) money(i int) (model.Money, error) {
	m, err := r.nb.money(r.get(i))
	if err != nil {
		return 0, r.bad(i, "%v", err)
	}
	return m, nil
}

func (r *row) optMoney(i int) (model.Money, error) {
	m, err := r.nb.optMoney(r.get(i))
	if err != nil {
		return 0, r.bad(i, "%v", err)
	}
	return m, nil
}

func (r *row) decimal(i int) (model.Decimal, error) {
	d, err := r.nb.decimal(r.get(i))
	if err != nil {
		return d, r.bad(i, "%v", err)
	}
	return d, nil
}

func (r *row) qty(i int) (int64, error) {
	q, err := quantity(r.get(i))
	if err != nil {
		return 0, r.bad(i, "%v", err)
	}
	return q, nil
}

func (r *row) currency(i int) (string, error) {
	c, err := currencyCode(r.get(i))
	if err != nil {
		return "", r.bad(i, "%v", err)
	}
	return c, nil
}

// session is one import's state.
type session struct {
	ctx      context.Context
	db       *store.DB
	l        *store.Loader
	sum      *model.ImportSummary
	pv       *Preview
	f        *format
	source   string
	opt      Options
	settings model.Settings
	nb       numbers
	dates    dateOrder
	sniff    dateSniffer
	mapping  string
	samples  int
	start    time.Time

	of   orderFormat
	cf   customerFormat
	head *header

	copies map[string]int // row digests seen, in files without order ids

	seed      maphash.Seed
	closed    map[uint64]struct{} // order keys whose rows ended (scan)
	scattered map[uint64]int      // order keys whose rows are apart → their turn, in the file's order
	staged    int
	// stageRows are rows set aside not yet written (k, line, rec each),
	// stageInsert the statement that writes stageRows of them.
	stageRows   []any
	stageInsert *sql.Stmt

	// row and parts are group's, reused from group to group.
	row   row
	parts []part
	// linesIn and lines are order's, reused from order to order.
	linesIn []lineIn
	lines   []model.OrderLine

	known    bool             // the book holds orders of this source
	currency string           // the file's currency, once read
	refs     map[string]int64 // customer ref → id, this source
	emails   map[string]int64 // folded email → id
	names    map[string][]int64
	skus     map[string]*model.Offering
}

// prepare builds the format's reader for the header.
func (s *session) prepare(in *reader) error {
	var err error
	s.mapping = in.head.mapping
	s.head = &in.head
	if s.f.kind == ordersKind {
		s.of, err = s.f.orders(&in.head, s.nb)
	} else {
		s.cf, err = s.f.customers(&in.head, s.nb)
	}
	return err
}

// scan is the first pass: every record is read and checked for shape,
// the dates are gathered to decide their order, and the order keys whose
// rows are apart from each other are found.
func (s *session) scan(in *reader) error {
	var dateCols []int
	keyCol := -1
	if s.of != nil {
		dateCols, keyCol = s.of.dateCols(), s.of.keyCol()
	} else if d, ok := s.cf.(interface{ dateCols() []int }); ok {
		dateCols = d.dateCols()
	}
	s.seed = maphash.MakeSeed()
	s.closed, s.scattered = map[uint64]struct{}{}, map[uint64]int{}
	var cur uint64
	started := false
	// The lines of an invoice repeat its date: a value the column held
	// on the row before tells the sniffer nothing new (add keeps the
	// first line of each finding), and splitting every one was a tenth
	// of a year's import.
	lastDate := make([]string, len(dateCols))
	for n := 1; ; n++ {
		rec, line, err := in.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if n%progressEvery == 0 {
			if err := s.ctx.Err(); err != nil {
				return err
			}
		}
		for i, c := range dateCols {
			v := field(rec, c)
			if s.cf != nil {
				v = birthdaySniffable(v) // a customer's dates are birthdays
			}
			if v == lastDate[i] {
				continue
			}
			lastDate[i] = v
			s.sniff.add(v, line)
		}
		if keyCol < 0 {
			continue
		}
		k := field(rec, keyCol)
		if k == "" {
			continue
		}
		h := maphash.String(s.seed, k)
		if started && h == cur {
			continue
		}
		if started {
			s.closed[cur] = struct{}{}
		}
		if _, ok := s.closed[h]; ok {
			if _, ok := s.scattered[h]; !ok {
				s.scattered[h] = len(s.scattered)
			}
		}
		cur, started = h, true
	}
	s.sum.CutShort = in.cutShort()
	s.closed = nil
	return nil
}

// loadCache is the page cache of a load: 16 MB. Twice that bought no
// time a year's import could measure, and a file in no order then
// peaked past the 150 MB budget (the sorter takes as much as the cache).
const loadCache = "PRAGMA cache_size = -16384"

// read is the second pass, inside the load.
func (s *session) read(in *reader) error {
	if _, err := s.l.Tx().ExecContext(s.ctx, loadCache); err != nil {
		return err
	}
	if s.cf != nil {
		return s.readCustomers(in)
	}
	return s.readOrders(in)
}

// recordFields is how many fields of records one array holds.
const recordFields = 4096

// record is a row kept for its group.
type record struct {
	rec  []string
	line int
}

// readOrders reads each order's rows as one group.
func (s *session) readOrders(in *reader) error {
	if err := s.loadPeople(); err != nil {
		return err
	}
	if err := s.loadOfferings(); err != nil {
		return err
	}
	var err error
	if s.known, err = s.l.HasOrders(s.source); err != nil {
		return err
	}
	if s.known && s.l.Unchecked() {
		// Another program imported orders of this source since the
		// import looked: they may be replaced, which needs foreign keys.
		return fmt.Errorf("orders from %s were imported by another program meanwhile: import the file again", s.source)
	}
	if !s.known {
		if err := s.deferIndexes(); err != nil {
			return err
		}
	}
	keyCol := s.of.keyCol()
	var group []record
	var fields []string // the records' fields, copied out of the reader's, many records to an array
	cur := ""
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		err := s.group(group)
		// Nothing keeps a record once its group is stored: the next
		// records' fields go over the same array.
		clear(group)
		group, fields = group[:0], fields[:0]
		return err
	}
	for {
		rec, line, err := in.next()
		if errors.Is(err, io.EOF) {
			break
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
		k := ""
		if keyCol >= 0 {
			k = field(rec, keyCol)
		}
		if k != "" && len(s.scattered) > 0 {
			if turn, ok := s.scattered[maphash.String(s.seed, k)]; ok {
				if err := s.stage(turn, rec, line); err != nil {
					return err
				}
				continue
			}
		}
		if k != cur || k == "" {
			if err := flush(); err != nil {
				return err
			}
			cur = k
		}
		if cap(fields)-len(fields) < len(rec) {
			fields = make([]string, 0, max(recordFields, len(rec)))
		}
		n := len(fields)
		fields = append(fields, rec...)
		group = append(group, record{rec: fields[n:len(fields):len(fields)], line: line})
	}
	if err := flush(); err != nil {
		return err
	}
	return s.readStaged()
}

// deferIndexes drops the indexes of the tables a first import fills, to
// build them once at the end, when the book holds little.
func (s *session) deferIndexes() error {
	var lines int
	if err := s.l.Tx().QueryRowContext(s.ctx, "SELECT count(*) FROM (SELECT 1 FROM order_lines LIMIT 50000)").
		Scan(&lines); err != nil {
		return err
	}
	if lines >= 50000 {
		return nil
	}
	return s.l.DeferIndexes()
}

// stage sets a row of an order whose rows are apart aside, in a temporary
// table read back, grouped, at the end. A row is kept under its order's
// turn (an integer, where the order's id would be text to compare), and
// rows go in by the hundred, one prepared INSERT for many: a statement a
// row was most of the cost of a file in no order.
func (s *session) stage(turn int, rec []string, line int) error {
	tx := s.l.Tx()
	if s.staged == 0 {
		// Rows set aside go to a temporary file, not memory, with a small
		// cache of their own: a file of rows in no order must not be held
		// whole.
		for _, q := range []string{"PRAGMA temp_store = FILE", "PRAGMA temp.cache_size = -2048"} {
			if _, err := tx.ExecContext(s.ctx, q); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(s.ctx, `CREATE TEMP TABLE IF NOT EXISTS import_stage (turn INTEGER NOT NULL,
			line INTEGER NOT NULL, rec BLOB NOT NULL)`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(s.ctx, "DELETE FROM temp.import_stage"); err != nil {
			return err
		}
	}
	s.staged++
	s.stageRows = append(s.stageRows, turn, line, packRecord(rec))
	if len(s.stageRows) < stageRows*3 {
		return nil
	}
	return s.flushStage()
}

// stageRows is how many rows set aside one INSERT writes.
const stageRows = 128

// flushStage writes the rows set aside and not yet written.
func (s *session) flushStage() error {
	n := len(s.stageRows) / 3
	if n == 0 {
		return nil
	}
	q := "INSERT INTO temp.import_stage (turn, line, rec) VALUES " + strings.Repeat("(?, ?, ?), ", n-1) + "(?, ?, ?)"
	var err error
	if n == stageRows {
		if s.stageInsert == nil {
			if s.stageInsert, err = s.l.Tx().PrepareContext(s.ctx, q); err != nil {
				return err
			}
		}
		_, err = s.stageInsert.ExecContext(s.ctx, s.stageRows...)
	} else {
		_, err = s.l.Tx().ExecContext(s.ctx, q, s.stageRows...)
	}
	clear(s.stageRows)
	s.stageRows = s.stageRows[:0]
	return err
}

// readStaged reads the rows set aside, an order at a time, in one query
// sorted by SQLite's sorter, which spills to temporary files rather than
// hold the rows in memory and reads them back in sequence. The rows of
// two orders whose ids share a hash would come as one group, which
// group parts by id again.
func (s *session) readStaged() error {
	if s.staged == 0 {
		return nil
	}
	if err := s.flushStage(); err != nil {
		return err
	}
	if s.stageInsert != nil {
		s.stageInsert.Close()
	}
	tx := s.l.Tx()
	// The sorter takes as much memory as the main cache may: a small one
	// while it sorts (on the first row), the load's again after.
	if _, err := tx.ExecContext(s.ctx, "PRAGMA cache_size = -4096"); err != nil {
		return err
	}
	rows, err := tx.QueryContext(s.ctx, "SELECT turn, line, rec FROM temp.import_stage ORDER BY turn, line")
	if err != nil {
		return err
	}
	defer rows.Close()
	var group []record
	cur := -1
	for first := true; rows.Next(); first = false {
		if first {
			if _, err := tx.ExecContext(s.ctx, loadCache); err != nil {
				return err
			}
		}
		var turn int
		var r record
		var b []byte
		if err := rows.Scan(&turn, &r.line, &b); err != nil {
			return err
		}
		r.rec = unpackRecord(b)
		if turn != cur && len(group) > 0 {
			if err := s.group(group); err != nil {
				return err
			}
			group = group[:0]
		}
		cur = turn
		group = append(group, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(group) > 0 {
		if err := s.group(group); err != nil {
			return err
		}
	}
	rows.Close()
	_, err = tx.ExecContext(s.ctx, "DROP TABLE temp.import_stage")
	return err
}

// packRecord writes fields as length-prefixed bytes.
func packRecord(rec []string) []byte {
	var b []byte
	for _, f := range rec {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

func unpackRecord(b []byte) []string {
	var out []string
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || int(n) > len(b)-k {
			break
		}
		out = append(out, string(b[k:k+int(n)]))
		b = b[k+int(n):]
	}
	return out
}

// group reads the rows of one order (or, in a file without order ids,
// one row) and stores what they hold.
func (s *session) group(recs []record) error {
	// Most groups are one order: its parts gather in s.parts, reused
	// from group to group; a group of several keys is grouped by key.
	var byKey map[string]*[]part
	var keys []string
	var seen map[string]bool
	parts := s.parts[:0]
	r := &s.row
	for _, rc := range recs {
		*r = row{rec: rc.rec, line: rc.line, head: s.head, nb: s.nb, dates: s.dates}
		got, err := s.of.parse(r)
		if err != nil {
			return err
		}
		for _, p := range got {
			p.line = rc.line
			if p.key == "" {
				p.key = s.rowKey(rc.rec)
			}
			if p.once != "" {
				if seen == nil {
					seen = map[string]bool{}
				}
				if seen[p.key+"\x00"+p.once] {
					continue
				}
				seen[p.key+"\x00"+p.once] = true
			}
			if byKey == nil && (len(parts) == 0 || parts[0].key == p.key) {
				parts = append(parts, p)
				continue
			}
			if byKey == nil {
				byKey = map[string]*[]part{}
				own := append([]part(nil), parts...)
				byKey[parts[0].key] = &own
				keys = append(keys, parts[0].key)
			}
			ps, ok := byKey[p.key]
			if !ok {
				ps = &[]part{}
				byKey[p.key] = ps
				keys = append(keys, p.key)
			}
			*ps = append(*ps, p)
		}
	}
	defer func() {
		clear(parts) // the parts hold rows' text: let it go
		s.parts = parts[:0]
		if r, ok := s.of.(reuser); ok {
			r.reuse()
		}
	}()
	if byKey == nil {
		if len(parts) == 0 {
			return nil
		}
		return s.order(parts[0].key, parts)
	}
	for _, k := range keys {
		if err := s.order(k, *byKey[k]); err != nil {
			return err
		}
	}
	return nil
}

// order stores one order from its parts: new, changed, unchanged or in
// conflict with an edit made here.
func (s *session) order(k string, parts []part) error {
	first := parts[0].line
	var o model.Order
	o.Source, o.ExternalID, o.Kind = s.source, k, model.OrderSale
	var who *person
	var costs []costIn
	// The order's lines, as read and as stored, in buffers reused from
	// order to order: nothing keeps them once the order is written.
	lines, stored := s.linesIn[:0], s.lines[:0]
	defer func() {
		clear(lines)
		clear(o.Lines)
		s.linesIn, s.lines = lines[:0], o.Lines[:0]
	}()
	o.Lines = stored
	var total *model.Money
	totalCol := -1
	refund := parts[0].refund
	for _, p := range parts {
		if p.skip != "" {
			s.sum.Ignore(p.skip)
			s.sample(first, "ignored: "+p.skip, k, nil, nil)
			return nil
		}
		if !p.at.IsZero() && (o.OrderedAt.IsZero() || p.at.Before(o.OrderedAt)) {
			o.OrderedAt = p.at
		}
		if who == nil {
			who = p.who
		}
		if p.refund != refund {
			return &LineError{Line: p.line, Err: fmt.Errorf("order %s mixes sale and refund rows: give the refund "+
				"an order id of its own", k)}
		}
		if p.notes != "" && o.Notes == "" {
			o.Notes = p.notes
		}
		if p.total != nil {
			total, totalCol = p.total, p.totalCol
		}
		if err := s.checkCurrency(p); err != nil {
			return err
		}
		lines = append(lines, p.lines...)
		costs = append(costs, p.costs...)
	}
	if refund {
		o.Kind = model.OrderRefund
	}
	if o.OrderedAt.IsZero() {
		return &LineError{Line: first, Err: fmt.Errorf("order %s has no date on any of its rows", k)}
	}
	if len(lines) == 0 {
		return &LineError{Line: first, Err: fmt.Errorf("order %s has no lines", k)}
	}
	var sumLines model.Money
	for _, ln := range lines {
		sumLines += ln.amount
	}
	if total != nil && sumLines != *total {
		return &LineError{Line: first, Column: s.colName(totalCol), Err: fmt.Errorf("order %s: its lines "+
			"and discount add up to %s, the file says %s", k, sumLines.Decimal(), total.Decimal())}
	}
	var err error
	if who != nil {
		if o.CustomerID, err = s.customer(who, first); err != nil {
			return err
		}
	}
	for _, ln := range lines {
		ol := model.OrderLine{Description: ln.desc, Quantity: ln.qty, UnitPrice: ln.price.Round(),
			UnitPriceExact: ln.price.Exact(), Amount: ln.amount, UnitCost: ln.unitCost}
		if ln.sku != "" {
			of, err := s.offering(ln.sku, ln.desc, ol.UnitPrice, ln.line)
			if err != nil {
				return err
			}
			ol.OfferingID = of.ID
			if ol.UnitCost == 0 {
				ol.UnitCost = of.UnitCost
			}
		}
		if ol.Description == "" && ol.OfferingID == 0 {
			ol.Description = "Imported sale"
		}
		o.Lines = append(o.Lines, ol)
	}
	var mc []model.Cost
	for _, c := range costs {
		if c.amount == 0 {
			continue
		}
		mc = append(mc, model.Cost{On: model.Day(o.OrderedAt), CustomerID: o.CustomerID, Category: c.cat,
			Amount: c.amount, Note: c.note})
	}
	o.ImportHash = o.Fingerprint(mc)
	if s.known {
		stored, found, err := s.l.FindOrder(s.source, k)
		if err != nil {
			return err
		}
		if found {
			return s.again(k, &o, mc, stored, first, who)
		}
	}
	if err := s.l.Order(&o); err != nil {
		return s.orderError(err, first, lines)
	}
	for _, c := range mc {
		c.OrderID = o.ID
		if err := s.l.QueueCost(c); err != nil {
			return &LineError{Line: first, Err: err}
		}
	}
	s.sum.Orders++
	s.sum.Lines += len(o.Lines)
	s.sum.Costs += len(mc)
	if o.CustomerID == 0 {
		s.sum.Unattributed++
	}
	s.sample(first, "new", k, &o, who)
	return nil
}

// again settles an order an earlier import stored.
func (s *session) again(k string, o *model.Order, costs []model.Cost, stored store.StoredOrder, first int,
	who *person) error {
	was := stored.ImportHash
	if was == 0 {
		was = stored.Current
	}
	switch {
	case o.ImportHash == was:
		s.sum.Skipped++
		s.sample(first, "unchanged", k, o, who)
		return nil
	case stored.Edited():
		s.sum.Conflicts++
		const outcome = "conflict: edited here since its import"
		if len(s.pv.Conflicts) < conflictsShown {
			s.pv.Conflicts = append(s.pv.Conflicts, orderSample(first, outcome, k, o, who))
		}
		s.sample(first, outcome, k, o, who)
		return nil
	}
	if err := s.l.ReplaceOrder(stored.ID, o, costs); err != nil {
		return &LineError{Line: first, Err: err}
	}
	s.sum.Changed++
	s.sample(first, "changed", k, o, who)
	return nil
}

// conflictsShown is how many of the orders in conflict a preview lists.
const conflictsShown = 20

// orderError reports a validation error at the line it is about.
func (s *session) orderError(err error, first int, lines []lineIn) error {
	var fe *model.FieldError
	if errors.As(err, &fe) && strings.HasPrefix(fe.Field, "line ") {
		var k int
		if _, e := fmt.Sscanf(fe.Field, "line %d", &k); e == nil && k >= 1 && k <= len(lines) {
			return &LineError{Line: lines[k-1].line, Err: errors.New(fe.Msg)}
		}
	}
	return &LineError{Line: first, Err: err}
}

// checkCurrency holds a file to one currency, the book's; an empty book
// takes the file's.
func (s *session) checkCurrency(p part) error {
	if p.currency == "" {
		return nil
	}
	if s.currency == "" {
		if p.currency != s.settings.Currency {
			empty, err := s.emptyBook()
			if err != nil {
				return err
			}
			if !empty {
				return &LineError{Line: p.line, Err: fmt.Errorf("the file is in %s, the book in %s: clientele keeps "+
					"one currency per book", p.currency, s.settings.Currency)}
			}
			st := s.settings
			st.Currency = p.currency
			if err := s.l.Settings(st); err != nil {
				return err
			}
			s.settings = st
		}
		s.currency = p.currency
		s.sum.Currency = p.currency
		return nil
	}
	if p.currency != s.currency {
		return &LineError{Line: p.line, Err: fmt.Errorf("this row is in %s, the file's earlier rows in %s: "+
			"clientele keeps one currency per book", p.currency, s.currency)}
	}
	return nil
}

// emptyBook reports a book with no orders and no costs yet.
func (s *session) emptyBook() (bool, error) {
	if err := s.l.Flush(); err != nil { // the orders and costs of this file so far count
		return false, err
	}
	var any bool
	err := s.l.Tx().QueryRowContext(s.ctx, "SELECT EXISTS (SELECT 1 FROM orders) OR EXISTS (SELECT 1 FROM costs)").
		Scan(&any)
	return !any, err
}

// orderColumns are the cells of an order sample.
var orderSampleColumns = []string{"date", "customer", "kind", "amount", "lines", "first line"}

// sample keeps one of the first orders as stored, for the preview.
func (s *session) sample(line int, outcome, k string, o *model.Order, who *person) {
	if len(s.pv.Samples) >= s.samples {
		return
	}
	s.pv.Columns = orderSampleColumns
	s.pv.Samples = append(s.pv.Samples, orderSample(line, outcome, k, o, who))
}

// orderSample is an order as stored, as a preview shows it; an order
// that is not stored (ignored) has no cells. Rows without order ids are
// keyed by a digest, which is no id to show.
func orderSample(line int, outcome, k string, o *model.Order, who *person) Sample {
	if strings.HasPrefix(k, "row:") {
		k = ""
	}
	if o == nil {
		return Sample{Line: line, Outcome: outcome, ID: k}
	}
	name := ""
	if who != nil {
		name = who.name
		if name == "" {
			name = who.email
		}
	} else if o.CustomerID == 0 {
		name = "(unattributed)"
	}
	first := ""
	if len(o.Lines) > 0 {
		first = o.Lines[0].Description
	}
	return Sample{Line: line, Outcome: outcome, ID: k, Cells: []string{
		o.OrderedAt.Format(model.DateTimeLayout), name, string(o.Kind), o.Total().Decimal(),
		fmt.Sprint(len(o.Lines)), first}}
}

// rowKey identifies a row of a file without order ids, so that importing
// the file again finds it wherever it moved: a digest of what the row says,
// and which copy of identical rows it is.
func (s *session) rowKey(rec []string) string {
	h := sha256.New()
	for _, f := range rec {
		h.Write([]byte(strings.TrimSpace(f)))
		h.Write([]byte{0})
	}
	k := hex.EncodeToString(h.Sum(nil)[:10])
	if s.copies == nil {
		s.copies = map[string]int{}
	}
	s.copies[k]++
	return "row:" + k + "#" + strconv.Itoa(s.copies[k])
}

// colName is the header's name of column i.
func (s *session) colName(i int) string {
	if i < 0 || i >= len(s.head.names) {
		return ""
	}
	return s.head.names[i]
}
