package store

import (
	"context"
	"fmt"
	"time"

	"clientele/model"
)

var _ model.ProfitStore = (*DB)(nil)

const (
	// profitBounds are the largest customer id, and the first and last
	// order and cost.
	profitBounds = `SELECT coalesce((SELECT max(id) FROM customers), 0),
		coalesce((SELECT min(ordered_at) FROM orders WHERE voided_at IS NULL), ''),
		coalesce((SELECT max(ordered_at) FROM orders WHERE voided_at IS NULL), ''),
		coalesce((SELECT min(incurred_on) FROM costs WHERE voided_at IS NULL), ''),
		coalesce((SELECT max(incurred_on) FROM costs WHERE voided_at IS NULL), '')`
	// profitCustomers are every customer, archived ones too: their orders
	// are real revenue, and the totals must add up to every order line.
	profitCustomers = `SELECT id, name, stage, coalesce(tier, 0), archived_at IS NOT NULL, coalesce(ref, ''),
		acquisition_cost FROM customers WHERE id <= ?`
	// profitAcquisition are the acquisition costs, one by one (there are
	// few), attributed as other costs are: what winning a customer cost is
	// no cost of serving them.
	profitAcquisition = `SELECT coalesce(c.customer_id, o.customer_id, 0), c.incurred_on, c.amount
		FROM costs c INDEXED BY costs_acquisition LEFT JOIN orders o ON c.customer_id IS NULL AND o.id = c.order_id
		WHERE c.category = 'acquisition' AND c.voided_at IS NULL`
	// profitMonth is one month of the whole business (or the part of it in
	// the period), [?1, ?2): revenue, direct cost and cost to serve, each a
	// range of an index by day that carries what it sums.
	profitMonth = `SELECT coalesce(sum(lines_amount), 0), coalesce(sum(lines_direct_cost), 0),
		(SELECT coalesce(sum(amount), 0) FROM costs WHERE incurred_on >= ?1 AND incurred_on < ?2 AND voided_at IS NULL)
		- (SELECT coalesce(sum(amount), 0) FROM costs INDEXED BY costs_acquisition
			WHERE category = 'acquisition' AND voided_at IS NULL AND incurred_on >= ?1 AND incurred_on < ?2)
		FROM orders WHERE ordered_at >= ?1 AND ordered_at < ?2 AND voided_at IS NULL`
)

// ProfitBook sums the orders and costs of period p (model.ProfitBook):
// every customer with their segments (by name, as the list shows them),
// the unattributed row, the period's months and the first and last day of
// any order or cost.
func (db *DB) ProfitBook(ctx context.Context, p model.Period) (model.ProfitBook, error) {
	return db.profitBook(ctx, p, true)
}

// ProfitBookWithoutMonths is ProfitBook with no months: what an export,
// which draws no monthly bars, reads. Summing the months reads every
// order and cost of the period once more, by day.
func (db *DB) ProfitBookWithoutMonths(ctx context.Context, p model.Period) (model.ProfitBook, error) {
	return db.profitBook(ctx, p, false)
}

// profitBook reads side by side the sums of the period and of all time
// (the same reads, readSums, over two spans: one when the period is all
// time), the acquisition costs, the customers, their segments and the
// months, and joins them by customer id.
func (db *DB) profitBook(ctx context.Context, p model.Period, months bool) (model.ProfitBook, error) {
	book := model.ProfitBook{Period: p}
	var maxID int64
	var orderFirst, orderLast, costFirst, costLast string
	if err := db.r.QueryRowContext(ctx, profitBounds).Scan(&maxID, &orderFirst, &orderLast, &costFirst,
		&costLast); err != nil {
		return book, mapErr(err)
	}
	first, last := orderFirst, max(orderLast, costLast)
	if first == "" || (costFirst != "" && costFirst < first) {
		first = costFirst
	}
	book.FirstDay, book.LastDay = model.Day(parseStamp(first)), model.Day(parseStamp(last))

	period := spanOf(p.From, p.To)
	n := int(maxID) + 1
	var inPeriod, life []sums
	acquisition, acquisitionCosts := make([]model.Money, n), make([]int, n) // all time; entries in the period
	var segments idLists
	reads := []func() error{
		func() (err error) { inPeriod, err = db.readSums(ctx, period, maxID, true); return err },
		func() error {
			return db.eachRow(ctx, profitAcquisition, nil, func(r row) error {
				if id := r.int(0); id >= 0 && id < int64(n) {
					acquisition[id] += r.money(2)
					if period.in(r.text(1)) {
						acquisitionCosts[id]++
					}
				}
				return nil
			})
		},
		func() error {
			book.Customers = make([]model.ProfitFacts, 0, maxID)
			return db.eachRow(ctx, profitCustomers, []any{maxID}, func(r row) error {
				c := model.ProfitFacts{ID: r.int(0), Name: r.text(1), Stage: model.Stage(r.text(2)),
					Tier: int(r.int(3)), Archived: r.int(4) == 1, Acquisition: r.money(6)}
				c.Ref = (&model.Customer{ID: c.ID, Ref: r.text(5)}).DisplayRef()
				book.Customers = append(book.Customers, c)
				return nil
			})
		},
		func() error { return segments.read(ctx, db, factsSegments, n) },
	}
	if !period.allTime() {
		reads = append(reads, func() (err error) { life, err = db.readSums(ctx, span{hi: openEnd}, maxID, false); return err })
	}
	if months {
		reads = append(reads, func() (err error) {
			book.Months, err = db.profitMonths(ctx, p, period, parseStamp(first), parseStamp(last))
			return err
		})
	}
	if err := parallel(reads...); err != nil {
		return book, fmt.Errorf("reading the profitability book: %w", err)
	}
	if life == nil {
		life = inPeriod
	}
	fill := func(c *model.ProfitFacts) {
		s, l := &inPeriod[c.ID], &life[c.ID]
		c.SaleOrders, c.RefundOrders, c.Costs = s.saleOrders, s.refundOrders, s.costs()+acquisitionCosts[c.ID]
		c.Sales, c.Refunds, c.DirectCost, c.CostToServe = s.sales, s.refunds, s.direct(), s.serve()
		c.FirstSale, c.LastSale = parseStamp(s.firstSale), parseStamp(s.lastSale)
		c.LifetimeRevenue, c.LifetimeDirectCost, c.LifetimeCostToServe = l.revenue(), l.direct(), l.serve()
		c.Acquisition += acquisition[c.ID]
	}
	for i := range book.Customers {
		c := &book.Customers[i]
		c.Segments = segments.of(c.ID)
		fill(c)
	}
	fill(&book.Unattributed)
	return book, nil
}

// profitMonths sums each month of period p (the span sp), an open end
// closed by the first or last record, one month at a time.
func (db *DB) profitMonths(ctx context.Context, p model.Period, sp span, first, last time.Time) ([]model.MonthFacts, error) {
	var out []model.MonthFacts
	for _, m := range p.Months(first, last) {
		lo, hi := max(model.FormatDate(m), sp.lo), min(model.FormatDate(m.AddDate(0, 1, 0)), sp.hi)
		mf := model.MonthFacts{Month: m}
		if err := db.r.QueryRowContext(ctx, profitMonth, lo, hi).Scan(&mf.Revenue, &mf.DirectCost,
			&mf.CostToServe); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, mf)
	}
	return out, nil
}
