package store

import (
	"cmp"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"clientele/model"

	"modernc.org/sqlite"
)

// The sums of orders and costs over a span of days, as DESIGN.md defines
// profitability: revenue is sales net of refunds dated in the span,
// direct cost is quantity × unit cost of those lines, cost to serve is the
// costs dated in the span attributed to the customer or to one of their
// orders, acquisition aside. The Profit book (in the period and all time,
// and month by month) and the Segments tab's figures (in the period) both
// read them here, with readSums.
//
// They come from each customer's months kept in customer_months
// (migration 0011, store/book.go): one text per customer, its months as
// JSON, read in one pass from month_blocks (migration 0012: the texts of
// 64 customers in one row) and summed in Go. A month the span holds whole is
// taken from there; so is a month it holds in part when the rest of the
// month holds no order or cost at all (the current month, up to today,
// when nothing is dated later: the usual case). The days of any other
// month at an end of the span are read from the orders and costs
// themselves (edgeOrders, edgeCosts), by day. Under modernc a value handed
// over costs more than SQLite's work on it, so the read hands over one
// text per customer rather than a row per order or cost, or one value per
// customer and figure.
const (
	monthsRead = `SELECT clientele_lines(?1, months) FROM month_blocks WHERE block >= ?2 AND block <= ?3`
	// The orders of some days, from the index by day that carries whose
	// they are and what they sum.
	edgeOrders = `SELECT coalesce(customer_id, 0), kind = 'sale', lines_amount, lines_direct_cost, ordered_at
		FROM orders INDEXED BY orders_by_date WHERE ordered_at >= ?1 AND ordered_at < ?2 AND voided_at IS NULL`
	// The costs of some days, acquisition aside, with whose they are: the
	// customer's, else the customer's of the order they are recorded on
	// (few), else no one's. The order is looked up only for a cost of no
	// customer (coalesce stops at its first value that is not null): a
	// join looked up the order of every cost recorded on one, a page of
	// orders read at random for most of them.
	edgeCosts = `SELECT coalesce(c.customer_id, (SELECT o.customer_id FROM orders o WHERE o.id = c.order_id), 0), c.amount
		FROM costs c INDEXED BY costs_by_date
		WHERE c.incurred_on >= ?1 AND c.incurred_on < ?2 AND c.category <> 'acquisition' AND c.voided_at IS NULL`
	// The first and last day of any order or cost not voided.
	recordBounds = `SELECT coalesce((SELECT min(ordered_at) FROM orders WHERE voided_at IS NULL), ''),
		coalesce((SELECT max(ordered_at) FROM orders WHERE voided_at IS NULL), ''),
		coalesce((SELECT min(incurred_on) FROM costs WHERE voided_at IS NULL), ''),
		coalesce((SELECT max(incurred_on) FROM costs WHERE voided_at IS NULL), '')`
)

// sums are one customer's orders and costs over a span of days.
type sums struct {
	saleOrders, refundOrders int
	sales, refunds           model.Money // refunds ≤ 0, as their lines hold them
	saleDirect, refundDirect model.Money
	firstSale, lastSale      moment
	costs                    int         // cost entries other than acquisition
	costToServe              model.Money // their sum
}

// revenue is sales net of refunds.
func (s *sums) revenue() model.Money { return s.sales + s.refunds }

// direct is the direct cost of the sales net of the refunds'.
func (s *sums) direct() model.Money { return s.saleDirect + s.refundDirect }

// sale counts a sale made at t.
func (s *sums) sale(first, last moment) {
	if first != 0 && (s.firstSale == 0 || first < s.firstSale) {
		s.firstSale = first
	}
	s.lastSale = max(s.lastSale, last)
}

