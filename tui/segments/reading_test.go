package segments_test

import (
	"testing"

	"clientele/tui/tuitest"
)

// Headers say what they count (issue 16: "share" added past 100% unsaid;
// "revenue through" and "in tree" were riddles).
func TestSegmentHeadersSayWhatTheyCount(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 140, 40)
	d.Keys("3")
	tuitest.MustContain(t, d.Screen(), "rev %", "rev %: of revenue; one customer can count in two groups")
	d.Keys("v", "v", "v", "v", "v", "v") // Referrals
	tuitest.MustContain(t, d.Screen(), "in tree: everyone down their line of referrals", "brought", "their revenue", "tree revenue")
	tuitest.MustLack(t, d.Screen(), "revenue through")
}
