package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"clientele/model"
)

// The sums of orders and costs the profitability rules read, as DESIGN.md
// defines them: revenue is sales net of refunds dated in the period,
// direct cost is quantity × unit cost of those lines, cost to serve is the
// costs dated in the period attributed to the customer or to one of their
// orders, acquisition aside. The Profit book and the Segments tab's
// figures both read them here.
//
// Each sum is one pass over one index in its own order, so that SQLite
// neither sorts nor looks a row up (migration 0007 made the indexes carry
// what is summed, and orders keep the sums of their lines); the passes run
// side by side on the reader pool and are joined by customer id in Go.
// Reading every order's lines, or a lookup per customer, was several times
// slower at 100,000 customers.
//
// {in period} stands for the test that a row's day falls in the period
// (see inPeriod).
const (
	// Each customer's sales and refunds, in the period and all time, and
	// their first and last in the period: one row per customer and kind,
	// customer 0 being the orders of no one.
	figuresOrders = `SELECT coalesce(customer_id, 0), kind = 'sale', count(*) FILTER (WHERE {in period}),
		coalesce(sum(lines_amount) FILTER (WHERE {in period}), 0),
		coalesce(sum(lines_direct_cost) FILTER (WHERE {in period}), 0),
		coalesce(min(ordered_at) FILTER (WHERE {in period}), ''), coalesce(max(ordered_at) FILTER (WHERE {in period}), ''),
		sum(lines_amount), sum(lines_direct_cost)
		FROM orders INDEXED BY orders_sums GROUP BY customer_id, kind`
	// Each customer's costs, of every category: how many and how much in
	// the period, and how much all time (acquisition costs are taken off
	// afterwards: see figuresAcquisition).
	figuresCosts = `SELECT customer_id, count(*) FILTER (WHERE {in period}),
		coalesce(sum(amount) FILTER (WHERE {in period}), 0), sum(amount)
		FROM costs INDEXED BY costs_by_customer WHERE customer_id IS NOT NULL GROUP BY customer_id`
	// Costs recorded on no customer, one by one (there are few): a cost of
	// an order belongs to the order's customer; with no order, or an order
	// of no one, it is unattributed (0).
	figuresLooseCosts = `SELECT coalesce(o.customer_id, 0), c.incurred_on, c.amount
		FROM costs c INDEXED BY costs_loose LEFT JOIN orders o ON o.id = c.order_id WHERE c.customer_id IS NULL`
	// Acquisition costs, one by one (there are few), attributed as other
	// costs are: what winning a customer cost is no cost of serving them.
	figuresAcquisition = `SELECT coalesce(c.customer_id, o.customer_id, 0), c.incurred_on, c.amount
		FROM costs c INDEXED BY costs_acquisition LEFT JOIN orders o ON c.customer_id IS NULL AND o.id = c.order_id
		WHERE c.category = 'acquisition'`
	// One month of the whole business (or the part of it in the period),
	// [?1, ?2): revenue, direct cost and cost to serve.
	figuresMonth = `SELECT coalesce(sum(lines_amount), 0), coalesce(sum(lines_direct_cost), 0),
		(SELECT coalesce(sum(amount), 0) FROM costs WHERE incurred_on >= ?1 AND incurred_on < ?2)
		- (SELECT coalesce(sum(amount), 0) FROM costs INDEXED BY costs_acquisition
			WHERE category = 'acquisition' AND incurred_on >= ?1 AND incurred_on < ?2)
		FROM orders WHERE ordered_at >= ?1 AND ordered_at < ?2`
	// The largest customer id, and the first and last order and cost.
	figuresBounds = `SELECT coalesce((SELECT max(id) FROM customers), 0),
		coalesce((SELECT min(ordered_at) FROM orders), ''), coalesce((SELECT max(ordered_at) FROM orders), ''),
		coalesce((SELECT min(incurred_on) FROM costs), ''), coalesce((SELECT max(incurred_on) FROM costs), '')`
)

