package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"clientele/store"
	"clientele/store/replica"
)

// syncBuffer is a bytes.Buffer a command may write while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runUntil runs a command line that runs until interrupted, interrupts it
// once until(output) holds (or after 20 s), and returns what it printed.
func runUntil(t *testing.T, until func(string) bool, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	cmd := rootCmd()
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	deadline := time.After(20 * time.Second)
	for !until(out.String()) {
		select {
		case err := <-done:
			dbFlag = ""
			return out.String(), err
		case <-deadline:
			t.Errorf("%v: still waiting after 20 s", args)
			cancel()
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	err := <-done
	dbFlag = ""
	return out.String(), err
}

// The three commands as a person runs them: replicate to the destination
// in the book's settings, restore (checked, never over a file, at a time),
// and follow.
func TestReplicateRestoreAndFollowCommands(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "shop.db")
	if _, err := runCmd(t, "demo", "--db", book, "--customers", "40"); err != nil {
		t.Fatal(err)
	}
	to := "file://" + filepath.Join(dir, "copies")
	db, err := store.Open(context.Background(), book)
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.ReplicateTo = to
	if err := db.SaveSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	db.Close()

	out, err := runUntil(t, func(out string) bool { return strings.Contains(out, "ctrl+c stops") },
		"replicate", "--db", book)
	if err != nil || !strings.Contains(out, "Copying "+book+" to "+to) || !strings.Contains(out, "Stopped.") {
		t.Fatalf("replicate: %v\n%s", err, out)
	}

	restored := filepath.Join(dir, "restored.db")
	out, err = runCmd(t, "restore", "--from", to, "--db", restored)
	if err != nil || !strings.Contains(out, "40 customers") || !strings.Contains(out, "the book checks out") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "check", "--db", restored); err != nil {
		t.Errorf("check of the restored book: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "restore", "--from", to, "--db", restored); err == nil ||
		!strings.Contains(err.Error(), "already exists") {
		t.Errorf("restore over the restored book: %v", err)
	}
	if _, err := runCmd(t, "restore", "--from", to, "--db", filepath.Join(dir, "x.db"), "--at", "yesterday"); err == nil ||
		!strings.Contains(err.Error(), "--at") {
		t.Errorf("restore --at yesterday: %v", err)
	}
	if _, err := runCmd(t, "replicate", "--db", book, "--to", "ftp://nas/books"); err == nil {
		t.Error("replicate to ftp:// succeeded")
	}

	copyPath := filepath.Join(dir, "followed.db")
	out, err = runUntil(t, func(string) bool { _, _, ok := replica.Followed(copyPath); return ok },
		"follow", "--from", to, "--db", copyPath)
	if err != nil || !strings.Contains(out, "Following "+to+" into "+copyPath) {
		t.Fatalf("follow: %v\n%s", err, out)
	}
	ro, err := store.OpenReadOnly(context.Background(), copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if n, err := ro.CustomerCount(context.Background()); err != nil || n != 40 {
		t.Errorf("the followed copy holds %d customers, %v; want 40", n, err)
	}
	if _, err := os.Stat(book + "-litestream"); err == nil {
		t.Error("Litestream's folder is not hidden beside the book")
	}
}
