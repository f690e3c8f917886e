package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

func TestExportFeedbackCommand(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	f := model.Feedback{On: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Kind: model.FeedbackWish,
		Question: model.WishQuestion, Answer: "=1+1"}
	if err := db.CreateFeedback(ctx, &f); err != nil {
		t.Fatal(err)
	}
	db.Close()

	run := func(args ...string) (string, error) {
		t.Helper()
		var out bytes.Buffer
		cmd := rootCmd()
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs(append([]string{"export", "feedback", "--db", path}, args...))
		err := cmd.ExecuteContext(ctx)
		dbFlag = ""
		return out.String(), err
	}
	out, err := run()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][6] != "'=1+1" {
		t.Fatalf("csv %q, %v", recs, err)
	}
	md := filepath.Join(dir, "log.md")
	if _, err := run("--out", md); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(md); !strings.HasPrefix(string(b), "# Feedback log") {
		t.Errorf("--out log.md wrote %q", b)
	}
	if _, err := run("--format", "xml"); err == nil || !strings.Contains(err.Error(), "use csv or md") {
		t.Errorf("--format xml: %v", err)
	}
}
