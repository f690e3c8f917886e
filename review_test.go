package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

func TestReviewCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer, Channel: model.ChannelPhone, Phone: "555-0142",
		Values: []string{"speed"}, NextReview: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	db.Close()

	run := func(args ...string) string {
		t.Helper()
		var out bytes.Buffer
		cmd := rootCmd()
		cmd.SetOut(&out)
		cmd.SetArgs(append([]string{"review", "--db", path}, args...))
		if err := cmd.ExecuteContext(ctx); err != nil {
			t.Fatal(err)
		}
		dbFlag = ""
		return out.String()
	}
	text := run("--date", "2026-11-23")
	for _, want := range []string{"Review for 2026-11-23: 1 due, 0 done today", "1. Ada (customer) · call 555-0142",
		"- follow-up was due 3 days ago (2026-11-20)", "values: speed"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if text := run("--date", "2026-11-19"); !strings.Contains(text, "0 due") {
		t.Errorf("before the follow-up:\n%s", text)
	}
	var got struct {
		Due     int
		Entries []struct {
			Name    string
			Contact string
			Reasons []struct{ Kind, Text string }
		}
	}
	if err := json.Unmarshal([]byte(run("--date", "2026-11-23", "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	if got.Due != 1 || got.Entries[0].Contact != "call 555-0142" || got.Entries[0].Reasons[0].Kind != "follow-up" {
		t.Errorf("json %+v", got)
	}
}
