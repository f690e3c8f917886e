package tui

import (
	"clientele/tui/kit"
	"clientele/tui/tuitest"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// reachKeys are pressed on every tab, and again on every screen they
// open, to reach the screens pushed over the tabs. A screen opened with a
// new key is covered by adding the key here (v: the Feedback screen's NPS
// view and wishlist; w: a wish in the feedback form; S: the segment form,
// whose banner names the customer; M: a message from a template; R: a
// customer's reminders; O: the offerings, or a customer's occasions).
var reachKeys = []string{"enter", "a", "e", "o", "r", "c", "f", "C", "n", "F", "O", "i", "t", "/", "?", "v", "w", "S", "M", "R"}

// tabKeys are pressed only on the tab named, besides reachKeys: keys that
// open a screen there but would write elsewhere (x archives on the
// customer list). On the Profit tab, x opens the export and d the custom
// period. H (the history, from anywhere) is pressed on Today's.
var tabKeys = map[string][]string{"6": {"x", "d"}, "1": {"H"}}

// keysOn are the keys pressed on a screen reached from tab tb at depth.
func keysOn(tb string, depth int) []string {
	if depth > 0 {
		return reachKeys
	}
	return append(slices.Clone(reachKeys), tabKeys[tb]...)
}

// walkScreens calls visit on every screen the app reaches: each tab, each
// of reachKeys pressed on it, and reachKeys again on any screen that
// opened. Each path starts from a fresh app made by start. Only the keys
// a screen acts on are tried there (boundKeys): a key that is in no
// keymap opens nothing.
func walkScreens(t *testing.T, start func(t testing.TB) *driver, visit func(t *testing.T, d *driver, path string)) {
	t.Helper()
	for _, tb := range start(t).app.tabs {
		// Each tab's walk is a subtest of its own, side by side with the
		// others: the walk is the longest test there is.
		t.Run("tab "+tb.key, func(t *testing.T) {
			t.Parallel()
			var walk func(d *driver, path []string, depth int)
			walk = func(d *driver, path []string, depth int) {
				visit(t, d, tb.key+" "+strings.Join(path, " "))
				if depth == 2 {
					return
				}
				before, bound := screenID(d), boundKeys(d)
				for _, k := range keysOn(tb.key, depth) {
					if !bound[k] {
						continue
					}
					d := start(t)
					d.Keys(tb.key)
					d.Keys(path...)
					d.Keys(k)
					if screenID(d) == before {
						continue // the key opened nothing here
					}
					walk(d, append(slices.Clone(path), k), depth+1)
				}
			}
			d := start(t)
			d.Keys(tb.key)
			walk(d, nil, 0)
		})
	}
}

// boundKeys are the keys the screen on top and the root act on: every
// key lives in a keymap with its help (TestKeysLiveInKeyMaps), so a key
// outside them, or one whose binding is switched off, does nothing there.
func boundKeys(d *driver) map[string]bool {
	out := map[string]bool{}
	add := func(bs ...key.Binding) {
		for _, b := range bs {
			if b.Enabled() {
				for _, k := range b.Keys() {
					out[k] = true
				}
			}
		}
	}
	for _, g := range d.app.top().FullHelp() {
		add(g...)
	}
	add(d.app.top().ShortHelp()...)
	add(d.app.globalHelp()...)
	add(d.app.keys.Help) // shown beside the others, not among them
	return out
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
	var mu sync.Mutex // the sweeps run side by side
	var open []string
	seen := map[string]bool{}
	visit := func(t *testing.T, d *driver, path string) {
		tuitest.CheckFrame(t, d.Driver, path)
		mu.Lock()
		defer mu.Unlock()
		seen[screenKind(d)] = true
		open = append(open, path)
	}
	// The sweeps, each a parallel subtest, all done when "sweeps" returns.
	t.Run("sweeps", func(t *testing.T) {
		for i, size := range [][2]int{{80, 24}, {40, 12}} {
			start := func(t testing.TB) *driver { return newDriver(t, db, size[0], size[1]) }
			if i == 0 {
				walkScreens(t, start, visit)
			} else {
				// Narrow: the tabs and what opens from them, one level.
				t.Run("narrow", func(t *testing.T) {
					t.Parallel()
					for _, tb := range start(t).app.tabs {
						for _, k := range append([]string{""}, keysOn(tb.key, 0)...) {
							d := start(t)
							d.Keys(tb.key, k)
							visit(t, d, tb.key+" "+k)
						}
					}
				})
			}
			// Every poisoned customer's detail, and what opens from it.
			t.Run(fmt.Sprintf("customers at %dx%d", size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				for _, id := range ids {
					d := start(t)
					d.Send(kit.OpenCustomerMsg{ID: id})
					visit(t, d, fmt.Sprintf("customer %d", id))
					bound := boundKeys(d)
					for _, k := range reachKeys {
						if !bound[k] {
							continue
						}
						d := start(t)
						d.Send(kit.OpenCustomerMsg{ID: id})
						d.Keys(k)
						visit(t, d, fmt.Sprintf("customer %d %s", id, k))
					}
				}
				// The status line: archiving names the customer (every name
				// is hostile), and so does undoing it.
				d := start(t)
				d.Keys("2", "x")
				visit(t, d, "archive")
				d.Keys("u")
				visit(t, d, "undo archive")
			})
		}
	})
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

// checkHelpKeys fails when a key ? lists among the screen's own is also
// one of the global keys (esc aside, which a screen may use before the
// root closes it): the key would do one of the two things only.
func checkHelpKeys(t *testing.T, d *driver, path string) {
	t.Helper()
	if t2, ok := d.app.top().(kit.Typer); ok && t2.Typing() {
		return // keys go to the field; ? is typed, not shown
	}
	global := map[string]string{}
	for _, b := range d.app.globalHelp() {
		for _, k := range b.Keys() {
			if k != "esc" {
				global[k] = b.Help().Desc
			}
		}
	}
	for _, g := range d.app.top().FullHelp() {
		for _, b := range g {
			for _, k := range b.Keys() {
				if desc, ok := global[k]; ok && b.Enabled() {
					t.Errorf("%s: ? lists %s twice: %q and %q", path, k, b.Help().Desc, desc)
				}
			}
		}
	}
}

func TestResizeStormOnEveryScreen(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	start := func(t testing.TB) *driver { return newDriver(t, db, 80, 24) }
	var screens atomic.Int32
	t.Run("walk", func(t *testing.T) {
		walkScreens(t, start, func(t *testing.T, d *driver, path string) {
			screens.Add(1)
			checkHelpKeys(t, d, path)
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
	})
	t.Logf("resize storm over %d screens", screens.Load())
}
