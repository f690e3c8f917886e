package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
	"clientele/store"
)

// feedbackFixtureStore is the fixture business with an offering, feedback
// and complaints: promoters, a detractor waiting for a reply, wishes that
// group by themselves, an overdue complaint and a recovered customer.
func feedbackFixtureStore(t testing.TB) *store.DB {
	t.Helper()
	db := fixtureStore(t)
	ctx := context.Background()
	ids := map[string]int64{}
	rows, _, err := db.ListCustomers(ctx, model.CustomerQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		ids[r.Name] = r.ID
	}
	var soap model.Offering
	err = db.Load(ctx, func(l *store.Loader) error {
		soap = model.Offering{Name: "Lavender soap", Kind: model.KindProduct, Price: 450, Active: true}
		return l.Offering(&soap)
	})
	if err != nil {
		t.Fatal(err)
	}
	feedback := []model.Feedback{
		{On: mustDay(t, "2026-11-20"), CustomerID: ids["Ben Okafor"], Kind: model.FeedbackNPS, Score: 10, HasScore: true,
			Answer: "Always on time", Channel: model.ChannelPhone},
		{On: mustDay(t, "2026-11-18"), CustomerID: ids["李雷"], Kind: model.FeedbackNPS, Score: 4, HasScore: true,
			Answer: "The candle smoked"},
		{On: mustDay(t, "2026-11-15"), CustomerID: ids["Ada Lovelace"], Kind: model.FeedbackWish,
			Question: model.WishQuestion, Answer: "Gift wrapping", OfferingID: soap.ID},
		{On: mustDay(t, "2026-11-10"), CustomerID: ids["Ben Okafor"], Kind: model.FeedbackWish,
			Question: model.WishQuestion, Answer: "gift wrapping!"},
		{On: mustDay(t, "2026-11-02"), Kind: model.FeedbackWish, Question: model.WishQuestion, Answer: "Candle-making classes"},
		{On: mustDay(t, "2026-10-12"), CustomerID: ids["Ada Lovelace"], Kind: model.FeedbackNPS, Score: 9, HasScore: true,
			Status: model.FeedbackReplied, RepliedOn: mustDay(t, "2026-10-13")},
		{On: mustDay(t, "2026-09-05"), CustomerID: ids["Customer 01"], Kind: model.FeedbackNPS, Score: 7, HasScore: true},
		{On: mustDay(t, "2026-06-30"), CustomerID: ids["Customer 02"], Kind: model.FeedbackPraise,
			Answer: "Lovely packaging", Status: model.FeedbackActedOn},
	}
	for i := range feedback {
		if err := db.CreateFeedback(ctx, &feedback[i]); err != nil {
			t.Fatal(err)
		}
	}
	complaints := []model.Complaint{
		{OpenedOn: mustDay(t, "2026-11-19"), CustomerID: ids["李雷"], Category: model.ComplaintQuality,
			Severity: model.SeverityHigh, WhatWentWrong: "Candle smoked and blackened the jar"},
		{OpenedOn: mustDay(t, "2026-11-20"), CustomerID: ids["Ben Okafor"], Category: model.ComplaintDelivery,
			Severity: model.SeverityLow, WhatWentWrong: "Parcel arrived late"},
		{OpenedOn: mustDay(t, "2026-09-14"), CustomerID: ids["Ada Lovelace"], Category: model.ComplaintQuality,
			Severity: model.SeverityMedium, WhatWentWrong: "Two soaps cracked", Remedy: "Sent two new bars",
			RemedyCost: 900, Guarantee: true, HonouredOn: mustDay(t, "2026-09-16"), RemediedOn: mustDay(t, "2026-09-16"),
			Prevention: "Wrap each bar in card", Status: model.ComplaintClosed, ClosedOn: mustDay(t, "2026-09-18"),
			Outcome: "Happy, reordered"},
		{OpenedOn: mustDay(t, "2025-06-14"), CustomerID: ids["Dev Patel"], Category: model.ComplaintDelivery,
			Severity: model.SeverityMedium, WhatWentWrong: "Parcel arrived late", Remedy: "Refunded the candle",
			RemediedOn: mustDay(t, "2025-06-20"), Status: model.ComplaintRemedied},
	}
	for i := range complaints {
		if err := db.CreateComplaint(ctx, &complaints[i]); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func mustDay(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := model.ParseDateTime(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// pressCount counts key presses as a person makes them: a named key is
// one press, text is one press a character.
func pressCount(keys ...string) int {
	n := 0
	for _, k := range keys {
		if _, ok := namedKeys[k]; ok {
			n++
			continue
		}
		n += len([]rune(k))
	}
	return n
}

// record sends keys and checks they are at most five presses, text typed
// into a field not counted (textOnly lists those).
func record(t *testing.T, d *driver, textOnly map[string]bool, keys ...string) {
	t.Helper()
	var counted []string
	for _, k := range keys {
		if !textOnly[k] {
			counted = append(counted, k)
		}
	}
	if n := pressCount(counted...); n > 5 {
		t.Fatalf("%q takes %d key presses, more than 5", keys, n)
	}
	d.keys(keys...)
}

func feedbackRows(t *testing.T, db *store.DB, q model.FeedbackQuery) []model.FeedbackRow {
	t.Helper()
	rows, _, err := db.ListFeedback(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestFeedbackScreenGolden(t *testing.T) {
	d := newDriver(t, feedbackFixtureStore(t), 80, 24)
	d.keys("4")
	golden.RequireEqual(t, d.screen())
}

func TestNPSViewGolden(t *testing.T) {
	d := newDriver(t, feedbackFixtureStore(t), 80, 24)
	d.keys("4", "v")
	golden.RequireEqual(t, d.screen())
}

func TestWishlistGolden(t *testing.T) {
	d := newDriver(t, feedbackFixtureStore(t), 80, 24)
	d.keys("4", "v", "v", "enter")
	golden.RequireEqual(t, d.screen())
}

func TestRecordNPSFromTheDetailInThreeKeys(t *testing.T) {
	db := feedbackFixtureStore(t)
	d := newDriver(t, db, 80, 30) // tall enough for the timeline under the profit
	d.keys("2", "enter")          // Ada Lovelace's detail; the app opens on Today
	mustContain(t, d.screen(), "Ada Lovelace", "Timeline")
	record(t, d, nil, "f", "9", "enter")
	mustContain(t, d.screen(), "Recorded NPS 9 from Ada Lovelace.", "feedback  NPS 9")
	rows := feedbackRows(t, db, model.FeedbackQuery{Customer: "ada", Kind: model.FeedbackNPS})
	got := rows[0]
	if got.Score != 9 || !got.HasScore || got.Question != model.NPSQuestion || got.Channel != model.ChannelEmail ||
		!got.On.Equal(model.Day(testNow)) || got.Status != model.FeedbackNew {
		t.Errorf("recorded %+v", got)
	}
}

func TestRecordFromTheListAndTheScreen(t *testing.T) {
	db := feedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	// From the customer list, an NPS of ten for the customer under the
	// cursor: four presses.
	d.keys("2") // the app opens on Today
	record(t, d, nil, "f", "1", "0", "enter")
	mustContain(t, d.screen(), "Recorded NPS 10 from Ada Lovelace.", "Customers")
	if rows := feedbackRows(t, db, model.FeedbackQuery{Customer: "ada", Kind: model.FeedbackNPS}); rows[0].Score != 10 {
		t.Errorf("recorded %+v", rows[0])
	}
	// From the Feedback screen, an anonymous wish: a, w, the wish, enter.
	d.keys("4")
	record(t, d, map[string]bool{"Gift boxes": true}, "a", "w", "Gift boxes", "enter")
	mustContain(t, d.screen(), "Recorded a wish (anonymous).", "Gift boxes")
	rows := feedbackRows(t, db, model.FeedbackQuery{Kind: model.FeedbackWish})
	if rows[0].Answer != "Gift boxes" || rows[0].CustomerID != 0 || rows[0].Question != model.WishQuestion {
		t.Errorf("wish %+v", rows[0])
	}
	// And a named customer's praise: the customer field comes second.
	record(t, d, map[string]bool{"So fast": true, "ben okafor": true}, "a", "p", "So fast", "tab", "ben okafor", "enter")
	mustContain(t, d.screen(), "Recorded praise from Ben Okafor.")
	if rows := feedbackRows(t, db, model.FeedbackQuery{Kind: model.FeedbackPraise, Customer: "okafor"}); len(rows) != 1 {
		t.Errorf("praise for Ben: %+v", rows)
	}
}

func TestFeedbackFormNamesTheFieldAndKeepsTheTyping(t *testing.T) {
	db := feedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("4", "a")
	// q picks a question while the form is open: it does not quit.
	d.keys("n", "11", "tab", "nobody special", "tab", "Loved the bath bomb", "enter")
	mustContain(t, d.screen(), `Score, 0 to 10  ✗ "11" is not a score from 0 to 10`,
		`no customer is called "nobody special"`, "Loved the bath bomb")
	// esc with changes asks first; n keeps editing.
	d.keys("esc")
	mustContain(t, d.screen(), "Discard your changes?")
	d.keys("n", "backspace", "tab")
	for range len("nobody special") {
		d.keys("backspace")
	}
	d.keys("enter")
	mustContain(t, d.screen(), "Recorded NPS 1 (anonymous).")
	rows := feedbackRows(t, db, model.FeedbackQuery{Kind: model.FeedbackNPS})
	if rows[0].Score != 1 || rows[0].Answer != "Loved the bath bomb" {
		t.Errorf("saved %+v", rows[0])
	}

	d.keys("a", "q")
	mustContain(t, d.screen(), "What did they ask?")
	d.keys("esc") // nothing typed: closes at once
	mustContain(t, d.screen(), "Log")
}

func TestMarkRepliedAndActedOn(t *testing.T) {
	db := feedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("4")
	mustContain(t, d.screen(), "1 detractor has no reply", "NO REPLY")
	d.keys("down", "r") // 李雷's 4
	mustContain(t, d.screen(), "Marked replied.")
	if strings.Contains(d.screen(), "NO REPLY") || strings.Contains(d.screen(), "detractor has no reply") {
		t.Errorf("still flagged:\n%s", d.screen())
	}
	rows := feedbackRows(t, db, model.FeedbackQuery{Customer: "李"})
	if rows[0].Status != model.FeedbackReplied || !rows[0].RepliedOn.Equal(model.Day(testNow)) {
		t.Errorf("after r: %+v", rows[0])
	}
	d.keys("d")
	mustContain(t, d.screen(), "Marked acted on.")
	if rows := feedbackRows(t, db, model.FeedbackQuery{Customer: "李"}); rows[0].Status != model.FeedbackActedOn {
		t.Errorf("after d: %+v", rows[0])
	}
	d.keys("r", "r") // replied, then back to new
	if rows := feedbackRows(t, db, model.FeedbackQuery{Customer: "李"}); rows[0].Status != model.FeedbackNew {
		t.Errorf("after r r: %+v", rows[0])
	}
	mustContain(t, d.screen(), "NO REPLY")
}

func TestLogFilters(t *testing.T) {
	d := newDriver(t, feedbackFixtureStore(t), 80, 24)
	d.keys("4", "t", "t", "t") // all → praise → suggestion → wish
	mustContain(t, d.screen(), "kind wish · esc clears", "gift wrapping!", "1 of 3")
	if strings.Contains(d.screen(), "Always on time") {
		t.Error("the kind filter kept an NPS answer")
	}
	d.keys("t", "t") // question → NPS, named as the log names it
	mustContain(t, d.screen(), "kind NPS · esc clears", "Always on time")
	d.keys("a", "9") // and as the form names it
	mustContain(t, d.screen(), "New feedback · NPS  enter saves")
	d.keys("esc", "y")
	d.keys("esc", "s") // status new
	mustContain(t, d.screen(), "status new", "1 of 6")
	d.keys("esc", "/", "okaf")
	mustContain(t, d.screen(), "Always on time", "gift wrapping!", "1 of 2")
	d.keys("q") // typed, not obeyed
	mustContain(t, d.screen(), "okafq", "No feedback matches")
	d.keys("backspace", "enter")
	mustContain(t, d.screen(), "customer “okaf”", "1 of 2")
	d.keys("esc", "S") // the first segment, Gift buyers: 李雷
	mustContain(t, d.screen(), "segment Gift buyers", "The candle smoked", "1 of 1")
	d.keys("esc", "O") // about Lavender soap
	mustContain(t, d.screen(), "about Lavender soap", "Gift w", "1 of 1")
	d.keys("esc")
	mustContain(t, d.screen(), "1 of 8")
	d.keys("enter") // opens Ben Okafor, who gave the newest
	mustContain(t, d.screen(), "call 555-0142 (preferred)", "feedback  NPS 10: Always on time")
	d.keys("esc", "down", "down", "down", "down", "o") // the anonymous wish
	mustContain(t, d.screen(), "That feedback is anonymous.")
}

func TestPromoteAPromoterToAdvocate(t *testing.T) {
	db := feedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("4", "v")
	mustContain(t, d.screen(), "Promoters who are not advocates yet · 1", "Ben Okafor")
	d.keys("p")
	mustContain(t, d.screen(), "Ben Okafor is now an advocate. Press u to undo.", "Promoters who are not advocates yet · 0")
	stage := func() model.Stage {
		rows, _, _ := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: "okafor"})
		return rows[0].Stage
	}
	if got := stage(); got != model.StageAdvocate {
		t.Errorf("Ben is %s", got)
	}
	d.keys("u")
	mustContain(t, d.screen(), "Ben Okafor is a customer again.", "Promoters who are not advocates yet · 1")
	if got := stage(); got != model.StageCustomer {
		t.Errorf("after u, Ben is %s", got)
	}
	d.keys("u")
	mustContain(t, d.screen(), "Nothing to undo.")
}

func TestNameAndMergeThemes(t *testing.T) {
	db := feedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("4", "v", "v")
	mustContain(t, d.screen(), "3 wishes in 2 themes", "Gift wrapping", "Candle-making classes")
	// Name the first theme: every wish in it takes the name.
	d.keys("t")
	for range len("Gift wrapping") {
		d.keys("backspace")
	}
	d.keys("Wrapping service", "enter")
	mustContain(t, d.screen(), "2 wishes now under “Wrapping service”.", "◆ Wrapping service")
	// Merge the classes into it: mark, move back, m.
	d.keys("down", "space", "up", "m")
	mustContain(t, d.screen(), "3 wishes now under “Wrapping service”.", "3 wishes in 1 theme")
	ws, err := db.Wishes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if w.Theme != "Wrapping service" {
			t.Errorf("wish %q has theme %q", w.Answer, w.Theme)
		}
	}
	// One wish of a theme takes a theme of its own: open the theme, move to
	// the wish (the newest: Ada's), t.
	d.keys("enter", "down", "t")
	for range len("Wrapping service") {
		d.keys("backspace")
	}
	d.keys("Gift wrapping", "enter")
	mustContain(t, d.screen(), "1 wish now under “Gift wrapping”.", "3 wishes in 2 themes")
	ws, _ = db.Wishes(context.Background())
	if ws[0].Answer != "Gift wrapping" || ws[0].Theme != "Gift wrapping" || ws[1].Theme != "Wrapping service" {
		t.Errorf("after naming one wish: %+v", ws)
	}
}

func TestTheCursorFollowsTheThemeMergedInto(t *testing.T) {
	db := feedbackFixtureStore(t)
	w := model.Feedback{On: mustDay(t, "2026-10-01"), Kind: model.FeedbackWish, Question: model.WishQuestion,
		Answer: "Refill pouches"}
	if err := db.CreateFeedback(context.Background(), &w); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.keys("4", "v", "v") // gift wrapping (2), candle-making classes, refill pouches
	// Mark gift wrapping and merge it into refill pouches, listed last: with
	// three wishes it moves to the top, and the cursor goes with it.
	d.keys("space", "end", "m")
	mustContain(t, d.screen(), "3 wishes now under “Refill pouches”.")
	if row := cursorRow(d.screen()); !strings.Contains(row, "Refill pouches") {
		t.Errorf("the cursor is on %q, want the theme merged into", row)
	}
}

func TestFeedbackAndComplaintScreensAtEverySize(t *testing.T) {
	d := newDriver(t, feedbackFixtureStore(t), 80, 24)
	for _, keys := range [][]string{{"4"}, {"v"}, {"v", "enter"}, {"5"}, {"enter"}, {"esc", "4", "a"}, {"9"}} {
		d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		d.keys(keys...)
		for w := 0; w < 130; w += 9 {
			for h := 0; h < 40; h += 5 {
				d.send(tea.WindowSizeMsg{Width: w, Height: h})
				lines := strings.Split(d.screen(), "\n")
				if h > 0 && len(lines) > h {
					t.Fatalf("%v at %dx%d: %d lines", keys, w, h, len(lines))
				}
				for _, l := range lines {
					if lipglossWidth(l) > w {
						t.Fatalf("%v at %dx%d: line %q is %d wide", keys, w, h, l, lipglossWidth(l))
					}
				}
			}
		}
	}
}
