package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
	"clientele/tui/tuitest"
)

// The keystroke budgets of the daily jobs (issue 16): each test drives
// the real app with exactly the keys a person would press, counts them,
// and checks the store. Text typed into a field is not counted (the
// budgets count keys, not letters); every other step is one key.

// typed marks a step as text typed into a field.
const typed = "\x00"

// budget presses steps (a step starting with typed is text, any other one
// key by name or as its one character), then fails when more than max keys
// were pressed. It returns how many were.
func budget(t *testing.T, d *driver, max int, steps ...string) int {
	t.Helper()
	keys := 0
	for _, s := range steps {
		if text, ok := strings.CutPrefix(s, typed); ok {
			d.Keys(text)
			continue
		}
		if _, named := tuitest.NamedKeys[s]; !named && len([]rune(s)) != 1 {
			t.Fatalf("step %q is neither a key nor typed text", s)
		}
		d.Keys(s)
		keys++
	}
	if keys > max {
		t.Errorf("%d keys; the budget is %d", keys, max)
	}
	t.Logf("%d keys (budget %d)", keys, max)
	return keys
}

func text(s string) string { return typed + s }

func customerByName(t *testing.T, db *store.DB, name string) model.Customer {
	t.Helper()
	c, err := db.Customer(context.Background(), tuitest.IDs(t, db)[name])
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Add a customer with email and preferred channel (≤ 6 keys), the new
// customer selected, then record their first order.
func TestBudgetAddACustomerThenTheirFirstOrder(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("2")
	budget(t, d, 6, "a", text("Quinn Harper"), "enter", text("quinn@example.com"), "enter", "right", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Added Quinn Harper.")
	if row := tuitest.CursorRow(d.Screen()); !strings.Contains(row, "Quinn Harper") {
		t.Fatalf("the cursor is on %q, not the new customer", row)
	}
	// The order: an item, its price, saved.
	budget(t, d, 4, "o", text("Gift wrap"), "tab", "tab", text("5.00"), "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved an order of £5.00 for Quinn Harper.")
	c := customerByName(t, db, "Quinn Harper")
	if c.Email != "quinn@example.com" || c.Channel != model.ChannelEmail || c.Orders != 1 || c.Revenue != 500 {
		t.Errorf("stored %q %q, %d orders, %d revenue", c.Email, c.Channel, c.Orders, c.Revenue)
	}
}

// Rate a customer's fit: ≤ 3 keys on the list, the detail and the
// Unscored view.
func TestBudgetRateFit(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	ids := tuitest.IDs(t, db)
	// Chloé and Customer 00 buy this month with no fit: they are unscored.
	err := db.Load(ctx, func(l *store.Loader) error {
		for _, name := range []string{"Chloé Martin", "Customer 00", "Customer 01"} {
			o := model.Order{CustomerID: ids[name], OrderedAt: tuitest.Now.Add(-48 * time.Hour), Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Gift box", 1, 3500, 1400)}}
			if err := l.Order(&o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 100, 30)
	d.Keys("2", "down", "down") // Chloé on the list
	budget(t, d, 3, "*", "4")
	tuitest.MustContain(t, d.Screen(), "Rated Chloé Martin's fit 4 of 5.")
	d.Keys("down", "enter") // Customer 00's detail
	budget(t, d, 3, "*", "2")
	tuitest.MustContain(t, d.Screen(), "Rated Customer 00's fit 2 of 5.")
	d.Keys("3")
	for range 6 {
		if strings.Contains(d.Screen(), "Unscored") && strings.Contains(tuitest.CursorRow(d.Screen()), "Customer 01") {
			break
		}
		d.Keys("v")
	}
	tuitest.MustContain(t, tuitest.CursorRow(d.Screen()), "Customer 01")
	budget(t, d, 3, "*", "5")
	tuitest.MustContain(t, d.Screen(), "Rated Customer 01's fit 5 of 5.")
	for name, want := range map[string]int{"Chloé Martin": 4, "Customer 00": 2, "Customer 01": 5} {
		if got := customerByName(t, db, name).Fit; got != want {
			t.Errorf("%s's fit is %d; want %d", name, got, want)
		}
	}
}

// Change the business name and the hourly rate: ≤ 6 keys.
func TestBudgetBusinessNameAndHourlyRate(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 80, 24)
	budget(t, d, 6, ",", "e", "ctrl+u", text("Hearth & Lye"), "enter", "ctrl+u", text("31.50"), "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Settings saved.")
	s, err := db.Settings(context.Background())
	if err != nil || s.BusinessName != "Hearth & Lye" || s.HourlyRate != 3150 {
		t.Errorf("stored %q %d, %v", s.BusinessName, s.HourlyRate, err)
	}
}

// A cost to serve of 30 minutes of time: ≤ 6 keys.
func TestBudgetThirtyMinutesOfTime(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("2") // Ada, first on the list
	budget(t, d, 6, "c", "enter", text("30"), "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved a time cost of £12.50 for Ada Lovelace.") // at £25 an hour
	entries, err := db.Timeline(context.Background(), tuitest.IDs(t, db)["Ada Lovelace"], 1)
	if err != nil || len(entries) != 1 || entries[0].Kind != model.TimelineCost || !strings.Contains(entries[0].Summary, "30 min") {
		t.Errorf("the newest entry: %+v, %v", entries, err)
	}
}

// A complaint with a remedy, closed: ≤ 10 keys.
func TestBudgetAComplaintRemediedAndClosed(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("2") // Ada
	budget(t, d, 10, "C", text("Soap cracked in the post"), "enter", text("Sent two new bars"), "enter", "right", "right",
		"ctrl+s")
	tuitest.MustContain(t, d.Screen(), "(quality, closed)")
	cs, err := db.ListComplaints(context.Background())
	if err != nil || len(cs) != 1 {
		t.Fatalf("complaints %+v, %v", cs, err)
	}
	c, err := db.Complaint(context.Background(), cs[0].ID) // the list leaves the remedy out
	if err != nil {
		t.Fatal(err)
	}
	if c.WhatWentWrong != "Soap cracked in the post" || c.Remedy != "Sent two new bars" || c.Status != model.ComplaintClosed ||
		!c.ClosedOn.Equal(model.Day(tuitest.Now)) || c.CustomerID != tuitest.IDs(t, db)["Ada Lovelace"] {
		t.Errorf("stored %+v", c)
	}
}

// A contact logged and a follow-up set from Today: ≤ 5 keys.
func TestBudgetAContactAndAFollowUpFromToday(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	ada := tuitest.IDs(t, db)["Ada Lovelace"]
	if err := db.SetFollowUp(ctx, ada, tuitest.MustDay(t, "2026-11-22")); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	tuitest.MustContain(t, tuitest.CursorRow(d.Screen()), "Ada Lovelace") // Today, the one due
	budget(t, d, 5, "n", text("called about the spring order"), "ctrl+s", "F", "enter")
	tuitest.MustContain(t, d.Screen(), "Next follow-up with Ada Lovelace: 2026-11-30.")
	c, err := db.Customer(ctx, ada)
	if err != nil || !c.NextReview.Equal(model.AddDays(tuitest.Now, 7)) {
		t.Errorf("next follow-up %v, %v", c.NextReview, err)
	}
	entries, err := db.Timeline(ctx, ada, 1)
	if err != nil || len(entries) != 1 || entries[0].Kind != model.TimelineTouch ||
		!strings.Contains(entries[0].Summary, "called about the spring order") {
		t.Errorf("the newest entry: %+v, %v", entries, err)
	}
}
