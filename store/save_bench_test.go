package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

// BenchmarkSave is the everyday writes one at a time, each its own
// transaction and change of the history, as the screens save them: a
// contact logged, a follow-up set, a cost recorded, a customer's notes
// edited. Each write's statements fire the history's, the kept figures'
// and the blocks' triggers; cpu-ms/op is what a save costs.
//
//	go test ./store -run '^$' -bench BenchmarkSave
func BenchmarkSave(b *testing.B) {
	db := benchCopy(b, 1000)
	ctx := context.Background()
	day := func(i int) time.Time { return time.Date(2026, 3, 1+i%28, 9, 0, 0, 0, time.UTC) }
	saves := []struct {
		name string
		save func(i int) error
	}{
		{"touch", func(i int) error {
			return db.AddTouch(ctx, &model.Touch{CustomerID: int64(1 + i%1000), At: day(i),
				Kind: model.TouchContact, Summary: fmt.Sprintf("call %d", i)})
		}},
		{"follow-up", func(i int) error { return db.SetFollowUp(ctx, int64(1+i%1000), day(i)) }},
		{"cost", func(i int) error {
			return db.CreateCost(ctx, &model.Cost{On: day(i), CustomerID: int64(1 + i%1000),
				Category: model.CostShipping, Amount: 250})
		}},
		{"customer", func(i int) error {
			c, err := db.Customer(ctx, int64(1+i%1000))
			if err != nil {
				return err
			}
			c.Notes = fmt.Sprintf("note %d", i)
			return db.UpdateCustomer(ctx, &c)
		}},
	}
	for _, s := range saves {
		b.Run(s.name, func(b *testing.B) {
			start, i := processCPU(), 0
			for b.Loop() {
				if err := s.save(i); err != nil {
					b.Fatal(err)
				}
				i++
			}
			cpuTime(b, start)
		})
	}
}

// BenchmarkOpen opens a book of 1,000 customers and closes it: what every
// command and the interface pay before their first read.
//
//	go test ./store -run '^$' -bench BenchmarkOpen
func BenchmarkOpen(b *testing.B) {
	path := benchCopy(b, 1000).Path()
	ctx := context.Background()
	start := processCPU()
	for b.Loop() {
		db, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	cpuTime(b, start)
}

// BenchmarkSmallLoad is a small import into a 1,000-customer book: ten
// customers with an order each, in one load (one change of the history).
//
//	go test ./store -run '^$' -bench BenchmarkSmallLoad
func BenchmarkSmallLoad(b *testing.B) {
	db := benchCopy(b, 1000)
	ctx := context.Background()
	start, i := processCPU(), 0
	for b.Loop() {
		err := db.Load(ctx, func(l *store.Loader) error {
			for range 10 {
				i++
				c := model.Customer{Name: fmt.Sprintf("Imported %d", i), Stage: model.StageCustomer}
				if err := l.Customer(&c); err != nil {
					return err
				}
				o := model.Order{CustomerID: c.ID, OrderedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
					Kind: model.OrderSale, Lines: []model.OrderLine{model.NewLine("Soap", 2, 450, 100)}}
				if err := l.Order(&o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	cpuTime(b, start)
}
