package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"clientele/model"
)

// indexes lists the schema's indexes by name.
func indexes(t *testing.T, db *DB) []string {
	t.Helper()
	names, err := db.strings(context.Background(), "SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestLoadQueuesRowsAndBuildsDeferredIndexes(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	before := indexes(t, db)
	stamp := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	on := time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC)
	var c model.Customer
	err := db.Load(ctx, func(l *Loader) error {
		if err := l.DeferIndexes(); err != nil {
			return err
		}
		l.StampAt(stamp)
		s := model.DefaultSettings()
		s.BusinessName = "Loaded"
		if err := l.Settings(s); err != nil {
			return err
		}
		c = model.Customer{Name: "Zoë", Stage: model.StageCustomer, Segments: []string{"Market", "market"},
			Values: []string{"quality", "scent strength"}}
		if err := l.Customer(&c); err != nil {
			return err
		}
		o := model.Order{CustomerID: c.ID, OrderedAt: on, Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 2, 650, 180), model.NewLine("Candle", 1, 1800, 500)}}
		if err := l.Order(&o); err != nil {
			return err
		}
		for range 150 { // more than one batch
			if err := l.QueueCost(model.Cost{On: on, CustomerID: c.ID, OrderID: o.ID, Category: model.CostTime,
				Minutes: 6, Amount: model.TimeCost(6, 2500)}); err != nil {
				return err
			}
		}
		if err := l.QueueFeedback(model.Feedback{On: on, CustomerID: c.ID, Kind: model.FeedbackNPS, Score: 9,
			HasScore: true, Status: model.FeedbackNew}); err != nil {
			return err
		}
		if err := l.QueueTouch(model.Touch{CustomerID: c.ID, At: on, Kind: model.TouchContact, Summary: "Hello"}); err != nil {
			return err
		}
		if err := l.QueueCost(model.Cost{On: on, Category: model.CostTime}); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("queueing a time entry without minutes: %v, want ErrInvalid", err)
		}
		if err := l.Flush(); err != nil {
			return err
		}
		var n int
		if err := l.Tx().QueryRowContext(ctx, "SELECT count(*) FROM costs").Scan(&n); err != nil || n != 150 {
			t.Errorf("costs after Flush: %d, %v; want 150", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := indexes(t, db); !slices.Equal(before, after) {
		t.Errorf("indexes after the load:\n%v\nwant\n%v", after, before)
	}
	got, err := db.Customer(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Orders != 1 || got.Revenue != 3100 || len(got.Segments) != 1 || len(got.Values) != 2 {
		t.Errorf("customer after the load: %d orders, revenue %d, segments %v, values %v", got.Orders, got.Revenue,
			got.Segments, got.Values)
	}
	for table, want := range map[string]int{"order_lines": 2, "costs": 150, "feedback": 1, "touches": 1} {
		var n int
		if err := db.r.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil || n != want {
			t.Errorf("%s: %d rows, %v; want %d", table, n, err, want)
		}
	}
	var created string
	if err := db.r.QueryRow("SELECT created_at FROM touches").Scan(&created); err != nil || created != "2026-01-02 03:04:05" {
		t.Errorf("touch created_at = %q, %v; want the load's stamp", created, err)
	}
	if s, err := db.Settings(ctx); err != nil || s.BusinessName != "Loaded" {
		t.Errorf("settings after the load: %q, %v", s.BusinessName, err)
	}
	var ok string
	if err := db.r.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
}

func TestLoadFailureLeavesNothing(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	before := indexes(t, db)
	boom := errors.New("boom")
	err := db.Load(ctx, func(l *Loader) error {
		if err := l.DeferIndexes(); err != nil {
			return err
		}
		c := model.Customer{Name: "Gone", Stage: model.StageCustomer}
		if err := l.Customer(&c); err != nil {
			return err
		}
		if err := l.QueueTouch(model.Touch{CustomerID: c.ID, At: fixedNow, Kind: model.TouchContact}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Load = %v, want boom", err)
	}
	if n, err := db.CustomerCount(ctx); err != nil || n != 0 {
		t.Errorf("customers after a failed load: %d, %v", n, err)
	}
	if after := indexes(t, db); !slices.Equal(before, after) {
		t.Errorf("indexes after a failed load:\n%v\nwant\n%v", after, before)
	}
}

func TestLoadRefreshesFiguresOfCustomersWithOrders(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	c := model.Customer{Name: "Regular", Stage: model.StageCustomer}
	on := time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC)
	sale := model.Order{OrderedAt: on, Kind: model.OrderSale, Lines: []model.OrderLine{model.NewLine("Soap", 3, 650, 180)}}
	if err := db.Load(ctx, func(l *Loader) error {
		if err := l.Customer(&c); err != nil {
			return err
		}
		sale.CustomerID = c.ID
		return l.Order(&sale)
	}); err != nil {
		t.Fatal(err)
	}
	refund := model.Order{CustomerID: c.ID, OrderedAt: on.AddDate(0, 0, 3), Kind: model.OrderRefund,
		Lines: []model.OrderLine{model.NewLine("Soap", -1, 650, 180)}}
	if err := db.Load(ctx, func(l *Loader) error { l.RefreshAll(); return l.Order(&refund) }); err != nil {
		t.Fatal(err)
	}
	got, err := db.Customer(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Orders != 1 || got.Revenue != 1300 || !got.LastOrder.Equal(on) {
		t.Errorf("after a refund: %d orders, revenue %d, last %v; want 1, 1300, %v", got.Orders, got.Revenue, got.LastOrder, on)
	}
}

// A load reads the revenue of the orders it added from the sums it wrote
// with them, and that of every older order from its lines: an older
// order whose kept sum went wrong behind the store's back counts what its
// lines say, as refreshFigures would, whether the load refreshes every
// customer or those it touched.
func TestLoadReadsTheRevenueOfOlderOrdersFromTheirLines(t *testing.T) {
	t.Parallel()
	for _, all := range []bool{false, true} {
		db := openTest(t)
		ctx := context.Background()
		id := newCustomer(t, db, "Ada")
		on := time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC)
		old := model.Order{CustomerID: id, OrderedAt: on, Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 3, 650, 180)}}
		if err := db.Load(ctx, func(l *Loader) error { return l.Order(&old) }); err != nil {
			t.Fatal(err)
		}
		if _, err := db.w.Exec("UPDATE orders SET lines_amount = 5 WHERE id = ?", old.ID); err != nil {
			t.Fatal(err)
		}
		sale := model.Order{CustomerID: id, OrderedAt: on.AddDate(0, 0, 3), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Candle", 2, 1200, 400), model.NewLine("Soap", 1, 650, 180)}}
		if err := db.Load(ctx, func(l *Loader) error {
			if all {
				l.RefreshAll()
			}
			return l.Order(&sale)
		}); err != nil {
			t.Fatal(err)
		}
		got, err := db.Customer(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Orders != 2 || got.Revenue != 3*650+2*1200+650 {
			t.Errorf("refreshing all %v: %d orders, revenue %d; want 2, %d", all, got.Orders, got.Revenue,
				3*650+2*1200+650)
		}
	}
}

// Lines of an exact price and no unit cost go in a batch of their own:
// mixed with others they still take their ids in the order they come,
// each with its own exact price and unit cost.
func TestLoadKeepsTheOrderOfLinesOfEveryShape(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	o := model.Order{OrderedAt: time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC), Kind: model.OrderSale}
	for i, ln := range []model.OrderLine{model.NewLine("a", 1, 100, 0), model.NewLine("b", 2, 100, 0),
		model.NewLine("c", 1, 200, 50), model.NewLine("d", 3, 100, 0), model.NewLine("e", 1, 9, 0),
		model.NewLine("f", 1, 100, 0)} {
		if i == 1 || i == 4 {
			ln.UnitPriceExact = fmt.Sprintf("%d.005", ln.UnitPrice/100)
		}
		o.Lines = append(o.Lines, ln)
	}
	if err := db.Load(ctx, func(l *Loader) error { return l.Order(&o) }); err != nil {
		t.Fatal(err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT description, coalesce(unit_price_exact, ''), unit_cost FROM order_lines
		WHERE order_id = ? ORDER BY id`, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []model.OrderLine
	for rows.Next() {
		var ln model.OrderLine
		if err := rows.Scan(&ln.Description, &ln.UnitPriceExact, &ln.UnitCost); err != nil {
			t.Fatal(err)
		}
		got = append(got, ln)
	}
	if len(got) != len(o.Lines) {
		t.Fatalf("%d lines stored, want %d", len(got), len(o.Lines))
	}
	for i, w := range o.Lines {
		if g := got[i]; g.Description != w.Description || g.UnitPriceExact != w.UnitPriceExact || g.UnitCost != w.UnitCost {
			t.Errorf("line %d stored as %q %q %d, want %q %q %d", i+1, g.Description, g.UnitPriceExact, g.UnitCost,
				w.Description, w.UnitPriceExact, w.UnitCost)
		}
	}
}

// DeferIndexes keeps the index of the lines that name no offering while a
// load writes few of them, and drops it, to be built at the end, once it
// writes many; either way it holds every such line after the load.
func TestLoadKeepsTheFreeTextIndexWhileFewLinesNeedIt(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		lines int
		live  bool
	}{{3, true}, {freeTextFew + 5, false}} {
		db := openTest(t)
		ctx := context.Background()
		on := time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC)
		if err := db.Load(ctx, func(l *Loader) error {
			if err := l.DeferIndexes(); err != nil {
				return err
			}
			for left := c.lines; left > 0; left -= 100 {
				o := model.Order{OrderedAt: on, Kind: model.OrderSale}
				for range min(left, 100) {
					o.Lines = append(o.Lines, model.NewLine("Soap", 1, 650, 0))
				}
				if err := l.Order(&o); err != nil {
					return err
				}
			}
			var n int
			if err := l.Tx().QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = ?",
				freeTextLines).Scan(&n); err != nil {
				return err
			}
			if live := n == 1; live != c.live {
				t.Errorf("%d free-text lines: the index is there during the load: %v, want %v", c.lines, live, c.live)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.r.QueryRow(`SELECT count(*) FROM order_lines INDEXED BY order_lines_by_description
			WHERE offering_id IS NULL AND description = 'Soap'`).Scan(&n); err != nil || n != c.lines {
			t.Errorf("%d free-text lines: %d, %v by the index", c.lines, n, err)
		}
		var ok string
		if err := db.r.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Errorf("integrity_check = %q, %v", ok, err)
		}
	}
}
