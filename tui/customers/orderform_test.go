package customers_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
	"clientele/store"
	"clientele/tui/tuitest"
)

// withOfferings adds two offerings to the fixture.
func withOfferings(t *testing.T, db *store.DB) {
	t.Helper()
	for _, o := range []model.Offering{
		{SKU: "SOAP-L", Name: "Lavender soap", Kind: model.KindProduct, Tier: 1, Price: 450, UnitCost: 120, Active: true},
		{SKU: "BOX", Name: "Gift box", Kind: model.KindProduct, Tier: 2, Price: 3500, UnitCost: 1400, Active: true},
	} {
		if err := db.CreateOffering(context.Background(), &o); err != nil {
			t.Fatal(err)
		}
	}
}

// customerNamed returns the stored customer called name.
func customerNamed(t *testing.T, db *store.DB, name string) model.Customer {
	t.Helper()
	rows, _, err := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: name, Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no customer %q: %v", name, err)
	}
	c, err := db.Customer(context.Background(), rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOrderFormRecordsASale(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	withOfferings(t, db)
	d := newDriver(t, db, 80, 24)
	before := customerNamed(t, db, "Chloé Martin")
	d.Keys("down", "down", "enter") // Chloé, third by name
	d.Keys("o")
	tuitest.MustContain(t, d.Screen(), "New order · Chloé Martin", "2026-11-23", "Total £0.00")
	// An offering by name: its price comes with it; then free text with a price.
	d.Keys("lavender soap", "tab")
	tuitest.MustContain(t, d.Screen(), "how many: a whole number; empty means 1")
	d.Keys("3", "tab")
	tuitest.MustContain(t, d.Screen(), "Lavender soap", "4.50", "£13.50", "Lavender soap: £4.50 each · type another price")
	d.Keys("tab", "Custom label", "tab", "q", "backspace", "2", "tab")
	tuitest.MustContain(t, d.Screen(), "the price of one, e.g. 12.50")
	d.Keys("0.125", "tab")
	tuitest.MustContain(t, d.Screen(), "£0.25", "Total £13.75")
	d.Keys("ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved an order of £13.75 for Chloé Martin.")
	after := customerNamed(t, db, "Chloé Martin")
	if after.Orders != before.Orders+1 || after.Revenue != before.Revenue+1375 {
		t.Errorf("figures %d orders %d revenue, want one more order and £13.75 more", after.Orders, after.Revenue)
	}
	// The detail shows the order on its timeline.
	tuitest.MustContain(t, d.Screen(), "2 lines: Lavender soap, Custom label")
	o, err := db.LastOrder(context.Background(), after.ID)
	if err != nil {
		t.Fatal(err)
	}
	if o.Lines[0].OfferingID == 0 || o.Lines[0].UnitCost != 120 || o.Lines[1].UnitPriceExact != "0.125" ||
		o.Lines[1].Amount != 25 || !o.OrderedAt.Equal(tuitest.Now) {
		t.Errorf("stored %+v", o)
	}
}

func TestOrderFormRecordsARefundAndKeepsTypingOnError(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	withOfferings(t, db)
	d := newDriver(t, db, 80, 24)
	d.Keys("enter", "o") // Ada Lovelace
	d.Keys("shift+tab", "shift+tab", "space")
	tuitest.MustContain(t, d.Screen(), "New refund · Ada Lovelace", "● refund")
	d.Keys("tab", "ctrl+u", "yesterday", "tab", "Gift box", "tab", "0", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), `line 1 quantity: "0" is not a quantity`, "Gift box")
	d.Keys("backspace", "1", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved a refund of £35.00 for Ada Lovelace.")
	o, err := db.Order(context.Background(), 7) // the fixture has 6 orders
	if err != nil {
		t.Fatal(err)
	}
	if o.Kind != model.OrderRefund || o.Lines[0].Quantity != -1 || o.Lines[0].Amount != -3500 ||
		model.FormatDate(o.OrderedAt) != "2026-11-22" {
		t.Errorf("stored refund %+v", o)
	}
}

func TestRepeatLastOrder(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("enter", "r") // Ada's last sale: 30 × Lavender soap at 4.50 on 2026-10-01
	tuitest.MustContain(t, d.Screen(), "repeating 2026-10-01", "Lavender soap", "30", "4.50", "£135.00")
	d.Keys("tab", "31", "ctrl+s") // the quantity field had focus moved past the item
	tuitest.MustContain(t, d.Screen(), "Saved an order of")
	o, err := db.LastOrder(context.Background(), customerNamed(t, db, "Ada Lovelace").ID)
	if err != nil || len(o.Lines) != 1 || o.Lines[0].Description != "Lavender soap" || !o.OrderedAt.Equal(tuitest.Now) {
		t.Errorf("repeated order %+v %v", o, err)
	}

	// Chloé has bought nothing: r says so and opens nothing.
	d.Keys("esc", "down", "down", "enter", "r")
	tuitest.MustContain(t, d.Screen(), "Chloé Martin has no order to repeat yet: press o for a new order.")
}

func TestOrderFormEscAsksBeforeDiscarding(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 30) // tall enough for the timeline under the profit
	d.Keys("enter", "o", "Something", "esc")
	tuitest.MustContain(t, d.Screen(), "Discard this order? y discards")
	d.Keys("n")
	tuitest.MustContain(t, d.Screen(), "Something")
	d.Keys("esc", "y")
	tuitest.MustContain(t, d.Screen(), "Timeline")
}

func TestOrderFormGolden(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	withOfferings(t, db)
	d := newDriver(t, db, 80, 24)
	d.Keys("enter", "o", "Lavender soap", "tab", "12", "tab", "tab", "Gift box", "tab")
	golden.RequireEqual(t, d.Screen())
}

