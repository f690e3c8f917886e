// Package importer reads the CSV files a solo business already has (Online
// Retail invoice lines, Etsy's Sold Orders, a generic orders or customers
// list) into the store. Every import is one transaction through
// store.DB.Load: a bad line stops it with "line N, column X: why" and
// nothing is written. Re-importing a file adds nothing: orders and
// customers carry their id in the source, and ones already stored are
// skipped.
package importer

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"clientele/model"
	"clientele/store"
)

// The formats. Auto recognises the others by their header.
const (
	Auto         = "auto"
	OnlineRetail = "online-retail"
	Etsy         = "etsy"
	Orders       = "orders"
	Customers    = "customers"
)

// Formats lists the formats a user may name, auto first.
var Formats = []string{Auto, OnlineRetail, Etsy, Orders, Customers}

// Options tune an import.
type Options struct {
	// Format is one of Formats; "" means auto.
	Format string
	// DryRun reads and checks everything, writes it inside the
	// transaction to count it truly, then rolls back.
	DryRun bool
	// Progress, when set, is called every few thousand rows and once at
	// the end with the rows read so far and the time since the start.
	Progress func(rows int, elapsed time.Duration)
}

// progressEvery is how many rows pass between progress calls.
const progressEvery = 8192

// LineError is a bad line: where it is and what is wrong with it.
type LineError struct {
	Line   int    // the line of the file, 1 for the header
	Column string // the column's name in the header, "" for the whole line
	Err    error
}

// Error implements error: "line 42, column UnitPrice: amount "1,5O" is not a number".
func (e *LineError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d, column %s: %v", e.Line, e.Column, e.Err)
}

// Unwrap returns the cause.
func (e *LineError) Unwrap() error { return e.Err }

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// ImportFile imports the CSV file at path.
func ImportFile(ctx context.Context, db *store.DB, path string, opt Options) (model.ImportSummary, error) {
	f, err := os.Open(path)
	if err != nil {
		return model.ImportSummary{}, fileError(err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return model.ImportSummary{}, errors.New("that is a folder, not a CSV file")
	}
	return Import(ctx, db, f, opt)
}

// fileError says why a file cannot be read, in words, without repeating
// its path: the command and the import prompt show the path beside it.
func fileError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("there is no such file")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("the file cannot be read (permission denied)")
	}
	return err
}

// Import reads a CSV from r and adds what it holds to db in one
// transaction; nothing is written unless every line reads.
func Import(ctx context.Context, db *store.DB, r io.Reader, opt Options) (model.ImportSummary, error) {
	in, err := newReader(r)
	if err != nil {
		return model.ImportSummary{}, err
	}
	format := opt.Format
	if format == "" || format == Auto {
		if format = Detect(in.head.names); format == "" {
			return model.ImportSummary{}, &LineError{Line: 1, Err: errors.New("the header matches no format clientele " +
				"reads (online-retail, etsy, orders, customers): name the format with --format, or see " +
				"`clientele import --help` for the columns each one needs")}
		}
	}
	var read func(*session) error
	switch format {
	case OnlineRetail:
		read = readRetail
	case Etsy:
		read = readEtsy
	case Orders:
		read = readOrders
	case Customers:
		read = readCustomers
	default:
		return model.ImportSummary{}, fmt.Errorf("format %q is not one of %s", format, strings.Join(Formats, ", "))
	}
	sum := model.ImportSummary{Format: format, DryRun: opt.DryRun}
	start := time.Now()
	err = db.Load(ctx, func(l *store.Loader) error {
		s := &session{ctx: ctx, l: l, in: in, sum: &sum, source: format, progress: opt.Progress, start: start}
		if err := s.tune(); err != nil {
			return err
		}
		if err := read(s); err != nil {
			return err
		}
		if opt.Progress != nil {
			opt.Progress(sum.Rows, time.Since(start))
		}
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return model.ImportSummary{Format: format, DryRun: opt.DryRun}, err
	}
	return sum, nil
}

// Detect names the format a header belongs to, or "" when it matches none.
func Detect(names []string) string {
	h := newHeader(names)
	switch {
	case h.has("invoiceno") && h.has("stockcode") && h.has("unitprice"):
		return OnlineRetail
	case h.has("saledate") && h.has("orderid") && h.has("buyeruserid"):
		return Etsy
	case h.find(dateColumns...) >= 0 && (h.find(amountColumns...) >= 0 || h.find(priceColumns...) >= 0):
		return Orders
	case h.find(nameColumns...) >= 0 || h.has("firstname") || h.find(emailColumns...) >= 0:
		return Customers
	}
	return ""
}

// reader is a CSV reader that knows the file's line numbers and header.
type reader struct {
	csv  *csv.Reader
	head header
}

// newReader strips a UTF-8 byte-order mark and reads the header. Quotes
// must be well formed (LazyQuotes off); CRLF and LF both end a line.
func newReader(r io.Reader) (*reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	c := csv.NewReader(br)
	c.FieldsPerRecord = -1 // checked here, to say which line and how
	c.ReuseRecord = true
	names, err := c.Read()
	if errors.Is(err, io.EOF) {
		return nil, &LineError{Line: 1, Err: errors.New("the file is empty: it needs a header line")}
	}
	if err != nil {
		return nil, csvError(err)
	}
	names = append([]string(nil), names...)
	for i, n := range names {
		names[i] = strings.TrimSpace(n)
	}
	return &reader{csv: c, head: newHeader(names)}, nil
}

// next returns the next record and its line, or io.EOF. A record with the
// wrong number of fields is an error naming both counts; blank lines are
// skipped by encoding/csv.
func (r *reader) next() ([]string, int, error) {
	rec, err := r.csv.Read()
	if err != nil {
		return nil, 0, csvError(err)
	}
	line, _ := r.csv.FieldPos(0)
	if len(rec) != len(r.head.names) {
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			return r.next()
		}
		return nil, line, &LineError{Line: line, Err: fmt.Errorf("has %d columns, the header has %d "+
			"(is a comma inside a value missing its quotes?)", len(rec), len(r.head.names))}
	}
	return rec, line, nil
}

