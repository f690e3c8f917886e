package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"clientele/model"
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

// started is a command of the binary running in the background, its
// output kept.
type started struct {
	cmd *exec.Cmd
	out *syncBuffer
}

// startBin runs bin with args in the background until stop, or the
// test's end.
func startBin(t *testing.T, bin string, args ...string) *started {
	t.Helper()
	s := &started{cmd: exec.Command(bin, args...), out: &syncBuffer{}}
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.cmd.Process.Kill(); s.cmd.Wait() })
	return s
}

// waitFor waits until the command has printed s.
func (s *started) waitFor(t *testing.T, what string) {
	t.Helper()
	for start := time.Now(); !strings.Contains(s.out.String(), what); time.Sleep(20 * time.Millisecond) {
		if time.Since(start) > 20*time.Second {
			t.Fatalf("%v never printed %q:\n%s", s.cmd.Args[1:], what, s.out.String())
		}
	}
}

// stop interrupts the command (ctrl+c) and returns what it printed.
func (s *started) stop(t *testing.T) string {
	t.Helper()
	s.cmd.Process.Signal(os.Interrupt)
	if err := s.cmd.Wait(); err != nil {
		t.Errorf("%v ended with %v:\n%s", s.cmd.Args[1:], err, s.out.String())
	}
	return s.out.String()
}

// addCustomer writes a customer into the book at path, as the
// interface would.
func addCustomer(t *testing.T, path, name string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := model.Customer{Name: name, Stage: model.StageProspect}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
}

// waitCustomers waits until the followed copy at path holds n
// customers, read as the interface reads it.
func waitCustomers(t *testing.T, path string, n int, what string) {
	t.Helper()
	got, err := -1, error(nil)
	for start := time.Now(); time.Since(start) < 20*time.Second; time.Sleep(100 * time.Millisecond) {
		var ro *store.DB
		if ro, err = store.OpenReadOnly(context.Background(), path); err != nil {
			continue
		}
		got, err = ro.CustomerCount(context.Background())
		ro.Close()
		if got == n {
			return
		}
	}
	t.Fatalf("%s: the followed copy holds %d customers (%v), want %d", what, got, err, n)
}

// Moving the writing role, as README's three steps say, through the
// commands: the old writer's replicate stops with a final copy, the new
// writer restores and replicates to the same destination; a follower
// running all along carries on across the hand-over, one started after
// sees every write, and a restore drill holds both machines' work.
func TestTheHandOverREADMEDescribes(t *testing.T) {
	t.Parallel() // the binary only: no package variable
	bin := buildBinary(t)
	dir := t.TempDir()
	desktop, laptop := filepath.Join(dir, "desktop.db"), filepath.Join(dir, "laptop.db")
	followed := filepath.Join(dir, "stall", "followed.db")
	to := "file://" + filepath.Join(dir, "copies")
	newBook(t, desktop, "")

	old := startBin(t, bin, "replicate", "--db", desktop, "--to", to)
	old.waitFor(t, "ctrl+c stops")
	follower := startBin(t, bin, "follow", "--from", to, "--db", followed)
	follower.waitFor(t, "Following")
	addCustomer(t, desktop, "Written on the desktop")
	waitCustomers(t, followed, 2, "before the hand-over")

	// 1. On the old writer: stop replicate; its final copy holds every change.
	if out := old.stop(t); !strings.Contains(out, "holds every change made to "+desktop) {
		t.Fatalf("the old writer's replicate did not say its final copy holds every change:\n%s", out)
	}
	// 2. On the new writer: restore, checked, into a new file.
	if out, err := exec.Command(bin, "restore", "--from", to, "--db", laptop).CombinedOutput(); err != nil ||
		!strings.Contains(string(out), "2 customers") || !strings.Contains(string(out), "the book checks out") {
		t.Fatalf("restore on the new writer: %v\n%s", err, out)
	}
	// 3. On the new writer: replicate to the same destination, and work.
	replacement := startBin(t, bin, "replicate", "--db", laptop, "--to", to)
	replacement.waitFor(t, "ctrl+c stops")
	addCustomer(t, laptop, "Written on the laptop")
	waitCustomers(t, followed, 3, "the follower that ran across the hand-over")
	addCustomer(t, laptop, "Written on the laptop again")
	waitCustomers(t, followed, 4, "the follower that ran across the hand-over")
	later := filepath.Join(dir, "later.db")
	late := startBin(t, bin, "follow", "--from", to, "--db", later)
	late.waitFor(t, "Following")
	waitCustomers(t, later, 4, "a follower started after the hand-over")
	late.stop(t)
	follower.stop(t)
	if out := replacement.stop(t); !strings.Contains(out, "holds every change made to "+laptop) {
		t.Errorf("the new writer's replicate did not say its final copy holds every change:\n%s", out)
	}

	if rep, err := store.Check(context.Background(), followed); err != nil || !rep.OK() || rep.Customers != 4 {
		t.Errorf("the copy followed across the hand-over: %v\n%s", err, rep)
	}
	drill := filepath.Join(dir, "drill.db")
	if out, err := exec.Command(bin, "restore", "--from", to, "--db", drill).CombinedOutput(); err != nil ||
		!strings.Contains(string(out), "4 customers") {
		t.Errorf("the restore drill after the hand-over: %v\n%s", err, out)
	}
}
