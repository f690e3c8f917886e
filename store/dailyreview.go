package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"clientele/model"
)

// The daily list is the review queue's most urgent end. It is built from
// that end and stops when it is full, so its cost follows the size of the
// list, not of the book:
//
//   - Customers touched today are read first, whatever their reasons: the
//     rules see them as at the start of the day, which the index order
//     (kept from their last touch) no longer does.
//   - Then, for each kind of reason in urgency order, a stream yields
//     candidates through an index, already ordered by how far past due the
//     reason is. A stream only narrows and orders: each candidate's inputs
//     are read in full (ReviewInputs) and model.EntryFor decides whether it
//     is due and why.
//   - Once the entries known to be more urgent than the newest one found
//     fill the list, every entry before it is known and the build stops:
//     the first limit entries, sorted by the model, are the first limit
//     entries of the whole queue (the tests compare the two on the same
//     data).
//
// Then the backlog is counted: the streams go on, and each customer they
// yield who was not read yet counts as one more due, without reading their
// inputs. That relies on every stream selecting exactly the customers its
// rule finds due (the tests check the count against the whole queue); the
// list itself never does. The count stops at reviewLookahead and then says
// "at least".

// reviewLookahead is how many due customers past the list the daily
// review counts before it says "at least".
var reviewLookahead = 1000

// A stream is read in pages, the first of reviewPage ids and each next one
// twice as big, up to reviewPageMax; the list reads the inputs of
// reviewChunk customers at a time, so that it stops soon after it is full.
var reviewPage, reviewPageMax, reviewChunk = 64, 1024, 64

// DailyReview builds today's list: the limit most urgent entries of the
// review queue (the daily review size from the settings when limit ≤ 0)
// and how many more are due.
func (db *DB) DailyReview(ctx context.Context, today time.Time, limit int) (model.DailyReview, error) {
	s, err := db.Settings(ctx)
	if err != nil {
		return model.DailyReview{}, err
	}
	if limit <= 0 {
		limit = s.ReviewSize
	}

	b := &reviewBuild{db: db, ctx: ctx, today: today, s: s, cut: model.Cutoffs(s, today), limit: limit,
		seen: map[int64]bool{}}
	// Not DISTINCT: with it, SQLite reads every touch through the index by
	// customer rather than today's through the index by date.
	handled, err := db.queryIDs(ctx, `SELECT t.customer_id FROM touches t WHERE t.touched_at >= ? AND t.voided_at IS NULL`,
		model.FormatDate(b.cut.Today))
	if err != nil {
		return model.DailyReview{}, err
	}
	if _, err := b.evaluate(handled); err != nil {
		return model.DailyReview{}, err
	}
	streams, err := b.streams()
	if err != nil {
		return model.DailyReview{}, err
	}
	more, exact := 0, true
	for i, st := range streams {
		rest, full, err := b.walk(st)
		if err != nil {
			return model.DailyReview{}, err
		}
		if full {
			more, exact, err = b.count(rest, streams[i:])
			if err != nil {
				return model.DailyReview{}, err
			}
			break
		}
	}
	model.SortReview(b.found)
	n := min(limit, len(b.found))
	return model.DailyReview{Entries: b.found[:n:n], More: len(b.found) - n + more, MoreExact: exact}, nil
}

// reviewBuild is one build of the daily list.
type reviewBuild struct {
	db    *DB
	ctx   context.Context
	today time.Time
	s     model.Settings
	cut   model.ReviewCutoffs
	limit int
	seen  map[int64]bool      // customers read or counted
	found []model.ReviewEntry // every due entry read so far
}

// evaluate reads the inputs of the customers in ids not seen yet and
// applies the rules; it adds the due entries to found and returns them in
// the order of ids.
func (b *reviewBuild) evaluate(ids []int64) ([]model.ReviewEntry, error) {
	fresh := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !b.seen[id] {
			b.seen[id] = true
			fresh = append(fresh, id)
		}
	}
	cs, err := b.db.ReviewInputs(b.ctx, b.today, fresh)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]int, len(cs))
	for i := range cs {
		byID[cs[i].ID] = i
	}
	var due []model.ReviewEntry
	for _, id := range fresh {
		i, ok := byID[id]
		if !ok {
			continue
		}
		if e, ok := model.EntryFor(&cs[i], b.s, b.cut); ok {
			due = append(due, e)
		}
	}
	b.found = append(b.found, due...)
	return due, nil
}

