package kit

import (
	"strings"
	"testing"
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
