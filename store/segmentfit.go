package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"clientele/model"
)

var _ model.FitStore = (*DB)(nil)

// The fit facts are read by several queries side by side, each one scan
// of an index in customer order or grouped by segment or value, and joined
// by id in Go: one query with a correlated lookup per customer and table
// was four times slower at 100,000 customers. Under modernc a row handed
// over costs far more than SQLite's work on it, so the queries hand over
// as few rows as they can.
const (
	// Every customer on the books, in the list's order (by name), from an
	// index of just these columns (migration 0007). Their last activity
	// is the later of their last sale and their last contact, both kept on
	// the customer (a snooze in the touch log is no contact); stored times
	// compare as text.
	factsCustomers = `SELECT id, name, stage, country, tier, fit, referred_by, revenue,
		max(coalesce(last_order_at, ''), coalesce(last_touch_at, ''))
		FROM customers INDEXED BY customers_fit WHERE archived_at IS NULL ORDER BY sort_name, id`
	// Segments and values come one row each, with the ids of their
	// customers joined by commas, in order of name and of value: so each
	// customer's list is in that order, as the list shows it. Archived
	// customers are among them (the Profit book lists them).
	factsSegments = `SELECT s.name, m.ids FROM segments s JOIN (SELECT segment_id, group_concat(customer_id) AS ids
		FROM customer_segments INDEXED BY customer_segments_by_segment GROUP BY segment_id) m ON m.segment_id = s.id
		ORDER BY s.name, s.id`
	factsValues = `SELECT value, group_concat(customer_id) FROM customer_values INDEXED BY customer_values_by_value
		GROUP BY value ORDER BY value`
	// Complaints opened in the period, ?1 and ?2 days, both included.
	factsComplaints = `SELECT customer_id, count(*) FROM complaints
		WHERE customer_id IS NOT NULL AND opened_on >= ?1 AND opened_on <= ?2 AND voided_at IS NULL GROUP BY customer_id`
	// NPS answers in the order of feedback_by_customer: each customer's
	// latest comes last.
	factsNPS = `SELECT customer_id, score FROM feedback WHERE kind = 'nps' AND voided_at IS NULL AND customer_id IS NOT NULL
		ORDER BY customer_id, received_on, id`
)

// FitFacts reads every customer not archived with what the fit analysis
// needs besides their profit, in the list's order (by name). Facts about
// other tables are kept in slices indexed by customer id (ids are dense:
// SQLite hands them out in order).
func (db *DB) FitFacts(ctx context.Context, p model.Period) ([]model.FitCustomer, error) {
	lo, hi := periodDays(p.From, p.To)
	var maxID int64
	if err := db.r.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM customers").Scan(&maxID); err != nil {
		return nil, mapErr(err)
	}
	n := int(maxID) + 1
	out := make([]model.FitCustomer, 0, n)
	var segments, values idLists
	complaints, nps := make([]int32, n), make([]int8, n)
	// in reports whether a row's id fits the slices: a customer added
	// after max(id) was read is left for the next load.
	in := func(id int64) bool { return id >= 0 && id < int64(n) }
	err := parallel(
		func() error {
			return db.eachRow(ctx, factsCustomers, nil, func(r row) error {
				c := model.FitCustomer{ID: r.int(0), Name: r.text(1), Stage: model.Stage(r.text(2)), Country: r.text(3),
					Tier: int(r.int(4)), Fit: int(r.int(5)), Referrer: r.int(6), LifetimeRevenue: r.money(7)}
				if in(c.ID) {
					c.LastActivity = parseStamp(r.text(8))
					out = append(out, c)
				}
				return nil
			})
		},
		func() error { return segments.read(ctx, db, factsSegments, n) },
		func() error { return values.read(ctx, db, factsValues, n) },
		func() error {
			return db.eachRow(ctx, factsComplaints, []any{lo, hi}, func(r row) error {
				if id := r.int(0); in(id) {
					complaints[id] = int32(r.int(1))
				}
				return nil
			})
		},
		func() error {
			for i := range nps {
				nps[i] = -1
			}
			// A later answer of the same customer wins.
			return db.eachRow(ctx, factsNPS, nil, func(r row) error {
				if id := r.int(0); in(id) {
					nps[id] = int8(r.int(1))
				}
				return nil
			})
		},
	)
	if err != nil {
		return nil, fmt.Errorf("reading what the fit score weighs: %w", err)
	}
	for i := range out {
		c := &out[i]
		c.Segments, c.Values, c.Complaints = segments.of(c.ID), values.of(c.ID), int(complaints[c.ID])
		c.NPS, c.HasNPS = int(nps[c.ID]), nps[c.ID] >= 0
	}
	return out, nil
}

