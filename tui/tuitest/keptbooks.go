package tuitest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"clientele/store"
	"clientele/store/storetest"
)

// keptBooks are the fixture books this test binary has made, by name.
// A fixture is made once (its fill run on a new book, as storetest
// copies the empty book) and every test that asks for it opens a copy of
// the file: the TUI's tests ask for a fixture some two hundred times, and
// loading one cost more than the test that used it. A fixture is written
// on the tests' fixed clock and seeded, so a copy is the book fill
// would make again. Kept in memory, not in the temporary folder: a
// fixture changes with the code that fills it, not with the schema.
var keptBooks sync.Map // name → *keptBook

type keptBook struct {
	once  sync.Once
	image []byte  // the file, closed (its WAL checkpointed into it)
	ids   []int64 // what fill returned
}

// bookName is the file name of every test's book (the Settings screen
// shows it).
const bookName = "tui.db"

// copyOf opens a copy of the fixture book name, which fill makes on an
// empty book the first time a test of this binary asks for it, and
// returns it with the ids fill returned.
func copyOf(t testing.TB, name string, fill func(t testing.TB, db *store.DB) []int64) (*store.DB, []int64) {
	t.Helper()
	v, _ := keptBooks.LoadOrStore(name, &keptBook{})
	k := v.(*keptBook)
	k.once.Do(func() {
		path := storetest.NewBook(t, bookName)
		db := openAt(t, path)
		ids := fill(t, db)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		image, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		k.image, k.ids = image, ids
	})
	if k.image == nil {
		t.Fatalf("the fixture book %s could not be made: see the first test that asked for it", name)
	}
	path := filepath.Join(t.TempDir(), bookName)
	if err := os.WriteFile(path, k.image, 0o600); err != nil {
		t.Fatal(err)
	}
	db := openAt(t, path)
	t.Cleanup(func() { db.Close() })
	return db, slices.Clone(k.ids)
}

// openAt opens the book at path on the tests' clock.
func openAt(t testing.TB, path string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = Clock
	return db
}
