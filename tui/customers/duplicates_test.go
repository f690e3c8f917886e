package customers_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"clientele/model"
	"clientele/tui/tuitest"
)

// Adding a customer whose email is Ada's stops at a warning: esc goes back
// to the form with everything typed, a adds them anyway, m merges the new
// details into Ada instead of adding anyone.
func TestAddingALikelyDuplicateWarnsFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	count := func(t *testing.T, db interface {
		ListCustomers(context.Context, model.CustomerQuery) ([]model.CustomerRow, int, error)
	}) int {
		t.Helper()
		_, n, err := db.ListCustomers(ctx, model.CustomerQuery{Archived: true, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	t.Run("add anyway", func(t *testing.T) {
		t.Parallel()
		db := tuitest.FixtureStore(t)
		before := count(t, db)
		d := newDriver(t, db, 80, 24)
		d.Keys("2", "a", "A. Lovelace", "tab", "ADA@example.com", "ctrl+s")
		tuitest.MustContain(t, d.Screen(), "A. Lovelace may already be in the book:", "Ada Lovelace (#", "same email")
		if n := count(t, db); n != before {
			t.Fatalf("added before the owner chose: %d customers, want %d", n, before)
		}
		// esc: the form, with what was typed.
		d.Keys("esc")
		tuitest.MustContain(t, d.Screen(), "Not saved: Ada Lovelace (#1) may be the same customer", "A. Lovelace",
			"ADA@example.com")
		d.Keys("ctrl+s")
		tuitest.MustContain(t, d.Screen(), "may already be in the book")
		d.Keys("a")
		tuitest.MustContain(t, d.Screen(), "Added A. Lovelace beside the one who may be them.")
		if n := count(t, db); n != before+1 {
			t.Errorf("%d customers after a, want %d", n, before+1)
		}
	})
	t.Run("merge", func(t *testing.T) {
		t.Parallel()
		db := tuitest.FixtureStore(t)
		before := count(t, db)
		ada := customerNamed(t, db, "Ada Lovelace")
		d := newDriver(t, db, 80, 24)
		d.Keys("2", "a", "Ada Lovelace", "tab", "tab", "tab", "555-0199", "ctrl+s")
		tuitest.MustContain(t, d.Screen(), "Ada Lovelace may already be in the book:", "same name")
		d.Keys("m")
		tuitest.MustContain(t, d.Screen(), "Merged the new details into Ada Lovelace")
		if n := count(t, db); n != before {
			t.Errorf("%d customers after a merge, want %d", n, before)
		}
		c, err := db.Customer(ctx, ada.ID)
		if err != nil || c.Phone != "555-0199" || c.Email != ada.Email {
			t.Errorf("Ada after the merge: %+v, %v", c, err)
		}
		// Her detail is open.
		tuitest.MustContain(t, d.Screen(), "555-0199")
		if !strings.Contains(d.Screen(), "Ada Lovelace") {
			t.Errorf("the detail does not show Ada:\n%s", d.Screen())
		}
	})
}

// D on the list shows the book's likely pairs; m merges the newer into the
// older, taking the values chosen; u brings the newer back.
func TestTheDuplicatesListMergesAPair(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	ada := customerNamed(t, db, "Ada Lovelace")
	twin := model.Customer{Name: "Ada Lovelace", Email: "ada@example.com", Phone: "555-0100", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &twin); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("2", "D")
	screen := d.Screen()
	tuitest.MustContain(t, screen, "1 likely pair, most certain first", "same email")
	tuitest.MustContain(t, tuitest.CursorRow(screen), fmt.Sprintf("Ada Lovelace #%d", ada.ID),
		fmt.Sprintf("Ada Lovelace #%d", twin.ID))
	d.Keys("m")
	screen = d.Screen()
	tuitest.MustContain(t, screen, "Merge Ada Lovelace into Ada Lovelace", "stage: customer, not advocate", "Merge them?")
	d.Keys("space", "enter", "enter") // take the twin's stage
	tuitest.MustContain(t, d.Screen(), "Merged Ada Lovelace into Ada Lovelace. u undoes it.")
	if _, err := db.Customer(ctx, twin.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the twin is still there: %v", err)
	}
	c, err := db.Customer(ctx, ada.ID)
	if err != nil || c.Phone != "555-0100" || c.Stage != model.StageCustomer || c.Email != ada.Email {
		t.Errorf("Ada after the merge: %+v, %v", c, err)
	}
	tuitest.MustContain(t, d.Screen(), "No likely duplicates")
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Undone: merged")
	if _, err := db.Customer(ctx, twin.ID); err != nil {
		t.Errorf("u did not bring the twin back: %v", err)
	}
	tuitest.MustContain(t, d.Screen(), "1 likely pair")
}
