package customers_test

import (
	"context"
	"fmt"
	"testing"

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
// the timeline; p marks it paid.
func TestPaidFromTheDetail(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	ctx := context.Background()
	second := model.Order{CustomerID: ids["Ben Okafor"], OrderedAt: tuitest.MustDay(t, "2026-11-20 09:00"),
		Kind: model.OrderSale, PaymentDue: tuitest.MustDay(t, "2026-12-04"),
		Lines: []model.OrderLine{model.NewLine("Place cards", 60, 50, 10)}}
	if err := db.CreateOrder(ctx, &second); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 100, 30)
	d.Send(kit.OpenCustomerMsg{ID: ids["Ben Okafor"]})
	tuitest.MustContain(t, d.Screen(), "Unpaid          £120.00 due 2026-10-16, overdue 38 days · order of 2026-10-02",
		"                £30.00 due 2026-12-04, in 11 days · order of 2026-11-20",
		"                £150.00 owed in all · p marks the oldest paid",
		"2026-10-02 overdue   Wedding favours ×60", "2026-11-20 unpaid    Place cards ×60", "p mark paid")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Marked £120.00 (due 2026-10-16) paid for Ben Okafor.",
		"Unpaid          £30.00 due 2026-12-04, in 11 days · order of 2026-11-20", "p marks it paid",
		"2026-10-02 order     Wedding favours ×60")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Marked £30.00 (due 2026-12-04) paid for Ben Okafor. Press u to undo.")
	// u is the book's undo: the order is owed again, then paid again.
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Unpaid          £30.00 due 2026-12-04")
	d.Keys("p")
	tuitest.MustLack(t, d.Screen(), "Unpaid", "p mark paid")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Ben Okafor owes nothing.")
	o, err := db.Order(ctx, second.ID)
	if err != nil || model.FormatDate(o.PaidOn) != "2026-11-23" {
		t.Errorf("the second order paid on %v (%v)", o.PaidOn, err)
	}
}
