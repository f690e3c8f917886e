package importer

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"clientele/model"
	"clientele/store"
)

// TestRowsInAnyOrderAreGroupedByOrder: an invoice whose rows are apart,
// interleaved with others and at different times, is one order dated by
// its earliest row; the shared month shuffled gives the same figures.
func TestRowsInAnyOrderAreGroupedByOrder(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	csv := "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
		"1,A,x,2,2010-12-01 08:01:00,1.50,12.0,UK\n" +
		"2,B,y,1,2010-12-01 08:00:00,3.00,13.0,UK\n" +
		"1,B,y,1,2010-12-01 07:59:00,3.00,12.0,UK\n"
	sum, err := run(t, db, csv, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Orders != 2 || sum.Lines != 3 {
		t.Errorf("summary %+v", sum)
	}
	if count(t, db, "SELECT count(*) FROM orders WHERE external_id = '1' AND ordered_at = '2010-12-01 07:59:00' AND lines_amount = 600") != 1 {
		t.Error("invoice 1 is not one order of its earliest time")
	}
}

func TestSharedMonthShuffledGivesTheSameFigures(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(sharedMonth)
	if err != nil {
		t.Skip("the shared month is not beside the repository")
	}
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), "\n")
	body := lines[1:]
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	db, _ := openDB(t)
	sum, err := run(t, db, lines[0]+"\n"+strings.Join(body, "\n")+"\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Orders != 2025 || sum.Lines != 42481 || sum.Customers != 948 || sum.Offerings != 2822 {
		t.Errorf("summary %+v", sum)
	}
	for q, want := range map[string]int64{
		"SELECT sum(amount) FROM order_lines":                                                                             74895702,
		"SELECT sum(lines_amount) FROM orders WHERE customer_id IS NOT NULL":                                              55460402,
		"SELECT revenue FROM customers WHERE ref = '17850'":                                                               539121,
		"SELECT count(*) FROM orders WHERE kind = 'refund'":                                                               326,
		"SELECT max(ordered_at) = '2010-12-23 17:41:00' FROM orders":                                                      1,
		"SELECT count(*) FROM orders o WHERE lines_amount <> (SELECT sum(amount) FROM order_lines WHERE order_id = o.id)": 0,
	} {
		if n := count(t, db, q); n != want {
			t.Errorf("%s = %d, want %d", q, n, want)
		}
	}
}

