package kit

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// With CacheRows a key press draws only the rows the cursor left and
// reached; Forget, SetLen and SetSize draw everything again.
func TestTableCachesRowsAwayFromTheCursor(t *testing.T) {
	t.Parallel()
	st := NewStyles(true, true)
	tb := NewTable(Column{Title: "name", Width: 10, Flex: 1})
	tb.CacheRows()
	tb.SetSize(20, 6) // a header and five rows
	tb.SetLen(8)
	names := []string{"Ada", "Ben", "Cy", "Di", "Eve", "Fay", "Gus", "Hal"}
	var drawn []int
	cells := func(i int) []Cell {
		drawn = append(drawn, i)
		return []Cell{{Text: names[i]}}
	}
	view := func() string {
		drawn = nil
		return tb.View(&st, cells, nil)
	}
	view()
	if len(drawn) != 5 {
		t.Fatalf("first view drew rows %v", drawn)
	}
	tb.Move(1)
	out := view()
	if len(drawn) != 2 || drawn[0] != 0 || drawn[1] != 1 {
		t.Errorf("after a move, drew rows %v; want [0 1]", drawn)
	}
	if !strings.Contains(out, "▸ Ben") || !strings.Contains(out, "  Ada") || !strings.Contains(out, "  Eve") {
		t.Errorf("view:\n%s", out)
	}
	names[2] = "Cyril"
	if out := view(); strings.Contains(out, "Cyril") {
		t.Error("a kept row was drawn again without Forget")
	}
	tb.Forget()
	if out := view(); !strings.Contains(out, "Cyril") || len(drawn) != 5 {
		t.Errorf("after Forget drew %v:\n%s", drawn, out)
	}
	for _, step := range []func(){func() { tb.SetLen(8) }, func() { tb.SetSize(20, 6) }} {
		view()
		step()
		if view(); len(drawn) != 5 {
			t.Errorf("drew %v after the change, want every row", drawn)
		}
	}
}

// Fit gives the width a column does not need to the column whose text
// would be cut: the reason column keeps what it needs, the email shows
// whole; with no room to spare, the widths stay as laid out.
func TestTableFitGivesSpareWidthToCutText(t *testing.T) {
	t.Parallel()
	st := NewStyles(true, true)
	tb := NewTable(Column{Title: "why", Width: 10, Flex: 4}, Column{Title: "reach", Width: 8, Flex: 1, Max: 12})
	rows := [][]Cell{{{Text: "feedback today"}, {Text: "email lars.murphy@example.com"}}}
	cells := func(i int) []Cell { return rows[i] }
	tb.SetSize(80, 3)
	tb.SetLen(1)
	if out := tb.View(&st, cells, nil); !strings.Contains(out, "…") {
		t.Fatalf("before Fit the email should be cut at Max:\n%s", out)
	}
	tb.Fit(cells)
	if out := tb.View(&st, cells, nil); !strings.Contains(out, "email lars.murphy@example.com") || strings.Contains(out, "…") {
		t.Errorf("after Fit the email is cut:\n%s", out)
	}
	if tb.ColumnWidth(0) < len("feedback today") {
		t.Errorf("the reason was given away: %d columns", tb.ColumnWidth(0))
	}
	tb.SetSize(30, 3) // no room: both cut, the minimums kept
	if tb.ColumnWidth(0) < 10 || tb.ColumnWidth(1) < 8 {
		t.Errorf("narrow widths %d, %d under the minimums", tb.ColumnWidth(0), tb.ColumnWidth(1))
	}
}

// A Lend column gives the row before it the width its own text leaves
// unused: a long reason beside a short contact shows whole, and the
// contacts still end on one edge.
func TestTableLendColumnGivesItsRowsRoom(t *testing.T) {
	t.Parallel()
	st := NewStyles(true, true)
	tb := NewTable(Column{Title: "why", Width: 10, Flex: 1}, Column{Title: "reach", Width: 20, Right: true, Lend: true})
	rows := [][]Cell{{{Text: "reason longer than 10"}, {Text: "in person"}}, {{Text: "short"}, {Text: "email a@example.com"}}}
	tb.SetSize(34, 4)
	tb.SetLen(2)
	out := strings.Split(tb.View(&st, func(i int) []Cell { return rows[i] }, nil), "\n")
	if !strings.Contains(out[1], "reason longer than 10") || strings.Contains(out[1], "…") {
		t.Errorf("the reason is cut beside a short contact: %q", out[1])
	}
	for _, l := range out[1:] {
		if w := ansi.StringWidth(l); w != 34 {
			t.Errorf("row %q is %d wide, want 34", l, w)
		}
	}
}
