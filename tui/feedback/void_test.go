package feedback_test

import (
	"context"
	"testing"

	"clientele/model"
	"clientele/tui/tuitest"
)

// On the log, e corrects the entry under the cursor, x voids it with a
// reason (it stays, struck, saying "void", and leaves the NPS), X hides
// and shows the voided, and x on a voided entry restores it.
func TestTheLogEditsVoidsAndRestoresFeedback(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 24)
	d.Keys("4")
	tuitest.MustContain(t, tuitest.CursorRow(d.Screen()), "Ben Okafor", "Always on time")
	top := feedbackRows(t, db, model.FeedbackQuery{Limit: 1})[0]
	nps := func() model.NPS {
		t.Helper()
		overall, _, err := db.NPSCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return model.SummarizeNPS(overall, nil, tuitest.Now, 12).AllTime
	}

	// e: the 10 was an 8.
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "Edit feedback from Ben Okafor")
	d.Keys("backspace", "backspace", "8", "enter")
	tuitest.MustContain(t, d.Screen(), "Corrected the feedback: now NPS 8 from Ben Okafor.")
	if f, err := db.Feedback(ctx, top.ID); err != nil || f.Score != 8 || f.Answer != "Always on time" {
		t.Fatalf("after e: %+v, %v", f, err)
	}
	before := nps() // the 8 is a passive now

	// x with a reason.
	d.Keys("x", "wrong customer", "enter")
	tuitest.MustContain(t, d.Screen(), "Voided the feedback of 2026-11-20")
	f, err := db.Feedback(ctx, top.ID)
	if err != nil || !f.Voided() || f.VoidReason != "wrong customer" {
		t.Fatalf("after x: %+v, %v", f, err)
	}
	if n := nps(); n.Passives != before.Passives-1 || n.Promoters != before.Promoters {
		t.Errorf("the voided answer still counts: %+v, before %+v", n, before)
	}
	tuitest.MustContain(t, tuitest.CursorRow(d.Screen()), "Ben Okafor", "void")

	// X hides it, X shows it again.
	d.Keys("X")
	tuitest.MustLack(t, d.Screen(), "Always on time")
	d.Keys("X")
	tuitest.MustContain(t, d.Screen(), "Always on time")

	// x on it restores it.
	d.Keys("g", "x")
	tuitest.MustContain(t, d.Screen(), "Restored the feedback of 2026-11-20")
	if f, err := db.Feedback(ctx, top.ID); err != nil || f.Voided() {
		t.Fatalf("after a restore: %+v, %v", f, err)
	}
	if n := nps(); n != before {
		t.Errorf("after a restore %+v, want %+v", n, before)
	}
}
