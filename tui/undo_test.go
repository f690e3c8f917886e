package tui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/tuitest"
)

// u undoes the latest change wherever the owner is, and again for the one
// before; U (or ctrl+y) redoes; the status line says what, and the screen
// shown reloads. A u typed into a form is text.
func TestUndoAndRedoFromAnywhere(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	d := newDriver(t, db, 100, 30)
	d.Keys("2", "/", "Ben", "enter", "enter") // Ben's detail
	tuitest.MustContain(t, d.Screen(), "Ben Okafor")
	// A contact typed with a u in it: the u is text, not an undo.
	d.Keys("n", "upsold a gift box", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Logged a contact with Ben Okafor.", "upsold a gift box")
	// An order too.
	d.Keys("o", "Candle", "tab", "2", "tab", "12", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved an order of £24.00 for Ben Okafor.")
	count := func() int {
		tl, err := db.Timeline(ctx, mustFind(t, db, "Ben Okafor"), 50)
		if err != nil {
			t.Fatal(err)
		}
		return len(tl)
	}
	before := count()

	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Undone: added an order of 24.00 for Ben Okafor")
	tuitest.MustLack(t, d.Screen(), "Candle ×2")
	if n := count(); n != before-1 {
		t.Errorf("after u the timeline holds %d, want %d", n, before-1)
	}
	// Again: the contact before it; on another tab, which reloads too.
	d.Keys("1")
	d.Send(tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl})
	tuitest.MustContain(t, d.Screen(), "Undone: logged a contact for Ben Okafor")
	if n := count(); n != before-2 {
		t.Errorf("after ctrl+z the timeline holds %d, want %d", n, before-2)
	}
	// Redo brings the contact back, then the order; then nothing is left.
	d.Keys("U")
	tuitest.MustContain(t, d.Screen(), "Redone: logged a contact for Ben Okafor")
	d.Send(tea.KeyPressMsg{Code: 'y', Mod: tea.ModCtrl})
	tuitest.MustContain(t, d.Screen(), "Redone: added an order of 24.00 for Ben Okafor")
	if n := count(); n != before {
		t.Errorf("after two redos the timeline holds %d, want %d", n, before)
	}
	d.Keys("U")
	tuitest.MustContain(t, d.Screen(), "Nothing to redo.")
	// The detail, open under the tabs, shows the order again.
	d.Keys("2", "enter")
	tuitest.MustContain(t, d.Screen(), "Candle ×2")
}

// Every change since the book began can be undone, one u at a time, until
// nothing is left to undo.
func TestUndoUntilNothingIsLeft(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	ctx := context.Background()
	c := model.Customer{Name: "Poppy Byrne", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("2")
	tuitest.MustContain(t, d.Screen(), "Poppy Byrne")
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Undone: added customer Poppy Byrne")
	tuitest.MustLack(t, d.Screen(), "▸ Poppy Byrne")
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Nothing to undo.")
}

// mustFind is the id of the customer called name.
func mustFind(t testing.TB, db model.CustomerStore, name string) int64 {
	t.Helper()
	rows, _, err := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: name, Limit: 5})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no customer %s: %v", name, err)
	}
	return rows[0].ID
}
