package customers_test

import (
	"context"
	"testing"

	"clientele/tui/tuitest"
)

func TestOfferingsAddEditAndSKUConflict(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	withOfferings(t, db)
	d := newDriver(t, db, 80, 24)
	d.Keys("O")
	tuitest.MustContain(t, d.Screen(), "Offerings", "Gift box", "BOX", "Standard", "£35.00", "2 offerings")
	// A new offering whose SKU is taken: refused beside the SKU, typing kept.
	d.Keys("a", "Rose soap", "enter", "BOX", "enter", "enter", "right", "enter", "5.00", "enter", "1.20", "enter")
	tuitest.MustContain(t, d.Screen(), `Not saved: sku: "BOX" is already another offering's`,
		`SKU  ✗ "BOX" is already another offering's > BOX`)
	tuitest.MustLack(t, d.Screen(), "conflict")
	// Correct the SKU (the form starts again at the name, values kept).
	d.Keys("enter", "ctrl+u", "SOAP-R", "enter", "enter", "enter", "enter", "enter")
	tuitest.MustContain(t, d.Screen(), "Added Rose soap.", "SOAP-R", "Basic", "£5.00", "£1.20", "3 offerings")
	// x retires the offering under the cursor, which stays on it as it
	// moves to the end; x again brings it back.
	d.Keys("x")
	tuitest.MustContain(t, d.Screen(), "Retired Gift box.", "retired")
	d.Keys("x")
	tuitest.MustContain(t, d.Screen(), "Restored Gift box.")
	list, err := db.Offerings(context.Background())
	if err != nil || len(list) != 3 {
		t.Fatalf("offerings %v %v", list, err)
	}
	for _, o := range list {
		if !o.Active {
			t.Errorf("%s still retired", o.Name)
		}
	}
}
