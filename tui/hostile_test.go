package tui

import (
	"clientele/tui/kit"
	"clientele/tui/tuitest"
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// reachKeys are pressed on every tab, and again on every screen they
// open, to reach the screens pushed over the tabs. A screen opened with a
// new key is covered by adding the key here (v: the Feedback screen's NPS
// view and wishlist; w: a wish in the feedback form; S: the segment form,
// whose banner names the customer).
var reachKeys = []string{"enter", "a", "e", "o", "r", "c", "f", "C", "n", "F", "O", "i", "t", "/", "?", "v", "w", "S"}

// tabKeys are pressed only on the tab named, besides reachKeys: keys that
// open a screen there but would write elsewhere (x archives on the
// customer list). On the Profit tab, x opens the export and d the custom
// period.
var tabKeys = map[string][]string{"6": {"x", "d"}}

// keysOn are the keys pressed on a screen reached from tab tb at depth.
func keysOn(tb string, depth int) []string {
	if depth > 0 {
		return reachKeys
	}
	return append(slices.Clone(reachKeys), tabKeys[tb]...)
}

// walkScreens calls visit on every screen the app reaches: each tab, each
// of reachKeys pressed on it, and reachKeys again on any screen that
// opened. Each path starts from a fresh app made by start.
func walkScreens(t *testing.T, start func() *driver, visit func(d *driver, path string)) {
	t.Helper()
	d := start()
	for _, tb := range d.app.tabs {
		var walk func(path []string, depth int)
		walk = func(path []string, depth int) {
			d := start()
			d.Keys(tb.key)
			d.Keys(path...)
			visit(d, tb.key+" "+strings.Join(path, " "))
			if depth == 2 {
				return
			}
			before := screenID(d)
			for _, k := range keysOn(tb.key, depth) {
				d := start()
				d.Keys(tb.key)
				d.Keys(path...)
				d.Keys(k)
				if screenID(d) == before {
					continue // the key opened nothing here
				}
				walk(append(slices.Clone(path), k), depth+1)
			}
		}
		walk(nil, 0)
	}
}

// screenID names what is on screen: the stack's titles and the help.
func screenID(d *driver) string {
	var b strings.Builder
	b.WriteString(d.app.tabs[d.app.active].screen.Title())
	for _, s := range d.app.stack {
		b.WriteString(" › " + s.Title())
	}
	if d.app.showHelp {
		b.WriteString(" ?")
	}
	return b.String()
}

// screenKind names the kind of screen on top, for counting coverage.
func screenKind(d *driver) string {
	if d.app.showHelp {
		return "help"
	}
	top := any(d.app.top())
	if f, ok := top.(*kit.Form); ok {
		top = f.Body() // each kind of form counts
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", top), "*")
}

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.HostileStore(t)
	var open []string
	seen := map[string]bool{}
	visit := func(d *driver, path string) {
		tuitest.CheckFrame(t, d.Driver, path)
		seen[screenKind(d)] = true
		open = append(open, path)
	}
	for i, size := range [][2]int{{80, 24}, {40, 12}} {
		start := func() *driver { return newDriver(t, db, size[0], size[1]) }
		if i == 0 {
			walkScreens(t, start, visit)
		} else {
			// Narrow: the tabs and what opens from them, one level.
			for _, tb := range start().app.tabs {
				for _, k := range append([]string{""}, keysOn(tb.key, 0)...) {
					d := start()
					d.Keys(tb.key, k)
					visit(d, tb.key+" "+k)
				}
			}
		}
		// Every poisoned customer's detail, and what opens from it.
		for _, id := range ids {
			d := start()
			d.Send(kit.OpenCustomerMsg{ID: id})
			visit(d, fmt.Sprintf("customer %d", id))
			for _, k := range reachKeys {
				d := start()
				d.Send(kit.OpenCustomerMsg{ID: id})
				d.Keys(k)
				visit(d, fmt.Sprintf("customer %d %s", id, k))
			}
		}
		// The status line: archiving names the customer (every name is
		// hostile), and so does undoing it.
		d := start()
		d.Keys("2", "x")
		visit(d, "archive")
		d.Keys("u")
		visit(d, "undo archive")
	}
	titles := slices.Sorted(func(yield func(string) bool) {
		for k := range seen {
			if !yield(k) {
				return
			}
		}
	})
	t.Logf("%d hostile texts; %d paths over %d screens: %s", len(tuitest.HostileTexts), len(open), len(seen),
		strings.Join(titles, "; "))
	// Every kind of screen the walk reaches today: a kind that stops being
	// reached (a key moved, a screen that no longer opens) fails here.
	if len(seen) < 22 {
		t.Errorf("only %d screens reached", len(seen))
	}
}

func TestResizeStormOnEveryScreen(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	start := func() *driver { return newDriver(t, db, 80, 24) }
	screens := 0
	walkScreens(t, start, func(d *driver, path string) {
		screens++
		for w := 0; w < 130; w += 13 {
			for h := 0; h < 40; h += 7 {
				d.Send(tea.WindowSizeMsg{Width: w, Height: h})
				out := d.Screen()
				lines := strings.Split(out, "\n")
				if h > 0 && len(lines) > h {
					t.Fatalf("%s at %dx%d: %d lines", path, w, h, len(lines))
				}
				for _, l := range lines {
					if ansi.StringWidth(l) > w {
						t.Fatalf("%s at %dx%d: line %q is %d wide", path, w, h, l, ansi.StringWidth(l))
					}
				}
				if (w < kit.MinWidth || h < kit.MinHeight) && w > 0 && !strings.Contains(out, "too small") && len(out) > 0 &&
					w >= 9 && h >= 1 {
					t.Fatalf("%s at %dx%d: no \"too small\":\n%s", path, w, h, out)
				}
			}
		}
		// Keys still work after the storm, at a size that draws.
		d.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
		d.Keys("down", "up")
		_ = d.Screen()
	})
	t.Logf("resize storm over %d screens", screens)
}
