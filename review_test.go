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

// The list holds the daily size from the settings, or --limit; the header
// says how many more are due; --all lists them all.
func TestReviewCommandLimits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Ada", "Ben", "Cy", "Di"} {
		c := model.Customer{Name: name, Stage: model.StageCustomer,
			NextReview: time.Date(2026, 11, 20-i, 0, 0, 0, 0, time.UTC)} // Di is the latest
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	s, _ := db.Settings(ctx)
	s.ReviewSize = 3
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	db.Close()
	run := func(args ...string) (string, error) {
		t.Helper()
		var out bytes.Buffer
		cmd := rootCmd()
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs(append([]string{"review", "--db", path, "--date", "2026-11-23"}, args...))
		err := cmd.ExecuteContext(ctx)
		dbFlag = ""
		return out.String(), err
	}
	for _, tc := range []struct {
		args []string
		want []string
		not  string
	}{
		{nil, []string{"3 due, 0 done today; 1 more due (--all lists them)", "1. Di", "3. Ben"}, "Ada"},
		{[]string{"--limit", "1"}, []string{"1 due, 0 done today; 3 more due", "1. Di"}, "Cy"},
		{[]string{"--all"}, []string{"4 due, 0 done today\n", "4. Ada"}, "more due"},
	} {
		out, err := run(tc.args...)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: lacks %q:\n%s", tc.args, w, out)
			}
		}
		if strings.Contains(out, tc.not) {
			t.Errorf("%v: has %q:\n%s", tc.args, tc.not, out)
		}
	}
	out, err := run("--limit", "2", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Due, More int
		MoreExact bool `json:"more_exact"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Due != 2 || got.More != 2 || !got.MoreExact {
		t.Errorf("json %+v (%v):\n%s", got, err, out)
	}
	if _, err := run("--all", "--limit", "2"); err == nil || !strings.Contains(err.Error(), "choose one") {
		t.Errorf("--all with --limit: %v", err)
	}
}
