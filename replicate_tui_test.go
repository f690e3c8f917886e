package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"clientele/model"
	"clientele/store"
	"clientele/store/replica"
)

// ptyTerm is the binary's interface in a pseudo-terminal of 80x24, as a
// person runs it.
type ptyTerm struct {
	t      *testing.T
	cmd    *exec.Cmd
	ptmx   *os.File
	out    *ptyOutput
	exited chan error
}

// startTerm runs bin with args in a new pseudo-terminal; the test's end
// kills what is still running.
func startTerm(t *testing.T, bin string, args ...string) *ptyTerm {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	m := &ptyTerm{t: t, cmd: cmd, ptmx: ptmx, out: readPTY(ptmx), exited: make(chan error, 1)}
	go func() { m.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-m.exited
		m.exited <- nil
		ptmx.Close()
	})
	return m
}

// quiet waits until the interface has written nothing for a moment.
func (m *ptyTerm) quiet() {
	for last, start := m.out.len(), time.Now(); time.Since(start) < 5*time.Second; {
		time.Sleep(150 * time.Millisecond)
		n := m.out.len()
		if n == last {
			return
		}
		last = n
	}
}

// screen is what the interface shows now, styling stripped: a change of
// the terminal's width and back makes Bubble Tea draw the whole screen
// again (it otherwise writes only the cells that changed). A resize is
// no key: it reads nothing from the book.
func (m *ptyTerm) screen() string {
	m.t.Helper()
	for _, cols := range []uint16{81, 80} {
		at := m.out.len()
		if err := pty.Setsize(m.ptmx, &pty.Winsize{Rows: 24, Cols: cols}); err != nil {
			m.t.Fatal(err)
		}
		m.quiet()
		if cols == 80 {
			return ansi.Strip(m.out.since(at))
		}
	}
	return ""
}

// waitScreen waits until the screen holds every fragment (white space
// aside), with no key pressed, and returns it.
func (m *ptyTerm) waitScreen(what string, fragments ...string) string {
	m.t.Helper()
	// Long paths wrap where the screen's width falls: compare without
	// white space.
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	var s string
	for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(300 * time.Millisecond) {
		s = m.screen()
		if !slices.ContainsFunc(fragments, func(f string) bool { return !strings.Contains(squash(s), squash(f)) }) {
			return s
		}
	}
	m.t.Fatalf("%s: the screen never showed %q:\n%s", what, fragments, s)
	return ""
}

// keys types into the interface.
func (m *ptyTerm) keys(s string) {
	m.t.Helper()
	if _, err := m.ptmx.Write([]byte(s)); err != nil {
		m.t.Fatal(err)
	}
	m.quiet()
}

// quit presses q and returns what the interface ended with and wrote.
func (m *ptyTerm) quit() (string, error) {
	m.t.Helper()
	at := m.out.len()
	m.ptmx.Write([]byte("q"))
	select {
	case err := <-m.exited:
		m.exited <- err
		time.Sleep(100 * time.Millisecond) // what it wrote as it ended
		return ansi.Strip(m.out.since(at)), err
	case <-time.After(30 * time.Second):
		m.t.Fatal("q did not end the interface")
		return "", nil
	}
}

// newBook writes a book holding one customer, whose settings name to as
// where to copy it ("" for nowhere).
func newBook(t *testing.T, path, to string) {
	t.Helper()
	addCustomer(t, path, "Ada Primary")
	if to == "" {
		return
	}
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.ReplicateTo = to
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
}

// currentAs finds "current as of HH:MM" on a screen.
var currentAs = regexp.MustCompile(`current\s*as\s*of\s*(\d\d:\d\d)`)

