// Package storetest gives tests a new, empty book quickly. Making a book's
// schema runs every migration and writes the file several times over
// (about 60 CPU-ms and 150 ms of waiting for the disk each); the suite
// makes hundreds. Here the empty book of this build's schema is made once,
// kept in the temporary folder under a name that changes with the schema
// (demo.KeptBook, as the benchmark books are), and each test's book is a
// copy of it. Tests of making and upgrading a schema open their files with
// store.Open as before. Only tests import it.
package storetest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"clientele/store"
	"clientele/store/demo"
)

// emptyBook is the empty book's bytes, read once per test binary.
var emptyBook = sync.OnceValues(func() ([]byte, error) {
	path, err := demo.KeptBook(context.Background(), "clientele-empty-"+store.SchemaID()+".db", nil)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(path)
})

// NewBook writes a new empty book named name in t's temporary folder and
// returns its path; store.Open opens it as any book of this schema.
func NewBook(t testing.TB, name string) string {
	t.Helper()
	image, err := emptyBook()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, image, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
