package today_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"clientele/model"
	"clientele/store"
	"clientele/tui"
	"clientele/tui/today"
	"clientele/tui/tuitest"
)

// todayFixture is fixtureStore with people due on testNow (23 Nov 2026):
// Ben for three reasons (an overdue complaint, a detractor's feedback, a
// follow-up three days late), Ada's follow-up from yesterday, 李雷's
// thank-you and Customer 01's unanswered praise.
func todayFixture(t *testing.T) (*store.DB, map[string]int64) {
	t.Helper()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	ids := tuitest.IDs(t, db)
	day := func(s string) time.Time {
		d, _ := model.ParseDate(s, tuitest.Now)
		return d
	}
	err := db.Load(ctx, func(l *store.Loader) error {
		if err := l.Complaint(&model.Complaint{OpenedOn: day("2026-11-18"), CustomerID: ids["Ben Okafor"],
			Category: model.ComplaintQuality, Severity: model.SeverityHigh, WhatWentWrong: "gift box arrived crushed",
			Status: model.ComplaintOpen}); err != nil {
			return err
		}
		for _, f := range []model.Feedback{
			{On: day("2026-11-19"), CustomerID: ids["Ben Okafor"], Kind: model.FeedbackNPS, Score: 4, HasScore: true, Status: model.FeedbackNew},
			{On: day("2026-11-12"), CustomerID: ids["Customer 01"], Kind: model.FeedbackPraise, Answer: "Lovely soap", Status: model.FeedbackNew},
		} {
			if err := l.Feedback(&f); err != nil {
				return err
			}
		}
		o := model.Order{CustomerID: ids["李雷"], OrderedAt: day("2026-11-16"), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Gift box", 1, 3500, 1400)}}
		return l.Order(&o)
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range map[string]string{"Ben Okafor": "2026-11-20", "Ada Lovelace": "2026-11-22"} {
		if err := db.SetFollowUp(ctx, ids[name], day(d)); err != nil {
			t.Fatal(err)
		}
	}
	return db, ids
}

func TestTodayGolden(t *testing.T) {
	t.Parallel()
	db, _ := todayFixture(t)
	d := newDriver(t, db, 80, 24)
	tuitest.MustContain(t, d.Screen(), "0 of 4 done today")
	golden.RequireEqual(t, d.Screen())
}

func TestOpensOnCustomersWhenNobodyIsDue(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	tuitest.MustContain(t, d.Screen(), "25 customers")
	d.Keys("1")
	tuitest.MustContain(t, d.Screen(), "Nobody needs you today.", "Today · Monday 23 November 2026\n")
}

func TestTodayWalksWithDoneAndSnooze(t *testing.T) {
	t.Parallel()
	db, ids := todayFixture(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 24)
	tuitest.MustContain(t, d.Screen(), "▸   Ben Okafor", "high complaint open 5 days", "call 555-0142")

	d.Keys("d")
	tuitest.MustContain(t, d.Screen(), "1 of 4 done today", "Done: Ben Okafor.", "▸   ★ Ada Lovelace")
	tl, _ := db.Timeline(ctx, ids["Ben Okafor"], 5)
	if len(tl) == 0 || !strings.Contains(tl[0].Summary, "review done: complaint, detractor, follow-up") {
		t.Errorf("Ben's timeline %+v", tl)
	}

	// s on Ada: a typed day that is not after today is named and kept.
	d.Keys("s")
	tuitest.MustContain(t, d.Screen(), "Snooze Ada Lovelace until", "tomorrow (2026-11-24)", "next week (2026-11-30)")
	d.Keys("down", "down", "enter", "today", "enter")
	tuitest.MustContain(t, d.Screen(), "✗ a snooze ends after today", "today")
	for range 5 {
		d.Keys("backspace")
	}
	d.Keys("+3", "enter")
	tuitest.MustContain(t, d.Screen(), "2 of 4 done today", "Snoozed Ada Lovelace until 2026-11-26.")
	ada, _ := db.Customer(ctx, ids["Ada Lovelace"])
	if model.FormatDate(ada.SnoozedUntil) != "2026-11-26" {
		t.Errorf("Ada snoozed until %v", ada.SnoozedUntil)
	}
	// The cursor walked on to the next entry not done.
	if row := tuitest.CursorRow(d.Screen()); !strings.Contains(row, "Customer 01") {
		t.Errorf("cursor on %q, want Customer 01", row)
	}
	// Esc on an untouched form closes it; with changes it asks first.
	d.Keys("s", "esc")
	tuitest.MustContain(t, d.Screen(), "2 of 4 done today")
	d.Keys("s", "down", "esc")
	tuitest.MustContain(t, d.Screen(), "Discard your changes?")
	d.Keys("y")
	tuitest.MustContain(t, d.Screen(), "2 of 4 done today")
}

func TestTouchAndFollowUpFromTheDetail(t *testing.T) {
	t.Parallel()
	db, ids := todayFixture(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 30) // tall enough for the timeline under the profit
	d.Keys("2", "enter")          // Ada's detail
	d.Keys("n")
	tuitest.MustContain(t, d.Screen(), "Log a contact with Ada Lovelace", "What happened")
	d.Keys("enter") // an empty line is refused
	tuitest.MustContain(t, d.Screen(), "✗ say in a line what was said or done")
	d.Keys("quoted for the spring order", "enter", "enter") // keep the channel
	tuitest.MustContain(t, d.Screen(), "Logged a contact with Ada Lovelace.", "email: quoted for the spring order")

	d.Keys("F")
	tuitest.MustContain(t, d.Screen(), "Next follow-up with Ada Lovelace (now 2026-11-22)", "in a week (2026-11-30)")
	d.Keys("down", "enter") // "in a week" is chosen first: down to "in two weeks"
	tuitest.MustContain(t, d.Screen(), "Next follow-up with Ada Lovelace: 2026-12-07.", "2026-12-07 (in 14 days)")
	ada, _ := db.Customer(ctx, ids["Ada Lovelace"])
	if model.FormatDate(ada.NextReview) != "2026-12-07" {
		t.Errorf("next review %v", ada.NextReview)
	}
}

func TestTodayAtEverySize(t *testing.T) {
	t.Parallel()
	db, _ := todayFixture(t)
	d := newDriver(t, db, 80, 24)
	for w := 0; w < 120; w += 9 {
		for h := 0; h < 36; h += 5 {
			d.Send(tea.WindowSizeMsg{Width: w, Height: h})
			for _, l := range strings.Split(d.Screen(), "\n") {
				if ansi.StringWidth(l) > w {
					t.Fatalf("%dx%d: line %q is too wide", w, h, l)
				}
			}
		}
	}
}

func TestTeatestWalksTheQueue(t *testing.T) {
	t.Parallel()
	db, ids := todayFixture(t)
	app := tui.New(db, tui.Options{Now: func() time.Time { return tuitest.Now }})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(90, 26))
	tm.Send(tea.BackgroundColorMsg{Color: nil})
	// The renderer redraws only changed cells, so wait for text drawn
	// whole: the status messages.
	tuitest.WaitFor(t, tm, "0 of 4 done today")
	tm.Type("d")
	tuitest.WaitFor(t, tm, "Done: Ben Okafor.")
	tm.Type("s")
	tuitest.WaitFor(t, tm, "Snooze Ada Lovelace until")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) // tomorrow
	tuitest.WaitFor(t, tm, "Snoozed Ada Lovelace until 2026-11-24.")
	tm.Type("d")
	tuitest.WaitFor(t, tm, "Done: Customer 01.")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	ada, _ := db.Customer(context.Background(), ids["Ada Lovelace"])
	if model.FormatDate(ada.SnoozedUntil) != "2026-11-24" {
		t.Errorf("Ada snoozed until %v", ada.SnoozedUntil)
	}
}

func TestTouchFromTheCustomerList(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Keys("n") // Ada, first by name
	tuitest.MustContain(t, d.Screen(), "Log a contact with Ada Lovelace")
	d.Keys("q") // q is typed into the field, not quit
	tuitest.MustContain(t, d.Screen(), "> q")
	d.Keys("uick call", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Logged a contact with Ada Lovelace.", "25 customers")
	d.Keys("F", "down", "down", "down", "enter") // her follow-up is set: "another day…" offers it typed
	tuitest.MustContain(t, d.Screen(), "> 2026-11-25")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "Next follow-up with Ada Lovelace: 2026-11-25.")
}

// The list holds the daily size from the settings; the header says how
// many more are due, and m lists another day's worth.
func TestTodayListsTheDailySizeAndMoreOnM(t *testing.T) {
	t.Parallel()
	db, _ := todayFixture(t)
	ctx := context.Background()
	s, _ := db.Settings(ctx)
	s.ReviewSize = 2
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	tuitest.MustContain(t, d.Screen(), "0 of 2 done today · 2 more due", "Ben Okafor", "Ada Lovelace", "1 of 2")
	if strings.Contains(d.Screen(), "Customer 01") {
		t.Error("the third entry is listed")
	}
	d.Keys("m")
	tuitest.MustContain(t, d.Screen(), "0 of 4 done today", "Customer 01", "李雷", "Listing 2 more.")
	if strings.Contains(d.Screen(), "more due") {
		t.Error("nothing more is due")
	}
	d.Keys("m")
	tuitest.MustContain(t, d.Screen(), "Nobody else is due today.")
}

// u on a Today entry takes back its done or its snooze, even when other
// changes were made since; ctrl+z stays the book's undo of the latest
// change. A snoozed entry looks unlike a done one, in words too.
func TestUUndoesTheDoneOrSnoozeOfTheEntryUnderTheCursor(t *testing.T) {
	t.Parallel()
	db, ids := todayFixture(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 24)
	d.Keys("d")          // Ben done
	d.Keys("s", "enter") // Ada snoozed until tomorrow
	tuitest.MustContain(t, d.Screen(), "2 of 4 done today", "Snoozed Ada Lovelace until 2026-11-24.")
	d.Keys("d") // Customer 01 done: a change after Ada's snooze
	tuitest.MustContain(t, d.Screen(), "3 of 4 done today")
	// Ben is done (✓), Ada snoozed (z), each said so in the pane.
	d.Keys("home")
	tuitest.MustContain(t, d.Screen(), "▸ ✓ Ben Okafor", "done     review done", "u undoes")
	d.Keys("down")
	tuitest.MustContain(t, d.Screen(), "▸ z ★ Ada Lovelace", "snoozed  Snoozed until 2026-11-24")

	// u on Ada: her snooze goes, Customer 01's done stays.
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Undone: snoozed Ada Lovelace until 2026-11-24", "2 of 4 done today",
		"▸   ★ Ada Lovelace")
	if ada, _ := db.Customer(ctx, ids["Ada Lovelace"]); !ada.SnoozedUntil.IsZero() {
		t.Errorf("Ada still snoozed until %v", ada.SnoozedUntil)
	}
	// A second u on her: nothing of hers is left to undo.
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Ada Lovelace was neither marked done nor snoozed")
	// ctrl+z is the book's undo: the latest change, Customer 01's done.
	d.Send(tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl})
	tuitest.MustContain(t, d.Screen(), "Undone: ", "1 of 4 done today")
	tl, _ := db.Timeline(ctx, ids["Customer 01"], 5)
	for _, e := range tl {
		if strings.Contains(e.Summary, "review done") {
			t.Errorf("Customer 01's done is still there: %+v", e)
		}
	}
	// ? shows u for the entry and ctrl+z for the book, no key twice.
	d.Keys("?")
	tuitest.MustContain(t, d.Screen(), "u     undo done/snooze", "ctrl+z undoes: Marked the review done for Ben Okafor", "ctrl+z", "undo the last change")
	tuitest.MustLack(t, d.Screen(), "u/ctrl+z")
}

