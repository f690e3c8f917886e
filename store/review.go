package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"clientele/model"

	"modernc.org/sqlite"
)

var _ model.ReviewStore = (*DB)(nil)

func init() {
	// clientele_median_gap(ordered_at) is model.MedianGapDays as an SQL
	// aggregate: the median days between distinct days, NULL with fewer
	// than three. The store keeps customers.order_gap_days with it.
	sqlite.MustRegisterFunction("clientele_median_gap", &sqlite.FunctionImpl{
		NArgs:         1,
		Deterministic: true,
		MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) {
			return &medianGap{}, nil
		},
	})
}

// medianGap collects day numbers for clientele_median_gap.
type medianGap struct{ days []int }

func (m *medianGap) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	var s string
	switch v := args[0].(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return nil
	}
	if len(s) < len(model.DateLayout) {
		return nil
	}
	t, err := time.Parse(model.DateLayout, s[:len(model.DateLayout)])
	if err != nil {
		return nil // the schema's CHECK keeps unreadable dates out
	}
	m.days = append(m.days, int(t.Unix()/86400))
	return nil
}

func (m *medianGap) WindowInverse(*sqlite.FunctionContext, []driver.Value) error { return nil }

func (m *medianGap) WindowValue(*sqlite.FunctionContext) (driver.Value, error) {
	if g := model.MedianGapDays(m.days); g > 0 {
		return int64(g), nil
	}
	return nil, nil
}

func (m *medianGap) Final(*sqlite.FunctionContext) {}

// refreshGaps recomputes the median gap between sale orders for the given
// customers, or for all when none is given; refreshFigures calls it. It is
// one grouped pass over the orders rather than a lookup per customer, so
// it stays fast inside a bulk load whose indexes are not built yet.
func refreshGaps(ctx context.Context, q queryer, ids ...int64) error {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	reset := "UPDATE customers SET order_gap_days = NULL WHERE order_gap_days IS NOT NULL"
	where := ""
	if len(ids) > 0 {
		reset += " AND id IN (" + placeholders(len(ids)) + ")"
		where = " AND o.customer_id IN (" + placeholders(len(ids)) + ")"
	}
	if _, err := q.ExecContext(ctx, reset, args...); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `UPDATE customers SET order_gap_days = g.gap FROM (
			SELECT o.customer_id, clientele_median_gap(o.ordered_at) AS gap FROM orders o
			WHERE o.kind = 'sale' AND o.voided_at IS NULL AND o.customer_id IS NOT NULL`+where+`
			GROUP BY o.customer_id HAVING count(*) >= 3) g
		WHERE customers.id = g.customer_id AND g.gap IS NOT NULL`, args...)
	return err
}

// valueSep separates a customer's values in one column of the review query.
const valueSep = "\x1f"

// reviewCandidates selects, through indexes, every customer who may be due
// on ?1: it is looser than the rules (model.ReviewQueue decides) but never
// misses one. Review reads the inputs of all of them: every due entry, for
// `clientele review --all`; the daily list reads far fewer (DailyReview).
//
// Parameters: ?1 today, ?3 complaint cutoff, ?4 prospect cutoff + 1 day,
// ?5 advocate cutoff + 1 day (or ”), ?6 customer cutoff + 1 day (or ”),
// ?7 thank-you from, ?8 thank-you to + 1 day, ?9 reorder factor, ?10 the
// occasion window's month-days as JSON ([[month, day], …]), ?11 former
// cutoff + 1 day (or ”).
const reviewCandidates = `
SELECT customer_id FROM reminders WHERE starts_on <= ?1
UNION SELECT customer_id FROM orders WHERE payment_due_on < ?1 AND paid_on IS NULL AND voided_at IS NULL
	AND customer_id IS NOT NULL
UNION SELECT o.customer_id FROM json_each(?10) j JOIN occasions o
	ON o.month = j.value ->> 0 AND o.day = j.value ->> 1
UNION SELECT customer_id FROM complaints WHERE status = 'open' AND voided_at IS NULL AND opened_on < ?3
	AND customer_id IS NOT NULL
UNION SELECT customer_id FROM feedback WHERE status = 'new' AND voided_at IS NULL AND customer_id IS NOT NULL
UNION SELECT id FROM customers WHERE stage = 'prospect' AND created_at < ?4
UNION SELECT id FROM customers WHERE stage = 'advocate' AND coalesce(last_order_at, created_at) < ?5
UNION SELECT id FROM customers WHERE stage = 'customer' AND coalesce(last_order_at, created_at) < ?6
UNION SELECT c.id FROM segments s JOIN customer_segments cs ON cs.segment_id = s.id JOIN customers c ON c.id = cs.customer_id
	WHERE s.cadence_days IS NOT NULL AND c.stage <> 'prospect'
	AND coalesce(c.last_order_at, c.created_at) < date(?1, '-' || (s.cadence_days - 1) || ' days')
UNION SELECT id FROM customers WHERE last_order_at >= ?7 AND first_order_at >= ?7 AND first_order_at < ?8
UNION SELECT id FROM customers WHERE order_gap_days IS NOT NULL
	AND julianday(?1) - julianday(substr(last_order_at, 1, 10)) > ?9 * order_gap_days
UNION SELECT id FROM customers WHERE stage = 'customer' AND coalesce(last_order_at, created_at) < ?11`

