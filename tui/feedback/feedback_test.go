package feedback_test

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
	"clientele/store"
	"clientele/tui/tuitest"
)

// pressCount counts key presses as a person makes them: a named key is
// one press, text is one press a character.
func pressCount(keys ...string) int {
	n := 0
	for _, k := range keys {
		if _, ok := tuitest.NamedKeys[k]; ok {
			n++
			continue
		}
		n += len([]rune(k))
	}
	return n
}

// record sends keys and checks they are at most five presses, text typed
// into a field not counted (textOnly lists those).
func record(t *testing.T, d *tuitest.Driver, textOnly map[string]bool, keys ...string) {
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
	d.Keys(keys...)
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
	t.Parallel()
	d := newDriver(t, tuitest.FeedbackFixtureStore(t), 80, 24)
	d.Keys("4")
	golden.RequireEqual(t, d.Screen())
}

func TestNPSViewGolden(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FeedbackFixtureStore(t), 80, 24)
	d.Keys("4", "v")
	golden.RequireEqual(t, d.Screen())
}

func TestWishlistGolden(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FeedbackFixtureStore(t), 80, 24)
	d.Keys("4", "v", "v", "enter")
	golden.RequireEqual(t, d.Screen())
}

func TestRecordNPSFromTheDetailInThreeKeys(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	d := newDriver(t, db, 80, 30) // tall enough for the timeline under the profit
	d.Keys("2", "enter")          // Ada Lovelace's detail; the app opens on Today
	tuitest.MustContain(t, d.Screen(), "Ada Lovelace", "Timeline")
	record(t, d, nil, "f", "9", "enter")
	tuitest.MustContain(t, d.Screen(), "Recorded NPS 9 from Ada Lovelace.", "feedback  NPS 9")
	rows := feedbackRows(t, db, model.FeedbackQuery{Customer: "ada", Kind: model.FeedbackNPS})
	got := rows[0]
	if got.Score != 9 || !got.HasScore || got.Question != model.NPSQuestion || got.Channel != model.ChannelEmail ||
		!got.On.Equal(model.Day(tuitest.Now)) || got.Status != model.FeedbackNew {
		t.Errorf("recorded %+v", got)
	}
}

func TestRecordFromTheListAndTheScreen(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	// From the customer list, an NPS of ten for the customer under the
	// cursor: four presses.
	d.Keys("2") // the app opens on Today
	record(t, d, nil, "f", "1", "0", "enter")
	tuitest.MustContain(t, d.Screen(), "Recorded NPS 10 from Ada Lovelace.", "Customers")
	if rows := feedbackRows(t, db, model.FeedbackQuery{Customer: "ada", Kind: model.FeedbackNPS}); rows[0].Score != 10 {
		t.Errorf("recorded %+v", rows[0])
	}
	// From the Feedback screen, an anonymous wish: a, w, the wish, enter.
	d.Keys("4")
	record(t, d, map[string]bool{"Gift boxes": true}, "a", "w", "Gift boxes", "enter")
	tuitest.MustContain(t, d.Screen(), "Recorded a wish (anonymous).", "Gift boxes")
	rows := feedbackRows(t, db, model.FeedbackQuery{Kind: model.FeedbackWish})
	if rows[0].Answer != "Gift boxes" || rows[0].CustomerID != 0 || rows[0].Question != model.WishQuestion {
		t.Errorf("wish %+v", rows[0])
	}
	// And a named customer's praise: the customer field comes second.
	record(t, d, map[string]bool{"So fast": true, "ben okafor": true}, "a", "p", "So fast", "tab", "ben okafor", "enter")
	tuitest.MustContain(t, d.Screen(), "Recorded praise from Ben Okafor.")
	if rows := feedbackRows(t, db, model.FeedbackQuery{Kind: model.FeedbackPraise, Customer: "okafor"}); len(rows) != 1 {
		t.Errorf("praise for Ben: %+v", rows)
	}
}

func TestFeedbackFormNamesTheFieldAndKeepsTheTyping(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("4", "a")
	// q picks a question while the form is open: it does not quit.
	d.Keys("n", "11", "tab", "nobody special", "tab", "Loved the bath bomb", "enter")
	tuitest.MustContain(t, d.Screen(), `Score, 0 to 10  ✗ "11" is not a score from 0 to 10`,
		`no customer is called "nobody special"`, "Loved the bath bomb")
	// esc with changes asks first; n keeps editing.
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Discard your changes?")
	d.Keys("n", "backspace", "tab")
	for range len("nobody special") {
		d.Keys("backspace")
	}
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "Recorded NPS 1 (anonymous).")
	rows := feedbackRows(t, db, model.FeedbackQuery{Kind: model.FeedbackNPS})
	if rows[0].Score != 1 || rows[0].Answer != "Loved the bath bomb" {
		t.Errorf("saved %+v", rows[0])
	}

	d.Keys("a", "q")
	tuitest.MustContain(t, d.Screen(), "What did they ask?")
	d.Keys("esc") // nothing typed: closes at once
	tuitest.MustContain(t, d.Screen(), "Log")
}

