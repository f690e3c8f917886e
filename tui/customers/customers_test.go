package customers_test

import (
	"context"
	"fmt"
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
	"clientele/tui/tuitest"
)

func TestCustomerListGolden(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	golden.RequireEqual(t, d.Screen())
}

func TestCustomerDetailGolden(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Keys("enter") // Ada Lovelace, first by name
	golden.RequireEqual(t, d.Screen())
}

func TestWelcomeOnEmptyDatabase(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	loaded := false
	d := newDriverWith(t, db, 80, 24, tui.Options{LoadDemo: func(ctx context.Context) (string, error) {
		loaded = true
		c := model.Customer{Name: "Demo Person", Stage: model.StageCustomer}
		return "Loaded 1 customer.", db.CreateCustomer(ctx, &c)
	}})
	tuitest.MustContain(t, d.Screen(), "Your customer book is empty", "add your first customer", "import your orders, payments or contacts",
		"load the demo business")
	d.Keys("i")
	tuitest.MustContain(t, d.Screen(), "clientele import")
	d.Keys("esc", "d")
	if !loaded {
		t.Fatal("d did not load the demo")
	}
	tuitest.MustContain(t, d.Screen(), "Demo Person", "Loaded 1 customer.")
}

// The welcome says which file the book is, and d opens the demo in a file
// of its own: the app works on it, and the book stays empty.
func TestTheDemoOpensInItsOwnFileAndTheBookIsNamed(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	demo := tuitest.OpenStore(t)
	d := newDriverWith(t, db, 120, 24, tui.Options{DemoFile: demo.Path(), // the temporary paths are long
		OpenDemo: func(ctx context.Context) (model.Store, string, error) {
			c := model.Customer{Name: "Demo Person", Stage: model.StageCustomer}
			return demo, "Demo opened.", demo.CreateCustomer(ctx, &c)
		}})
	tuitest.MustContain(t, d.Screen(), "This book is the file\n     "+db.Path(), "open the demo business", "file of its own",
		demo.Path(), "d open demo")
	d.Keys("?")
	tuitest.MustContain(t, d.Screen(), "Keys on Customers · the book: "+db.Path())
	d.Keys("esc", "d")
	tuitest.MustContain(t, d.Screen(), "Demo Person", "Demo opened.")
	if n, err := db.CustomerCount(context.Background()); n != 0 || err != nil {
		t.Errorf("the book holds %d customers (%v): the demo landed in it", n, err)
	}
	d.Keys("?")
	tuitest.MustContain(t, d.Screen(), " · the book: "+demo.Path())
}

func TestLoadingTheDemoShowsItsSettings(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	d := newDriverWith(t, db, 100, 30, tui.Options{LoadDemo: func(ctx context.Context) (string, error) {
		s := model.DefaultSettings()
		s.BusinessName, s.Currency, s.TierNames = "Hearth & Lye", "EUR", [model.Tiers]string{"Sampler", "Regular", "Collector"}
		if err := db.SaveSettings(ctx, s); err != nil {
			return "", err
		}
		c := model.Customer{Name: "Demo Person", Stage: model.StageCustomer, Tier: 2}
		return "Loaded 1 customer.", db.CreateCustomer(ctx, &c)
	}})
	tuitest.MustContain(t, d.Screen(), "My business")
	d.Keys("d")
	tuitest.MustContain(t, d.Screen(), "Hearth & Lye", "Demo Person")
	tuitest.MustLack(t, d.Screen(), "My business")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "Regular tier")
}

func TestSortCyclesAndFilterNarrows(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 100, 30)
	d.Keys("s") // by last order, newest first
	tuitest.MustContain(t, d.Screen(), "sorted by last order")
	if first := tuitest.CursorRow(d.Screen()); !strings.Contains(first, "Ben Okafor") {
		t.Errorf("first row by last order is %q, want Ben Okafor", first)
	}
	d.Keys("s") // by revenue
	if first := tuitest.CursorRow(d.Screen()); !strings.Contains(first, "Ada Lovelace") {
		t.Errorf("first row by revenue is %q, want Ada Lovelace", first)
	}
	d.Keys("/", "market")
	tuitest.MustContain(t, d.Screen(), "Ben Okafor", "1 customer")
	if strings.Contains(d.Screen(), "Ada Lovelace") {
		t.Error("the filter kept Ada")
	}
	// While the filter has focus q is typed, not obeyed.
	d.Keys("q")
	tuitest.MustContain(t, d.Screen(), "marketq", "No customer matches")
	d.Keys("backspace", "enter")
	tuitest.MustContain(t, d.Screen(), "Ben Okafor")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Ada Lovelace", "25 customers")
}

