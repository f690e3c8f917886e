package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
	"clientele/store/testsize"
)

// reviewNow is "today" in the daily review's fixtures.
var reviewNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// dailyFixture is a demo business of n customers made on reviewNow, with
// what the demo leaves out added so that every rule and every path of the
// build is met: customers handled today (a call, a review done, a snooze),
// snoozes from earlier days, a touch dated tomorrow, archived customers,
// follow-ups falling on the same days, occasions, reminders that repeat,
// payments overdue, and the customers' cadence on.
func dailyFixture(t *testing.T, n int) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "daily.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := demo.Generate(ctx, db, demo.Options{Customers: n, Seed: 11, Now: reviewNow}); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return reviewNow }
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.CustomerDays, s.FormerDays = 120, 90
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	names, err := db.CustomerNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	day := func(n int) time.Time { return model.AddDays(reviewNow, n) }
	for i, c := range names {
		var err error
		switch i % 23 {
		case 1:
			err = db.AddTouch(ctx, &model.Touch{CustomerID: c.ID, Summary: "called today"})
		case 2:
			err = db.AddTouch(ctx, &model.Touch{CustomerID: c.ID, Kind: model.TouchReview, Summary: "review done: test"})
		case 3:
			err = db.Snooze(ctx, c.ID, day(7))
		case 4:
			err = db.Exec("UPDATE customers SET snoozed_until = ? WHERE id = ?", model.FormatDate(day(3)), c.ID)
		case 5:
			err = db.Exec("UPDATE customers SET snoozed_until = ? WHERE id = ?", model.FormatDate(day(-3)), c.ID)
		case 6:
			err = db.ArchiveCustomer(ctx, c.ID)
		case 7, 8, 9:
			err = db.SetFollowUp(ctx, c.ID, day(-(i%4)*5))
		case 10:
			err = db.AddTouch(ctx, &model.Touch{CustomerID: c.ID, At: day(1).Add(9 * time.Hour), Summary: "dated tomorrow"})
		case 11:
			err = db.AddTouch(ctx, &model.Touch{CustomerID: c.ID, At: day(-40).Add(9 * time.Hour), Summary: "a while ago"})
		case 14, 15, 16:
			// A first order a week or two ago: a thank-you, or not yet one.
			if cu, _ := db.Customer(ctx, c.ID); cu.Orders == 0 {
				o := model.Order{CustomerID: c.ID, OrderedAt: day(-6 - i%9).Add(11 * time.Hour), Kind: model.OrderSale,
					Lines: []model.OrderLine{model.NewLine("Gift box", 1, 3500, 1400)}}
				err = db.CreateOrder(ctx, &o)
			}
		case 17:
			// An occasion in the next days, some on the same day.
			err = db.SaveOccasion(ctx, &model.Occasion{CustomerID: c.ID, Kind: model.OccasionOther,
				Name: "Shop anniversary", Month: day(i % 9).Month(), Day: day(i % 9).Day(), Yearly: true})
		case 18:
			// An order billed for later, its payment due some days ago.
			o := model.Order{CustomerID: c.ID, OrderedAt: day(-40).Add(11 * time.Hour), Kind: model.OrderSale,
				PaymentDue: day(-(i%5)*3 - 1), Lines: []model.OrderLine{model.NewLine("Trade case", 1, 9000, 4000)}}
			err = db.CreateOrder(ctx, &o)
		case 19:
			// A reminder every week or month, from a month or two ago.
			unit := model.RepeatWeek
			if i%2 == 0 {
				unit = model.RepeatMonth
			}
			err = db.SaveReminder(ctx, &model.Reminder{CustomerID: c.ID, Start: day(-30 - i%40), Unit: unit, Every: 1 + i%3,
				Note: "Check in"})
		case 12, 13:
			// A detractor's answer nobody replied to, some on the same day.
			err = db.Exec(`INSERT INTO feedback (received_on, customer_id, kind, score, status, created_at)
				VALUES (?, ?, 'nps', ?, 'new', ?)`, model.FormatDate(day(-(i%3)*4)), c.ID, i%7, model.FormatDate(reviewNow))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	// A third of the advocates in the wholesale segment, whose 30 days are
	// shorter than the advocates' 60.
	if err := db.Exec(`INSERT OR IGNORE INTO customer_segments (customer_id, segment_id)
		SELECT c.id, s.id FROM customers c, segments s WHERE c.stage = 'advocate' AND c.id % 3 = 0
		AND s.name = 'wholesale'`); err != nil {
		t.Fatal(err)
	}
	// New customers whose first orders fall over the last three weeks,
	// some thanked already: the thank-you's stream.
	for i := range 40 {
		c := model.Customer{Name: fmt.Sprintf("Newcomer %02d", i), Stage: model.StageCustomer}
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
		first := -(i * 7) % 20 // ids and days in no particular order
		o := model.Order{CustomerID: c.ID, OrderedAt: day(first).Add(11 * time.Hour), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Gift box", 1, 3500, 1400)}}
		if err := db.CreateOrder(ctx, &o); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			if err := db.AddTouch(ctx, &model.Touch{CustomerID: c.ID, At: day(first + 2), Summary: "thanked"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return db
}

// wholeQueue is the review queue by the rules alone: every customer's
// inputs read, none narrowed by an index.
func wholeQueue(t *testing.T, db *store.DB, today time.Time) []model.ReviewEntry {
	t.Helper()
	ctx := context.Background()
	names, err := db.CustomerNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(names))
	for i, n := range names {
		ids[i] = n.ID
	}
	cs, err := db.ReviewInputs(ctx, today, ids)
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return model.ReviewQueue(cs, s, today)
}

// entryLines writes entries one a line: id, done, reasons.
func entryLines(es []model.ReviewEntry) string {
	var b strings.Builder
	for i, e := range es {
		fmt.Fprintf(&b, "%3d #%d %q done=%v: %s\n", i+1, e.Customer.ID, e.Customer.Name, e.Done, e.Why())
	}
	return b.String()
}

// quieten answers the complaints, the feedback and the follow-ups, so that
// the queue starts with the later reasons and their streams are walked by
// short lists too.
func quieten(t *testing.T, db *store.DB) {
	t.Helper()
	for _, q := range []string{"UPDATE complaints SET status = 'closed'", "UPDATE feedback SET status = 'replied'",
		"DELETE FROM reminders", "DELETE FROM occasions",
		"UPDATE orders SET paid_on = payment_due_on WHERE payment_due_on IS NOT NULL AND paid_on IS NULL"} {
		if err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// The daily list is the first entries of the whole queue, at every size,
// on days that meet every rule, whether the build reads on to count the
// backlog or stops as soon as it can (no look-ahead, pages of one); the
// whole queue Review reads through its candidate query is the rules' queue
// too. The quiet book has no complaint, feedback or follow-up due, so its
// short lists walk the later streams.
func TestDailyReviewIsTheQueuesFirstEntries(t *testing.T) {
	// 400 customers at full size (testsize), 200 in a working session's run.
	db := dailyFixture(t, testsize.Pick(200, 400))
	ctx := context.Background()
	kinds := map[model.ReasonKind]int{}
	for _, book := range []string{"busy", "quiet"} {
		if book == "quiet" {
			quieten(t, db)
		}
		for _, offset := range []int{0, 6, 30} {
			today := model.AddDays(reviewNow, offset).Add(8 * time.Hour)
			whole := wholeQueue(t, db, today)
			for _, e := range whole {
				kinds[e.Reasons[0].Kind]++
			}
			if got, err := db.Review(ctx, today); err != nil {
				t.Fatal(err)
			} else if entryLines(got) != entryLines(whole) {
				t.Errorf("%s book, day %+d: Review differs from the rules' queue:\n%s\nwant\n%s", book, offset,
					entryLines(got), entryLines(whole))
			}
			for _, c := range []struct{ lookahead, page int }{{0, 1}, {3, 4}, {10000, 32}} {
				lookahead := c.lookahead
				restore := store.SetReviewLookahead(lookahead)
				restorePages := store.SetReviewPages(c.page, c.page)
				for limit := 1; limit <= len(whole)+1; limit += 1 + limit/5 {
					r, err := db.DailyReview(ctx, today, limit)
					if err != nil {
						t.Fatal(err)
					}
					want := whole[:min(limit, len(whole))]
					if entryLines(r.Entries) != entryLines(want) {
						t.Fatalf("%s book, day %+d, %d entries, look-ahead %d:\n%s\nwant\n%s", book, offset, limit,
							lookahead, entryLines(r.Entries), entryLines(want))
					}
					backlog := len(whole) - len(want)
					switch {
					case r.MoreExact && r.More != backlog,
						!r.MoreExact && (r.More > backlog || r.More < lookahead),
						lookahead == 10000 && !r.MoreExact:
						t.Errorf("%s book, day %+d, %d entries, look-ahead %d: %d more (exact %v), want %d", book, offset,
							limit, lookahead, r.More, r.MoreExact, backlog)
					}
				}
				restore()
				restorePages()
			}
		}
	}
	for k := model.ReasonComplaint; k <= model.ReasonFormer; k++ {
		if kinds[k] < 5 {
			t.Errorf("%d entries led by %s: the fixture hardly tests its stream", kinds[k], k)
		}
	}
	t.Logf("entries by their first reason over the days: %v", kinds)
}

// With a short look-ahead the build stops early: the list is still the
// queue's first entries, and the count says "at least".
func TestDailyReviewStopsEarlyAndCountsAtLeast(t *testing.T) {
	db := dailyFixture(t, 400)
	ctx := context.Background()
	defer store.SetReviewLookahead(5)()
	whole := wholeQueue(t, db, reviewNow)
	for _, limit := range []int{1, 10, 40} {
		r, err := db.DailyReview(ctx, reviewNow, limit)
		if err != nil {
			t.Fatal(err)
		}
		if entryLines(r.Entries) != entryLines(whole[:limit]) {
			t.Fatalf("%d entries:\n%s\nwant\n%s", limit, entryLines(r.Entries), entryLines(whole[:limit]))
		}
		if r.MoreExact || r.More <= 5 || r.More > len(whole)-limit {
			t.Errorf("%d entries: %d more (exact %v); want at least 6 and at most %d, not exact", limit, r.More,
				r.MoreExact, len(whole)-limit)
		}
	}
}

// The default size is the settings' ReviewSize.
func TestDailyReviewSizeFromTheSettings(t *testing.T) {
	t.Parallel()
	db := dailyFixture(t, 200)
	ctx := context.Background()
	s, _ := db.Settings(ctx)
	s.ReviewSize = 4
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	r, err := db.DailyReview(ctx, reviewNow, 0)
	if err != nil {
		t.Fatal(err)
	}
	if whole := wholeQueue(t, db, reviewNow); len(r.Entries) != 4 || r.More != len(whole)-4 {
		t.Errorf("%d entries and %d more; want 4 and %d", len(r.Entries), r.More, len(whole)-4)
	}
}
