package customers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
	"clientele/tui/kit"
	"clientele/tui/tuitest"
)

// The detail shows the address, consent, custom fields, occasions and
// reminders, at 80x24 (scrolled) and wide.
func TestDetailShowsHowToReachThem(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d := newDriver(t, db, size[0], size[1])
			d.Send(kit.OpenCustomerMsg{ID: ids["Ada Lovelace"]})
			tuitest.MustContain(t, d.Screen(), "Address         12 Mill Lane, Flat 2, Hebden Bridge West Yorkshire HX7 8AB",
				"Consent         marketing by email since 2026-03-02", "Allergies       lavender", "Skin type       dry",
				"Occasions       Birthday 26 November 1986 (turns 40 in 3 days)",
				"Reminders       due 2026-09-28 (56 days ago) · every 2 months from 2026-09-28")
			golden.RequireEqual(t, d.Screen())
		})
	}
}

// An overdue payment is a line of the detail and a mark on the order in
// the timeline. p on an unpaid order in the timeline marks that one paid;
// elsewhere it marks the only one, and with several it puts the cursor on
// the oldest due to pick from. Each says which order it marked; u undoes.
func TestPaidFromTheDetail(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	ctx := context.Background()
	second := tuitest.OweTwice(t, db, ids)
	d := newDriver(t, db, 100, 30)
	d.Send(kit.OpenCustomerMsg{ID: ids["Ben Okafor"]})
	tuitest.MustContain(t, d.Screen(), "Unpaid          £120.00 due 2026-10-16, overdue 38 days · order of 2026-10-02",
		"                £30.00 due 2026-12-04, in 11 days · order of 2026-11-20",
		"                £150.00 owed in all · p on one in the timeline marks it paid",
		"2026-10-02 overdue   Wedding favours ×60", "2026-11-20 unpaid    Place cards ×60", "p mark paid")
	// Two owed, the cursor on Ben: p offers the oldest due, writing nothing.
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Ben Okafor owes 2 orders: p marks the one under the cursor paid.",
		"p mark this order paid")
	if row := tuitest.CursorRow(d.Screen()); !strings.Contains(row, "2026-10-02 overdue   Wedding favours") {
		t.Fatalf("the cursor is on %q", row)
	}
	d.Keys("up", "up") // past the Gift box, paid when made, to the place cards
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(),
		"Marked the £30.00 order of 2026-11-20 paid for Ben Okafor. Press u to undo.",
		"Unpaid          £120.00 due 2026-10-16, overdue 38 days", "p marks it paid", "2026-11-20 order     Place cards")
	o, err := db.Order(ctx, second.ID)
	if err != nil || model.FormatDate(o.PaidOn) != "2026-11-23" {
		t.Errorf("the place cards paid on %v (%v)", o.PaidOn, err)
	}
	// u is the book's undo: the order is owed again.
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "£30.00 due 2026-12-04", "2026-11-20 unpaid    Place cards")
	// On the Gift box, paid when made, p offers again; on the place cards
	// it marks them.
	d.Keys("down", "p")
	tuitest.MustContain(t, d.Screen(), "owes 2 orders")
	d.Keys("up", "up", "p")
	tuitest.MustContain(t, d.Screen(), "Marked the £30.00 order of 2026-11-20")
	// One owed: p anywhere marks it, and says which.
	d.Keys("g", "p")
	tuitest.MustContain(t, d.Screen(),
		"Marked the £120.00 order of 2026-10-02 paid for Ben Okafor. Press u to undo.")
	tuitest.MustLack(t, d.Screen(), "Unpaid", "p mark paid")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Ben Okafor owes nothing.")
}

