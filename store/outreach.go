package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"clientele/model"
)

var _ model.OutreachStore = (*DB)(nil)

// Templates returns every kind's message template: the owner's version
// where the book holds one (Edited), else the default.
func (db *DB) Templates(ctx context.Context) ([]model.Template, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT kind, name, subject, body, marketing FROM templates")
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var stored []model.Template
	for rows.Next() {
		var t model.Template
		if err := rows.Scan(&t.Kind, &t.Name, &t.Subject, &t.Body, &t.Marketing); err != nil {
			return nil, mapErr(err)
		}
		stored = append(stored, t)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	return model.MergeTemplates(stored), nil
}

// Template returns the template of kind (see Templates).
func (db *DB) Template(ctx context.Context, kind model.TemplateKind) (model.Template, error) {
	ts, err := db.Templates(ctx)
	if err != nil {
		return model.Template{}, err
	}
	for _, t := range ts {
		if t.Kind == kind {
			return t, nil
		}
	}
	return model.Template{}, fmt.Errorf("template %q: %w", kind, model.ErrNotFound)
}

// SaveTemplate validates t and keeps it as the owner's version of its
// kind, returning the version it replaces (for undo: save that back, or
// ResetTemplate when it was the default).
func (db *DB) SaveTemplate(ctx context.Context, t model.Template) (was model.Template, err error) {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return was, err
	}
	if was, err = db.Template(ctx, t.Kind); err != nil {
		return was, err
	}
	err = db.write(ctx, note{model.ActionTemplate, "Saved a message template"}, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO templates (kind, name, subject, body, marketing, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET name = excluded.name,
			subject = excluded.subject, body = excluded.body, marketing = excluded.marketing,
			updated_at = excluded.updated_at`, t.Kind, t.Name, t.Subject, t.Body, t.Marketing, dbTime(db.Now()))
		return err
	})
	return was, err
}

// ResetTemplate forgets the owner's version of kind: the default is used
// again. It returns the version it forgot.
func (db *DB) ResetTemplate(ctx context.Context, kind model.TemplateKind) (was model.Template, err error) {
	if was, err = db.Template(ctx, kind); err != nil {
		return was, err
	}
	err = db.write(ctx, note{model.ActionTemplate, "Reset a message template"}, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM templates WHERE kind = ?", kind)
		return err
	})
	return was, err
}

// LogMessage records that a message written from a template went to the
// customer by channel: a contact in the touch log (summed up by the
// template's name), carrying the template's name, dated now. It answers the
// customer's reasons on Today as any contact does. It returns the touch;
// DeleteTouch with its id undoes it.
func (db *DB) LogMessage(ctx context.Context, customerID int64, ch model.Channel, m model.Message) (model.Touch, error) {
	// The timeline writes the channel before the summary ("email: Reorder
	// nudge").
	t := model.Touch{CustomerID: customerID, Channel: ch, Kind: model.TouchContact, Summary: m.TemplateName,
		Template: m.TemplateName}
	err := db.AddTouch(ctx, &t)
	return t, err
}

// DeleteTouch deletes touch id from the contact log (undoing a logged
// contact or message): the customer's last contact, and the reminders
// waiting on it, go back to what they were. It returns the touch deleted.
func (db *DB) DeleteTouch(ctx context.Context, id int64) (model.Touch, error) {
	var t model.Touch
	err := db.write(ctx, note{model.ActionTouchEdit, "Deleted a contact"}, func(tx *sql.Tx) error {
		var at sql.NullString
		err := tx.QueryRowContext(ctx, `DELETE FROM touches WHERE id = ?
			RETURNING id, customer_id, touched_at, channel, kind, summary, template`, id).
			Scan(&t.ID, &t.CustomerID, &at, &t.Channel, &t.Kind, &t.Summary, &t.Template)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("touch %d: %w", id, model.ErrNotFound)
		}
		t.At = parseTime(at)
		return err
	})
	return t, err
}

// MessageFacts gathers what a template of kind is filled with for the
// customer as at today: the customer, the business, their last sale,
// their next occasion (for an occasion's message), their oldest unpaid
// order (for a payment's), the question (for the NPS and wish
// questions).
func (db *DB) MessageFacts(ctx context.Context, customerID int64, kind model.TemplateKind,
	today time.Time) (model.MessageFacts, error) {
	var f model.MessageFacts
	c, err := db.Customer(ctx, customerID)
	if err != nil {
		return f, err
	}
	s, err := db.Settings(ctx)
	if err != nil {
		return f, err
	}
	f.Customer, f.Business, f.Symbol = c, s.BusinessName, s.CurrencySymbol()
	switch o, err := db.LastOrder(ctx, customerID); {
	case err == nil:
		f.LastOrder = o.OrderedAt
		for _, l := range o.Lines {
			f.LastOrderItems = append(f.LastOrderItems, l.Description)
		}
	case !errors.Is(err, model.ErrNotFound):
		return f, err
	}
	switch kind {
	case model.TemplateOccasion:
		for i := range c.Occasions {
			o := &c.Occasions[i]
			if on, ok := o.Next(today); ok && (f.Occasion == nil || on.Before(f.OccasionOn)) {
				f.Occasion, f.OccasionOn = o, on
			}
		}
	case model.TemplatePayment:
		unpaid, err := db.UnpaidOrders(ctx, customerID)
		if err != nil {
			return f, err
		}
		if len(unpaid) > 0 {
			f.Payment = &unpaid[0]
		}
	case model.TemplateNPS:
		f.Question = model.NPSQuestion
	case model.TemplateWish:
		f.Question = model.WishQuestion
	}
	return f, nil
}
