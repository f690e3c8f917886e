// Package tuitest is what the terminal interface's tests share: a driver
// that runs a Bubble Tea model synchronously, the fixture businesses, the
// benchmark databases and the checks on a screen. Only tests import it.
package tuitest

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
	"clientele/store/storetest"
	"clientele/tui/kit"
)

// Now is the fixed "now" every TUI test runs at.
var Now = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// Clock is Now as the app and the store take a clock.
func Clock() time.Time { return Now }

// Driver runs a model (the app) synchronously: it sends a message, runs
// the commands that come back and feeds their messages in, until nothing
// is left. A command that does not answer quickly (a tick, a cursor blink)
// is dropped.
type Driver struct {
	t    testing.TB
	M    tea.Model
	W, H int // the terminal's size, as last sent
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

// Start sizes m as a terminal of w×h, runs its Init and tells it the
// background is dark, as a terminal would answer.
func Start(t testing.TB, m tea.Model, w, h int) *Driver {
	t.Helper()
	d := &Driver{t: t, M: m}
	d.Send(tea.WindowSizeMsg{Width: w, Height: h})
	d.Run(m.Init())
	d.Send(tea.BackgroundColorMsg{Color: ansi.Black})
	return d
}

// Send sends msg and runs what it leads to.
func (d *Driver) Send(msg tea.Msg) {
	d.t.Helper()
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		d.W, d.H = size.Width, size.Height
	}
	_, cmd := d.M.Update(msg)
	d.Run(cmd)
}

