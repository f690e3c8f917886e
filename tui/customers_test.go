package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"clientele/model"
	"clientele/store"
)

func TestCustomerListGolden(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 80, 24)
	golden.RequireEqual(t, d.screen())
}

func TestCustomerDetailGolden(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 80, 24)
	d.keys("enter") // Ada Lovelace, first by name
	golden.RequireEqual(t, d.screen())
}

func TestWelcomeOnEmptyDatabase(t *testing.T) {
	db := openStore(t)
	d := newDriver(t, db, 80, 24)
	mustContain(t, d.screen(), "Your customer book is empty", "add your first customer", "import a CSV")
	d.keys("i")
	mustContain(t, d.screen(), "clientele import")

	loaded := false
	d.app.com.loadDemo = func(ctx context.Context) (string, error) {
		loaded = true
		c := model.Customer{Name: "Demo Person", Stage: model.StageCustomer}
		return "Loaded 1 customer.", db.CreateCustomer(ctx, &c)
	}
	d.keys("esc", "d")
	if !loaded {
		t.Fatal("d did not load the demo")
	}
	mustContain(t, d.screen(), "Demo Person", "Loaded 1 customer.")
}

func TestLoadingTheDemoShowsItsSettings(t *testing.T) {
	db := openStore(t)
	d := newDriver(t, db, 100, 30)
	mustContain(t, d.screen(), "My business")
	d.app.com.loadDemo = func(ctx context.Context) (string, error) {
		s := model.DefaultSettings()
		s.BusinessName, s.Currency, s.TierNames = "Hearth & Lye", "EUR", [model.Tiers]string{"Sampler", "Regular", "Collector"}
		if err := db.SaveSettings(ctx, s); err != nil {
			return "", err
		}
		c := model.Customer{Name: "Demo Person", Stage: model.StageCustomer, Tier: 2}
		return "Loaded 1 customer.", db.CreateCustomer(ctx, &c)
	}
	d.keys("d")
	mustContain(t, d.screen(), "Hearth & Lye", "Demo Person")
	mustLack(t, d.screen(), "My business")
	d.keys("enter")
	mustContain(t, d.screen(), "Regular tier")
}

func TestSortCyclesAndFilterNarrows(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 100, 30)
	d.keys("s") // by last order, newest first
	mustContain(t, d.screen(), "sorted by last order")
	if first := cursorRow(d.screen()); !strings.Contains(first, "Ben Okafor") {
		t.Errorf("first row by last order is %q, want Ben Okafor", first)
	}
	d.keys("s") // by revenue
	if first := cursorRow(d.screen()); !strings.Contains(first, "Ada Lovelace") {
		t.Errorf("first row by revenue is %q, want Ada Lovelace", first)
	}
	d.keys("/", "market")
	mustContain(t, d.screen(), "Ben Okafor", "1 customer")
	if strings.Contains(d.screen(), "Ada Lovelace") {
		t.Error("the filter kept Ada")
	}
	// While the filter has focus q is typed, not obeyed.
	d.keys("q")
	mustContain(t, d.screen(), "marketq", "No customer matches")
	d.keys("backspace", "enter")
	mustContain(t, d.screen(), "Ben Okafor")
	d.keys("esc")
	mustContain(t, d.screen(), "Ada Lovelace", "25 customers")
}

// cursorRow returns the row of a list screen the cursor is on.
func cursorRow(screen string) string {
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasPrefix(line, "▸ ") {
			return line
		}
	}
	return ""
}

func TestArchiveAndUndo(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 100, 30)
	d.keys("x")
	mustContain(t, d.screen(), "Archived Ada Lovelace. Press u to undo.", "24 customers")
	d.keys("A")
	mustContain(t, d.screen(), "Ada Lovelace (archived)", "25 customers")
	d.keys("A", "u")
	mustContain(t, d.screen(), "Ada Lovelace is back.", "25 customers")
}

func TestAOneLineChoiceIsNotFiltered(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 80, 24)
	d.keys("a", "Quinn", "enter", "enter", "enter", "enter", "enter", "enter") // on the preferred channel
	mustContain(t, d.screen(), "┃ Preferred channel", "→ next choice")
	mustLack(t, d.screen(), "/ filter")
	d.keys("/", "e")
	mustContain(t, d.screen(), "┃ Preferred channel")
}

