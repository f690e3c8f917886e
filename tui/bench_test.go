package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"clientele/store"
	"clientele/store/demo"
	"clientele/tui/kit"
	"clientele/tui/tuitest"
)

// BenchmarkCustomerListKey measures one down-arrow through the root
// model's Update and View on the customer list. When the key moves the
// cursor near the edge of the loaded window the list asks for the next
// one; that load runs in a command, off the key's path, and is fed in with
// the timer stopped, as Bubble Tea would run it in a goroutine.
func BenchmarkCustomerListKey(b *testing.B) {
	for _, n := range tuitest.BenchSizes {
		b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
			db := tuitest.OpenBench(b, n)
			d := newDriver(b, db, 100, 30)
			d.Keys("2") // the app opens on Today when someone is due
			if title := d.app.top().Title(); title != "Customers" {
				b.Fatalf("not on the customer list: %s", title)
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
					d.Run(cmd)
					if i%2000 == 1999 { // stay in the first part of the list, like a person would
						d.Send(home)
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
			app := New(db, Options{Now: tuitest.Clock})
			app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
			// Init's commands: the settings and the list's first window.
			app.Update(app.loadSettings()())
			list := app.tabs[app.active].screen
			app.Update(list.Init()())
			var rows int // the list's length, as its facts in the status line say it
			fmt.Sscanf(strings.ReplaceAll(list.(kit.Informer).Info(), ",", ""), "%d", &rows)
			if out := app.render(); len(out) == 0 || rows < n/2 {
				b.Fatalf("first screen not drawn: %d rows", rows)
			}
			db.Close()
		}
	})
}