// The customer form's last groups edit the address, the birthday,
// marketing consent and the owner's fields, each checked by its kind; a
// consent given keeps its day, one newly given is dated today.
func TestFormEditsHowToReachThem(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	d := newDriver(t, db, 80, 24)
	d.Send(kit.OpenCustomerMsg{ID: ids["Ada Lovelace"]})
	d.Keys("e")
	for range 19 { // who they are, the relationship, where they came from, notes
		d.Keys("enter")
	}
	tuitest.MustContain(t, d.Screen(), "Reaching them", "Street", "12 Mill Lane")
	d.Keys("enter", "enter")
	for range len("Hebden Bridge") {
		d.Keys("backspace")
	}
	d.Keys("Todmorden", "enter", "enter", "enter")
	tuitest.MustContain(t, d.Screen(), "Birthday", "1986-11-26")
	for range len("1986-11-26") {
		d.Keys("backspace")
	}
	d.Keys("02-30", "enter")
	tuitest.MustContain(t, d.Screen(), "Birthday  ✗")
	d.Keys("backspace", "backspace", "29", "enter")
	tuitest.MustContain(t, d.Screen(), "Marketing by email", "yes, since 2026-03-02")
	d.Keys("enter", "right", "enter", "enter") // email kept, SMS given today, post left alone
	tuitest.MustContain(t, d.Screen(), "Your fields", "Allergies", "lavender")
	d.Keys("enter", "enter", "enter") // to Trade
	for range len("yes") {
		d.Keys("backspace")
	}
	d.Keys("maybe", "enter")
	tuitest.MustContain(t, d.Screen(), `Trade  ✗ "maybe" is not yes or no`)
	for range len("maybe") {
		d.Keys("backspace")
	}
	d.Keys("n", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved Ada Lovelace.", "Todmorden", "Birthday 29 February", "Trade           no")
	c, err := db.Customer(context.Background(), ids["Ada Lovelace"])
	if err != nil {
		t.Fatal(err)
	}
	if c.Address.Town != "Todmorden" || c.Address.Line1 != "12 Mill Lane" ||
		model.FormatDate(c.Consent.Email) != "2026-03-02" || model.FormatDate(c.Consent.SMS) != "2026-11-23" ||
		!c.Consent.Post.IsZero() || len(c.Occasions) != 1 || c.Occasions[0].DateText() != "--02-29" ||
		len(c.Reminders) != 1 || len(c.Fields) != 4 || c.Fields[3].Name != "Trade" || c.Fields[3].Value != "no" ||
		c.Fields[0].Value != "lavender" {
		t.Errorf("saved %+v", c)
	}
}

// The order form names the custom fields marked "show when taking an
// order" under its banner: Ada's allergy, not her skin type.
func TestOrderFormShowsTheFieldsToMind(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	d := newDriver(t, db, 80, 24)
	d.Send(kit.OpenCustomerMsg{ID: ids["Ada Lovelace"]})
	d.Keys("o")
	tuitest.MustContain(t, d.Screen(), "New order · Ada Lovelace", "Allergies: lavender")
	tuitest.MustLack(t, d.Screen(), "Skin type")
}

// R on the detail lists the customer's reminders: a adds one (a monthly
// one from the 30th is refused in words), x deletes one, ctrl+z brings it
// back; the detail shows them.
func TestRemindersFromTheDetail(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	ctx := context.Background()
	ada := ids["Ada Lovelace"]
	d := newDriver(t, db, 80, 24)
	d.Send(kit.OpenCustomerMsg{ID: ada})
	d.Keys("R")
	tuitest.MustContain(t, d.Screen(), "Reminders for Ada Lovelace",
		"▸ due 2026-09-28 (56 days ago) · every 2 months from 2026-09-28 · Check the sho…")
	d.Keys("a")
	tuitest.MustContain(t, d.Screen(), "New reminder · Ada Lovelace", "2026-11-23")
	for range len("2026-11-23") {
		d.Keys("backspace")
	}
	d.Keys("2026-11-30", "enter")
	for range len("once") {
		d.Keys("backspace")
	}
	d.Keys("monthly", "enter", "Send the spring samples", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "First day  ✗ a reminder repeating monthly starts on a day from")
	d.Keys("enter") // the failed save focused the first day
	for range len("monthly") {
		d.Keys("backspace")
	}
	d.Keys("every 2 weeks", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved the reminder of 2026-11-30.",
		"due 2026-11-30 (in 7 days) · every 2 weeks from 2026-11-30 · Send the spring …")
	c, err := db.Customer(ctx, ada)
	if err != nil || len(c.Reminders) != 2 {
		t.Fatalf("reminders %+v (%v)", c.Reminders, err)
	}
	d.Keys("x") // the first: the shop's stock
	tuitest.MustContain(t, d.Screen(), "Deleted the reminder of 2026-09-28. ctrl+z undoes.")
	tuitest.MustLack(t, d.Screen(), "Check the shop's stock")
	d.Keys("ctrl+z")
	tuitest.MustContain(t, d.Screen(), "Check the sho…", "Send the spring …")
	// The detail shows both, with a line more for its "below" sign.
	d.Keys("esc")
	d.Send(tea.WindowSizeMsg{Width: 80, Height: 25})
	tuitest.MustContain(t, d.Screen(), "Check the shop's stock", "due 2026-11-30 (in 7 days) · every 2 weeks")
}

// O on the detail lists the customer's occasions, the birthday among
// them: a adds a named one (a day without the year is every year; once
// needs the year, refused in words), enter changes it, x deletes it and
// ctrl+z brings it back; the detail shows them.
func TestOccasionsFromTheDetail(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	ctx := context.Background()
	ada := ids["Ada Lovelace"]
	d := newDriver(t, db, 80, 24)
	d.Send(kit.OpenCustomerMsg{ID: ada})
	d.Keys("O")
	tuitest.MustContain(t, d.Screen(), "Occasions for Ada Lovelace", "▸ Birthday 26 November 1986 (turns 40 in 3 days)",
		"a add an occasion")
	d.Keys("a")
	tuitest.MustContain(t, d.Screen(), "New occasion · Ada Lovelace", "2026-12-24, or 12-24 without the year")
	d.Keys("Mum's birthday", "enter", "05-12", "enter", "right", "enter", "Lavender-free card", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Day  ✗ an occasion that happens once needs its year")
	d.Keys("enter") // the failed save focused the day
	d.Keys("left", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved Mum's birthday. ctrl+z undoes.",
		"Mum's birthday 12 May (in 170 days) · Lavender-free card")
	c, err := db.Customer(ctx, ada)
	if err != nil || len(c.Occasions) != 2 || c.Occasions[0].Name != "Mum's birthday" || c.Occasions[0].DateText() != "--05-12" ||
		!c.Occasions[0].Yearly || c.Occasions[0].Note != "Lavender-free card" {
		t.Fatalf("occasions %+v (%v)", c.Occasions, err)
	}
	d.Keys("enter") // in May, the first: once, next year
	tuitest.MustContain(t, d.Screen(), "Mum's birthday · Ada Lovelace", "05-12")
	d.Keys("tab")
	for range len("05-12") {
		d.Keys("backspace")
	}
	d.Keys("2027-05-12", "enter", "right", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Mum's birthday 12 May 2027, once (in 170 days)")
	d.Keys("x")
	tuitest.MustContain(t, d.Screen(), "Deleted Mum's birthday. ctrl+z undoes.")
	tuitest.MustLack(t, d.Screen(), "Mum's birthday 12 May")
	d.Keys("ctrl+z")
	tuitest.MustContain(t, d.Screen(), "Mum's birthday 12 May 2027, once")
	d.Keys("esc") // the detail shows both
	tuitest.MustContain(t, d.Screen(), "Occasions       Mum's birthday 12 May 2027, once (in 170 days) · Lavender-free",
		"                Birthday 26 November 1986")
}

// An order billed for later: its payment's due day is typed after the
// note (where enter saves, off the common path), in the book's date
// order; a day before the order is refused by name. The order is then
// owed: on the detail, in the timeline and on Today.
func TestOrderBilledForLater(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	ctx := context.Background()
	dayFirst(t, db)
	ada := ids["Ada Lovelace"]
	d := newDriver(t, db, 80, 24)
	d.Send(kit.OpenCustomerMsg{ID: ada})
	d.Keys("o", "Gift wrap", "tab", "tab", "5.00", "down", "down")
	tuitest.MustContain(t, d.Screen(), "enter or ctrl+s saves; tab: the payment's due day, to bill it for later",
		"Due     paid now")
	d.Keys("tab")
	tuitest.MustContain(t, d.Screen(), "▸Due    paid now", "Total £5.00",
		"billed for later: the day payment is due (24/12/2026, +30…); empty: paid now")
	d.Keys("20/11/2026", "enter")
	tuitest.MustContain(t, d.Screen(), "✗ cannot be before the order", "payment due: cannot be before the order")
	d.Keys("up", "up", "up", "up", "ctrl+u", "-30", "ctrl+s") // the note, line 2, line 1, the date
	tuitest.MustContain(t, d.Screen(), "Saved an order of £5.00, payment due 20/11/2026, for Ada Lovelace.")
	unpaid, err := db.UnpaidOrders(ctx, ada)
	if err != nil || len(unpaid) != 1 || model.FormatDate(unpaid[0].PaymentDue) != "2026-11-20" ||
		model.FormatDate(unpaid[0].OrderedAt) != "2026-10-24" {
		t.Fatalf("unpaid %+v (%v)", unpaid, err)
	}
	d.Keys("t")
	tuitest.MustContain(t, d.Screen(), "24/10/2026 overdue   Gift wrap")
	d.Keys("g", "end")
	tuitest.MustContain(t, d.Screen(), "Unpaid          £5.00 due 20/11/2026, overdue 3 days · order of 24/10/2026")
	d.Keys("esc", "1")
	tuitest.MustContain(t, d.Screen(), "payment of £5.00 overdue 3 days")
}

// The birthday is typed and shown in the book's date order, the year
// left out when it is not known, as the occasions screen's days are.
func TestBirthdayInTheBooksOrder(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	ctx := context.Background()
	dayFirst(t, db)
	d := newDriver(t, db, 80, 24)
	d.Send(kit.OpenCustomerMsg{ID: ids["Ada Lovelace"]})
	d.Keys("e")
	for range 24 { // to the birthday
		d.Keys("enter")
	}
	tuitest.MustContain(t, d.Screen(), "Birthday", "24/12/2026, or 24/12 without the year", "26/11/1986",
		"yes, since 02/03/2026")
	d.Keys("ctrl+u", "29/02", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved Ada Lovelace.", "Birthday 29 February")
	c, err := db.Customer(ctx, ids["Ada Lovelace"])
	if err != nil || len(c.Occasions) != 1 || c.Occasions[0].DateText() != "--02-29" {
		t.Errorf("occasions %+v (%v)", c.Occasions, err)
	}
}

// The list's filter finds customers by their postal address and by their
// custom fields' names and values.
func TestFilterByAddressAndCustomFields(t *testing.T) {
	t.Parallel()
	db, _ := tuitest.ReachStore(t)
	d := newDriver(t, db, 80, 24)
	for _, filter := range []string{"hebden", "HX7", "allergies lavender", "skin type dry"} {
		d.Keys("2", "/", filter)
		tuitest.MustContain(t, d.Screen(), "Ada Lovelace", "1 customer")
		tuitest.MustLack(t, d.Screen(), "Ben Okafor")
		d.Keys("esc")
	}
}
