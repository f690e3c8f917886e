package store

import (
	"context"
	"database/sql/driver"
	"fmt"

	"clientele/model"
)

var _ model.ProfitStore = (*DB)(nil)

const (
	// profitCustomers are every customer, archived ones too: their orders
	// are real revenue, and the totals must add up to every order line.
	profitCustomers = `SELECT id, name, stage, coalesce(tier, 0), archived_at IS NOT NULL, coalesce(ref, ''),
		acquisition_cost FROM customers WHERE id <= ?`
	// profitSegments are each customer's segments by name, as the list
	// shows them (the key of customer_segments leads with the customer:
	// only each customer's few are sorted).
	profitSegments = `SELECT cs.customer_id, s.name FROM customer_segments cs JOIN segments s ON s.id = cs.segment_id
		WHERE cs.customer_id <= ? ORDER BY cs.customer_id, s.name`
)

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
	var segments [][]string // by customer id
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
	readSegments := func(f *figures) error {
		segments = make([][]string, f.maxID+1)
		return db.eachValues(ctx, profitSegments, []any{f.maxID}, func(row []driver.Value) error {
			if id := intOf(row[0]); id >= 0 && id <= f.maxID {
				segments[id] = append(segments[id], textOf(row[1]))
			}
			return nil
		})
	}
	f, err := db.readFigures(ctx, p, months, readCustomers, readSegments)
	if err != nil {
		return book, fmt.Errorf("reading the profitability book: %w", err)
	}
	for i := range book.Customers {
		c := &book.Customers[i]
		c.Segments = segments[c.ID]
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
