package tuitest

import (
	"context"
	"os/exec"
	"testing"

	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/store"
	"clientele/tui/desktop"
)

// ReachStore is the fixture business with what reaching out needs, on
// Now (Monday 23 November 2026): Ada's postal address, her consent to
// email marketing, her birthday in three days and a reminder repeating
// every two months; Ben's order billed for later and overdue; 李雷's shop
// opening, once; a reminder for Customer 01 that came due last week; and
// four custom fields (Allergies shown when taking an order, a choice, a
// yes/no, a date) with values for Ada. It returns the store and the ids
// by name.
func ReachStore(t testing.TB) (*store.DB, map[string]int64) {
	t.Helper()
	db, _ := copyOf(t, "reach.db", fillReach)
	return db, IDs(t, db)
}

// fillReach writes ReachStore's business into db.
func fillReach(t testing.TB, db *store.DB) []int64 {
	t.Helper()
	fillFixture(t, db)
	ctx := context.Background()
	ids := IDs(t, db)
	fields := []model.CustomField{
		{Name: "Allergies", Kind: model.FieldText, OnOrder: true},
		{Name: "Skin type", Kind: model.FieldChoice, Choices: []string{"dry", "oily", "normal"}},
		{Name: "Trade", Kind: model.FieldYesNo},
		{Name: "Met on", Kind: model.FieldDate},
	}
	for i := range fields {
		if err := db.SaveCustomField(ctx, &fields[i]); err != nil {
			t.Fatal(err)
		}
	}
	ada, err := db.Customer(ctx, ids["Ada Lovelace"])
	if err != nil {
		t.Fatal(err)
	}
	ada.Address = model.Address{Line1: "12 Mill Lane", Line2: "Flat 2", Town: "Hebden Bridge", Region: "West Yorkshire",
		Postcode: "HX7 8AB"}
	ada.Consent.Set(model.ConsentEmail, MustDay(t, "2026-03-02"))
	ada.Occasions = []model.Occasion{{Kind: model.OccasionBirthday, Month: 11, Day: 26, Year: 1986, Yearly: true}}
	ada.Reminders = []model.Reminder{{Kind: model.ReminderNote, Start: MustDay(t, "2026-09-28"), Unit: model.RepeatMonth,
		Every: 2, Note: "Check the shop's stock"}}
	ada.Fields = []model.FieldValue{{FieldID: fields[0].ID, Value: "lavender"}, {FieldID: fields[1].ID, Value: "dry"},
		{FieldID: fields[2].ID, Value: "yes"}, {FieldID: fields[3].ID, Value: "2024-05-04"}}
	if err := db.UpdateCustomer(ctx, &ada); err != nil {
		t.Fatal(err)
	}
	order := model.Order{CustomerID: ids["Ben Okafor"], OrderedAt: MustDay(t, "2026-10-02 11:00"), Kind: model.OrderSale,
		PaymentDue: MustDay(t, "2026-10-16"), Lines: []model.OrderLine{model.NewLine("Wedding favours", 60, 200, 80)}}
	if err := db.CreateOrder(ctx, &order); err != nil {
		t.Fatal(err)
	}
	steps := []error{
		db.SaveOccasion(ctx, &model.Occasion{CustomerID: ids["李雷"], Kind: model.OccasionOther, Name: "Shop opening",
			Month: 11, Day: 28, Year: 2026}),
		db.SaveReminder(ctx, &model.Reminder{CustomerID: ids["Customer 01"], Kind: model.ReminderNote,
			Start: MustDay(t, "2026-11-18"), Note: "Send the winter catalogue"}),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	return nil
}

// IDs returns the book's customers' ids by name.
func IDs(t testing.TB, db *store.DB) map[string]int64 {
	t.Helper()
	names, err := db.CustomerNames(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ids := make(map[string]int64, len(names))
	for _, n := range names {
		ids[n.Name] = n.ID
	}
	return ids
}

// Desktop is a desktop whose programs only record what they were given:
// the links opened, the texts copied (by xclip), and an editor that
// rewrites the draft with sed. Exec runs the editor at once, as the
// program would while it lends the terminal.
type Desktop struct {
	*desktop.Desktop
	Opened, Copied []string
}

// NewDesktop is a Desktop with an opener, a clipboard program and editor
// as the editor's command line (empty: none); edits with sed need sed.
func NewDesktop(t testing.TB, editor string) *Desktop {
	t.Helper()
	d := &Desktop{}
	env := map[string]string{"DISPLAY": ":0", "EDITOR": editor}
	d.Desktop = &desktop.Desktop{GOOS: "linux", TempDir: t.TempDir(),
		Getenv: func(k string) string { return env[k] },
		LookPath: func(name string) (string, error) {
			switch name {
			case "xdg-open", "xclip":
				return "/usr/bin/" + name, nil
			case "sed": // the editor the tests give
				return exec.LookPath(name)
			}
			return "", exec.ErrNotFound
		},
		Start: func(name string, args ...string) error {
			d.Opened = append(d.Opened, args[len(args)-1])
			return nil
		},
		Run: func(_ context.Context, name string, _ []string, stdin string) error {
			d.Copied = append(d.Copied, stdin)
			return nil
		},
	}
	return d
}

// Exec runs c to its end and answers what fn makes of it: the editor
// lent the terminal, in a test.
func Exec(c *exec.Cmd, fn tea.ExecCallback) tea.Cmd {
	return func() tea.Msg { return fn(c.Run()) }
}

// OweTwice gives Ben Okafor of ReachStore a second order billed for
// later: place cards of 20 November, £30.00 due 4 December (not overdue).
func OweTwice(t testing.TB, db *store.DB, ids map[string]int64) model.Order {
	t.Helper()
	o := model.Order{CustomerID: ids["Ben Okafor"], OrderedAt: MustDay(t, "2026-11-20 09:00"), Kind: model.OrderSale,
		PaymentDue: MustDay(t, "2026-12-04"), Lines: []model.OrderLine{model.NewLine("Place cards", 60, 50, 10)}}
	if err := db.CreateOrder(context.Background(), &o); err != nil {
		t.Fatal(err)
	}
	return o
}
