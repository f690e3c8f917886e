package importer

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store/profitexport"
)

// TestOnlineRetailExportReproducesTheFigures imports the shared month,
// exports all time as `clientele export` does, and reads back from the CSV
// every figure of ../shared/data/README.md an export can show, to the
// penny; then it checks every customer's orders and net revenue against
// an aggregate of the order lines written in plain SQL.
func TestOnlineRetailExportReproducesTheFigures(t *testing.T) {
	t.Parallel()
	db, path, _ := importSharedMonth(t)
	ctx := context.Background()
	today := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	sum, err := profitexport.Summary(ctx, db, model.AllTime(), today)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := profitexport.Write(&out, sum, "csv"); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	// pence reads a money cell back into minor units.
	pence := func(r []string, name string) model.Money {
		m, err := model.ParseMoney(r[col[name]])
		if err != nil {
			t.Fatalf("%s %q: %v", name, r[col[name]], err)
		}
		return m
	}
	count := func(r []string, name string) int {
		n, err := strconv.Atoi(r[col[name]])
		if err != nil {
			t.Fatalf("%s %q: %v", name, r[col[name]], err)
		}
		return n
	}

	rows, un := recs[1:len(recs)-1], recs[len(recs)-1]
	if len(rows) != 948 || un[col["ref"]] != "" || un[col["customer"]] != "(unattributed)" {
		t.Fatalf("%d customer rows (want 948), last row %q", len(rows), un[:2])
	}
	type figures struct {
		orders  int
		revenue model.Money
		last    string
	}
	byRef := map[string]figures{}
	var sales, refunds, net model.Money
	var saleOrders, refundOrders, negative int
	var revenues []model.Money
	for _, r := range rows {
		f := figures{count(r, "orders"), pence(r, "revenue"), r[col["last_order"]]}
		byRef[r[col["ref"]]] = f
		sales += pence(r, "sales")
		refunds += pence(r, "refunds")
		net += f.revenue
		saleOrders += f.orders
		refundOrders += count(r, "refund_orders")
		if f.revenue < 0 {
			negative++
		}
		revenues = append(revenues, f.revenue)
		if pence(r, "sales")+pence(r, "refunds") != f.revenue {
			t.Errorf("%s: sales and refunds do not add up to revenue", r[col["ref"]])
		}
	}
	unRevenue := pence(un, "revenue")
	slices.Sort(revenues)
	lastDay := slices.Max([]string{un[col["last_order"]], slices.MaxFunc(rows, func(a, b []string) int {
		return strings.Compare(a[col["last_order"]], b[col["last_order"]])
	})[col["last_order"]]})

	for _, f := range []struct {
		what      string
		got, want any
	}{
		{"identified customers", len(byRef), 948},
		{"sale invoices", saleOrders + count(un, "orders"), 1699},
		{"cancellation invoices", refundOrders + count(un, "refund_orders"), 326},
		{"identified sales", sales, model.Money(57271389)},
		{"identified refunds", refunds, model.Money(-1810987)},
		{"identified net revenue", net, model.Money(55460402)},
		{"unattributed net revenue", unRevenue, model.Money(19435300)},
		{"all net revenue", net + unRevenue, model.Money(74895702)},
		{"all net revenue, the summary's total", sum.Totals.Revenue, model.Money(74895702)},
		{"customers whose net revenue is negative", negative, 67},
		{"top three", []model.Money{revenues[947], revenues[946], revenues[945]},
			[]model.Money{2783461, 1995066, 1311252}},
		{"top three's refs", []string{rows[0][col["ref"]], rows[1][col["ref"]], rows[2][col["ref"]]},
			[]string{"18102", "15061", "16029"}}, // no costs: the most profitable are the largest
		{"customer 17850", byRef["17850"], figures{34, 539121, "2010-12-02"}},
		{"customer 12347", byRef["12347"], figures{1, 71179, "2010-12-07"}},
		{"last invoice", lastDay, "2010-12-23"},
	} {
		if !equal(f.got, f.want) {
			t.Errorf("%s: %v, want %v", f.what, f.got, f.want)
		}
	}

	// Every customer, against the order lines summed with plain SQL on
	// the same file (not the totals orders keep).
	sq, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer sq.Close()
	q, err := sq.Query(`SELECT c.ref, count(DISTINCT o.id) FILTER (WHERE o.kind = 'sale'), sum(l.amount)
		FROM customers c JOIN orders o ON o.customer_id = c.id JOIN order_lines l ON l.order_id = o.id
		GROUP BY c.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	n := 0
	for q.Next() {
		var ref string
		var want figures
		if err := q.Scan(&ref, &want.orders, &want.revenue); err != nil {
			t.Fatal(err)
		}
		n++
		if got := byRef[ref]; got.orders != want.orders || got.revenue != want.revenue {
			t.Errorf("customer %s: the export says %d orders, %s; the lines say %d, %s", ref, got.orders,
				got.revenue.Decimal(), want.orders, want.revenue.Decimal())
		}
	}
	if err := q.Err(); err != nil || n != len(byRef) {
		t.Errorf("SQL found %d customers, the export %d (%v)", n, len(byRef), err)
	}
}

// equal compares figures of the table above.
func equal(a, b any) bool {
	switch a := a.(type) {
	case []model.Money:
		return slices.Equal(a, b.([]model.Money))
	case []string:
		return slices.Equal(a, b.([]string))
	}
	return a == b
}
