package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"clientele/model"
)

var _ model.OrderStore = (*DB)(nil)

// CreateOrder validates o and stores it with its lines in one transaction,
// the order keeping their sums, refreshing the customer's figures in the
// same transaction so that the list never shows a sum the orders do not
// add up to. It sets o.ID and
// each line's ID. A customer or offering that does not exist is
// model.ErrNotFound.
func (db *DB) CreateOrder(ctx context.Context, o *model.Order) error {
	if err := o.Validate(); err != nil {
		return err
	}
	now := dbTime(db.Now())
	return db.write(ctx, note{model.ActionOrderAdd, "Added an order"}, func(tx *sql.Tx) error {
		if o.CustomerID != 0 {
			if err := mustExist(ctx, tx, "customers", "customer", o.CustomerID); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO orders (customer_id, ordered_at, kind, source, external_id,
			notes, lines_amount, lines_direct_cost, payment_due_on, paid_on, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nullID(o.CustomerID), dbTime(o.OrderedAt), o.Kind, o.Source, nullText(o.ExternalID), o.Notes,
			o.Total(), o.DirectCost(), dbDate(o.PaymentDue), dbDate(o.PaidOn), now)
		if err != nil {
			return err
		}
		if o.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := insertLines(ctx, tx, o); err != nil {
			return err
		}
		// A prospect's first sale makes them a customer, in this change.
		if err := refreshOrderCustomers(ctx, tx, now, o.CustomerID); err != nil {
			return err
		}
		article := "an"
		if o.Kind == model.OrderRefund {
			article = "a"
		}
		return describe(ctx, tx, fmt.Sprintf("Added %s %s of %s for %s", article, orderWord(o.Kind), o.Total(),
			customerName(ctx, tx, o.CustomerID)))
	})
}

// mustExist returns model.ErrNotFound, naming what is missing, unless
// table has a row with id.
func mustExist(ctx context.Context, q queryer, table, what string, id int64) error {
	var ok bool
	if err := q.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+table+" WHERE id = ?)", id).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%s %d: %w", what, id, model.ErrNotFound)
	}
	return nil
}

// Order returns one order with its lines, or model.ErrNotFound.
func (db *DB) Order(ctx context.Context, id int64) (model.Order, error) {
	return db.readOrder(ctx, "WHERE id = ?", id)
}

// LastOrder returns the customer's newest sale with its lines, or
// model.ErrNotFound when they have bought nothing.
func (db *DB) LastOrder(ctx context.Context, customerID int64) (model.Order, error) {
	return db.readOrder(ctx, `WHERE customer_id = ? AND kind = 'sale' AND voided_at IS NULL
		ORDER BY ordered_at DESC, id DESC LIMIT 1`, customerID)
}

// readOrder reads the first order the clause selects, and its lines.
func (db *DB) readOrder(ctx context.Context, clause string, arg int64) (model.Order, error) {
	var o model.Order
	var customer, hash sql.NullInt64
	var at, ext, due, paid, voided sql.NullString
	err := db.r.QueryRowContext(ctx, `SELECT id, customer_id, ordered_at, kind, source, external_id, notes,
		payment_due_on, paid_on, import_hash, voided_at, void_reason FROM orders `+clause, arg).Scan(&o.ID, &customer,
		&at, &o.Kind, &o.Source, &ext, &o.Notes, &due, &paid, &hash, &voided, &o.VoidReason)
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("order: %w", model.ErrNotFound)
	}
	if err != nil {
		return o, mapErr(err)
	}
	o.CustomerID, o.OrderedAt, o.ExternalID = customer.Int64, parseTime(at), ext.String
	o.ImportHash, o.VoidedAt = hash.Int64, parseTime(voided)
	o.PaymentDue, o.PaidOn = parseTime(due), parseTime(paid)
	rows, err := db.r.QueryContext(ctx, `SELECT id, coalesce(offering_id, 0), description, quantity, unit_price,
		coalesce(unit_price_exact, ''), amount, unit_cost FROM order_lines WHERE order_id = ? ORDER BY id`, o.ID)
	if err != nil {
		return o, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var l model.OrderLine
		if err := rows.Scan(&l.ID, &l.OfferingID, &l.Description, &l.Quantity, &l.UnitPrice, &l.UnitPriceExact,
			&l.Amount, &l.UnitCost); err != nil {
			return o, err
		}
		o.Lines = append(o.Lines, l)
	}
	return o, rows.Err()
}

// RecentOrders lists the customer's newest orders, at most limit, with
// their totals and a line saying what was in them.
func (db *DB) RecentOrders(ctx context.Context, customerID int64, limit int) ([]model.OrderSummary, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT o.id, o.ordered_at, o.kind, count(l.id), coalesce(sum(l.amount), 0),
		coalesce((SELECT description FROM order_lines WHERE order_id = o.id ORDER BY id LIMIT 1), ''),
		o.payment_due_on, o.paid_on
		FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
		WHERE o.customer_id = ? AND o.voided_at IS NULL GROUP BY o.id ORDER BY o.ordered_at DESC, o.id DESC LIMIT ?`,
		customerID, limit)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.OrderSummary
	for rows.Next() {
		var s model.OrderSummary
		var at, due, paid sql.NullString
		if err := rows.Scan(&s.ID, &at, &s.Kind, &s.Lines, &s.Total, &s.Summary, &due, &paid); err != nil {
			return nil, err
		}
		s.OrderedAt, s.PaymentDue, s.PaidOn = parseTime(at), parseTime(due), parseTime(paid)
		if s.Lines > 1 {
			s.Summary += fmt.Sprintf(" and %d more", s.Lines-1)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
