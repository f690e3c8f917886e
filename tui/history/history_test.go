package history_test

import (
	"context"
	"strings"
	"testing"

	"clientele/model"
	"clientele/store"
	"clientele/tui/tuitest"
)

// someChanges makes three changes through the store, oldest first: a new
// customer Poppy Byrne, a contact with Ben Okafor, Poppy's email.
func someChanges(t *testing.T, db *store.DB) (poppy, ben int64) {
	t.Helper()
	ctx := context.Background()
	p := model.Customer{Name: "Poppy Byrne", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &p); err != nil {
		t.Fatal(err)
	}
	rows, _, err := db.ListCustomers(ctx, model.CustomerQuery{Filter: "Ben Okafor", Limit: 1})
	if err != nil || len(rows) != 1 {
		t.Fatalf("no Ben: %v", err)
	}
	ben = rows[0].ID
	to := model.Touch{CustomerID: ben, At: tuitest.Now, Kind: model.TouchContact, Summary: "asked about candles"}
	if err := db.AddTouch(ctx, &to); err != nil {
		t.Fatal(err)
	}
	p.Email = "poppy@example.com"
	if err := db.UpdateCustomer(ctx, &p); err != nil {
		t.Fatal(err)
	}
	return p.ID, ben
}

// H shows every change, newest first; enter shows what one changed, field
// by field; u on an older change takes that one back (and only it); / shows
// one customer's changes and esc every change again.
func TestHistoryListsChangesNewestFirstAndUndoesTheOneUnderTheCursor(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	poppy, ben := someChanges(t, db)
	d := newDriver(t, db, 80, 24)
	d.Keys("H")
	screen := d.Screen()
	tuitest.MustContain(t, screen, "Every change to the book, newest first")
	edited := strings.Index(screen, "Edited customer Poppy Byrne")
	logged := strings.Index(screen, "Ben Okafor")
	added := strings.Index(screen, "Added customer Poppy Byrne")
	if edited < 0 || logged < 0 || added < 0 || !(edited < logged && logged < added) {
		t.Fatalf("not newest first (%d, %d, %d):\n%s", edited, logged, added, screen)
	}
	tuitest.MustContain(t, tuitest.CursorRow(screen), "Edited customer Poppy Byrne")

	// What the edit changed.
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "customers", "changed", `email: "" → "poppy@example.com"`)
	d.Keys("esc")

	// u on the contact with Ben: it goes, Poppy's email stays.
	d.Keys("down")
	tuitest.MustContain(t, tuitest.CursorRow(d.Screen()), "Ben Okafor")
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Undone: logged a contact")
	tl, err := db.Timeline(ctx, ben, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tl {
		if strings.Contains(e.Summary, "asked about candles") {
			t.Errorf("the contact is still there after u: %+v", e)
		}
	}
	if c, err := db.Customer(ctx, poppy); err != nil || c.Email != "poppy@example.com" {
		t.Errorf("Poppy after u on an older change: %+v, %v", c, err)
	}
	// The list reloaded: the undo on top, the contact marked undone.
	tuitest.MustContain(t, d.Screen(), "undone", "Undid:")

	// One customer's changes.
	d.Keys("/", "Poppy", "enter")
	screen = d.Screen()
	tuitest.MustContain(t, screen, "Changes to Poppy Byrne's records", "Added customer Poppy Byrne")
	tuitest.MustLack(t, screen, "Undid:", "undone") // the contact and its undo were Ben's
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Every change to the book", "Ben Okafor")
}

// h on a customer's detail shows the changes to their records only.
func TestTheDetailShowsItsOwnHistory(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	someChanges(t, db)
	d := newDriver(t, db, 80, 24)
	d.Keys("2", "/", "Ben", "enter", "enter", "h")
	screen := d.Screen()
	tuitest.MustContain(t, screen, "History · Ben Okafor", "Changes to Ben Okafor's records", "Logged a contact for Ben Okafor")
	tuitest.MustLack(t, screen, "Poppy")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Ben Okafor")
}
