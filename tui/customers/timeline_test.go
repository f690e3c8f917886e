package customers_test

import (
	"context"
	"strings"
	"testing"

	"clientele/model"
	"clientele/store"
	"clientele/tui/tuitest"
)

// adasEntries gives Ada Lovelace one entry of every kind besides her
// orders, on days that put them first in her timeline, newest first:
// feedback, a contact, a cost, a complaint, then her refund and orders.
func adasEntries(t *testing.T, db *store.DB) (ada int64, fb, touch, cost, complaint int64) {
	t.Helper()
	ctx := context.Background()
	ada = customerNamed(t, db, "Ada Lovelace").ID
	f := model.Feedback{CustomerID: ada, On: tuitest.MustDay(t, "2026-11-22"), Kind: model.FeedbackNPS, Score: 6,
		HasScore: true, Question: model.NPSQuestion, Status: model.FeedbackNew}
	to := model.Touch{CustomerID: ada, At: tuitest.MustDay(t, "2026-11-21"), Kind: model.TouchContact,
		Channel: model.ChannelPhone, Summary: "called about soap"}
	c := model.Cost{CustomerID: ada, On: tuitest.MustDay(t, "2026-11-20"), Category: model.CostShipping, Amount: 300,
		Note: "courier"}
	co := model.Complaint{CustomerID: ada, OpenedOn: tuitest.MustDay(t, "2026-11-19"), WhatWentWrong: "lid cracked",
		Category: model.ComplaintQuality, Severity: model.SeverityLow, Status: model.ComplaintOpen}
	for _, err := range []error{db.CreateFeedback(ctx, &f), db.AddTouch(ctx, &to), db.CreateCost(ctx, &c),
		db.CreateComplaint(ctx, &co)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return ada, f.ID, to.ID, c.ID, co.ID
}

// cursorOn moves the detail's cursor to the newest entry (t), then down
// until it is on the entry whose line holds text.
func cursorOn(t *testing.T, d *tuitest.Driver, text string) {
	t.Helper()
	d.Keys("t")
	for range 30 {
		if strings.Contains(tuitest.CursorRow(d.Screen()), text) {
			return
		}
		d.Keys("j")
	}
	t.Fatalf("the cursor never reached %q:\n%s", text, d.Screen())
}

// On the detail, t takes the cursor into the timeline and e corrects the
// entry under it, in its own form filled with it: feedback, a contact, a
// cost, a complaint and an order, each saved to the store where it was.
func TestTheTimelineEditsTheEntryUnderTheCursor(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	ada, fb, touch, cost, complaint := adasEntries(t, db)
	d := newDriver(t, db, 80, 24)
	d.Keys("2", "/", "Ada", "enter", "enter", "t")
	tuitest.MustContain(t, tuitest.CursorRow(d.Screen()), "feedback")

	// Feedback: the NPS 6 was a 9.
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "Edit feedback from Ada Lovelace")
	d.Keys("backspace", "9", "enter")
	tuitest.MustContain(t, d.Screen(), "Corrected the feedback: now NPS 9 from Ada Lovelace.")
	if f, err := db.Feedback(ctx, fb); err != nil || f.Score != 9 || f.Question != model.NPSQuestion {
		t.Errorf("feedback after the edit: %+v, %v", f, err)
	}

	// The contact: what happened, and its day.
	cursorOn(t, d, "called about soap")
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "Edit a contact with Ada Lovelace", "2026-11-21")
	d.Keys("tab", "ctrl+u", "emailed about soap", "enter", "ctrl+u", "2026-11-20", "enter")
	tuitest.MustContain(t, d.Screen(), "Corrected the contact with Ada Lovelace.")
	if to, err := db.Touch(ctx, touch); err != nil || to.Summary != "emailed about soap" ||
		model.FormatDate(to.At) != "2026-11-20" || to.Channel != model.ChannelPhone {
		t.Errorf("contact after the edit: %+v, %v", to, err)
	}

	// The cost: 3.00 was 4.50.
	cursorOn(t, d, "courier")
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "Edit cost · Ada Lovelace", "courier")
	d.Keys("tab", "tab", "ctrl+u", "4.50", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Corrected the cost: now £4.50 (shipping).")
	if c, err := db.Cost(ctx, cost); err != nil || c.Amount != 450 || c.Note != "courier" || c.CustomerID != ada {
		t.Errorf("cost after the edit: %+v, %v", c, err)
	}

	// The complaint, in the complaints' own form.
	cursorOn(t, d, "lid cracked")
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "Complaint #")
	d.Keys("ctrl+u", "lid cracked in the post", "ctrl+s")
	if c, err := db.Complaint(ctx, complaint); err != nil || c.WhatWentWrong != "lid cracked in the post" {
		t.Errorf("complaint after the edit: %+v, %v", c, err)
	}

	// The order of 2026-10-01: 30 soaps were 32; its unit cost stays.
	cursorOn(t, d, "Lavender soap ×30")
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "Edit order · Ada Lovelace", "Lavender soap")
	d.Keys("tab", "backspace", "backspace", "32", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Corrected the order: now £144.00 for Ada Lovelace.")
	tl, err := db.Timeline(ctx, ada, 50)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range tl {
		if e.Kind != model.TimelineOrder || model.FormatDate(e.At) != "2026-10-01" {
			continue
		}
		found = true
		o, err := db.Order(ctx, e.ID)
		if err != nil || len(o.Lines) != 1 || o.Lines[0].Quantity != 32 || o.Lines[0].UnitCost != 120 ||
			o.OrderedAt.Hour() != 10 {
			t.Errorf("order after the edit: %+v, %v", o, err)
		}
	}
	if !found {
		t.Errorf("the order of 2026-10-01 is gone: %+v", tl)
	}
	// The cursor stayed on the entry it edited.
	tuitest.MustContain(t, tuitest.CursorRow(d.Screen()), "Lavender soap ×32")
}

