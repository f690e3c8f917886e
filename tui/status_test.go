package tui

import (
	"clientele/tui/kit"
	"clientele/tui/tuitest"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestALongStatusIsCutBetweenWords(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Send(kit.StatusMsg{Text: "Imported 2,025 orders (42,481 lines, 317 unattributed), 948 customers, " +
		"2,822 offerings from online-retail."})
	lines := strings.Split(d.Screen(), "\n")
	status := lines[len(lines)-2]
	if want := "Imported 2,025 orders (42,481 lines, 317 unattributed), 948 customers, 2,822…"; status != want {
		t.Errorf("status line\n%q, want\n%q", status, want)
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