// csvError turns encoding/csv's error into a LineError.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		why := pe.Err
		if errors.Is(why, csv.ErrBareQuote) || errors.Is(why, csv.ErrQuote) {
			why = fmt.Errorf("%v (a value with a quote must be quoted whole, its quotes doubled: \"a \"\"b\"\" c\")", why)
		}
		return &LineError{Line: pe.Line, Err: fmt.Errorf("column %d: %w", pe.Column, why)}
	}
	return err
}

// header maps a file's column names, folded, to their positions.
type header struct {
	names []string
	idx   map[string]int
}

func newHeader(names []string) header {
	h := header{names: names, idx: map[string]int{}}
	for i, n := range names {
		k := key(n)
		if _, dup := h.idx[k]; !dup {
			h.idx[k] = i
		}
	}
	return h
}

// key folds a column name: "Order ID", "order_id" and "OrderID" match.
func key(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r > 0x7f {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (h header) has(k string) bool { _, ok := h.idx[k]; return ok }

// find returns the position of the first alias present, or -1.
func (h header) find(aliases ...string) int {
	for _, a := range aliases {
		if i, ok := h.idx[key(a)]; ok {
			return i
		}
	}
	return -1
}

// require returns the positions of the named columns, or an error naming
// the first one missing.
func (h header) require(names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, n := range names {
		j := h.find(n)
		if j < 0 {
			return nil, &LineError{Line: 1, Err: fmt.Errorf("the header has no %s column", n)}
		}
		out[i] = j
	}
	return out, nil
}

// session is one import's state inside its transaction.
type session struct {
	ctx      context.Context
	l        *store.Loader
	in       *reader
	sum      *model.ImportSummary
	source   string
	progress func(int, time.Duration)
	start    time.Time

	known     map[string]bool  // external ids of this source's orders already stored
	seen      map[string]int   // external id → first line, in this file
	customers map[string]int64 // ref → id, for this source
	skus      map[string]*model.Offering
	emails    map[string]int64   // folded email → id (generic formats)
	names     map[string][]int64 // folded name → ids (generic formats)
}

// tune gives the writer connection a page cache large enough that one long
// load seldom spills half-written pages to the WAL. It lasts as long as
// the connection.
func (s *session) tune() error {
	_, err := s.l.Tx().ExecContext(s.ctx, "PRAGMA cache_size = -32768")
	return err
}

// rows calls fn for each record with its line number, reporting progress.
func (s *session) rows(fn func(rec []string, line int) error) error {
	for {
		rec, line, err := s.in.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		s.sum.Rows++
		if s.progress != nil && s.sum.Rows%progressEvery == 0 {
			s.progress(s.sum.Rows, time.Since(s.start))
			if err := s.ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(rec, line); err != nil {
			return err
		}
	}
}

// loadKnown reads the external ids of the source's stored orders and the
// refs of its customers, so that a second import of a file skips them.
func (s *session) loadKnown() error {
	s.known, s.seen, s.customers = map[string]bool{}, map[string]int{}, map[string]int64{}
	tx := s.l.Tx()
	rows, err := tx.QueryContext(s.ctx, "SELECT external_id FROM orders WHERE source = ? AND external_id IS NOT NULL", s.source)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		s.known[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(s.ctx, "SELECT ref, id FROM customers WHERE ref_source = ? AND ref IS NOT NULL", s.source)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var ref string
		var id int64
		if err := rows.Scan(&ref, &id); err != nil {
			return err
		}
		s.customers[ref] = id
	}
	return rows.Err()
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
func (s *session) offering(sku, name string, price model.Money) (*model.Offering, error) {
	if o, ok := s.skus[sku]; ok {
		return o, nil
	}
	if strings.TrimSpace(name) == "" {
		name = sku
	}
	o := &model.Offering{SKU: sku, Name: name, Kind: model.KindProduct, Price: max(price, 0), Active: true}
	if err := s.l.Offering(o); err != nil {
		return nil, err
	}
	s.skus[sku] = o
	s.sum.Offerings++
	return o, nil
}

// customer returns the id of the customer with ref in this source,
// creating them from c the first time.
func (s *session) customer(ref string, c func() model.Customer) (int64, error) {
	if id, ok := s.customers[ref]; ok {
		return id, nil
	}
	nc := c()
	nc.RefSource, nc.Ref = s.source, ref
	if nc.Stage == "" {
		nc.Stage = model.StageCustomer
	}
	if err := s.l.Customer(&nc); err != nil {
		return 0, err
	}
	s.customers[ref] = nc.ID
	s.sum.Customers++
	return nc.ID, nil
}

// pending is an order being gathered from consecutive rows with the same
// external id.
type pending struct {
	order model.Order
	lines []int // the file line of each order line
	first int
}

// add writes an order gathered from the rows at lines: a validation error
// is reported at the line it is about.
func (s *session) add(p *pending) error {
	if p == nil {
		return nil
	}
	o := &p.order
	if err := s.l.Order(o); err != nil {
		var fe *model.FieldError
		line := p.first
		if errors.As(err, &fe) && strings.HasPrefix(fe.Field, "line ") {
			var k int
			if _, e := fmt.Sscanf(fe.Field, "line %d", &k); e == nil && k >= 1 && k <= len(p.lines) {
				return &LineError{Line: p.lines[k-1], Err: errors.New(fe.Msg)}
			}
		}
		return &LineError{Line: line, Err: err}
	}
	s.sum.Orders++
	s.sum.Lines += len(o.Lines)
	if o.CustomerID == 0 {
		s.sum.Unattributed++
	}
	return nil
}

// startOrder decides what to do with the rows of order ext that begin at
// line: skip it when it was imported before, refuse it when its rows are
// not together in the file.
func (s *session) startOrder(ext string, line int, col string) (skip bool, err error) {
	if first, ok := s.seen[ext]; ok {
		return false, &LineError{Line: line, Column: col, Err: fmt.Errorf("%q was already read at line %d: "+
			"the rows of one order must be together (sort the file by %s)", ext, first, col)}
	}
	s.seen[ext] = line
	if s.known[ext] {
		s.sum.Skipped++
		return true, nil
	}
	return false, nil
}

// field returns rec[i] trimmed, or "" when the column is absent (i < 0).
func field(rec []string, i int) string {
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// name returns column i's name as the header spells it.
func (r *reader) name(i int) string {
	if i < 0 || i >= len(r.head.names) {
		return ""
	}
	return r.head.names[i]
}

// bad returns a LineError about column i of the row at line.
func (s *session) bad(line, i int, format string, args ...any) error {
	return &LineError{Line: line, Column: s.in.name(i), Err: fmt.Errorf(format, args...)}
}
