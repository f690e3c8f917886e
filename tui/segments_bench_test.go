package tui

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// BenchmarkSegmentFit computes the Segments tab at 100,000 customers and
// about a million order lines (and at 10,000, a big solo business): what
// the tab's command does when it opens (budget 200 ms at 100,000), its
// parts at 100,000, and a key press on the loaded screen (Update and View,
// budget 1 ms). cpu-ms/op is the CPU the process spent, both cores
// together: the reads run side by side, so it exceeds the wall time on an
// idle machine and swings less than it on a busy one.
//
//	go test ./tui -run '^$' -bench BenchmarkSegmentFit -count 5
func BenchmarkSegmentFit(b *testing.B) {
	db := openBench(b, 100000)
	db.Now = func() time.Time { return testNow }
	ctx := context.Background()
	s, err := db.Settings(ctx)
	if err != nil {
		b.Fatal(err)
	}
	period := model.Last12Months(testNow)
	from, to := period.From, period.To

	for _, size := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("customers=%d", size), func(b *testing.B) {
			db := db
			if size != 100000 {
				db = openBench(b, size)
			}
			start := processCPU()
			for b.Loop() {
				if _, err := computeFit(db, testNow, s); err != nil {
					b.Fatal(err)
				}
			}
			cpuTime(b, start)
		})
	}
	b.Run("facts", func(b *testing.B) {
		start := processCPU()
		for b.Loop() {
			if _, err := db.FitFacts(ctx, period); err != nil {
				b.Fatal(err)
			}
		}
		cpuTime(b, start)
	})
	cs, err := db.FitFacts(ctx, period)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("figures", func(b *testing.B) {
		start := processCPU()
		for b.Loop() {
			if err := db.FitFigures(ctx, cs, period); err != nil {
				b.Fatal(err)
			}
		}
		cpuTime(b, start)
	})
	// The rules work on the figures too, whether or not the figures ran.
	if err := db.FitFigures(ctx, cs, period); err != nil {
		b.Fatal(err)
	}
	segs, _ := db.Segments(ctx)
	b.Run("rules", func(b *testing.B) {
		start := processCPU()
		for b.Loop() {
			// AnalyseFit fills in what it works out (RFM segment,
			// referrals, score): each run gets the customers as read.
			b.StopTimer()
			fresh := slices.Clone(cs)
			b.StartTimer()
			model.AnalyseFit(fresh, segs, model.FitOptions{From: from, To: to, Today: testNow, Settings: s,
				Weights: model.DefaultFitWeights})
		}
		cpuTime(b, start)
	})
	b.Run("key", func(b *testing.B) {
		d := newDriver(b, db, 80, 24)
		d.keys("3")
		down, up := tea.KeyPressMsg{Code: tea.KeyDown}, tea.KeyPressMsg{Code: tea.KeyUp}
		i := 0
		for b.Loop() {
			k := down
			if i%2 == 1 {
				k = up
			}
			i++
			d.app.Update(k)
			d.app.render()
		}
	})
}
