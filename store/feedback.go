package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"clientele/model"
)

var _ model.FeedbackStore = (*DB)(nil)

// normalizeFeedback trims the texts and gives new feedback its status.
func normalizeFeedback(f *model.Feedback) {
	f.Question = strings.TrimSpace(f.Question)
	f.Answer = strings.TrimSpace(f.Answer)
	f.Theme = strings.Join(strings.Fields(f.Theme), " ")
	if f.Status == "" {
		f.Status = model.FeedbackNew
	}
	if !f.HasScore {
		f.Score = 0
	}
}

// CreateFeedback validates f, stores it and sets f.ID; a question not
// saved yet is saved, so it is offered the next time.
func (db *DB) CreateFeedback(ctx context.Context, f *model.Feedback) error {
	normalizeFeedback(f)
	if err := f.Validate(); err != nil {
		return err
	}
	now := db.Now().Format(model.DateTimeLayout)
	return db.write(ctx, note{model.ActionFeedbackAdd, "Logged feedback"}, func(tx *sql.Tx) error {
		var score any
		if f.HasScore {
			score = f.Score
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO feedback (received_on, customer_id, channel, kind, question,
			answer, score, offering_id, theme, status, replied_on, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			dbDate(f.On), nullID(f.CustomerID), f.Channel, f.Kind, f.Question, f.Answer, score,
			nullID(f.OfferingID), f.Theme, f.Status, dbDate(f.RepliedOn), now)
		if err != nil {
			return err
		}
		if f.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := describe(ctx, tx, "Logged "+feedbackWords(f)+" from "+customerName(ctx, tx, f.CustomerID)); err != nil {
			return err
		}
		return addQuestion(ctx, tx, f.Question, now)
	})
}

// addQuestion saves text among the saved questions unless it is empty or
// saved already, so a question typed once is offered the next time.
func addQuestion(ctx context.Context, tx *sql.Tx, text, now string) error {
	if text == "" {
		return nil
	}
	if err := model.ValidateQuestion(text); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO questions (text, created_at) VALUES (?, ?)", text, now)
	return err
}

// feedbackColumns are read by scanFeedbackRow, from feedback f with its
// customer c and offering o left-joined.
const feedbackColumns = `f.id, f.received_on, coalesce(f.customer_id, 0), f.channel, f.kind, f.question,
	f.answer, f.score, coalesce(f.offering_id, 0), f.theme, f.status, f.replied_on,
	coalesce(c.name, ''), coalesce(c.ref, ''), coalesce(o.name, ''), f.voided_at, f.void_reason`

const feedbackFrom = ` FROM feedback f LEFT JOIN customers c ON c.id = f.customer_id
	LEFT JOIN offerings o ON o.id = f.offering_id`

func scanFeedbackRow(rows interface{ Scan(...any) error }) (model.FeedbackRow, error) {
	var r model.FeedbackRow
	var on, replied, voided sql.NullString
	var score sql.NullInt64
	err := rows.Scan(&r.ID, &on, &r.CustomerID, &r.Channel, &r.Kind, &r.Question, &r.Answer, &score,
		&r.OfferingID, &r.Theme, &r.Status, &replied, &r.Customer, &r.CustomerRef, &r.Offering, &voided, &r.VoidReason)
	if r.CustomerID != 0 {
		r.CustomerRef = (&model.Customer{ID: r.CustomerID, Ref: r.CustomerRef}).DisplayRef()
	}
	r.On, r.RepliedOn, r.VoidedAt = parseTime(on), parseTime(replied), parseTime(voided)
	r.Score, r.HasScore = int(score.Int64), score.Valid
	return r, err
}

// feedbackWhere builds the conditions of a log query.
func feedbackWhere(q model.FeedbackQuery) (string, []any) {
	var where []string
	var args []any
	if !q.WithVoided {
		where = append(where, "f.voided_at IS NULL")
	}
	if q.Kind != "" {
		where, args = append(where, "f.kind = ?"), append(args, q.Kind)
	}
	if q.Status != "" {
		where, args = append(where, "f.status = ?"), append(args, q.Status)
	}
	if q.CustomerID != 0 {
		where, args = append(where, "f.customer_id = ?"), append(args, q.CustomerID)
	}
	for _, w := range likeWords(q.Customer) {
		// Each word is in the customer's name or in what was said. The
		// names are matched in the name index alone, not by looking up
		// the customer of every feedback row.
		where = append(where, `(f.customer_id IN (SELECT id FROM customers WHERE sort_name LIKE ? ESCAPE '\')
			OR f.answer LIKE ? ESCAPE '\' OR f.question LIKE ? ESCAPE '\' OR f.theme LIKE ? ESCAPE '\')`)
		args = append(args, w, w, w, w)
	}
	if q.SegmentID != 0 {
		where = append(where, "f.customer_id IN (SELECT customer_id FROM customer_segments WHERE segment_id = ?)")
		args = append(args, q.SegmentID)
	}
	if q.OfferingID != 0 {
		where, args = append(where, "f.offering_id = ?"), append(args, q.OfferingID)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// ListFeedback returns one page of the log, newest first, and how many
// entries match. Only the page is read, along the date index.
func (db *DB) ListFeedback(ctx context.Context, q model.FeedbackQuery) ([]model.FeedbackRow, int, error) {
	cond, args := feedbackWhere(q)
	var total int
	if err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM feedback f"+cond, args...).Scan(&total); err != nil {
		return nil, 0, mapErr(err)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.r.QueryContext(ctx, "SELECT "+feedbackColumns+feedbackFrom+cond+
		" ORDER BY f.received_on DESC, f.id DESC LIMIT ? OFFSET ?", append(args, limit, max(q.Offset, 0))...)
	if err != nil {
		return nil, 0, mapErr(err)
	}
	defer rows.Close()
	var out []model.FeedbackRow
	for rows.Next() {
		r, err := scanFeedbackRow(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, mapErr(rows.Err())
}

// EachFeedback calls fn with every entry of the log, newest first.
func (db *DB) EachFeedback(ctx context.Context, fn func(model.FeedbackRow) error) error {
	rows, err := db.r.QueryContext(ctx, "SELECT "+feedbackColumns+feedbackFrom+
		" WHERE f.voided_at IS NULL ORDER BY f.received_on DESC, f.id DESC")
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanFeedbackRow(rows)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// SetFeedbackStatus moves feedback to status, dating the first reply on
// the store's clock (model.Feedback.SetStatus).
func (db *DB) SetFeedbackStatus(ctx context.Context, id int64, status model.FeedbackStatus) error {
	if !slices.Contains(model.FeedbackStatuses, status) {
		return model.Invalid("status", "%q is not a feedback status", status)
	}
	today := db.Now()
	return db.write(ctx, note{model.ActionFeedbackEdit, "Marked feedback " + string(status)}, func(tx *sql.Tx) error {
		var f model.Feedback
		var replied sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT status, replied_on FROM feedback WHERE id = ?", id).Scan(&f.Status, &replied)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("feedback %d: %w", id, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		f.RepliedOn = parseTime(replied)
		f.SetStatus(status, today)
		_, err = tx.ExecContext(ctx, "UPDATE feedback SET status = ?, replied_on = ? WHERE id = ?",
			f.Status, dbDate(f.RepliedOn), id)
		return err
	})
}

// NPSCounts returns the NPS answers counted by day and score, overall and
// per segment of the customers who gave them: a few thousand counts
// however many answers there are. The answers are read from their
// partial index and counted here: SQLite's GROUP BY would sort them
// first, which costs several times more.
func (db *DB) NPSCounts(ctx context.Context) (overall, bySegment []model.NPSCount, err error) {
	type key struct {
		day     [len(model.DateLayout)]byte
		score   int
		segment int64
	}
	count := func(query string, withSegment bool) (map[key]int, error) {
		rows, err := db.r.QueryContext(ctx, query)
		if err != nil {
			return nil, mapErr(err)
		}
		defer rows.Close()
		counts := map[key]int{}
		var day sql.RawBytes
		for rows.Next() {
			var k key
			dest := []any{&day, &k.score}
			if withSegment {
				dest = append(dest, &k.segment)
			}
			if err := rows.Scan(dest...); err != nil {
				return nil, err
			}
			copy(k.day[:], day)
			counts[k]++
		}
		return counts, mapErr(rows.Err())
	}
	days := map[[len(model.DateLayout)]byte]time.Time{}
	result := func(counts map[key]int, names map[int64]string) []model.NPSCount {
		out := make([]model.NPSCount, 0, len(counts))
		for k, n := range counts {
			d, ok := days[k.day]
			if !ok {
				d = rawTime(k.day[:])
				days[k.day] = d
			}
			out = append(out, model.NPSCount{Day: d, Score: k.score, N: n, Segment: names[k.segment]})
		}
		return out
	}
	all, err := count(`SELECT received_on, score FROM feedback INDEXED BY feedback_nps
		WHERE kind = 'nps' AND voided_at IS NULL AND score IS NOT NULL`, false)
	if err != nil {
		return nil, nil, err
	}
	segs, err := count(`SELECT f.received_on, f.score, cs.segment_id FROM feedback f INDEXED BY feedback_nps
		JOIN customer_segments cs ON cs.customer_id = f.customer_id
		WHERE f.kind = 'nps' AND f.voided_at IS NULL AND f.score IS NOT NULL`, true)
	if err != nil {
		return nil, nil, err
	}
	segments, err := db.SegmentNames(ctx)
	if err != nil {
		return nil, nil, err
	}
	names := map[int64]string{}
	for _, sg := range segments {
		names[sg.ID] = sg.Name
	}
	return result(all, nil), result(segs, names), nil
}

// NPSPerCustomer tallies each customer's NPS answers received in period
// p in one query; a zero end is open.
func (db *DB) NPSPerCustomer(ctx context.Context, p model.Period) (map[int64]model.NPS, error) {
	cond, args := dayRange("received_on", p.From, p.To)
	rows, err := db.r.QueryContext(ctx, `SELECT customer_id,
		count(*) FILTER (WHERE score >= ?), count(*) FILTER (WHERE score >= ? AND score < ?),
		count(*) FILTER (WHERE score < ?)
		FROM feedback INDEXED BY feedback_nps
		WHERE kind = 'nps' AND voided_at IS NULL AND score IS NOT NULL AND customer_id IS NOT NULL`+cond+`
		GROUP BY customer_id`,
		append([]any{model.PromoterMin, model.PassiveMin, model.PromoterMin, model.PassiveMin}, args...)...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[int64]model.NPS{}
	for rows.Next() {
		var id int64
		var n model.NPS
		if err := rows.Scan(&id, &n.Promoters, &n.Passives, &n.Detractors); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, mapErr(rows.Err())
}

// dayRange is " AND col >= ? AND col <= ?" for the ends of [from, to]
// that are set.
func dayRange(col string, from, to time.Time) (string, []any) {
	var cond string
	var args []any
	if !from.IsZero() {
		cond, args = cond+" AND "+col+" >= ?", append(args, model.FormatDate(from))
	}
	if !to.IsZero() {
		cond, args = cond+" AND "+col+" <= ?", append(args, model.FormatDate(to))
	}
	return cond, args
}

// PromoterSuggestions lists the customers whose latest NPS answer makes
// them advocate candidates (model.AdvocateCandidate: a promoter at stage
// customer), newest answer first, at most limit, and how many in all;
// archived customers are not listed (the count, read from the indexes
// alone, may include one). At 45,000 answers a join to customers costs a
// lookup in a wide table per promoter, so the candidates are taken from
// the NPS index, the other stages are struck off from the stage index, and
// only the customers listed are read.
func (db *DB) PromoterSuggestions(ctx context.Context, limit int) ([]model.PromoterSuggestion, int, error) {
	type answer struct {
		id    int64
		score int
		on    time.Time
	}
	latest := map[int64]answer{}
	rows, err := db.r.QueryContext(ctx, `SELECT customer_id, id, received_on, score FROM feedback
		INDEXED BY feedback_nps WHERE kind = 'nps' AND voided_at IS NULL AND score IS NOT NULL AND customer_id IS NOT NULL`)
	if err != nil {
		return nil, 0, mapErr(err)
	}
	var day sql.RawBytes
	for rows.Next() {
		var customer int64
		var a answer
		if err := rows.Scan(&customer, &a.id, &day, &a.score); err != nil {
			rows.Close()
			return nil, 0, err
		}
		a.on = rawTime(day)
		// The latest answer: the latest day, then the latest recorded.
		if prev, ok := latest[customer]; !ok || cmp.Or(a.on.Compare(prev.on), cmp.Compare(a.id, prev.id)) > 0 {
			latest[customer] = a
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, mapErr(err)
	}
	var others []string
	for _, st := range model.Stages {
		if !model.AdvocateCandidate(st, model.PromoterMin) {
			others = append(others, string(st))
		}
	}
	notCandidates, err := db.ids(ctx, `SELECT id FROM customers INDEXED BY customers_by_stage WHERE stage IN (`+
		placeholders(len(others))+`)`, others)
	if err != nil {
		return nil, 0, err
	}
	for _, id := range notCandidates {
		delete(latest, id)
	}
	var out []model.PromoterSuggestion
	for id, a := range latest {
		if model.BandOf(a.score) == model.Promoter {
			out = append(out, model.PromoterSuggestion{CustomerID: id, Score: a.score, On: a.on})
		}
	}
	slices.SortFunc(out, func(a, b model.PromoterSuggestion) int {
		return cmp.Or(b.On.Compare(a.On), cmp.Compare(b.CustomerID, a.CustomerID))
	})
	total := len(out)
	// Names for the first limit, skipping archived customers.
	var listed []model.PromoterSuggestion
	for len(out) > 0 && len(listed) < limit {
		n := min(len(out), limit-len(listed)+10)
		names, err := db.listedNames(ctx, out[:n])
		if err != nil {
			return nil, 0, err
		}
		for _, p := range out[:n] {
			if name, ok := names[p.CustomerID]; ok && len(listed) < limit {
				p.Name = name
				listed = append(listed, p)
			} else if !ok {
				total--
			}
		}
		out = out[n:]
	}
	return listed, total, nil
}

// ids runs a query of one id column.
func (db *DB) ids(ctx context.Context, query string, args []string) ([]int64, error) {
	as := make([]any, len(args))
	for i, a := range args {
		as[i] = a
	}
	return db.queryIDs(ctx, query, as...)
}

// listedNames returns the names of the suggested customers who are not
// archived.
func (db *DB) listedNames(ctx context.Context, ps []model.PromoterSuggestion) (map[int64]string, error) {
	args := make([]any, len(ps))
	for i, p := range ps {
		args[i] = p.CustomerID
	}
	rows, err := db.r.QueryContext(ctx, "SELECT id, name FROM customers WHERE archived_at IS NULL AND id IN ("+
		placeholders(len(ps))+")", args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, mapErr(rows.Err())
}

// UnansweredDetractors counts NPS detractors whose feedback is still new.
func (db *DB) UnansweredDetractors(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM feedback INDEXED BY feedback_nps
		WHERE kind = 'nps' AND voided_at IS NULL AND status = ? AND score < ?`, model.FeedbackNew, model.PassiveMin).Scan(&n)
	return n, mapErr(err)
}

// Wishes returns every wish, newest first, with its customer's name. The
// wishes are read in customer order, so that the names are read in page
// order too, and sorted here.
func (db *DB) Wishes(ctx context.Context) ([]model.Wish, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT f.id, f.received_on, coalesce(f.customer_id, 0),
		coalesce(c.name, ''), f.answer, f.theme FROM feedback f INDEXED BY feedback_wishes
		LEFT JOIN customers c ON c.id = f.customer_id WHERE f.kind = 'wish' AND f.voided_at IS NULL`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.Wish
	for rows.Next() {
		var w model.Wish
		var on sql.NullString
		if err := rows.Scan(&w.ID, &on, &w.CustomerID, &w.Customer, &w.Answer, &w.Theme); err != nil {
			return nil, err
		}
		w.On = parseTime(on)
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b model.Wish) int {
		if c := b.On.Compare(a.On); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	return out, mapErr(rows.Err())
}

// SetWishTheme gives the wishes ids the theme ("" clears it), in one
// transaction however many there are.
func (db *DB) SetWishTheme(ctx context.Context, theme string, ids ...int64) error {
	theme = strings.Join(strings.Fields(theme), " ")
	if err := model.ValidateTheme(theme); err != nil {
		return err
	}
	what := "Grouped " + model.Plural(len(ids), "wish", "wishes") + " under " + strconv.Quote(theme)
	if theme == "" {
		what = "Took the theme off " + model.Plural(len(ids), "wish", "wishes")
	}
	return db.write(ctx, note{model.ActionFeedbackEdit, what}, func(tx *sql.Tx) error {
		for len(ids) > 0 {
			n := min(len(ids), 500)
			args := []any{theme}
			for _, id := range ids[:n] {
				args = append(args, id)
			}
			if _, err := tx.ExecContext(ctx, "UPDATE feedback SET theme = ? WHERE kind = 'wish' AND id IN ("+
				placeholders(n)+")", args...); err != nil {
				return err
			}
			ids = ids[n:]
		}
		return nil
	})
}

// feedbackWords names feedback in a description: "an NPS answer of 9",
// "a wish".
func feedbackWords(f *model.Feedback) string {
	switch {
	case f.Kind == model.FeedbackNPS:
		return fmt.Sprintf("an NPS answer of %d", f.Score)
	case f.Kind == model.FeedbackPraise, f.Kind == model.FeedbackQuestion:
		return string(f.Kind)
	}
	return "a " + string(f.Kind)
}
