package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"clientele/model"
)

// wantSums checks the sums an order keeps of its lines.
func wantSums(t *testing.T, db *DB, order, amount, direct int64) {
	t.Helper()
	var a, d int64
	if err := db.r.QueryRow("SELECT lines_amount, lines_direct_cost FROM orders WHERE id = ?", order).
		Scan(&a, &d); err != nil {
		t.Fatal(err)
	}
	if a != amount || d != direct {
		t.Errorf("order %d keeps %d and %d, want %d and %d", order, a, d, amount, direct)
	}
}

// An order loaded in bulk keeps the sums of its lines, as one entered
// here does (TestCreateOrderRefreshesFigures).
func TestLoadedOrdersKeepTheSumsOfTheirLines(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	id := newCustomer(t, db, "Ada")
	walkIn := model.Order{OrderedAt: at("2026-11-02 10:00"), Kind: model.OrderSale,
		Lines: []model.OrderLine{model.NewLine("Soap", 1, 450, 100), model.NewLine("Candle", 2, 1200, 400)}}
	refund := model.Order{CustomerID: id, OrderedAt: at("2026-11-03 10:00"), Kind: model.OrderRefund,
		Lines: []model.OrderLine{model.NewLine("Soap", -2, 450, 100)}}
	if err := db.Load(context.Background(), func(l *Loader) error {
		if err := l.Order(&walkIn); err != nil {
			return err
		}
		return l.Order(&refund)
	}); err != nil {
		t.Fatal(err)
	}
	wantSums(t, db, walkIn.ID, 2850, 900)
	wantSums(t, db, refund.ID, -900, -200)
}

// Opening a file from before orders kept their sums fills them from the
// lines.
func TestMigrationFillsOrderSums(t *testing.T) {
	t.Parallel()
	path := fileBefore(t, "ADD COLUMN lines_amount",
		`INSERT INTO customers (id, name, created_at, updated_at) VALUES (1, 'Ada', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
		`INSERT INTO orders (id, customer_id, ordered_at, kind, created_at) VALUES
			(1, 1, '2026-11-01 10:00:00', 'sale', '2026-11-01'), (2, NULL, '2026-11-02 10:00:00', 'sale', '2026-11-02'),
			(3, 1, '2026-11-03 10:00:00', 'refund', '2026-11-03')`,
		`INSERT INTO order_lines (order_id, description, quantity, unit_price, amount, unit_cost) VALUES
			(1, 'Soap', 3, 450, 1350, 100), (1, 'Candle', 1, 1200, 1200, 400), (2, 'Soap', 1, 450, 450, 0),
			(3, 'Soap', -2, 450, -900, 100)`)
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	wantSums(t, db, 1, 2550, 700)
	wantSums(t, db, 2, 450, 0)
	wantSums(t, db, 3, -900, -200)
}

// A line changed behind the store's back leaves its order's sums wrong:
// check names the customer, and the fix mends the sums.
func TestCheckFindsOrderSumsTheLinesDoNotAddUpTo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	good := sampleFile(t)
	raw, err := sql.Open("sqlite", "file:"+good)
	if err != nil {
		t.Fatal(err)
	}
	var order, customer int64
	var name string
	if err := raw.QueryRow(`SELECT o.id, o.customer_id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id
		ORDER BY o.id LIMIT 1`).Scan(&order, &customer, &name); err != nil {
		t.Fatal(err)
	}
	// The unit cost changes: the revenue the customer keeps still adds up,
	// the order's direct cost does not.
	if _, err := raw.Exec("UPDATE order_lines SET unit_cost = unit_cost + 1 WHERE order_id = ?", order); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	rep, err := Check(ctx, good)
	want := fmt.Sprintf("customer %d (%s):", customer, name)
	if err != nil || rep.OK() || rep.FiguresOff != 1 || !strings.Contains(rep.String(), want) ||
		!strings.Contains(rep.String(), "1 of their orders keep sums their lines do not add up to") {
		t.Fatalf("wrong order sums: %v\n%s", err, rep)
	}
	fixFigures(t, good)
}
