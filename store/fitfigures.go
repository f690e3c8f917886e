package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"clientele/model"
)

// The figures of the fit analysis, summed as DESIGN.md defines
// profitability: revenue is sales net of refunds dated in the period,
// direct cost is quantity × unit cost of those lines, cost to serve is the
// costs dated in the period attributed to the customer or to one of their
// orders, acquisition aside. ?1 is the first day, ?2 the day after the
// last. Each query reads an index that holds exactly its rows in customer
// order (migration 0007), so SQLite groups them without a sort and
// without visiting the tables: orders keep the sums of their lines, so no
// order line is read.
const (
	figuresSales = `SELECT customer_id, count(*), sum(lines_amount), sum(lines_direct_cost), max(ordered_at)
		FROM orders INDEXED BY orders_fit_sales
		WHERE customer_id IS NOT NULL AND kind = 'sale' AND ordered_at >= ?1 AND ordered_at < ?2
		GROUP BY customer_id`
	// Refunds subtract from revenue and direct cost (their lines are
	// negative) but are no sale.
	figuresRefunds = `SELECT customer_id, sum(lines_amount), sum(lines_direct_cost)
		FROM orders INDEXED BY orders_fit_refunds
		WHERE customer_id IS NOT NULL AND kind = 'refund' AND ordered_at >= ?1 AND ordered_at < ?2
		GROUP BY customer_id`
	// Costs of the customer.
	figuresCosts = `SELECT customer_id, sum(amount) FROM costs INDEXED BY costs_to_serve
		WHERE customer_id IS NOT NULL AND category <> 'acquisition' AND incurred_on >= ?1 AND incurred_on < ?2
		GROUP BY customer_id`
	// Costs of an order only: they belong to the order's customer. Few:
	// each is looked up in orders (CROSS JOIN keeps the costs outside).
	figuresOrderCosts = `SELECT o.customer_id, sum(c.amount)
		FROM costs c INDEXED BY costs_of_orders CROSS JOIN orders o ON o.id = c.order_id
		WHERE c.customer_id IS NULL AND c.order_id IS NOT NULL AND c.category <> 'acquisition'
		AND c.incurred_on >= ?1 AND c.incurred_on < ?2 AND o.customer_id IS NOT NULL GROUP BY o.customer_id`
)

// FitFigures fills the figures "in the period" of customers read by
// FitFacts: sale orders, revenue, direct cost, cost to serve and profit
// over [from, to], and the day of their last sale in it. The four sums are
// read side by side, each into its own slice.
func (db *DB) FitFigures(ctx context.Context, cs []model.FitCustomer, from, to time.Time) error {
	lo, hi := "", "9999-12-31"
	if !from.IsZero() {
		lo = model.FormatDate(from)
	}
	if !to.IsZero() {
		hi = model.FormatDate(model.AddDays(to, 1))
	}
	args := []any{lo, hi}
	// Where each customer is in cs, by id (ids are dense, as FitFacts
	// has them): a slice, not a map, for some 200,000 lookups.
	var maxID int64
	for i := range cs {
		maxID = max(maxID, cs[i].ID)
	}
	pos := make([]int32, maxID+1) // index in cs + 1; 0 for none
	for i := range cs {
		if id := cs[i].ID; id >= 0 {
			pos[id] = int32(i + 1)
		}
	}
	at := func(id int64) (int, bool) {
		if id < 0 || id > maxID || pos[id] == 0 {
			return 0, false
		}
		return int(pos[id]) - 1, true
	}
	type sale struct {
		orders         int64
		amount, direct model.Money
		last           string
	}
	type refund struct{ amount, direct model.Money }
	sales, refunds := make([]sale, len(cs)), make([]refund, len(cs))
	serve, orderServe := make([]model.Money, len(cs)), make([]model.Money, len(cs))
	var errs [4]error
	var wg sync.WaitGroup
	run := func(i int, fn func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	run(0, func() error {
		return db.eachRow(ctx, figuresSales, args, func(r row) error {
			if i, ok := at(r.int(0)); ok {
				sales[i] = sale{orders: r.int(1), amount: model.Money(r.int(2)), direct: model.Money(r.int(3)),
					last: r.text(4)}
			}
			return nil
		})
	})
	run(1, func() error {
		return db.eachRow(ctx, figuresRefunds, args, func(r row) error {
			if i, ok := at(r.int(0)); ok {
				refunds[i] = refund{amount: model.Money(r.int(1)), direct: model.Money(r.int(2))}
			}
			return nil
		})
	})
	costs := func(query string, dst []model.Money) func() error {
		return func() error {
			return db.eachRow(ctx, query, args, func(r row) error {
				if i, ok := at(r.int(0)); ok {
					dst[i] = model.Money(r.int(1))
				}
				return nil
			})
		}
	}
	run(2, costs(figuresCosts, serve))
	run(3, costs(figuresOrderCosts, orderServe))
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return fmt.Errorf("summing the period's orders and costs: %w", err)
	}
	for i := range cs {
		c, s, r := &cs[i], sales[i], refunds[i]
		c.Orders, c.Revenue, c.DirectCost = int(s.orders), s.amount+r.amount, s.direct+r.direct
		c.CostToServe = serve[i] + orderServe[i]
		c.Profit = c.Revenue - c.DirectCost - c.CostToServe
		c.LastSale = parseStamp(s.last)
	}
	return nil
}