func TestMarkRepliedAndActedOn(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("4")
	tuitest.MustContain(t, d.Screen(), "1 detractor has no reply", "NO REPLY")
	d.Keys("down", "r") // 李雷's 4
	tuitest.MustContain(t, d.Screen(), "Marked replied.")
	if strings.Contains(d.Screen(), "NO REPLY") || strings.Contains(d.Screen(), "detractor has no reply") {
		t.Errorf("still flagged:\n%s", d.Screen())
	}
	rows := feedbackRows(t, db, model.FeedbackQuery{Customer: "李"})
	if rows[0].Status != model.FeedbackReplied || !rows[0].RepliedOn.Equal(model.Day(tuitest.Now)) {
		t.Errorf("after r: %+v", rows[0])
	}
	d.Keys("d")
	tuitest.MustContain(t, d.Screen(), "Marked acted on.")
	if rows := feedbackRows(t, db, model.FeedbackQuery{Customer: "李"}); rows[0].Status != model.FeedbackActedOn {
		t.Errorf("after d: %+v", rows[0])
	}
	d.Keys("r", "r") // replied, then back to new
	if rows := feedbackRows(t, db, model.FeedbackQuery{Customer: "李"}); rows[0].Status != model.FeedbackNew {
		t.Errorf("after r r: %+v", rows[0])
	}
	tuitest.MustContain(t, d.Screen(), "NO REPLY")
}

func TestLogFilters(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FeedbackFixtureStore(t), 80, 24)
	d.Keys("4", "t", "t", "t") // all → praise → suggestion → wish
	tuitest.MustContain(t, d.Screen(), "kind wish · esc clears", "gift wrapping!", "1 of 3")
	if strings.Contains(d.Screen(), "Always on time") {
		t.Error("the kind filter kept an NPS answer")
	}
	d.Keys("t", "t") // question → NPS, named as the log names it
	tuitest.MustContain(t, d.Screen(), "kind NPS · esc clears", "Always on time")
	d.Keys("a", "9") // and as the form names it
	tuitest.MustContain(t, d.Screen(), "New feedback · NPS  enter saves")
	d.Keys("esc", "y")
	d.Keys("esc", "s") // status new
	tuitest.MustContain(t, d.Screen(), "status new", "1 of 6")
	d.Keys("esc", "/", "okaf")
	tuitest.MustContain(t, d.Screen(), "Always on time", "gift wrapping!", "1 of 2")
	d.Keys("q") // typed, not obeyed
	tuitest.MustContain(t, d.Screen(), "okafq", "No feedback matches")
	d.Keys("backspace", "enter")
	tuitest.MustContain(t, d.Screen(), "“okaf”", "1 of 2")
	// / searches what was said too, not only who said it.
	d.Keys("esc", "/", "wrapping", "enter")
	tuitest.MustContain(t, d.Screen(), "“wrapping”", "gift wrapping!", "Gift w", "1 of 2")
	d.Keys("esc", "S") // the first segment, Gift buyers: 李雷
	tuitest.MustContain(t, d.Screen(), "segment Gift buyers", "The candle smoked", "1 of 1")
	d.Keys("esc", "O") // about Lavender soap
	tuitest.MustContain(t, d.Screen(), "about Lavender soap", "Gift w", "1 of 1")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "1 of 8")
	d.Keys("enter") // opens Ben Okafor, who gave the newest
	tuitest.MustContain(t, d.Screen(), "call 555-0142 (preferred)", "feedback  NPS 10: Always on time")
	d.Keys("esc", "down", "down", "down", "down", "o") // the anonymous wish
	tuitest.MustContain(t, d.Screen(), "That feedback is anonymous.")
}

