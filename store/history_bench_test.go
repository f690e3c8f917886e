package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

// historyBook is the 100,000-customer book with a history of many small
// changes on top of the demo's load: what a year of use leaves.
func historyBook(b *testing.B, changes int) (*store.DB, int64) {
	b.Helper()
	db := benchCopy(b, 100000)
	ctx := context.Background()
	var busiest int64 = 4242
	for i := range changes {
		id := int64(1 + (i*7919)%100000)
		if i%10 == 0 {
			id = busiest
		}
		var err error
		switch i % 3 {
		case 0:
			err = db.AddTouch(ctx, &model.Touch{CustomerID: id, At: time.Date(2026, 1, 1+i%28, 9, 0, 0, 0, time.UTC),
				Kind: model.TouchContact, Summary: fmt.Sprintf("call %d", i)})
		case 1:
			err = db.SetFollowUp(ctx, id, time.Date(2026, 2, 1+i%28, 0, 0, 0, 0, time.UTC))
		default:
			err = db.CreateCost(ctx, &model.Cost{On: time.Date(2026, 3, 1+i%28, 0, 0, 0, 0, time.UTC), CustomerID: id,
				Category: model.CostShipping, Amount: 250})
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return db, busiest
}

// BenchmarkHistory reads what the History view and a customer's detail
// show at 100,000 customers with 6,000 changes in the history: a page of
// the whole history, the next page, and one customer's own changes (the
// detail's single history read). Budget (issue 15): ≤ 1 ms each.
//
//	go test ./store -run '^$' -bench BenchmarkHistory
func BenchmarkHistory(b *testing.B) {
	db, busiest := historyBook(b, 6000)
	ctx := context.Background()
	first, err := db.History(ctx, model.HistoryQuery{Limit: 30})
	if err != nil || len(first) != 30 {
		b.Fatal(len(first), err)
	}
	for _, q := range []struct {
		name string
		q    model.HistoryQuery
	}{
		{"page", model.HistoryQuery{Limit: 30}},
		{"next-page", model.HistoryQuery{Limit: 30, Before: first[29].ID}},
		{"customer", model.HistoryQuery{Limit: 30, CustomerID: busiest}},
		{"since", model.HistoryQuery{Limit: 30, Since: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}},
	} {
		b.Run(q.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				cs, err := db.History(ctx, q.q)
				if err != nil {
					b.Fatal(err)
				}
				n = len(cs)
			}
			b.ReportMetric(float64(n), "changes")
		})
	}
	b.Run("change", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Change(ctx, first[0].ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkUndo undoes and redoes one small change at 100,000 customers:
// what u and U cost after a save.
func BenchmarkUndo(b *testing.B) {
	db, _ := historyBook(b, 10)
	ctx := context.Background()
	for b.Loop() {
		if _, err := db.Undo(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Redo(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDuplicates finds likely duplicates at 100,000 customers: the
// customers like one being saved (the warning on save), and every likely
// pair of the book (the Duplicates view).
//
//	go test ./store -run '^$' -bench BenchmarkDuplicates
func BenchmarkDuplicates(b *testing.B) {
	db := benchCopy(b, 100000)
	ctx := context.Background()
	c, err := db.Customer(ctx, 4242)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("of-one", func(b *testing.B) {
		n := 0
		for b.Loop() {
			ms, err := db.DuplicatesOf(ctx, model.Customer{Name: c.Name, Email: c.Email, Phone: c.Phone})
			if err != nil {
				b.Fatal(err)
			}
			n = len(ms)
		}
		b.ReportMetric(float64(n), "matches")
	})
	b.Run("book", func(b *testing.B) {
		start := processCPU()
		n := 0
		for b.Loop() {
			_, total, err := db.Duplicates(ctx, 500)
			if err != nil {
				b.Fatal(err)
			}
			n = total
		}
		cpuTime(b, start)
		b.ReportMetric(float64(n), "pairs")
	})
}
