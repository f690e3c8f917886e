package store

import (
	"context"
	"database/sql"
	"fmt"

	"clientele/model"
)

var _ model.AlsoBoughtStore = (*DB)(nil)

// How far CoPurchases reads: the items a customer bought most, and for
// each, the latest orders of other customers that had it. Reading every
// order with a popular item would read most of the book (a third of a
// million orders at 100,000 customers); the latest few hundred say what
// goes together now, and a small business's whole history fits in them.
var (
	alsoBoughtItems  = 12
	alsoBoughtOrders = 300
)

// boughtQuery lists what customer ?1 bought in sale orders, by item, the
// most bought (then the latest) first.
const boughtQuery = `SELECT l.offering_id, CASE WHEN l.offering_id IS NULL THEN l.description END AS d,
	coalesce(f.name, l.description), count(DISTINCT o.id) AS n, max(o.ordered_at) AS last
FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN offerings f ON f.id = l.offering_id
WHERE o.customer_id = ?1 AND o.kind = 'sale' AND o.voided_at IS NULL AND (l.offering_id IS NOT NULL OR trim(l.description) <> '')
GROUP BY l.offering_id, d ORDER BY n DESC, last DESC, l.offering_id, d`

// withQuery counts the items in the latest ?3 sale orders of customers other
// than ?2 that had the item selected by the condition on l (?1 is the
// offering or the description), the item itself among them.
const withQuery = `WITH s AS (
	SELECT l.order_id FROM order_lines l JOIN orders o ON o.id = l.order_id
	WHERE %s AND o.kind = 'sale' AND o.voided_at IS NULL AND o.customer_id IS NOT ?2
	ORDER BY l.id DESC LIMIT ?3)
SELECT l.offering_id, CASE WHEN l.offering_id IS NULL THEN l.description END, coalesce(f.name, l.description),
	count(DISTINCT l.order_id)
FROM (SELECT DISTINCT order_id FROM s) s JOIN order_lines l ON l.order_id = s.order_id
	LEFT JOIN offerings f ON f.id = l.offering_id
WHERE l.offering_id IS NOT NULL OR trim(l.description) <> ''
GROUP BY 1, 2 ORDER BY 4 DESC, 3, 1, 2`

// CoPurchases returns what the customer bought, and for each of those
// items (the most bought first, alsoBoughtItems at most) the items in the
// latest alsoBoughtOrders sale orders of other customers that had it.
func (db *DB) CoPurchases(ctx context.Context, customerID int64) ([]model.Item, []model.CoPurchases, error) {
	bought, err := db.items(ctx, boughtQuery, customerID)
	if err != nil {
		return nil, nil, err
	}
	var co []model.CoPurchases
	for _, b := range bought[:min(len(bought), alsoBoughtItems)] {
		cond, key := "l.offering_id = ?1", any(b.Item.OfferingID)
		if b.Item.OfferingID == 0 {
			cond, key = "l.offering_id IS NULL AND l.description = ?1", b.Item.Description
		}
		with, err := db.items(ctx, fmt.Sprintf(withQuery, cond), key, customerID, alsoBoughtOrders)
		if err != nil {
			return nil, nil, err
		}
		c := model.CoPurchases{Item: b.Item, With: with}
		for _, w := range with {
			if w.Item.Key() == b.Item.Key() {
				c.Orders = w.Orders
			}
		}
		co = append(co, c)
	}
	items := make([]model.Item, len(bought))
	for i, b := range bought {
		items[i] = b.Item
	}
	return items, co, nil
}

// items runs a query of (offering id, description, name, orders, …) rows.
func (db *DB) items(ctx context.Context, query string, args ...any) ([]model.ItemCount, error) {
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, mapErr(err)
	}
	var out []model.ItemCount
	for rows.Next() {
		var offering sql.NullInt64
		var desc sql.NullString
		var ic model.ItemCount
		var rest sql.NullString
		dst := []any{&offering, &desc, &ic.Item.Name, &ic.Orders, &rest}[:len(cols)]
		if err := rows.Scan(dst...); err != nil {
			return nil, mapErr(err)
		}
		ic.Item.OfferingID, ic.Item.Description = offering.Int64, desc.String
		out = append(out, ic)
	}
	return out, mapErr(rows.Err())
}