// Run executes cmd and everything it leads to.
func (d *Driver) Run(cmd tea.Cmd) {
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
			_, next := d.M.Update(m)
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

// Keys sends key presses by name: "down", "enter", "esc", "tab",
// "shift+tab", "ctrl+c", "space", or text typed one rune at a time.
func (d *Driver) Keys(names ...string) {
	d.t.Helper()
	for _, n := range names {
		if k, ok := NamedKeys[n]; ok {
			d.Send(k)
			continue
		}
		for _, r := range n {
			d.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
}

// NamedKeys are the keys Keys sends by name.
var NamedKeys = map[string]tea.KeyPressMsg{
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
	"ctrl+z":    {Code: 'z', Mod: tea.ModCtrl},
}

// Screen is the model's frame with styling stripped.
func (d *Driver) Screen() string { return ansi.Strip(d.M.View().Content) }

// OpenStore opens a fresh database for a test.
func OpenStore(t testing.TB) *store.DB {
	t.Helper()
	db := openAt(t, storetest.NewBook(t, bookName))
	t.Cleanup(func() { db.Close() })
	return db
}

// FixtureStore is a small business with known customers and orders.
func FixtureStore(t testing.TB) *store.DB {
	t.Helper()
	db, _ := copyOf(t, "fixture.db", fillFixture)
	return db
}

// fillFixture writes FixtureStore's business into db.
func fillFixture(t testing.TB, db *store.DB) []int64 {
	t.Helper()
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
	return nil
}

// MustContain fails unless the screen holds every fragment, on one line
// or run on over the next (a long message takes two status rows).
func MustContain(t testing.TB, screen string, fragments ...string) {
	t.Helper()
	joined := runOn(screen)
	for _, f := range fragments {
		if !strings.Contains(screen, f) && !strings.Contains(joined, f) {
			t.Fatalf("screen lacks %q:\n%s", f, screen)
		}
	}
}

// runOn is the screen's lines joined by a space, trailing blanks dropped:
// a text wrapped over two lines reads as one.
func runOn(screen string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, " ")
}

// MustLack fails if the screen holds any of the fragments, on one line or
// run on over the next.
func MustLack(t testing.TB, screen string, fragments ...string) {
	t.Helper()
	joined := runOn(screen)
	for _, f := range fragments {
		if strings.Contains(screen, f) || strings.Contains(joined, f) {
			t.Fatalf("screen still shows %q:\n%s", f, screen)
		}
	}
}

// The benchmark business behind the Feedback and Complaints screens.
const (
	benchCustomers  = 100_000
	BenchFeedback   = 100_000
	BenchComplaints = 20_000
)

// BenchFeedbackStore opens a private copy of the benchmark database,
// topped up to benchFeedback feedback entries and benchComplaints
// complaints.
func BenchFeedbackStore(b *testing.B) *store.DB {
	b.Helper()
	ctx := context.Background()
	src := benchBaseFile(b)
	path := filepath.Join(b.TempDir(), "bench.db")
	if err := copyFile(src, path); err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if err := topUp(ctx, db, BenchFeedback, BenchComplaints); err != nil {
		b.Fatal(err)
	}
	// Closing checkpoints the load out of the WAL, as a running app's
	// automatic checkpoints would have.
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if db, err = store.Open(ctx, path); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.Now = Clock
	return db
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// topUp adds feedback and complaints, spread over the customers and the
// last three years, until the database holds at least the given numbers.
func topUp(ctx context.Context, db *store.DB, feedback, complaints int) error {
	_, nf, err := db.ListFeedback(ctx, model.FeedbackQuery{Limit: 1})
	if err != nil {
		return err
	}
	rows, err := db.ListComplaints(ctx)
	if err != nil {
		return err
	}
	nc := len(rows)
	if nf >= feedback && nc >= complaints {
		return nil
	}
	var ids []int64
	names, err := db.CustomerNames(ctx)
	if err != nil {
		return err
	}
	for _, n := range names {
		ids = append(ids, n.ID)
	}
	rng := rand.New(rand.NewPCG(5, 5))
	day := func() time.Time { return model.AddDays(Now, -rng.IntN(3*365)) }
	wishes := []string{"Gift wrapping", "gift wrapping!", "Candle-making classes", "A candle making class",
		"Refill pouches", "Unscented soap", "Bigger candles", "Gift boxes", "Gift box", "Subscription box"}
	kinds := model.FeedbackKinds
	return db.Load(ctx, func(l *store.Loader) error {
		for i := nf; i < feedback; i++ {
			f := model.Feedback{On: day(), Kind: kinds[rng.IntN(len(kinds))], Status: model.FeedbackStatuses[rng.IntN(3)]}
			if rng.IntN(10) > 0 {
				f.CustomerID = ids[rng.IntN(len(ids))]
			}
			switch f.Kind {
			case model.FeedbackNPS:
				f.Score, f.HasScore = rng.IntN(11), true
				f.Question = model.NPSQuestion
			case model.FeedbackWish:
				f.Answer, f.Question = wishes[rng.IntN(len(wishes))], model.WishQuestion
			default:
				f.Answer = fmt.Sprintf("Feedback number %d about the soap and the candles", i)
			}
			if err := l.Feedback(&f); err != nil {
				return err
			}
		}
		for i := nc; i < complaints; i++ {
			c := model.Complaint{OpenedOn: day(), CustomerID: ids[rng.IntN(len(ids))],
				Category: model.ComplaintCategories[rng.IntN(6)], Severity: model.Severities[rng.IntN(3)],
				WhatWentWrong: fmt.Sprintf("Problem %d with the order", i%50), Status: model.ComplaintStatuses[rng.IntN(3)]}
			if c.Status != model.ComplaintOpen {
				c.Remedy = "Sent a replacement"
				c.RemediedOn = model.AddDays(c.OpenedOn, rng.IntN(10))
				c.RemedyCost = model.Money(rng.IntN(2000))
				if rng.IntN(4) == 0 {
					c.Guarantee, c.HonouredOn = true, c.RemediedOn
				}
			}
			if c.Status == model.ComplaintClosed {
				c.ClosedOn = model.AddDays(c.RemediedOn, rng.IntN(5))
			}
			if err := l.Complaint(&c); err != nil {
				return err
			}
		}
		return nil
	})
}

// CPUTime reports the process's CPU time per op beside the wall time: on a
// shared machine the wall time swings with the load, the CPU time much
// less. Call it after b.Loop.
func CPUTime(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(ProcessCPU()-start)/float64(b.N)/float64(time.Millisecond), "cpu-ms/op")
}

// ProcessCPU is the user and system time the process has used.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchBaseFile is demo.BenchFile's business at benchCustomers customers
// (about 1,000,000 order lines, 100,000 feedback entries, 20,000
// complaints).
func benchBaseFile(b *testing.B) string {
	b.Helper()
	path, err := demo.BenchFile(context.Background(), benchCustomers)
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchSizes are the customer counts the list benchmarks compare: the
// budget is ≤ 1 ms per key at 100,000 and ≤ 1.2× the 1,000 figure.
var BenchSizes = []int{1000, 100000}

// OpenBench opens the cached demo database of n customers (about ten order
// lines each), generating it on first use.
func OpenBench(b *testing.B, n int) *store.DB {
	b.Helper()
	path, err := demo.BenchFile(context.Background(), n)
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// Context is a context as the app makes one, on Now, for a test or a
// benchmark that drives one screen or command without the app.
func Context() *kit.Context {
	c := &kit.Context{Now: Clock, Settings: model.DefaultSettings(), IsDark: true}
	c.Styles = kit.NewStyles(c.IsDark, c.NoColor)
	return c
}

// MustDay reads a day or a time for a fixture.
func MustDay(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := model.ParseDateTime(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
