package today_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"clientele/tui"
	"clientele/tui/tuitest"
)

// The new reasons (a payment overdue, reminders, an occasion) read in the
// list and in full in the pane, at 80x24 and wide.
func TestTodayShowsOccasionsRemindersAndPayments(t *testing.T) {
	t.Parallel()
	db, _ := tuitest.ReachStore(t)
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d := newDriver(t, db, size[0], size[1])
			d.Keys("down") // Ada: a reminder and her birthday
			tuitest.MustContain(t, d.Screen(), "0 of 4 done today", "payment of £120.00 overdue 38 days",
				"Shop opening in 5 days (28 November)", "why      reminder was due 56 days ago",
				"         Birthday (turns 40) in 3 days (26 November)")
			golden.RequireEqual(t, d.Screen())
		})
	}
}

// p marks the oldest unpaid order paid: the payment reason goes, and Ben
// with it when it was his only one.
func TestPaidFromToday(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	d := newDriver(t, db, 80, 24)
	tuitest.MustContain(t, d.Screen(), "▸   Ben Okafor", "p mark paid")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Marked £120.00 (due 2026-10-16) paid for Ben Okafor. Press ctrl+z to undo.",
		"0 of 3 done today")
	tuitest.MustLack(t, d.Screen(), "payment of")
	unpaid, err := db.UnpaidOrders(context.Background(), ids["Ben Okafor"])
	if err != nil || len(unpaid) != 0 {
		t.Errorf("Ben still owes %+v (%v)", unpaid, err)
	}
	// Nobody else owes anything: p says so and writes nothing.
	tuitest.MustLack(t, d.Screen(), "p mark paid")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "owes nothing.")
	// ctrl+z (the book's undo) makes the order owed again.
	d.Keys("ctrl+z")
	tuitest.MustContain(t, d.Screen(), "payment of £120.00 overdue 38 days", "0 of 4 done today")
}

// M writes the message for the entry's first reason. 李雷's shop opening
// asks for the occasion's greeting, a marketing message she never agreed
// to: the screen says so and offers the follow-up; with no contact
// details it is copied (OSC 52 and the clipboard program) and logged.
func TestMessageFromToday(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	fd := tuitest.NewDesktop(t, "")
	d := tuitest.Start(t, tui.New(db, tui.Options{Now: tuitest.Clock, Desktop: fd.Desktop, Exec: tuitest.Exec}), 80, 24)
	tuitest.MustContain(t, d.Screen(), "M message")
	d.Keys("down", "down", "down")
	tuitest.MustContain(t, d.Screen(), "▸   李雷")
	d.Keys("M")
	tuitest.MustContain(t, d.Screen(), "Message to 李雷",
		"Birthday or occasion is not offered: no consent to marketing by email.", "template  ← Follow-up →",
		"by        email · copied to the clipboard (no email address)")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "Follow-up: copied with xclip (no email address), logged by email.")
	if len(fd.Copied) != 1 || !strings.HasPrefix(fd.Copied[0], "Subject: Checking in\n\nHi 李雷,") || len(fd.Opened) != 0 {
		t.Fatalf("copied %q, opened %q", fd.Copied, fd.Opened)
	}
	tl, err := db.Timeline(context.Background(), ids["李雷"], 10)
	if err != nil || len(tl) == 0 || tl[0].Summary != "email: Follow-up" {
		t.Fatalf("李雷's timeline: %+v (%v)", tl, err)
	}
	// Ben's payment: the payment reminder names what is owed.
	d.Keys("home", "M")
	tuitest.MustContain(t, d.Screen(), "template  ← Payment reminder →", "£120.00 for your order of 2 October 2026")
}

// With several orders owed, p on Today marks the oldest due and says it
// was the oldest of how many; the other stays owed.
func TestPaidFromTodayNamesTheOldestOfSeveral(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	ctx := context.Background()
	second := tuitest.OweTwice(t, db, ids)
	d := newDriver(t, db, 100, 30)
	tuitest.MustContain(t, d.Screen(), "▸   Ben Okafor")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Marked £120.00 (due 2026-10-16, the oldest of 2) paid for Ben Okafor.")
	unpaid, err := db.UnpaidOrders(ctx, ids["Ben Okafor"])
	if err != nil || len(unpaid) != 1 || unpaid[0].ID != second.ID {
		t.Errorf("Ben owes %+v (%v)", unpaid, err)
	}
}
