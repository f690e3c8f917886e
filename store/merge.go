package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
	"unicode/utf8"

	"clientele/model"
)

// PlanMerge reads customers keep and other and says what merging other
// into keep would do (model.PlanMerge), with the fields both have set
// differently, for the owner to choose: what the merge form shows.
func (db *DB) PlanMerge(ctx context.Context, keep, other int64) (model.MergePlan, error) {
	if keep == other {
		return model.MergePlan{}, model.Invalid("merge", "a customer cannot be merged into themselves")
	}
	k, err := db.Customer(ctx, keep)
	if err != nil {
		return model.MergePlan{}, err
	}
	o, err := db.Customer(ctx, other)
	if err != nil {
		return model.MergePlan{}, err
	}
	return model.PlanMerge(k, o, nil), nil
}

// MergeCustomers merges customer other into keep, in one change: every
// record of other (orders, costs, contacts, feedback, complaints) becomes
// keep's, their segments and values join keep's, the customers other
// referred are referred by keep (and keep takes other's referrer if it
// had none), the ids every import knows other by are kept for keep
// (customer_refs: a later import of those files lands on keep), keep's
// empty fields are filled from other's and, where both are set, other's
// value is taken for the fields in take (model.PlanMerge); then other is
// gone. It returns the plan carried out, its conflicts included. Undo
// brings other back with everything that was theirs.
func (db *DB) MergeCustomers(ctx context.Context, keep, other int64, take map[string]bool) (model.MergePlan, error) {
	var plan model.MergePlan
	if keep == other {
		return plan, model.Invalid("merge", "a customer cannot be merged into themselves")
	}
	// Read as the detail reads them, extras included; the write below
	// checks that neither changed since.
	k, err := db.Customer(ctx, keep)
	if err != nil {
		return plan, err
	}
	o, err := db.Customer(ctx, other)
	if err != nil {
		return plan, err
	}
	plan = model.PlanMerge(k, o, take)
	m := &plan.Merged
	if n := utf8.RuneCountInString(m.Notes); n > maxMergedNotes {
		// The other's whole record stays in the history.
		m.Notes = string([]rune(m.Notes)[:maxMergedNotes-1]) + "…"
	}
	if err := m.Validate(); err != nil {
		return plan, err
	}
	now := db.Now()
	err = db.write(ctx, note{model.ActionCustomerMerge, "Merged two customers"}, func(tx *sql.Tx) error {
		for _, c := range []model.Customer{k, o} {
			var updated string
			if err := tx.QueryRowContext(ctx, "SELECT updated_at FROM customers WHERE id = ?", c.ID).Scan(&updated); err != nil {
				return fmt.Errorf("customer %d: %w", c.ID, model.ErrNotFound)
			}
			if updated != model.FormatDateTime(c.UpdatedAt) {
				return fmt.Errorf("%w: %s was changed while the merge was being made: try again", model.ErrConflict, c.Name)
			}
		}
		for _, table := range []string{"orders", "costs", "feedback", "complaints", "touches"} {
			if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET customer_id = ? WHERE customer_id = ?", keep,
				other); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE customers SET referred_by = ? WHERE referred_by = ? AND id <> ?", keep,
			other, keep); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE customer_refs SET customer_id = ? WHERE customer_id = ?", keep,
			other); err != nil {
			return err
		}
		if o.Ref != "" {
			if _, err := tx.ExecContext(ctx, "UPDATE customers SET ref = NULL, ref_source = '' WHERE id = ?", other); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO customer_refs (customer_id, ref_source, ref) VALUES (?, ?, ?)`,
				keep, o.RefSource, o.Ref); err != nil {
				return err
			}
		}
		if err := setTags(ctx, tx, keep, m.Segments, m.Values); err != nil {
			return err
		}
		if err := mergeRows(ctx, tx, keep, other, m, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM customers WHERE id = ?", other); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET name = ?, email = ?, phone = ?, social = ?, company = ?,
			country = ?, channel = ?, stage = ?, fit = ?, language = ?, tier = ?, source = ?, acquisition_cost = ?,
			referred_by = ?, snoozed_until = ?, let_go_reason = ?, notes = ?, created_at = ?, updated_at = ?,
			archived_at = ?, address_line1 = ?, address_line2 = ?, town = ?, region = ?, postcode = ?,
			consent_email_on = ?, consent_sms_on = ?, consent_post_on = ? WHERE id = ?`,
			append(append([]any{m.Name, m.Email, m.Phone, m.Social, m.Company, m.Country, m.Channel, m.Stage,
				nullInt(m.Fit), m.Language, nullInt(m.Tier), m.Source, m.AcquisitionCost, nullID(m.ReferredBy),
				dbDate(m.SnoozedUntil), m.LetGoReason, m.Notes, dbTime(m.CreatedAt), dbTime(now), dbTime(m.ArchivedAt)},
				addressValues(m)...), keep)...); err != nil {
			return err
		}
		if err := refreshOrderCustomers(ctx, tx, dbTime(now), keep); err != nil {
			return err
		}
		if err := refreshLastTouch(ctx, tx, keep); err != nil {
			return err
		}
		if err := refreshSearch(ctx, tx, keep); err != nil {
			return err
		}
		return describe(ctx, tx, fmt.Sprintf("Merged %s (customer %d) into %s (customer %d)", o.Name, o.ID, k.Name, k.ID))
	})
	return plan, err
}

// mergeRows gives keep the reminders, occasions, follow-up date and
// custom field values the merged customer m holds, taken from either
// customer, and deletes the others of both (a second birthday, a value
// not kept, the other's follow-up).
func mergeRows(ctx context.Context, tx *sql.Tx, keep, other int64, m *model.Customer, now time.Time) error {
	for _, t := range []struct {
		table string
		ids   []any
	}{{"reminders", nil}, {"occasions", nil}} {
		if t.table == "reminders" {
			for _, r := range m.Reminders {
				t.ids = append(t.ids, r.ID)
			}
		} else {
			for _, o := range m.Occasions {
				t.ids = append(t.ids, o.ID)
			}
		}
		cond := "customer_id IN (?, ?)"
		if t.table == "reminders" {
			cond += " AND kind = 'reminder'"
		}
		keepIDs := ""
		if len(t.ids) > 0 {
			keepIDs = " AND id NOT IN (" + placeholders(len(t.ids)) + ")"
		}
		// The rows not kept go first: a birthday moved must not meet the
		// one it replaces.
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+t.table+" WHERE "+cond+keepIDs,
			append([]any{keep, other}, t.ids...)...); err != nil {
			return err
		}
		if len(t.ids) > 0 {
			if _, err := tx.ExecContext(ctx, "UPDATE "+t.table+" SET customer_id = ? WHERE customer_id = ? AND id IN ("+
				placeholders(len(t.ids))+")", append([]any{keep, other}, t.ids...)...); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM reminders WHERE customer_id = ? AND kind = 'follow-up'", other); err != nil {
		return err
	}
	if err := setFollowUp(ctx, tx, keep, m.NextReview, now); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM customer_fields WHERE customer_id IN (?, ?)", keep, other); err != nil {
		return err
	}
	for _, v := range m.Fields {
		if _, err := tx.ExecContext(ctx, "INSERT INTO customer_fields (customer_id, field_id, value) VALUES (?, ?, ?)",
			keep, v.FieldID, v.Value); err != nil {
			return err
		}
	}
	return nil
}

// maxMergedNotes is the most the kept customer's notes hold after a merge
// (model.Customer.Validate's limit).
const maxMergedNotes = 20_000
