package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"clientele/model"
)

// AddTouch validates t, stores it and sets t.ID. A touch with no time is
// dated now.
func (db *DB) AddTouch(ctx context.Context, t *model.Touch) error {
	if t.At.IsZero() {
		t.At = db.Now()
	}
	if t.Kind == "" {
		t.Kind = model.TouchContact
	}
	if err := t.Validate(); err != nil {
		return err
	}
	n := note{model.ActionTouchAdd, "Logged a contact"}
	if t.Kind == model.TouchReview {
		n = note{model.ActionReviewDone, "Marked the review done"}
	}
	return db.write(ctx, n, func(tx *sql.Tx) error {
		id, err := insertTouch(ctx, tx, t, db.Now())
		t.ID = id
		if err != nil {
			return err
		}
		return describe(ctx, tx, n.what+" for "+customerName(ctx, tx, t.CustomerID))
	})
}

func insertTouch(ctx context.Context, tx *sql.Tx, t *model.Touch, now time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO touches (customer_id, touched_at, channel, kind, summary, template,
		created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, t.CustomerID, dbTime(t.At), t.Channel, t.Kind, t.Summary, t.Template,
		dbTime(now))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// SetFollowUp sets the customer's next follow-up day; the zero time clears
// it. ErrNotFound for a missing customer.
// The follow-up date is the customer's follow-up reminder.
func (db *DB) SetFollowUp(ctx context.Context, customerID int64, day time.Time) error {
	what := "Set a follow-up on " + model.FormatDate(day)
	if day.IsZero() {
		what = "Cleared the follow-up"
	}
	now := db.Now()
	return db.write(ctx, note{model.ActionFollowUp, what}, func(tx *sql.Tx) error {
		if err := touchCustomer(ctx, tx, customerID, now); err != nil {
			return err
		}
		if err := setFollowUp(ctx, tx, customerID, day, now); err != nil {
			return err
		}
		return describe(ctx, tx, what+" for "+customerName(ctx, tx, customerID))
	})
}

// touchCustomer stamps the customer's updated time: ErrNotFound when
// there is no such customer.
func touchCustomer(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	res, err := tx.ExecContext(ctx, "UPDATE customers SET updated_at = ? WHERE id = ?", dbTime(now), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("customer %d: %w", id, model.ErrNotFound)
	}
	return nil
}

// Snooze hides the customer from the daily review until the day until
// (the zero time wakes them) and logs it in the touch log as a review
// entry written "Snoozed until YYYY-MM-DD", which the review counts as
// handled today but not as contact.
func (db *DB) Snooze(ctx context.Context, customerID int64, until time.Time) error {
	now := db.Now()
	return db.write(ctx, note{model.ActionSnooze, snoozeWords("a customer", until)}, func(tx *sql.Tx) error {
		if err := setCustomerDay(ctx, tx, "snoozed_until", customerID, until, now); err != nil {
			return err
		}
		if err := describe(ctx, tx, snoozeWords(customerName(ctx, tx, customerID), until)); err != nil {
			return err
		}
		if until.IsZero() {
			return nil
		}
		t := model.Touch{CustomerID: customerID, At: now, Kind: model.TouchReview,
			Summary: model.SnoozeNote + model.FormatDate(until)}
		_, err := insertTouch(ctx, tx, &t, now)
		return err
	})
}

// setCustomerDay writes one of the customer's day columns.
func setCustomerDay(ctx context.Context, tx *sql.Tx, column string, id int64, day, now time.Time) error {
	res, err := tx.ExecContext(ctx, "UPDATE customers SET "+column+" = ?, updated_at = ? WHERE id = ?",
		dbDate(day), dbTime(now), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("customer %d: %w", id, model.ErrNotFound)
	}
	return nil
}

// snoozeWords describes a snooze of the customer called name.
func snoozeWords(name string, until time.Time) string {
	if until.IsZero() {
		return "Woke " + name + " from a snooze"
	}
	return "Snoozed " + name + " until " + model.FormatDate(until)
}
