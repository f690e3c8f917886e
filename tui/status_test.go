package tui

import (
	"clientele/tui/kit"
	"clientele/tui/tuitest"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A message too long for the status line takes a second row, read whole
// at 80 columns (issue 16: the import result, the export's path and long
// errors were cut); the screen gives up a line for it and takes it back
// when the message goes.
func TestALongStatusTakesTwoRows(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	text := "Imported 2,025 orders (42,481 lines, 317 unattributed), 948 customers, " +
		"2,822 offerings from online-retail."
	d.Send(kit.StatusMsg{Text: text, Err: true})
	lines := strings.Split(d.Screen(), "\n")
	if len(lines) != 24 {
		t.Fatalf("%d lines, want 24:\n%s", len(lines), d.Screen())
	}
	status := strings.TrimSpace(lines[len(lines)-3]) + " " + strings.TrimSpace(lines[len(lines)-2])
	if status != text {
		t.Errorf("status rows\n%q, want\n%q", status, text)
	}
	d.Keys("down") // an error goes with the next key
	lines = strings.Split(d.Screen(), "\n")
	if len(lines) != 24 || strings.Contains(d.Screen(), "online-retail") {
		t.Errorf("after the message went:\n%s", d.Screen())
	}
	if w, h := d.app.bodySize(); w != 80 || h != 24-chromeLines {
		t.Errorf("the screen has %dx%d after the message, want 80x%d", w, h, 24-chromeLines)
	}
}

func TestTruncateWords(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		w    int
		want string
	}{
		{"Saved the order.", 20, "Saved the order."},
		{"Loaded the demo business: 80 customers", 30, "Loaded the demo business: 80…"},
		{"Loaded the demo business: 80 customers", 10, "Loaded…"},
		{"Supercalifragilistic", 10, "Supercali…"},
		{"Marked 田中 美咲 replied", 12, "Marked 田中…"},
		{"one", 1, "o"},
	} {
		got := kit.TruncateWords(c.in, c.w)
		if got != c.want || ansi.StringWidth(got) > c.w {
			t.Errorf("truncateWords(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
	}
}

// On an empty list the help line offers no key that would act on a row.
func TestEmptyListsOfferNoKeyThatWouldDoNothing(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.OpenStore(t), 100, 24)
	for _, c := range []struct {
		keys      []string
		has, lack string
	}{
		{[]string{"1"}, "? all keys", "d done"},
		{[]string{"3"}, "n new segment", "R rename"},
		{[]string{"3", "v", "v"}, "v/→ next view", "l let go"},
		{[]string{"4"}, "a add", "r replied"},
		{[]string{"4", "v"}, "a add", "p make advocate"},
		{[]string{"4", "v"}, "v log/NPS/wishlist", "t name theme"},
		{[]string{"5"}, "a new", "enter edit"},
	} {
		d.Keys(c.keys...)
		lines := strings.Split(d.Screen(), "\n")
		help := lines[len(lines)-1]
		if !strings.Contains(help, c.has) || strings.Contains(help, c.lack) {
			t.Errorf("after %v the help line is %q: want %q, not %q", c.keys, help, c.has, c.lack)
		}
	}
}