// m says how many it lists: the daily size, or fewer when fewer are left.
func TestMoreSaysHowManyAreLeft(t *testing.T) {
	t.Parallel()
	db, _ := todayFixture(t)
	ctx := context.Background()
	s, _ := db.Settings(ctx)
	s.ReviewSize = 3
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	tuitest.MustContain(t, d.Screen(), "0 of 3 done today · 1 more due")
	d.Keys("m")
	tuitest.MustContain(t, d.Screen(), "0 of 4 done today", "Listing 1 more.")
}

// After F the entry re-sorts (its follow-up is no longer due): the cursor
// stays in its row, on the entry that was next, instead of following the
// customer down the list (it jumped from row 5 to "20 of 28").
func TestAfterAFollowUpTheCursorStaysInPlace(t *testing.T) {
	t.Parallel()
	db, ids := todayFixture(t)
	ctx := context.Background()
	day := func(s string) time.Time { d, _ := model.ParseDate(s, tuitest.Now); return d }
	// Customer 02: a follow-up 22 days late and praise of two days ago.
	if err := db.SetFollowUp(ctx, ids["Customer 02"], day("2026-11-01")); err != nil {
		t.Fatal(err)
	}
	f := model.Feedback{On: day("2026-11-21"), CustomerID: ids["Customer 02"], Kind: model.FeedbackPraise,
		Answer: "Nice", Status: model.FeedbackNew}
	if err := db.CreateFeedback(ctx, &f); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("down")
	if row := tuitest.CursorRow(d.Screen()); !strings.Contains(row, "Customer 02") {
		t.Fatalf("cursor on %q, want Customer 02", row)
	}
	d.Keys("F", "enter")
	tuitest.MustContain(t, d.Screen(), "Next follow-up with Customer 02: 2026-11-30.", "2 of 5")
	if row := tuitest.CursorRow(d.Screen()); !strings.Contains(row, "Ada Lovelace") {
		t.Errorf("cursor on %q, want Ada Lovelace, who was next, in the same row", row)
	}
	// The columns are as wide as their texts (kit.Table.Fit): the row, at
	// whatever spacing.
	if !regexp.MustCompile(`Customer 02 +feedback with no reply for 2 days`).MatchString(d.Screen()) {
		t.Errorf("Customer 02 is not listed further down:\n%s", d.Screen())
	}
}

