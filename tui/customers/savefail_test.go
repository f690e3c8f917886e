package customers_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"clientele/model"
	"clientele/store"
	"clientele/tui/tuitest"
)

// failingStore is the real store whose customer writes fail with err
// while it is set, as they do when the file turns read-only or the disk
// fills (store tests check the real errors map to these).
type failingStore struct {
	*store.DB
	err error
}

func (s *failingStore) CreateCustomer(ctx context.Context, c *model.Customer) error {
	if s.err != nil {
		return s.err
	}
	return s.DB.CreateCustomer(ctx, c)
}

func (s *failingStore) UpdateCustomer(ctx context.Context, c *model.Customer) error {
	if s.err != nil {
		return s.err
	}
	return s.DB.UpdateCustomer(ctx, c)
}

func TestSaveOnReadOnlyOrFullDiskKeepsTheForm(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		err  error
		says string
	}{
		{"read-only", fmt.Errorf("%w: attempt to write a readonly database (8)", model.ErrReadOnly),
			"The database file is read-only: nothing was saved; check its permissions."},
		{"disk full", fmt.Errorf("%w: database or disk is full (13)", model.ErrDiskFull), "The disk is full: nothing was saved. Free some space and try again."},
		{"busy", fmt.Errorf("%w (another program kept it locked for more than 15s)", model.ErrBusy), "Another copy of clientele is writing to this file; try again in a moment."},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := &failingStore{DB: tuitest.FixtureStore(t), err: c.err}
			d := newDriver(t, fs, 80, 24)
			// A new customer: a name and an email typed, then saved from
			// the last field.
			d.Keys("a", "Quinn Typed", "enter", "quinn@example.com", "enter")
			for range 30 {
				if strings.Contains(d.Screen(), "Added") || strings.Contains(d.Screen(), c.says) {
					break
				}
				d.Keys("enter")
			}
			s := d.Screen()
			tuitest.MustContain(t, s, c.says, "New customer")
			if strings.Contains(s, "database is locked") {
				t.Errorf("SQLite's words reached the user:\n%s", s)
			}
			// Nothing typed is lost: back to the first field, it is all there.
			d.Keys("shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab",
				"shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab")
			tuitest.MustContain(t, d.Screen(), "Quinn Typed", "quinn@example.com")
			if n, _ := fs.CustomerCount(context.Background()); n != 25 {
				t.Errorf("%d customers after a failed save", n)
			}

			// The disk is freed: the same form saves.
			fs.err = nil
			for range 30 {
				if strings.Contains(d.Screen(), "Added Quinn Typed.") {
					break
				}
				d.Keys("enter")
			}
			tuitest.MustContain(t, d.Screen(), "Added Quinn Typed.")
			if n, _ := fs.CustomerCount(context.Background()); n != 26 {
				t.Errorf("%d customers after saving again", n)
			}
			if !errors.Is(c.err, model.ErrReadOnly) && !errors.Is(c.err, model.ErrDiskFull) && !errors.Is(c.err, model.ErrBusy) {
				t.Fatal("the case's error is not a domain error")
			}
		})
	}
}
