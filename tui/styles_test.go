package tui

import (
	"clientele/tui/kit"
	"clientele/tui/tuitest"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// A placeholder must not look like a typed value without colour: every
// field's placeholder, focused or not, is drawn faint.
func TestPlaceholdersAreFaintWithoutColour(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.app.com.NoColor = true
	d.Send(tea.BackgroundColorMsg{})
	d.Keys("enter", "c", "enter") // the cost form, on the amount
	frame := d.app.View().Content
	for _, placeholder := range []string{"0.00; empty for time", "for time only", "what it was for"} {
		if !regexp.MustCompile(`\x1b\[[0-9;]*\b2m[^\x1b]*` + regexp.QuoteMeta(placeholder[1:4])).MatchString(frame) {
			t.Errorf("placeholder %q is not drawn faint:\n%q", placeholder, frame)
		}
	}
	if strings.Contains(frame, kit.InputPlaceholder) {
		t.Errorf("the input's grey is still in the frame:\n%q", frame)
	}
}

// On a light background nothing in a form is drawn near white: not the
// options of a choice, not the fields without focus.
func TestFormsAreReadableOnALightBackground(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Send(tea.BackgroundColorMsg{Color: ansi.White})
	d.Keys("enter", "c", "enter") // the cost form: its orders are options
	frame := d.app.View().Content
	for _, pale := range []string{kit.InputText, "38;5;252m"} {
		if strings.Contains(frame, pale) {
			t.Errorf("the frame draws text in %q on white:\n%q", pale, frame)
		}
	}
	if !strings.Contains(frame, "\x1b[38;5;235m2026-10-03 refund") {
		t.Errorf("an order to choose is not in dark grey:\n%q", frame)
	}
	tuitest.MustContain(t, d.Screen(), "Date > 2026-11-23")
}

func TestRecolourRewritesOnlyTheInputsOwnColours(t *testing.T) {
	t.Parallel()
	in := "\x1b[38;5;240mhint\x1b[m \x1b[37m> \x1b[m\x1b[1;37m bold\x1b[m\x1b[38;5;37mteal\x1b[m"
	for _, c := range []struct {
		isDark, noColor bool
		want            string
	}{
		{true, false, in},
		{true, true, "\x1b[2mhint\x1b[m \x1b[37m> \x1b[m\x1b[1;37m bold\x1b[m\x1b[38;5;37mteal\x1b[m"},
		{false, false, "\x1b[38;5;240mhint\x1b[m \x1b[39m> \x1b[m\x1b[1;37m bold\x1b[m\x1b[38;5;37mteal\x1b[m"},
		{false, true, "\x1b[2mhint\x1b[m \x1b[39m> \x1b[m\x1b[1;37m bold\x1b[m\x1b[38;5;37mteal\x1b[m"},
	} {
		if got := kit.Recolour(in, c.isDark, c.noColor); got != c.want {
			t.Errorf("dark %v, no colour %v:\n%q, want\n%q", c.isDark, c.noColor, got, c.want)
		}
	}
}
