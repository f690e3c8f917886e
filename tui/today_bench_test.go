package tui

import (
	"clientele/tui/kit"
	"clientele/tui/tuitest"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkTodayKey measures one down-arrow through the root model's Update
// and View on the Today tab, which the app opens on when someone is due.
// The cursor walks the whole list and jumps back to the top with the timer
// stopped, so every key moves it. Budget: ≤ 1 ms at 100,000 customers and
// ≤ 1.2× the figure at 1,000.
func BenchmarkTodayKey(b *testing.B) {
	for _, n := range tuitest.BenchSizes {
		b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
			d := newDriver(b, tuitest.OpenBench(b, n), 100, 30)
			// The list's length, as its facts in the status line say it
			// ("1 of 50"); the cursor starts on the first entry.
			var cursor, entries int
			if info, ok := d.app.top().(kit.Informer); ok {
				fmt.Sscanf(strings.ReplaceAll(info.Info(), ",", ""), "1 of %d", &entries)
			}
			if d.app.top().Title() != "Today" || entries < 10 {
				b.Fatalf("not on a Today list of at least 10: %s, %d", d.app.top().Title(), entries)
			}
			down := tea.KeyPressMsg{Code: tea.KeyDown}
			home := tea.KeyPressMsg{Code: tea.KeyHome}
			b.ReportAllocs()
			b.ResetTimer()
			start := tuitest.ProcessCPU()
			for i := 0; i < b.N; i++ {
				if cursor == entries-1 {
					b.StopTimer()
					d.Send(home)
					cursor = 0
					b.StartTimer()
				}
				d.app.Update(down)
				cursor++
				_ = d.app.View()
			}
			tuitest.CPUTime(b, start)
		})
	}
}
