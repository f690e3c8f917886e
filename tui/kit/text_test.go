package kit

import (
	"strings"
	"testing"
)

// WrapEven takes as many lines as Wrap and leaves no word alone on the
// last one (the Profit headline at 140 columns did).
func TestWrapEvenLeavesNoWordAlone(t *testing.T) {
	t.Parallel()
	s := "The top 20% of customers earn 68% of profit; the bottom 10% lose £344."
	if got := Wrap(s, 66); len(got) != 2 || got[1] != "£344." {
		t.Fatalf("the case is gone: Wrap gives %q", got)
	}
	got := WrapEven(s, 66)
	if len(got) != 2 || len(strings.Fields(got[1])) < 4 || strings.Join(got, " ") != s {
		t.Errorf("WrapEven gives %q", got)
	}
	if got := WrapEven("short", 66); len(got) != 1 {
		t.Errorf("one line becomes %q", got)
	}
}
