package store

import (
	"context"
	"database/sql"
	"fmt"
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
	now := db.Now()
	err := db.write(ctx, note{model.ActionCustomerMerge, "Merged two customers"}, func(tx *sql.Tx) error {
		k, err := customerIn(ctx, tx, keep)
		if err != nil {
			return err
		}
		o, err := customerIn(ctx, tx, other)
		if err != nil {
			return err
		}
		plan = model.PlanMerge(k, o, take)
		m := &plan.Merged
		if n := utf8.RuneCountInString(m.Notes); n > maxMergedNotes {
			// The other's whole record stays in the history.
			m.Notes = string([]rune(m.Notes)[:maxMergedNotes-1]) + "…"
		}
		if err := m.Validate(); err != nil {
			return err
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
		if _, err := tx.ExecContext(ctx, "DELETE FROM customers WHERE id = ?", other); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET name = ?, email = ?, phone = ?, social = ?, company = ?,
			country = ?, channel = ?, stage = ?, fit = ?, language = ?, tier = ?, source = ?, acquisition_cost = ?,
			referred_by = ?, next_review = ?, snoozed_until = ?, let_go_reason = ?, notes = ?, created_at = ?,
			updated_at = ?, archived_at = ? WHERE id = ?`,
			m.Name, m.Email, m.Phone, m.Social, m.Company, m.Country, m.Channel, m.Stage, nullInt(m.Fit), m.Language,
			nullInt(m.Tier), m.Source, m.AcquisitionCost, nullID(m.ReferredBy), dbDate(m.NextReview),
			dbDate(m.SnoozedUntil), m.LetGoReason, m.Notes, dbTime(m.CreatedAt), dbTime(now), dbTime(m.ArchivedAt),
			keep); err != nil {
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

// maxMergedNotes is the most the kept customer's notes hold after a merge
// (model.Customer.Validate's limit).
const maxMergedNotes = 20_000

// customerIn reads one customer with their segments and values inside a
// transaction.
func customerIn(ctx context.Context, tx *sql.Tx, id int64) (model.Customer, error) {
	c, err := scanCustomer(tx.QueryRowContext(ctx, "SELECT "+customerColumns+" FROM customers WHERE id = ?", id))
	if err == sql.ErrNoRows {
		return c, fmt.Errorf("customer %d: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return c, err
	}
	if c.Segments, err = queryStrings(ctx, tx, `SELECT s.name FROM customer_segments cs JOIN segments s ON s.id = cs.segment_id
		WHERE cs.customer_id = ? ORDER BY s.name`, id); err != nil {
		return c, err
	}
	c.Values, err = queryStrings(ctx, tx, "SELECT value FROM customer_values WHERE customer_id = ? ORDER BY value", id)
	return c, err
}