// TestReimportReplacesChangedOrdersAndLeavesEditedOnesAlone: the second
// import of a file whose order changed replaces it (the dry run says so
// first); an order edited here since is a conflict, left as it is.
func TestReimportReplacesChangedOrdersAndLeavesEditedOnesAlone(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	head := "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
	v1 := head + "1,A,x,2,2010-12-01 08:00:00,1.50,12.0,UK\n2,B,y,1,2010-12-01 09:00:00,3.00,13.0,UK\n" +
		"3,B,y,1,2010-12-01 10:00:00,3.00,13.0,UK\n"
	if _, err := run(t, db, v1, Options{}); err != nil {
		t.Fatal(err)
	}
	same, err := run(t, db, v1, Options{})
	if err != nil || same.Skipped != 3 || same.Changed+same.Orders+same.Conflicts != 0 {
		t.Fatalf("unchanged file: %+v %v", same, err)
	}
	// Order 3 is edited here (its customer changed).
	if err := db.Load(context.Background(), func(l *store.Loader) error {
		_, err := l.Tx().Exec("UPDATE orders SET customer_id = (SELECT id FROM customers WHERE ref = '12') WHERE external_id = '3'")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// In the file, order 1 gains a line, order 3 a quantity: the cut-short
	// case, the whole file read again.
	v2 := head + "1,A,x,2,2010-12-01 08:00:00,1.50,12.0,UK\n2,B,y,1,2010-12-01 09:00:00,3.00,13.0,UK\n" +
		"3,B,y,4,2010-12-01 10:00:00,3.00,13.0,UK\n1,C,z,1,2010-12-01 08:00:00,0.50,12.0,UK\n"
	dry, err := run(t, db, v2, Options{DryRun: true})
	if err != nil || dry.Changed != 1 || dry.Conflicts != 1 || dry.Skipped != 1 ||
		!strings.Contains(dry.String(), "1 order changed in the file (would be replaced)") {
		t.Fatalf("dry run: %+v %v", dry, err)
	}
	got, err := run(t, db, v2, Options{})
	if err != nil || got.Changed != 1 || got.Conflicts != 1 {
		t.Fatalf("re-import: %+v %v", got, err)
	}
	if count(t, db, "SELECT lines_amount FROM orders WHERE external_id = '1'") != 350 ||
		count(t, db, "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.external_id = '1'") != 2 {
		t.Error("order 1 was not replaced")
	}
	if count(t, db, "SELECT lines_amount FROM orders WHERE external_id = '3'") != 300 {
		t.Error("order 3, edited here, was overwritten")
	}
	if count(t, db, "SELECT revenue FROM customers WHERE ref = '12'") != 350+300 {
		t.Error("the customer's figures were not refreshed")
	}
}

// TestCutShortFilesAreNamed: a last line with no line end is named with
// the record; a short last record or an open quote is refused.
func TestCutShortFilesAreNamed(t *testing.T) {
	t.Parallel()
	head := "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
	ok := "1,A,x,2,2010-12-01 08:00:00,1.50,12.0,UK\n"
	db, _ := openDB(t)
	sum, err := run(t, db, head+ok+"2,B,y,1,2010-12-01 09:00:00,3.00,13.0,United Ki", Options{})
	if err != nil || !strings.Contains(sum.CutShort, "no line end") || !strings.Contains(sum.CutShort, "United Ki") {
		t.Errorf("no line end: %+v %v", sum, err)
	}
	for name, file := range map[string]string{
		"short record": head + ok + "2,B,y,1,2010-12-01 09:0",
		"open quote":   head + ok + "2,B,\"y is a lo",
	} {
		db, _ := openDB(t)
		_, err := run(t, db, file, Options{})
		if err == nil || !strings.Contains(err.Error(), "cut short") || !strings.Contains(err.Error(), "line 3") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func encode(t *testing.T, s string, tr transform.Transformer) []byte {
	b, _, err := transform.Bytes(tr, []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEncodingsAndSeparators: Windows-1252, UTF-16 with a BOM, semicolons
// and decimal commas are read as written, never as mojibake.
func TestEncodingsAndSeparators(t *testing.T) {
	t.Parallel()
	csv := "date;customer;amount\n2026-03-01;Zoë Müller;12,50\n2026-03-02;Zoë Müller;\"1.234,50\"\n"
	for name, c := range map[string]struct {
		b    []byte
		opt  Options
		enc  string
		fail string
	}{
		"windows-1252":         {b: encode(t, csv, charmap.Windows1252.NewEncoder()), enc: "Windows-1252"},
		"utf-16le with bom":    {b: encode(t, csv, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()), enc: "UTF-16LE"},
		"utf-16be with bom":    {b: encode(t, csv, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder()), enc: "UTF-16BE"},
		"utf-8 with bom":       {b: append([]byte("\ufeff"), csv...), enc: "UTF-8 with BOM"},
		"utf-8 said 1252":      {b: []byte(csv), opt: Options{Encoding: "windows-1252"}, enc: "Windows-1252", fail: "mojibake"},
		"1252 said to be utf8": {b: encode(t, csv, charmap.Windows1252.NewEncoder()), opt: Options{Encoding: "utf-8"}, fail: "not UTF-8 text"},
	} {
		db, _ := openDB(t)
		sum, err := Import(context.Background(), db, bytes.NewReader(c.b), c.opt)
		if c.fail == "mojibake" {
			// Told the wrong encoding, the bytes read as what was said: the
			// summary names it, so the owner sees why the name looks wrong.
			if err != nil || sum.Encoding != "Windows-1252" {
				t.Errorf("%s: %+v %v", name, sum, err)
			}
			continue
		}
		if c.fail != "" {
			if err == nil || !strings.Contains(err.Error(), c.fail) {
				t.Errorf("%s: %v, want %q", name, err, c.fail)
			}
			continue
		}
		if err != nil || sum.Encoding != c.enc || sum.Separator != "semicolon" {
			t.Errorf("%s: %+v %v", name, sum, err)
			continue
		}
		if count(t, db, "SELECT count(*) FROM customers WHERE name = 'Zoë Müller' AND revenue = 124700") != 1 {
			t.Errorf("%s: the name or the decimal commas did not read", name)
		}
	}
}

// TestDateOrder: decided per file from all its values; a file whose every
// date reads either way takes --date-order, else the book's setting, else
// is refused.
func TestDateOrder(t *testing.T) {
	t.Parallel()
	ambiguous := "date,customer,amount\n03/04/2026,Ann,1.00\n05/06/2026,Ann,1.00\n"
	db, _ := openDB(t)
	if _, err := run(t, db, ambiguous, Options{}); err == nil || !strings.Contains(err.Error(), "--date-order") {
		t.Errorf("ambiguous: %v", err)
	}
	sum, err := run(t, db, ambiguous, Options{DateOrder: "dmy"})
	if err != nil || sum.DateOrder != "D/M/Y" || !strings.Contains(sum.DateWhy, "--date-order") ||
		count(t, db, "SELECT count(*) FROM orders WHERE ordered_at = '2026-04-03 00:00:00'") != 1 {
		t.Errorf("--date-order dmy: %+v %v", sum, err)
	}
	st, _ := db.Settings(context.Background())
	st.DateOrder = model.DateOrderMDY
	if err := db.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	db2, _ := openDB(t)
	if err := db2.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	sum, err = run(t, db2, ambiguous, Options{})
	if err != nil || sum.DateOrder != "M/D/Y" || !strings.Contains(sum.DateWhy, "setting") {
		t.Errorf("book setting: %+v %v", sum, err)
	}
	decided := "date,customer,amount\n03/04/2026,Ann,1.00\n13/06/26 18:09,Ann,1.00\n"
	sum, err = run(t, db2, decided, Options{})
	if err != nil || sum.DateOrder != "D/M/Y" || !strings.Contains(sum.DateWhy, "line 3") {
		t.Errorf("decided by a value: %+v %v", sum, err)
	}
	for _, bad := range []string{
		"date,customer,amount\n13/04/2026,Ann,1.00\n04/13/2026,Ann,1.00\n",
		"date,customer,amount\n2026-04-05,Ann,1.00\n04/13/2026,Ann,1.00\n",
	} {
		if _, err := run(t, db2, bad, Options{}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	zones := "date,customer,amount\n2026-04-05 21:06:21 +0400,Ann,1.00\n2026-04-05T21:06:22Z,Ann,1.00\n"
	if _, err := run(t, db2, zones, Options{}); err != nil {
		t.Errorf("zones: %v", err)
	}
}

// TestCurrency: an empty book takes the file's currency; a book in
// another refuses the file, naming both.
func TestCurrency(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	usd := "date,customer,amount,currency\n2026-01-01,Ann,1.00,usd\n"
	if sum, err := run(t, db, usd, Options{}); err != nil || sum.Currency != "USD" {
		t.Fatalf("%+v %v", sum, err)
	}
	eur := "date,customer,amount,currency\n2026-01-02,Ann,1.00,EUR\n"
	if _, err := run(t, db, eur, Options{}); err == nil || !strings.Contains(err.Error(), "EUR") ||
		!strings.Contains(err.Error(), "USD") {
		t.Errorf("a EUR file into a USD book: %v", err)
	}
	mixed := "date,customer,amount,currency\n2026-01-02,Ann,1.00,USD\n2026-01-03,Ann,1.00,EUR\n"
	if _, err := run(t, db, mixed, Options{}); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("mixed currencies: %v", err)
	}
}

// TestDetectionNeverGuesses: a header that is not an orders file by its
// columns is never read as customers; one that matches nothing names the
// candidates and what each lacks (issue 13, item 3).
func TestDetectionNeverGuesses(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	sum, err := run(t, db, "Order ID,Created At,Customer,Total\n71733,2026-01-02,Ann,12.00\n", Options{})
	if err != nil || sum.Format != Orders || sum.Orders != 1 || sum.Customers != 1 {
		t.Errorf("an orders header: %+v %v", sum, err)
	}
	for _, head := range []string{"Order ID,Customer,Total", "Name,Customer,Total"} {
		db, _ := openDB(t)
		_, err := run(t, db, head+"\n71733,Ann,12.00\n", Options{})
		if err == nil || !strings.Contains(err.Error(), "matches no format") || !strings.Contains(err.Error(), "lacks") {
			t.Errorf("%s: %v", head, err)
		}
		if count(t, db, "SELECT count(*) FROM customers") != 0 {
			t.Errorf("%s became customers", head)
		}
	}
	if _, err := run(t, db, "Name,Customer,Total\n71733,Ann,12.00\n", Options{Format: Customers}); err == nil {
		t.Error("--format customers read an orders header")
	}
}

// TestColumnMapping: a header that matches no format reads with
// --columns, and the mapping is kept for the next file with that header.
func TestColumnMapping(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	file := "Created,Client,Sum\n2026-01-02,Ann,12.00\n"
	if _, err := run(t, db, file, Options{}); err == nil {
		t.Fatal("an unknown header was read")
	}
	sum, err := run(t, db, file, Options{Columns: "date=Created,customer=Client,amount=Sum"})
	if err != nil || sum.Orders != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	next := "Created,Client,Sum\n2026-01-03,Bo,5.00\n"
	if sum, err := run(t, db, next, Options{}); err != nil || sum.Orders != 1 || sum.Customers != 1 {
		t.Errorf("the kept mapping: %+v %v", sum, err)
	}
	if _, err := run(t, db, file, Options{Columns: "date=Nope"}); err == nil || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("a mapping to no column: %v", err)
	}
}

// TestPlanPreviewsWithoutWriting: the preview names the format, the
// alternatives and shows the first orders as stored.
func TestPlanPreviewsWithoutWriting(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	pv, err := Plan(context.Background(), db, "testdata/formats/shopify-orders.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if pv.Label != "Shopify orders" || len(pv.Samples) == 0 || pv.Samples[0].Outcome != "new" ||
		pv.Samples[0].Cells[1] != "Mo Nash" || pv.Samples[0].Cells[3] != "40.50" || len(pv.Columns) != len(pv.Samples[0].Cells) {
		t.Errorf("preview %+v", pv)
	}
	if count(t, db, "SELECT count(*) FROM orders") != 0 {
		t.Error("the plan wrote")
	}
}
