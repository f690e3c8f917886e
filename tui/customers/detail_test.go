package customers

import "testing"

func TestRelDaysReadsLikeSpeech(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "today", 1: "tomorrow", -1: "yesterday", 3: "in 3 days",
		-53: "53 days ago", -5835: "5,835 days ago", 1200: "in 1,200 days"} {
		if got := relDays(n); got != want {
			t.Errorf("relDays(%d) = %q, want %q", n, got, want)
		}
	}
}
