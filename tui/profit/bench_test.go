package profit

import (
	"cmp"
	"context"
	"testing"

	"clientele/model"
	"clientele/tui/tuitest"
)

// BenchmarkProfitScreen computes the Profit tab at 100,000 customers and
// about a million order lines: what the tab's command does when it opens
// or the period changes (the store's read and the analysis, over the
// last 12 months), and each part alone. A key press on the loaded screen
// is BenchmarkProfitScreen in package tui, which drives the whole app.
//
//	go test ./tui/profit -run '^$' -bench BenchmarkProfitScreen -benchtime 5x
func BenchmarkProfitScreen(b *testing.B) {
	db := tuitest.OpenBench(b, 100000)
	ctx := context.Background()
	s, err := db.Settings(ctx)
	period := model.Last12Months(tuitest.Now)
	book, berr := db.ProfitBook(ctx, period)
	if err = cmp.Or(err, berr); err != nil {
		b.Fatal(err)
	}
	// each runs fn in a loop, failing on its first error, and reports the
	// CPU time beside the wall time.
	each := func(name string, fn func() error) {
		b.Run(name, func(b *testing.B) {
			start := tuitest.ProcessCPU()
			for b.Loop() {
				if err := fn(); err != nil {
					b.Fatal(err)
				}
			}
			tuitest.CPUTime(b, start)
		})
	}
	each("customers=100000", func() error {
		_, err := computeProfit(db, period, tuitest.Now, s)
		return err
	})
	each("read", func() error {
		_, err := db.ProfitBook(ctx, period)
		return err
	})
	each("analyse", func() error {
		model.AnalyseProfit(book, model.ProfitOptions{Today: tuitest.Now, Settings: s})
		return nil
	})
}
