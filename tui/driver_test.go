package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"clientele/model"
	"clientele/store"
)

// testNow is the fixed "now" every TUI test runs at.
var testNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// driver runs the app synchronously: it sends a message, runs the commands
// that come back and feeds their messages in, until nothing is left. A
// command that does not answer quickly (a tick, a cursor blink) is dropped.
type driver struct {
	t   testing.TB
	app *App
}

// How long the driver waits for a command: store calls answer well within
// it. Timers (a status line's expiry, a cursor's blink) are not run at all:
// they would only wait, and what they change is not what tests look at.
const cmdWait = 20 * time.Second

// isTimer reports whether c is a library timer, by its function's name.
func isTimer(c tea.Cmd) bool {
	name := runtime.FuncForPC(reflect.ValueOf(c).Pointer()).Name()
	return strings.Contains(name, "bubbletea/v2.Tick.") || strings.Contains(name, "bubbletea/v2.Every.") ||
		strings.Contains(name, ".Blink.")
}

func newDriver(t testing.TB, s model.Store, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, app: New(s, Options{Now: func() time.Time { return testNow }})}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(d.app.Init())
	d.send(tea.BackgroundColorMsg{Color: ansi.Black})
	return d
}

func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	_, cmd := d.app.Update(msg)
	d.run(cmd)
}

// run executes cmd and everything it leads to.
func (d *driver) run(cmd tea.Cmd) {
	d.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			d.t.Fatal("commands never settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := runCmd(c)
		if !ok {
			continue
		}
		switch m := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, m...)
		case tea.QuitMsg:
			return
		default:
			if cmds, ok := sequence(m); ok {
				queue = append(queue, cmds...)
				continue
			}
			_, next := d.app.Update(m)
			queue = append(queue, next)
		}
	}
}

// sequence unpacks a tea.Sequence message, a []tea.Cmd under an
// unexported type.
func sequence(m tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(m)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// runCmd runs c and returns its message; timers are skipped.
func runCmd(c tea.Cmd) (tea.Msg, bool) {
	if isTimer(c) {
		return nil, false
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case msg := <-ch:
		return msg, msg != nil
	case <-time.After(cmdWait):
		return nil, false
	}
}

// keys sends key presses by name: "down", "enter", "esc", "tab",
// "shift+tab", "ctrl+c", "space", or text typed one rune at a time.
func (d *driver) keys(names ...string) {
	d.t.Helper()
	for _, n := range names {
		if k, ok := namedKeys[n]; ok {
			d.send(k)
			continue
		}
		for _, r := range n {
			d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
}

var namedKeys = map[string]tea.KeyPressMsg{
	"down":      {Code: tea.KeyDown},
	"up":        {Code: tea.KeyUp},
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
	"space":     {Code: tea.KeySpace, Text: " "},
	"pgdown":    {Code: tea.KeyPgDown},
	"end":       {Code: tea.KeyEnd},
	"home":      {Code: tea.KeyHome},
	"right":     {Code: tea.KeyRight},
	"left":      {Code: tea.KeyLeft},
	"backspace": {Code: tea.KeyBackspace},
	"ctrl+s":    {Code: 's', Mod: tea.ModCtrl},
	"ctrl+u":    {Code: 'u', Mod: tea.ModCtrl},
}

// screen is the app's frame with styling stripped.
func (d *driver) screen() string { return ansi.Strip(d.app.render()) }

// openStore opens a fresh database for a test.
func openStore(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "tui.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return testNow }
	t.Cleanup(func() { db.Close() })
	return db
}

// fixtureStore is a small business with known customers and orders.
func fixtureStore(t testing.TB) *store.DB {
	t.Helper()
	db := openStore(t)
	ctx := context.Background()
	day := func(s string) time.Time {
		d, err := model.ParseDateTime(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	err := db.Load(ctx, func(l *store.Loader) error {
		people := []model.Customer{
			{Name: "Ada Lovelace", Stage: model.StageAdvocate, Fit: 5, Email: "ada@example.com", Channel: model.ChannelEmail,
				Company: "Analytical Ltd", Country: "United Kingdom", Values: []string{"quality", "style"},
				Segments: []string{"Wholesale"}, Language: "precise, likes numbers", Source: "craft fair",
				AcquisitionCost: 1200, NextReview: day("2026-11-25"), Tier: 3, Notes: "Orders for her shop every month."},
			{Name: "Ben Okafor", Stage: model.StageCustomer, Fit: 3, Phone: "555-0142", Channel: model.ChannelPhone,
				Segments: []string{"Market regulars"}, Values: []string{"price"}},
			{Name: "Chloé Martin", Stage: model.StageProspect, Social: "@chloe.makes", Channel: model.ChannelSocial},
			{Name: "Dev Patel", Stage: model.StageFormer, Fit: 1, LetGoReason: "endless returns", Email: "dev@example.com"},
			{Name: "李雷", Stage: model.StageCustomer, Fit: 4, Segments: []string{"Gift buyers"}},
		}
		for i := range people {
			if err := l.Customer(&people[i]); err != nil {
				return err
			}
		}
		if _, err := l.Tx().Exec("UPDATE customers SET referred_by = ? WHERE id = ?", people[0].ID, people[1].ID); err != nil {
			return err
		}
		for i := 0; i < 20; i++ {
			extra := model.Customer{Name: fmt.Sprintf("Customer %02d", i), Stage: model.StageCustomer}
			if err := l.Customer(&extra); err != nil {
				return err
			}
		}
		orders := []model.Order{
			{CustomerID: people[0].ID, OrderedAt: day("2026-09-01 10:00"), Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Lavender soap", 24, 450, 120), model.NewLine("Beeswax candle", 12, 1200, 400)}},
			{CustomerID: people[0].ID, OrderedAt: day("2026-10-01 10:00"), Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Lavender soap", 30, 450, 120)}},
			{CustomerID: people[0].ID, OrderedAt: day("2026-10-03 10:00"), Kind: model.OrderRefund,
				Lines: []model.OrderLine{model.NewLine("Lavender soap", -2, 450, 120)}},
			{CustomerID: people[1].ID, OrderedAt: day("2026-11-02 16:20"), Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Gift box", 1, 3500, 1400)}},
			{CustomerID: people[3].ID, OrderedAt: day("2025-06-12 11:00"), Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Candle", 1, 1200, 400)}},
			{CustomerID: people[3].ID, OrderedAt: day("2025-06-20 11:00"), Kind: model.OrderRefund,
				Lines: []model.OrderLine{model.NewLine("Candle", -1, 1200, 400)}},
		}
		for i := range orders {
			if err := l.Order(&orders[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// mustContain fails unless the screen holds every fragment.
func mustContain(t testing.TB, screen string, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if !strings.Contains(screen, f) {
			t.Fatalf("screen lacks %q:\n%s", f, screen)
		}
	}
}

// mustLack fails if the screen holds any of the fragments.
func mustLack(t testing.TB, screen string, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if strings.Contains(screen, f) {
			t.Fatalf("screen still shows %q:\n%s", f, screen)
		}
	}
}
