package tui

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/store"
	"clientele/tui/kit"
	"clientele/tui/tuitest"
)

// keyPress is the key press a binding's key name stands for ("a",
// "ctrl+s", "pgdown", "space"); ok is false for a name it does not know.
func keyPress(name string) (tea.KeyPressMsg, bool) {
	if k, ok := tuitest.NamedKeys[name]; ok {
		return k, true
	}
	if r, n := utf8.DecodeRuneInString(name); n == len(name) {
		return tea.KeyPressMsg{Code: r, Text: name}, true
	}
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok && utf8.RuneCountInString(rest) == 1 {
		r, _ := utf8.DecodeRuneInString(rest)
		return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl}, true
	}
	if rest, ok := strings.CutPrefix(name, "alt+"); ok && utf8.RuneCountInString(rest) == 1 {
		r, _ := utf8.DecodeRuneInString(rest)
		return tea.KeyPressMsg{Code: r, Mod: tea.ModAlt}, true
	}
	switch name {
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}, true
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}, true
	}
	return tea.KeyPressMsg{}, false
}

// keysOf lists every key the screen on top and the app's own bindings
// answer, each once (quitting and suspending aside).
func keysOf(d *driver) []string {
	groups := d.app.top().FullHelp()
	k := d.app.keys
	groups = append(groups, []key.Binding{k.Help, k.Back, k.NextTab, k.PrevTab, k.Settings, k.Undo, k.Redo})
	seen := map[string]bool{}
	var out []string
	for _, g := range groups {
		for _, b := range g {
			for _, name := range b.Keys() {
				if !seen[name] {
					seen[name] = true
					out = append(out, name)
				}
			}
		}
	}
	return out
}

// lockedBook is a writable book the interface is told it cannot write
// (as a followed copy or a read-only file says at open): a write the
// guard lets through reaches the file, and dataVersion sees it.
type lockedBook struct {
	model.Store
	locked error
}

func (b lockedBook) ReadOnly() error { return b.locked }

// dataVersion returns a function that reports how often another
// connection has committed to the file at path since the first call.
func dataVersion(t testing.TB, path string) func() int64 {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	read := func() int64 {
		var v int64
		if err := conn.QueryRowContext(context.Background(), "PRAGMA data_version").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	first := read()
	return func() int64 { return read() - first }
}

// lockedScreens are the screens whose every key is pressed on a book that
// cannot be written: each tab and the views and screens that hold keys
// that write (the keys themselves are read from the screens' help, so a
// key added later is pressed too).
var lockedScreens = [][]string{
	{"1"}, {"2"}, {"2", "enter"}, {"2", "O"}, {"3"}, {"3", "b"}, {"3", "v", "v"}, {"3", "v", "v", "v", "v"},
	{"4"}, {"4", "v"}, {"4", "v", "v"}, {"5"}, {"5", "enter"}, {"6"}, {"7"},
}

// On a book that cannot be written (the interface is told it is a
// followed copy) every key of every screen that holds a key that writes is
// pressed, then some text and enter for what it may have opened: nothing
// reaches the file, no form that writes opens, and the keys that would
// write say why they do not, naming where the book is written.
func TestEveryWriteKeyRefusesOnABookThatCannotBeWritten(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		db   func(t testing.TB) *store.DB
		want []string // keys each refused somewhere
	}{
		{"fixture", tuitest.FixtureStore, []string{"a", "e", "x", "d", "s", "o", "r", "c", "f", "C", "n", "F", "S",
			"l", "p", "u", "R", "m", "U", "ctrl+z", "ctrl+y"}},
		{"welcome", tuitest.OpenStore, []string{"d", "a", "i", "u", "ctrl+z"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			db := c.db(t)
			changes := dataVersion(t, db.Path())
			book := lockedBook{Store: db, locked: &store.ReadOnlyError{Path: db.Path(), Reason: "it is a followed copy"}}
			start := func(t testing.TB) *driver {
				return newDriverWith(t, book, 100, 30, Options{Now: tuitest.Clock, FollowedFrom: "sftp://me@nas.local/books/shop"})
			}
			var mu sync.Mutex
			refused := map[string]bool{}
			t.Run("screens", func(t *testing.T) {
				for _, path := range lockedScreens {
					t.Run(strings.Join(path, " "), func(t *testing.T) {
						t.Parallel()
						d := start(t)
						d.Keys(path...)
						at := screenID(d)
						for _, name := range keysOf(d) {
							k, ok := keyPress(name)
							if !ok {
								t.Errorf("no key press for %q", name)
								continue
							}
							d := start(t)
							d.Keys(path...)
							if screenID(d) != at {
								continue
							}
							before := changes()
							d.Send(k)
							if strings.Contains(d.app.status, "followed from sftp://me@nas.local/books/shop: read-only here; "+
								"it is written on the machine that replicates it") {
								mu.Lock()
								refused[name] = true
								mu.Unlock()
							}
							if kit.WritesBook(d.app.top()) {
								t.Errorf("%s opened %s on a book that cannot be written", name, d.app.top().Title())
							}
							d.Keys("Q", "enter")
							if changes() != before {
								t.Errorf("%s (then Q enter) wrote to the book", name)
							}
						}
					})
				}
			})
			var missing []string
			for _, k := range c.want {
				if !refused[k] {
					missing = append(missing, k)
				}
			}
			if len(missing) > 0 {
				got := slices.Sorted(func(yield func(string) bool) {
					for k := range refused {
						if !yield(k) {
							return
						}
					}
				})
				t.Errorf("never refused: %v (refused: %v)", missing, got)
			}
		})
	}
}

