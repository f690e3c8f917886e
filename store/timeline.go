package store

import (
	"context"
	"database/sql"

	"clientele/model"
)

var _ model.TimelineStore = (*DB)(nil)

// timelineParts are the queries whose union is a customer's timeline. Each
// selects (at, kind, id, summary, amount or NULL, voided_at, void_reason)
// for customer ?1.
var timelineParts = []string{
	// Orders and refunds: line count and net amount.
	`SELECT o.ordered_at, o.kind, o.id,
		CASE WHEN count(l.id) = 1 THEN max(l.description) || CASE WHEN max(l.quantity) NOT IN (1, -1)
			THEN ' ×' || abs(max(l.quantity)) ELSE '' END
		ELSE count(l.id) || ' lines: ' || group_concat(l.description, ', ') END,
		coalesce(sum(l.amount), 0), o.voided_at, o.void_reason
	FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
	WHERE o.customer_id = ?1 GROUP BY o.id`,
	// Feedback: kind, score and answer ("NPS 9: lovely soap").
	`SELECT f.received_on, 'feedback', f.id,
		CASE f.kind WHEN 'nps' THEN 'NPS' ELSE f.kind END || coalesce(' ' || f.score, '') ||
		CASE WHEN f.answer <> '' THEN ': ' || f.answer ELSE '' END, NULL, f.voided_at, f.void_reason
	FROM feedback f WHERE f.customer_id = ?1`,
	// Complaints: category, severity, status and what went wrong.
	`SELECT c.opened_on, 'complaint', c.id,
		c.category || ' · ' || c.severity || ' · ' || c.status || ': ' || c.what_went_wrong, NULL, c.voided_at,
		c.void_reason
	FROM complaints c WHERE c.customer_id = ?1`,
	// Costs to serve, as money going out: category, minutes, note. A
	// remedy's note starts "remedy: " (the complaint writes it so), which
	// the category already says.
	`SELECT c.incurred_on, 'cost', c.id,
		c.category || CASE WHEN c.minutes IS NOT NULL THEN ' ' || c.minutes || ' min' ELSE '' END
			|| CASE WHEN c.note = '' THEN ''
				WHEN c.category = 'remedy' AND substr(c.note, 1, 8) = 'remedy: ' THEN ': ' || substr(c.note, 9)
				ELSE ': ' || c.note END
			|| CASE WHEN c.order_id IS NOT NULL THEN ' (order ' || c.order_id || ')' ELSE '' END,
		-c.amount, c.voided_at, c.void_reason
	FROM costs c WHERE c.customer_id = ?1`,
	// Touches: the contact log, a review marked done, a snooze.
	`SELECT touched_at, 'touch', id, CASE WHEN channel <> '' THEN channel || ': ' ELSE '' END ||
		CASE WHEN summary <> '' THEN summary WHEN kind = 'review' THEN 'review done' ELSE 'contact' END, NULL,
		voided_at, void_reason
	FROM touches WHERE customer_id = ?1`,
}

// Timeline returns the customer's newest entries first, at most limit,
// voided ones left out.
func (db *DB) Timeline(ctx context.Context, customerID int64, limit int) ([]model.TimelineEntry, error) {
	return db.timeline(ctx, customerID, limit, false)
}

// TimelineWithVoided is Timeline with the voided entries too, marked.
func (db *DB) TimelineWithVoided(ctx context.Context, customerID int64, limit int) ([]model.TimelineEntry, error) {
	return db.timeline(ctx, customerID, limit, true)
}

func (db *DB) timeline(ctx context.Context, customerID int64, limit int, voided bool) ([]model.TimelineEntry, error) {
	query := ""
	for i, p := range timelineParts {
		if i > 0 {
			query += " UNION ALL "
		}
		query += p
	}
	where := " WHERE voided_at IS NULL"
	if voided {
		where = ""
	}
	rows, err := db.r.QueryContext(ctx, "SELECT * FROM ("+query+")"+where+" ORDER BY 1 DESC, 3 DESC LIMIT ?2",
		customerID, limit)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.TimelineEntry
	for rows.Next() {
		var e model.TimelineEntry
		var at, voidedAt sql.NullString
		var amount sql.NullInt64
		if err := rows.Scan(&at, &e.Kind, &e.ID, &e.Summary, &amount, &voidedAt, &e.VoidReason); err != nil {
			return nil, err
		}
		e.At, e.VoidedAt = parseTime(at), parseTime(voidedAt)
		e.Amount, e.HasAmount = model.Money(amount.Int64), amount.Valid
		if e.Kind == "sale" {
			e.Kind = model.TimelineOrder
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
