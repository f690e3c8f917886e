package store_test

import (
	"cmp"
	"context"
	"sync"
	"testing"
	"time"

	"clientele/model"
	"clientele/store/demo"
)

// BenchmarkFitBook computes the Segments tab at 100,000 customers as the
// tab will once it reads through FitBook (docs/ARCHITECTURE.md): FitBook
// and the segments side by side, then model.AnalyseFit, over the tab's
// period (the last twelve months to today). Budget: 150 ms. "read" is
// FitBook alone. cpu-ms/op is the CPU of both cores together.
//
//	go test ./store -run '^$' -bench BenchmarkFitBook -count 5
func BenchmarkFitBook(b *testing.B) {
	ctx := context.Background()
	db := openBenchFile(b)
	period := model.Last12Months(demo.BenchNow) // the tab's period
	from, today := period.From, period.To
	s, err := db.Settings(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("customers=100000", func(b *testing.B) {
		start := processCPU()
		for b.Loop() {
			var segs []model.Segment
			var serr error
			var wg sync.WaitGroup
			wg.Go(func() { segs, serr = db.Segments(ctx) })
			cs, err := db.FitBook(ctx, period)
			wg.Wait()
			if err = cmp.Or(err, serr); err != nil {
				b.Fatal(err)
			}
			model.AnalyseFit(cs, segs, model.FitOptions{From: from, To: today, Today: today, Settings: s,
				Weights: model.DefaultFitWeights})
		}
		cpuTime(b, start)
	})
	b.Run("read", func(b *testing.B) {
		start := processCPU()
		for b.Loop() {
			if _, err := db.FitBook(ctx, period); err != nil {
				b.Fatal(err)
			}
		}
		cpuTime(b, start)
	})
	cs, err := db.FitBook(ctx, period)
	if err != nil {
		b.Fatal(err)
	}
	segs, err := db.Segments(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("analyse", func(b *testing.B) {
		fresh := make([]model.FitCustomer, len(cs))
		var cpu time.Duration
		for b.Loop() {
			// AnalyseFit fills in what it works out: each run gets the
			// customers as read.
			b.StopTimer()
			copy(fresh, cs)
			b.StartTimer()
			start := processCPU()
			model.AnalyseFit(fresh, segs, model.FitOptions{From: from, To: today, Today: today, Settings: s,
				Weights: model.DefaultFitWeights})
			cpu += processCPU() - start
		}
		b.ReportMetric(float64(cpu)/float64(b.N)/float64(time.Millisecond), "cpu-ms/op")
	})
}
