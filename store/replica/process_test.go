package replica

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

// The helper process: when the test binary runs with CLIENTELE_REPLICA_HELPER
// set, TestHelperProcess does that job instead of testing, so the writer
// and the follower are other processes, as they are for a person: one can
// be killed, and SQLite's locks keep the follower's writes from a reader.
const (
	helperJob  = "CLIENTELE_REPLICA_HELPER"
	helperBook = "CLIENTELE_REPLICA_BOOK"
	helperDest = "CLIENTELE_REPLICA_DEST"
)

func helper(t *testing.T, job, book string, dest Destination) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperJob+"="+job, helperBook+"="+book, helperDest+"="+dest.url())
	cmd.Stderr = os.Stderr
	return cmd
}

// TestHelperProcess is not a test: it is the child the tests below run.
func TestHelperProcess(t *testing.T) {
	job := os.Getenv(helperJob)
	if job == "" {
		return
	}
	dest, err := ParseDestination(os.Getenv(helperDest))
	if err != nil {
		fmt.Printf("error %v\n", err)
		return
	}
	switch job {
	case "write", "final":
		replicateAndWrite(job, os.Getenv(helperBook), dest)
	case "follow":
		follow(os.Getenv(helperBook), dest)
	}
}

// replicateAndWrite opens the book, starts copying it, and (job "write")
// saves customers "write N" one by one, printing "ack N" once each save
// has returned, until it is killed; or (job "final") makes the final copy,
// stops as clientele does, and prints "done".
func replicateAndWrite(job, path string, dest Destination) {
	ctx := context.Background()
	out := bufio.NewWriter(os.Stdout)
	fail := func(err error) { fmt.Fprintf(out, "error %v\n", err); out.Flush() }
	db, err := store.Open(ctx, path)
	if err != nil {
		fail(err)
		return
	}
	r, err := Start(ctx, db, dest, Options{Interval: testInterval, ShutdownTimeout: 5 * time.Second})
	if err != nil {
		fail(err)
		return
	}
	if job == "final" {
		if err := r.Sync(ctx); err != nil {
			fail(err)
			return
		}
		db.Close()
		if err := r.Stop(ctx); err != nil {
			fail(err)
			return
		}
		fmt.Fprintln(out, "done")
		out.Flush()
		return
	}
	n, err := db.CustomerCount(ctx)
	if err != nil {
		fail(err)
		return
	}
	fmt.Fprintln(out, "ready")
	out.Flush()
	for ; ; n++ {
		c := model.Customer{Name: fmt.Sprintf("write %d", n), Stage: model.StageProspect}
		if err := db.CreateCustomer(ctx, &c); err != nil {
			fail(err)
			return
		}
		fmt.Fprintf(out, "ack %d\n", n)
		out.Flush()
	}
}

// follow keeps a followed copy at path until its standard input closes,
// as `clientele follow` does under the TUI.
func follow(path string, dest Destination) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { io.Copy(io.Discard, os.Stdin); cancel() }()
	err := Follow(ctx, dest, path, FollowOptions{Interval: testInterval, Ready: func() { fmt.Println("ready") }})
	if err != nil {
		fmt.Printf("error %v\n", err)
	}
}

// waitLine reads lines from r until one starts with prefix, failing on an
// "error" line or the end.
func waitLine(t *testing.T, sc *bufio.Scanner, prefix string) string {
	t.Helper()
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			t.Fatal(line)
		}
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	t.Fatalf("the helper ended before saying %q", prefix)
	return ""
}

