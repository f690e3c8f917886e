package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
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

// On a light background nothing in a form is drawn near white: not the
// options of a choice, not the fields without focus.
func TestFormsAreReadableOnALightBackground(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 80, 24)
	d.send(tea.BackgroundColorMsg{Color: ansi.White})
	d.keys("enter", "c", "enter") // the cost form: its orders are options
	frame := d.app.View().Content
	for _, pale := range []string{"\x1b[" + inputText + "m", "38;5;252m"} {
		if strings.Contains(frame, pale) {
			t.Errorf("the frame draws text in %q on white:\n%q", pale, frame)
		}
	}
	if !strings.Contains(frame, "\x1b[38;5;235m2026-10-03 refund") {
		t.Errorf("an order to choose is not in dark grey:\n%q", frame)
	}
	mustContain(t, d.screen(), "Date > 2026-11-23")
}

func TestRecolourKeepsExtendedColoursWhole(t *testing.T) {
	in := "\x1b[1;38;2;38;5;240m·\x1b[38;5;240mhint\x1b[m\x1b[48;5;37;38;5;240mx\x1b[m"
	want := "\x1b[1;38;2;38;5;240m·\x1b[2mhint\x1b[m\x1b[48;5;37;2mx\x1b[m"
	if got := recolour(in, true, true); got != want {
		t.Errorf("recolour\n%q, want\n%q", got, want)
	}
	if got := recolour(in, true, false); got != in {
		t.Errorf("with colour the frame changed: %q", got)
	}
	light := "\x1b[37m> \x1b[m\x1b[1;37;38;5;37m2026\x1b[m"
	if got, want := recolour(light, false, false), "\x1b[39m> \x1b[m\x1b[1;39;38;5;37m2026\x1b[m"; got != want {
		t.Errorf("on a light background\n%q, want\n%q", got, want)
	}
}
