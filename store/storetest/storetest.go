// Package storetest gives tests a new, empty book quickly. Making a book's
// schema runs every migration and writes the file several times over
// (about 60 CPU-ms and 150 ms of waiting for the disk each); the suite
// makes hundreds. Here the empty book of this build's schema is made once,
// in the temporary folder under a name that changes with the schema (as
// demo.BenchFile keeps its books), and each test's book is a copy of it.
// Tests of making and upgrading a schema open their files with store.Open
// as before. Only tests import it.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"clientele/store"
)

var made struct {
	sync.Mutex
	image []byte
}

// EmptyBook returns the bytes of a new book of this build's schema with
// nothing in it, making the book the first time any test binary asks.
func EmptyBook() ([]byte, error) {
	made.Lock()
	defer made.Unlock()
	if made.image != nil {
		return made.image, nil
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("clientele-empty-%s.db", store.SchemaID()))
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		// Made beside it and renamed: another test binary making it at
		// the same time never reads half a file.
		tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
		os.Remove(tmp)
		db, err := store.Open(context.Background(), tmp)
		if err != nil {
			return nil, err
		}
		if err := db.Close(); err != nil { // the last close checkpoints the WAL into the file
			return nil, err
		}
		if err := os.Rename(tmp, path); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	image, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	made.image = image
	return image, nil
}

// NewBook writes a new empty book named name in t's temporary folder and
// returns its path; store.Open opens it as any book of this schema.
func NewBook(t testing.TB, name string) string {
	t.Helper()
	image, err := EmptyBook()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, image, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
