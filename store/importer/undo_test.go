package importer

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"clientele/model"
	"clientele/store"
)

// bookDump is every row of the book's records, table by table.
func bookDump(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	err := db.Load(context.Background(), func(l *store.Loader) error {
		for _, table := range []string{"customers", "customer_segments", "customer_values", "customer_refs", "segments",
			"offerings", "orders", "order_lines", "costs", "feedback", "complaints", "touches", "settings"} {
			rows, err := l.Tx().Query("SELECT * FROM " + table + " ORDER BY 1, 2")
			if err != nil {
				return err
			}
			cols, _ := rows.Columns()
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				fmt.Fprintf(&b, "%s %v\n", table, vals)
			}
			rows.Close()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestUndoOfAnImportRemovesWhatItAddedAndRestoresWhatItReplaced(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	ctx := context.Background()
	empty := bookDump(t, db)
	if _, err := run(t, db, retailCSV, Options{}); err != nil {
		t.Fatal(err)
	}
	first := bookDump(t, db)
	// The file again, one invoice's quantity changed and one invoice new.
	changed := strings.Replace(retailCSV, "HAND WARMER,6,", "HAND WARMER,8,", 1) +
		"536400,85123A,\"WHITE HANGING HEART, T-LIGHT\",2,2010-12-02 10:00:00,2.55,17850.0,United Kingdom\r\n"
	sum, err := run(t, db, changed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Changed != 1 || sum.Orders != 1 {
		t.Fatalf("the second import: %+v", sum)
	}
	second := bookDump(t, db)
	hs, err := db.History(ctx, model.HistoryQuery{Limit: 2})
	if err != nil || len(hs) != 2 || !strings.HasPrefix(hs[0].What, "Imported 1 order") || hs[0].Action != model.ActionImport {
		t.Fatalf("history %+v, %v", hs, err)
	}
	for i, want := range []string{first, empty} {
		if _, err := db.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		if got := bookDump(t, db); got != want {
			t.Fatalf("undo %d:\n%s\nwant\n%s", i+1, got, want)
		}
	}
	for i, want := range []string{first, second} {
		if _, err := db.Redo(ctx); err != nil {
			t.Fatal(err)
		}
		if got := bookDump(t, db); got != want {
			t.Fatalf("redo %d:\n%s\nwant\n%s", i+1, got, want)
		}
	}
}

func TestAnImportFindsACustomerMergedAwayByTheirOldRef(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	ctx := context.Background()
	other := strings.Replace(retailCSV, "17850.0", "12345.0", -1)
	other = strings.Replace(other, "5363", "6363", -1)
	for _, csv := range []string{retailCSV, other} {
		if _, err := run(t, db, csv, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	keep, err := db.CustomerByRef(ctx, "17850")
	if err != nil {
		t.Fatal(err)
	}
	gone, err := db.CustomerByRef(ctx, "12345")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MergeCustomers(ctx, keep.ID, gone.ID, nil); err != nil {
		t.Fatal(err)
	}
	if c, err := db.CustomerByRef(ctx, "12345"); err != nil || c.ID != keep.ID {
		t.Errorf("the old ref names %+v, %v", c, err)
	}
	more := "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
		"700001,22633,HAND WARMER,1,2010-12-05 08:28:00,1.85,12345.0,United Kingdom\n"
	sum, err := run(t, db, more, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Customers != 0 || sum.Orders != 1 {
		t.Errorf("the import after the merge made %+v", sum)
	}
	if n := count(t, db, fmt.Sprintf("SELECT count(*) FROM orders WHERE customer_id = %d", keep.ID)); n != 5 {
		t.Errorf("the kept customer has %d orders, want their 2, the other's 2 and the new one", n)
	}
}