// add adds one kept month.
func (s *sums) add(m *monthFigures) {
	s.saleOrders += int(m.saleOrders)
	s.refundOrders += int(m.refundOrders)
	s.sales += model.Money(m.sales)
	s.refunds += model.Money(m.refunds)
	s.saleDirect += model.Money(m.saleDirect)
	s.refundDirect += model.Money(m.refundDirect)
	s.costs += int(m.costs)
	s.costToServe += model.Money(m.serve)
	s.sale(m.firstSale, m.lastSale)
}

// merge adds the sums of other days.
func (s *sums) merge(o *sums) {
	s.saleOrders += o.saleOrders
	s.refundOrders += o.refundOrders
	s.sales += o.sales
	s.refunds += o.refunds
	s.saleDirect += o.saleDirect
	s.refundDirect += o.refundDirect
	s.costs += o.costs
	s.costToServe += o.costToServe
	s.sale(o.firstSale, o.lastSale)
}

// moment is a stored time as the number YYYYMMDDhhmmss: it orders as the
// time does and costs nothing to keep. 0 is none.
type moment int64

// momentOf reads a stored time ("YYYY-MM-DD HH:MM:SS"); 0 when it is not one.
func momentOf(s string) moment {
	if len(s) != len(model.DateTimeLayout) || s[4] != '-' || s[7] != '-' {
		return 0
	}
	n, ok := digits(s[:4])
	m, ok2 := digits(s[5:7])
	if !ok || !ok2 {
		return 0
	}
	return suffixMoment(n*12+m-1, s[8:])
}

// suffixMoment is the moment of a time in month ym (year × 12 + month − 1)
// given by its day and time ("DD HH:MM:SS"), as customer_months keeps
// them; 0 when it is not one.
func suffixMoment(ym int64, s string) moment {
	if len(s) != 11 || s[2] != ' ' || s[5] != ':' || s[8] != ':' {
		return 0
	}
	// Each pair of digits at once (every month of every customer has two
	// of these): a byte less '0' is a digit when it is at most 9.
	d0, d1, h0, h1 := s[0]-'0', s[1]-'0', s[3]-'0', s[4]-'0'
	m0, m1, s0, s1 := s[6]-'0', s[7]-'0', s[9]-'0', s[10]-'0'
	if d0 > 9 || d1 > 9 || h0 > 9 || h1 > 9 || m0 > 9 || m1 > 9 || s0 > 9 || s1 > 9 {
		return 0
	}
	n := ((ym/12)*100+ym%12+1)*100 + int64(d0)*10 + int64(d1)
	n = n*100 + int64(h0)*10 + int64(h1)
	n = n*100 + int64(m0)*10 + int64(m1)
	return moment(n*100 + int64(s0)*10 + int64(s1))
}

// digits reads a run of decimal digits.
func digits(s string) (int64, bool) {
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, len(s) > 0
}

// time is the moment as a time, the zero time for none.
func (t moment) time() time.Time {
	if t == 0 {
		return time.Time{}
	}
	n := int64(t)
	return utcTime(n/1e10, n/1e8%100, n/1e6%100, n/1e4%100, n/100%100, n%100)
}

// utcTime is time.Date(y, mo, d, h, mi, s, 0, time.UTC) for a month mo
// from 1 to 12 and a year from 1 to 9999, the same value at a quarter of
// the cost (Segments reads two times a customer): the day's number from
// the calendar (the days before the year's March, the months since,
// then the day), and the day, hour, minute and second counted on from it
// as time.Date counts them when out of range.
func utcTime(y, mo, d, h, mi, s int64) time.Time {
	if mo < 1 || mo > 12 || y < 1 || y > 9999 {
		return time.Date(int(y), time.Month(mo), int(d), int(h), int(mi), int(s), 0, time.UTC)
	}
	if mo <= 2 {
		y--
		mo += 12
	}
	// Days from 1 March of year 0 (y, shifted to start in March), then
	// from 1 January 1970.
	days := 365*y + y/4 - y/100 + y/400 + (153*(mo-3)+2)/5 + d - 1 - 719468
	return time.Unix(((days*24+h)*60+mi)*60+s, 0).UTC()
}

