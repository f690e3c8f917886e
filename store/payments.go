package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"clientele/model"
)

// SetPaid marks order id paid on day (its day taken), or unpaid again for
// the zero day, and returns the day it was paid before (zero: unpaid), so
// that the change can be undone by setting that back. Only an order
// billed for later (with a payment due day) is paid this way: another is
// ErrInvalid; a missing one ErrNotFound.
func (db *DB) SetPaid(ctx context.Context, id int64, day time.Time) (was time.Time, err error) {
	if !day.IsZero() {
		day = model.Day(day)
	}
	err = db.write(ctx, note{model.ActionPayment, "Marked an order paid"}, func(tx *sql.Tx) error {
		var due, paid sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT payment_due_on, paid_on FROM orders WHERE id = ?", id).Scan(&due, &paid)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("order %d: %w", id, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if !due.Valid {
			return model.Invalid("paid on", "order %d was paid when it was made: it has no payment due", id)
		}
		was = parseTime(paid)
		_, err = tx.ExecContext(ctx, "UPDATE orders SET paid_on = ? WHERE id = ?", dbDate(day), id)
		return err
	})
	return was, err
}

// SetPaymentDue bills order id for later, due on day, or (the zero day)
// makes it an order paid when it was made; a refund cannot be billed.
// It returns the due day before, for undo. ErrNotFound for a missing
// order.
func (db *DB) SetPaymentDue(ctx context.Context, id int64, day time.Time) (was time.Time, err error) {
	if !day.IsZero() {
		day = model.Day(day)
	}
	err = db.write(ctx, note{model.ActionPayment, "Set an order's payment due day"}, func(tx *sql.Tx) error {
		var kind string
		var at, due sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT kind, ordered_at, payment_due_on FROM orders WHERE id = ?", id).
			Scan(&kind, &at, &due)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("order %d: %w", id, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if err := model.ValidatePaymentDue(model.OrderKind(kind), parseTime(at), day); err != nil {
			return err
		}
		was = parseTime(due)
		paid := "paid_on"
		if day.IsZero() {
			paid = "NULL"
		}
		_, err = tx.ExecContext(ctx, "UPDATE orders SET payment_due_on = ?, paid_on = "+paid+" WHERE id = ?",
			dbDate(day), id)
		return err
	})
	return was, err
}

// UnpaidOrders lists the customer's orders waiting for their payment, the
// oldest due first; an empty customer id lists everyone's.
func (db *DB) UnpaidOrders(ctx context.Context, customerID int64) ([]model.Order, error) {
	cond, args := "", []any{}
	if customerID != 0 {
		cond, args = " AND customer_id = ?", []any{customerID}
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, coalesce(customer_id, 0), ordered_at, kind, notes,
		payment_due_on, lines_amount, coalesce((SELECT group_concat(description, char(10)) FROM (SELECT description
			FROM order_lines WHERE order_id = orders.id ORDER BY id LIMIT 10)), '')
		FROM orders WHERE payment_due_on IS NOT NULL AND paid_on IS NULL`+cond+` ORDER BY payment_due_on, id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.Order
	for rows.Next() {
		var o model.Order
		var at, due sql.NullString
		var amount model.Money
		var items string
		if err := rows.Scan(&o.ID, &o.CustomerID, &at, &o.Kind, &o.Notes, &due, &amount, &items); err != nil {
			return nil, mapErr(err)
		}
		o.OrderedAt, o.PaymentDue = parseTime(at), parseTime(due)
		// The lines' descriptions, and their sum as one amount: enough for
		// a reminder of what is owed.
		o.Lines = summaryLines(items, amount)
		out = append(out, o)
	}
	return out, mapErr(rows.Err())
}

// summaryLines stands for an order's lines in a list: one line per
// description (up to ten), the first carrying the order's whole amount.
func summaryLines(descriptions string, amount model.Money) []model.OrderLine {
	var ls []model.OrderLine
	for _, d := range splitLines(descriptions) {
		ls = append(ls, model.OrderLine{Description: d, Quantity: 1})
	}
	if len(ls) == 0 {
		ls = []model.OrderLine{{Quantity: 1}}
	}
	ls[0].Amount, ls[0].UnitPrice = amount, amount
	return ls
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}