// orderSums are one customer's orders; refund amounts are negative, as
// their lines hold them.
type orderSums struct {
	saleOrders, refundOrders int
	sales, refunds, direct   model.Money // in the period
	firstSale, lastSale      string      // in the period, as stored
	lifeRevenue, lifeDirect  model.Money // all time
}

// costSums are one customer's costs.
type costSums struct {
	costs        int         // entries of any category in the period
	period, life model.Money // every category, in the period and all time
	// acquisition is what winning them cost, all time (acquisitionIn in
	// the period): category acquisition, no part of the cost to serve.
	acquisition, acquisitionIn model.Money
}

// serve is the cost to serve in the period, and lifeServe all time.
func (c *costSums) serve() model.Money     { return c.period - c.acquisitionIn }
func (c *costSums) lifeServe() model.Money { return c.life - c.acquisition }

// figures are the sums of every customer, by id; index 0 holds what
// belongs to no customer. A customer added after the sums were sized is
// left for the next read.
type figures struct {
	period      model.Period
	lo, hi      string // the period, half open
	maxID       int64
	first, last string // the first and last order or cost, as stored
	orders      []orderSums
	costs       []costSums
	months      []model.MonthFacts // when asked for
}

// readFigures sums the orders and costs of period p for every customer,
// and the period's months when months is set. more are the caller's own
// reads, run beside the sums once f.maxID is known.
func (db *DB) readFigures(ctx context.Context, p model.Period, months bool,
	more ...func(f *figures) error) (*figures, error) {
	f := &figures{period: p, hi: openEnd}
	if !p.From.IsZero() {
		f.lo = model.FormatDate(p.From)
	}
	if !p.To.IsZero() {
		f.hi = model.FormatDate(model.AddDays(p.To, 1))
	}
	var orderFirst, orderLast, costFirst, costLast string
	if err := db.r.QueryRowContext(ctx, figuresBounds).Scan(&f.maxID, &orderFirst, &orderLast, &costFirst,
		&costLast); err != nil {
		return nil, mapErr(err)
	}
	f.first, f.last = orderFirst, max(orderLast, costLast)
	if f.first == "" || (costFirst != "" && costFirst < f.first) {
		f.first = costFirst
	}
	f.orders, f.costs = make([]orderSums, f.maxID+1), make([]costSums, f.maxID+1)
	reads := []func() error{
		func() error {
			q, args := f.inPeriod(figuresOrders, "ordered_at")
			return db.eachValues(ctx, q, args, f.addOrders)
		},
		func() error {
			q, args := f.inPeriod(figuresCosts, "incurred_on")
			if err := db.eachValues(ctx, q, args, f.addCosts); err != nil {
				return err
			}
			if err := db.eachValues(ctx, figuresLooseCosts, nil, f.addLooseCost); err != nil {
				return err
			}
			return db.eachValues(ctx, figuresAcquisition, nil, f.addAcquisition)
		},
	}
	if months {
		reads = append(reads, func() error { return f.readMonths(ctx, db) })
	}
	for _, fn := range more {
		reads = append(reads, func() error { return fn(f) })
	}
	if err := parallel(reads...); err != nil {
		return nil, err
	}
	return f, nil
}

// openEnd is the end of a period open at its end: after every stored day.
const openEnd = "9999-99"

// inPeriod returns query with {in period} the test that column falls in
// the period, [?1, ?2) (?1 its first day and ?2 the day after its last, so
// that days and times both compare with them as text), and the arguments
// it takes. All time tests nothing: SQLite then skips the test on every
// row, which halves the time of the sums.
func (f *figures) inPeriod(query, column string) (string, []any) {
	if f.lo == "" && f.hi == openEnd {
		return strings.ReplaceAll(query, "{in period}", "1"), nil
	}
	return strings.ReplaceAll(query, "{in period}", column+" >= ?1 AND "+column+" < ?2"), []any{f.lo, f.hi}
}

func (f *figures) in(on string) bool { return on >= f.lo && on < f.hi }

// sumsOf returns the sums of customer id, nil for an id beyond them.
func sumsOf[T any](sums []T, id int64) *T {
	if id < 0 || id >= int64(len(sums)) {
		return nil
	}
	return &sums[id]
}

