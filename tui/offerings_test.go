package tui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"clientele/model"
	"clientele/store/importer"
)

func TestOfferingsAddEditAndSKUConflict(t *testing.T) {
	db := fixtureStore(t)
	withOfferings(t, db)
	d := newDriver(t, db, 80, 24)
	d.keys("O")
	mustContain(t, d.screen(), "Offerings", "Gift box", "BOX", "Standard", "£35.00", "2 offerings")
	// A new offering whose SKU is taken: refused beside the SKU, typing kept.
	d.keys("a", "Rose soap", "enter", "BOX", "enter", "enter", "right", "enter", "5.00", "enter", "1.20", "enter")
	mustContain(t, d.screen(), `Not saved: sku: "BOX" is already another offering's`,
		`SKU  ✗ "BOX" is already another offering's > BOX`)
	mustLack(t, d.screen(), "conflict")
	// Correct the SKU (the form starts again at the name, values kept).
	d.keys("enter", "ctrl+u", "SOAP-R", "enter", "enter", "enter", "enter", "enter")
	mustContain(t, d.screen(), "Added Rose soap.", "SOAP-R", "Basic", "£5.00", "£1.20", "3 offerings")
	// x retires the offering under the cursor, which stays on it as it
	// moves to the end; x again brings it back.
	d.keys("x")
	mustContain(t, d.screen(), "Retired Gift box.", "retired")
	d.keys("x")
	mustContain(t, d.screen(), "Restored Gift box.")
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
	db := fixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.app.com.importFile = func(ctx context.Context, path string) (model.ImportSummary, error) {
		return importer.ImportFile(ctx, db, path, importer.Options{})
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(bad, []byte("date,customer,amount\n2026-11-01,Zoe Quinn,12.5O\n"), 0o600)
	os.WriteFile(good, []byte("date,customer,amount\n2026-11-01,Zoe Quinn,12.50\n"), 0o600)

	d.keys("i")
	mustContain(t, d.screen(), "Import a CSV file", "CSV file to import")
	d.keys("enter") // no path yet: says so
	mustContain(t, d.screen(), "CSV file to import  ✗ is required")
	d.keys(bad, "enter")
	mustContain(t, d.screen(), `line 2, column amount: amount "12.5O" is not a number`, "bad.csv")
	// The path is still typed: fix it and import.
	for range len("bad.csv") {
		d.keys("backspace")
	}
	d.keys("good.csv", "enter")
	mustContain(t, d.screen(), "Imported 1 order (1 line), 1 customer from orders.")
	if n, _ := db.CustomerCount(context.Background()); n != 26 {
		t.Errorf("%d customers after the import, want 26", n)
	}
	d.keys("G")
	mustContain(t, d.screen(), "Zoe Quinn")
}
