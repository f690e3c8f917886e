package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"clientele/model"
)

// reviewFixture is a small book on fixedNow (23 Nov 2026) where each
// customer is due for one known reason, or for none.
func reviewFixture(t *testing.T) (*DB, map[string]int64) {
	t.Helper()
	db := openTest(t)
	ctx := context.Background()
	ids := map[string]int64{}
	add := func(c model.Customer) {
		t.Helper()
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
		ids[c.Name] = c.ID
	}
	add(model.Customer{Name: "Follow", Stage: model.StageCustomer, NextReview: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)})
	add(model.Customer{Name: "Regular", Stage: model.StageCustomer, Channel: model.ChannelEmail, Email: "reg@example.com",
		Values: []string{"quality", "speed"}})
	add(model.Customer{Name: "Quiet", Stage: model.StageCustomer})
	add(model.Customer{Name: "Whole", Stage: model.StageCustomer, Segments: []string{"Wholesale"}})
	add(model.Customer{Name: "Grumpy", Stage: model.StageCustomer})
	add(model.Customer{Name: "Newbie", Stage: model.StageCustomer})
	// Regular: 1 Aug, 31 Aug, 30 Sep — gap 30, last order 54 days ago.
	for _, at := range []string{"2026-08-01 10:00", "2026-08-31 10:00", "2026-09-30 10:00"} {
		addOrder(t, db, ids["Regular"], at, model.OrderSale, 1, 500)
	}
	addOrder(t, db, ids["Quiet"], "2026-11-01 10:00", model.OrderSale, 1, 500)
	addOrder(t, db, ids["Whole"], "2026-10-01 10:00", model.OrderSale, 1, 500)
	addOrder(t, db, ids["Newbie"], "2026-11-16 10:00", model.OrderSale, 1, 500)
	must := func(_ sql.Result, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.w.Exec("UPDATE segments SET cadence_days = 30 WHERE name = 'Wholesale'"))
	must(db.w.Exec(`INSERT INTO complaints (opened_on, customer_id, category, severity, what_went_wrong, created_at, updated_at)
		VALUES ('2026-11-18', ?, 'quality', 'high', 'cracked jar', '2026-11-18', '2026-11-18')`, ids["Grumpy"]))
	must(db.w.Exec(`INSERT INTO feedback (received_on, customer_id, kind, answer, score, created_at)
		VALUES ('2026-11-19', ?, 'nps', '', 4, '2026-11-19')`, ids["Grumpy"]))
	return db, ids
}

func TestReviewQueueFromTheStore(t *testing.T) {
	t.Parallel()
	db, ids := reviewFixture(t)
	ctx := context.Background()
	var c model.Customer
	if c, _ = db.Customer(ctx, ids["Regular"]); c.Orders != 3 {
		t.Fatalf("Regular has %d orders", c.Orders)
	}
	var gap sql.NullInt64
	if err := db.r.QueryRow("SELECT order_gap_days FROM customers WHERE id = ?", ids["Regular"]).Scan(&gap); err != nil || gap.Int64 != 30 {
		t.Fatalf("order gap %v, %v; want 30", gap, err)
	}
	q, err := db.Review(ctx, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var order []string
	for _, e := range q {
		got[e.Customer.Name] = e.Why()
		order = append(order, e.Customer.Name)
	}
	want := map[string]string{
		"Grumpy":  "high complaint open 5 days, target 2 days; detractor (NPS 4): feedback with no reply for 4 days",
		"Follow":  "follow-up was due 3 days ago (2026-11-20)",
		"Regular": "usually orders every 30 days; last order 54 days ago",
		"Whole":   "no contact for 53 days (Wholesale: every 30 days)",
		"Newbie":  "first order 7 days ago: say thank you",
	}
	for name, why := range want {
		if got[name] != why {
			t.Errorf("%s: %q, want %q", name, got[name], why)
		}
	}
	if len(q) != len(want) {
		t.Errorf("queue %v, want only %d entries", order, len(want))
	}
	if strings.Join(order, ",") != "Grumpy,Follow,Regular,Whole,Newbie" {
		t.Errorf("order %v", order)
	}
	for _, e := range q {
		if e.Customer.Name == "Regular" && (e.Customer.Contact() != "email reg@example.com" ||
			strings.Join(e.Customer.Values, ",") != "quality,speed") {
			t.Errorf("Regular's contact %q and values %v", e.Customer.Contact(), e.Customer.Values)
		}
	}
}

func TestTouchesSnoozesAndFollowUps(t *testing.T) {
	t.Parallel()
	db, ids := reviewFixture(t)
	ctx := context.Background()
	// A review done today keeps the entry, marked done.
	if err := db.AddTouch(ctx, &model.Touch{CustomerID: ids["Follow"], Kind: model.TouchReview}); err != nil {
		t.Fatal(err)
	}
	// A snooze today keeps the entry too, done; tomorrow it is hidden.
	until := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	if err := db.Snooze(ctx, ids["Regular"], until); err != nil {
		t.Fatal(err)
	}
	// A contact with a note.
	if err := db.AddTouch(ctx, &model.Touch{CustomerID: ids["Newbie"], Channel: model.ChannelEmail,
		Summary: "thanked for the first order"}); err != nil {
		t.Fatal(err)
	}
	q, err := db.Review(ctx, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	done := map[string]string{}
	for _, e := range q {
		if e.Done {
			done[e.Customer.Name] = e.Customer.HandledToday
		}
	}
	if len(q) != 5 || model.CountDone(q) != 3 || done["Regular"] != "Snoozed until 2026-11-30" ||
		done["Newbie"] != "thanked for the first order" || done["Follow"] == "" {
		t.Errorf("%d entries, done %v", len(q), done)
	}

	// Tomorrow: the touch answered the follow-up and the thank-you; the
	// snoozed customer is hidden.
	tomorrow, err := db.Review(ctx, fixedNow.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tomorrow {
		switch e.Customer.Name {
		case "Follow", "Newbie", "Regular":
			t.Errorf("%s still due tomorrow: %s", e.Customer.Name, e.Why())
		}
	}
	// After the snooze the reorder is due again: a snooze is not contact.
	later, _ := db.Review(ctx, until)
	found := false
	for _, e := range later {
		found = found || e.Customer.Name == "Regular"
	}
	if !found {
		t.Error("Regular did not come back after the snooze")
	}

	// Follow-ups set and cleared; missing customers are ErrNotFound.
	if err := db.SetFollowUp(ctx, ids["Quiet"], until); err != nil {
		t.Fatal(err)
	}
	c, _ := db.Customer(ctx, ids["Quiet"])
	if model.FormatDate(c.NextReview) != "2026-11-30" {
		t.Errorf("next review %v", c.NextReview)
	}
	if err := db.SetFollowUp(ctx, 9999, until); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing customer: %v", err)
	}
	if err := db.AddTouch(ctx, &model.Touch{CustomerID: ids["Quiet"], Channel: "fax"}); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("bad channel: %v", err)
	}

	// Touches are on the timeline.
	tl, err := db.Timeline(ctx, ids["Newbie"], 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(tl) != 2 || tl[0].Kind != model.TimelineTouch || tl[0].Summary != "email: thanked for the first order" {
		t.Errorf("timeline %+v", tl)
	}
}
