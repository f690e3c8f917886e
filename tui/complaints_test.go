package tui

import (
	"context"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
)

var ctrlS = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}

func TestComplaintScreenGolden(t *testing.T) {
	d := newDriver(t, feedbackFixtureStore(t), 80, 24)
	d.keys("5")
	golden.RequireEqual(t, d.screen())
}

func TestComplaintScreenWithoutColourSaysOverdueInWords(t *testing.T) {
	db := feedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.app.com.noColor = true
	d.send(tea.BackgroundColorMsg{})
	d.keys("5")
	mustContain(t, d.screen(), "1 OVERDUE", "OVERDUE 4/2d", "open, day 3/14")
}

func TestEveryComplaintCategoryAndTheLastFiveShowWhole(t *testing.T) {
	db := feedbackFixtureStore(t)
	for _, c := range model.ComplaintCategories {
		err := db.CreateComplaint(context.Background(), &model.Complaint{OpenedOn: testNow, Category: c,
			Severity: model.SeverityLow, WhatWentWrong: "about " + string(c)})
		if err != nil {
			t.Fatal(err)
		}
	}
	d := newDriver(t, db, 80, 30)
	d.keys("5")
	for _, c := range model.ComplaintCategories {
		mustContain(t, d.screen(), " "+string(c)+" ")
	}
	// The analysis above the list fits 80 columns too.
	mustContain(t, d.screen(), "0 of 5 have a prevention step · no cause repeated\n")
}

