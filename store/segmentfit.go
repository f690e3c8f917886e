package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"clientele/model"
)

var _ model.FitStore = (*DB)(nil)

// The fit facts are read by several queries side by side, each one scan
// of a table or an index in customer order, and joined by id in Go: one
// query with a correlated lookup per customer and table was four times
// slower at 100,000 customers.
const (
	factsCustomers = `SELECT id, name, stage, country, coalesce(tier, 0), coalesce(fit, 0),
		coalesce(referred_by, 0), revenue, coalesce(last_order_at, '')
		FROM customers WHERE archived_at IS NULL`
	// Lists come sorted by customer, as idLists needs: both tables' keys
	// start with the customer.
	factsSegments = `SELECT cs.customer_id, s.name FROM customer_segments cs JOIN segments s ON s.id = cs.segment_id
		ORDER BY cs.customer_id`
	factsValues = `SELECT customer_id, value FROM customer_values ORDER BY customer_id`
	// Complaints opened in the period, ?1 and ?2 days, both included.
	factsComplaints = `SELECT customer_id, count(*) FROM complaints
		WHERE customer_id IS NOT NULL AND opened_on >= ?1 AND opened_on <= ?2 GROUP BY customer_id`
	// NPS answers in the order of feedback_by_customer: each customer's
	// latest comes last.
	factsNPS = `SELECT customer_id, score FROM feedback WHERE kind = 'nps' AND customer_id IS NOT NULL
		ORDER BY customer_id, received_on, id`
	factsTouches = `SELECT customer_id, max(touched_at) FROM touches GROUP BY customer_id`
)

// FitFacts reads every customer not archived with what the fit analysis
// needs besides their profit. Facts about other tables are kept in slices
// indexed by customer id (ids are dense: SQLite hands them out in order).
func (db *DB) FitFacts(ctx context.Context, from, to time.Time) ([]model.FitCustomer, error) {
	lo, hi := periodDays(from, to)
	var maxID int64
	if err := db.r.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM customers").Scan(&maxID); err != nil {
		return nil, mapErr(err)
	}
	n := int(maxID) + 1
	out := make([]model.FitCustomer, 0, n)
	var segments, values idLists
	complaints, nps := make([]int32, n), make([]int8, n)
	touches := make([]string, n)
	// in reports whether a row's id fits the slices: a customer added
	// after max(id) was read is left for the next load.
	in := func(id int64) bool { return id >= 0 && id < int64(n) }
	var errs [6]error
	var wg sync.WaitGroup
	run := func(i int, fn func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	run(0, func() error {
		return db.each(ctx, factsCustomers, nil, func(rows *sql.Rows) error {
			var c model.FitCustomer
			var last string
			err := rows.Scan(&c.ID, &c.Name, &c.Stage, &c.Country, &c.Tier, &c.Fit, &c.Referrer, &c.LifetimeRevenue, &last)
			if in(c.ID) {
				c.LastActivity = parseTime(sql.NullString{String: last, Valid: true})
				out = append(out, c)
			}
			return err
		})
	})
	run(1, func() error { return segments.read(ctx, db, factsSegments, n) })
	run(2, func() error { return values.read(ctx, db, factsValues, n) })
	run(3, func() error { return fillByID(ctx, db, factsComplaints, []any{lo, hi}, complaints) })
	run(4, func() error {
		for i := range nps {
			nps[i] = -1
		}
		return fillByID(ctx, db, factsNPS, nil, nps)
	})
	run(5, func() error { return fillByID(ctx, db, factsTouches, nil, touches) })
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return nil, fmt.Errorf("reading what the fit score weighs: %w", err)
	}
	for i := range out {
		c := &out[i]
		c.Segments, c.Values, c.Complaints = segments.of(c.ID), values.of(c.ID), int(complaints[c.ID])
		c.NPS, c.HasNPS = int(nps[c.ID]), nps[c.ID] >= 0
		if at := touches[c.ID]; at != "" {
			if t := parseTime(sql.NullString{String: at, Valid: true}); t.After(c.LastActivity) {
				c.LastActivity = t
			}
		}
	}
	return out, nil
}

// fillByID reads (id, value) rows into dst[id], for ids that fit; a later
// row for an id wins.
func fillByID[T any](ctx context.Context, db *DB, query string, args []any, dst []T) error {
	return db.each(ctx, query, args, func(rows *sql.Rows) error {
		var id int64
		var v T
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		if id >= 0 && id < int64(len(dst)) {
			dst[id] = v
		}
		return nil
	})
}

// idLists holds lists of text by customer id in one backing array: the
// list of id is text[from[id]:to[id]].
type idLists struct {
	text     []string
	from, to []int32
}

// read fills the lists from (id, text) rows sorted by id, for ids below n.
func (l *idLists) read(ctx context.Context, db *DB, query string, n int) error {
	l.from, l.to = make([]int32, n), make([]int32, n)
	return db.each(ctx, query, nil, func(rows *sql.Rows) error {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			return err
		}
		if id < 0 || id >= int64(n) {
			return nil
		}
		if l.to[id] == 0 {
			l.from[id] = int32(len(l.text))
		}
		l.text = append(l.text, s)
		l.to[id] = int32(len(l.text))
		return nil
	})
}

// of returns the list of id, nil when empty; capped, so that appending to
// it cannot write over the next customer's.
func (l *idLists) of(id int64) []string {
	if id < 0 || id >= int64(len(l.to)) || l.to[id] == 0 {
		return nil
	}
	return l.text[l.from[id]:l.to[id]:l.to[id]]
}

// periodDays are the days of a period as stored dates compare with, both
// included; zero times leave that end open.
func periodDays(from, to time.Time) (lo, hi string) {
	lo, hi = "", "9999-12-31"
	if !from.IsZero() {
		lo = model.FormatDate(from)
	}
	if !to.IsZero() {
		hi = model.FormatDate(to)
	}
	return lo, hi
}

// each runs query and calls fn on every row.
func (db *DB) each(ctx context.Context, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return mapErr(err)
		}
	}
	return mapErr(rows.Err())
}

// TimeSpent sums the minutes of time logged for a customer over [from,
// to]: what letting them go would save.
func (db *DB) TimeSpent(ctx context.Context, customerID int64, from, to time.Time) (int, error) {
	lo, hi := periodDays(from, to)
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT coalesce(sum(minutes), 0) FROM costs WHERE customer_id = ?
		AND category = 'time' AND incurred_on >= ? AND incurred_on <= ?`, customerID, lo, hi).Scan(&n)
	return n, mapErr(err)
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
