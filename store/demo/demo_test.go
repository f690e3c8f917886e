package demo

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

// fixedNow is "today" for the generated data in every test.
var fixedNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// generate makes a business of n customers in a new file and returns the
// file's path and the summary.
func generate(t testing.TB, n int, seed int64) (string, Summary) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sum, err := Generate(context.Background(), db, Options{Customers: n, Seed: seed, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return path, sum
}

// readOnly opens a second, read-only pool on the file, as the sqlite3
// shell or another program would.
func readOnly(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// dated puts the test's dates and the wish question into a query: {today},
// {now}, {start} (of the order history) and {wish}.
func dated(query string) string {
	quote := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	return strings.NewReplacer(
		"{today}", quote(model.FormatDate(fixedNow)),
		"{now}", quote(model.FormatDateTime(fixedNow)),
		"{start}", quote(model.FormatDate(model.Day(fixedNow).AddDate(0, -months, 0))),
		"{wish}", quote(model.WishQuestion),
	).Replace(query)
}

// count runs a query of one integer.
func count(t testing.TB, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestGenerateDefault(t *testing.T) {
	t.Parallel()
	path, sum := generate(t, 0, 1)
	db := readOnly(t, path)

	// The summary counts what is in the file.
	for _, c := range []struct {
		table string
		got   int
	}{
		{"customers", sum.Customers}, {"orders", sum.Orders}, {"order_lines", sum.Lines}, {"costs", sum.Costs},
		{"feedback", sum.Feedback}, {"complaints", sum.Complaints}, {"touches", sum.Touches},
		{"segments", sum.Segments}, {"offerings", sum.Offerings},
	} {
		if n := count(t, db, "SELECT count(*) FROM "+c.table); n != c.got {
			t.Errorf("summary says %d %s, the file holds %d", c.got, c.table, n)
		}
	}
	if sum.Customers != DefaultCustomers {
		t.Errorf("customers = %d, want %d", sum.Customers, DefaultCustomers)
	}
	for _, r := range []struct {
		what   string
		n      int
		lo, hi int
	}{
		{"orders", sum.Orders, 200, 600},
		{"lines", sum.Lines, 500, 1600},
		{"costs", sum.Costs, 400, 1400},
		{"feedback", sum.Feedback, 50, 160},
		{"complaints", sum.Complaints, 5, 40},
		{"touches", sum.Touches, 60, 300},
		{"offerings", sum.Offerings, 20, 31},
		{"segments", sum.Segments, 5, 10},
	} {
		if r.n < r.lo || r.n > r.hi {
			t.Errorf("%s = %d, want %d to %d", r.what, r.n, r.lo, r.hi)
		}
	}

	checks := []struct {
		what  string
		query string
		min   int
	}{
		{"prospects", "SELECT count(*) FROM customers WHERE stage = 'prospect'", 1},
		{"customers", "SELECT count(*) FROM customers WHERE stage = 'customer'", 1},
		{"advocates", "SELECT count(*) FROM customers WHERE stage = 'advocate'", 1},
		{"former customers", "SELECT count(*) FROM customers WHERE stage = 'former'", 1},
		{"open complaints", "SELECT count(*) FROM complaints WHERE status = 'open'", 1},
		{"remedied complaints", "SELECT count(*) FROM complaints WHERE status = 'remedied'", 1},
		{"closed complaints with a prevention step",
			"SELECT count(*) FROM complaints WHERE status = 'closed' AND prevention <> '' AND closed_on IS NOT NULL", 1},
		{"open complaints past their target", `SELECT count(*) FROM complaints WHERE status = 'open' AND
			julianday({today}) - julianday(opened_on) > CASE severity WHEN 'high' THEN 2 WHEN 'medium' THEN 7 ELSE 14 END`, 1},
		{"guarantees honoured", "SELECT count(*) FROM complaints WHERE guarantee = 1 AND honoured_on IS NOT NULL", 1},
		{"remedy costs", "SELECT count(*) FROM costs WHERE category = 'remedy' AND complaint_id IS NOT NULL", 1},
		{"NPS scores", "SELECT count(*) FROM feedback WHERE kind = 'nps' AND score BETWEEN 0 AND 10", 10},
		{"NPS detractors", "SELECT count(*) FROM feedback WHERE kind = 'nps' AND score <= 6", 1},
		{"unanswered feedback", "SELECT count(*) FROM feedback WHERE status = 'new'", 1},
		{"feedback acted on", "SELECT count(*) FROM feedback WHERE status = 'acted on'", 1},
		{"wishes", "SELECT count(*) FROM feedback WHERE kind = 'wish' AND question = {wish}", 5},
		{"wishes worded alike", `SELECT count(*) FROM (SELECT lower(answer) FROM feedback WHERE question = {wish}
			GROUP BY lower(answer) HAVING count(*) >= 2)`, 1},
		{"referrals", "SELECT count(*) FROM customers WHERE referred_by IS NOT NULL", 3},
		{"unattributed orders", "SELECT count(*) FROM orders WHERE customer_id IS NULL", 1},
		{"refunds", `SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id
			WHERE o.kind = 'refund' AND l.quantity < 0 AND l.amount < 0`, 1},
		{"time entries", "SELECT count(*) FROM costs WHERE category = 'time' AND minutes > 0", 10},
		{"follow-ups due", "SELECT count(*) FROM reminders WHERE kind = 'follow-up' AND due_on <= {today}", 2},
		{"reminders that repeat", "SELECT count(*) FROM reminders WHERE repeat_unit <> ''", 3},
		{"postal addresses", "SELECT count(*) FROM customers WHERE address_line1 <> '' AND postcode <> ''", 40},
		{"consent to email", "SELECT count(*) FROM customers WHERE consent_email_on IS NOT NULL", 10},
		{"consent by post", "SELECT count(*) FROM customers WHERE consent_post_on IS NOT NULL", 1},
		{"birthdays", "SELECT count(*) FROM occasions WHERE kind = 'birthday'", 10},
		{"payments overdue", "SELECT count(*) FROM orders WHERE payment_due_on < {today} AND paid_on IS NULL", 1},
		{"invoices paid", "SELECT count(*) FROM orders WHERE paid_on IS NOT NULL", 5},
		{"custom field values", "SELECT count(DISTINCT field_id) FROM customer_fields", 3},
		{"unrated customers", "SELECT count(*) FROM customers WHERE fit IS NULL", 1},
		{"shops and buyers with a company", "SELECT count(*) FROM customers WHERE company <> ''", 3},
		{"custom values", "SELECT count(*) FROM customer_values WHERE value IN ('scent strength', 'eco packaging')", 1},
		{"language notes", "SELECT count(*) FROM customers WHERE language <> ''", 5},
		{"names beyond ASCII", "SELECT count(*) FROM customers WHERE name IN ('李雷', '王芳') OR name LIKE '%ë%'", 1},
		{"touches", "SELECT count(*) FROM touches", 20},
		{"wholesale every 30 days", "SELECT count(*) FROM segments WHERE name = 'wholesale' AND cadence_days = 30", 1},
	}
	for _, c := range checks {
		if n := count(t, db, dated(c.query)); n < c.min {
			t.Errorf("%s: %d, want at least %d", c.what, n, c.min)
		}
	}

	rules := []struct {
		what  string
		query string
	}{
		{"prospects with orders", `SELECT count(*) FROM customers c WHERE stage = 'prospect'
			AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)`},
		{"former customers without a reason", "SELECT count(*) FROM customers WHERE stage = 'former' AND let_go_reason = ''"},
		{"advocates who neither referred nor scored 9 or 10", `SELECT count(*) FROM customers c WHERE stage = 'advocate'
			AND NOT EXISTS (SELECT 1 FROM customers r WHERE r.referred_by = c.id)
			AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.customer_id = c.id AND f.score >= 9)`},
		{"referrers stored after the people they referred", "SELECT count(*) FROM customers WHERE referred_by >= id"},
		{"customers in teen fashion", `SELECT count(*) FROM customers c JOIN customer_segments cs ON cs.customer_id = c.id
			JOIN segments s ON s.id = cs.segment_id WHERE s.name = 'teen fashion' AND c.stage <> 'prospect'`},
		{"preferred channels without the detail", `SELECT count(*) FROM customers WHERE
			(channel = 'email' AND email = '') OR (channel IN ('phone', 'text') AND phone = '')
			OR (channel = 'social' AND social = '')`},
		{"line amounts that are not quantity × price", "SELECT count(*) FROM order_lines WHERE amount <> quantity * unit_price"},
		{"time entries not costed at the hourly rate",
			"SELECT count(*) FROM costs WHERE category = 'time' AND amount <> (minutes * 2500 + 30) / 60"},
		{"records after today", `SELECT (SELECT count(*) FROM orders WHERE ordered_at > {now})
			+ (SELECT count(*) FROM costs WHERE incurred_on > {today})
			+ (SELECT count(*) FROM feedback WHERE received_on > {today} OR replied_on > {today})
			+ (SELECT count(*) FROM complaints WHERE opened_on > {today} OR closed_on > {today})
			+ (SELECT count(*) FROM touches WHERE touched_at > {now})`},
		{"records before their customer got in touch", `SELECT
			(SELECT count(*) FROM orders x JOIN customers c ON c.id = x.customer_id WHERE date(x.ordered_at) < date(c.created_at))
			+ (SELECT count(*) FROM touches x JOIN customers c ON c.id = x.customer_id WHERE date(x.touched_at) < date(c.created_at))
			+ (SELECT count(*) FROM feedback x JOIN customers c ON c.id = x.customer_id WHERE x.received_on < date(c.created_at))
			+ (SELECT count(*) FROM complaints x JOIN customers c ON c.id = x.customer_id WHERE x.opened_on < date(c.created_at))`},
		{"orders before the history starts", "SELECT count(*) FROM orders WHERE ordered_at < {start}"},
		{"refunds before their sale", `SELECT count(*) FROM orders r JOIN orders s
			ON r.notes LIKE 'Refund for order #' || s.id || ':%' WHERE r.ordered_at < s.ordered_at`},
		{"customers whose list figures are stale", `SELECT count(*) FROM customers c WHERE order_count <>
			(SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND o.kind = 'sale')`},
	}
	for _, r := range rules {
		if n := count(t, db, dated(r.query)); n != 0 {
			t.Errorf("%s: %d, want none", r.what, n)
		}
	}

	var unattributed float64
	if err := db.QueryRow("SELECT avg(customer_id IS NULL) FROM orders WHERE kind = 'sale'").Scan(&unattributed); err != nil {
		t.Fatal(err)
	}
	if unattributed < 0.02 || unattributed > 0.1 {
		t.Errorf("%.1f%% of sales are unattributed, want about 5%%", 100*unattributed)
	}
	checkIntegrity(t, db)
}

// TestGenerateTellsTheStory checks the shapes the screens are built to
// show, with the profit rule of DESIGN.md worked out in SQL: revenue less
// direct cost less cost to serve (acquisition not included).
func TestGenerateTellsTheStory(t *testing.T) {
	t.Parallel()
	path, _ := generate(t, 0, 1)
	db := readOnly(t, path)
	const profit = `WITH r AS (SELECT o.customer_id AS id, sum(l.amount) AS revenue,
			sum(l.quantity * l.unit_cost) AS direct
		FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.customer_id),
	s AS (SELECT customer_id AS id, sum(amount) AS cost FROM costs WHERE category <> 'acquisition' GROUP BY customer_id),
	p AS (SELECT r.id, r.revenue, r.revenue - r.direct - coalesce(s.cost, 0) AS profit
		FROM r LEFT JOIN s ON s.id = r.id WHERE r.id IS NOT NULL)`

	// Drains: low fit, complaints, and they lose money.
	if n := count(t, db, profit+` SELECT count(*) FROM p JOIN customers c ON c.id = p.id
		WHERE p.profit < 0 AND c.fit <= 2 AND (SELECT count(*) FROM complaints k WHERE k.customer_id = c.id) >= 2`); n < 2 {
		t.Errorf("%d drains (loss-making, fit ≤ 2, two complaints or more), want at least 2", n)
	}
	// Best customers: profitable, a good fit, and they refer others.
	if n := count(t, db, profit+` SELECT count(*) FROM p JOIN customers c ON c.id = p.id
		WHERE p.profit > 30000 AND c.fit >= 4 AND EXISTS (SELECT 1 FROM customers x WHERE x.referred_by = c.id)`); n < 2 {
		t.Errorf("%d best customers (over £300 profit, fit ≥ 4, referred someone), want at least 2", n)
	}
	// Wholesale: the most revenue of any segment, the thinnest margin.
	var segment string
	if err := db.QueryRow(profit + ` SELECT s.name FROM p JOIN customer_segments cs ON cs.customer_id = p.id
		JOIN segments s ON s.id = cs.segment_id GROUP BY s.id ORDER BY sum(p.revenue) DESC LIMIT 1`).Scan(&segment); err != nil {
		t.Fatal(err)
	}
	if segment != "wholesale" {
		t.Errorf("segment with the most revenue = %q, want wholesale", segment)
	}
	var wholesale, rest float64
	if err := db.QueryRow(profit+` SELECT
		(SELECT 1.0 * sum(profit) / sum(revenue) FROM p WHERE id IN (SELECT customer_id FROM customer_segments cs
			JOIN segments s ON s.id = cs.segment_id WHERE s.name = 'wholesale')),
		(SELECT 1.0 * sum(profit) / sum(revenue) FROM p WHERE id NOT IN (SELECT customer_id FROM customer_segments cs
			JOIN segments s ON s.id = cs.segment_id WHERE s.name = 'wholesale'))`).Scan(&wholesale, &rest); err != nil {
		t.Fatal(err)
	}
	if wholesale > 0.25 || wholesale > rest/2 {
		t.Errorf("wholesale margin %.0f%%, everyone else %.0f%%: want wholesale thin", 100*wholesale, 100*rest)
	}
	// Regulars overdue to reorder: three sales or more, and the days since
	// the last one over 1.5 × their median gap.
	overdue := 0
	rows, err := db.Query(`SELECT c.id, o.ordered_at FROM customers c JOIN orders o ON o.customer_id = c.id
		WHERE c.stage IN ('customer', 'advocate') AND o.kind = 'sale' ORDER BY c.id, o.ordered_at`)
	if err != nil {
		t.Fatal(err)
	}
	days := map[int64][]time.Time{}
	var ids []int64
	for rows.Next() {
		var id int64
		var at string
		if err := rows.Scan(&id, &at); err != nil {
			t.Fatal(err)
		}
		ts, err := model.ParseDateTime(at)
		if err != nil {
			t.Fatal(err)
		}
		if len(days[id]) == 0 {
			ids = append(ids, id)
		}
		days[id] = append(days[id], ts)
	}
	rows.Close()
	for _, id := range ids {
		ds := days[id]
		if len(ds) < 3 {
			continue
		}
		var gaps []int
		for i := 1; i < len(ds); i++ {
			gaps = append(gaps, model.DaysBetween(ds[i-1], ds[i]))
		}
		if median := medianOf(gaps); float64(model.DaysBetween(ds[len(ds)-1], fixedNow)) > 1.5*median {
			overdue++
		}
	}
	if overdue < 3 {
		t.Errorf("%d regulars overdue to reorder, want at least 3", overdue)
	}
	// A segment of prospects nobody has sold to.
	if n := count(t, db, `SELECT count(*) FROM segments s WHERE EXISTS (SELECT 1 FROM customer_segments cs
		WHERE cs.segment_id = s.id) AND NOT EXISTS (SELECT 1 FROM customer_segments cs JOIN customers c
		ON c.id = cs.customer_id WHERE cs.segment_id = s.id AND c.stage <> 'prospect')`); n != 1 {
		t.Errorf("%d segments of prospects only, want 1", n)
	}
}

func medianOf(xs []int) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}

// checkIntegrity runs SQLite's own checks of keys and structure.
func checkIntegrity(t testing.TB, db *sql.DB) {
	t.Helper()
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for rows.Next() {
		bad++
	}
	rows.Close()
	if bad > 0 {
		t.Errorf("foreign_key_check found %d rows pointing at nothing", bad)
	}
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
}

// contentHash hashes every row of the tables the demo writes, in id order.
func contentHash(t testing.TB, path string) string {
	t.Helper()
	db := readOnly(t, path)
	h := sha256.New()
	for _, q := range []string{
		"SELECT * FROM settings WHERE key <> 'book_id' ORDER BY key", // the book's id is its own
		"SELECT * FROM customers ORDER BY id",
		"SELECT * FROM customer_segments ORDER BY customer_id, segment_id",
		"SELECT * FROM customer_values ORDER BY customer_id, value",
		"SELECT * FROM segments ORDER BY id",
		"SELECT * FROM offerings ORDER BY id",
		"SELECT * FROM orders ORDER BY id",
		"SELECT * FROM order_lines ORDER BY id",
		"SELECT * FROM costs ORDER BY id",
		"SELECT * FROM feedback ORDER BY id",
		"SELECT * FROM complaints ORDER BY id",
		"SELECT * FROM touches ORDER BY id",
		"SELECT * FROM reminders ORDER BY id",
		"SELECT * FROM occasions ORDER BY id",
		"SELECT * FROM custom_fields ORDER BY id",
		"SELECT * FROM customer_fields ORDER BY customer_id, field_id",
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(h, "%q\n", vals)
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()
	a, _ := generate(t, 300, 42)
	b, _ := generate(t, 300, 42)
	c, _ := generate(t, 300, 43)
	ha, hb, hc := contentHash(t, a), contentHash(t, b), contentHash(t, c)
	if ha != hb {
		t.Error("two businesses from seed 42 differ")
	}
	if ha == hc {
		t.Error("seeds 42 and 43 made the same business")
	}
}

func TestGenerateRefusesANonEmptyDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "full.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateCustomer(ctx, &model.Customer{Name: "A real customer", Stage: model.StageCustomer}); err != nil {
		t.Fatal(err)
	}
	_, err = Generate(ctx, db, Options{Seed: 1, Now: fixedNow})
	if !errors.Is(err, model.ErrConflict) {
		t.Fatalf("Generate on a database with a customer: %v, want ErrConflict", err)
	}
	if n, err := db.CustomerCount(ctx); err != nil || n != 1 {
		t.Errorf("customers after the refusal: %d, %v; want the 1 that was there", n, err)
	}
}

func TestGenerateStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	path := filepath.Join(t.TempDir(), "cancel.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = Generate(ctx, db, Options{Customers: 1000, Seed: 1, Now: fixedNow,
		Progress: func(done, total int) {
			if done >= total/2 {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Generate cancelled half way: %v, want context.Canceled", err)
	}
	if n, err := db.CustomerCount(context.Background()); err != nil || n != 0 {
		t.Errorf("customers after a cancelled generation: %d, %v; want none (all or nothing)", n, err)
	}
}

func TestGenerateLinesPerCustomer(t *testing.T) {
	t.Parallel()
	var calls, last int
	path := filepath.Join(t.TempDir(), "2000.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sum, err := Generate(context.Background(), db, Options{Customers: 2000, Seed: 7, Now: fixedNow,
		Progress: func(done, total int) {
			if done < last || total != 2000 {
				t.Errorf("progress went from %d to %d of %d", last, done, total)
			}
			calls, last = calls+1, done
		}})
	if err != nil {
		t.Fatal(err)
	}
	if last != 2000 || calls < 10 || calls > 200 {
		t.Errorf("progress called %d times, last with %d done", calls, last)
	}
	perCustomer := float64(sum.Lines) / float64(sum.Customers)
	if perCustomer < 8.5 || perCustomer > 12 {
		t.Errorf("%.1f order lines per customer, want about 10", perCustomer)
	}
	for _, r := range []struct {
		what   string
		per    float64
		lo, hi float64
	}{
		{"orders", float64(sum.Orders), 3, 5},
		{"feedback", float64(sum.Feedback), 0.7, 1.5},
		{"complaints", float64(sum.Complaints), 0.1, 0.35},
		{"costs", float64(sum.Costs), 4, 12},
		{"touches", float64(sum.Touches), 1, 3},
	} {
		if per := r.per / float64(sum.Customers); per < r.lo || per > r.hi {
			t.Errorf("%.2f %s per customer, want %g to %g", per, r.what, r.lo, r.hi)
		}
	}
	checkIntegrity(t, readOnly(t, path))
}

// BenchmarkGenerate times the benchmark data set: 100,000 customers and
// about a million order lines, streamed into one transaction.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{2000, 100_000} {
		b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("the benchmark set takes about 20 s; not with -short")
			}
			var sum Summary
			for i := 0; b.Loop(); i++ {
				path := filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i))
				db, err := store.Open(context.Background(), path)
				if err != nil {
					b.Fatal(err)
				}
				if sum, err = Generate(context.Background(), db, Options{Customers: n, Seed: 1, Now: fixedNow}); err != nil {
					b.Fatal(err)
				}
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(sum.Lines), "lines")
			b.ReportMetric(float64(sum.Lines)/b.Elapsed().Seconds()*float64(b.N), "lines/s")
		})
	}
}
