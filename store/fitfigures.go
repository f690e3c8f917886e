package store

import (
	"context"
	"fmt"

	"clientele/model"
)

// FitFigures fills the figures "in the period" of customers read by
// FitFacts: sale orders, revenue, direct cost, cost to serve and profit
// over period p, and the day of their last sale in it, from the sums the
// Profit book reads (readSums).
func (db *DB) FitFigures(ctx context.Context, cs []model.FitCustomer, p model.Period) error {
	var maxID int64
	for i := range cs {
		maxID = max(maxID, cs[i].ID)
	}
	bounds, err := db.readBounds(ctx)
	if err != nil {
		return err
	}
	all, err := db.readSums(ctx, spanOf(p.From, p.To), maxID, bounds, sumsRead{})
	if err != nil {
		return fmt.Errorf("summing the period's orders and costs: %w", err)
	}
	for i := range cs {
		if id := cs[i].ID; id > 0 {
			fitFigures(&cs[i], &all.period[id])
		} else {
			fitFigures(&cs[i], &sums{})
		}
	}
	return nil
}

// fitFigures sets c's figures in the period from s.
func fitFigures(c *model.FitCustomer, s *sums) {
	c.Orders, c.Revenue, c.DirectCost, c.CostToServe = s.saleOrders, s.revenue(), s.direct(), s.costToServe
	c.Profit = c.Revenue - c.DirectCost - c.CostToServe
	c.LastSale = s.lastSale.time()
}