func TestArchiveAndUndo(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 100, 30)
	d.Keys("x")
	tuitest.MustContain(t, d.Screen(), "Archived Ada Lovelace. Press u to undo.", "24 customers")
	d.Keys("A")
	tuitest.MustContain(t, d.Screen(), "Ada Lovelace (archived)", "25 customers")
	d.Keys("A", "u")
	tuitest.MustContain(t, d.Screen(), "Undone: archived Ada Lovelace", "25 customers")
}

func TestAOneLineChoiceIsNotFiltered(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Keys("a", "Quinn", "enter", "enter") // on the preferred channel, the third field
	tuitest.MustContain(t, d.Screen(), "┃ Preferred channel", "→ next choice")
	tuitest.MustLack(t, d.Screen(), "/ filter")
	d.Keys("/", "e")
	tuitest.MustContain(t, d.Screen(), "┃ Preferred channel")
}

func TestLettersTypedOnAChoiceMoveNothing(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Keys("a", "Quinn", "enter", "enter", "right") // the channel: email
	d.Keys("jkhlgGx")                               // huh's own keys moved the choice
	tuitest.MustContain(t, d.Screen(), "A choice takes no typing")
	d.Keys("ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Added Quinn.", "▸ Quinn")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "› Quinn", "email")
}

func TestXOnAnArchivedCustomerBringsThemBackAndSaysSo(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 180, 30) // wide enough for x in the help lines
	d.Keys("x", "A")
	tuitest.MustContain(t, d.Screen(), "Ada Lovelace (archived)", "x unarchive")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "archived 2026-11-23", "x unarchive")
	d.Keys("x")
	tuitest.MustContain(t, d.Screen(), "Ada Lovelace is back.", "x archive")
	tuitest.MustLack(t, d.Screen(), "Archived Ada", "archived 2026-11-23")
}

func TestScrollingLoadsWindowsAndReachesTheEnd(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	err := db.Load(context.Background(), func(l *store.Loader) error {
		for i := range 1000 {
			c := model.Customer{Name: fmt.Sprintf("Person %04d", i), Stage: model.StageCustomer}
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
		d.Keys("down")
	}
	tuitest.MustContain(t, d.Screen(), "Person 0300", "301 of 1,000")
	d.Keys("end")
	tuitest.MustContain(t, d.Screen(), "Person 0999", "1,000 of 1,000")
	if strings.Contains(d.Screen(), "…  ") {
		t.Errorf("rows still loading at the end:\n%s", d.Screen())
	}
	d.Keys("home")
	tuitest.MustContain(t, d.Screen(), "Person 0000")
}

func TestAddCustomerFormValidatesAndKeepsTyping(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("a")
	tuitest.MustContain(t, d.Screen(), "New customer", "Who they are")
	d.Keys("enter") // empty name
	tuitest.MustContain(t, d.Screen(), "Name  ✗ is required")
	d.Keys("Quinn", "enter", "quinn@", "enter")
	tuitest.MustContain(t, d.Screen(), `✗ "quinn@" is not an email address`, "Quinn")
	d.Keys("example.com", "enter", "enter", "enter", "enter", "enter", "enter")
	tuitest.MustContain(t, d.Screen(), "The relationship")
	// esc with changes asks before discarding; n keeps editing.
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Discard your changes?")
	d.Keys("n")
	tuitest.MustContain(t, d.Screen(), "The relationship")
	for range 5 {
		d.Keys("enter")
	}
	tuitest.MustContain(t, d.Screen(), "Where they came from")
	d.Keys("Nobody", "enter")
	tuitest.MustContain(t, d.Screen(), `no customer is called "Nobody"`)
	for range 6 {
		d.Keys("backspace")
	}
	d.Keys("ada lovelace", "enter", "fair", "enter", "12,5O", "enter")
	tuitest.MustContain(t, d.Screen(), `"12,5O" is not a number`)
	for range 5 {
		d.Keys("backspace")
	}
	d.Keys("12.50", "enter", "+7", "enter")
	tuitest.MustContain(t, d.Screen(), "Notes")
	d.Keys("enter", "enter", "enter", "ctrl+s") // the address and the owner's fields stay empty
	tuitest.MustContain(t, d.Screen(), "Added Quinn.")

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
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	rows, _, _ := db.ListCustomers(ctx, model.CustomerQuery{Filter: "ada"})
	ada, _ := db.Customer(ctx, rows[0].ID)
	ada.SnoozedUntil = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if err := db.UpdateCustomer(ctx, &ada); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "Edit Ada Lovelace")
	d.Keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace",
		"Countess", "enter", "enter", "enter", "enter", "enter", "enter", "enter")
	for range 12 {
		d.Keys("enter")
	}
	d.Keys("ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved Ada Countess.")
	got, _ := db.Customer(ctx, ada.ID)
	if got.Name != "Ada Countess" || !got.SnoozedUntil.Equal(ada.SnoozedUntil) || got.Tier != 3 ||
		got.AcquisitionCost != 1200 || len(got.Segments) != 1 {
		t.Errorf("after edit %+v", got)
	}
}