func TestOrderFormNarrow(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	withOfferings(t, db)
	for _, size := range [][2]int{{40, 12}, {24, 8}, {80, 24}} {
		d := newDriver(t, db, size[0], size[1])
		d.Keys("enter", "o", "Lavender soap", "tab", "tab", "tab", "a", "tab", "b", "tab", "c", "tab")
		for i, line := range splitLines(d.Screen()) {
			if w := ansi.StringWidth(line); w > size[0] {
				t.Errorf("%dx%d: line %d is %d wide", size[0], size[1], i, w)
			}
		}
	}
}

func TestCostForm(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	s := model.DefaultSettings()
	s.HourlyRate = 3000
	if err := db.SaveSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 30) // tall enough for the timeline under the profit
	d.Keys("enter", "c")
	tuitest.MustContain(t, d.Screen(), "Cost to serve · Ada Lovelace", "Category", "£30.00 an hour", "none: the customer")
	// Time (the first choice): 25 minutes, no amount, on an order.
	d.Keys("enter", "25", "enter", "enter", "enter", "down", "enter", "packing the wholesale box", "enter")
	tuitest.MustContain(t, d.Screen(), "Saved a time cost of £12.50 for Ada Lovelace.")
	tuitest.MustContain(t, d.Screen(), "time 25 min: packing the wholesale box")

	// A shipping cost with no amount is refused beside the amount field,
	// with the note still typed.
	d.Keys("c", "left", "left", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "how much did it cost?")
}

func TestMinutesAreReadAsPeopleWriteThem(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 30)
	d.Keys("enter", "c", "enter", "1h30", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved a time cost of £37.50 for Ada Lovelace.")
	d.Keys("c", "enter", "1:15", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved a time cost of £31.25")
	d.Keys("c", "enter", "1.5h", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved a time cost of £37.50")
	d.Keys("c", "enter", "1h75", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), `"1h75" is not a time`)
}

func TestCostFormMessageStandsBetweenTitleAndPrompt(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Keys("enter", "c", "enter", "abc", "enter")
	tuitest.MustContain(t, d.Screen(), `Minutes  ✗ "abc" is not a time: give minutes (90) or`)
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// dayFirst sets the book's date order to day, month, year.
func dayFirst(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.DateOrder = model.DateOrderDMY
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
}

func TestDatesAreTypedAndShownInTheBooksOrder(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	dayFirst(t, db)
	d := newDriver(t, db, 100, 30)
	d.Keys("enter", "c", "enter", "30", "enter", "enter")
	tuitest.MustContain(t, d.Screen(), "> 23/11/2026") // today, day first
	d.Keys("ctrl+u", "03/04/2026", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved a time cost", "03/04/2026 cost")
	tuitest.MustLack(t, d.Screen(), "2026-04-03")
	// Words and ISO still read; a day that is not on the calendar is
	// refused by name.
	d.Keys("c", "enter", "30", "enter", "enter", "ctrl+u", "31/02/2026", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), `"31/02/2026" is not a day on the calendar`)
	d.Keys("enter", "enter", "enter", "ctrl+u", "fri", "ctrl+s") // back to the date
	tuitest.MustContain(t, d.Screen(), "27/11/2026 cost")
	// The timeline's forms and the history of changes write days so too.
	d.Keys("t", "x")
	tuitest.MustContain(t, d.Screen(), "the cost of 27/11/2026")
	d.Keys("esc", "h")
	if iso, ours := regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d`), regexp.MustCompile(`\d\d/\d\d/\d{4} \d\d:\d\d`); iso.MatchString(d.Screen()) || !ours.MatchString(d.Screen()) {
		t.Errorf("the history of changes does not write days as D/M/Y:\n%s", d.Screen())
	}
	d.Keys("enter") // the change's page: its heading (the record's stored values below stay as stored)
	if !regexp.MustCompile(`#\d+ · \d\d/\d\d/\d{4} \d\d:\d\d:\d\d · `).MatchString(d.Screen()) {
		t.Errorf("a change's heading does not write its day as D/M/Y:\n%s", d.Screen())
	}
}

// Tab takes the offering the item suggests ("Lav" stayed free text), the
// hint lists what else it could be, and a date that does not read is said
// as the field is left, not only on save.
func TestOrderFormTabCompletesListsMatchesAndChecksTheDateOnLeaving(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	withOfferings(t, db)
	if err := db.CreateOffering(context.Background(), &model.Offering{Name: "Lavender Fields Candle",
		Kind: model.KindProduct, Tier: 1, Price: 1800, Active: true}); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 100, 24)
	d.Keys("down", "down", "enter", "o") // Chloé
	tuitest.MustContain(t, d.Screen(), "New order · Chloé Martin")
	d.Keys("shift+tab") // back to the date
	for range 10 {
		d.Keys("backspace")
	}
	d.Keys("2026-13-45", "tab")
	tuitest.MustContain(t, d.Screen(), "✗ date: ")
	d.Keys("shift+tab")
	for range 10 {
		d.Keys("backspace")
	}
	d.Keys("today", "tab")
	tuitest.MustLack(t, d.Screen(), "✗")
	d.Keys("Lav")
	tuitest.MustContain(t, d.Screen(), "tab takes Lavender Fields Candle; ctrl+n: Lavender soap")
	d.Keys("tab")
	tuitest.MustContain(t, d.Screen(), "Lavender Fields Candle: £18.00 each", "£18.00")
	d.Keys("tab", "tab", "Custom label", "tab") // free text with no match stays
	tuitest.MustContain(t, d.Screen(), "Custom label", "how many: a whole number")
}