// A followed copy (opened as clientele --follow opens it) says so on its
// own line on every screen, and a write key says where the book is written
// instead of opening its form.
func TestAFollowedCopySaysSoAndWhereItIsWritten(t *testing.T) {
	t.Parallel()
	db := tuitest.ReadOnly(t, tuitest.FixtureStore(t))
	d := newDriverWith(t, db, 100, 30, Options{Now: tuitest.Clock, FollowedFrom: "sftp://me@nas.local/books/shop"})
	d.Send(tea.WindowSizeMsg{Width: 120, Height: 30})
	d.Keys("2")
	tuitest.MustContain(t, d.Screen(), "Followed from sftp://me@nas.local/books/shop: read-only here; it is written on "+
		"the machine that replicates it")
	d.Keys("a")
	if kit.WritesBook(d.app.top()) {
		t.Fatalf("a opened the customer form on a followed copy")
	}
	tuitest.MustContain(t, d.Screen(), "This book is followed from sftp://me@nas.local/books/shop: read-only here")
	d.Keys("j") // the refusal goes at the next key; the condition stays
	tuitest.MustLack(t, d.Screen(), "This book is followed")
	tuitest.MustContain(t, d.Screen(), "Followed from sftp://me@nas.local/books/shop")
	// At 80 columns the condition still fits on its line.
	d.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	tuitest.MustContain(t, d.Screen(), "Followed from sftp://me@nas.local/books/shop: read-only here\n")
}

// fakeFollower is Options.Followed over a position and a time the test
// sets, as the follower's -txid file would say them.
type fakeFollower struct {
	mu  sync.Mutex
	pos uint64
	at  time.Time
}

func (f *fakeFollower) followed() (uint64, time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.pos, f.at, f.pos > 0
}

func (f *fakeFollower) move(pos uint64, at time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pos, f.at = pos, at
}

// A followed copy says how current it is on its condition line, and when
// the copy moves under it (the writing machine wrote, the follower
// applied it) the screens shown read it again with no key pressed: the
// tick's look at the copy is all it takes. The writes come from another
// connection on the same file, as the follower's do.
func TestAFollowedCopyReloadsWhenItMovesAndSaysHowCurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := tuitest.FixtureStore(t)
	ro, err := store.OpenReadOnly(ctx, w.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	now := tuitest.Now
	f := &fakeFollower{}
	f.move(7, now.Add(-40*time.Second))
	d := newDriverWith(t, ro, 100, 30, Options{Now: tuitest.Clock, FollowedFrom: "file:///srv/copies/shop",
		Followed: f.followed})
	d.Keys("2")
	tuitest.MustContain(t, d.Screen(), "Followed from file:///srv/copies/shop, current as of 09:29: read-only here")
	n, err := ro.CustomerCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tuitest.MustContain(t, d.Screen(), model.Commas(n)+" customers")
	d.Keys("7")
	tuitest.MustContain(t, d.Screen(), "none here: the machine that writes the book copies it")
	d.Keys("2")

	// Nothing moved: the look changes nothing on screen but the time.
	f.move(7, now.Add(-10*time.Second))
	d.Send(followTickMsg{})
	tuitest.MustContain(t, d.Screen(), "current as of 09:29", model.Commas(n)+" customers")
	f.move(7, now)
	d.Send(followTickMsg{})
	tuitest.MustContain(t, d.Screen(), "current as of 09:30", model.Commas(n)+" customers")

	// The writing machine adds a customer; the copy moves.
	c := model.Customer{Name: "Zebedee Followed", Stage: model.StageProspect}
	if err := w.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	s, err := w.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.BusinessName = "Hearth & Lye, followed"
	s.ReplicateTo = "file:///srv/copies/shop"
	if err := w.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	f.move(9, now)
	d.Send(followTickMsg{})
	tuitest.MustContain(t, d.Screen(), "current as of 09:30", model.Commas(n+1)+" customers",
		"Hearth & Lye, followed")
	d.Keys("7")
	tuitest.MustContain(t, d.Screen(), "a followed copy of file:///srv/copies/shop · current as of 09:30 · read-only here",
		"to file:///srv/copies/shop · by the machine that writes the book, not here")
	// The detail under a reload shows what the copy holds now.
	d.Keys("2", "/", "Zebedee", "enter", "enter")
	tuitest.MustContain(t, d.Screen(), "Zebedee Followed")
	c.Email = "zeb@example.org"
	if err := w.UpdateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	f.move(10, now)
	d.Send(followTickMsg{})
	tuitest.MustContain(t, d.Screen(), "zeb@example.org")

	// The follower cannot read the copies: its time stops. Within a
	// minute nothing is said; after it, the line says so.
	f.move(10, now.Add(-50*time.Second))
	d.Send(followTickMsg{})
	tuitest.MustLack(t, d.Screen(), "cannot be read")
	f.move(10, now.Add(-2*time.Minute))
	d.Send(followTickMsg{})
	tuitest.MustContain(t, d.Screen(), "Followed from file:///srv/copies/shop, only current as of 09:28: the copies "+
		"cannot be read")
	d.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	tuitest.MustContain(t, d.Screen(), "Followed copy, only current as of 09:28: the copies cannot be read\n")
}