// reviewInputs reads, for the customers in the temporary list of ids, what
// the rules need as at the start of ?1 (?2 is the day after): the last
// touch before today, what was logged today, the shortest segment cadence,
// values, open complaints and feedback with no reply. Each is a lookup by
// customer through an index, so reading a few customers costs a few
// lookups whatever the size of the book. Archived customers are left out.
//
// For a day before today (past), what the customer table keeps as of now
// (the snooze, the order figures) and the state of complaints and
// feedback would let later actions change the day's list, so those are
// read as they stood at the end of the day instead: the last snooze
// logged by then, the sale orders placed by then, the complaints opened by
// then and not yet remedied or closed, the feedback received by then and
// not yet replied to, the orders placed by then and not paid by then;
// customers added later are left out. Follow-up dates and reminders,
// occasions, stages, segments and values have no history and are as they
// are now.
func reviewInputs(past bool) string {
	snoozed, orders := "c.snoozed_until", "c.order_count, c.first_order_at, c.last_order_at, coalesce(c.order_gap_days, 0)"
	complaintOpen, feedbackNew, added := "p.status = 'open'", "f.status = 'new'", ""
	unpaid := "o.paid_on IS NULL"
	if past {
		unpaid = "o.ordered_at < ?2 AND (o.paid_on IS NULL OR o.paid_on >= ?2)"
		sales := "FROM orders o WHERE o.customer_id = c.id AND o.kind = 'sale' AND o.voided_at IS NULL AND o.ordered_at < ?2"
		snoozed = `(SELECT substr(t.summary, ` + fmt.Sprint(len(model.SnoozeNote)+1) + `, 10) FROM touches t
		WHERE t.customer_id = c.id AND t.touched_at < ?2 AND t.voided_at IS NULL AND t.kind = 'review' AND t.summary LIKE '` +
			model.SnoozeNote + `%' ORDER BY t.touched_at DESC, t.id DESC LIMIT 1)`
		orders = "(SELECT count(*) " + sales + "), (SELECT min(o.ordered_at) " + sales + "), (SELECT max(o.ordered_at) " +
			sales + "), coalesce((SELECT clientele_median_gap(o.ordered_at) " + sales + "), 0)"
		complaintOpen = "p.opened_on < ?2 AND (p.status = 'open' OR coalesce(p.remedied_on, p.closed_on) >= ?2)"
		feedbackNew = "f.received_on < ?2 AND (f.status = 'new' OR f.replied_on >= ?2)"
		added = " AND c.created_at < ?2"
	}
	return `
SELECT c.id, c.name, c.stage, c.channel, c.email, c.phone, c.social, c.created_at, ` + snoozed + `,
	` + orders + `,
	(SELECT max(t.touched_at) FROM touches t WHERE t.customer_id = c.id AND t.touched_at < ?1
		AND NOT (t.kind = 'review' AND t.summary LIKE 'Snoozed until %') AND t.voided_at IS NULL),
	(SELECT coalesce(nullif(t.summary, ''), 'touched') FROM touches t WHERE t.customer_id = c.id
		AND t.touched_at >= ?1 AND t.touched_at < ?2 AND t.voided_at IS NULL ORDER BY t.touched_at DESC, t.id DESC LIMIT 1),
	coalesce((SELECT s.cadence_days || ' ' || s.name FROM customer_segments cs JOIN segments s ON s.id = cs.segment_id
		WHERE cs.customer_id = c.id AND s.cadence_days IS NOT NULL ORDER BY s.cadence_days, s.name LIMIT 1), ''),
	coalesce((SELECT group_concat(v.value, char(31)) FROM customer_values v WHERE v.customer_id = c.id), ''),
	coalesce((SELECT group_concat(p.severity || ' ' || p.opened_on) FROM complaints p INDEXED BY complaints_by_customer
		WHERE p.customer_id = c.id AND p.voided_at IS NULL AND ` + complaintOpen + `), ''),
	(SELECT count(*) || ' ' || coalesce(min(f.received_on), '-') || ' ' || coalesce(max(f.received_on), '-') || ' ' ||
		coalesce(min(f.score), '-') FROM feedback f WHERE f.customer_id = c.id AND f.voided_at IS NULL AND ` + feedbackNew + `),
	(SELECT json_group_array(json_array(r.kind, r.starts_on, r.repeat_unit, r.repeat_every, r.note))
		FROM reminders r WHERE r.customer_id = c.id),
	(SELECT json_group_array(json_array(o.kind, o.name, o.month, o.day, coalesce(o.year, 0), o.yearly))
		FROM occasions o WHERE o.customer_id = c.id),
	(SELECT json_group_array(json_array(o.id, o.payment_due_on, o.lines_amount)) FROM orders o
		WHERE o.customer_id = c.id AND o.payment_due_on IS NOT NULL AND o.voided_at IS NULL AND ` + unpaid + `)
FROM customers c
WHERE c.id IN (SELECT value FROM json_each(?3)) AND c.archived_at IS NULL` + added
}

