package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"clientele/model"
)

var _ model.ReminderStore = (*DB)(nil)

// SaveReminder validates r and stores it for its customer: a new one when
// r.ID is 0 (r.ID is set), else the customer's reminder r.ID replaced.
// r.Due is read back: the occurrence now waiting. A follow-up date goes
// through SetFollowUp. ErrNotFound for a missing customer or reminder.
func (db *DB) SaveReminder(ctx context.Context, r *model.Reminder) error {
	r.Normalize()
	if r.Kind == model.ReminderFollowUp {
		return model.Invalid("kind", "the follow-up date is set with SetFollowUp")
	}
	if err := r.Validate(); err != nil {
		return err
	}
	now := db.Now()
	return db.write(ctx, note{model.ActionReminder, "Saved a reminder"}, func(tx *sql.Tx) error {
		if err := touchCustomer(ctx, tx, r.CustomerID, now); err != nil {
			return err
		}
		if r.ID != 0 {
			if err := mustExist(ctx, tx, "reminders", "reminder", r.ID); err != nil {
				return err
			}
		}
		return saveReminder(ctx, tx, r, now)
	})
}

// DeleteReminder deletes reminder id (the follow-up date too) and returns
// it as it was, so that saving it again (with its id cleared) undoes the
// delete. ErrNotFound for a missing one.
func (db *DB) DeleteReminder(ctx context.Context, id int64) (model.Reminder, error) {
	var r model.Reminder
	err := db.write(ctx, note{model.ActionReminder, "Deleted a reminder"}, func(tx *sql.Tx) error {
		var start, due sql.NullString
		err := tx.QueryRowContext(ctx, `DELETE FROM reminders WHERE id = ?
			RETURNING id, customer_id, kind, starts_on, repeat_unit, repeat_every, note, due_on`, id).
			Scan(&r.ID, &r.CustomerID, &r.Kind, &start, &r.Unit, &r.Every, &r.Note, &due)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("reminder %d: %w", id, model.ErrNotFound)
		}
		r.Start, r.Due = parseTime(start), parseTime(due)
		return err
	})
	return r, err
}

// SaveOccasion validates o and stores it for its customer: a new one when
// o.ID is 0 (o.ID is set), else the customer's occasion o.ID replaced. A
// second birthday is ErrConflict; ErrNotFound for a missing customer or
// occasion.
func (db *DB) SaveOccasion(ctx context.Context, o *model.Occasion) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	now := db.Now()
	return db.write(ctx, note{model.ActionOccasion, "Saved an occasion"}, func(tx *sql.Tx) error {
		if err := touchCustomer(ctx, tx, o.CustomerID, now); err != nil {
			return err
		}
		if o.ID != 0 {
			if err := mustExist(ctx, tx, "occasions", "occasion", o.ID); err != nil {
				return err
			}
		}
		return saveOccasion(ctx, tx, o, now)
	})
}

// DeleteOccasion deletes occasion id and returns it as it was, for undo.
func (db *DB) DeleteOccasion(ctx context.Context, id int64) (model.Occasion, error) {
	var o model.Occasion
	err := db.write(ctx, note{model.ActionOccasion, "Deleted an occasion"}, func(tx *sql.Tx) error {
		var year sql.NullInt64
		err := tx.QueryRowContext(ctx, `DELETE FROM occasions WHERE id = ?
			RETURNING id, customer_id, kind, name, month, day, year, yearly, note`, id).
			Scan(&o.ID, &o.CustomerID, &o.Kind, &o.Name, &o.Month, &o.Day, &year, &o.Yearly, &o.Note)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("occasion %d: %w", id, model.ErrNotFound)
		}
		o.Year = int(year.Int64)
		return err
	})
	return o, err
}

// EachReminder calls fn with every reminder of a customer not archived,
// follow-up dates included, by first day; it stops at fn's first error.
func (db *DB) EachReminder(ctx context.Context, fn func(model.Reminder) error) error {
	rs, err := db.reminders(ctx, `r.customer_id IN (SELECT id FROM customers WHERE archived_at IS NULL)`)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// EachOccasion calls fn with every occasion of a customer not archived,
// in calendar order; it stops at fn's first error.
func (db *DB) EachOccasion(ctx context.Context, fn func(model.Occasion) error) error {
	os, err := db.occasions(ctx, `o.customer_id IN (SELECT id FROM customers WHERE archived_at IS NULL)`)
	if err != nil {
		return err
	}
	for _, o := range os {
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}
