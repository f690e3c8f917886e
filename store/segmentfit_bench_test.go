package store_test

import (
	"context"
	"testing"

	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
)

// BenchmarkFitReads is the floor under the Segments tab at 100,000
// customers: every query the tab reads with, over its period, one after
// another, each row handed over by the driver and dropped, with no work in
// Go. The tab runs them side by side, so on two cores it cannot load in
// much less than half this CPU time, before the analysis.
//
//	go test ./store -run '^$' -bench BenchmarkFitReads -benchtime 5x
func BenchmarkFitReads(b *testing.B) {
	ctx := context.Background()
	db := openBenchFile(b)
	period := model.Last12Months(demo.BenchNow) // the tab's period
	start := processCPU()
	for b.Loop() {
		if err := db.FitReads(ctx, period); err != nil {
			b.Fatal(err)
		}
	}
	cpuTime(b, start)
}

// openBenchFile opens the 100,000-customer benchmark book (demo.BenchFile)
// to read; it is closed when the test ends.
func openBenchFile(tb testing.TB) *store.DB {
	tb.Helper()
	return openBenchBook(tb, 100000)
}

// openBenchBook opens the benchmark book of n customers to read.
func openBenchBook(tb testing.TB, n int) *store.DB {
	tb.Helper()
	ctx := context.Background()
	path, err := demo.BenchFile(ctx, n)
	if err != nil {
		tb.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