// walk reads a stream until it runs dry, or until the entries found more
// urgent than its newest one fill the list; then it reports full and the
// ids it read from the stream but did not evaluate.
func (b *reviewBuild) walk(st reviewStream) (rest []int64, full bool, err error) {
	var last *model.ReviewEntry // the newest entry of the stream's kind
	page := reviewPage
	var buf []int64
	dry := false
	for {
		if len(buf) == 0 {
			if dry {
				return nil, false, nil
			}
			if buf, err = st.next(b.ctx, page); err != nil {
				return nil, false, fmt.Errorf("daily review, %s: %w", st.kind(), err)
			}
			dry = len(buf) < page
			page = min(page*2, reviewPageMax)
			continue
		}
		chunk := buf[:min(len(buf), reviewChunk)]
		buf = buf[len(chunk):]
		due, err := b.evaluate(chunk)
		if err != nil {
			return nil, false, err
		}
		for i := range due {
			e := &due[i]
			if e.Reasons[0].Kind != st.kind() {
				continue // due for another reason too loosely matched here: its own stream places it
			}
			if last != nil && model.CompareUrgency(e, last) > 0 && len(b.found) > b.limit && b.moreUrgent(e) >= b.limit {
				return buf, true, nil
			}
			last = e
		}
	}
}

// moreUrgent counts the entries found that are more urgent than e.
func (b *reviewBuild) moreUrgent(e *model.ReviewEntry) int {
	n := 0
	for i := range b.found {
		if model.CompareUrgency(&b.found[i], e) < 0 {
			n++
		}
	}
	return n
}

// count goes on through the streams, starting with the ids rest the list
// read but did not evaluate, and counts the customers not read yet, up to
// reviewLookahead past the entries found beyond the list; exact is false
// when it stopped there.
func (b *reviewBuild) count(rest []int64, streams []reviewStream) (more int, exact bool, err error) {
	room := reviewLookahead - max(len(b.found)-b.limit, 0)
	add := func(ids []int64) bool {
		for _, id := range ids {
			if !b.seen[id] {
				b.seen[id] = true
				if more++; more > room {
					return false
				}
			}
		}
		return true
	}
	if !add(rest) {
		return more, false, nil
	}
	for _, st := range streams {
		for page := reviewPageMax; ; {
			ids, err := st.next(b.ctx, page)
			if err != nil {
				return 0, false, fmt.Errorf("daily review, %s: %w", st.kind(), err)
			}
			if !add(ids) {
				return more, false, nil
			}
			if len(ids) < page {
				break
			}
		}
	}
	return more, true, nil
}

// reviewStream yields the candidates for one kind of reason, most urgent
// first. A customer may come more than once; the build reads them once.
type reviewStream interface {
	kind() model.ReasonKind
	// next returns up to n more candidates; fewer means the stream is dry.
	next(ctx context.Context, n int) ([]int64, error)
}

// notSnoozed keeps the customers who are not archived and not snoozed past
// today (?1); those handled today were read first.
const notSnoozed = `c.archived_at IS NULL AND (c.snoozed_until IS NULL OR c.snoozed_until <= ?1)`

// lastContact is when a customer was last in contact, by a touch or an
// order, or else when they were added; customers_in_touch is ordered by it.
const lastContact = `coalesce(max(c.last_touch_at, c.last_order_at), c.last_touch_at, c.last_order_at, c.created_at)`

