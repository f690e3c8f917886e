package tui

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// BenchmarkSegmentFit computes the Segments tab at 100,000 customers and
// about a million order lines: what the tab's command does when it opens
// (budget 200 ms), its parts, and a key press on the loaded screen
// (Update and View, budget 1 ms).
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
	n, _ := db.CustomerCount(ctx)
	from, to := fitPeriod(testNow)

	b.Run("customers=100000", func(b *testing.B) {
		for b.Loop() {
			if _, err := computeFit(db, testNow, s); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n), "customers")
	})
	b.Run("facts", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.FitFacts(ctx, from, to); err != nil {
				b.Fatal(err)
			}
		}
	})
	cs, err := db.FitFacts(ctx, from, to)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("figures", func(b *testing.B) {
		for b.Loop() {
			if err := db.FitFigures(ctx, cs, from, to); err != nil {
				b.Fatal(err)
			}
		}
	})
	segs, _ := db.Segments(ctx)
	b.Run("rules", func(b *testing.B) {
		for b.Loop() {
			model.AnalyseFit(cs, segs, model.FitOptions{From: from, To: to, Today: testNow, Settings: s,
				Weights: model.DefaultFitWeights})
		}
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