// idLists holds lists of text by customer id in one backing array: the
// list of id is text[from[id]:to[id]].
type idLists struct {
	text     []string
	from, to []int32
}

// read fills the lists from rows of (text, the ids that hold it joined by
// commas), for ids below n. Each list keeps the order of the rows.
func (l *idLists) read(ctx context.Context, db *DB, query string, n int) error {
	type group struct{ text, ids string }
	var groups []group
	err := db.eachRow(ctx, query, nil, func(r row) error {
		groups = append(groups, group{r.text(0), r.text(1)})
		return nil
	})
	if err != nil {
		return err
	}
	// Count each id's texts, give each id its span, then fill the spans.
	count := make([]int32, n)
	total := 0
	for _, g := range groups {
		eachID(g.ids, func(id int64) {
			if id >= 0 && id < int64(n) {
				count[id]++
				total++
			}
		})
	}
	l.from, l.to, l.text = make([]int32, n), make([]int32, n), make([]string, total)
	at := int32(0)
	for id, k := range count {
		l.from[id], l.to[id] = at, at
		at += k
	}
	for _, g := range groups {
		eachID(g.ids, func(id int64) {
			if id >= 0 && id < int64(n) {
				l.text[l.to[id]] = g.text
				l.to[id]++
			}
		})
	}
	return nil
}

// eachID calls fn with each id of a list of decimal ids joined by commas,
// as group_concat writes them.
func eachID(list string, fn func(int64)) {
	for list != "" {
		var id int64
		i, sign := 0, int64(1)
		if list[0] == '-' {
			i, sign = 1, -1
		}
		for ; i < len(list) && list[i] != ','; i++ {
			id = id*10 + int64(list[i]-'0')
		}
		fn(sign * id)
		if i < len(list) {
			i++
		}
		list = list[i:]
	}
}

// of returns the list of id, nil when empty; capped, so that appending to
// it cannot write over the next customer's.
func (l *idLists) of(id int64) []string {
	if id < 0 || id >= int64(len(l.to)) || l.from[id] == l.to[id] {
		return nil
	}
	return l.text[l.from[id]:l.to[id]:l.to[id]]
}

// parseStamp reads a stored time, "" as the zero time. The store writes
// every time as YYYY-MM-DD HH:MM:SS, which it reads here digit by digit:
// time.Parse, which parseTime calls, costs more than the rest of reading
// a row. Any other text goes to parseTime.
func parseStamp(s string) time.Time {
	if len(s) == len(model.DateTimeLayout) && s[4] == '-' && s[7] == '-' && s[10] == ' ' && s[13] == ':' &&
		s[16] == ':' {
		num := func(i, j int) int {
			n := 0
			for ; i < j; i++ {
				if s[i] < '0' || s[i] > '9' {
					return -1
				}
				n = n*10 + int(s[i]-'0')
			}
			return n
		}
		y, mo, d := num(0, 4), num(5, 7), num(8, 10)
		h, mi, sec := num(11, 13), num(14, 16), num(17, 19)
		if y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && h >= 0 && h < 24 && mi >= 0 && mi < 60 &&
			sec >= 0 && sec < 60 {
			t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
			if t.Day() == d { // not 31 April
				return t
			}
		}
	}
	return parseTime(sql.NullString{String: s, Valid: true})
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

// TimeSpent sums the minutes of time logged for a customer over period
// p: what letting them go would save.
func (db *DB) TimeSpent(ctx context.Context, customerID int64, p model.Period) (int, error) {
	lo, hi := periodDays(p.From, p.To)
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT coalesce(sum(minutes), 0) FROM costs WHERE customer_id = ?
		AND category = 'time' AND incurred_on >= ? AND incurred_on <= ? AND voided_at IS NULL`, customerID, lo, hi).Scan(&n)
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
	if err := model.ValidateText("reason", ch.Reason, maxReason); err != nil {
		return ch, err
	}
	err := db.write(ctx, note{model.ActionCustomerStage, "Moved a customer to " + string(stage)}, func(tx *sql.Tx) error {
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
		if err != nil {
			return err
		}
		what := fmt.Sprintf("Moved %s from %s to %s", ch.Name, ch.From, stage)
		if stage == model.StageFormer {
			what = fmt.Sprintf("Let %s go", ch.Name)
		}
		return describe(ctx, tx, what)
	})
	return ch, err
}
