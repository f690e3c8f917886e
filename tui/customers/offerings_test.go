package customers_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"clientele/model"
	"clientele/store/importer"
	"clientele/tui"
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

func TestImportPrompt(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriverWith(t, db, 80, 24, tui.Options{Import: func(ctx context.Context, path string) (model.ImportSummary, error) {
		return importer.ImportFile(ctx, db, path, importer.Options{})
	}})
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(bad, []byte("date,customer,amount\n2026-11-01,Zoe Quinn,12.5O\n"), 0o600)
	os.WriteFile(good, []byte("date,customer,amount\n2026-11-01,Zoe Quinn,12.50\n"), 0o600)

	d.Keys("i")
	tuitest.MustContain(t, d.Screen(), "Import a CSV file", "CSV file to import")
	d.Keys("enter") // no path yet: says so
	tuitest.MustContain(t, d.Screen(), "CSV file to import  ✗ is required")
	d.Keys(bad, "enter")
	tuitest.MustContain(t, d.Screen(), `line 2, column amount: amount "12.5O" is not a number`, "bad.csv")
	// The path is still typed: fix it and import.
	for range len("bad.csv") {
		d.Keys("backspace")
	}
	d.Keys("good.csv", "enter")
	tuitest.MustContain(t, d.Screen(), "Imported 1 order (1 line), 1 customer from orders.")
	if n, _ := db.CustomerCount(context.Background()); n != 26 {
		t.Errorf("%d customers after the import, want 26", n)
	}
	d.Keys("G")
	tuitest.MustContain(t, d.Screen(), "Zoe Quinn")
}