func TestOpenAndRemedyAComplaint(t *testing.T) {
	db := feedbackFixtureStore(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 24)
	d.keys("2", "down", "enter") // Ben Okafor; the app opens on Today
	mustContain(t, d.screen(), "Ben Okafor")
	d.keys("C")
	mustContain(t, d.screen(), "Complaint from Ben Okafor", "The complaint\n┃ What went wrong", "About the order")
	if n := strings.Count(d.screen(), "What went wrong"); n != 1 {
		t.Errorf("\"What went wrong\" shows %d times: the group and its first field", n)
	}
	// ctrl+s with nothing typed names the field and saves nothing.
	d.send(ctrlS)
	mustContain(t, d.screen(), "What went wrong  ✗ is required")
	d.keys("Gift box crushed in the post")
	d.send(ctrlS)
	mustContain(t, d.screen(), "Opened a complaint from Ben Okafor (quality, open).", "complaint quality · medium · open: Gift box crushed")

	rows, _ := db.ListComplaints(ctx)
	var c model.Complaint
	for _, r := range rows {
		if strings.HasPrefix(r.WhatWentWrong, "Gift box crushed") {
			c = r
		}
	}
	ben, _ := db.CustomerNamesByID(ctx, []int64{c.CustomerID})
	if c.ID == 0 || ben[c.CustomerID] != "Ben Okafor" || !c.OpenedOn.Equal(model.Day(testNow)) || c.Status != model.ComplaintOpen {
		t.Fatalf("opened %+v", c)
	}

	// Remedy it from the Complaints screen: it is open, day 0 of 7, so
	// it comes after the overdue one.
	d.keys("5", "down")
	mustContain(t, d.screen(), "▸ 2026-11-23 Ben Okafor")
	d.keys("enter")
	mustContain(t, d.screen(), sprintf("Complaint #%d from Ben Okafor", c.ID))
	for range 6 { // through "What went wrong"
		d.keys("enter")
	}
	mustContain(t, d.screen(), "Making it right")
	d.keys("Sent a new gift box", "enter", "12,5O", "enter", "right", "enter", "enter", "right", "enter", "enter")
	mustContain(t, d.screen(), "So it does not happen again")
	d.keys("Double-box gift sets", "enter", "Happy", "enter", "enter")
	// The bad amount sends the form back to it, with everything kept.
	mustContain(t, d.screen(), `Remedy cost (a cost to serve)  ✗ amount "12,5O"`, "12,5O", "Making it right")
	for range 5 {
		d.keys("backspace")
	}
	d.keys("12.50")
	d.send(ctrlS)
	mustContain(t, d.screen(), "Saved the complaint from Ben Okafor (quality, remedied).", "remedied in 0d")

	got, err := db.Complaint(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Remedy != "Sent a new gift box" || got.RemedyCost != 1250 || !got.Guarantee ||
		!got.HonouredOn.Equal(model.Day(testNow)) || !got.RemediedOn.Equal(model.Day(testNow)) ||
		got.Prevention != "Double-box gift sets" || got.Outcome != "Happy" || got.Status != model.ComplaintRemedied {
		t.Errorf("remedied %+v", got)
	}
	// The remedy cost is a cost row of category remedy, dated the remedy
	// day, which the store sums back per complaint and per customer.
	per, _ := db.ComplaintsPerCustomer(ctx, model.Period{From: model.Day(testNow), To: model.Day(testNow)})
	if per[got.CustomerID].RemedyCost != 1250 {
		t.Errorf("per customer %+v", per)
	}
	// The guarantee honoured today counts in the 12-month figures.
	mustContain(t, d.screen(), "honoured in 1 day on average (2 in the last 12 months)")
}

func TestComplaintFormOpensFromTheListAndTheScreen(t *testing.T) {
	db := feedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("2", "C") // Ada, the first in the list
	mustContain(t, d.screen(), "Complaint from Ada Lovelace")
	d.keys("esc")
	mustContain(t, d.screen(), "Customers")
	d.keys("5", "a")
	mustContain(t, d.screen(), "New complaint")
	d.keys("Stall ran out of soap", "enter", "right", "right", "enter", "enter", "Nobody Known")
	d.send(ctrlS)
	mustContain(t, d.screen(), `no customer is called "Nobody Known"`, "Stall ran out of soap")
	for range len("Nobody Known") {
		d.keys("backspace")
	}
	d.send(ctrlS)
	mustContain(t, d.screen(), "Opened a complaint (communication, open).", "communication med  open, day 0/7   Stall ran out of")
	d.keys("o") // the cursor is on an open complaint with a customer
	mustContain(t, d.screen(), "李雷")
}

func TestComplaintNamesAreReadAsTheListScrolls(t *testing.T) {
	db := feedbackFixtureStore(t)
	ctx := context.Background()
	rows, _, err := db.ListCustomers(ctx, model.CustomerQuery{Filter: "customer 19"})
	if err != nil || len(rows) != 1 {
		t.Fatal(rows, err)
	}
	// 300 old closed complaints by one customer, then one by Customer 19:
	// the oldest closed comes last.
	for i := range 300 {
		c := model.Complaint{OpenedOn: mustDay(t, "2026-06-01"), CustomerID: rows[0].ID - 1, Category: model.ComplaintOther,
			WhatWentWrong: sprintf("Filler %d", i), Remedy: "x", Status: model.ComplaintClosed, ClosedOn: mustDay(t, "2026-06-02")}
		if err := db.CreateComplaint(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	last := model.Complaint{OpenedOn: mustDay(t, "2025-01-01"), CustomerID: rows[0].ID, Category: model.ComplaintOther,
		WhatWentWrong: "The very first", Remedy: "x", Status: model.ComplaintClosed, ClosedOn: mustDay(t, "2025-01-02")}
	if err := db.CreateComplaint(ctx, &last); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.keys("5")
	if strings.Contains(d.screen(), "Customer 19") {
		t.Fatal("the last row's name was read before it was near the screen")
	}
	d.keys("end")
	mustContain(t, d.screen(), "▸ 2025-01-01 Customer 19", "The very first")
	if strings.Contains(d.screen(), "…  ") {
		t.Errorf("names still missing:\n%s", d.screen())
	}
}

// sgr matches the styling the program itself emits.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

func TestHostileTextStaysVisibleOnFeedbackAndComplaints(t *testing.T) {
	db := feedbackFixtureStore(t)
	ctx := context.Background()
	evil := model.Customer{Name: "Eve\x1b]0;pwned\x07\x1b[2J", Stage: model.StageCustomer, Channel: model.ChannelEmail}
	if err := db.CreateCustomer(ctx, &evil); err != nil {
		t.Fatal(err)
	}
	for _, f := range []model.Feedback{
		{On: mustDay(t, "2026-11-22"), CustomerID: evil.ID, Kind: model.FeedbackNPS, Score: 10, HasScore: true,
			Answer: "great\x1b[31m\r\x08", Question: "Q\x1b]52;c;aGk=\x07"},
		{On: mustDay(t, "2026-11-22"), CustomerID: evil.ID, Kind: model.FeedbackWish, Answer: "gift \u202ewrap\x1b[1m",
			Theme: "T\x1b[5m"},
	} {
		if err := db.CreateFeedback(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	c := model.Complaint{OpenedOn: mustDay(t, "2026-11-22"), CustomerID: evil.ID, Category: model.ComplaintOther,
		Severity: model.SeverityHigh, WhatWentWrong: "broke\x1b[?1049l", Remedy: "r\x07", Prevention: "p\x1b",
		Status: model.ComplaintRemedied}
	if err := db.CreateComplaint(ctx, &c); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 100, 30)
	check := func(where string) {
		t.Helper()
		out := sgr.ReplaceAllString(d.app.render(), "")
		for i := 0; i < len(out); i++ {
			if b := out[i]; (b < 0x20 && b != '\n') || b == 0x7f {
				t.Fatalf("%s: control byte %#x reaches the terminal at %d:\n%q", where, b, i, out)
			}
		}
	}
	d.keys("4")
	check("log")
	d.keys("v")
	check("NPS view")
	d.keys("v", "enter")
	check("wishlist")
	d.keys("5")
	check("complaints")
	d.keys("home", "enter")
	check("complaint form")
	d.keys("esc", "2", "/", "pwned", "enter", "f")
	check("feedback form, kind")
	d.keys("9")
	check("feedback form")
	mustContain(t, d.screen(), "Eve␛]0;pwned␇")
}

func TestEditingAComplaintKeepsStoredTextItDidNotTouch(t *testing.T) {
	db := feedbackFixtureStore(t)
	ctx := context.Background()
	c := model.Complaint{OpenedOn: mustDay(t, "2026-11-22"), Category: model.ComplaintOther, Severity: model.SeverityHigh,
		WhatWentWrong: "smashed\x1b[31m jar", Remedy: "line one\nline two", Status: model.ComplaintRemedied,
		Prevention: "pack\u202e better"}
	if err := db.CreateComplaint(ctx, &c); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.keys("5")
	for range 10 {
		if strings.Contains(cursorRow(d.screen()), "smashed") {
			break
		}
		d.keys("down")
	}
	d.keys("enter")
	mustContain(t, d.screen(), "smashed␛[31m jar")
	d.keys("tab", "right") // category: other → quality
	d.send(ctrlS)
	mustContain(t, d.screen(), "Saved the complaint (quality, remedied).")
	got, _ := db.Complaint(ctx, c.ID)
	if got.Category != model.ComplaintQuality || got.WhatWentWrong != c.WhatWentWrong || got.Remedy != c.Remedy ||
		got.Prevention != c.Prevention {
		t.Errorf("after changing only the category: %+v", got)
	}
}
