package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A placeholder must not look like a typed value without colour: every
// field's placeholder, focused or not, is drawn faint.
func TestPlaceholdersAreFaintWithoutColour(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 80, 24)
	d.app.com.noColor = true
	d.send(tea.BackgroundColorMsg{})
	d.keys("enter", "c", "enter") // the cost form, on the amount
	frame := d.app.View().Content
	for _, placeholder := range []string{"0.00; empty for time", "for time only", "what it was for"} {
		if !regexp.MustCompile(`\x1b\[[0-9;]*\b2m[^\x1b]*` + regexp.QuoteMeta(placeholder[1:4])).MatchString(frame) {
			t.Errorf("placeholder %q is not drawn faint:\n%q", placeholder, frame)
		}
	}
	if strings.Contains(frame, inputPlaceholder) {
		t.Errorf("the input's grey is still in the frame:\n%q", frame)
	}
}

func TestRecolourKeepsExtendedColoursWhole(t *testing.T) {
	in := "\x1b[1;38;2;38;5;240m·\x1b[38;5;240mhint\x1b[m\x1b[48;5;37;38;5;240mx\x1b[m"
	want := "\x1b[1;38;2;38;5;240m·\x1b[2mhint\x1b[m\x1b[48;5;37;2mx\x1b[m"
	if got := recolour(in, true); got != want {
		t.Errorf("recolour\n%q, want\n%q", got, want)
	}
	if got := recolour(in, false); got != in {
		t.Errorf("with colour the frame changed: %q", got)
	}
}
