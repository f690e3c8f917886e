package imports_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clientele/model"
	"clientele/store"
	"clientele/store/importer"
	"clientele/tui"
	"clientele/tui/kit"
	"clientele/tui/tuitest"
)

// formats is where the importer's fixtures are, one file per format.
var formats = filepath.Join("..", "..", "store", "importer", "testdata", "formats")

// fixture is the absolute path of one of the importer's fixtures.
func fixture(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(formats, name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// start runs the app over db with the book's importer, at w×h.
func start(t *testing.T, db *store.DB, w, h int) *tuitest.Driver {
	t.Helper()
	return tuitest.Start(t, tui.New(db, tui.Options{Now: tuitest.Clock, Import: importer.For(db)}), w, h)
}

// write puts text in a file of dir and returns its path.
func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// count returns one number from the book, read beside the app.
func count(t *testing.T, db *store.DB, query string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// changes counts the changes in the book's history.
func changes(t *testing.T, db *store.DB) int {
	t.Helper()
	cs, err := db.History(context.Background(), model.HistoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

// TestAFileIsShownBeforeItIsWritten: i asks for the file, Tab completes
// its name, enter shows what it would do with nothing written; enter
// imports it as one change of the history, which undo takes back whole.
func TestAFileIsShownBeforeItIsWritten(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	d := start(t, db, 80, 24)
	before := changes(t, db)

	d.Keys("i")
	tuitest.MustContain(t, d.Screen(), "Import a file", "File to import", "tab complete")
	d.Keys(strings.TrimSuffix(fixture(t, "etsy-sold-order-items.csv"), "-items.csv"), "tab")
	tuitest.MustContain(t, d.Screen(), "etsy-sold-order-items.csv", "etsy-sold-orders.csv", "etsy-sold-orders-2019.tsv")
	d.Keys("-i", "tab") // one name fits now: the field takes it whole
	tuitest.MustContain(t, d.Screen(), "formats/etsy-sold-order-items.csv")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(),
		"Import etsy-sold-order-items.csv",
		"Format    Etsy Sold Order Items",
		"Read as   UTF-8, comma-separated",
		"Dates     M/D/Y: 12/17/22 at line 2 has its day second",
		"Currency  USD: the book takes it",
		"Adds      3 orders (5 lines), 3 customers, 3 offerings",
		"The first orders as they will be stored",
		"Ivy Jones", "Jon Kerr", "Lena Moss", "Beeswax candle",
		"enter import")
	if n := count(t, db, "SELECT count(*) FROM orders"); n != 0 || changes(t, db) != before {
		t.Fatalf("the preview wrote %d orders, %d changes", n, changes(t, db)-before)
	}
	// The first rows are in the file's order.
	s := d.Screen()
	if i, j := strings.Index(s, "Ivy Jones"), strings.Index(s, "Jon Kerr"); i < 0 || j < i {
		t.Errorf("the rows are not in the file's order:\n%s", s)
	}

	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "✓ Imported 3 orders (5 lines), 3 customers, 3 offerings from etsy-items",
		"currency USD", "one change")
	if n := count(t, db, "SELECT count(*) FROM orders"); n != 3 {
		t.Errorf("%d orders imported, want 3", n)
	}
	if n := count(t, db, "SELECT sum(amount) FROM order_lines"); n != 4100 {
		t.Errorf("lines come to %d, want 4100 (9.00+2.00 discounted… as the file says)", n)
	}
	if got := changes(t, db) - before; got != 1 {
		t.Errorf("the import made %d changes of the history, want 1", got)
	}

	// u takes the import back whole, and the file is read again: it
	// would add them all again; U puts it back: they are all there.
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Undone", "Adds      3 orders (5 lines), 3 customers, 3 offerings")
	if n := count(t, db, "SELECT count(*) FROM orders"); n != 0 {
		t.Errorf("undo left %d orders of the import", n)
	}
	d.Keys("U")
	tuitest.MustContain(t, d.Screen(), "Skips     3 already imported", "unchanged")
	if n := count(t, db, "SELECT count(*) FROM orders"); n != 3 {
		t.Errorf("%d orders after redo, want 3", n)
	}
	d.Keys("esc", "esc")
	tuitest.MustContain(t, d.Screen(), "Ivy Jones", "Jon Kerr", "Lena Moss")
	tuitest.MustLack(t, d.Screen(), "Import etsy-sold-order-items.csv", "File to import")
}

// TestEscLeavesTheBookAsItWas: esc on the preview goes back to the path
// as typed, and nothing is written.
func TestEscLeavesTheBookAsItWas(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := start(t, db, 80, 24)
	customers := count(t, db, "SELECT count(*) FROM customers")
	before := changes(t, db)
	path := fixture(t, "google-contacts.csv")
	d.Keys("i", path, "enter")
	tuitest.MustContain(t, d.Screen(), "Format    Google Contacts", "The first customers as they will be stored")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "File to import", path)
	d.Keys("esc")
	tuitest.MustLack(t, d.Screen(), "File to import")
	if n := count(t, db, "SELECT count(*) FROM customers"); n != customers || changes(t, db) != before {
		t.Errorf("%d customers (was %d), %d changes: esc wrote", n, customers, changes(t, db)-before)
	}
}

// TestPathsAsPasted: a path pasted in quotes, with escaped spaces, or as
// a file:// URL reads the file it names; a missing one is named.
func TestPathsAsPasted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := write(t, dir, "my orders.csv", "date,customer,amount\n2026-01-02,Ann Lee,12.00\n")
	d := start(t, tuitest.OpenStore(t), 80, 24)
	d.Keys("i")
	for _, typed := range []string{"'" + p + "'", `"` + p + `"`, strings.ReplaceAll(p, " ", `\ `), "file://" +
		strings.ReplaceAll(p, " ", "%20"), "  " + p + "  "} {
		d.Keys("ctrl+u", typed, "enter")
		tuitest.MustContain(t, d.Screen(), "Import my orders.csv", "Adds      1 order (1 line), 1 customer")
		d.Keys("esc")
	}
	d.Keys("ctrl+u", filepath.Join(dir, "nope.csv"), "enter")
	tuitest.MustContain(t, d.Screen(), "nope.csv: there is no such file")
	d.Keys("ctrl+u", filepath.Join(dir, "no", "such", "x.csv"), "enter")
	tuitest.MustContain(t, d.Screen(), "there is no folder")
	d.Keys("ctrl+u", dir, "enter")
	tuitest.MustContain(t, d.Screen(), "is a folder")
}

// TestARefusalNamesTheLineAndColumn: a file with a bad amount is
// refused in words naming its line and column, enter imports nothing.
func TestARefusalNamesTheLineAndColumn(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	d := start(t, db, 80, 24)
	p := write(t, t.TempDir(), "bad.csv", "date,customer,amount\n2026-01-02,Ann,1.00\n2026-01-03,Bo,12.5O\n")
	d.Keys("i", p, "enter")
	tuitest.MustContain(t, d.Screen(), `line 3, column amount: amount "12.5O" is not a number`)
	tuitest.MustLack(t, d.Screen(), "enter import")
	d.Keys("enter")
	if n := count(t, db, "SELECT count(*) FROM orders"); n != 0 {
		t.Errorf("a refused file wrote %d orders", n)
	}
}

// TestDatesEitherWayAreAChoice: a file whose every date reads either way
// is refused until d says which; the choice is read again and shown.
func TestDatesEitherWayAreAChoice(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	d := start(t, db, 80, 24)
	p := write(t, t.TempDir(), "either.csv", "date,customer,amount\n03/04/2026,Ann,1.00\n05/06/2026,Bo,2.00\n")
	d.Keys("i", p, "enter")
	tuitest.MustContain(t, d.Screen(), "every date in the file reads either way", "d  read its dates day first")
	d.Keys("d")
	tuitest.MustContain(t, d.Screen(), "Dates     D/M/Y", "2026-04-03", "d: day/month")
	d.Keys("d")
	tuitest.MustContain(t, d.Screen(), "Dates     M/D/Y", "2026-03-04")
	d.Keys("enter")
	if n := count(t, db, "SELECT count(*) FROM orders WHERE ordered_at LIKE '2026-03-04%'"); n != 1 {
		t.Errorf("%d orders on the 4th of March, want 1", n)
	}
}

// TestAnotherFormatIsAChoice: f reads the file as the other format its
// header fits, and the import is of that format.
func TestAnotherFormatIsAChoice(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	d := start(t, db, 80, 24)
	d.Keys("i", fixture(t, "shopify-customers.csv"), "enter")
	tuitest.MustContain(t, d.Screen(), "Format    Shopify customers", "f: 1 other format fits")
	d.Keys("f")
	tuitest.MustContain(t, d.Screen(), "Format    customers (a list of your own)")
	d.Keys("f")
	tuitest.MustContain(t, d.Screen(), "Format    Shopify customers")
}

// TestAHeaderNoFormatFitsIsMapped: a CSV whose header matches no format
// opens the column mapping; the columns chosen read it, the import keeps
// them for its header, and the next file with that header is read with
// them without asking.
func TestAHeaderNoFormatFitsIsMapped(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	d := start(t, db, 80, 24)
	dir := t.TempDir()
	head := "Created,Client,Sum,Note\n"
	p := write(t, dir, "sales.csv", head+"2026-01-02,Ann Lee,12.00,x\n2026-01-03,\"Bo, Jr\",5.00,y\n")
	d.Keys("i", p, "enter")
	tuitest.MustContain(t, d.Screen(), "Which column holds what?", "matches no format",
		"Still needed: the column that holds a date and an amount or a unit price")
	d.Keys("right") // date: Created
	tuitest.MustContain(t, d.Screen(), "Created", "2026-01-02 · 2026-01-03",
		"Still needed: the column that holds an amount or a unit price")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "Say which column holds an amount or a unit price first")
	d.Keys("down", "right", "right", "right")        // amount: Sum
	d.Keys("down", "down", "down", "right", "right") // customer: Client
	tuitest.MustContain(t, d.Screen(), "12.00 · 5.00", "Ann Lee · Bo, Jr", "Would import 2 orders")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "Format    orders (a list of your own), with your columns",
		"Adds      2 orders (2 lines), 2 customers", "Bo, Jr")
	if n := count(t, db, "SELECT count(*) FROM orders"); n != 0 {
		t.Fatalf("the mapping wrote %d orders", n)
	}
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "✓ Imported 2 orders")
	if n := count(t, db, "SELECT sum(amount) FROM order_lines"); n != 1700 {
		t.Errorf("lines come to %d, want 1700", n)
	}
	d.Keys("enter")

	q := write(t, dir, "more.csv", head+"2026-02-02,Cy Moss,3.00,z\n")
	d.Keys("i", q, "enter")
	tuitest.MustContain(t, d.Screen(), "with your columns", "Adds      1 order (1 line), 1 customer", "Cy Moss")
	d.Keys("m")
	tuitest.MustContain(t, d.Screen(), "Which column holds what?", "Created", "Client", "Sum")
	tuitest.MustLack(t, d.Screen(), "matches no format")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Import more.csv")
}

