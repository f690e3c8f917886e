package importer

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
	"clientele/store/storetest"

	_ "modernc.org/sqlite"
)

// sharedMonth is December 2010 of the Online Retail data set, beside the
// repository.
const sharedMonth = "../../../shared/data/online-retail-2010-12.csv"

func openDB(t testing.TB) (*store.DB, string) {
	t.Helper()
	path := storetest.NewBook(t, "import.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC) }
	t.Cleanup(func() { db.Close() })
	return db, path
}

// importSharedMonth imports the shared month into a new database, or
// skips the test when the file is not beside the repository.
func importSharedMonth(t *testing.T) (*store.DB, string, model.ImportSummary) {
	t.Helper()
	if _, err := os.Stat(sharedMonth); err != nil {
		t.Skipf("the shared Online Retail month is not beside the repository (%v): nothing to check against", err)
	}
	db, path := openDB(t)
	sum, err := ImportFile(context.Background(), db, sharedMonth, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db, path, sum
}

// TestOnlineRetailFigures imports the shared month and checks, with SQL on
// the database, every figure ../shared/data/README.md gives.
func TestOnlineRetailFigures(t *testing.T) {
	t.Parallel()
	db, path, sum := importSharedMonth(t)
	ctx := context.Background()
	if sum.Format != OnlineRetail || sum.Rows != 42481 || sum.Lines != 42481 || sum.Orders != 2025 ||
		sum.Customers != 948 || sum.Offerings != 2822 {
		t.Errorf("summary %+v", sum)
	}
	sq, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer sq.Close()
	figures := []struct {
		what, query string
		want        any
	}{
		{"invoice lines", "SELECT count(*) FROM order_lines", int64(42481)},
		{"distinct invoices", "SELECT count(*) FROM orders WHERE source = 'online-retail'", int64(2025)},
		{"sale invoices", "SELECT count(*) FROM orders WHERE kind = 'sale'", int64(1699)},
		{"cancellation invoices", "SELECT count(*) FROM orders WHERE kind = 'refund'", int64(326)},
		{"identified customers", "SELECT count(*) FROM customers WHERE ref_source = 'online-retail'", int64(948)},
		{"lines with no CustomerID", `SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id
			WHERE o.customer_id IS NULL`, int64(15631)},
		{"cancellation lines", `SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id
			WHERE o.kind = 'refund'`, int64(728)},
		{"countries", `SELECT count(DISTINCT substr(notes, length('Country: ') + 1)) FROM orders
			WHERE notes LIKE 'Country: %'`, int64(24)},
		{"customers' countries", "SELECT count(DISTINCT country) FROM customers", int64(23)}, // Bahrain bought anonymously
		{"distinct StockCodes", "SELECT count(DISTINCT sku) FROM offerings", int64(2822)},
		{"identified sales", `SELECT sum(l.amount) FROM order_lines l JOIN orders o ON o.id = l.order_id
			WHERE o.customer_id IS NOT NULL AND o.kind = 'sale'`, int64(57271389)},
		{"identified refunds", `SELECT sum(l.amount) FROM order_lines l JOIN orders o ON o.id = l.order_id
			WHERE o.customer_id IS NOT NULL AND o.kind = 'refund'`, int64(-1810987)},
		{"identified net", `SELECT sum(l.amount) FROM order_lines l JOIN orders o ON o.id = l.order_id
			WHERE o.customer_id IS NOT NULL`, int64(55460402)},
		{"identified net, as the list keeps it", "SELECT sum(revenue) FROM customers", int64(55460402)},
		{"unattributed net", `SELECT sum(l.amount) FROM order_lines l JOIN orders o ON o.id = l.order_id
			WHERE o.customer_id IS NULL`, int64(19435300)},
		{"all net", "SELECT sum(amount) FROM order_lines", int64(74895702)},
		{"customers with negative net", "SELECT count(*) FROM customers WHERE revenue < 0", int64(67)},
		{"top three", `SELECT group_concat(ref || ':' || revenue, ' ') FROM
			(SELECT ref, revenue FROM customers ORDER BY revenue DESC LIMIT 3)`,
			"18102:2783461 15061:1995066 16029:1311252"},
		{"customer 17850", `SELECT revenue || ' ' || (SELECT count(*) FROM orders WHERE customer_id = c.id) || ' ' ||
			last_order_at FROM customers c WHERE ref = '17850'`, "539121 34 2010-12-02 15:27:00"},
		{"customer 12347", `SELECT revenue || ' ' || (SELECT count(*) FROM orders WHERE customer_id = c.id)
			FROM customers c WHERE ref = '12347'`, "71179 1"},
		{"customer 17850's name and country", `SELECT name || ', ' || country FROM customers WHERE ref = '17850'`,
			"Customer 17850, United Kingdom"},
		{"last invoice", "SELECT max(ordered_at) FROM orders", "2010-12-23 17:41:00"},
		{"prices kept to the tenth of a penny", `SELECT count(*) FROM order_lines WHERE unit_price_exact IS NOT NULL
			AND unit_price_exact NOT LIKE '%._%_%'`, int64(0)},
	}
	check := func() {
		t.Helper()
		for _, f := range figures {
			var got any
			if err := sq.QueryRow(f.query).Scan(&got); err != nil {
				t.Errorf("%s: %v", f.what, err)
				continue
			}
			if got != f.want {
				t.Errorf("%s = %v, want %v", f.what, got, f.want)
			}
		}
	}
	check()

	again, err := ImportFile(ctx, db, sharedMonth, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Orders != 0 || again.Customers != 0 || again.Offerings != 0 || again.Lines != 0 || again.Skipped != 2025 {
		t.Errorf("second import %+v, want nothing added and 2,025 invoices skipped", again)
	}
	check()
}
