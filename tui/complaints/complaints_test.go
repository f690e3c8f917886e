package complaints_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
	"clientele/tui"
	"clientele/tui/tuitest"
)

var ctrlS = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}

func TestComplaintScreenGolden(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FeedbackFixtureStore(t), 80, 24)
	d.Keys("5")
	golden.RequireEqual(t, d.Screen())
}

func TestComplaintScreenWithoutColourSaysOverdueInWords(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	d := tuitest.Start(t, tui.New(db, tui.Options{Now: tuitest.Clock, NoColor: true}), 80, 24)
	d.Send(tea.BackgroundColorMsg{})
	d.Keys("5")
	tuitest.MustContain(t, d.Screen(), "2 open of 4, 1 overdue", "2 days overdue", "day 3 of 14")
	tuitest.MustLack(t, d.Screen(), "OVERDUE", "4/2d")
}

// "Open cases 2 open" headed a list of every complaint: the line counts
// against what is listed, and v lists the open ones alone (and back).
func TestVListsOnlyTheOpenComplaints(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FeedbackFixtureStore(t), 80, 24)
	d.Keys("5")
	tuitest.MustContain(t, d.Screen(), "Open cases  2 open of 4, 1 overdue", "Dev Patel", "Ada Lovelace", "1 of 4", "o customer • M message • v open only")
	d.Keys("v")
	tuitest.MustContain(t, d.Screen(), "Only the open complaints are listed", "Open cases  only the 2 open, 1 overdue · targets", "李雷", "Ben Okafor")
	tuitest.MustLack(t, d.Screen(), "Dev Patel", "Ada Lovelace", "remedied in", "closed in")
	d.Keys("down")
	tuitest.MustContain(t, d.Screen(), "2 of 2 open", "v all")
	d.Keys("v")
	tuitest.MustContain(t, d.Screen(), "Dev Patel", "Ada Lovelace", "2 open of 4")
}

// A complaint settled on the spot is recorded as what it is, not
// "Opened".
func TestAComplaintCreatedClosedSaysSo(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FeedbackFixtureStore(t), 80, 24)
	d.Keys("5", "a", "Wick too short", "enter", "Sent a new candle", "enter", "right", "right")
	d.Send(ctrlS)
	tuitest.MustContain(t, d.Screen(), "Recorded a closed complaint (quality, closed).")
	tuitest.MustLack(t, d.Screen(), "Opened a complaint")
}

func TestEveryComplaintCategoryAndTheLastFiveShowWhole(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	for _, c := range model.ComplaintCategories {
		err := db.CreateComplaint(context.Background(), &model.Complaint{OpenedOn: tuitest.Now, Category: c,
			Severity: model.SeverityLow, WhatWentWrong: "about " + string(c)})
		if err != nil {
			t.Fatal(err)
		}
	}
	d := newDriver(t, db, 80, 30)
	d.Keys("5")
	for _, c := range model.ComplaintCategories {
		tuitest.MustContain(t, d.Screen(), " "+string(c)+" ")
	}
	// The analysis above the list fits 80 columns too.
	tuitest.MustContain(t, d.Screen(), "0 of 5 have a prevention step · no cause repeated\n")
}

