package importer

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"clientele/store"
)

// FuzzImport feeds whole files to Import, auto-detecting the format, into
// one real database per fuzzing process: an import never panics, a
// refusal says where (a LineError) and writes nothing, and what it
// accepts leaves the file whole, every reference true and every
// customer's figures matching their orders. Seeds live in testdata/fuzz.
func FuzzImport(f *testing.F) {
	for _, s := range []string{
		retailCSV,
		etsyHead + "01/05/24,1001,777,Ann Lee,Ann,Lee,2,Card,01/06/24,United Kingdom,GBP,24.00,4.00,3.50,1.20,0.89,18.41,annlee\n",
		"Order Date,Customer Name,E-mail,Item,Qty,Unit Price,Order No\n2026-01-02,Ann Lee,ann@example.com,Soap,3,4.50,A1\n" +
			"2026-01-09,Ann Lee,,Soap,-1,4.50,A3\n",
		"date,customer,amount\n2026-02-01,Ann Lee,10.00\n2026-02-02,Cleo,(5.00)\n",
		"First Name,Last Name,Email,Segments\nAnn,Lee,Ann@Example.com,Wholesale; Gift buyers\nBob,Ray,,\n",
		"name,notes\n\"\x1b]0;pwned\x07\",\"=HYPERLINK(\"\"x\"\")\"\n",
		"InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,A,x,2,2010-12-01 08:00:00,1.5O,12.0,UK\n",
		"",
		"\ufeff\r\n\r\n",
	} {
		f.Add([]byte(s))
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	f.Fuzz(func(t *testing.T, file []byte) {
		before, err := store.Check(ctx, db.Path())
		if err != nil {
			t.Fatal(err)
		}
		sum, err := Import(ctx, db, bytes.NewReader(file), Options{})
		after, cerr := store.Check(ctx, db.Path())
		if cerr != nil || !after.OK() {
			t.Fatalf("after importing %q (%v): %v\n%s", file, err, cerr, after)
		}
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) || le.Line < 1 {
				t.Fatalf("refusal %v names no line", err)
			}
			if after.Customers != before.Customers || after.Orders != before.Orders || after.Lines != before.Lines {
				t.Fatalf("a refused import wrote: %d→%d customers, %d→%d orders", before.Customers, after.Customers,
					before.Orders, after.Orders)
			}
			return
		}
		if added := after.Orders - before.Orders; added != sum.Orders {
			t.Fatalf("the summary says %d orders, the file gained %d", sum.Orders, added)
		}
		// Start the next input from an empty book, so the database's own
		// paths stay the same and coverage follows the importer.
		if err := db.DeleteAll(ctx); err != nil {
			t.Fatal(err)
		}
	})
}
