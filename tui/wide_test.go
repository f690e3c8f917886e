package tui

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"clientele/tui/tuitest"
)

// wideSizes are the terminals every screen is read at (issue 16): the
// smallest supported width and two wide ones.
var wideSizes = [][2]int{{80, 24}, {140, 40}, {200, 50}}

// maxBlankBesideCut is the most blank columns a row may keep while a cell
// on it is cut: more, and the width should have gone to the cut text.
const maxBlankBesideCut = 20

// notCut are texts that end in an ellipsis on purpose: a choice that
// opens more ("a new segment…", "another day…", "merge into…"), a field's
// placeholder or hint, work under way.
var notCut = []string{"segment…", "day…", "into…", "Custom…", "dates…", "fashion…", "USD…", "…"}

// textRun is a cell of a line: words apart by one blank at most.
var textRun = regexp.MustCompile(`\S+(?: \S+)*`)

// cutCells returns the cells of line (padded to w) that are cut with an
// ellipsis (kit.FitCell, kit.Truncate and kit.TruncateWords all cut that
// way) while they stand beside more than maxBlankBesideCut blank columns.
// A cell is the text between runs of two or more blanks that holds a word
// ending in "…"; beside is the run of blanks just before or after it. A
// cut cell beside another section's text is not counted: that width is
// taken.
func cutCells(line string, w int) (cuts []string, blank int) {
	line += strings.Repeat(" ", max(w-ansi.StringWidth(line), 0))
	cells := textRun.FindAllStringIndex(line, -1)
	for k, c := range cells {
		text := line[c[0]:c[1]]
		cut := false
		for _, word := range strings.Fields(text) {
			if strings.HasSuffix(word, "…") && !slices.ContainsFunc(notCut, func(n string) bool {
				return word == n || strings.HasSuffix(word, n) && n != "…"
			}) {
				cut = true
			}
		}
		if !cut {
			continue
		}
		before, after := c[0], len(line)-c[1]
		if k > 0 {
			before = c[0] - cells[k-1][1]
		}
		if k+1 < len(cells) {
			after = cells[k+1][0] - c[1]
		}
		// Blanks are one byte each: the run's length in bytes is its width.
		if gap := max(before, after); gap > maxBlankBesideCut {
			cuts = append(cuts, text)
			blank = max(blank, gap)
		}
	}
	return cuts, blank
}

// TestWideScreensGiveTheirWidthToCutText renders every screen the walk
// reaches on the demo book at 80, 140 and 200 columns and fails on a row
// where a cell is cut while more than 20 columns of the same row stand
// blank: the width should have gone to the text that was cut.
func TestWideScreensGiveTheirWidthToCutText(t *testing.T) {
	t.Parallel()
	db := tuitest.DemoStore(t)
	var mu sync.Mutex
	found := map[int]map[string]string{} // width → screen and line → where
	for _, s := range wideSizes {
		found[s[0]] = map[string]string{}
	}
	t.Run("walk", func(t *testing.T) {
		start := func(t testing.TB) *driver { return newDriver(t, db, 80, 24) }
		walkScreens(t, start, func(t *testing.T, d *driver, path string) {
			id := screenID(d)
			for _, s := range wideSizes {
				d.Send(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
				for n, line := range strings.Split(d.Screen(), "\n") {
					cuts, blank := cutCells(line, s[0])
					if len(cuts) == 0 {
						continue
					}
					mu.Lock()
					key := id + "\x00" + strings.TrimSpace(line)
					if _, seen := found[s[0]][key]; !seen {
						found[s[0]][key] = fmt.Sprintf("%s (keys %q) line %d: %q cut beside %d blank columns:\n%s",
							id, path, n+1, strings.Join(cuts, " | "), blank, strings.TrimRight(line, " "))
					}
					mu.Unlock()
				}
			}
		})
	})
	for _, s := range wideSizes {
		t.Logf("%d columns: %d rows with a cut cell beside more than %d blank columns", s[0], len(found[s[0]]), maxBlankBesideCut)
		for _, k := range slices.Sorted(mapKeys(found[s[0]])) {
			t.Errorf("at %dx%d, %s", s[0], s[1], found[s[0]][k])
		}
	}
}

// mapKeys yields the keys of m.
func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
