package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"clientele/model"
	"clientele/store"
)

// runCmd runs the command line args and returns what it printed.
func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	cmd := rootCmd()
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	dbFlag = ""
	return out.String(), err
}

func TestBackupAndCheckCommands(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	// The TUI stays open on the file while the backup runs.
	defer db.Close()

	out, err := runCmd(t, "backup", "--db", path, filepath.Join(dir, "copy.db"))
	if err != nil || !strings.Contains(out, "Backed up 1 customers, 0 orders to "+filepath.Join(dir, "copy.db")) {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "backup", "--db", path, filepath.Join(dir, "copy.db")); err == nil ||
		!strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second backup to the same name: %v", err)
	}
	out, err = runCmd(t, "backup", "--db", path, dir)
	if err != nil || !strings.Contains(out, filepath.Join(dir, "clientele-")) {
		t.Errorf("backup into a folder: %v\n%s", err, out)
	}

	out, err = runCmd(t, "check", "--db", filepath.Join(dir, "copy.db"))
	if err != nil || !strings.Contains(out, "ok    integrity") || !strings.Contains(out, "All is well.") {
		t.Errorf("check of the copy: %v\n%s", err, out)
	}

	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec("UPDATE customers SET revenue = 99")
	raw.Close()
	out, err = runCmd(t, "check", "--db", path)
	if !errors.Is(err, errCheckFailed) || !strings.Contains(out, "FAIL  figures: 1 customers'") {
		t.Errorf("check of wrong figures: %v\n%s", err, out)
	}
	out, err = runCmd(t, "check", "--db", path, "--fix")
	if err != nil || !strings.Contains(out, "Recomputed the figures of 1 customers.") || !strings.Contains(out, "All is well.") {
		t.Errorf("check --fix: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "check", "--db", filepath.Join(dir, "missing.db")); err == nil {
		t.Error("check of a missing file passed")
	}
}
