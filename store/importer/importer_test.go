package importer

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"clientele/model"
	"clientele/store"
)

func run(t testing.TB, db *store.DB, csv string, opt Options) (model.ImportSummary, error) {
	t.Helper()
	return Import(context.Background(), db, strings.NewReader(csv), opt)
}

// count returns one number from the database.
func count(t *testing.T, db *store.DB, query string) int64 {
	t.Helper()
	var n int64
	err := db.Load(context.Background(), func(l *store.Loader) error { return l.Tx().QueryRow(query).Scan(&n) })
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const retailCSV = "\ufeffInvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r\n" +
	"536365,85123A,\"WHITE HANGING HEART, T-LIGHT\",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\r\n" +
	"536365,71053,\"WHITE \"\"METAL\"\" LANTERN\",3,2010-12-01 08:26:00,0.085,17850.0,United Kingdom\r\n" +
	"536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,EIRE\r\n" +
	"C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,17850.0,United Kingdom\r\n"

func TestRetailSmallFile(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	sum, err := run(t, db, retailCSV, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Format != OnlineRetail || sum.Rows != 4 || sum.Customers != 1 || sum.Offerings != 4 || sum.Orders != 3 ||
		sum.Unattributed != 1 || sum.Lines != 4 || sum.Encoding != "UTF-8 with BOM" || sum.Separator != "comma" ||
		sum.DateOrder != "ISO" {
		t.Errorf("summary %+v", sum)
	}
	// 6 × 2.55 = 15.30; 3 × 0.085 = 0.255 → 0.26 (half away from zero); −27.50.
	if n := count(t, db, "SELECT revenue FROM customers WHERE ref = '17850'"); n != 1530+26-2750 {
		t.Errorf("revenue %d", n)
	}
	if n := count(t, db, "SELECT count(*) FROM order_lines WHERE unit_price_exact = '0.085' AND unit_price = 9"); n != 1 {
		t.Error("the exact price 0.085 was not kept")
	}
	if n := count(t, db, "SELECT count(*) FROM offerings WHERE name = 'WHITE \"METAL\" LANTERN'"); n != 1 {
		t.Error("quoted description not read")
	}
	if n := count(t, db, "SELECT count(*) FROM orders WHERE external_id = 'C536379' AND kind = 'refund'"); n != 1 {
		t.Error("C invoice is not a refund")
	}
}

func TestBadLinesNameLineAndColumnAndWriteNothing(t *testing.T) {
	t.Parallel()
	head := "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
	ok := "1,A,x,2,2010-12-01 08:00:00,1.50,12.0,UK\n"
	cases := []struct {
		name, csv, format, want string
	}{
		{"bad price", head + ok + "1,B,y,2,2010-12-01 08:00:00,1.5O,,UK\n", "",
			`line 3, column UnitPrice: amount "1.5O" is not a number`},
		{"bad quantity", head + ok + "2,B,y,two,2010-12-01 08:00:00,1.50,,UK\n", "",
			`line 3, column Quantity: "two" is not a whole number`},
		{"cancellation with a positive quantity", head + ok + "C2,B,y,2,2010-12-01 08:00:00,1.50,,UK\n", "",
			"line 3, column Quantity: invoice C2 is a cancellation"},
		{"bad date", head + ok + "2,B,y,2,01.12.2010,1.50,,UK\n", "", `line 3: the dates are written two ways`},
		{"not a date", head + ok + "2,B,y,2,yesterday,1.50,,UK\n", "", `line 3, column InvoiceDate: "yesterday" is not a date`},
		{"bad customer", head + ok + "2,B,y,2,2010-12-01 08:00:00,1.50,12.5,UK\n", "",
			`line 3, column CustomerID: customer id "12.5" is not a whole number`},
		{"too few columns", head + ok + "2,B,y,2,2010-12-01 08:00:00,1.50\n", "", "line 3: has 6 columns, the header has 8"},
		{"bare quote", head + ok + "2,B,y \"big\",2,2010-12-01 08:00:00,1.50,,UK\n", "", "line 3: column 7: bare \""},
		{"quoted line break keeps counting", head + "1,A,\"two\nlines\",2,2010-12-01 08:00:00,1.50,12.0,UK\n" +
			"2,B,y,2,2010-12-01 08:00:00,x,,UK\n", "", "line 4, column UnitPrice"},
		{"unknown header", "a,b\n1,2\n", "", "line 1: the header matches no format"},
		{"missing column", "InvoiceNo,StockCode,UnitPrice\n1,2,3\n", "", "line 1: the header matches no format"},
		{"etsy bad date", etsyHead + "02/30/24,1,7,Ann,Ann,Lee,1,,,UK,GBP,10.00,0,2.00,0.50,0.30,9.70,ann\n", "",
			`line 2, column Sale Date: "02/30/24" is not a real date`},
		{"orders bad amount", "date,customer,amount\n2026-01-02,Ann,12.50\n2026-01-03,Ann,12,5\n", "",
			"line 3: has 4 columns"},
		{"orders bad email", "date,customer,email,amount\n2026-01-02,Ann,ann@,12.50\n", "",
			"line 2, column email:"},
		{"customers no name", "name,email,phone\nAnn,ann@example.com,555-0100\n,,555-0101\n", "", "line 3, column name: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, _ := openDB(t)
			_, err := run(t, db, c.csv, Options{Format: c.format})
			var le *LineError
			if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &le) {
				t.Fatalf("error %v, want a LineError containing %q", err, c.want)
			}
			for _, table := range []string{"orders", "order_lines", "customers", "offerings", "costs"} {
				if n := count(t, db, "SELECT count(*) FROM "+table); n != 0 {
					t.Errorf("%d rows in %s after a failed import", n, table)
				}
			}
		})
	}
}

