package customers_test

import (
	"strings"
	"testing"

	"clientele/tui/tuitest"
)

// At 80 columns the customer list's footer keeps its two commonest
// actions, adding a customer and an order (issue 16: they were the first
// keys left out).
func TestTheListFooterKeepsAddAndOrderAt80(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Keys("2")
	lines := strings.Split(d.Screen(), "\n")
	help := lines[len(lines)-1]
	for _, want := range []string{"a add", "o "} {
		if !strings.Contains(help, want) {
			t.Errorf("the footer at 80 leaves out %q: %q", want, help)
		}
	}
}

// The detail says that it goes on below the screen, and G/end and g/home
// go to the oldest entry and back (issue 16: no sign the timeline went
// on).
func TestTheDetailSaysItGoesOnBelow(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 80, 24)
	d.Keys("2", "enter")
	screen := d.Screen()
	tuitest.MustContain(t, screen, "lines below", "G/end the oldest entry")
	name := strings.Fields(strings.Split(screen, "\n")[1])[0]
	d.Keys("G")
	tuitest.MustContain(t, d.Screen(), "the end · g/home back to the customer")
	if row := tuitest.CursorRow(d.Screen()); row == "" {
		t.Errorf("G left no entry under the cursor:\n%s", d.Screen())
	}
	d.Keys("g")
	if top := strings.Split(d.Screen(), "\n")[1]; !strings.HasPrefix(top, name) {
		t.Errorf("g did not go back to the customer: %q", top)
	}
	d.Keys("end")
	tuitest.MustContain(t, d.Screen(), "the end")
	d.Keys("home")
	tuitest.MustContain(t, d.Screen(), "lines below")
}

// The segment picker's banner says what to do whole at 80 columns (issue
// 16: it was cut after the title); the title stays in the header.
func TestTheSegmentPickerSaysWhatToDoAt80(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Keys("2", "space", "space", "space", "space", "S")
	lines := strings.Split(d.Screen(), "\n")
	tuitest.MustContain(t, lines[0], "Segment for 4 marked customers")
	if !strings.Contains(lines[1], "Pick a segment, or a new one at the end of the list.") {
		t.Errorf("the banner: %q", lines[1])
	}
}