// TestReimportShowsWhatChanged: a file imported again says, before it
// writes, which orders it replaces (changed in the file) and which it
// leaves alone (edited here since: a conflict).
func TestReimportShowsWhatChanged(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	d := start(t, db, 80, 24)
	dir := t.TempDir()
	head := "order id,date,customer,amount\n"
	p := write(t, dir, "a.csv", head+"A1,2026-01-02,Ann,5.00\nA2,2026-01-03,Bo,6.00\n")
	d.Keys("i", p, "enter", "enter", "enter")
	// A1 is edited here since: the file's A1 is a conflict, left alone.
	ctx := context.Background()
	o, err := db.Order(ctx, int64(count(t, db, "SELECT id FROM orders WHERE external_id = 'A1'")))
	if err != nil {
		t.Fatal(err)
	}
	o.Notes = "gift wrapped"
	if err := db.UpdateOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "a.csv", head+"A1,2026-01-02,Ann,9.00\nA2,2026-01-03,Bo,7.00\nA3,2026-01-04,Cy,1.00")
	d.Keys("i", p, "enter")
	tuitest.MustContain(t, d.Screen(), "Adds      1 order (1 line), 1 customer",
		"Replaces  1 order changed in the file",
		"Skips     1 order edited here since its import (conflict)",
		"Warning   The file looks cut short", "conflict: edited", "changed", "new")
	d.Keys("enter")
	if n := count(t, db, "SELECT sum(amount) FROM order_lines"); n != 1300 {
		t.Errorf("lines come to %d, want 1300 (A1 kept at 5.00, A2 now 7.00, A3 1.00)", n)
	}
}

