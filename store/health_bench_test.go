package store_test

import (
	"context"
	"testing"

	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
)

// BenchmarkQuickCheck times the file's quick check (DB.Health) at 100,000
// customers: every page read once. It is why Open does not wait for it.
//
//	go test ./store -run '^$' -bench 'BenchmarkQuickCheck|BenchmarkFirstWindow' -benchtime 5x
func BenchmarkQuickCheck(b *testing.B) {
	ctx := context.Background()
	path, err := demo.BenchFile(ctx, 100000)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		db, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Health(ctx); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkFirstWindow times what the customer list's first screen reads
// from opening the file (Open, then the first window by name) at 100,000
// customers, alone and with the quick check started beside it as the TUI
// starts it: the check runs on another reader and must not push the
// first screen past its 50 ms.
func BenchmarkFirstWindow(b *testing.B) {
	ctx := context.Background()
	path, err := demo.BenchFile(ctx, 100000)
	if err != nil {
		b.Fatal(err)
	}
	for _, checking := range []bool{false, true} {
		name := "alone"
		if checking {
			name = "with the quick check"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				db, err := store.Open(ctx, path)
				if err != nil {
					b.Fatal(err)
				}
				if checking {
					go db.Health(ctx)
				}
				rows, _, err := db.ListCustomers(ctx, model.CustomerQuery{Limit: 240})
				if err != nil || len(rows) != 240 {
					b.Fatalf("%d rows, %v", len(rows), err)
				}
				b.StopTimer()
				db.Close()
				b.StartTimer()
			}
		})
	}
}
