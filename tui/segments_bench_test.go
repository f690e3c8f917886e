package tui

import (
	"clientele/tui/tuitest"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkSegmentFit is a key press on the loaded Segments tab at 100,000
// customers (Update and View, budget 1 ms). What the tab computes when it
// opens is BenchmarkSegmentFit in package segments.
//
//	go test ./tui -run '^$' -bench BenchmarkSegmentFit -count 5
func BenchmarkSegmentFit(b *testing.B) {
	db := tuitest.OpenBench(b, 100000)
	db.Now = tuitest.Clock
	b.Run("key", func(b *testing.B) {
		d := newDriver(b, db, 80, 24)
		d.Keys("3")
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