// TestTheImportFitsSmallTerminals: every screen of the import at 80×24
// and at 60×16 keeps within the terminal and has its help line.
func TestTheImportFitsSmallTerminals(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {60, 16}} {
		d := start(t, tuitest.OpenStore(t), size[0], size[1])
		p := write(t, t.TempDir(), "x.csv", "Created,Client,Sum\n2026-01-02,Ann Lee,12.00\n")
		check := func(help string) {
			t.Helper()
			lines := strings.Split(d.Screen(), "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
			}
			if !strings.Contains(lines[len(lines)-1], help) {
				t.Errorf("%dx%d: no help line %q:\n%s", size[0], size[1], help, d.Screen())
			}
		}
		d.Keys("i")
		check("enter read the file")
		d.Keys(p, "enter")
		check("enter use these columns")
		d.Keys("esc")
		check("m columns")
		d.Keys("esc", "ctrl+u", fixture(t, "shopify-orders.csv"), "enter")
		check("enter import")
		d.Keys("enter")
		check("enter done")
	}
}

// TestAnotherEncodingIsAChoice: a file in Windows-1252 is read as such,
// its text decoded; e reads it in the next encoding, and says why that
// does not read it.
func TestAnotherEncodingIsAChoice(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	d := start(t, db, 80, 24)
	p := write(t, t.TempDir(), "excel.csv", "date,customer,amount\r\n2026-01-02,Caf\xe9 M\xfcller,1.00\r\n")
	d.Keys("i", p, "enter")
	tuitest.MustContain(t, d.Screen(), "Read as   Windows-1252, comma-separated", "Café Müller")
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "UTF-8 (chosen)", "line 2")
	d.Keys("e", "e", "e")
	tuitest.MustContain(t, d.Screen(), "Windows-1252", "Café Müller")
	d.Keys("enter")
	if n := count(t, db, "SELECT count(*) FROM customers WHERE name = 'Café Müller'"); n != 1 {
		t.Errorf("%d customers named Café Müller", n)
	}
}