func TestQuitKeysAndHelp(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Keys("?")
	tuitest.MustContain(t, d.Screen(), "Keys on Customers", "show archived", "go to screen", "Any key closes this.")
	_, cmd := d.M.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	if cmd != nil {
		t.Error("q while help is open did more than close it")
	}
	_, cmd = d.M.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	if cmd == nil {
		t.Fatal("q did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("q's command is not quit")
	}
}

func TestTinyTerminalAndResizeStorm(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Keys("enter")
	for w := 0; w < 130; w += 7 {
		for h := 0; h < 40; h += 3 {
			d.Send(tea.WindowSizeMsg{Width: w, Height: h})
			out := d.Screen()
			lines := strings.Split(out, "\n")
			if h > 0 && len(lines) > h {
				t.Fatalf("%dx%d: %d lines", w, h, len(lines))
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > w {
					t.Fatalf("%dx%d: line %q is %d wide", w, h, l, ansi.StringWidth(l))
				}
			}
		}
	}
	d.Send(tea.WindowSizeMsg{Width: 15, Height: 4})
	tuitest.MustContain(t, d.Screen(), "too small")
}

func TestTeatestFilterAndOpen(t *testing.T) {
	t.Parallel()
	app := tui.New(tuitest.FixtureStore(t), tui.Options{Now: func() time.Time { return tuitest.Now }})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(90, 26))
	tm.Send(tea.BackgroundColorMsg{Color: nil})
	tuitest.WaitFor(t, tm, "Ada Lovelace")
	tm.Type("/")
	tm.Type("okafor")
	tuitest.WaitFor(t, tm, "1 customer")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tuitest.WaitFor(t, tm, "call 555-0142 (preferred)")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// The next follow-up shows in its own column when the list is wide enough,
// and as a mark beside the last order when it is not: · set for later, !
// due.
func TestCustomerListShowsFollowUps(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	names, _ := db.CustomerNames(context.Background())
	for _, n := range names {
		if n.Name == "Ben Okafor" {
			if err := db.SetFollowUp(context.Background(), n.ID, tuitest.Now.AddDate(0, 0, -3)); err != nil {
				t.Fatal(err)
			}
		}
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("2") // Ben's follow-up is due: the app opened on Today
	tuitest.MustContain(t, d.Screen(), "★ Ada Lovelace       advocate Wholesale    2026-10-01 ·",
		"Ben Okafor           customer Market regu… 2026-11-02 !")
	if strings.Contains(d.Screen(), "last order follow-up") {
		t.Error("a follow-up column at 80 columns")
	}
	// The mark's meaning, for the row under the cursor, on the status line.
	tuitest.MustContain(t, d.Screen(), "1 of 25 · follow-up 2026-11-25")
	d.Keys("down")
	tuitest.MustContain(t, d.Screen(), "2 of 25 · follow-up 2026-11-20 (due)")
	// The cursor on a marked row keeps the mark.
	d.Keys("space", "up")
	tuitest.MustContain(t, d.Screen(), "▸●Ben Okafor")
	d.Send(tea.WindowSizeMsg{Width: 100, Height: 24})
	tuitest.MustContain(t, d.Screen(), "last order follow-up", "2026-10-01 2026-11-25", "2026-11-02 2026-11-20")
	if strings.Contains(d.Screen(), "2026-10-01 ·") {
		t.Error("the mark and the column at once")
	}
}

func TestEditingKeepsStoredTextItDidNotTouch(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	rows, _, _ := db.ListCustomers(ctx, model.CustomerQuery{Filter: "ben"})
	ben, _ := db.Customer(ctx, rows[0].ID)
	ben.Notes = "pays late\u202e (bidi) \x1b[31m"
	ben.Segments = []string{"Market\u200bregulars"}
	if err := db.UpdateCustomer(ctx, &ben); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("2", "/", "okafor", "enter", "e")
	tuitest.MustContain(t, d.Screen(), "Edit Ben Okafor")
	d.Keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "Okafor-Smith")
	for range 20 {
		d.Keys("enter")
	}
	d.Keys("ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved Ben Okafor-Smith.")
	got, _ := db.Customer(ctx, ben.ID)
	if got.Name != "Ben Okafor-Smith" || got.Notes != ben.Notes || got.Segments[0] != ben.Segments[0] {
		t.Errorf("after editing only the name: %q %q %q", got.Name, got.Notes, got.Segments)
	}
}

func TestCtrlCInAnEditedFormAsksFirst(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	quits := func(k string) bool {
		_, cmd := d.M.Update(tuitest.NamedKeys[k])
		if k == "y" {
			_, cmd = d.M.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
		}
		if cmd == nil {
			return false
		}
		_, ok := cmd().(tea.QuitMsg)
		return ok
	}
	d.Keys("a")
	if !quits("ctrl+c") {
		t.Fatal("ctrl+c in an untouched form did not quit")
	}
	d.Keys("Quinn")
	if quits("ctrl+c") {
		t.Fatal("ctrl+c quit a form with a name typed")
	}
	tuitest.MustContain(t, d.Screen(), "Quit and lose your changes? y quits, n keeps editing", "Quinn")
	d.Keys("n", "ie")
	tuitest.MustContain(t, d.Screen(), "Quinnie")
	d.M.Update(tuitest.NamedKeys["ctrl+c"])
	if !quits("y") {
		t.Fatal("y did not quit")
	}
	d.Keys("n")
	if quits("ctrl+c") || !quits("ctrl+c") {
		t.Fatal("a second ctrl+c did not quit")
	}
	// ctrl+s saves from the question.
	d.Keys("n", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Added Quinnie.")
}

func TestAFollowUpInThePastIsRefusedUnlessItWasStored(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	ids := tuitest.IDs(t, db)
	if err := db.SetFollowUp(ctx, ids["Ada Lovelace"], tuitest.MustDay(t, "2026-11-20")); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("2", "down", "e") // Ben, with no follow-up
	for range 15 {
		d.Keys("enter")
	}
	tuitest.MustContain(t, d.Screen(), "┃ Next follow-up")
	d.Keys("2025-01-01", "enter")
	tuitest.MustContain(t, d.Screen(), "2025-01-01 is in the past: a follow-up is a day to come")
	d.Keys("ctrl+u", "+7", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved Ben Okafor.")
	// Ada's, already late, does not stop an edit of her name.
	d.Keys("up", "e", "ctrl+u", "Ada King", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved Ada King.")
	ada, _ := db.Customer(ctx, ids["Ada Lovelace"])
	ben, _ := db.Customer(ctx, ids["Ben Okafor"])
	if model.FormatDate(ada.NextReview) != "2026-11-20" || model.FormatDate(ben.NextReview) != "2026-11-30" {
		t.Errorf("follow-ups %v, %v", ada.NextReview, ben.NextReview)
	}
}

// A customer with refunds and no sale (a cancellation in an imported
// history) says so in the list and the detail, instead of blank orders
// and a blank last order beside a negative revenue.
func TestARefundOnlyCustomerSaysSo(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	ctx := context.Background()
	c := model.Customer{Name: "Rita Refund", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	o := model.Order{CustomerID: c.ID, Kind: model.OrderRefund, OrderedAt: tuitest.Now.AddDate(0, 0, -3),
		Lines: []model.OrderLine{model.NewLine("Candle", -1, 1250, 0)}}
	if err := db.CreateOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 100, 30)
	d.Keys("2")
	row := tuitest.CursorRow(d.Screen())
	if !strings.Contains(row, "refunds") || !strings.Contains(row, " 0 ") || !strings.Contains(row, "-£12.50") {
		t.Errorf("the list row says %q, want refunds, 0 orders and -£12.50", row)
	}
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "none; refunds only · -£12.50 net revenue")
}