// staleAfterAct delivers stale (a review loaded before the action) just
// after the Today tab hears that an entry was acted on: a load asked for
// earlier (at start, or when the settings arrived) finishing late.
type staleAfterAct struct {
	tea.Model
	stale tea.Msg
	sent  bool
}

func (w *staleAfterAct) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := w.Model.Update(msg)
	if !w.sent && fmt.Sprintf("%T", msg) == "today.reviewActedMsg" {
		w.sent = true
		_, late := w.Model.Update(w.stale)
		cmd = tea.Batch(cmd, late)
	}
	return w, cmd
}

// A load that finishes after an action, holding the list from before it,
// does not pull the cursor back to the entry just done: the next key acts
// on the next entry (TestTeatestWalksTheQueue snoozed Ben, just done,
// when the settings' reload came late).
func TestALateLoadDoesNotUndoTheMoveOn(t *testing.T) {
	t.Parallel()
	db, _ := todayFixture(t)
	before, err := db.DailyReview(context.Background(), tuitest.Now, 0)
	if err != nil {
		t.Fatal(err)
	}
	w := &staleAfterAct{Model: tui.New(db, tui.Options{Now: tuitest.Clock}), stale: today.ReviewLoadedMsg{Review: before}}
	d := tuitest.Start(t, w, 90, 26)
	d.Keys("d")
	tuitest.MustContain(t, d.Screen(), "Done: Ben Okafor.", "▸   ★ Ada Lovelace")
}
