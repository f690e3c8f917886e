package tui

import (
	"clientele/store"
	"clientele/tui/tuitest"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkSegmentFit is a key press on the loaded Segments tab at 100,000
// customers and at 1,000 (Update and View, budget 1 ms, and 1.2× its cost
// at 1,000), and returning to the tab with nothing changed (the version
// read and a frame, budget 5 ms). What the tab computes when it opens is
// BenchmarkSegmentFit in package segments.
//
//	go test ./tui -run '^$' -bench BenchmarkSegmentFit -count 5
func BenchmarkSegmentFit(b *testing.B) {
	db := tuitest.OpenBench(b, 100000)
	db.Now = tuitest.Clock
	key := func(b *testing.B, db *store.DB) {
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
	}
	b.Run("key", func(b *testing.B) { key(b, db) })
	b.Run("key/customers=1000", func(b *testing.B) {
		db := tuitest.OpenBench(b, 1000)
		db.Now = tuitest.Clock
		key(b, db)
	})
	b.Run("return", func(b *testing.B) { benchReturn(b, db, "3") })
}

// benchReturn opens tab, then times going back to it from the Settings
// tab with nothing changed: the root's Init of the tab, the version read
// that finds its analysis still the book's, and a frame. It fails when the
// tab computed more than once.
func benchReturn(b *testing.B, db *store.DB, tab string) {
	s := &countingStore{DB: db}
	d := newDriver(b, s, 80, 24)
	d.Keys(tab)
	for b.Loop() {
		b.StopTimer()
		d.Keys("7")
		b.StartTimer()
		d.Keys(tab)
		d.app.render()
	}
	if n := s.fits.Load() + s.books.Load(); n != 1 {
		b.Fatalf("the tab computed %d times", n)
	}
}
