package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"clientele/model"
)

// The sums of orders and costs over a span of days, as DESIGN.md defines
// profitability: revenue is sales net of refunds dated in the span,
// direct cost is quantity × unit cost of those lines, cost to serve is the
// costs dated in the span attributed to the customer or to one of their
// orders, acquisition aside. The Profit book (in the period and all time)
// and the Segments tab's figures (in the period) both read them here.
//
// Each query is one pass over an index that holds exactly its rows, in
// customer order, with what it sums (migration 0007: orders keep the sums
// of their lines), so SQLite groups without a sort and never visits a
// table; the four run side by side on the reader pool and are joined by
// customer id in Go. Testing the days in WHERE, one span per query, is
// faster than summing a period and all time in one pass with FILTER: only
// the rows of the span reach the aggregates, and a row handed over costs
// more under modernc than SQLite's work on it.
//
// {in span} stands for the test that a row's day falls in the span (see
// span.where); customer 0 is no one: orders of no customer, costs on no
// one or on an order of no one.
const (
	sumsSales = `SELECT coalesce(customer_id, 0), count(*), sum(lines_amount), sum(lines_direct_cost),
		min(ordered_at), max(ordered_at)
		FROM orders INDEXED BY orders_sales WHERE kind = 'sale' AND voided_at IS NULL AND {in span} GROUP BY customer_id`
	// Refunds subtract from revenue and direct cost (their lines are
	// negative) but are no sale.
	sumsRefunds = `SELECT coalesce(customer_id, 0), count(*), sum(lines_amount), sum(lines_direct_cost)
		FROM orders INDEXED BY orders_refunds WHERE kind = 'refund' AND voided_at IS NULL AND {in span}
		GROUP BY customer_id`
	// The costs of a customer.
	sumsCosts = `SELECT customer_id, count(*), sum(amount) FROM costs INDEXED BY costs_to_serve
		WHERE customer_id IS NOT NULL AND category <> 'acquisition' AND voided_at IS NULL AND {in span}
		GROUP BY customer_id`
	// Costs recorded on no customer, few: a cost of an order is the order's
	// customer's (the LEFT JOIN keeps the costs outside).
	sumsLooseCosts = `SELECT coalesce(o.customer_id, 0), count(*), sum(c.amount)
		FROM costs c INDEXED BY costs_loose LEFT JOIN orders o ON o.id = c.order_id
		WHERE c.customer_id IS NULL AND c.category <> 'acquisition' AND c.voided_at IS NULL AND {in span} GROUP BY 1`
)

// sums are one customer's orders and costs over a span of days. Each of
// the queries writes its own fields, side by side with the others.
type sums struct {
	saleOrders, refundOrders int
	sales, refunds           model.Money // refunds ≤ 0, as their lines hold them
	saleDirect, refundDirect model.Money
	firstSale, lastSale      string // as stored
	ownCosts, looseCosts     int    // cost entries other than acquisition
	ownServe, looseServe     model.Money
}

// revenue is sales net of refunds.
func (s *sums) revenue() model.Money { return s.sales + s.refunds }

// direct is the direct cost of the sales net of the refunds'.
func (s *sums) direct() model.Money { return s.saleDirect + s.refundDirect }

// serve is the cost to serve, and costs how many entries it sums.
func (s *sums) serve() model.Money { return s.ownServe + s.looseServe }
func (s *sums) costs() int         { return s.ownCosts + s.looseCosts }

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

// where returns query with {in span} the test that column falls in the
// span, and the arguments it takes. All time tests nothing: SQLite then
// skips the test on every row.
func (s span) where(query, column string) (string, []any) {
	if s.allTime() {
		return strings.ReplaceAll(query, "{in span}", "1"), nil
	}
	return strings.ReplaceAll(query, "{in span}", column+" >= ?1 AND "+column+" < ?2"), []any{s.lo, s.hi}
}

// salesQuery is sumsSales, with the first sale only when firstSales is
// set: handing a text over for every customer costs a fifth of the query.
func salesQuery(firstSales bool) string {
	if firstSales {
		return sumsSales
	}
	return strings.Replace(sumsSales, "min(ordered_at)", "NULL", 1)
}

// readSums sums every customer's orders and costs over sp: the sums of id
// are out[id], out[0] those of no one. Customers above maxID (added since
// the caller sized its reads) are left for the next read. The first sale
// is read only with firstSales (see salesQuery).
func (db *DB) readSums(ctx context.Context, sp span, maxID int64, firstSales bool) ([]sums, error) {
	out := make([]sums, maxID+1)
	at := func(id int64) *sums {
		if id < 0 || id > maxID {
			return nil
		}
		return &out[id]
	}
	// read runs one query over sp and hands each row to add.
	read := func(query, column string, add func(s *sums, r row)) func() error {
		return func() error {
			q, args := sp.where(query, column)
			return db.eachRow(ctx, q, args, func(r row) error {
				if s := at(r.int(0)); s != nil {
					add(s, r)
				}
				return nil
			})
		}
	}
	err := parallel(
		read(salesQuery(firstSales), "ordered_at", func(s *sums, r row) {
			s.saleOrders, s.sales, s.saleDirect = int(r.int(1)), r.money(2), r.money(3)
			s.firstSale, s.lastSale = r.text(4), r.text(5)
		}),
		read(sumsRefunds, "ordered_at", func(s *sums, r row) {
			s.refundOrders, s.refunds, s.refundDirect = int(r.int(1)), r.money(2), r.money(3)
		}),
		read(sumsCosts, "incurred_on", func(s *sums, r row) { s.ownCosts, s.ownServe = int(r.int(1)), r.money(2) }),
		read(sumsLooseCosts, "c.incurred_on", func(s *sums, r row) {
			s.looseCosts, s.looseServe = int(r.int(1)), r.money(2)
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("summing orders and costs: %w", err)
	}
	return out, nil
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
