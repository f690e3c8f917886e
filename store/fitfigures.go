package store

import (
	"context"
	"database/sql"
	"time"

	"clientele/model"
)

// fitFiguresQuery sums each customer's orders and costs to serve over the
// period ?1 (first day) to ?2 (the day after the last), as DESIGN.md
// defines profitability: revenue is sales net of refunds, direct cost is
// quantity × unit cost, cost to serve is the costs dated in the period
// attributed to the customer or to one of their orders, acquisition aside.
// Lines are summed per order first, reading order_lines in index order.
const fitFiguresQuery = `WITH o AS (
		SELECT o.customer_id AS id, o.kind = 'sale' AS sale, o.ordered_at AS at, x.amount, x.direct
		FROM orders o JOIN (SELECT order_id, sum(amount) AS amount, sum(quantity * unit_cost) AS direct
			FROM order_lines GROUP BY order_id) x ON x.order_id = o.id
		WHERE o.customer_id IS NOT NULL AND o.ordered_at >= ?1 AND o.ordered_at < ?2),
	s AS (
		SELECT coalesce(c.customer_id, o.customer_id) AS id, sum(c.amount) AS serve
		FROM costs c LEFT JOIN orders o ON o.id = c.order_id
		WHERE c.category <> 'acquisition' AND c.incurred_on >= ?1 AND c.incurred_on < ?2
		GROUP BY 1)
	SELECT id, sum(orders), sum(revenue), sum(direct), sum(serve), max(last) FROM (
		SELECT id, count(*) FILTER (WHERE sale) AS orders, sum(amount) AS revenue, sum(direct) AS direct,
			0 AS serve, max(at) FILTER (WHERE sale) AS last FROM o GROUP BY id
		UNION ALL SELECT id, 0, 0, 0, serve, NULL FROM s WHERE id IS NOT NULL)
	GROUP BY id`

// FitFigures fills the figures "in the period" of customers read by
// FitFacts: sale orders, revenue, direct cost, cost to serve and profit
// over [from, to], and the day of their last sale in it.
func (db *DB) FitFigures(ctx context.Context, cs []model.FitCustomer, from, to time.Time) error {
	lo, hi := "", "9999-12-31"
	if !from.IsZero() {
		lo = model.FormatDate(from)
	}
	if !to.IsZero() {
		hi = model.FormatDate(model.AddDays(to, 1))
	}
	at := make(map[int64]int, len(cs))
	for i, c := range cs {
		at[c.ID] = i
	}
	rows, err := db.r.QueryContext(ctx, fitFiguresQuery, lo, hi)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var f model.FitCustomer
		var last sql.NullString
		if err := rows.Scan(&id, &f.Orders, &f.Revenue, &f.DirectCost, &f.CostToServe, &last); err != nil {
			return mapErr(err)
		}
		i, ok := at[id]
		if !ok {
			continue // archived
		}
		c := &cs[i]
		c.Orders, c.Revenue, c.DirectCost, c.CostToServe = f.Orders, f.Revenue, f.DirectCost, f.CostToServe
		c.Profit = c.Revenue - c.DirectCost - c.CostToServe
		c.LastSale = parseTime(last)
	}
	return mapErr(rows.Err())
}
