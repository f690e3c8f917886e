package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

// planFile writes text to a file and plans it.
func planFile(t *testing.T, db *store.DB, text string, opt Options) (Preview, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "file.csv")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return Plan(context.Background(), db, path, opt)
}

// TestARefusedPreviewKeepsWhatTheChoicesNeed: a header that matches no
// format is refused, but the preview holds the header and the first rows
// as written (a column mapping's samples) and says it is unmatched; a
// file whose dates all read either way says so, refused or read.
func TestARefusedPreviewKeepsWhatTheChoicesNeed(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	pv, err := planFile(t, db, "Created,Client,Sum\n2026-01-02,Ann,12.00\n2026-01-03,\"Bo, Jr\",5.00\n", Options{})
	if err == nil || !pv.Unmatched || !slices.Equal(pv.Header, []string{"Created", "Client", "Sum"}) ||
		len(pv.Rows) != 2 || pv.Rows[1][1] != "Bo, Jr" {
		t.Fatalf("unmatched: %+v %v", pv, err)
	}
	either := "date,customer,amount\n03/04/2026,Ann,1.00\n"
	pv, err = planFile(t, db, either, Options{})
	if err == nil || !pv.DatesEitherWay || pv.Unmatched {
		t.Fatalf("either way, refused: %+v %v", pv, err)
	}
	pv, err = planFile(t, db, either, Options{DateOrder: "mdy"})
	if err != nil || !pv.DatesEitherWay || pv.Summary.DateOrder != "M/D/Y" {
		t.Fatalf("either way, asked: %+v %v", pv, err)
	}
	pv, err = planFile(t, db, "date,customer,amount\n13/04/2026,Ann,1.00\n", Options{})
	if err != nil || pv.DatesEitherWay {
		t.Fatalf("decided by a value: %+v %v", pv, err)
	}
}

// TestFormatChoicesStayOnChange: the formats a header fits are offered
// whichever of them is chosen, and a header that fits two formats equally
// offers both.
func TestFormatChoicesStayOnChange(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	file := "testdata/formats/shopify-customers.csv"
	pv, err := Plan(context.Background(), db, file, Options{})
	if err != nil || pv.Summary.Format != ShopifyCustomers || !slices.Contains(pv.Alternatives, Customers) {
		t.Fatalf("found: %+v %v", pv, err)
	}
	pv, err = Plan(context.Background(), db, file, Options{Format: Customers})
	if err != nil || pv.Summary.Format != Customers || !slices.Contains(pv.Alternatives, ShopifyCustomers) {
		t.Fatalf("chosen: %+v %v", pv, err)
	}
	h := newHeader([]string{"Square Customer ID", "Creation Source", "First Name", "Last Name", "E-mail 1 - Value",
		"Phone 1 - Value"})
	_, alts, err := detect(&h)
	if err == nil || !slices.Contains(alts, SquareCustomers) || !slices.Contains(alts, GoogleContacts) {
		t.Errorf("a tie: %v %v", alts, err)
	}
}

// TestAKeptMappingReadsItsHeaderFirst: a mapping kept for a header is how
// the owner said to read it, even when a format would match it; every
// customer field the generic format reads can be mapped.
func TestAKeptMappingReadsItsHeaderFirst(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	file := "name,email,Street\nAnn,ann@example.com,1 High St\n"
	pv, err := planFile(t, db, file, Options{})
	if err != nil || pv.Summary.Format != Customers || pv.Mapping != "" {
		t.Fatalf("found: %+v %v", pv, err)
	}
	// The owner reads the email column as the name.
	if _, err := run(t, db, file, Options{Columns: "name=email,street=Street"}); err != nil {
		t.Fatal(err)
	}
	if count(t, db, "SELECT count(*) FROM customers WHERE name = 'ann@example.com' AND address_line1 = '1 High St'") != 1 {
		t.Error("the mapping was not read")
	}
	pv, err = planFile(t, db, "name,email,Street\nBo,bo@example.com,2 Low St\n", Options{})
	if err != nil || pv.Mapping != "name=email,street=Street" || pv.Samples[0].Cells[0] != "bo@example.com" {
		t.Errorf("kept: %+v %v", pv, err)
	}
}

// TestConflictsAreListedWithTheirIDs: the orders left alone because they
// were edited here are listed, with their ids and customers.
func TestConflictsAreListedWithTheirIDs(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	head := "order id,date,customer,amount\n"
	if _, err := run(t, db, head+"A1,2026-01-02,Ann,5.00\nA2,2026-01-03,Bo,6.00\n", Options{}); err != nil {
		t.Fatal(err)
	}
	if err := db.Load(context.Background(), func(l *store.Loader) error {
		_, err := l.Tx().Exec("UPDATE orders SET notes = 'edited' WHERE external_id = 'A2'")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	pv, err := planFile(t, db, head+"A1,2026-01-02,Ann,5.00\nA2,2026-01-03,Bo,7.00\n", Options{})
	if err != nil || pv.Summary.Conflicts != 1 || len(pv.Conflicts) != 1 || pv.Conflicts[0].ID != "A2" ||
		pv.Conflicts[0].Cells[1] != "Bo" || pv.Samples[0].ID != "A1" || pv.Samples[0].Outcome != "unchanged" {
		t.Fatalf("%+v %v", pv, err)
	}
}

// TestAPlanStopsWhenCancelled: cancelling a plan's context stops it; the
// file is not read to its end.
func TestAPlanStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	var b strings.Builder
	b.WriteString("date,customer,amount\n")
	for range 3 * progressEvery {
		b.WriteString("2026-01-02,Ann,1.00\n")
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	rows := 0
	_, err := Plan(ctx, db, path, Options{Progress: func(n int, _ time.Duration) { rows = n; cancel() }})
	if !errors.Is(err, context.Canceled) || rows != progressEvery {
		t.Errorf("rows %d, %v", rows, err)
	}
	// Cancelled before it starts: the scan stops too.
	if _, err := Plan(ctx, db, path, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled first: %v", err)
	}
}

// TestForDescribesTheImporter: the formats, encodings and mapping fields
// the import screens offer.
func TestForDescribesTheImporter(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	im := For(db)
	names := []string{}
	for _, f := range im.Formats() {
		names = append(names, f.Name)
	}
	if !slices.Equal(append([]string{Auto}, names...), FormatNames()) || !slices.Equal(im.Encodings(), Encodings) {
		t.Errorf("formats %v, encodings %v", names, im.Encodings())
	}
	needs := map[string][]string{}
	for _, f := range im.Fields() {
		if f.Kind != Orders && f.Kind != Customers {
			t.Errorf("field %s of kind %q", f.Name, f.Kind)
		}
		if f.Need != "" {
			needs[f.Kind] = append(needs[f.Kind], f.Name)
		}
	}
	if !slices.Equal(needs[Orders], []string{"date", "amount", "price"}) ||
		!slices.Equal(needs[Customers], []string{"name", "first name", "email"}) {
		t.Errorf("needs %v", needs)
	}
	var _ model.Importer = im
}