func TestXOnAnArchivedCustomerBringsThemBackAndSaysSo(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 180, 30) // wide enough for x in the help lines
	d.keys("x", "A")
	mustContain(t, d.screen(), "Ada Lovelace (archived)", "x unarchive")
	d.keys("enter")
	mustContain(t, d.screen(), "archived 2026-11-23", "x unarchive")
	d.keys("x")
	mustContain(t, d.screen(), "Ada Lovelace is back.", "x archive")
	mustLack(t, d.screen(), "Archived Ada", "archived 2026-11-23")
}

func TestScrollingLoadsWindowsAndReachesTheEnd(t *testing.T) {
	db := openStore(t)
	err := db.Load(context.Background(), func(l *store.Loader) error {
		for i := range 1000 {
			c := model.Customer{Name: sprintf("Person %04d", i), Stage: model.StageCustomer}
			if err := l.Customer(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	for range 300 {
		d.keys("down")
	}
	mustContain(t, d.screen(), "Person 0300", "301 of 1,000")
	d.keys("end")
	mustContain(t, d.screen(), "Person 0999", "1,000 of 1,000")
	if strings.Contains(d.screen(), "…  ") {
		t.Errorf("rows still loading at the end:\n%s", d.screen())
	}
	d.keys("home")
	mustContain(t, d.screen(), "Person 0000")
}

func TestAddCustomerFormValidatesAndKeepsTyping(t *testing.T) {
	db := fixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("a")
	mustContain(t, d.screen(), "New customer", "Who they are")
	d.keys("enter") // empty name
	mustContain(t, d.screen(), "Name  ✗ is required")
	d.keys("Quinn", "enter", "quinn@", "enter")
	mustContain(t, d.screen(), `✗ "quinn@" is not an email address`, "Quinn")
	d.keys("example.com", "enter", "enter", "enter", "enter", "enter", "enter")
	mustContain(t, d.screen(), "The relationship")
	// esc with changes asks before discarding; n keeps editing.
	d.keys("esc")
	mustContain(t, d.screen(), "Discard your changes?")
	d.keys("n")
	mustContain(t, d.screen(), "The relationship")
	for range 5 {
		d.keys("enter")
	}
	mustContain(t, d.screen(), "Where they came from")
	d.keys("Nobody", "enter")
	mustContain(t, d.screen(), `no customer is called "Nobody"`)
	for range 6 {
		d.keys("backspace")
	}
	d.keys("ada lovelace", "enter", "fair", "enter", "12,5O", "enter")
	mustContain(t, d.screen(), `"12,5O" is not a number`)
	for range 5 {
		d.keys("backspace")
	}
	d.keys("12.50", "enter", "+7", "enter")
	mustContain(t, d.screen(), "Notes")
	d.keys("enter", "enter", "enter")
	mustContain(t, d.screen(), "Added Quinn.")

	rows, _, err := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: "quinn"})
	if err != nil || len(rows) != 1 {
		t.Fatalf("saved rows %v, %v", rows, err)
	}
	c, _ := db.Customer(context.Background(), rows[0].ID)
	if c.Email != "quinn@example.com" || c.AcquisitionCost != 1250 || c.ReferredBy == 0 ||
		model.FormatDate(c.NextReview) != "2026-11-30" || c.Source != "fair" {
		t.Errorf("saved %+v", c)
	}
}

func TestEditKeepsFieldsTheFormDoesNotShow(t *testing.T) {
	db := fixtureStore(t)
	ctx := context.Background()
	rows, _, _ := db.ListCustomers(ctx, model.CustomerQuery{Filter: "ada"})
	ada, _ := db.Customer(ctx, rows[0].ID)
	ada.SnoozedUntil = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if err := db.UpdateCustomer(ctx, &ada); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.keys("e")
	mustContain(t, d.screen(), "Edit Ada Lovelace")
	d.keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace",
		"Countess", "enter", "enter", "enter", "enter", "enter", "enter", "enter")
	for range 12 {
		d.keys("enter")
	}
	mustContain(t, d.screen(), "Saved Ada Countess.")
	got, _ := db.Customer(ctx, ada.ID)
	if got.Name != "Ada Countess" || !got.SnoozedUntil.Equal(ada.SnoozedUntil) || got.Tier != 3 ||
		got.AcquisitionCost != 1200 || len(got.Segments) != 1 {
		t.Errorf("after edit %+v", got)
	}
}

func TestQuitKeysAndHelp(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 80, 24)
	d.keys("?")
	mustContain(t, d.screen(), "Keys on Customers", "show archived", "go to screen", "Any key closes\nthis.")
	_, cmd := d.app.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	if cmd != nil {
		t.Error("q while help is open did more than close it")
	}
	_, cmd = d.app.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	if cmd == nil {
		t.Fatal("q did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("q's command is not quit")
	}
}

func TestTinyTerminalAndResizeStorm(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 80, 24)
	d.keys("enter")
	for w := 0; w < 130; w += 7 {
		for h := 0; h < 40; h += 3 {
			d.send(tea.WindowSizeMsg{Width: w, Height: h})
			out := d.screen()
			lines := strings.Split(out, "\n")
			if h > 0 && len(lines) > h {
				t.Fatalf("%dx%d: %d lines", w, h, len(lines))
			}
			for _, l := range lines {
				if lipglossWidth(l) > w {
					t.Fatalf("%dx%d: line %q is %d wide", w, h, l, lipglossWidth(l))
				}
			}
		}
	}
	d.send(tea.WindowSizeMsg{Width: 15, Height: 4})
	mustContain(t, d.screen(), "too small")
}