func TestAFileThatCannotBeReadIsSaidInWords(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	dir := t.TempDir()
	for path, want := range map[string]string{
		filepath.Join(dir, "missing.csv"): "there is no such file",
		dir:                               "that is a folder, not a file to import",
	} {
		_, err := ImportFile(context.Background(), db, path, Options{})
		if err == nil || err.Error() != want {
			t.Errorf("importing %s: %v, want %q", path, err, want)
		}
	}
}

func TestDryRunWritesNothingAndCountsTruly(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	dry, err := run(t, db, retailCSV, Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if !dry.DryRun || dry.Orders != 3 || dry.Lines != 4 || dry.Customers != 1 ||
		!strings.HasPrefix(dry.String(), "Would import 3 orders (4 lines, 1 unattributed), 1 customer, 4 offerings") {
		t.Errorf("dry run %+v: %s", dry, dry)
	}
	if n := count(t, db, "SELECT count(*) FROM orders"); n != 0 {
		t.Errorf("dry run wrote %d orders", n)
	}
	if _, err := run(t, db, retailCSV, Options{}); err != nil {
		t.Fatal(err)
	}
	again, err := run(t, db, retailCSV, Options{DryRun: true})
	if err != nil || again.Orders != 0 || again.Skipped != 3 {
		t.Errorf("dry run after import: %+v %v", again, err)
	}
}

const etsyHead = "Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method," +
	"Date Shipped,Ship Country,Currency,Order Value,Discount Amount,Shipping,Sales Tax,Card Processing Fees," +
	"Order Net,Buyer\n"

func TestEtsy(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	csv := etsyHead +
		"01/05/24,1001,777,Ann Lee,Ann,Lee,2,Card,01/06/24,United Kingdom,GBP,24.00,4.00,3.50,1.20,0.89,18.41,annlee\n" +
		"01/07/24,1002,777,Ann Lee,Ann,Lee,1,Card,,United Kingdom,GBP,10.00,0,3.50,0.50,0.45,9.05,annlee\n" +
		"12/31/24,1003,,,,,1,Card,,France,GBP,5.00,,0,0,0,5.00,\n"
	sum, err := run(t, db, csv, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Format != Etsy || sum.Orders != 3 || sum.Customers != 1 || sum.Costs != 2 || sum.Unattributed != 1 {
		t.Errorf("summary %+v", sum)
	}
	// Revenue is the order value less discounts: 20.00 + 10.00; no tax, no shipping.
	if n := count(t, db, "SELECT revenue FROM customers WHERE ref = '777' AND ref_source = 'etsy'"); n != 3000 {
		t.Errorf("revenue %d, want 3000", n)
	}
	if n := count(t, db, "SELECT sum(amount) FROM costs WHERE category = 'payment fees' AND order_id IS NOT NULL"); n != 134 {
		t.Errorf("fees %d, want 134", n)
	}
	if n := count(t, db, "SELECT count(*) FROM orders WHERE ordered_at = '2024-12-31 00:00:00'"); n != 1 {
		t.Error("MM/DD/YY not read")
	}
	again, err := run(t, db, csv, Options{})
	if err != nil || again.Orders+again.Costs+again.Customers != 0 || again.Skipped != 3 {
		t.Errorf("re-import %+v %v", again, err)
	}
	if n := count(t, db, "SELECT count(*) FROM costs"); n != 2 {
		t.Errorf("%d costs after re-import", n)
	}
}

func TestGenericOrders(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	existing := model.Customer{Name: "Ben Okafor", Email: "ben@example.com", Stage: model.StageCustomer}
	if err := db.CreateCustomer(context.Background(), &existing); err != nil {
		t.Fatal(err)
	}
	csv := "Order Date,Customer Name,E-mail,Item,Qty,Unit Price,Order No\n" +
		"2026-01-02,Ann Lee,ann@example.com,Soap,3,4.50,A1\n" +
		"2026-01-02,Ann Lee,ann@example.com,Candle,1,12.00,A1\n" +
		"2026-01-05,Benjamin,BEN@example.com,Soap,2,4.50,A2\n" +
		"2026-01-09,Ann Lee,,Soap,-1,4.50,A3\n" +
		"2026-01-10,,,Gift box,1,35.00,A4\n"
	sum, err := run(t, db, csv, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Format != Orders || sum.Orders != 4 || sum.Lines != 5 || sum.Customers != 1 || sum.Unattributed != 1 {
		t.Errorf("summary %+v", sum)
	}
	// Ann: 13.50 + 12.00 − 4.50; Ben matched by email whatever the name.
	if n := count(t, db, "SELECT revenue FROM customers WHERE email = 'ann@example.com'"); n != 2100 {
		t.Errorf("Ann's revenue %d", n)
	}
	if n := count(t, db, "SELECT revenue FROM customers WHERE id = "+itoa(existing.ID)); n != 900 {
		t.Errorf("Ben's revenue %d", n)
	}
	if n := count(t, db, "SELECT count(*) FROM orders WHERE kind = 'refund'"); n != 1 {
		t.Error("the negative line is not a refund")
	}
	again, err := run(t, db, csv, Options{})
	if err != nil || again.Orders != 0 || again.Skipped != 4 {
		t.Errorf("re-import %+v %v", again, err)
	}

	// Without order ids every row is an order, recognised again by its content.
	plain := "date,customer,amount\n2026-02-01,Ann Lee,10.00\n2026-02-01,Ann Lee,10.00\n2026-02-02,Cleo,(5.00)\n"
	first, err := run(t, db, plain, Options{})
	if err != nil || first.Orders != 3 || first.Customers != 1 {
		t.Errorf("plain %+v %v", first, err)
	}
	second, err := run(t, db, plain, Options{})
	if err != nil || second.Orders != 0 || second.Skipped != 3 {
		t.Errorf("plain again %+v %v", second, err)
	}
}

func TestGenericCustomers(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	csv := "First Name,Last Name,Email,Phone,Company,Notes,Segments\n" +
		"Ann,Lee,Ann@Example.com,555-0100,Lee & Co,likes lavender,Wholesale; Gift buyers\n" +
		"Bob,Ray,,,,,\n"
	sum, err := run(t, db, csv, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Format != Customers || sum.Customers != 2 {
		t.Errorf("summary %+v", sum)
	}
	// Nobody in a list of contacts has an order in the book yet: they are
	// prospects, not customers, until an order makes them customers.
	if n := count(t, db, `SELECT count(*) FROM customers c JOIN customer_segments cs ON cs.customer_id = c.id
		WHERE c.email = 'ann@example.com' AND c.company = 'Lee & Co' AND c.stage = 'prospect'`); n != 2 {
		t.Errorf("Ann's segments: %d", n)
	}
	again, err := run(t, db, csv, Options{})
	if err != nil || again.Customers != 0 || again.Skipped != 2 {
		t.Errorf("re-import %+v %v", again, err)
	}
	if _, err := run(t, db, "date,customer,email,amount\n2026-01-02,Ann Lee,ann@example.com,12.50\n", Options{}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM customers WHERE stage = 'customer' AND email = 'ann@example.com'`); n != 1 {
		t.Errorf("Ann is not a customer after her first order")
	}
	if n := count(t, db, `SELECT count(*) FROM customers WHERE stage = 'prospect' AND name = 'Bob Ray'`); n != 1 {
		t.Errorf("Bob, with no order, is not a prospect")
	}
}

func TestDetect(t *testing.T) {
	t.Parallel()
	for header, want := range map[string]string{
		"InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country": OnlineRetail,
		strings.TrimSpace(etsyHead):              "etsy",
		"Date,Customer,Amount":                   Orders,
		"order_date,email,qty,price":             Orders,
		"Name,Email,Phone,Company,Notes,Segment": Customers,
		"something,else":                         "",
	} {
		if got := Detect(strings.Split(header, ",")); got != want {
			t.Errorf("Detect(%s) = %q, want %q", header, got, want)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