// x voids the entry under the cursor with the reason typed; the entry
// stays, struck, saying "void" and why, and leaves the figures; X hides
// and shows the voided; x on a voided entry restores it; u undoes.
func TestTheTimelineVoidsRestoresAndHidesEntries(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	ada, _, _, cost, _ := adasEntries(t, db)
	voided := func() model.Void {
		t.Helper()
		c, err := db.Cost(ctx, cost)
		if err != nil {
			t.Fatal(err)
		}
		return c.Void
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("2", "/", "Ada", "enter", "enter", "t")
	cursorOn(t, d, "courier")
	d.Keys("x")
	tuitest.MustContain(t, d.Screen(), "Void the cost of 2026-11-20", "Reason")
	d.Keys("entered twice", "enter")
	tuitest.MustContain(t, d.Screen(), "Voided the cost of 2026-11-20")
	if v := voided(); !v.Voided() || v.VoidReason != "entered twice" {
		t.Fatalf("the cost after x: %+v", v)
	}
	row := tuitest.CursorRow(d.Screen())
	tuitest.MustContain(t, row, "courier · voided 2026-11-23: ent", "void")
	tuitest.MustContain(t, d.Screen(), "1 voided, struck")
	profit := func() model.Money {
		t.Helper()
		fs, err := db.CustomerProfit(ctx, ada, model.AllTime(), model.AllTime())
		if err != nil {
			t.Fatal(err)
		}
		return fs[0].CostToServe
	}
	if c := profit(); c != 0 {
		t.Errorf("the voided cost still counts: cost to serve %d", c)
	}

	// X hides the voided entries, and shows them again.
	d.Keys("X")
	tuitest.MustLack(t, d.Screen(), "courier")
	tuitest.MustContain(t, d.Screen(), "voided entries hidden")
	d.Keys("X")
	tuitest.MustContain(t, d.Screen(), "courier")

	// x on it restores it; u takes the restore back.
	cursorOn(t, d, "courier")
	tuitest.MustContain(t, d.Screen(), "x restore")
	d.Keys("x")
	tuitest.MustContain(t, d.Screen(), "Restored the cost of 2026-11-20")
	if v := voided(); v.Voided() {
		t.Fatalf("the cost after a restore: %+v", v)
	}
	if c := profit(); c != 300 {
		t.Errorf("the restored cost counts %d, want 300", c)
	}
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Undone: restored")
	if v := voided(); !v.Voided() {
		t.Fatalf("the cost after u: %+v", v)
	}
	// A voided entry is restored before it is edited.
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "The cost is voided: x restores it, then e edits it.")
}