func TestOpenAndRemedyAComplaint(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 24)
	d.Keys("2", "down", "enter") // Ben Okafor; the app opens on Today
	tuitest.MustContain(t, d.Screen(), "Ben Okafor")
	d.Keys("C")
	tuitest.MustContain(t, d.Screen(), "Complaint from Ben Okafor", "The complaint\n┃ What went wrong", "About the order")
	if n := strings.Count(d.Screen(), "What went wrong"); n != 1 {
		t.Errorf("\"What went wrong\" shows %d times: the group and its first field", n)
	}
	// ctrl+s with nothing typed names the field and saves nothing.
	d.Send(ctrlS)
	tuitest.MustContain(t, d.Screen(), "What went wrong  ✗ is required")
	d.Keys("Gift box crushed in the post")
	d.Send(ctrlS)
	tuitest.MustContain(t, d.Screen(), "Opened a complaint from Ben Okafor (quality, open).", "complaint quality · medium · open: Gift box crushed")

	rows, _ := db.ListComplaints(ctx)
	var c model.Complaint
	for _, r := range rows {
		if strings.HasPrefix(r.WhatWentWrong, "Gift box crushed") {
			c = r
		}
	}
	ben, _ := db.CustomerNamesByID(ctx, []int64{c.CustomerID})
	if c.ID == 0 || ben[c.CustomerID] != "Ben Okafor" || !c.OpenedOn.Equal(model.Day(tuitest.Now)) || c.Status != model.ComplaintOpen {
		t.Fatalf("opened %+v", c)
	}

	// Remedy it from the Complaints screen: it is open, day 0 of 7, so
	// it comes after the overdue one.
	d.Keys("5", "down")
	tuitest.MustContain(t, d.Screen(), "▸ 2026-11-23 Ben Okafor")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), fmt.Sprintf("Complaint #%d from Ben Okafor", c.ID))
	d.Keys("enter", "Sent a new gift box", "enter", "right") // the remedy and the status come second and third
	// Through the rest of the first group.
	for range 6 {
		d.Keys("enter")
	}
	tuitest.MustContain(t, d.Screen(), "Making it right")
	d.Keys("12,5O", "enter", "right", "enter", "enter", "enter")
	tuitest.MustContain(t, d.Screen(), "So it does not happen again")
	d.Keys("Double-box gift sets", "enter", "Happy", "enter", "enter")
	// The bad amount sends the form back to it, with everything kept.
	tuitest.MustContain(t, d.Screen(), `Remedy cost (a cost to serve)  ✗ amount "12,5O"`, "12,5O", "Making it right")
	for range 5 {
		d.Keys("backspace")
	}
	d.Keys("12.50")
	d.Send(ctrlS)
	tuitest.MustContain(t, d.Screen(), "Saved the complaint from Ben Okafor (quality, remedied).", "remedied in 0d")

	got, err := db.Complaint(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Remedy != "Sent a new gift box" || got.RemedyCost != 1250 || !got.Guarantee ||
		!got.HonouredOn.Equal(model.Day(tuitest.Now)) || !got.RemediedOn.Equal(model.Day(tuitest.Now)) ||
		got.Prevention != "Double-box gift sets" || got.Outcome != "Happy" || got.Status != model.ComplaintRemedied {
		t.Errorf("remedied %+v", got)
	}
	// The remedy cost is a cost row of category remedy, dated the remedy
	// day, which the store sums back per complaint and per customer.
	per, _ := db.ComplaintsPerCustomer(ctx, model.Period{From: model.Day(tuitest.Now), To: model.Day(tuitest.Now)})
	if per[got.CustomerID].RemedyCost != 1250 {
		t.Errorf("per customer %+v", per)
	}
	// The guarantee honoured today counts in the 12-month figures.
	tuitest.MustContain(t, d.Screen(), "honoured in 1 day on average (2 in the last 12 months)")
}

func TestComplaintFormOpensFromTheListAndTheScreen(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("2", "C") // Ada, the first in the list
	tuitest.MustContain(t, d.Screen(), "Complaint from Ada Lovelace")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Customers")
	d.Keys("5", "a")
	tuitest.MustContain(t, d.Screen(), "New complaint")
	d.Keys("Stall ran out of soap", "enter", "enter", "enter", "right", "right", "enter", "enter", "Nobody Known")
	d.Send(ctrlS)
	tuitest.MustContain(t, d.Screen(), `no customer is called "Nobody Known"`, "Stall ran out of soap")
	for range len("Nobody Known") {
		d.Keys("backspace")
	}
	d.Send(ctrlS)
	tuitest.MustContain(t, d.Screen(), "Opened a complaint (communication, open).", "communication med  day 0 of 7       Stall ran out of")
	d.Keys("o") // the cursor is on an open complaint with a customer
	tuitest.MustContain(t, d.Screen(), "李雷")
}