// A book that opened read-only (a read-only folder or file, a full disk)
// says why on its own line, and a write key says it again in words with
// what still works; nothing is tried.
func TestAReadOnlyBookSaysWhyAndRefusesWrites(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	book := lockedBook{Store: db, locked: &store.ReadOnlyError{Path: db.Path(), Reason: "the disk holding it is full"}}
	d := newDriverWith(t, book, 100, 30, Options{Now: tuitest.Clock})
	d.Keys("2")
	tuitest.MustContain(t, d.Screen(), "Read-only: the disk holding it is full. Reading, exports and backups work")
	d.Keys("a")
	if kit.WritesBook(d.app.top()) {
		t.Fatalf("a opened the customer form on a read-only book")
	}
	tuitest.MustContain(t, d.Screen(), "Nothing can be saved: the disk holding it is full. Reading, exports and backups still work.")
	d.Keys("7")
	tuitest.MustContain(t, d.Screen(), "read-only: the disk holding it is full", "reading, exports and backups work")
}

// A damaged file: once the quick check has run (it starts after the first
// screen), the interface says the file is damaged and how to recover, in
// red on its own line and in full in the status line, and refuses every
// write key; a form opened before the verdict keeps what was typed and
// does not save.
func TestADamagedBookSaysHowToRecoverAndRefusesWrites(t *testing.T) {
	t.Parallel()
	db := tuitest.Damaged(t, tuitest.FixtureStore(t))
	if err := db.Health(context.Background()); !errors.Is(err, model.ErrDamaged) {
		t.Fatalf("the fixture should fail its check: %v", err)
	}
	d := newDriverWith(t, db, 100, 30, Options{Now: tuitest.Clock})
	screen := d.Screen()
	tuitest.MustContain(t, screen, "Damaged file: nothing is saved. Recover: clientele check, your backup, sqlite3 .recover")
	d.Keys("2", "a")
	if kit.WritesBook(d.app.top()) {
		t.Fatalf("a opened the customer form on a damaged book")
	}
	tuitest.MustContain(t, d.Screen(), "The file is damaged, so nothing is saved: recover with clientele check")
	d.Keys("7") // Settings says it in full, with the file's name in the commands
	screen = strings.Join(strings.Fields(d.Screen()), " ")
	tuitest.MustContain(t, screen, "damaged: nothing is saved to it", "clientele check --db "+db.Path(),
		"restore your latest backup", "sqlite3 "+db.Path()+" .recover")
}

// An error goes at the next key (the README says so): a failed save's
// words do not follow the owner onto the next screen or form.
func TestAnErrorGoesAtTheNextKey(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 100, 30)
	d.Keys("2")
	d.Send(kit.ErrMsg{Err: model.ErrDiskFull})
	tuitest.MustContain(t, d.Screen(), "The disk is full: nothing was saved")
	d.Keys("a")
	tuitest.MustLack(t, d.Screen(), "The disk is full")
}
