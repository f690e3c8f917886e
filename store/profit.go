package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"

	"clientele/model"
)

var _ model.ProfitStore = (*DB)(nil)

// The profit book is read in four passes, one after the other, each over
// one table in full: the customers, their segments, every order with its
// lines summed, and every cost with the customer it belongs to. The period
// is applied in Go, since lifetime figures need every record anyway.
const (
	profitCustomers = `SELECT id, coalesce(ref, ''), name, stage, coalesce(tier, 0), archived_at IS NOT NULL,
		acquisition_cost FROM customers ORDER BY id`
	profitOrders = `SELECT coalesce(o.customer_id, 0), o.kind = 'sale', o.ordered_at,
		coalesce(x.amount, 0), coalesce(x.direct, 0)
		FROM orders o LEFT JOIN (SELECT order_id, sum(amount) AS amount, sum(quantity * unit_cost) AS direct
			FROM order_lines GROUP BY order_id) x ON x.order_id = o.id`
	// A cost on an order with no customer of its own is the order's
	// customer's.
	profitCosts = `SELECT coalesce(c.customer_id, o.customer_id, 0), c.category = 'acquisition', c.incurred_on,
		c.amount FROM costs c LEFT JOIN orders o ON o.id = c.order_id`
)

// ProfitBook reads what the profitability rules sum over period: every
// customer's figures in it and all time, the unattributed row (orders
// with no customer, costs on no one), the business's sums by month, and
// the first and last day of any order or cost.
func (db *DB) ProfitBook(ctx context.Context, period model.Period) (model.ProfitBook, error) {
	book := model.ProfitBook{Period: period}
	lo, hi := periodDays(period.From, period.To)
	in := func(at string) bool {
		day := at[:min(len(at), len(model.DateLayout))]
		return day >= lo && day <= hi
	}
	var maxID int64
	if err := db.r.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM customers").Scan(&maxID); err != nil {
		return book, mapErr(err)
	}
	n := int(maxID) + 1
	// facts[id] is customer id's row; facts[0] is the unattributed one.
	facts := make([]model.ProfitFacts, n)
	known := make([]bool, n)
	var segments idLists
	type month struct{ revenue, direct, serve model.Money }
	months := map[string]*month{}
	monthOf := func(at string) *month {
		key := at[:min(len(at), len("2006-01"))]
		m := months[key]
		if m == nil {
			m = &month{}
			months[key] = m
		}
		return m
	}
	var first, last string
	bound := func(at string) {
		day := at[:min(len(at), len(model.DateLayout))]
		if first == "" || day < first {
			first = day
		}
		last = max(last, day)
	}
	// row returns the facts of customer id, or nil for one added after
	// max(id) was read.
	row := func(id int64) *model.ProfitFacts {
		if id < 0 || id >= int64(n) {
			return nil
		}
		return &facts[id]
	}
	customers := func() error {
		return db.each(ctx, profitCustomers, nil, func(rows *sql.Rows) error {
			var id int64
			var f model.ProfitFacts
			if err := rows.Scan(&id, &f.Ref, &f.Name, &f.Stage, &f.Tier, &f.Archived, &f.Acquisition); err != nil {
				return err
			}
			if p := row(id); p != nil && id > 0 {
				p.ID, p.Ref, p.Name, p.Stage, p.Tier, p.Archived = id, f.Ref, f.Name, f.Stage, f.Tier, f.Archived
				p.Acquisition += f.Acquisition
				known[id] = true
			}
			return nil
		})
	}
	orders := func() error {
		return db.each(ctx, profitOrders, nil, func(rows *sql.Rows) error {
			var id int64
			var sale bool
			var at string
			var amount, direct model.Money
			if err := rows.Scan(&id, &sale, &at, &amount, &direct); err != nil {
				return err
			}
			f := row(id)
			if f == nil {
				return nil
			}
			f.LifetimeRevenue += amount
			f.LifetimeDirectCost += direct
			bound(at)
			if !in(at) {
				return nil
			}
			m := monthOf(at)
			m.revenue += amount
			m.direct += direct
			f.DirectCost += direct
			if !sale {
				f.RefundOrders++
				f.Refunds += amount
				return nil
			}
			f.SaleOrders++
			f.Sales += amount
			day := parseTime(sql.NullString{String: at, Valid: true})
			if f.FirstSale.IsZero() || day.Before(f.FirstSale) {
				f.FirstSale = day
			}
			if day.After(f.LastSale) {
				f.LastSale = day
			}
			return nil
		})
	}
	costs := func() error {
		return db.each(ctx, profitCosts, nil, func(rows *sql.Rows) error {
			var id int64
			var acquisition bool
			var on string
			var amount model.Money
			if err := rows.Scan(&id, &acquisition, &on, &amount); err != nil {
				return err
			}
			f := row(id)
			if f == nil {
				return nil
			}
			bound(on)
			switch {
			case acquisition:
				f.Acquisition += amount
			default:
				f.LifetimeCostToServe += amount
			}
			if !in(on) {
				return nil
			}
			f.Costs++
			if !acquisition {
				f.CostToServe += amount
				monthOf(on).serve += amount
			}
			return nil
		})
	}
	segs := func() error { return segments.read(ctx, db, factsSegments, n) }
	for _, read := range []func() error{customers, segs, orders, costs} {
		if err := read(); err != nil {
			return book, fmt.Errorf("reading the profit book: %w", err)
		}
	}
	for id := 1; id < n; id++ {
		if !known[id] {
			continue
		}
		f := facts[id]
		if f.Ref == "" {
			f.Ref = strconv.FormatInt(f.ID, 10)
		}
		f.Segments = segments.of(int64(id))
		book.Customers = append(book.Customers, f)
	}
	book.Unattributed = facts[0]
	book.Unattributed.Acquisition = 0
	for key, m := range months {
		day, err := time.Parse("2006-01", key)
		if err != nil {
			continue
		}
		book.Months = append(book.Months, model.MonthFacts{Month: day, Revenue: m.revenue, DirectCost: m.direct,
			CostToServe: m.serve})
	}
	slices.SortFunc(book.Months, func(a, b model.MonthFacts) int { return a.Month.Compare(b.Month) })
	if first != "" {
		book.FirstDay = parseTime(sql.NullString{String: first, Valid: true})
		book.LastDay = parseTime(sql.NullString{String: last, Valid: true})
	}
	return book, nil
}
