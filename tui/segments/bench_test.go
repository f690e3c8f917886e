package segments

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"clientele/model"
	"clientele/tui/tuitest"
)

// BenchmarkSegmentFit computes the Segments tab at 100,000 customers and
// about a million order lines (and at 10,000, a big solo business): what
// the tab's command computes when it opens and after a change (budget 150
// ms at 100,000): FitBook beside the segments, then the rules; and its
// parts at 100,000, the read (FitBook) and the rules. A key press on the
// loaded screen (Update and View, budget 1 ms) and a return to the tab
// (budget 5 ms) are BenchmarkSegmentFit in package tui. cpu-ms/op is the
// CPU the process spent, both cores together: the reads run side by side,
// so it exceeds the wall time on an idle machine and swings less than it
// on a busy one.
//
//	go test ./tui/segments -run '^$' -bench BenchmarkSegmentFit -count 5
func BenchmarkSegmentFit(b *testing.B) {
	db := tuitest.OpenBench(b, 100000)
	db.Now = func() time.Time { return tuitest.Now }
	ctx := context.Background()
	s, err := db.Settings(ctx)
	if err != nil {
		b.Fatal(err)
	}
	period := model.Last12Months(tuitest.Now)
	from, to := period.From, period.To

	for _, size := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("customers=%d", size), func(b *testing.B) {
			db := db
			if size != 100000 {
				db = tuitest.OpenBench(b, size)
			}
			start := tuitest.ProcessCPU()
			for b.Loop() {
				if _, err := computeFit(db, model.Last12Months(tuitest.Now), tuitest.Now, s); err != nil {
					b.Fatal(err)
				}
			}
			tuitest.CPUTime(b, start)
		})
	}
	// What the screen does in Update when an analysis arrives: the
	// lists sized and each view's columns measured on its rows (Fit).
	b.Run("shown", func(b *testing.B) {
		fit, err := computeFit(db, period, tuitest.Now, s)
		if err != nil {
			b.Fatal(err)
		}
		scr := newSegmentFit(tuitest.Context(), db)
		scr.SetSize(140, 40)
		for b.Loop() {
			scr.fit = fit
			scr.fill()
		}
	})
	b.Run("read", func(b *testing.B) {
		start := tuitest.ProcessCPU()
		for b.Loop() {
			if _, err := db.FitBook(ctx, period); err != nil {
				b.Fatal(err)
			}
		}
		tuitest.CPUTime(b, start)
	})
	cs, err := db.FitBook(ctx, period)
	if err != nil {
		b.Fatal(err)
	}
	segs, _ := db.Segments(ctx)
	b.Run("rules", func(b *testing.B) {
		start := tuitest.ProcessCPU()
		for b.Loop() {
			// AnalyseFit fills in what it works out (RFM segment,
			// referrals, score): each run gets the customers as read.
			b.StopTimer()
			fresh := slices.Clone(cs)
			b.StartTimer()
			model.AnalyseFit(fresh, segs, model.FitOptions{From: from, To: to, Today: tuitest.Now, Settings: s,
				Weights: model.DefaultFitWeights})
		}
		tuitest.CPUTime(b, start)
	})
}