func TestPromoteAPromoterToAdvocate(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("4", "v")
	tuitest.MustContain(t, d.Screen(), "Promoters who are not advocates yet · 1", "Ben Okafor")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Ben Okafor is now an advocate. Press u to undo.", "Promoters who are not advocates yet · 0")
	stage := func() model.Stage {
		rows, _, _ := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: "okafor"})
		return rows[0].Stage
	}
	if got := stage(); got != model.StageAdvocate {
		t.Errorf("Ben is %s", got)
	}
	// u is the book's undo: it takes the promotion back, and U (redo)
	// makes it again.
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Undone: moved Ben Okafor from customer to advocate", "Promoters who are not advocates yet · 1")
	if got := stage(); got != model.StageCustomer {
		t.Errorf("after u, Ben is %s", got)
	}
	d.Keys("U")
	tuitest.MustContain(t, d.Screen(), "Redone: moved Ben Okafor from customer to advocate", "Promoters who are not advocates yet · 0")
	if got := stage(); got != model.StageAdvocate {
		t.Errorf("after U, Ben is %s", got)
	}
}

func TestNameAndMergeThemes(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("4", "v", "v")
	tuitest.MustContain(t, d.Screen(), "3 wishes in 2 themes", "Gift wrapping", "Candle-making classes")
	// Name the first theme: every wish in it takes the name.
	d.Keys("t")
	for range len("Gift wrapping") {
		d.Keys("backspace")
	}
	d.Keys("Wrapping service", "enter")
	tuitest.MustContain(t, d.Screen(), "2 wishes now under “Wrapping service”.", "◆ Wrapping service")
	// Merge the classes into it: mark, move back, m.
	d.Keys("down", "space", "up", "m")
	tuitest.MustContain(t, d.Screen(), "3 wishes now under “Wrapping service”.", "3 wishes in 1 theme")
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
	d.Keys("enter", "down", "t")
	for range len("Wrapping service") {
		d.Keys("backspace")
	}
	d.Keys("Gift wrapping", "enter")
	tuitest.MustContain(t, d.Screen(), "1 wish now under “Gift wrapping”.", "3 wishes in 2 themes")
	ws, _ = db.Wishes(context.Background())
	if ws[0].Answer != "Gift wrapping" || ws[0].Theme != "Gift wrapping" || ws[1].Theme != "Wrapping service" {
		t.Errorf("after naming one wish: %+v", ws)
	}
}

func TestTheCursorFollowsTheThemeMergedInto(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	w := model.Feedback{On: tuitest.MustDay(t, "2026-10-01"), Kind: model.FeedbackWish, Question: model.WishQuestion,
		Answer: "Refill pouches"}
	if err := db.CreateFeedback(context.Background(), &w); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("4", "v", "v") // gift wrapping (2), candle-making classes, refill pouches
	// Mark gift wrapping and merge it into refill pouches, listed last: with
	// three wishes it moves to the top, and the cursor goes with it.
	d.Keys("space", "end", "m")
	tuitest.MustContain(t, d.Screen(), "3 wishes now under “Refill pouches”.")
	if row := tuitest.CursorRow(d.Screen()); !strings.Contains(row, "Refill pouches") {
		t.Errorf("the cursor is on %q, want the theme merged into", row)
	}
}

func TestFeedbackAndComplaintScreensAtEverySize(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FeedbackFixtureStore(t), 80, 24)
	for _, keys := range [][]string{{"4"}, {"v"}, {"v", "enter"}, {"5"}, {"enter"}, {"esc", "4", "a"}, {"9"}} {
		d.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
		d.Keys(keys...)
		for w := 0; w < 130; w += 9 {
			for h := 0; h < 40; h += 5 {
				d.Send(tea.WindowSizeMsg{Width: w, Height: h})
				lines := strings.Split(d.Screen(), "\n")
				if h > 0 && len(lines) > h {
					t.Fatalf("%v at %dx%d: %d lines", keys, w, h, len(lines))
				}
				for _, l := range lines {
					if ansi.StringWidth(l) > w {
						t.Fatalf("%v at %dx%d: line %q is %d wide", keys, w, h, l, ansi.StringWidth(l))
					}
				}
			}
		}
	}
}

// ? lists the keys of the view on screen: "t kind" and "t name theme" side
// by side, and "enter who asked" on the log (where enter opens the
// customer), misled.
func TestHelpListsTheKeysOfTheViewOnScreen(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FeedbackFixtureStore(t), 100, 30)
	d.Keys("4", "?")
	tuitest.MustContain(t, d.Screen(), "o/enter open customer", "t by kind", "/ search")
	tuitest.MustLack(t, d.Screen(), "who asked", "name theme")
	d.Keys("esc", "v", "v", "?") // the wishlist
	tuitest.MustContain(t, d.Screen(), "who asked", "name theme")
	tuitest.MustLack(t, d.Screen(), "by kind", "open customer")
}