// lockedBook is a writable book the app is told it cannot write, as a
// followed copy or a read-only file says at open.
type lockedBook struct{ model.Store }

func (lockedBook) ReadOnly() error {
	return &store.ReadOnlyError{Path: "book.db", Reason: "it is a followed copy"}
}

// TestABookThatCannotBeWrittenIsNotImportedInto: on a book that cannot
// be written i says why and opens nothing; a book found damaged while a
// preview is shown refuses enter, and nothing reaches the file.
func TestABookThatCannotBeWrittenIsNotImportedInto(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := tuitest.Start(t, tui.New(lockedBook{db}, tui.Options{Now: tuitest.Clock, Import: importer.For(db)}), 80, 24)
	d.Keys("i")
	tuitest.MustLack(t, d.Screen(), "File to import")

	d = start(t, db, 80, 24)
	customers := count(t, db, "SELECT count(*) FROM customers")
	d.Keys("i", fixture(t, "google-contacts.csv"), "enter")
	tuitest.MustContain(t, d.Screen(), "Format    Google Contacts", "enter import")
	d.Send(kit.ErrMsg{Err: fmt.Errorf("reading customers: %w", model.ErrDamaged)})
	d.Keys("enter")
	tuitest.MustLack(t, d.Screen(), "✓ Imported")
	if n := count(t, db, "SELECT count(*) FROM customers"); n != customers {
		t.Errorf("a damaged book took %d customers", n-customers)
	}
}