// streams lists the streams of every kind of reason the settings turn on,
// in urgency order.
func (b *reviewBuild) streams() ([]reviewStream, error) {
	day := model.FormatDate(b.cut.Today)
	after := func(t time.Time) string { return model.FormatDate(model.AddDays(t, 1)) }
	sevIndex, sevTarget := "CASE p.severity", "CASE p.severity"
	for i, sev := range model.Severities {
		sevIndex += fmt.Sprintf(" WHEN '%s' THEN %d", sev, i)
		sevTarget += fmt.Sprintf(" WHEN '%s' THEN %d", sev, b.s.ComplaintTargetDays[sev])
	}
	sevIndex += " END"
	sevTarget += " END"
	unanswered := `EXISTS (SELECT 1 FROM feedback g WHERE g.customer_id = f.customer_id AND g.status = 'new'
		AND g.voided_at IS NULL AND g.received_on > coalesce(substr(c.last_touch_at, 1, 10), ''))`
	detractor := `EXISTS (SELECT 1 FROM feedback g WHERE g.customer_id = f.customer_id AND g.status = 'new'
		AND g.voided_at IS NULL AND g.score <= 6)`
	feedback := func(kind model.ReasonKind, cond string) reviewStream {
		return &sqlStream{r: b.db.r, k: kind, args: []any{day}, query: `SELECT f.customer_id FROM feedback f
			JOIN customers c ON c.id = f.customer_id
			WHERE f.status = 'new' AND f.voided_at IS NULL AND ` + notSnoozed + ` AND ` + unanswered + ` AND ` + cond + `
			ORDER BY f.received_on, f.id`}
	}
	st := []reviewStream{
		// Complaints: the most severe of the most overdue first, as the
		// rules weigh them: over × 4 + severity picks each customer's
		// worst complaint.
		&sqlStream{r: b.db.r, k: model.ReasonComplaint, args: []any{day, model.FormatDate(b.cut.ComplaintBefore)},
			whole: true,
			query: `SELECT p.customer_id FROM complaints p INDEXED BY complaints_open JOIN customers c ON c.id = p.customer_id
			WHERE p.status = 'open' AND p.voided_at IS NULL AND p.opened_on < ?2 AND ` + notSnoozed + `
				AND julianday(?1) - julianday(p.opened_on) > ` + sevTarget + `
			GROUP BY p.customer_id
			ORDER BY CAST(max((julianday(?1) - julianday(p.opened_on) - ` + sevTarget + `) * 4 + ` + sevIndex + `) AS INTEGER) % 4 DESC,
				max((julianday(?1) - julianday(p.opened_on) - ` + sevTarget + `) * 4 + ` + sevIndex + `) DESC, p.customer_id`},
		// Feedback with no reply, oldest first: walking the unanswered
		// feedback by day meets each customer first at their oldest.
		feedback(model.ReasonDetractor, detractor),
		// Payments overdue, the oldest due first; only paying answers them.
		&sqlStream{r: b.db.r, k: model.ReasonPayment, args: []any{day}, query: `SELECT o.customer_id FROM orders o
			INDEXED BY orders_unpaid JOIN customers c ON c.id = o.customer_id
			WHERE o.payment_due_on < ?1 AND o.payment_due_on IS NOT NULL AND o.paid_on IS NULL AND o.voided_at IS NULL
				AND ` + notSnoozed + `
			ORDER BY o.payment_due_on, o.id`},
		// Follow-ups and reminders by the occurrence each waits on, kept
		// from the customer's last contact (reminders.due_on): the most
		// overdue first.
		&sqlStream{r: b.db.r, k: model.ReasonFollowUp, args: []any{day}, query: `SELECT r.customer_id FROM reminders r
			INDEXED BY reminders_due JOIN customers c ON c.id = r.customer_id
			WHERE r.due_on <= ?1 AND ` + notSnoozed + `
			ORDER BY r.due_on, r.customer_id`},
		feedback(model.ReasonFeedback, "NOT "+detractor),
		b.occasionStream(day),
		// Reorders: the most overdue as a multiple of the usual gap, which
		// no index orders: the regulars' index is read whole, once.
		&sqlStream{r: b.db.r, k: model.ReasonReorder, args: []any{day, b.s.ReorderFactor}, whole: true, query: `SELECT c.id FROM customers c
			WHERE c.order_gap_days IS NOT NULL AND c.stage <> 'former' AND c.archived_at IS NULL
				AND julianday(?1) - julianday(substr(c.last_order_at, 1, 10)) > ?2 * c.order_gap_days
				AND (c.last_touch_at IS NULL OR substr(c.last_touch_at, 1, 10) < date(?1, '-' || c.order_gap_days || ' days'))
				AND (c.snoozed_until IS NULL OR c.snoozed_until <= ?1)
			ORDER BY (julianday(?1) - julianday(substr(c.last_order_at, 1, 10))) / c.order_gap_days DESC, c.id`},
	}
	cadence, err := b.cadenceStream(day)
	if err != nil {
		return nil, err
	}
	st = append(st, cadence)
	if !b.cut.Prospect.IsZero() {
		st = append(st, &sqlStream{r: b.db.r, k: model.ReasonProspect, args: []any{day, after(b.cut.Prospect)},
			query: `SELECT c.id FROM customers c
			WHERE c.stage = 'prospect' AND c.archived_at IS NULL AND coalesce(c.last_touch_at, c.created_at) < ?2
				AND (c.snoozed_until IS NULL OR c.snoozed_until <= ?1)
			ORDER BY coalesce(c.last_touch_at, c.created_at), c.id`})
	}
	if !b.cut.ThankYouTo.IsZero() {
		st = append(st, &sqlStream{r: b.db.r, k: model.ReasonThankYou,
			args: []any{day, model.FormatDate(b.cut.ThankYouFrom), after(b.cut.ThankYouTo)},
			query: `SELECT c.id FROM customers c
			WHERE c.first_order_at >= ?2 AND c.first_order_at < ?3 AND c.stage <> 'former' AND ` + notSnoozed + `
				AND (c.last_touch_at IS NULL OR substr(c.last_touch_at, 1, 10) < substr(c.first_order_at, 1, 10))
			ORDER BY c.first_order_at, c.id`})
	}
	if !b.cut.Former.IsZero() {
		// Customers gone quiet, the longest first.
		st = append(st, &sqlStream{r: b.db.r, k: model.ReasonFormer, args: []any{day, after(b.cut.Former),
			model.FormatDate(b.cut.Former)}, query: `SELECT c.id FROM customers c INDEXED BY customers_former
			WHERE c.stage = 'customer' AND c.archived_at IS NULL AND coalesce(c.last_order_at, c.created_at) < ?2
				AND (c.last_touch_at IS NULL OR c.last_touch_at < ?3)
				AND (c.snoozed_until IS NULL OR c.snoozed_until <= ?1)
			ORDER BY coalesce(c.last_order_at, c.created_at), c.id`})
	}
	return st, nil
}