func TestComplaintNamesAreReadAsTheListScrolls(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	ctx := context.Background()
	rows, _, err := db.ListCustomers(ctx, model.CustomerQuery{Filter: "customer 19"})
	if err != nil || len(rows) != 1 {
		t.Fatal(rows, err)
	}
	// 300 old closed complaints by one customer, then one by Customer 19:
	// the oldest closed comes last.
	for i := range 300 {
		c := model.Complaint{OpenedOn: tuitest.MustDay(t, "2026-06-01"), CustomerID: rows[0].ID - 1, Category: model.ComplaintOther,
			WhatWentWrong: fmt.Sprintf("Filler %d", i), Remedy: "x", Status: model.ComplaintClosed, ClosedOn: tuitest.MustDay(t, "2026-06-02")}
		if err := db.CreateComplaint(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	last := model.Complaint{OpenedOn: tuitest.MustDay(t, "2025-01-01"), CustomerID: rows[0].ID, Category: model.ComplaintOther,
		WhatWentWrong: "The very first", Remedy: "x", Status: model.ComplaintClosed, ClosedOn: tuitest.MustDay(t, "2025-01-02")}
	if err := db.CreateComplaint(ctx, &last); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("5")
	if strings.Contains(d.Screen(), "Customer 19") {
		t.Fatal("the last row's name was read before it was near the screen")
	}
	d.Keys("end")
	tuitest.MustContain(t, d.Screen(), "▸ 2025-01-01 Customer 19", "The very first")
	if strings.Contains(d.Screen(), "…  ") {
		t.Errorf("names still missing:\n%s", d.Screen())
	}
}

// sgr matches the styling the program itself emits.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

func TestHostileTextStaysVisibleOnFeedbackAndComplaints(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	ctx := context.Background()
	evil := model.Customer{Name: "Eve\x1b]0;pwned\x07\x1b[2J", Stage: model.StageCustomer, Channel: model.ChannelEmail}
	if err := db.CreateCustomer(ctx, &evil); err != nil {
		t.Fatal(err)
	}
	for _, f := range []model.Feedback{
		{On: tuitest.MustDay(t, "2026-11-22"), CustomerID: evil.ID, Kind: model.FeedbackNPS, Score: 10, HasScore: true,
			Answer: "great\x1b[31m\r\x08", Question: "Q\x1b]52;c;aGk=\x07"},
		{On: tuitest.MustDay(t, "2026-11-22"), CustomerID: evil.ID, Kind: model.FeedbackWish, Answer: "gift \u202ewrap\x1b[1m",
			Theme: "T\x1b[5m"},
	} {
		if err := db.CreateFeedback(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	c := model.Complaint{OpenedOn: tuitest.MustDay(t, "2026-11-22"), CustomerID: evil.ID, Category: model.ComplaintOther,
		Severity: model.SeverityHigh, WhatWentWrong: "broke\x1b[?1049l", Remedy: "r\x07", Prevention: "p\x1b",
		Status: model.ComplaintRemedied}
	if err := db.CreateComplaint(ctx, &c); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 100, 30)
	check := func(where string) {
		t.Helper()
		out := sgr.ReplaceAllString(d.M.View().Content, "")
		for i := 0; i < len(out); i++ {
			if b := out[i]; (b < 0x20 && b != '\n') || b == 0x7f {
				t.Fatalf("%s: control byte %#x reaches the terminal at %d:\n%q", where, b, i, out)
			}
		}
	}
	d.Keys("4")
	check("log")
	d.Keys("v")
	check("NPS view")
	d.Keys("v", "enter")
	check("wishlist")
	d.Keys("5")
	check("complaints")
	d.Keys("home", "enter")
	check("complaint form")
	d.Keys("esc", "2", "/", "pwned", "enter", "f")
	check("feedback form, kind")
	d.Keys("9")
	check("feedback form")
	tuitest.MustContain(t, d.Screen(), "Eve␛]0;pwned␇")
}

func TestEditingAComplaintKeepsStoredTextItDidNotTouch(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	ctx := context.Background()
	c := model.Complaint{OpenedOn: tuitest.MustDay(t, "2026-11-22"), Category: model.ComplaintOther, Severity: model.SeverityHigh,
		WhatWentWrong: "smashed\x1b[31m jar", Remedy: "line one\nline two", Status: model.ComplaintRemedied,
		Prevention: "pack\u202e better"}
	if err := db.CreateComplaint(ctx, &c); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("5")
	for range 10 {
		if strings.Contains(tuitest.CursorRow(d.Screen()), "smashed") {
			break
		}
		d.Keys("down")
	}
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "smashed␛[31m jar")
	d.Keys("tab", "tab", "tab", "right") // past the remedy and the status; category: other → quality
	d.Send(ctrlS)
	tuitest.MustContain(t, d.Screen(), "Saved the complaint (quality, remedied).")
	got, _ := db.Complaint(ctx, c.ID)
	if got.Category != model.ComplaintQuality || got.WhatWentWrong != c.WhatWentWrong || got.Remedy != c.Remedy ||
		got.Prevention != c.Prevention {
		t.Errorf("after changing only the category: %+v", got)
	}
}

// A complaint started on the Complaints tab has no customer yet, so no
// orders to offer: the order field says how to link one, and once it is
// saved with its customer, enter on it offers their orders.
func TestAComplaintFromTheTabIsLinkedToAnOrderOnceItHasItsCustomer(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	d := newDriver(t, db, 100, 30)
	d.Keys("5", "a")
	tuitest.MustContain(t, d.Screen(), "New complaint", "their orders are offered once it is saved with the customer")
	d.Keys("Soap cracked", "enter", "enter", "enter", "enter", "enter", "Ben Okafor")
	d.Send(ctrlS)
	tuitest.MustContain(t, d.Screen(), "Opened a complaint from Ben Okafor")
	rows, err := db.ListComplaints(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, r := range rows {
		if r.WhatWentWrong == "Soap cracked" {
			id = r.ID
		}
	}
	for range 10 { // to the new complaint, whichever row it sorts to
		if strings.Contains(tuitest.CursorRow(d.Screen()), "Soap cracked") {
			break
		}
		d.Keys("down")
	}
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), fmt.Sprintf("Complaint #%d from Ben Okafor", id))
	tuitest.MustLack(t, d.Screen(), "their orders are offered")
	for range 6 { // what went wrong, remedy, status, category, severity, customer: to the order
		d.Keys("enter")
	}
	d.Keys("right")
	tuitest.MustContain(t, d.Screen(), "┃ About the order", "┃ ← 2026-11-02 · Gift box · £35.00 →")
	d.Send(ctrlS)
	if c, err := db.Complaint(context.Background(), id); err != nil || c.OrderID == 0 {
		t.Errorf("the complaint is linked to order %d (%v)", c.OrderID, err)
	}
}

// / searches the complaints, as the customer list's filter does: words of
// what went wrong, the category or the customer's name; q is typed, esc
// clears.
func TestSlashSearchesTheComplaints(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FeedbackFixtureStore(t), 80, 24)
	d.Keys("5", "/", "candle")
	tuitest.MustContain(t, d.Screen(), "search: candle", "Candle smoked", "1 of 1")
	tuitest.MustLack(t, d.Screen(), "Parcel arrived", "Two soaps")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "search: candle", "1 of 1")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Parcel arrived", "Two soaps", "1 of 4")
	d.Keys("/", "okafor delivery")
	tuitest.MustContain(t, d.Screen(), "Ben Okafor", "1 of 1")
	tuitest.MustLack(t, d.Screen(), "Dev Patel")
	d.Keys("q")
	tuitest.MustContain(t, d.Screen(), "okafor deliveryq", "No complaint holds those words")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "1 of 4")
}
