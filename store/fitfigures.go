package store

import (
	"context"
	"fmt"
	"time"

	"clientele/model"
)

// FitFigures fills the figures "in the period" of customers read by
// FitFacts: sale orders, revenue, direct cost, cost to serve and profit
// over [from, to], and the day of their last sale in it, from the sums the
// Profit book reads (figures).
func (db *DB) FitFigures(ctx context.Context, cs []model.FitCustomer, from, to time.Time) error {
	f, err := db.readFigures(ctx, model.Period{From: from, To: to}, false)
	if err != nil {
		return fmt.Errorf("summing the period's orders and costs: %w", err)
	}
	for i := range cs {
		c := &cs[i]
		c.Orders, c.Revenue, c.DirectCost, c.CostToServe, c.Profit, c.LastSale = 0, 0, 0, 0, 0, time.Time{}
		o, k := sumsOf(f.orders, c.ID), sumsOf(f.costs, c.ID)
		if o == nil {
			continue // added since the sums were sized
		}
		c.Orders, c.Revenue, c.DirectCost, c.CostToServe = o.saleOrders, o.sales+o.refunds, o.direct, k.serve()
		c.Profit = c.Revenue - c.DirectCost - c.CostToServe
		c.LastSale = parseStored(o.lastSale)
	}
	return nil
}