// occasionStream yields the customers with an occasion in the next
// OccasionDays days not answered by a contact since it came up, the
// nearest first: the window's month-days in order, each a range of
// occasions_by_day.
func (b *reviewBuild) occasionStream(day string) reviewStream {
	type key struct {
		Month time.Month `json:"m"`
		Day   int        `json:"d"`
		Year  int        `json:"y"`
		Due   string     `json:"due"`
	}
	var keys []key
	for _, k := range model.OccasionWindow(b.cut.Today, b.s.OccasionDays) {
		keys = append(keys, key{k.Month, k.Day, k.Year, model.FormatDate(k.DueDay)})
	}
	window, _ := json.Marshal(keys) // plain values: it cannot fail
	return &sqlStream{r: b.db.r, k: model.ReasonOccasion, args: []any{day, string(window)}, whole: true,
		query: `SELECT o.customer_id FROM json_each(?2) j
			JOIN occasions o INDEXED BY occasions_by_day ON o.month = j.value ->> 'm' AND o.day = j.value ->> 'd'
			JOIN customers c ON c.id = o.customer_id
			WHERE (o.yearly = 1 AND (o.year IS NULL OR o.year <= j.value ->> 'y') OR o.year = j.value ->> 'y')
				AND c.stage <> 'former' AND ` + notSnoozed + `
				AND (c.last_touch_at IS NULL OR substr(c.last_touch_at, 1, 10) < j.value ->> 'due')
			ORDER BY j.key, o.customer_id`}
}

// cadenceStream merges one stream per stay-in-touch cadence (advocates,
// customers, each segment that has one), each ordered by last contact, into
// one ordered by the day each customer fell due: last contact + cadence.
// A customer under several cadences is met first under the shortest.
func (b *reviewBuild) cadenceStream(day string) (reviewStream, error) {
	m := &mergeStream{}
	stage := func(stage model.Stage, days int, cutoff time.Time) {
		if days <= 0 {
			return
		}
		m.sources = append(m.sources, &cadenceSource{days: days, sqlStream: sqlStream{r: b.db.r, k: model.ReasonCadence,
			args: []any{day, model.FormatDate(model.AddDays(cutoff, 1)), string(stage)},
			query: `SELECT c.id, ` + lastContact + ` FROM customers c
			WHERE c.stage = ?3 AND c.archived_at IS NULL AND ` + lastContact + ` < ?2
				AND (c.snoozed_until IS NULL OR c.snoozed_until <= ?1)
			ORDER BY ` + lastContact + `, c.id`}})
	}
	stage(model.StageAdvocate, b.s.AdvocateDays, b.cut.Advocate)
	stage(model.StageCustomer, b.s.CustomerDays, b.cut.Customer)
	rows, err := b.db.r.QueryContext(b.ctx, `SELECT id, cadence_days FROM segments WHERE cadence_days IS NOT NULL ORDER BY id`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var days int
		if err := rows.Scan(&id, &days); err != nil {
			return nil, mapErr(err)
		}
		cutoff := model.AddDays(b.cut.Today, -days+1)
		m.sources = append(m.sources, &cadenceSource{days: days, sqlStream: sqlStream{r: b.db.r, k: model.ReasonCadence,
			args: []any{day, model.FormatDate(cutoff), id},
			query: `SELECT c.id, ` + lastContact + ` FROM customer_segments cs JOIN customers c ON c.id = cs.customer_id
			WHERE cs.segment_id = ?3 AND c.stage IN ('customer', 'advocate') AND ` + notSnoozed + `
				AND ` + lastContact + ` < ?2
			ORDER BY ` + lastContact + `, c.id`}})
	}
	return m, mapErr(rows.Err())
}

