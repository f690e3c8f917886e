package store

import (
	"context"
	"errors"
	"testing"

	"clientele/model"
)

// foreignKeysOn reads the writer connection's foreign_keys setting.
func foreignKeysOn(t *testing.T, db *DB) bool {
	t.Helper()
	var on int
	if err := db.w.QueryRowContext(context.Background(), "PRAGMA foreign_keys").Scan(&on); err != nil {
		t.Fatal(err)
	}
	return on == 1
}

func TestLoadNewProvesItsReferences(t *testing.T) {
	t.Parallel()
	on := fixedNow.AddDate(0, -1, 0)
	sale := func(customer int64, lines ...model.OrderLine) *model.Order {
		return &model.Order{CustomerID: customer, OrderedAt: on, Kind: model.OrderSale, Lines: lines}
	}
	for _, c := range []struct {
		name string
		load func(l *Loader) error
	}{
		{"an order line's offering", func(l *Loader) error {
			ln := model.NewLine("Soap", 1, 650, 0)
			ln.OfferingID = 999
			return l.Order(sale(0, ln))
		}},
		{"an order's customer", func(l *Loader) error { return l.Order(sale(999, model.NewLine("Soap", 1, 650, 0))) }},
		{"a cost's order", func(l *Loader) error {
			return l.QueueCost(model.Cost{On: on, OrderID: 999, Category: model.CostOther, Amount: 100})
		}},
		{"a customer's value (a table without rowids)", func(l *Loader) error {
			_, err := l.Tx().ExecContext(l.ctx, "INSERT INTO customer_values (customer_id, value) VALUES (999, 'x')")
			return err
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			db := openTest(t)
			ctx := context.Background()
			err := db.LoadNew(ctx, func(l *Loader) error {
				if err := l.DeferIndexes(); err != nil {
					return err
				}
				good := model.Customer{Name: "Kept only if all is", Stage: model.StageCustomer}
				if err := l.Customer(&good); err != nil {
					return err
				}
				return c.load(l)
			})
			if !errors.Is(err, model.ErrConflict) {
				t.Fatalf("LoadNew = %v, want ErrConflict", err)
			}
			if n, err := db.CustomerCount(ctx); err != nil || n != 0 {
				t.Errorf("customers after the refused load: %d, %v", n, err)
			}
			if !foreignKeysOn(t, db) {
				t.Error("foreign keys are off after LoadNew")
			}
			// The same load with foreign keys is refused at the row.
			err = db.Load(ctx, func(l *Loader) error { return c.load(l) })
			if !errors.Is(err, model.ErrConflict) {
				t.Errorf("Load = %v, want ErrConflict", err)
			}
		})
	}
}

func TestLoadNewAddsAndGivesForeignKeysBack(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	on := fixedNow.AddDate(0, -1, 0)
	var o model.Order
	err := db.LoadNew(ctx, func(l *Loader) error {
		if err := l.DeferIndexes(); err != nil {
			return err
		}
		c := model.Customer{Name: "Ada", Stage: model.StageCustomer, Segments: []string{"Market"}, Values: []string{"scent"}}
		if err := l.Customer(&c); err != nil {
			return err
		}
		f := model.Offering{Name: "Soap", Kind: model.KindProduct, Price: 650, Active: true}
		if err := l.Offering(&f); err != nil {
			return err
		}
		ln := model.NewLine("Soap", 2, 650, 0)
		ln.OfferingID = f.ID
		o = model.Order{CustomerID: c.ID, OrderedAt: on, Kind: model.OrderSale, Lines: []model.OrderLine{ln}}
		if err := l.Order(&o); err != nil {
			return err
		}
		if err := l.QueueCost(model.Cost{On: on, OrderID: o.ID, Category: model.CostOther, Amount: 100}); err != nil {
			return err
		}
		// An order is never replaced without foreign keys.
		if err := l.ReplaceOrder(o.ID, &o, nil); err == nil {
			t.Error("ReplaceOrder in LoadNew did not refuse")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !foreignKeysOn(t, db) {
		t.Fatal("foreign keys are off after LoadNew")
	}
	_, err = db.w.ExecContext(ctx, "INSERT INTO order_lines (order_id, quantity, unit_price, amount) VALUES (999, 1, 1, 1)")
	if !errors.Is(mapErr(err), model.ErrConflict) {
		t.Errorf("a line of no order on the writer after LoadNew: %v, want ErrConflict", err)
	}
	got, err := db.Order(ctx, o.ID)
	if err != nil || len(got.Lines) != 1 || got.Total() != 1300 {
		t.Errorf("the loaded order: %+v, %v", got, err)
	}
}

// A load whose context ends midway writes nothing, though its batches go
// to the driver's connection directly: the transaction is not rolled back
// under them (which would leave later batches to commit on their own).
func TestLoadCancelledMidwayLeavesNothing(t *testing.T) {
	t.Parallel()
	for _, load := range []string{"Load", "LoadNew"} {
		t.Run(load, func(t *testing.T) {
			t.Parallel()
			db := openTest(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			run := db.Load
			if load == "LoadNew" {
				run = db.LoadNew
			}
			on := fixedNow.AddDate(0, -1, 0)
			err := run(ctx, func(l *Loader) error {
				c := model.Customer{Name: "Ada", Stage: model.StageCustomer}
				if err := l.Customer(&c); err != nil {
					return err
				}
				for i := range 3 * rowsPerInsert {
					if i == rowsPerInsert+1 {
						cancel()
					}
					o := model.Order{CustomerID: c.ID, OrderedAt: on, Kind: model.OrderSale,
						Lines: []model.OrderLine{model.NewLine("Soap", 1, 650, 0)}}
					// Errors are not returned: the load goes on as a
					// careless caller's would, and must still keep nothing.
					l.Order(&o)
				}
				return nil
			})
			if err == nil {
				t.Fatal("the cancelled load reported no error")
			}
			var lines, orders int
			if err := db.r.QueryRowContext(context.Background(),
				"SELECT (SELECT count(*) FROM order_lines), (SELECT count(*) FROM orders)").Scan(&lines, &orders); err != nil {
				t.Fatal(err)
			}
			if lines != 0 || orders != 0 {
				t.Errorf("after a cancelled load: %d orders, %d lines; want none", orders, lines)
			}
		})
	}
}
