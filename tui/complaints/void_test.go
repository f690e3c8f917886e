package complaints_test

import (
	"context"
	"testing"

	"clientele/model"
	"clientele/tui/tuitest"
)

// x voids the complaint under the cursor with a reason: it leaves the
// open cases and the analysis, and stays at the bottom, struck, saying
// "void"; X hides and shows it; x on it restores it; e edits as enter does.
func TestTheListVoidsAndRestoresAComplaint(t *testing.T) {
	t.Parallel()
	db := tuitest.FeedbackFixtureStore(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 24)
	d.Keys("5")
	row := tuitest.CursorRow(d.Screen())
	tuitest.MustContain(t, row, "Candle smoked")
	open := func() []model.Complaint {
		t.Helper()
		cs, err := db.ListComplaints(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	before := len(open())
	var id int64
	for _, c := range open() {
		if c.WhatWentWrong == "Candle smoked and blackened the jar" {
			id = c.ID
		}
	}

	d.Keys("x", "entered twice", "enter")
	tuitest.MustContain(t, d.Screen(), "Voided the complaint of 2026-11-19")
	if n := len(open()); n != before-1 {
		t.Errorf("%d complaints listed after a void, want %d", n, before-1)
	}
	voided, err := db.VoidedComplaints(ctx)
	if err != nil || len(voided) != 1 || voided[0].ID != id || voided[0].VoidReason != "entered twice" {
		t.Fatalf("voided complaints: %+v, %v", voided, err)
	}
	d.Keys("G")
	tuitest.MustContain(t, tuitest.CursorRow(d.Screen()), "void 2026-11-23", "Candle smoked")
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "That complaint is voided: x restores it")

	d.Keys("X")
	tuitest.MustLack(t, d.Screen(), "Candle smoked")
	d.Keys("X", "G", "x")
	tuitest.MustContain(t, d.Screen(), "Restored the complaint of 2026-11-19")
	if n := len(open()); n != before {
		t.Errorf("%d complaints listed after a restore, want %d", n, before)
	}
	d.Keys("g", "e")
	tuitest.MustContain(t, d.Screen(), "Complaint #")
}
