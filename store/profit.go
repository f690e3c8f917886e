package store

import (
	"context"
	"database/sql/driver"
	"fmt"

	"clientele/model"
)

var _ model.ProfitStore = (*DB)(nil)

// profitCustomers are every customer, archived ones too: their orders are
// real revenue, and the totals must add up to every order line.
const profitCustomers = `SELECT id, name, stage, coalesce(tier, 0), archived_at IS NOT NULL, coalesce(ref, ''),
	acquisition_cost FROM customers WHERE id <= ?`

// ProfitBook sums the orders and costs of period p (model.ProfitBook):
// every customer with their segments (by name, as the list shows them),
// the unattributed row, the period's months and the first and last day of
// any order or cost. The customers and their segments are read side by
// side with the sums (see figures).
func (db *DB) ProfitBook(ctx context.Context, p model.Period) (model.ProfitBook, error) {
	return db.profitBook(ctx, p, true)
}

// ProfitBookWithoutMonths is ProfitBook with no months: what an export,
// which draws no monthly bars, reads. Summing the months reads every
// order and cost of the period once more, by day.
func (db *DB) ProfitBookWithoutMonths(ctx context.Context, p model.Period) (model.ProfitBook, error) {
	return db.profitBook(ctx, p, false)
}

func (db *DB) profitBook(ctx context.Context, p model.Period, months bool) (model.ProfitBook, error) {
	book := model.ProfitBook{Period: p}
	var segments idLists
	readCustomers := func(f *figures) error {
		book.Customers = make([]model.ProfitFacts, 0, f.maxID)
		return db.eachValues(ctx, profitCustomers, []any{f.maxID}, func(row []driver.Value) error {
			c := model.ProfitFacts{ID: intOf(row[0]), Name: textOf(row[1]), Stage: model.Stage(textOf(row[2])),
				Tier: int(intOf(row[3])), Archived: intOf(row[4]) == 1, Acquisition: moneyOf(row[6])}
			c.Ref = (&model.Customer{ID: c.ID, Ref: textOf(row[5])}).DisplayRef()
			book.Customers = append(book.Customers, c)
			return nil
		})
	}
	readSegments := func(f *figures) error { return segments.read(ctx, db, factsSegments, int(f.maxID)+1) }
	f, err := db.readFigures(ctx, p, months, readCustomers, readSegments)
	if err != nil {
		return book, fmt.Errorf("reading the profitability book: %w", err)
	}
	for i := range book.Customers {
		c := &book.Customers[i]
		c.Segments = segments.of(c.ID)
		f.fill(c)
	}
	f.fill(&book.Unattributed)
	book.Months = f.months
	book.FirstDay, book.LastDay = model.Day(parseStored(f.first)), model.Day(parseStored(f.last))
	return book, nil
}

// fill adds the sums of c.ID to c (its acquisition cost already read).
func (f *figures) fill(c *model.ProfitFacts) {
	o, k := f.orders[c.ID], f.costs[c.ID]
	c.SaleOrders, c.RefundOrders, c.Costs = o.saleOrders, o.refundOrders, k.costs
	c.Sales, c.Refunds, c.DirectCost, c.CostToServe = o.sales, o.refunds, o.direct, k.serve()
	c.FirstSale, c.LastSale = parseStored(o.firstSale), parseStored(o.lastSale)
	c.LifetimeRevenue, c.LifetimeDirectCost, c.LifetimeCostToServe = o.lifeRevenue, o.lifeDirect, k.lifeServe()
	c.Acquisition += k.acquisition
}
