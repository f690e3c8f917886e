package importer

import (
	"runtime/debug"
	"testing"
)

// An import raises GOGC while it runs and sets it back after; a higher
// setting, or collection turned off, is left alone.
func TestRaiseGCPercentSetsItBack(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	for _, c := range []struct{ before, during int }{{100, 400}, {50, 400}, {800, 800}, {-1, -1}} {
		debug.SetGCPercent(c.before)
		restore := raiseGCPercent(400)
		during := debug.SetGCPercent(c.during)
		debug.SetGCPercent(during)
		restore()
		after := debug.SetGCPercent(c.before)
		if during != c.during || after != c.before {
			t.Errorf("GOGC %d: %d during the import, %d after; want %d and %d", c.before, during, after, c.during,
				c.before)
		}
	}
}
