package tui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"clientele/tui/kit"
	"clientele/tui/tuitest"
)

// fakeCopier is a Copier that copies nowhere: it records where it was
// told to copy, and says what the test sets.
type fakeCopier struct {
	mu     sync.Mutex
	to     []string
	status kit.Copies
}

func (c *fakeCopier) CopyTo(dest string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.to = append(c.to, dest)
	c.status.Destination = dest
	return nil
}

func (c *fakeCopier) Status() kit.Copies {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.status
}

func (c *fakeCopier) set(f func(*kit.Copies)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(&c.status)
}

// The interface copies the book to the destination its settings name
// from the start, and to a new one as soon as Settings saves it; Settings
// shows where and when the last copy was made; copying that has failed for
// a minute is said on its own line on every screen, and a shorter failure
// only in Settings.
func TestCopiesFollowTheSettingsAndSayWhenTheyFail(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.ReplicateTo = "file:///srv/copies/shop"
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	c := &fakeCopier{}
	d := newDriverWith(t, db, 100, 30, Options{Now: tuitest.Clock, Copier: c})
	if strings.Join(c.to, " ") != "file:///srv/copies/shop" {
		t.Fatalf("at start the copier was told %q", c.to)
	}
	now := tuitest.Now
	c.set(func(st *kit.Copies) { st.LastCopy = now.Add(-90 * time.Second) })
	d.Send(copiesTickMsg{})
	d.Keys("7")
	tuitest.MustContain(t, d.Screen(), "Copies", "to file:///srv/copies/shop · last copy "+
		now.Add(-90*time.Second).Format("15:04:05"))

	// Failing for half a minute: Settings says so, no other screen does.
	c.set(func(st *kit.Copies) {
		st.Err, st.FailingSince = errors.New("the folder is gone"), now.Add(-30*time.Second)
	})
	d.Send(copiesTickMsg{})
	tuitest.MustContain(t, d.Screen(), "failing since "+now.Add(-30*time.Second).Format("15:04:05")+
		": the folder is gone")
	tuitest.MustLack(t, d.Screen(), "Copying to")
	// Failing for two minutes: every screen says so.
	c.set(func(st *kit.Copies) { st.FailingSince = now.Add(-2 * time.Minute) })
	d.Send(copiesTickMsg{})
	d.Keys("2")
	tuitest.MustContain(t, d.Screen(), "Copying to file:///srv/copies/shop has failed since "+
		now.Add(-2*time.Minute).Format("15:04")+": the folder is gone")
	// Working again: the line goes.
	c.set(func(st *kit.Copies) { st.Err, st.FailingSince, st.LastCopy = nil, time.Time{}, now })
	d.Send(copiesTickMsg{})
	tuitest.MustLack(t, d.Screen(), "Copying to")

	// A new destination in the form: copying moves there once it is saved.
	d.Keys("7", "e")
	for range 40 {
		if strings.Contains(d.Screen(), "Replicate to") {
			break
		}
		d.Keys("enter")
	}
	tuitest.MustContain(t, d.Screen(), "Replicate to")
	for range len("file:///srv/copies/shop") {
		d.Keys("backspace")
	}
	d.Keys("sftp://me@nas.local/books", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Settings saved.")
	if got := strings.Join(c.to, " "); got != "file:///srv/copies/shop sftp://me@nas.local/books" {
		t.Errorf("after the save the copier was told %q", got)
	}
	if s, _ := db.Settings(ctx); s.ReplicateTo != "sftp://me@nas.local/books" {
		t.Errorf("the settings hold %q", s.ReplicateTo)
	}
}

// A password in the destination is refused beside the field: the
// settings are copied with the book.
func TestTheDestinationNeverHoldsAPassword(t *testing.T) {
	t.Parallel()
	d := newDriverWith(t, tuitest.FixtureStore(t), 100, 30, Options{Now: tuitest.Clock, Copier: &fakeCopier{}})
	d.Keys("7", "e")
	for range 40 {
		if strings.Contains(d.Screen(), "Replicate to") {
			break
		}
		d.Keys("enter")
	}
	d.Keys("webdavs://me:secret@dav.example.com/books", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "password")
	tuitest.MustLack(t, d.Screen(), "Settings saved.")
}