// span is a span of days as stored days and times compare with them:
// [lo, hi), hi the day after the last.
type span struct{ lo, hi string }

// openEnd is the end of a span open at its end: after every stored day.
const openEnd = "9999-99"

// spanOf is the span of [from, to], both days included; a zero time
// leaves that end open.
func spanOf(from, to time.Time) span {
	s := span{hi: openEnd}
	if !from.IsZero() {
		s.lo = model.FormatDate(from)
	}
	if !to.IsZero() {
		s.hi = model.FormatDate(model.AddDays(to, 1))
	}
	return s
}

// allTime reports whether the span holds every day.
func (s span) allTime() bool { return s.lo == "" && s.hi == openEnd }

// in reports whether a stored day or time falls in the span.
func (s span) in(on string) bool { return on >= s.lo && on < s.hi }

// month numbers a month as year × 12 + month − 1, so that the next month
// is one more.
type month = int64

// monthOf is the month of a stored day or time, and whether it is one.
func monthOf(s string) (month, bool) {
	if len(s) < 7 || s[4] != '-' {
		return 0, false
	}
	y, ok := digits(s[:4])
	m, ok2 := digits(s[5:7])
	return y*12 + m - 1, ok && ok2 && m >= 1 && m <= 12
}

// firstDay is the first day of m, as stored.
func firstDay(m month) string { return fmt.Sprintf("%04d-%02d-01", m/12, m%12+1) }

// plan is how a span's figures are read: the months from first to last
// (inclusive) whole from the kept months, and the days of edges from the
// orders and costs.
type plan struct {
	first, last month
	edges       []span
}

// takes reports whether the plan reads month m whole from the kept months.
func (p *plan) takes(m month) bool { return m >= p.first && m <= p.last }

// planOf plans the read of sp in a book whose orders and costs fall on
// the days from first to last ("" when there are none).
func planOf(sp span, first, last string) plan {
	p := plan{first: math.MinInt64, last: math.MaxInt64}
	if sp.allTime() {
		return p
	}
	if first == "" || (sp.lo != "" && sp.hi != openEnd && sp.lo >= sp.hi) {
		return plan{first: 1, last: 0} // nothing to read
	}
	// none reports whether the days [from, to) hold no order or cost.
	none := func(from, to string) bool { return from >= to || to <= first || from > last }
	// whole looks at month m, at an end of the span: it is read whole
	// from the kept months when the days of it outside the span hold
	// nothing, else its days in the span are an edge.
	whole := func(m month) bool {
		ms, me := firstDay(m), firstDay(m+1)
		in := span{lo: max(sp.lo, ms), hi: min(sp.hi, me)}
		if none(ms, in.lo) && none(in.hi, me) {
			return true
		}
		p.edges = append(p.edges, in)
		return false
	}
	if sp.lo != "" {
		p.first, _ = monthOf(sp.lo)
	}
	if sp.hi != openEnd {
		p.last, _ = monthOf(model.FormatDate(model.AddDays(parseDay(sp.hi), -1)))
	}
	switch {
	case p.first == p.last:
		if !whole(p.first) {
			return plan{first: 1, last: 0, edges: p.edges}
		}
	default:
		if sp.lo != "" && !whole(p.first) {
			p.first++
		}
		if sp.hi != openEnd && !whole(p.last) {
			p.last--
		}
	}
	return p
}

// parseDay reads a stored day.
func parseDay(s string) time.Time {
	t, _ := time.Parse(model.DateLayout, s)
	return t
}

// monthFigures are one month of one customer as customer_months keeps it.
type monthFigures struct {
	saleOrders, sales, saleDirect, refundOrders, refunds, refundDirect, costs, serve int64
	firstSale, lastSale                                                              moment
}

