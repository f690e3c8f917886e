package tui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"clientele/tui/tuitest"
)

// goldenScreens are the screens kept as golden views, by the keys that
// reach them from the start: every tab, the detail, the offerings, the
// Segments views with their own headers, the feedback views, History,
// the import screen and a form.
var goldenScreens = []struct{ name, keys string }{
	{"today", "1"}, {"customers", "2"}, {"detail", "2\r"}, {"offerings", "2O"}, {"customer form", "2a"},
	{"segments", "3"}, {"segments referrals", "3vvvvvv"}, {"feedback", "4"}, {"nps", "4v"}, {"wishlist", "4vv"},
	{"complaints", "5"}, {"profit", "6"}, {"settings", "7"}, {"history", "1H"}, {"import", "2i"},
}

// TestEveryScreenGolden keeps every screen of the demo book at 80x24 and
// 140x40 (issue 16: what each shows at the smallest supported size and a
// wide one; go test -update writes them again).
func TestEveryScreenGolden(t *testing.T) {
	t.Parallel()
	db := tuitest.DemoStore(t)
	for _, s := range goldenScreens {
		for _, size := range [][2]int{{80, 24}, {140, 40}} {
			t.Run(s.name+"/"+map[int]string{80: "80x24", 140: "140x40"}[size[0]], func(t *testing.T) {
				d := newDriver(t, db, size[0], size[1])
				for _, r := range s.keys {
					if r == '\r' {
						d.Keys("enter")
						continue
					}
					d.Keys(string(r))
				}
				// The book's file is in a new temporary folder each run.
				golden.RequireEqual(t, strings.ReplaceAll(d.Screen(), filepath.Dir(db.Path()), "/tmp/book"))
			})
		}
	}
}
