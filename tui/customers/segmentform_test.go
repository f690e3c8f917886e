package customers_test

import (
	"context"
	"strings"
	"testing"

	"clientele/model"
	"clientele/tui/tuitest"
)

func TestMarkAndAssignToANewSegment(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 100, 30)
	d.Keys("down", "space", "space") // Ben, then Chloé
	tuitest.MustContain(t, d.Screen(), "2 marked", "● Chloé Martin", "S segment")
	d.Keys("S")
	tuitest.MustContain(t, d.Screen(), "Segment for 2 marked customers", "put in", "Wholesale (1 customer)", "a new segment…")
	d.Keys("enter", "down", "down", "down", "enter")
	tuitest.MustContain(t, d.Screen(), "New segment")
	// A comma is refused beside the field, and q is typed, not obeyed.
	d.Keys("quilts, teens", "enter")
	tuitest.MustContain(t, d.Screen(), "cannot hold a comma", "quilts, teens")
	for range len(", teens") {
		d.Keys("backspace")
	}
	d.Keys(" crowd", "enter")
	tuitest.MustContain(t, d.Screen(), "Put 2 customers in quilts crowd.")
	if strings.Contains(d.Screen(), "marked") || strings.Contains(d.Screen(), "●") {
		t.Errorf("marks survived the assignment:\n%s", d.Screen())
	}
	rows, total, err := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: "quilts"})
	if err != nil || total != 2 || rows[0].Name != "Ben Okafor" || rows[1].Name != "Chloé Martin" {
		t.Fatalf("the filter finds %v (%d), %v; want Ben and Chloé", rows, total, err)
	}
	tuitest.MustContain(t, d.Screen(), "Market regulars…")
}

func TestAssignExistingSegmentSaysWhoWasAlreadyIn(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 100, 30)
	d.Keys("space", "space") // Ada (already in Wholesale) and Ben
	d.Keys("S", "enter")
	d.Keys("down", "down", "enter") // Gift buyers, Market regulars, Wholesale
	tuitest.MustContain(t, d.Screen(), "Put 1 customer in Wholesale. (1 already was.)")
	// Take them out again from the detail of one of them, named.
	d.Keys("home", "enter", "S", "right", "enter", "down", "down", "enter")
	tuitest.MustContain(t, d.Screen(), "Took Ada Lovelace out of Wholesale.")
	d.Keys("S", "right", "enter", "down", "down", "enter")
	tuitest.MustContain(t, d.Screen(), "Ada Lovelace was not in Wholesale.")
	d.Keys("S", "enter", "down", "down", "enter")
	tuitest.MustContain(t, d.Screen(), "Put Ada Lovelace in Wholesale.")
	d.Keys("S", "enter", "down", "down", "enter")
	tuitest.MustContain(t, d.Screen(), "Ada Lovelace is already in Wholesale.")
	d.Keys("S", "right", "enter", "down", "down", "enter")
	c, _ := db.Customer(context.Background(), 1)
	if len(c.Segments) != 0 {
		t.Errorf("Ada is still in %v", c.Segments)
	}
}

func TestEscClearsMarksBeforeTheFilter(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 100, 30)
	d.Keys("/", "customer", "enter", "space", "space", "space")
	tuitest.MustContain(t, d.Screen(), "3 marked", "filtered")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Cleared 3 marks.", "filtered")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Ada Lovelace")
}
