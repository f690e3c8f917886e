package tui

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"clientele/store"
	"clientele/store/demo"
)

// benchSizes are the customer counts the list benchmarks compare: the
// budget is ≤ 1 ms per key at 100,000 and ≤ 1.2× the 1,000 figure.
var benchSizes = []int{1000, 100000}

// openBench opens the cached demo database of n customers (about ten order
// lines each), generating it on first use.
func openBench(b *testing.B, n int) *store.DB {
	b.Helper()
	path, err := demo.BenchFile(context.Background(), n)
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkCustomerListKey measures one down-arrow through the root
// model's Update and View on the customer list. When the key moves the
// cursor near the edge of the loaded window the list asks for the next
// one; that load runs in a command, off the key's path, and is fed in with
// the timer stopped, as Bubble Tea would run it in a goroutine.
func BenchmarkCustomerListKey(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
			db := openBench(b, n)
			d := newDriver(b, db, 100, 30)
			d.keys("2") // the app opens on Today when someone is due
			if _, ok := d.app.top().(*customerList); !ok {
				b.Fatalf("not on the customer list: %T", d.app.top())
			}
			down := tea.KeyPressMsg{Code: tea.KeyDown}
			home := tea.KeyPressMsg{Code: tea.KeyHome}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, cmd := d.app.Update(down)
				_ = d.app.View()
				if cmd != nil {
					b.StopTimer()
					d.run(cmd)
					if i%2000 == 1999 { // stay in the first part of the list, like a person would
						d.send(home)
					}
					b.StartTimer()
				}
			}
		})
	}
}

// BenchmarkFirstScreen measures opening the file, building the root model
// and loading and drawing the first screen of the customer list (sorted by
// name) at 100,000 customers and about 1,000,000 order lines.
func BenchmarkFirstScreen(b *testing.B) {
	const n = 100000
	path, err := demo.BenchFile(context.Background(), n)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			db, err := store.Open(context.Background(), path)
			if err != nil {
				b.Fatal(err)
			}
			app := New(db, Options{Now: func() time.Time { return testNow }})
			app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
			// Init's commands: the settings and the list's first window.
			app.Update(app.loadSettings()())
			list := app.tabs[app.active].screen.(*customerList)
			app.Update(list.reload()())
			if out := app.render(); len(out) == 0 || list.table.Len() < n/2 {
				b.Fatalf("first screen not drawn: %d rows", list.table.Len())
			}
			db.Close()
		}
	})
}
