package feedback_test

import (
	"regexp"
	"testing"

	"clientele/tui/tuitest"
)

// At 80x24 the NPS view cannot list every promoter under the chart: a
// line under the list says which of how many show and how to scroll
// (issue 16: it showed 3 of 4 with no sign of the fourth).
func TestTheNPSViewSaysMorePromotersAreBelow(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 80, 24)
	d.Keys("4", "v")
	more := regexp.MustCompile(`1–(\d+) of (\d+) · ↑/↓ scroll the promoters`)
	m := more.FindStringSubmatch(d.Screen())
	if m == nil || m[1] == m[2] {
		t.Fatalf("no sign of the promoters below:\n%s", d.Screen())
	}
	d.Keys("end")
	if !regexp.MustCompile(`\d+–` + m[2] + ` of ` + m[2]).MatchString(d.Screen()) {
		t.Errorf("end does not reach the last promoter:\n%s", d.Screen())
	}
}