func TestTeatestFilterAndOpen(t *testing.T) {
	app := New(fixtureStore(t), Options{Now: func() time.Time { return testNow }})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(90, 26))
	tm.Send(tea.BackgroundColorMsg{Color: nil})
	waitFor(t, tm, "Ada Lovelace")
	tm.Type("/")
	tm.Type("okafor")
	waitFor(t, tm, "1 customer")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "call 555-0142 (preferred)")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), text) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// The next follow-up shows in its own column when the list is wide enough,
// and as a mark beside the last order when it is not: · set for later, !
// due.
func TestCustomerListShowsFollowUps(t *testing.T) {
	db := fixtureStore(t)
	names, _ := db.CustomerNames(context.Background())
	for _, n := range names {
		if n.Name == "Ben Okafor" {
			if err := db.SetFollowUp(context.Background(), n.ID, testNow.AddDate(0, 0, -3)); err != nil {
				t.Fatal(err)
			}
		}
	}
	d := newDriver(t, db, 80, 24)
	d.keys("2") // Ben's follow-up is due: the app opened on Today
	mustContain(t, d.screen(), "★ Ada Lovelace       advocate Wholesale    2026-10-01 ·",
		"Ben Okafor           customer Market regu… 2026-11-02 !")
	if strings.Contains(d.screen(), "follow-up") {
		t.Error("a follow-up column at 80 columns")
	}
	d.send(tea.WindowSizeMsg{Width: 100, Height: 24})
	mustContain(t, d.screen(), "last order follow-up", "2026-10-01 2026-11-25", "2026-11-02 2026-11-20")
	if strings.Contains(d.screen(), "2026-10-01 ·") {
		t.Error("the mark and the column at once")
	}
}

func TestEditingKeepsStoredTextItDidNotTouch(t *testing.T) {
	db := fixtureStore(t)
	ctx := context.Background()
	rows, _, _ := db.ListCustomers(ctx, model.CustomerQuery{Filter: "ben"})
	ben, _ := db.Customer(ctx, rows[0].ID)
	ben.Notes = "pays late\u202e (bidi) \x1b[31m"
	ben.Segments = []string{"Market\u200bregulars"}
	if err := db.UpdateCustomer(ctx, &ben); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.keys("2", "/", "okafor", "enter", "e")
	mustContain(t, d.screen(), "Edit Ben Okafor")
	d.keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "Okafor-Smith")
	for range 20 {
		d.keys("enter")
	}
	mustContain(t, d.screen(), "Saved Ben Okafor-Smith.")
	got, _ := db.Customer(ctx, ben.ID)
	if got.Name != "Ben Okafor-Smith" || got.Notes != ben.Notes || got.Segments[0] != ben.Segments[0] {
		t.Errorf("after editing only the name: %q %q %q", got.Name, got.Notes, got.Segments)
	}
}