// Killing the writing process while it replicates never leaves copies
// that restore to a damaged or inconsistent book: after each of several
// SIGKILLs a restore checks out (integrity, references, figures) and holds
// the first writes in order with none missing between; once a writer runs
// again and stops as clientele does, a restore holds every write it
// acknowledged.
func TestKilledWhileReplicatingRestoresACheckedBook(t *testing.T) {
	t.Parallel()
	dest, creds := fileDestination(t)
	book := filepath.Join(t.TempDir(), "shop.db")
	acked := -1
	for kill := range 5 {
		cmd := helper(t, "write", book, dest)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		waitLine(t, sc, "ready")
		for range 20 + rand.IntN(60) {
			n, _ := strconv.Atoi(strings.TrimPrefix(waitLine(t, sc, "ack "), "ack "))
			acked = max(acked, n)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		got := names(t, restoreOK(t, dest, creds, time.Time{}))
		if !slices.Equal(got, want(0, len(got))) {
			t.Fatalf("after kill %d the copies restore to %d customers that are not the first writes in order: %v",
				kill+1, len(got), got)
		}
	}
	out, err := helper(t, "final", book, dest).Output()
	if err != nil || !strings.Contains(string(out), "done") {
		t.Fatalf("the final run: %v\n%s", err, out)
	}
	got := names(t, restoreOK(t, dest, creds, time.Time{}))
	if len(got) <= acked || !slices.Equal(got, want(0, len(got))) {
		t.Errorf("after the final copy a restore holds %d customers, want every one of the %d acknowledged, in order",
			len(got), acked+1)
	}
	if local := names(t, book); !slices.Equal(got, local) {
		t.Errorf("the restore holds %d customers, the book %d", len(got), len(local))
	}
}

// A follower in its own process catches up with a writer: every read of
// its copy meanwhile is a whole book (the first writes, in order, none
// missing), and the copy ends holding every write.
func TestFollowerCatchesUpWithAWriter(t *testing.T) {
	t.Parallel()
	dest, creds := fileDestination(t)
	ctx := context.Background()
	db := openBook(t)
	write(t, db, 0, 10)
	r := start(t, db, dest, creds)
	if err := r.Sync(ctx); err != nil {
		t.Fatal(err)
	}

	copyPath := filepath.Join(t.TempDir(), "followed.db")
	cmd := helper(t, "follow", copyPath, dest)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	waitLine(t, bufio.NewScanner(stdout), "ready")
	if _, _, ok := Followed(copyPath); !ok {
		t.Fatal("the follower is ready and its copy says it is not followed")
	}

	ro, err := store.OpenReadOnly(ctx, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	count := func() []string {
		cs, err := ro.CustomerNames(ctx)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(cs, func(a, b model.CustomerName) int { return int(a.ID - b.ID) })
		var got []string
		for _, c := range cs {
			got = append(got, c.Name)
		}
		return got
	}
	if got := count(); !slices.Equal(got, want(0, 10)) {
		t.Fatalf("the followed copy starts with %v, want the 10 written before", got)
	}
	const total = 200
	done := make(chan struct{})
	go func() {
		defer close(done)
		for n := 10; n < total; n += 10 {
			write(t, db, n, n+10)
			time.Sleep(5 * time.Millisecond)
		}
	}()
	deadline := time.Now().Add(30 * time.Second)
	reads := 0
	for {
		got := count()
		reads++
		if !slices.Equal(got, want(0, len(got))) {
			t.Fatalf("read %d of the followed copy is not a whole book: %d customers %v", reads, len(got), got)
		}
		if len(got) == total {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the follower holds %d of %d customers after 30 s", len(got), total)
		}
	}
	<-done
	if _, at, _ := Followed(copyPath); time.Since(at) > time.Minute {
		t.Errorf("Followed says the copy last changed at %v", at)
	}
	stop(t, db, r)
	t.Logf("%d reads while following", reads)
}

// A file that is not a followed copy is refused, never overwritten.
func TestFollowRefusesAnotherFile(t *testing.T) {
	t.Parallel()
	dest, creds := fileDestination(t)
	path := filepath.Join(t.TempDir(), "book.db")
	writeFile(t, path, "the owner's book")
	err := Follow(context.Background(), dest, path, FollowOptions{Credentials: creds})
	if err == nil || !strings.Contains(err.Error(), "not a followed copy") {
		t.Errorf("Follow into an existing file: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "the owner's book" {
		t.Errorf("the file now holds %q", b)
	}
}
