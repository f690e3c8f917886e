package store_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
	"clientele/store/testsize"
)

// randomPeriods are n periods over a book whose records run from first to
// last: each end a random day from two months before the first record to
// two months after the last, or open; most ends fall inside a month, so
// that the days at the ends are read from the orders and costs, and some
// reach past the records, so that a part month is read whole.
func randomPeriods(rng *rand.Rand, first, last time.Time, n int) []model.Period {
	from, days := first.AddDate(0, -2, 0), int(last.AddDate(0, 2, 0).Sub(first.AddDate(0, -2, 0)).Hours()/24)
	day := func() time.Time { return from.AddDate(0, 0, rng.IntN(days+1)) }
	out := make([]model.Period, 0, n)
	for len(out) < n {
		a, b := day(), day()
		if b.Before(a) {
			a, b = b, a
		}
		switch rng.IntN(8) {
		case 0:
			a = time.Time{}
		case 1:
			b = time.Time{}
		case 2: // the first of a month to a day in another
			a = model.MonthOf(a)
		}
		p, err := model.CustomPeriod(a, b)
		if err == nil {
			out = append(out, p)
		}
	}
	return out
}

// namedPeriods are the periods the screens offer on today.
func namedPeriods(today time.Time) []model.Period {
	out := []model.Period{model.AllTime(), model.CalendarYear(today.Year() - 1), model.CalendarYear(today.Year())}
	for _, k := range []model.PeriodKind{model.PeriodThisMonth, model.PeriodLast12Months, model.PeriodYearToDate} {
		out = append(out, model.PeriodOf(k, today))
	}
	return out
}

// sumsAgree fails the test when the sums readSums reads over any of
// periods differ from those of the orders and costs themselves, for any
// customer or month.
func sumsAgree(t *testing.T, db *store.DB, periods []model.Period) {
	t.Helper()
	diffs, err := db.SumsDiffer(context.Background(), periods, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) > 0 {
		t.Error(strings.Join(diffs, "\n"))
	}
}

// factsAgree fails the test when FitFacts over any of periods, or
// ProfitBook's customers, differ from what the tables hold.
func factsAgree(t *testing.T, db *store.DB, periods []model.Period) {
	t.Helper()
	for _, p := range periods {
		diffs, err := db.FactsDiffer(context.Background(), p.From, p.To, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(diffs) > 0 {
			t.Errorf("%s:\n%s", p, strings.Join(diffs, "\n"))
		}
	}
}

// The kept months give every customer's figures to the penny over any
// period, named or custom, open or not, edges inside a month or past the
// records, before and after edits that move orders and costs around.
func TestKeptMonthsSumAsTheOrdersAndCosts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := demo.BenchNow
	if _, err := demo.Generate(ctx, db, demo.Options{Customers: 300, Seed: 7, Now: now}); err != nil {
		t.Fatal(err)
	}
	book, err := db.ProfitBook(ctx, model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(18, 1))
	periods := append(namedPeriods(now), randomPeriods(rng, book.FirstDay, book.LastDay, 40)...)
	sumsAgree(t, db, periods)
	factsAgree(t, db, periods[:3])

	// Orders and costs dated after today and before the first record make
	// the days past the records hold something; edits move some between
	// customers and months, as the sqlite3 shell might.
	for _, stmt := range []string{
		`INSERT INTO orders (customer_id, ordered_at, kind, lines_amount, lines_direct_cost, created_at)
			VALUES (1, '2026-11-28 10:00:00', 'sale', 1234, 100, 'x'), (NULL, '2026-11-30 23:59:59', 'refund', -500, -20, 'x'),
			(2, '2025-01-15 08:00:00', 'sale', 990, 10, 'x')`,
		`INSERT INTO costs (incurred_on, customer_id, category, amount, minutes, created_at)
			VALUES ('2026-11-29', 1, 'shipping', 77, NULL, 'x'), ('2026-12-01', 3, 'time', 5, 1, 'x')`,
		`UPDATE orders SET customer_id = 5 WHERE id IN (SELECT id FROM orders WHERE customer_id = 4 LIMIT 2)`,
		`UPDATE orders SET ordered_at = '2026-02-03 04:05:06' WHERE id IN (SELECT id FROM orders WHERE customer_id = 6 LIMIT 1)`,
		`UPDATE orders SET kind = 'refund', lines_amount = -lines_amount WHERE id IN (SELECT id FROM orders WHERE customer_id = 7 LIMIT 1)`,
		`UPDATE costs SET incurred_on = '2025-06-30' WHERE id IN (SELECT id FROM costs WHERE customer_id = 8 LIMIT 3)`,
		`UPDATE costs SET category = 'acquisition' WHERE id IN (SELECT id FROM costs WHERE customer_id = 9 LIMIT 1)`,
		`DELETE FROM orders WHERE id IN (SELECT id FROM orders WHERE customer_id = 10 LIMIT 2)`,
		`DELETE FROM costs WHERE customer_id = 11`,
		// What the cards copy.
		`UPDATE customers SET name = 'Zoë "Z" \ Quote', stage = 'former', country = 'Wales', tier = 1, fit = 2,
			referred_by = 3, ref = 'Z-1', acquisition_cost = 999 WHERE id = 12`,
		`UPDATE customers SET archived_at = '2026-11-01 10:00:00' WHERE id = 13`,
		`UPDATE customers SET last_touch_at = '2026-11-22 10:00:00' WHERE id = 14`,
		`INSERT INTO segments (name, created_at) VALUES ('aardvarks', 'x')`,
		`INSERT INTO customer_segments (customer_id, segment_id) SELECT 15, id FROM segments`,
		`DELETE FROM customer_segments WHERE customer_id = 16`,
		`UPDATE segments SET name = 'zebras' WHERE name = 'aardvarks'`,
		`INSERT INTO customer_values (customer_id, value) VALUES (17, 'zest'), (17, 'ardour')`,
		`DELETE FROM customer_values WHERE customer_id = 18`,
		`INSERT INTO feedback (received_on, customer_id, kind, score, created_at) VALUES ('2026-11-20', 19, 'nps', 3, 'x')`,
		`DELETE FROM feedback WHERE kind = 'nps' AND customer_id = 20`,
		`UPDATE feedback SET score = 0 WHERE kind = 'nps' AND customer_id = 21`,
		`INSERT INTO customers (name, created_at, updated_at) VALUES ('New', 'x', 'x')`,
	} {
		if err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	sumsAgree(t, db, periods)
	factsAgree(t, db, periods[:3])
	rep, err := store.Check(ctx, db.Path())
	if err != nil || rep.MonthsOff != 0 {
		t.Fatalf("check after the edits: %v\n%s", err, rep)
	}
}

// Every customer of the 100,000-customer benchmark book, over 20 random
// periods and the named ones, has the figures the orders and costs give
// (the acceptance test; about a minute, not with -short). In a
// working session's run (testsize) the book has 5,000 customers.
func TestKeptMonthsAt100000Customers(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the 100,000-customer book 50 times; not with -short")
	}
	t.Parallel()
	n := testsize.Pick(5000, 100000)
	t.Logf("the benchmark book of %d customers", n)
	db := openBenchBook(t, n)
	book, err := db.ProfitBookWithoutMonths(context.Background(), model.CalendarYear(1900))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(100000, 18))
	periods := append(namedPeriods(demo.BenchNow), randomPeriods(rng, book.FirstDay, book.LastDay, 20)...)
	sumsAgree(t, db, periods)
	factsAgree(t, db, periods[:2])
}
