package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"clientele/tui/tuitest"
)

// BenchmarkDetailTimelineKey measures one down-arrow through the root
// model's Update and View with the cursor in a customer's timeline, at
// 100,000 customers: the detail draws the lines on screen and the entry
// under the cursor, never the timeline again. Compare with
// BenchmarkCustomerListKey in the same run:
//
//	go test ./tui -run '^$' -bench 'DetailTimelineKey|CustomerListKey/customers=100000' -benchtime 2000x
func BenchmarkDetailTimelineKey(b *testing.B) {
	db := tuitest.OpenBench(b, 100000)
	d := newDriver(b, db, 100, 30)
	d.Keys("2", "s", "s", "s") // sorted by orders: the longest timelines first
	d.Keys("enter", "t")
	if title := d.app.top().Title(); title == "Customers" {
		b.Fatal("the detail did not open")
	}
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	top := tea.KeyPressMsg{Code: 't', Text: "t"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		key := down
		if i%40 == 39 {
			key = top // back to the newest entry, as a person reading would
		}
		d.app.Update(key)
		_ = d.app.View()
	}
}
