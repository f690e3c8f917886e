package store

import (
	"context"
	"database/sql"
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
// last.
const (
	// Each order in the period with its lines summed, reading order_lines
	// in the order of its index so that no sort is needed; the orders are
	// summed per customer in Go.
	figuresOrders = `SELECT o.customer_id, o.kind = 'sale', o.ordered_at, x.amount, x.direct
		FROM orders o JOIN (SELECT order_id, sum(amount) AS amount, sum(quantity * unit_cost) AS direct
			FROM order_lines GROUP BY order_id) x ON x.order_id = o.id
		WHERE o.customer_id IS NOT NULL AND o.ordered_at >= ?1 AND o.ordered_at < ?2`
	// Costs of the customer: one pass over the table, grouped in a
	// temporary b-tree (reading it through costs_by_customer, a lookup per
	// row, is three times slower).
	figuresCosts = `SELECT customer_id, sum(amount) FROM costs NOT INDEXED
		WHERE customer_id IS NOT NULL AND category <> 'acquisition' AND incurred_on >= ?1 AND incurred_on < ?2
		GROUP BY customer_id`
	// Costs of an order only: they belong to the order's customer.
	figuresOrderCosts = `SELECT o.customer_id, sum(c.amount) FROM costs c JOIN orders o ON o.id = c.order_id
		WHERE c.customer_id IS NULL AND o.customer_id IS NOT NULL AND c.category <> 'acquisition'
		AND c.incurred_on >= ?1 AND c.incurred_on < ?2 GROUP BY o.customer_id`
)

// FitFigures fills the figures "in the period" of customers read by
// FitFacts: sale orders, revenue, direct cost, cost to serve and profit
// over [from, to], and the day of their last sale in it. The orders and
// the costs are summed side by side.
func (db *DB) FitFigures(ctx context.Context, cs []model.FitCustomer, from, to time.Time) error {
	lo, hi := "", "9999-12-31"
	if !from.IsZero() {
		lo = model.FormatDate(from)
	}
	if !to.IsZero() {
		hi = model.FormatDate(model.AddDays(to, 1))
	}
	at := make(map[int64]int, len(cs))
	for i := range cs {
		at[cs[i].ID] = i
		c := &cs[i]
		c.Orders, c.Revenue, c.DirectCost, c.CostToServe, c.LastSale = 0, 0, 0, 0, time.Time{}
	}
	type sums struct {
		orders        int
		revenue, cost model.Money
		last          string
	}
	orders := make([]sums, len(cs))
	serve := make([]model.Money, len(cs))
	var mu sync.Mutex // serve is written by two queries
	var errs [3]error
	var wg sync.WaitGroup
	run := func(i int, fn func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	run(0, func() error {
		return db.each(ctx, figuresOrders, []any{lo, hi}, func(rows *sql.Rows) error {
			var id int64
			var sale bool
			var on string
			var amount, direct model.Money
			if err := rows.Scan(&id, &sale, &on, &amount, &direct); err != nil {
				return err
			}
			i, ok := at[id]
			if !ok {
				return nil // archived
			}
			s := &orders[i]
			s.revenue += amount
			s.cost += direct
			if sale {
				s.orders++
				s.last = max(s.last, on)
			}
			return nil
		})
	})
	costs := func(query string) func() error {
		return func() error {
			return db.each(ctx, query, []any{lo, hi}, func(rows *sql.Rows) error {
				var id int64
				var amount model.Money
				if err := rows.Scan(&id, &amount); err != nil {
					return err
				}
				if i, ok := at[id]; ok {
					mu.Lock()
					serve[i] += amount
					mu.Unlock()
				}
				return nil
			})
		}
	}
	run(1, costs(figuresCosts))
	run(2, costs(figuresOrderCosts))
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return fmt.Errorf("summing the period's orders and costs: %w", err)
	}
	for i := range cs {
		c, s := &cs[i], orders[i]
		c.Orders, c.Revenue, c.DirectCost, c.CostToServe = s.orders, s.revenue, s.cost, serve[i]
		c.Profit = c.Revenue - c.DirectCost - c.CostToServe
		if s.last != "" {
			c.LastSale = parseTime(sql.NullString{String: s.last, Valid: true})
		}
	}
	return nil
}