// eachMonth calls fn with every month of one customer's customer_months
// text ({"YYYY-MM":[8 integers, 2 days and times or null], …}) that want
// (nil: every month) wants; the others are skipped unread. f is where each
// month is read into, the caller's: one for many texts, not one each.
func eachMonth(text string, f *monthFigures, want func(m month) bool, fn func(m month, f *monthFigures)) error {
	return scanMonths(text, f, want, fn, true)
}

// scanMonths is eachMonth, reading each month with fastMonth when fast
// (a test compares the two).
func scanMonths(text string, f *monthFigures, want func(m month) bool, fn func(m month, f *monthFigures), fast bool) error {
	sc := scanner{s: text}
	fields := [8]*int64{&f.saleOrders, &f.sales, &f.saleDirect, &f.refundOrders, &f.refunds, &f.refundDirect,
		&f.costs, &f.serve}
	if !sc.expect('{') || sc.next('}') {
		return sc.err
	}
	for sc.err == nil {
		key, _ := sc.text()
		m, ok := monthOf(key)
		if !ok || len(key) != 7 || !sc.expect(':') || !sc.expect('[') {
			return cmp.Or(sc.err, errBook)
		}
		if want != nil && !want(m) {
			end := strings.IndexByte(sc.s[sc.i:], ']')
			if end < 0 {
				return errBook
			}
			sc.i += end + 1
			if sc.next('}') {
				return nil
			}
			sc.expect(',')
			continue
		}
		if end, ok := fastMonth(sc.s, sc.i, m, f); ok && fast {
			sc.i = end
			fn(m, f)
			if sc.next('}') {
				return nil
			}
			sc.expect(',')
			continue
		}
		for _, p := range fields {
			*p, _ = sc.int()
			sc.expect(',')
		}
		first, _ := sc.text()
		sc.expect(',')
		last, _ := sc.text()
		sc.expect(']')
		f.firstSale, f.lastSale = suffixMoment(m, first), suffixMoment(m, last)
		if (f.firstSale == 0) != (first == "") || (f.lastSale == 0) != (last == "") {
			sc.fail()
		}
		if sc.err != nil {
			break
		}
		fn(m, f)
		if sc.next('}') {
			return nil
		}
		sc.expect(',')
	}
	return sc.err
}

// fastMonth reads the figures of month m as the triggers write them, from
// s[i:], just after the month's '[': eight integers, then two days and
// times ("DD HH:MM:SS") or null, then ']'. It returns where the month ends
// and true; or false, having read nothing, for anything else, which
// eachMonth's scanner then reads (or rejects) as before: the same figures
// from the same text, at a third of the cost.
func fastMonth(s string, i int, m month, f *monthFigures) (int, bool) {
	var v [8]int64
	for k := range v {
		neg := i < len(s) && s[i] == '-'
		if neg {
			i++
		}
		start := i
		var n int64
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			n = n*10 + int64(s[i]-'0')
			i++
		}
		if i == start || i >= len(s) || s[i] != ',' {
			return 0, false
		}
		if neg {
			n = -n
		}
		v[k] = n
		i++
	}
	var t [2]moment
	for k := range t {
		switch {
		case strings.HasPrefix(s[i:], "null"):
			i += 4
		case i+13 <= len(s) && s[i] == '"' && s[i+12] == '"':
			if t[k] = suffixMoment(m, s[i+1:i+12]); t[k] == 0 {
				return 0, false
			}
			i += 13
		default:
			return 0, false
		}
		if i >= len(s) || s[i] != ",]"[k] {
			return 0, false
		}
		i++
	}
	*f = monthFigures{saleOrders: v[0], sales: v[1], saleDirect: v[2], refundOrders: v[3], refunds: v[4],
		refundDirect: v[5], costs: v[6], serve: v[7], firstSale: t[0], lastSale: t[1]}
	return i, true
}

// sumsRead says what readSums reads besides the sums of the span.
type sumsRead struct {
	life   bool        // the sums of all time too
	months []time.Time // the whole business month by month: these months' first days
}

