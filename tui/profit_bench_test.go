package tui

import (
	"clientele/store"
	"clientele/tui/kit"
	"clientele/tui/tuitest"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkProfitScreen is a key press on the loaded Profit tab at
// 100,000 customers and about a million order lines (Update and View,
// budget 1 ms, and 1.2× its cost at 1,000 customers): down and up the top
// list, and v from section to section, which draws the whale curve and
// the monthly bars; and returning to the tab with nothing changed (the
// version read and a frame, budget 5 ms). What the tab computes when it
// opens is BenchmarkProfitScreen in package profit.
//
//	go test ./tui -run '^$' -bench BenchmarkProfitScreen -benchtime 5x
func BenchmarkProfitScreen(b *testing.B) {
	db := tuitest.OpenBench(b, 100000)
	keys := func(b *testing.B, db *store.DB, width, height int, at []string, press ...tea.KeyPressMsg) {
		d := newDriver(b, db, width, height)
		d.Keys(append([]string{"6"}, at...)...)
		if i, ok := d.app.top().(kit.Informer); !ok || i.Info() == "" {
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
	b.Run("key/customers=1000", func(b *testing.B) { keys(b, tuitest.OpenBench(b, 1000), 80, 24, []string{"v"}, down, up) })
	b.Run("section", func(b *testing.B) { keys(b, db, 80, 24, nil, next) })
	b.Run("section-wide", func(b *testing.B) { keys(b, db, 160, 48, nil, next) })
	b.Run("return", func(b *testing.B) { benchReturn(b, db, "6") })
}
