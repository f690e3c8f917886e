package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"clientele/model"
)

// StoredOrder is an order an earlier import wrote, as a later import of
// the same file finds it.
type StoredOrder struct {
	ID         int64
	ImportHash int64 // the fingerprint it was written with; 0 when unknown
	// Current is the fingerprint of the order as it is now, with its lines
	// and the costs recorded on it (model.Order.Fingerprint).
	Current int64
	// Voided is set when the order was voided here.
	Voided bool
}

// Edited reports whether the order changed after its import wrote it:
// edited or voided here, or changed by anything else that writes to the
// file. An order imported before fingerprints were kept has no record of
// what was written until it is edited or voided here, which keeps the
// fingerprint it had before (markImportEdited), and counts as not edited
// until then.
func (s StoredOrder) Edited() bool {
	return s.ImportHash != 0 && (s.ImportHash != s.Current || s.Voided)
}

// FindOrder looks up the order with externalID in source inside the
// load, with its fingerprints; found is false when there is none.
func (l *Loader) FindOrder(source, externalID string) (s StoredOrder, found bool, err error) {
	var hash sql.NullInt64
	err = l.tx.QueryRowContext(l.ctx, `SELECT id, import_hash, voided_at IS NOT NULL FROM orders
		WHERE source = ? AND external_id = ?`, source, externalID).Scan(&s.ID, &hash, &s.Voided)
	if errors.Is(err, sql.ErrNoRows) {
		return s, false, nil
	}
	if err != nil {
		return s, false, err
	}
	s.ImportHash = hash.Int64
	o, costs, err := orderWithCosts(l.ctx, l.tx, s.ID)
	if err != nil {
		return s, false, err
	}
	s.Current = o.Fingerprint(costs)
	return s, true, nil
}

// HasOrders reports whether any order of source is stored, as the book is
// outside a load: an import of a source the book has no orders of only
// adds records (LoadNew).
func (db *DB) HasOrders(ctx context.Context, source string) (bool, error) {
	var ok bool
	err := db.r.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM orders WHERE source = ?)", source).Scan(&ok)
	return ok, mapErr(err)
}

// Unchecked reports a load without foreign keys (LoadNew), which may only
// add records.
func (l *Loader) Unchecked() bool { return l.unchecked }

// HasOrders reports whether any order of source is stored: a first import
// need not look each of its orders up.
func (l *Loader) HasOrders(source string) (bool, error) {
	var ok bool
	err := l.tx.QueryRowContext(l.ctx, "SELECT EXISTS (SELECT 1 FROM orders WHERE source = ?)", source).Scan(&ok)
	return ok, err
}

// orderWithCosts reads order id, its lines and the costs recorded on it
// (those not voided), inside a transaction.
func orderWithCosts(ctx context.Context, q queryer, id int64) (model.Order, []model.Cost, error) {
	o := model.Order{ID: id}
	var customer sql.NullInt64
	var at, ext sql.NullString
	err := q.QueryRowContext(ctx, `SELECT customer_id, ordered_at, kind, source, external_id, notes
		FROM orders WHERE id = ?`, id).Scan(&customer, &at, &o.Kind, &o.Source, &ext, &o.Notes)
	if err != nil {
		return o, nil, err
	}
	o.CustomerID, o.OrderedAt, o.ExternalID = customer.Int64, parseTime(at), ext.String
	rows, err := q.QueryContext(ctx, `SELECT coalesce(offering_id, 0), description, quantity, unit_price,
		coalesce(unit_price_exact, ''), amount, unit_cost FROM order_lines WHERE order_id = ?`, id)
	if err != nil {
		return o, nil, err
	}
	for rows.Next() {
		var ln model.OrderLine
		if err := rows.Scan(&ln.OfferingID, &ln.Description, &ln.Quantity, &ln.UnitPrice, &ln.UnitPriceExact,
			&ln.Amount, &ln.UnitCost); err != nil {
			rows.Close()
			return o, nil, err
		}
		o.Lines = append(o.Lines, ln)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return o, nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT incurred_on, category, amount, note FROM costs
		WHERE order_id = ? AND voided_at IS NULL`, id)
	if err != nil {
		return o, nil, err
	}
	defer rows.Close()
	var costs []model.Cost
	for rows.Next() {
		var c model.Cost
		var on sql.NullString
		if err := rows.Scan(&on, &c.Category, &c.Amount, &c.Note); err != nil {
			return o, nil, err
		}
		c.On = parseTime(on)
		costs = append(costs, c)
	}
	return o, costs, rows.Err()
}

// ReplaceOrder writes o (validated) over the stored order id, which an
// earlier import of the same source wrote: the order keeps its id (so
// complaints about it still point at it), its lines and the costs recorded
// on it are replaced by o's lines and costs. The figures of its customer
// before and after are refreshed when the load ends.
func (l *Loader) ReplaceOrder(id int64, o *model.Order, costs []model.Cost) error {
	if l.unchecked {
		// Without foreign keys, deleting the old lines and costs would
		// not reach what refers to them.
		return errors.New("replacing an order needs a load that checks foreign keys (Load, not LoadNew)")
	}
	if err := o.Validate(); err != nil {
		return err
	}
	if err := l.Flush(); err != nil { // queued lines of this order, if any, go first
		return err
	}
	var old sql.NullInt64
	if err := l.tx.QueryRowContext(l.ctx, "SELECT customer_id FROM orders WHERE id = ?", id).Scan(&old); err != nil {
		return fmt.Errorf("order %d: %w", id, mapErr(err))
	}
	if old.Valid {
		l.touched[old.Int64] = struct{}{}
	}
	for _, table := range []string{"orders", "order_lines", "costs"} {
		where := "order_id = ?"
		if table == "orders" {
			where = "id = ?"
		}
		if err := l.saveBefore(table, where, id); err != nil {
			return err
		}
	}
	for _, q := range []string{"DELETE FROM order_lines WHERE order_id = ?", "DELETE FROM costs WHERE order_id = ?"} {
		if _, err := l.tx.ExecContext(l.ctx, q, id); err != nil {
			return mapErr(err)
		}
	}
	if _, err := l.tx.ExecContext(l.ctx, `UPDATE orders SET customer_id = ?, ordered_at = ?, kind = ?, notes = ?,
		lines_amount = ?, lines_direct_cost = ?, import_hash = ? WHERE id = ?`, nullID(o.CustomerID),
		dbTime(o.OrderedAt), o.Kind, o.Notes, o.Total(), o.DirectCost(), nullInt64(o.ImportHash), id); err != nil {
		return mapErr(err)
	}
	o.ID = id
	if err := l.queueLines(id, o.Lines); err != nil {
		return err
	}
	for _, c := range costs {
		c.OrderID = id
		if err := l.Cost(&c); err != nil {
			return err
		}
	}
	if o.CustomerID != 0 {
		l.touched[o.CustomerID] = struct{}{}
	}
	return nil
}