// The second machine as a person uses it: the writing machine replicates
// to a folder (clientele replicate), `clientele --follow` opens the
// interface on a copy kept current, and a customer the writing machine
// adds appears on the follower's screen with no key pressed; the
// condition line says how current the copy is, as the follower's -txid
// file says.
func TestTheFollowedInterfaceShowsWhatTheWriterWritesWithNoKey(t *testing.T) {
	t.Parallel() // the binary only: no package variable
	bin := buildBinary(t)
	dir := t.TempDir()
	book, copyPath := filepath.Join(dir, "shop.db"), filepath.Join(dir, "laptop", "followed.db")
	to := "file://" + filepath.Join(dir, "copies")
	newBook(t, book, "")

	writer := startBin(t, bin, "replicate", "--db", book, "--to", to)
	writer.waitFor(t, "ctrl+c stops")

	m := startTerm(t, bin, "--follow", to, "--db", copyPath)
	m.waitScreen("the followed copy", "Followed", "current as of")
	m.keys("2")
	m.waitScreen("the Customers tab", "Ada Primary", "1 customer ·")

	addCustomer(t, book, "Bruno Okafor")
	s := m.waitScreen("the writing machine's new customer", "Okafor", "2 customers ·")
	_, at, ok := replica.Followed(copyPath)
	got := currentAs.FindStringSubmatch(s)
	if !ok || got == nil {
		t.Fatalf("followed %v; the screen says no \"current as of\":\n%s", ok, s)
	}
	// The follower moves its time on every second; the screen shows it
	// within a second or two.
	if want, early := at.Format("15:04"), at.Add(-5*time.Second).Format("15:04"); got[1] != want && got[1] != early {
		t.Errorf("the screen says current as of %s; the copy says %s", got[1], want)
	}
	if out, err := m.quit(); err != nil {
		t.Errorf("q ended the followed interface with %v:\n%s", err, out)
	}
}

// The interface copies the book while it is open, to the destination
// its settings name (the real engine, in the binary): Settings says when
// the last copy was made; a question saved with a key reaches the
// destination, and a restore from it holds it. A destination that cannot
// be written is said in Settings at once, and on quitting the interface
// says the last changes may not have reached it.
func TestTheInterfaceCopiesWhileOpenAndTheCopyRestores(t *testing.T) {
	t.Parallel() // the binary only: no package variable
	bin := buildBinary(t)
	t.Run("a folder", func(t *testing.T) {
		dir := t.TempDir()
		book := filepath.Join(dir, "shop.db")
		to := "file://" + filepath.Join(dir, "copies")
		newBook(t, book, to)
		m := startTerm(t, bin, "--db", book)
		m.keys("7")
		m.waitScreen("Settings' Copies row", "to "+to, "last copy")
		m.keys("a")
		m.keys("Would Okafor soap win you back?\r")
		// At 80x24 the list shows a question or two: down to the last.
		m.keys("\x1b[B\x1b[B\x1b[B")
		m.waitScreen("the question saved", "Would Okafor soap win you back?")
		if out, err := m.quit(); err != nil {
			t.Fatalf("q ended the interface with %v:\n%s", err, out)
		}

		restored := filepath.Join(dir, "restored.db")
		if out, err := exec.Command(bin, "restore", "--from", to, "--db", restored).CombinedOutput(); err != nil ||
			!strings.Contains(string(out), "the book checks out") {
			t.Fatalf("restore: %v\n%s", err, out)
		}
		db, err := store.OpenExisting(context.Background(), restored)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		qs, err := db.SavedQuestions(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(qs, func(q model.SavedQuestion) bool { return q.Text == "Would Okafor soap win you back?" }) {
			t.Errorf("the restored book's questions are %v, without the one saved while copying", qs)
		}
		if n, err := db.CustomerCount(context.Background()); err != nil || n != 1 {
			t.Errorf("the restored book holds %d customers, %v; want 1", n, err)
		}
	})
	t.Run("a destination that cannot be written", func(t *testing.T) {
		dir := t.TempDir()
		book := filepath.Join(dir, "shop.db")
		blocker := filepath.Join(dir, "not-a-folder")
		if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		to := "file://" + filepath.Join(blocker, "copies")
		newBook(t, book, to)
		m := startTerm(t, bin, "--db", book)
		m.keys("7")
		m.waitScreen("Settings' Copies row", "to "+to, "failing since")
		out, err := m.quit()
		if !strings.Contains(strings.Join(strings.Fields(out), " "), "may not have reached") {
			t.Errorf("quitting said nothing of the copies that failed (%v):\n%s", err, out)
		}
		if _, exited := err.(*exec.ExitError); !exited {
			t.Errorf("quitting with copies that failed ended with %v, want a non-zero exit", err)
		}
	})
}
