package complaints_test

import (
	"context"
	"testing"

	"clientele/model"
	"clientele/tui"
	"clientele/tui/tuitest"
)

// M on a complaint writes the complaint check-in to its customer: Ben
// prefers a call, so it is copied as talking points and logged by phone.
func TestMessageFromAComplaint(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	ctx := context.Background()
	c := model.Complaint{OpenedOn: tuitest.MustDay(t, "2026-11-20"), CustomerID: ids["Ben Okafor"],
		Category: model.ComplaintOther, WhatWentWrong: "The box arrived crushed"}
	if err := db.CreateComplaint(ctx, &c); err != nil {
		t.Fatal(err)
	}
	fd := tuitest.NewDesktop(t, "")
	d := tuitest.Start(t, tui.New(db, tui.Options{Now: tuitest.Clock, Desktop: fd.Desktop}), 80, 24)
	d.Keys("5")
	tuitest.MustContain(t, d.Screen(), "The box arrived …", "M message")
	d.Keys("M")
	tuitest.MustContain(t, d.Screen(), "Message to Ben Okafor", "template  ← Complaint check-in →",
		"by        phone · copied to the clipboard", "sorry again about the trouble with your order")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "Complaint check-in: copied with xclip, logged by phone.")
	tl, err := db.Timeline(ctx, ids["Ben Okafor"], 10)
	if err != nil || len(tl) == 0 || tl[0].Summary != "phone: Complaint check-in" {
		t.Fatalf("Ben's timeline: %+v (%v)", tl, err)
	}
	if len(fd.Copied) != 1 {
		t.Fatalf("copied %q", fd.Copied)
	}
}
