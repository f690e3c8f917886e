package tui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkTodayKey measures one down-arrow through the root model's Update
// and View on the Today tab, which the app opens on when someone is due.
// The cursor walks the whole list and jumps back to the top with the timer
// stopped, so every key moves it. Budget: ≤ 1 ms at 100,000 customers and
// ≤ 1.2× the figure at 1,000.
func BenchmarkTodayKey(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
			d := newDriver(b, openBench(b, n), 100, 30)
			t, ok := d.app.top().(*today)
			if !ok || len(t.entries) < 10 {
				b.Fatalf("not on a Today list of at least 10: %T", d.app.top())
			}
			down := tea.KeyPressMsg{Code: tea.KeyDown}
			home := tea.KeyPressMsg{Code: tea.KeyHome}
			b.ReportAllocs()
			b.ResetTimer()
			start := processCPU()
			for i := 0; i < b.N; i++ {
				if t.table.Cursor() == len(t.entries)-1 {
					b.StopTimer()
					d.send(home)
					b.StartTimer()
				}
				d.app.Update(down)
				_ = d.app.View()
			}
			cpuTime(b, start)
		})
	}
}