// sqlStream pages through a query that selects candidate ids in order
// (and, for a cadence source, their last contact) with LIMIT and OFFSET.
// A whole stream is read at once instead, for a query that groups or sorts
// every row it reads: each page would do it again.
type sqlStream struct {
	r      *readPool
	k      model.ReasonKind
	query  string
	args   []any
	offset int
	whole  bool
	buf    []int64 // a whole stream's ids not yet yielded
	read   bool    // a whole stream was read
}

func (s *sqlStream) kind() model.ReasonKind { return s.k }

func (s *sqlStream) next(ctx context.Context, n int) ([]int64, error) {
	if !s.whole {
		ids, _, err := s.page(ctx, n)
		return ids, err
	}
	if !s.read {
		rows, err := s.r.QueryContext(ctx, s.query, s.args...)
		if err != nil {
			return nil, mapErr(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, mapErr(err)
			}
			s.buf = append(s.buf, id)
		}
		if err := rows.Err(); err != nil {
			return nil, mapErr(err)
		}
		s.read = true
	}
	ids := s.buf[:min(n, len(s.buf))]
	s.buf = s.buf[len(ids):]
	return ids, nil
}

// page reads the next n rows: ids, and the second column when there is one.
func (s *sqlStream) page(ctx context.Context, n int) ([]int64, []string, error) {
	// The page's bounds are parameters: one text, one kept statement.
	rows, err := s.r.QueryContext(ctx, s.query+" LIMIT ? OFFSET ?", append(slices.Clone(s.args), n, s.offset)...)
	if err != nil {
		return nil, nil, mapErr(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, nil, mapErr(err)
	}
	var ids []int64
	var keys []string
	for rows.Next() {
		var id int64
		var key string
		dst := []any{&id, &key}[:len(cols)]
		if err := rows.Scan(dst...); err != nil {
			return nil, nil, mapErr(err)
		}
		ids = append(ids, id)
		if len(cols) > 1 {
			keys = append(keys, key)
		}
	}
	s.offset += len(ids)
	return ids, keys, mapErr(rows.Err())
}

// cadenceSource is the stream of one cadence, n days, with the day number
// each customer fell due under it.
type cadenceSource struct {
	sqlStream
	days int
	ids  []int64
	due  []int
	dry  bool
}

// fill reads the next page when the buffer is empty.
func (c *cadenceSource) fill(ctx context.Context, n int) error {
	if len(c.ids) > 0 || c.dry {
		return nil
	}
	ids, keys, err := c.page(ctx, n)
	if err != nil {
		return err
	}
	c.dry = len(ids) < n
	c.ids, c.due = ids, make([]int, len(ids))
	for i, k := range keys {
		c.due[i] = dayNumber(k) + c.days
	}
	return nil
}

// mergeStream merges cadence sources by the day each customer fell due.
type mergeStream struct{ sources []*cadenceSource }

func (m *mergeStream) kind() model.ReasonKind { return model.ReasonCadence }

func (m *mergeStream) next(ctx context.Context, n int) ([]int64, error) {
	out := make([]int64, 0, n)
	for len(out) < n {
		var best *cadenceSource
		for _, s := range m.sources {
			if err := s.fill(ctx, n); err != nil {
				return nil, err
			}
			if len(s.ids) > 0 && (best == nil || s.due[0] < best.due[0]) {
				best = s
			}
		}
		if best == nil {
			break
		}
		out = append(out, best.ids[0])
		best.ids, best.due = best.ids[1:], best.due[1:]
	}
	return out, nil
}

// dayNumber is the day of a stored day or time, counted from 1970.
func dayNumber(s string) int {
	return int(model.Day(parseTime(sql.NullString{String: s, Valid: true})).Unix() / 86400)
}
