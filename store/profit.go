package store

import (
	"context"
	"fmt"
	"runtime"

	"clientele/model"
)

var _ model.ProfitStore = (*DB)(nil)

// profitAcquisition are the acquisition costs, one by one (there are
// few), attributed as other costs are: what winning a customer cost is no
// cost of serving them.
const profitAcquisition = `SELECT coalesce(c.customer_id, o.customer_id, 0), c.incurred_on, c.amount
	FROM costs c INDEXED BY costs_acquisition LEFT JOIN orders o ON c.customer_id IS NULL AND o.id = c.order_id
	WHERE c.category = 'acquisition' AND c.voided_at IS NULL`

// ProfitBook sums the orders and costs of period p (model.ProfitBook):
// every customer with their segments (by name, as the list shows them),
// the unattributed row, the period's months and the first and last day of
// any order or cost.
func (db *DB) ProfitBook(ctx context.Context, p model.Period) (model.ProfitBook, error) {
	return db.profitBook(ctx, p, true)
}

// ProfitBookWithoutMonths is ProfitBook with no months: what an export,
// which draws no monthly bars, reads once and then analyses and writes.
// The read leaves every customer's kept texts behind (about 40 MB at
// 100,000 customers): they are collected before it returns, so that the
// command's peak memory is what it holds, not that and the read's garbage
// too (DESIGN.md: ≤ 150 MB; 117–125 MB with the collection, 131–149 MB
// without). The screens, which keep their analysis, do not pay for it.
func (db *DB) ProfitBookWithoutMonths(ctx context.Context, p model.Period) (model.ProfitBook, error) {
	book, err := db.profitBook(ctx, p, false)
	runtime.GC()
	return book, err
}

// profitBook reads side by side every customer's card (customer_cards),
// the sums of the period, all time and, with months, the period's months
// (readSums, one read of the kept months), the acquisition costs and the
// segments' names, and joins them by customer id. Every customer is in
// the book, archived ones too: their orders are real revenue, and the
// totals must add up to every order line.
func (db *DB) profitBook(ctx context.Context, p model.Period, months bool) (model.ProfitBook, error) {
	book := model.ProfitBook{Period: p}
	var maxID int64
	if err := db.r.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM customers").Scan(&maxID); err != nil {
		return book, mapErr(err)
	}
	bounds, err := db.readBounds(ctx)
	if err != nil {
		return book, err
	}
	book.FirstDay, book.LastDay = parseDay(bounds.first), parseDay(bounds.last)

	period := spanOf(p.From, p.To)
	n := int(maxID) + 1
	what := sumsRead{life: !period.allTime()}
	if months {
		what.months = p.Months(book.FirstDay, book.LastDay)
	}
	var figures bookSums
	var segs segments
	byID := make([]model.ProfitFacts, n)
	segIDs := make([][]int64, n)
	acquisition, acquisitionCosts := make([]model.Money, n), make([]int, n) // all time; entries in the period
	err = parallel(
		func() (err error) { figures, err = db.readSums(ctx, period, maxID, bounds, what); return err },
		func() error {
			return db.eachCard(ctx, maxID, false, func(id int64, c *card) {
				f := model.ProfitFacts{ID: id, Name: c.name, Stage: model.Stage(c.stage), Tier: c.tier,
					Archived: c.archived, Acquisition: c.acquisition}
				f.Ref = (&model.Customer{ID: id, Ref: c.ref}).DisplayRef()
				byID[id] = f
				if len(c.segments) > 0 {
					segIDs[id] = c.segments
				}
			})
		},
		func() (err error) { segs, err = db.segmentsByID(ctx); return err },
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
	)
	if err != nil {
		return book, fmt.Errorf("reading the profitability book: %w", err)
	}
	book.Months = figures.months
	life := figures.life
	if life == nil {
		life = figures.period
	}
	fill := func(c *model.ProfitFacts) {
		s, l := &figures.period[c.ID], &life[c.ID]
		c.SaleOrders, c.RefundOrders, c.Costs = s.saleOrders, s.refundOrders, s.costs+acquisitionCosts[c.ID]
		c.Sales, c.Refunds, c.DirectCost, c.CostToServe = s.sales, s.refunds, s.direct(), s.costToServe
		c.FirstSale, c.LastSale = s.firstSale.time(), s.lastSale.time()
		c.LifetimeRevenue, c.LifetimeDirectCost, c.LifetimeCostToServe = l.revenue(), l.direct(), l.costToServe
		c.Acquisition += acquisition[c.ID]
	}
	names := make([]string, 0, n)
	book.Customers = byID[:0]
	for id := range byID {
		if byID[id].ID == 0 { // no customer, or no card
			continue
		}
		c := byID[id]
		c.Segments = segs.names(segIDs[id], &names)
		fill(&c)
		book.Customers = append(book.Customers, c)
	}
	fill(&book.Unattributed)
	return book, nil
}
