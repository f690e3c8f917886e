package tui

import (
	"strings"
	"testing"

	"clientele/tui/tuitest"
)

// The hints of an empty Today and an empty feedback log are read whole at
// 80 columns, wrapped rather than cut (issue 16).
func TestEmptyStateHintsAreWholeAt80(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.OpenStore(t), 80, 24)
	for _, c := range []struct{ tab, hint string }{
		{"1", "Follow-ups, reorders, complaints, feedback and stay-in-touch reminders appear here when due."},
		{"4", "No feedback yet. Press a (or f on a customer) to record some: a 9 enter is an NPS of 9."},
	} {
		d.Keys(c.tab)
		screen := d.Screen()
		if strings.Contains(screen, "…") {
			t.Errorf("tab %s cuts a text:\n%s", c.tab, screen)
		}
		// The words in order, whatever the wrapping.
		if !strings.Contains(strings.Join(strings.Fields(screen), " "), c.hint) {
			t.Errorf("tab %s lacks %q:\n%s", c.tab, c.hint, screen)
		}
	}
}
