package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"clientele/model"
)

var _ model.FitStore = (*DB)(nil)

// fitFactsQuery reads every customer not archived with what the fit
// analysis weighs. Each correlated part is one seek on an index that
// starts with the customer: customer_segments and customer_values by
// their keys, complaints_by_customer, feedback_by_customer,
// touches_by_customer, costs_by_customer. ?1 and ?2 (days, both included)
// bound the period's complaints and time.
const fitFactsQuery = `SELECT c.id, c.name, c.stage, c.country, coalesce(c.tier, 0), coalesce(c.fit, 0),
	coalesce(c.referred_by, 0), c.revenue, coalesce(c.last_order_at, ''),
	coalesce((SELECT group_concat(s.name, char(31)) FROM customer_segments cs JOIN segments s ON s.id = cs.segment_id
		WHERE cs.customer_id = c.id), ''),
	coalesce((SELECT group_concat(v.value, char(31)) FROM customer_values v WHERE v.customer_id = c.id), ''),
	(SELECT count(*) FROM complaints p WHERE p.customer_id = c.id AND p.opened_on >= ?1 AND p.opened_on <= ?2),
	(SELECT f.score FROM feedback f WHERE f.customer_id = c.id AND f.kind = 'nps'
		ORDER BY f.received_on DESC, f.id DESC LIMIT 1),
	coalesce((SELECT max(t.touched_at) FROM touches t WHERE t.customer_id = c.id), ''),
	coalesce((SELECT sum(k.minutes) FROM costs k WHERE k.customer_id = c.id AND k.category = 'time'
		AND k.incurred_on >= ?1 AND k.incurred_on <= ?2), 0)
FROM customers c WHERE c.archived_at IS NULL ORDER BY c.id`

// FitFacts reads every customer not archived with what the fit analysis
// needs besides their profit, in one query.
func (db *DB) FitFacts(ctx context.Context, from, to time.Time) ([]model.FitCustomer, error) {
	lo, hi := "", "9999-12-31"
	if !from.IsZero() {
		lo = model.FormatDate(from)
	}
	if !to.IsZero() {
		hi = model.FormatDate(to)
	}
	rows, err := db.r.QueryContext(ctx, fitFactsQuery, lo, hi)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.FitCustomer
	for rows.Next() {
		var c model.FitCustomer
		var lastOrder, segments, values, lastTouch string
		var nps sql.NullInt64
		if err := rows.Scan(&c.ID, &c.Name, &c.Stage, &c.Country, &c.Tier, &c.Fit, &c.Referrer, &c.LifetimeRevenue,
			&lastOrder, &segments, &values, &c.Complaints, &nps, &lastTouch, &c.TimeMinutes); err != nil {
			return nil, mapErr(err)
		}
		if segments != "" {
			c.Segments = strings.Split(segments, valueSep)
		}
		if values != "" {
			c.Values = strings.Split(values, valueSep)
		}
		c.NPS, c.HasNPS = int(nps.Int64), nps.Valid
		// Stored times sort as text: the later of the two is the newer.
		c.LastActivity = parseTime(sql.NullString{String: max(lastOrder, lastTouch), Valid: true})
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// maxReason is the longest let-go reason SetStage takes.
const maxReason = 2000

// SetStage moves a customer to stage and returns the change, so that the
// screen can undo it with a second SetStage. Letting a customer go needs
// a reason; any other stage keeps the reason given (empty clears it).
func (db *DB) SetStage(ctx context.Context, id int64, stage model.Stage, reason string) (model.StageChange, error) {
	ch := model.StageChange{ID: id, To: stage, Reason: strings.TrimSpace(reason)}
	if !stage.Valid() {
		return ch, model.Invalid("stage", "%q is not a stage", stage)
	}
	if stage == model.StageFormer && ch.Reason == "" {
		return ch, model.Invalid("reason", "say why you let them go: it helps when you look back")
	}
	if utf8.RuneCountInString(ch.Reason) > maxReason {
		return ch, model.Invalid("reason", "is longer than %d characters", maxReason)
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT name, stage, let_go_reason FROM customers WHERE id = ?", id).
			Scan(&ch.Name, &ch.From, &ch.FromReason)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("customer %d: %w", id, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE customers SET stage = ?, let_go_reason = ?, updated_at = ? WHERE id = ?",
			stage, ch.Reason, dbTime(db.Now()), id)
		return err
	})
	return ch, err
}
