package tui

import (
	"context"
	"database/sql"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/store"
	"clientele/tui/kit"
	"clientele/tui/tuitest"
)

// countingStore counts the whole-book reads the Segments and Profit tabs
// compute from.
type countingStore struct {
	*store.DB
	fits, books atomic.Int32
}

func (c *countingStore) FitBook(ctx context.Context, p model.Period) ([]model.FitCustomer, error) {
	c.fits.Add(1)
	return c.DB.FitBook(ctx, p)
}

func (c *countingStore) ProfitBook(ctx context.Context, p model.Period) (model.ProfitBook, error) {
	c.books.Add(1)
	return c.DB.ProfitBook(ctx, p)
}

// The Segments and Profit tabs keep their analysis between visits and
// compute again only when the book, the period, the day or the settings
// moved on, the kept analysis on screen meanwhile.
func TestWholeBookTabsKeepTheirAnalysisUntilTheBookChanges(t *testing.T) {
	t.Parallel()
	s := &countingStore{DB: tuitest.FixtureStore(t)}
	now := tuitest.Now
	app := New(s, Options{Now: func() time.Time { return now }})
	d := &driver{Driver: tuitest.Start(t, app, 100, 30), app: app}
	counts := func(what string, fits, books int32) {
		t.Helper()
		if f, b := s.fits.Load(), s.books.Load(); f != fits || b != books {
			t.Fatalf("%s: Segments computed %d times, Profit %d; want %d and %d", what, f, b, fits, books)
		}
	}
	d.Keys("3", "6")
	counts("first visits", 1, 1)
	d.Keys("2", "3", "1", "6", "3", "7", "6")
	counts("returns with nothing changed", 1, 1)

	// Another program writes: returning computes again, drawing the kept
	// analysis until the new one is in.
	raw, err := sql.Open("sqlite", "file:"+s.Path()+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("UPDATE customers SET fit = 5 WHERE id = (SELECT min(id) FROM customers)"); err != nil {
		t.Fatal(err)
	}
	d.Keys("3")
	counts("Segments after a change", 2, 1)
	_, cmd := app.Update(tea.KeyPressMsg{Code: '6', Text: "6"})
	tuitest.MustContain(t, d.Screen(), "Profit")
	tuitest.MustLack(t, d.Screen(), "Adding up")
	d.Run(cmd)
	counts("Profit after a change", 2, 2)
	d.Keys("3", "6")
	counts("returns after the change", 2, 2)

	// Another period computes.
	d.Keys("p")
	counts("another period", 2, 3)

	// The next day both compute again.
	now = now.AddDate(0, 0, 1)
	d.Keys("3", "6")
	counts("the next day", 3, 4)

	// Settings read again: the rules weigh by them. (A save moves the
	// book's version too, for the tab not in view.)
	st, err := s.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	d.Send(kit.SettingsLoadedMsg{Settings: st})
	counts("settings loaded on Profit", 3, 5)
}
