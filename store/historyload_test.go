package store

import (
	"context"
	"fmt"
	"testing"

	"clientele/model"
)

// historyTriggers is the text of the history's triggers, by name.
func historyTriggers(t *testing.T, q queryer) map[string]string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
		AND name LIKE 'history\_%' ESCAPE '\' AND name <> 'history_log_insert'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var n, s string
		if err := rows.Scan(&n, &s); err != nil {
			t.Fatal(err)
		}
		out[n] = s
	}
	return out
}

// A small load leaves the history's triggers in place, turned off; a big
// one takes them away once it has written triggersAwayAfter rows and puts
// them back as they were. Either way the load is one change that undo
// takes back whole, and the edits after it are recorded by the triggers.
// Not parallel: it lowers triggersAwayAfter for its run.
func TestALoadTakesTheHistorysTriggersAwayOnlyOnceItIsBig(t *testing.T) {
	defer func(n int) { triggersAwayAfter = n }(triggersAwayAfter)
	triggersAwayAfter = 20
	ctx := context.Background()
	db := openTest(t)
	before := historyTriggers(t, db.w)
	if len(before) == 0 {
		t.Fatal("the book has no history triggers")
	}
	customers := func() int {
		var n int
		if err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM customers").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	load := func(from, n int, away bool) {
		t.Helper()
		err := db.Load(ctx, func(l *Loader) error {
			for i := from; i < from+n; i++ {
				c := model.Customer{Name: fmt.Sprintf("Customer %03d", i), Stage: model.StageCustomer}
				if err := l.Customer(&c); err != nil {
					return err
				}
				o := model.Order{CustomerID: c.ID, OrderedAt: fixedNow, Kind: model.OrderSale,
					Lines: []model.OrderLine{model.NewLine("Soap", 1, 450, 100)}}
				if err := l.Order(&o); err != nil {
					return err
				}
			}
			if err := l.Flush(); err != nil {
				return err
			}
			if got := len(historyTriggers(t, l.Tx())); (got == 0) != away {
				t.Errorf("a load of %d customers ends with %d history triggers, taken away: want %v", n, got, away)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if after := historyTriggers(t, db.w); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("after a load of %d customers the history triggers differ from before it", n)
		}
	}
	load(0, 3, false)   // 3 customers, 3 orders, 3 lines
	load(100, 30, true) // 90 rows
	if n := customers(); n != 33 {
		t.Fatalf("%d customers after the loads, want 33", n)
	}
	c, err := db.Customer(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	c.Notes = "edited after the loads"
	if err := db.UpdateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{33, 3, 0} {
		if _, err := db.Undo(ctx); err != nil {
			t.Fatalf("undo %d: %v", i+1, err)
		}
		if n := customers(); n != want {
			t.Errorf("after undo %d: %d customers, want %d", i+1, n, want)
		}
	}
	if c, err := db.Customer(ctx, 1); err == nil {
		t.Errorf("customer 1 is still there after every undo: %+v", c.Name)
	}
}