func (f *figures) addOrders(row []driver.Value) error {
	id, sale, n, total, direct := intOf(row[0]), intOf(row[1]) == 1, int(intOf(row[2])), moneyOf(row[3]), moneyOf(row[4])
	first, last, lifeTotal, lifeDirect := textOf(row[5]), textOf(row[6]), moneyOf(row[7]), moneyOf(row[8])
	s := sumsOf(f.orders, id)
	if s == nil {
		return nil
	}
	s.direct += direct
	s.lifeRevenue += lifeTotal
	s.lifeDirect += lifeDirect
	if sale {
		s.saleOrders, s.sales, s.firstSale, s.lastSale = n, total, first, last
	} else {
		s.refundOrders, s.refunds = n, total
	}
	return nil
}

func (f *figures) addCosts(row []driver.Value) error {
	id, n, period, life := intOf(row[0]), int(intOf(row[1])), moneyOf(row[2]), moneyOf(row[3])
	if c := sumsOf(f.costs, id); c != nil {
		c.costs += n
		c.period += period
		c.life += life
	}
	return nil
}

func (f *figures) addLooseCost(row []driver.Value) error {
	id, on, amount := intOf(row[0]), textOf(row[1]), moneyOf(row[2])
	if c := sumsOf(f.costs, id); c != nil {
		c.life += amount
		if f.in(on) {
			c.costs++
			c.period += amount
		}
	}
	return nil
}

func (f *figures) addAcquisition(row []driver.Value) error {
	id, on, amount := intOf(row[0]), textOf(row[1]), moneyOf(row[2])
	if c := sumsOf(f.costs, id); c != nil {
		c.acquisition += amount
		if f.in(on) {
			c.acquisitionIn += amount
		}
	}
	return nil
}

// readMonths sums each month of the period, an open end closed by the
// first or last record, one month at a time: each is a range of the date
// indexes.
func (f *figures) readMonths(ctx context.Context, db *DB) error {
	for _, m := range f.period.Months(parseStored(f.first), parseStored(f.last)) {
		lo, hi := max(model.FormatDate(m), f.lo), min(model.FormatDate(m.AddDate(0, 1, 0)), f.hi)
		mf := model.MonthFacts{Month: m}
		if err := db.r.QueryRowContext(ctx, figuresMonth, lo, hi).Scan(&mf.Revenue, &mf.DirectCost,
			&mf.CostToServe); err != nil {
			return mapErr(err)
		}
		f.months = append(f.months, mf)
	}
	return nil
}

// parallel runs each fn in a goroutine of its own (each query then holds
// its own connection of the reader pool) and waits for all of them.
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { errs[i] = fn() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// parseStored reads a stored day or time, "" being the zero time.
func parseStored(s string) time.Time { return parseTime(sql.NullString{String: s, Valid: true}) }

// eachValues runs query on a connection of the reader pool and calls fn
// with each row's values as the driver hands them over (int64, float64,
// string, []byte or nil), without database/sql's conversions: the sums
// read a few hundred thousand rows, and converting each value cost as
// much as SQLite's work.
func (db *DB) eachValues(ctx context.Context, query string, args []any, fn func(row []driver.Value) error) error {
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
		named := make([]driver.NamedValue, len(args))
		for i, a := range args {
			named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
		}
		rows, err := q.QueryContext(ctx, query, named)
		if err != nil {
			return err
		}
		defer rows.Close()
		row := make([]driver.Value, len(rows.Columns()))
		for {
			switch err := rows.Next(row); {
			case errors.Is(err, io.EOF):
				return nil
			case err != nil:
				return err
			}
			if err := fn(row); err != nil {
				return err
			}
		}
	}))
}

// intOf is an integer value of a row, 0 for NULL.
func intOf(v driver.Value) int64 {
	n, _ := v.(int64)
	return n
}

// moneyOf is an amount of a row, 0 for NULL.
func moneyOf(v driver.Value) model.Money { return model.Money(intOf(v)) }

// textOf is a text value of a row, "" for NULL.
func textOf(v driver.Value) string {
	s, _ := v.(string)
	return s
}
