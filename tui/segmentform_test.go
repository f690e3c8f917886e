package tui

import (
	"context"
	"strings"
	"testing"

	"clientele/model"
)

func TestMarkAndAssignToANewSegment(t *testing.T) {
	db := fixtureStore(t)
	d := newDriver(t, db, 100, 30)
	d.keys("down", "space", "space") // Ben, then Chloé
	mustContain(t, d.screen(), "2 marked", "● Chloé Martin", "S segment")
	d.keys("S")
	mustContain(t, d.screen(), "Segment for 2 marked customers", "put in", "Wholesale (1 customer)", "a new segment…")
	d.keys("enter", "down", "down", "down", "enter")
	mustContain(t, d.screen(), "New segment")
	// A comma is refused beside the field, and q is typed, not obeyed.
	d.keys("quilts, teens", "enter")
	mustContain(t, d.screen(), "cannot hold a comma", "quilts, teens")
	for range len(", teens") {
		d.keys("backspace")
	}
	d.keys(" crowd", "enter")
	mustContain(t, d.screen(), "Put 2 customers in quilts crowd.")
	if strings.Contains(d.screen(), "marked") || strings.Contains(d.screen(), "●") {
		t.Errorf("marks survived the assignment:\n%s", d.screen())
	}
	rows, total, err := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: "quilts"})
	if err != nil || total != 2 || rows[0].Name != "Ben Okafor" || rows[1].Name != "Chloé Martin" {
		t.Fatalf("the filter finds %v (%d), %v; want Ben and Chloé", rows, total, err)
	}
	mustContain(t, d.screen(), "Market regulars…")
}

func TestAssignExistingSegmentSaysWhoWasAlreadyIn(t *testing.T) {
	db := fixtureStore(t)
	d := newDriver(t, db, 100, 30)
	d.keys("space", "space") // Ada (already in Wholesale) and Ben
	d.keys("S", "enter")
	d.keys("down", "down", "enter") // Gift buyers, Market regulars, Wholesale
	mustContain(t, d.screen(), "Put 1 customer in Wholesale. (1 already was.)")
	// Take them out again from the detail of one of them, named.
	d.keys("home", "enter", "S", "right", "enter", "down", "down", "enter")
	mustContain(t, d.screen(), "Took Ada Lovelace out of Wholesale.")
	d.keys("S", "right", "enter", "down", "down", "enter")
	mustContain(t, d.screen(), "Ada Lovelace was not in Wholesale.")
	d.keys("S", "enter", "down", "down", "enter")
	mustContain(t, d.screen(), "Put Ada Lovelace in Wholesale.")
	d.keys("S", "enter", "down", "down", "enter")
	mustContain(t, d.screen(), "Ada Lovelace is already in Wholesale.")
	d.keys("S", "right", "enter", "down", "down", "enter")
	c, _ := db.Customer(context.Background(), 1)
	if len(c.Segments) != 0 {
		t.Errorf("Ada is still in %v", c.Segments)
	}
}

func TestEscClearsMarksBeforeTheFilter(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 100, 30)
	d.keys("/", "customer", "enter", "space", "space", "space")
	mustContain(t, d.screen(), "3 marked", "filtered")
	d.keys("esc")
	mustContain(t, d.screen(), "Cleared 3 marks.", "filtered")
	d.keys("esc")
	mustContain(t, d.screen(), "Ada Lovelace")
}
