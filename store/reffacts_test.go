package store

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"clientele/model"
)

// FitFacts as the store read it before it kept cards: every table read
// apart, side by side, joined by id. The tests hold FitFacts to the same
// customers.

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
	refFactsCustomers = `SELECT id, name, stage, country, tier, fit, referred_by, revenue,
		max(coalesce(last_order_at, ''), coalesce(last_touch_at, ''))
		FROM customers INDEXED BY customers_fit WHERE archived_at IS NULL ORDER BY sort_name, id`
	// Segments and values come one row each, with the ids of their
	// customers joined by commas, in order of name and of value: so each
	// customer's list is in that order, as the list shows it. Archived
	// customers are among them (the Profit book lists them).
	refFactsSegments = `SELECT s.name, m.ids FROM segments s JOIN (SELECT segment_id, group_concat(customer_id) AS ids
		FROM customer_segments INDEXED BY customer_segments_by_segment GROUP BY segment_id) m ON m.segment_id = s.id
		ORDER BY s.name, s.id`
	refFactsValues = `SELECT value, group_concat(customer_id) FROM customer_values INDEXED BY customer_values_by_value
		GROUP BY value ORDER BY value`
	// Complaints opened in the period, ?1 and ?2 days, both included.
	refFactsComplaints = `SELECT customer_id, count(*) FROM complaints
		WHERE customer_id IS NOT NULL AND opened_on >= ?1 AND opened_on <= ?2 AND voided_at IS NULL GROUP BY customer_id`
	// NPS answers in the order of feedback_by_customer: each customer's
	// latest comes last.
	refFactsNPS = `SELECT customer_id, score FROM feedback WHERE kind = 'nps' AND voided_at IS NULL AND customer_id IS NOT NULL
		ORDER BY customer_id, received_on, id`
)

// refFitFacts reads every customer not archived with what the fit analysis
// needs besides their profit, in the list's order (by name). Facts about
// other tables are kept in slices indexed by customer id (ids are dense:
// SQLite hands them out in order).
func (db *DB) refFitFacts(ctx context.Context, from, to time.Time) ([]model.FitCustomer, error) {
	lo, hi := periodDays(from, to)
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
			return db.eachRow(ctx, refFactsCustomers, nil, func(r row) error {
				c := model.FitCustomer{ID: r.int(0), Name: r.text(1), Stage: model.Stage(r.text(2)), Country: r.text(3),
					Tier: int(r.int(4)), Fit: int(r.int(5)), Referrer: r.int(6), LifetimeRevenue: r.money(7)}
				if in(c.ID) {
					c.LastActivity = parseStamp(r.text(8))
					out = append(out, c)
				}
				return nil
			})
		},
		func() error { return segments.read(ctx, db, refFactsSegments, n) },
		func() error { return values.read(ctx, db, refFactsValues, n) },
		func() error {
			return db.eachRow(ctx, refFactsComplaints, []any{lo, hi}, func(r row) error {
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
			return db.eachRow(ctx, refFactsNPS, nil, func(r row) error {
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

// FactsDiffer reads FitFacts over [from, to] with the cards and as the
// store did before (refFitFacts), and ProfitBook's customers beside the
// customers themselves, and describes the differences, at most limit.
func (db *DB) FactsDiffer(ctx context.Context, from, to time.Time, limit int) ([]string, error) {
	got, err := db.FitFacts(ctx, model.Period{From: from, To: to})
	if err != nil {
		return nil, err
	}
	want, err := db.refFitFacts(ctx, from, to)
	if err != nil {
		return nil, err
	}
	out := findings{limit: limit}
	differ := out.add
	if len(got) != len(want) {
		differ("FitFacts read %d customers, the tables hold %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			differ("FitFacts, customer %d: read %+v, the tables say %+v", want[i].ID, got[i], want[i])
		}
	}
	book, err := db.ProfitBookWithoutMonths(ctx, model.AllTime())
	if err != nil {
		return nil, err
	}
	var segments idLists
	var maxID int64
	if err := db.r.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM customers").Scan(&maxID); err != nil {
		return nil, err
	}
	if err := segments.read(ctx, db, refFactsSegments, int(maxID)+1); err != nil {
		return nil, err
	}
	i := 0
	err = db.eachRow(ctx, `SELECT id, name, stage, coalesce(tier, 0), archived_at IS NOT NULL, coalesce(ref, ''),
		acquisition_cost FROM customers ORDER BY id`, nil, func(r row) error {
		w := model.ProfitFacts{ID: r.int(0), Name: r.text(1), Stage: model.Stage(r.text(2)), Tier: int(r.int(3)),
			Archived: r.int(4) == 1, Segments: segments.of(r.int(0))}
		w.Ref = (&model.Customer{ID: w.ID, Ref: r.text(5)}).DisplayRef()
		if i >= len(book.Customers) {
			differ("ProfitBook lacks customer %d", w.ID)
			return nil
		}
		g := book.Customers[i]
		i++
		if g.ID != w.ID || g.Name != w.Name || g.Stage != w.Stage || g.Tier != w.Tier || g.Archived != w.Archived ||
			g.Ref != w.Ref || !reflect.DeepEqual(g.Segments, w.Segments) || g.Acquisition < r.money(6) {
			differ("ProfitBook, customer %d: read %+v, the tables say %+v", w.ID, g, w)
		}
		return nil
	})
	if i != len(book.Customers) {
		differ("ProfitBook read %d customers, the table holds %d", len(book.Customers), i)
	}
	return out.list, err
}
