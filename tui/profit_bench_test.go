package tui

import (
	"cmp"
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/store"
)

// BenchmarkProfitScreen computes the Profit tab at 100,000 customers and
// about a million order lines: what the tab's command does when it opens
// or the period changes (the store's read and the analysis, over the
// last 12 months), each part alone, and a key press on the loaded screen
// (Update and View, budget 1 ms, and 1.2× its cost at 1,000 customers):
// down and up the top list, and v from section to section, which draws
// the whale curve and the monthly bars.
//
//	go test ./tui -run '^$' -bench BenchmarkProfitScreen -benchtime 5x
func BenchmarkProfitScreen(b *testing.B) {
	db := openBench(b, 100000)
	ctx := context.Background()
	s, err := db.Settings(ctx)
	period := model.Last12Months(testNow)
	book, berr := db.ProfitBook(ctx, period)
	if err = cmp.Or(err, berr); err != nil {
		b.Fatal(err)
	}
	// each runs fn in a loop, failing on its first error, and reports the
	// CPU time beside the wall time.
	each := func(name string, fn func() error) {
		b.Run(name, func(b *testing.B) {
			start := processCPU()
			for b.Loop() {
				if err := fn(); err != nil {
					b.Fatal(err)
				}
			}
			cpuTime(b, start)
		})
	}
	each("customers=100000", func() error {
		_, err := computeProfit(db, period, testNow, s)
		return err
	})
	each("read", func() error {
		_, err := db.ProfitBook(ctx, period)
		return err
	})
	each("analyse", func() error {
		model.AnalyseProfit(book, model.ProfitOptions{Today: testNow, Settings: s})
		return nil
	})
	keys := func(b *testing.B, db *store.DB, width, height int, at []string, press ...tea.KeyPressMsg) {
		d := newDriver(b, db, width, height)
		d.keys(append([]string{"6"}, at...)...)
		if profitTab(d).data == nil {
			b.Fatal("the Profit tab did not load")
		}
		i := 0
		for b.Loop() {
			d.app.Update(press[i%len(press)])
			d.app.render()
			i++
		}
	}
	down, up := tea.KeyPressMsg{Code: tea.KeyDown}, tea.KeyPressMsg{Code: tea.KeyUp}
	next := tea.KeyPressMsg{Code: 'v', Text: "v"}
	b.Run("key", func(b *testing.B) { keys(b, db, 80, 24, []string{"v"}, down, up) })
	b.Run("key/customers=1000", func(b *testing.B) { keys(b, openBench(b, 1000), 80, 24, []string{"v"}, down, up) })
	b.Run("section", func(b *testing.B) { keys(b, db, 80, 24, nil, next) })
	b.Run("section-wide", func(b *testing.B) { keys(b, db, 160, 48, nil, next) })
}