// bookSums are what readSums read: the sums of id over the span are
// period[id] (0 is no one), over all time life[id] (when asked), and
// months[i] the whole business in the month that starts on
// sumsRead.months[i], within the span.
type bookSums struct {
	period, life []sums
	months       []model.MonthFacts
}

// readSums sums every customer's orders and costs over sp, in a book whose
// records fall on the days bounds gives: the kept months and the days at
// the span's ends (planOf), side by side on the reader pool. Customers
// above maxID (added since the caller sized its reads) are left for the
// next read.
func (db *DB) readSums(ctx context.Context, sp span, maxID int64, bounds recordDays, what sumsRead) (bookSums, error) {
	out := bookSums{period: make([]sums, maxID+1)}
	if what.life {
		out.life = make([]sums, maxID+1)
	}
	p := planOf(sp, bounds.first, bounds.last)
	// monthAt[m-firstBar] is the place of month m among what.months, -1
	// for none: looked up for every month of every customer, a slice
	// where a map cost ~20 ms at 100,000 customers.
	var firstBar month
	var monthAt []int32
	for i, t := range what.months {
		m := month(t.Year())*12 + month(t.Month()) - 1
		if i == 0 {
			firstBar = m
		}
		if m < firstBar {
			monthAt = append(slices.Repeat([]int32{-1}, int(firstBar-m)), monthAt...)
			firstBar = m
		}
		for month(len(monthAt)) <= m-firstBar {
			monthAt = append(monthAt, -1)
		}
		monthAt[m-firstBar] = int32(i)
	}
	// bars sums the whole business by month, one set per reader: each
	// goroutine writes its own.
	newBars := func() []model.MonthFacts {
		if len(what.months) == 0 {
			return nil
		}
		return make([]model.MonthFacts, len(what.months))
	}
	bar := func(bars []model.MonthFacts, m month) *model.MonthFacts {
		if bars == nil || m < firstBar || m-firstBar >= month(len(monthAt)) || monthAt[m-firstBar] < 0 {
			return nil
		}
		return &bars[monthAt[m-firstBar]]
	}
	at := func(id int64) bool { return id >= 0 && id <= maxID }
	// want skips, unread, the months nothing asked for.
	var want func(m month) bool
	if !what.life {
		want = p.takes
	}

	// The kept months, in quarters of the customers side by side: the
	// older customers, with the lower ids, have more months.
	readMonths := func(lo, hi int64, bars []model.MonthFacts) func() error {
		return func() error {
			var scratch monthFigures
			return db.eachLine(ctx, monthsRead, lo, hi, func(id int64, text string) error {
				if !at(id) {
					return nil
				}
				s, l := &out.period[id], (*sums)(nil)
				if out.life != nil {
					l = &out.life[id]
				}
				err := eachMonth(text, &scratch, want, func(m month, f *monthFigures) {
					if l != nil {
						l.add(f)
					}
					if p.takes(m) {
						s.add(f)
						if b := bar(bars, m); b != nil {
							b.Revenue += model.Money(f.sales + f.refunds)
							b.DirectCost += model.Money(f.saleDirect + f.refundDirect)
							b.CostToServe += model.Money(f.serve)
						}
					}
				})
				if err != nil {
					return fmt.Errorf("customer %d: %w", id, err)
				}
				return nil
			})
		}
	}
	var parts [][]model.MonthFacts
	var reads []func() error
	for _, q := range quarters(maxID, 4) {
		bars := newBars()
		parts = append(parts, bars)
		reads = append(reads, readMonths(q[0], q[1], bars))
	}
	// The edges sum apart from the kept months, read at the same time,
	// and are added to them after.
	var edge []sums
	if len(p.edges) > 0 {
		edge = make([]sums, maxID+1)
	}
	// The orders and the costs of the edges side by side, each with bars
	// of its own: they write different fields of a customer's sums.
	orderBars, costBars := newBars(), newBars()
	parts = append(parts, orderBars, costBars)
	reads = append(reads, func() error {
		for _, e := range p.edges {
			m, _ := monthOf(e.lo) // an edge lies in one month
			b := bar(orderBars, m)
			err := db.eachRow(ctx, edgeOrders, []any{e.lo, e.hi}, func(r row) error {
				id := r.int(0)
				if !at(id) {
					return nil
				}
				s, amount, direct := &edge[id], r.money(2), r.money(3)
				if r.int(1) == 1 {
					s.saleOrders++
					s.sales += amount
					s.saleDirect += direct
					t := momentOf(r.text(4))
					s.sale(t, t)
				} else {
					s.refundOrders++
					s.refunds += amount
					s.refundDirect += direct
				}
				if b != nil {
					b.Revenue += amount
					b.DirectCost += direct
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}, func() error {
		for _, e := range p.edges {
			m, _ := monthOf(e.lo)
			b := bar(costBars, m)
			err := db.eachRow(ctx, edgeCosts, []any{e.lo, e.hi}, func(r row) error {
				if id := r.int(0); at(id) {
					edge[id].costs++
					edge[id].costToServe += r.money(1)
					if b != nil {
						b.CostToServe += r.money(1)
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err := parallel(reads...); err != nil {
		return out, fmt.Errorf("summing orders and costs: %w", err)
	}
	for id := range edge {
		out.period[id].merge(&edge[id])
	}
	if len(what.months) > 0 {
		out.months = make([]model.MonthFacts, len(what.months))
		for i, m := range what.months {
			b := &out.months[i]
			b.Month = m
			for _, part := range parts {
				b.Revenue += part[i].Revenue
				b.DirectCost += part[i].DirectCost
				b.CostToServe += part[i].CostToServe
			}
		}
	}
	return out, nil
}

// recordDays are the first and last day of any order or cost ("" when
// there are none).
type recordDays struct{ first, last string }

// readBounds reads the first and last day of any order or cost.
func (db *DB) readBounds(ctx context.Context) (recordDays, error) {
	var orderFirst, orderLast, costFirst, costLast string
	if err := db.r.QueryRowContext(ctx, recordBounds).Scan(&orderFirst, &orderLast, &costFirst, &costLast); err != nil {
		return recordDays{}, mapErr(err)
	}
	first, last := orderFirst, max(orderLast, costLast)
	if first == "" || (costFirst != "" && costFirst < first) {
		first = costFirst
	}
	return recordDays{first: first[:min(len(first), len(model.DateLayout))],
		last: last[:min(len(last), len(model.DateLayout))]}, nil
}

// RecordDays returns the days of the first and the last order or cost
// that stands; zero when there is none.
func (db *DB) RecordDays(ctx context.Context) (first, last time.Time, err error) {
	b, err := db.readBounds(ctx)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	return parseDay(b.first), parseDay(b.last), nil
}

// parallel runs each fn in a goroutine of its own (each query then holds
// its own connection of the reader pool): model.Parallel.
func parallel(fns ...func() error) error { return model.Parallel(fns...) }

// row is one result row as the driver hands it over: an integer is an
// int64, text a string, NULL nil.
type row []driver.Value

// int is column i as an integer, 0 for NULL.
func (r row) int(i int) int64 {
	n, _ := r[i].(int64)
	return n
}

// money is column i as an amount, 0 for NULL.
func (r row) money(i int) model.Money { return model.Money(r.int(i)) }

// text is column i as text, "" for NULL.
func (r row) text(i int) string {
	s, _ := r[i].(string)
	return s
}

// blockShift is how many bits of a customer's id are their place in
// their block of the kept cards and months (migration 0012): a block holds
// 1 << blockShift customers.
const blockShift = 6

// quarters splits the blocks of the customers 0 to maxID into n runs of
// blocks, [first, last] each, to read side by side.
func quarters(maxID int64, n int64) [][2]int64 {
	blocks := maxID>>blockShift + 1
	out := make([][2]int64, 0, n)
	for q := range n {
		if lo, hi := q*blocks/n, (q+1)*blocks/n-1; lo <= hi {
			out = append(out, [2]int64{lo, hi})
		}
	}
	return out
}

// eachLine runs query, which hands each text of the blocks lo to hi of
// card_blocks or month_blocks to clientele_lines (cardsRead, monthsRead),
// and calls fn with every customer's line in them: their id and their card
// or months. The text is SQLite's own memory, valid only until fn
// returns: what fn keeps it copies.
func (db *DB) eachLine(ctx context.Context, query string, lo, hi int64, fn func(id int64, text string) error) error {
	r := &blockRead{fn: fn}
	n := blockReadSeq.Add(1)
	blockReads.Store(n, r)
	defer blockReads.Delete(n)
	err := db.eachRow(ctx, query, []any{n, lo, hi}, func(row) error { return nil })
	return cmp.Or(r.err, err)
}

// clientele_lines(read, text) hands text, one block's text of card_blocks
// or month_blocks, to the read in progress numbered read (eachLine),
// straight from SQLite's memory: a text the driver hands over as a column
// is first copied into a fresh Go string, ~38 MB of them on every compute
// of the Segments or Profit tab at 100,000 customers, which the collector
// then sweeps. It returns NULL, or fails the query with the read's error.
func init() {
	sqlite.MustRegisterFunction("clientele_lines", &sqlite.FunctionImpl{
		NArgs:        2,
		VolatileArgs: true, // the text is read in place, never kept (blockRead.take)
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			n, _ := args[0].(int64)
			r, ok := blockReads.Load(n)
			if !ok {
				return nil, fmt.Errorf("clientele_lines: no read %d", n)
			}
			text, _ := args[1].(string)
			return nil, r.(*blockRead).take(text)
		},
	})
}

// The reads in progress of eachLine, by number.
var (
	blockReads   sync.Map // int64 → *blockRead
	blockReadSeq atomic.Int64
)

// blockRead is one eachLine in progress: what it calls with each line, and
// the first error it returned.
type blockRead struct {
	fn  func(id int64, text string) error
	err error
}

// take calls r.fn with every line of block.
func (r *blockRead) take(block string) error {
	for len(block) > 0 && r.err == nil {
		line := block
		if end := strings.IndexByte(block, '\n'); end >= 0 {
			line, block = block[:end], block[end+1:]
		} else {
			block = ""
		}
		colon := strings.IndexByte(line, ':')
		if colon < 0 {
			r.err = errBook
			break
		}
		id, ok := digits(line[:colon])
		if !ok || colon > 18 { // a sign, or past what digits reads exactly
			n, err := strconv.ParseInt(line[:colon], 10, 64)
			if err != nil {
				r.err = errBook
				break
			}
			id = n
		}
		r.err = r.fn(id, line[colon+1:])
	}
	return r.err
}

// eachRow runs query on a connection of the reader pool and calls fn on
// every row, as the driver hands it over, without database/sql's
// conversions: the analyses read a few hundred thousand rows, and
// converting each value cost as much as SQLite's work. The row is reused:
// fn copies out what it keeps.
func (db *DB) eachRow(ctx context.Context, query string, args []any, fn func(row) error) error {
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		v, err := driver.DefaultParameterConverter.ConvertValue(a)
		if err != nil {
			return err
		}
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	conn, err := db.r.Conn(ctx)
	if err != nil {
		return mapErr(err)
	}
	defer conn.Close()
	return mapErr(conn.Raw(func(dc any) error {
		q, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("the SQLite driver cannot query a connection directly")
		}
		rows, err := q.QueryContext(ctx, query, named)
		if err != nil {
			return err
		}
		defer rows.Close()
		r := make(row, len(rows.Columns()))
		for {
			switch err := rows.Next(r); {
			case errors.Is(err, io.EOF):
				return nil
			case err != nil:
				return err
			}
			if err := fn(r); err != nil {
				return err
			}
		}
	}))
}
