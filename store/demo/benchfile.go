package demo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"clientele/store"
)

// generatorVersion changes whenever Generate writes different data for the
// same options, so that cached benchmark files are made afresh.
const generatorVersion = 4

// BenchNow is "today" in the benchmark files, fixed so that every run and
// every machine measures the same data.
var BenchNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

var keptMu sync.Mutex

// BenchFile returns the path of a demo database with n customers (about
// ten order lines each, and a birthday and a reminder each) for benchmarks, generating it on first use into the
// temp folder and reusing it afterwards. The file is keyed by the exact
// schema (store.SchemaID) and the generator version. Benchmarks must treat it as read-only: copy it to
// write.
func BenchFile(ctx context.Context, n int) (string, error) {
	name := fmt.Sprintf("clientele-bench-%s-g%d-%d.db", store.SchemaID(), generatorVersion, n)
	path, err := KeptBook(ctx, name, func(db *store.DB) error {
		_, err := Generate(ctx, db, Options{Customers: n, Seed: 1, Now: BenchNow, RemindEveryone: true})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("generating the %d-customer benchmark file: %w", n, err)
	}
	return path, nil
}

// KeptBook returns the path of the book named name in the temp folder,
// made on first use by fill (nil: a new, empty book) and reused
// afterwards; name should change with whatever changes the book
// (store.SchemaID). Readers must treat it as read-only: copy it to write.
func KeptBook(ctx context.Context, name string, fill func(*store.DB) error) (string, error) {
	keptMu.Lock()
	defer keptMu.Unlock()
	path := filepath.Join(os.TempDir(), name)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	// Made beside it and renamed: another test binary making the same
	// file at once, or an interrupted run, never leaves half a file under
	// the final name. The last close checkpoints the WAL into the file.
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	os.Remove(tmp)
	db, err := store.Open(ctx, tmp)
	if err != nil {
		return "", err
	}
	if fill != nil {
		err = fill(db)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", err
	}
	return path, nil
}