// reviewInputsNow and reviewInputsPast are the two readings of
// reviewInputs, built once.
var reviewInputsNow, reviewInputsPast = reviewInputs(false), reviewInputs(true)

// ReviewInputs reads what the daily review's rules need about the given
// customers, as at the start of today; archived customers and unknown ids
// are left out.
func (db *DB) ReviewInputs(ctx context.Context, today time.Time, ids []int64) ([]model.ReviewCustomer, error) {
	return db.reviewInputs(ctx, today, ids, false)
}

// reviewInputs is ReviewInputs, or with past the inputs as they stood at
// the end of a day before today (see reviewInputs).
func (db *DB) reviewInputs(ctx context.Context, today time.Time, ids []int64, past bool) ([]model.ReviewCustomer, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	day := model.Day(today)
	query := reviewInputsNow
	if past {
		query = reviewInputsPast
	}
	rows, err := db.r.QueryContext(ctx, query, model.FormatDate(day), model.FormatDate(model.AddDays(day, 1)),
		string(list))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := make([]model.ReviewCustomer, 0, len(ids))
	for rows.Next() {
		var c model.ReviewCustomer
		var created, snoozed, first, last, lastTouch, handled sql.NullString
		var cadence, values, complaints, feedback, reminders, occasions, unpaid string
		if err := rows.Scan(&c.ID, &c.Name, &c.Stage, &c.Channel, &c.Email, &c.Phone, &c.Social, &created,
			&snoozed, &c.Orders, &first, &last, &c.OrderGap, &lastTouch, &handled, &cadence,
			&values, &complaints, &feedback, &reminders, &occasions, &unpaid); err != nil {
			return nil, mapErr(err)
		}
		c.CreatedAt, c.SnoozedUntil = parseTime(created), parseTime(snoozed)
		if err := parseReviewExtras(&c, reminders, occasions, unpaid); err != nil {
			return nil, err
		}
		c.FirstOrder, c.LastOrder, c.LastTouch = parseTime(first), parseTime(last), parseTime(lastTouch)
		c.HandledToday = handled.String
		if n, name, ok := strings.Cut(cadence, " "); ok {
			c.Cadence, c.CadenceSegment = atoi(n), name
		}
		if values != "" {
			c.Values = strings.Split(values, valueSep)
		}
		for _, p := range strings.Split(complaints, ",") {
			if sev, on, ok := strings.Cut(p, " "); ok {
				c.Complaints = append(c.Complaints, model.ReviewComplaint{Severity: model.Severity(sev),
					OpenedOn: parseTime(sql.NullString{String: on, Valid: true})})
			}
		}
		c.Feedback = parseFeedback(feedback)
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// parseReviewExtras reads the reminders, occasions and unpaid orders
// reviewInputs writes as JSON arrays of arrays.
func parseReviewExtras(c *model.ReviewCustomer, reminders, occasions, unpaid string) error {
	if err := unmarshalRows(reminders, func(r []json.RawMessage) error {
		var m model.Reminder
		var start string
		if err := decodeRow(r, &m.Kind, &start, &m.Unit, &m.Every, &m.Note); err != nil {
			return err
		}
		m.Start = parseTime(sql.NullString{String: start, Valid: true})
		c.Reminders = append(c.Reminders, m)
		return nil
	}); err != nil {
		return err
	}
	if err := unmarshalRows(occasions, func(r []json.RawMessage) error {
		var o model.Occasion
		var month int
		if err := decodeRow(r, &o.Kind, &o.Name, &month, &o.Day, &o.Year, &o.Yearly); err != nil {
			return err
		}
		o.Month = time.Month(month)
		c.Occasions = append(c.Occasions, o)
		return nil
	}); err != nil {
		return err
	}
	return unmarshalRows(unpaid, func(r []json.RawMessage) error {
		var p model.ReviewPayment
		var due string
		if err := decodeRow(r, &p.OrderID, &due, &p.Amount); err != nil {
			return err
		}
		p.Due = parseTime(sql.NullString{String: due, Valid: true})
		c.Unpaid = append(c.Unpaid, p)
		return nil
	})
}

// unmarshalRows calls fn with each row of a JSON array of arrays.
func unmarshalRows(s string, fn func([]json.RawMessage) error) error {
	if s == "" || s == "[]" {
		return nil
	}
	var rows [][]json.RawMessage
	if err := json.Unmarshal([]byte(s), &rows); err != nil {
		return fmt.Errorf("reading the review's inputs: %w", err)
	}
	for _, r := range rows {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// decodeRow reads a row's values into dst, in order; a yearly flag may be
// 0 or 1 for a bool.
func decodeRow(r []json.RawMessage, dst ...any) error {
	if len(r) != len(dst) {
		return fmt.Errorf("reading the review's inputs: %d values, want %d", len(r), len(dst))
	}
	for i, d := range dst {
		if b, ok := d.(*bool); ok {
			*b = string(r[i]) == "1" || string(r[i]) == "true"
			continue
		}
		if err := json.Unmarshal(r[i], d); err != nil {
			return fmt.Errorf("reading the review's inputs: %w", err)
		}
	}
	return nil
}

// parseFeedback reads "count oldest newest lowest-score" as reviewInputs
// writes it, "-" standing for none.
func parseFeedback(s string) model.ReviewFeedback {
	var f model.ReviewFeedback
	parts := strings.Fields(s)
	if len(parts) != 4 {
		return f
	}
	day := func(s string) time.Time {
		if s == "-" {
			return time.Time{}
		}
		return parseTime(sql.NullString{String: s, Valid: true})
	}
	f.Count, f.Oldest, f.Newest = atoi(parts[0]), day(parts[1]), day(parts[2])
	if parts[3] != "-" {
		f.LowScore, f.HasScore = atoi(parts[3]), true
	}
	return f
}

// atoi reads a whole number the query wrote; anything else is 0.
func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// Review builds the whole review queue for today: every customer due, most
// urgent first. It reads every candidate, which at 100,000 customers takes
// seconds; the Today tab reads DailyReview.
func (db *DB) Review(ctx context.Context, today time.Time) ([]model.ReviewEntry, error) {
	return db.review(ctx, today, false)
}

// PastReview is the review of a day before today as it stood at the end
// of that day (see reviewInputs): what was done since neither counts as
// done that day nor takes anyone off its list. It reads every customer
// there was then, the whole queue, and returns its first limit entries
// (the settings' ReviewSize when limit is 0, every one when it is below
// 0) and how many more there were. `clientele review --date` reads it for
// a day gone by.
func (db *DB) PastReview(ctx context.Context, day time.Time, limit int) (model.DailyReview, error) {
	if limit == 0 {
		s, err := db.Settings(ctx)
		if err != nil {
			return model.DailyReview{}, err
		}
		limit = s.ReviewSize
	}
	all, err := db.review(ctx, day, true)
	if err != nil {
		return model.DailyReview{}, err
	}
	n := len(all)
	if limit > 0 {
		n = min(limit, n)
	}
	return model.DailyReview{Entries: all[:n:n], More: len(all) - n, MoreExact: true}, nil
}

// review is Review, or with past PastReview's whole queue.
func (db *DB) review(ctx context.Context, today time.Time, past bool) ([]model.ReviewEntry, error) {
	s, err := db.Settings(ctx)
	if err != nil {
		return nil, err
	}
	cut := model.Cutoffs(s, today)
	next := func(t time.Time) any {
		if t.IsZero() {
			return ""
		}
		return model.FormatDate(model.AddDays(t, 1))
	}
	var ids []int64
	if past {
		// The candidates' indexes hold the book as it is now: a day
		// before today reads every customer there was then.
		ids, err = db.queryIDs(ctx, "SELECT id FROM customers WHERE archived_at IS NULL AND created_at < ?",
			model.FormatDate(model.AddDays(cut.Today, 1)))
	} else {
		var days [][2]int
		for _, k := range model.OccasionWindow(cut.Today, s.OccasionDays) {
			days = append(days, [2]int{int(k.Month), k.Day})
		}
		window, jerr := json.Marshal(days)
		if jerr != nil {
			return nil, jerr
		}
		ids, err = db.queryIDs(ctx, reviewCandidates, model.FormatDate(cut.Today), nil,
			model.FormatDate(cut.ComplaintBefore), next(cut.Prospect), next(cut.Advocate), next(cut.Customer),
			model.FormatDate(cut.ThankYouFrom), next(cut.ThankYouTo), s.ReorderFactor, string(window), next(cut.Former))
	}
	if err != nil {
		return nil, err
	}
	cs, err := db.reviewInputs(ctx, today, ids, past)
	if err != nil {
		return nil, err
	}
	return model.ReviewQueue(cs, s, today), nil
}

// queryIDs runs a query of one integer column.
func (db *DB) queryIDs(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, id)
	}
	return out, mapErr(rows.Err())
}
