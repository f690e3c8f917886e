package store

import (
	"context"
	"database/sql"
	"fmt"

	"clientele/model"
)

// customerRecords are one customer's orders with the sums of their lines,
// then their costs: their own and those recorded on one of their orders
// only, which are theirs as the Profit book counts them.
const customerRecords = `SELECT 1, ordered_at, kind, lines_amount, lines_direct_cost FROM orders
		WHERE customer_id = ?1 AND voided_at IS NULL
	UNION ALL
	SELECT 0, incurred_on, category, amount, 0 FROM costs WHERE customer_id = ?1 AND voided_at IS NULL
	UNION ALL
	SELECT 0, c.incurred_on, c.category, c.amount, 0 FROM orders o JOIN costs c ON c.order_id = o.id
		WHERE o.customer_id = ?1 AND c.customer_id IS NULL AND c.voided_at IS NULL`

// CustomerProfit reads customer id's figures over each of periods for
// their detail: each period's and the lifetime sums and what winning them
// cost, by the rules the Profit book sums (model.FoldProfit), from one
// read of their own rows.
func (db *DB) CustomerProfit(ctx context.Context, id int64, periods ...model.Period) ([]model.ProfitFacts, error) {
	var f model.ProfitFacts
	err := db.r.QueryRowContext(ctx, `SELECT id, name, stage, coalesce(tier, 0), acquisition_cost
		FROM customers WHERE id = ?`, id).Scan(&f.ID, &f.Name, &f.Stage, &f.Tier, &f.Acquisition)
	if err != nil {
		return nil, mapErr(err)
	}
	var records []model.ProfitRecord
	err = db.each(ctx, customerRecords, []any{id}, func(rows *sql.Rows) error {
		var r model.ProfitRecord
		var on, kind string
		if err := rows.Scan(&r.Order, &on, &kind, &r.Amount, &r.Direct); err != nil {
			return err
		}
		r.On = parseStamp(on)
		if r.Order {
			r.Kind = model.OrderKind(kind)
		} else {
			r.Category = model.CostCategory(kind)
		}
		records = append(records, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the orders and costs of customer %d: %w", id, err)
	}
	out := make([]model.ProfitFacts, len(periods))
	for i, p := range periods {
		out[i] = f
		model.FoldProfit(&out[i], records, p)
	}
	return out, nil
}
