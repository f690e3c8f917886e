package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clientele/model"
)

// A follower's copy is read through OpenReadOnly: it reads what the file
// holds, refuses every write before it begins (so the copy is byte for
// byte what the follower wrote), and makes no -wal beside a file in
// rollback mode.
func TestOpenReadOnlyReadsAndRefusesEveryWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "copy.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// As the follower leaves it (replica's rollbackMode): a journal mode
	// changes only on the one connection to the file.
	behindTheBack(t, path, "PRAGMA journal_mode = DELETE")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(ro.ReadOnly(), model.ErrReadOnly) {
		t.Errorf("ReadOnly() = %v on a store opened read-only", ro.ReadOnly())
	}
	got, err := ro.Customer(ctx, c.ID)
	if err != nil || got.Name != "Ada" {
		t.Fatalf("Customer = %+v, %v; want Ada", got, err)
	}
	other := model.Customer{Name: "Bob", Stage: model.StageProspect}
	for name, write := range map[string]func() error{
		"create":   func() error { return ro.CreateCustomer(ctx, &other) },
		"settings": func() error { return ro.SaveSettings(ctx, model.DefaultSettings()) },
		"load":     func() error { return ro.Load(ctx, func(*Loader) error { return nil }) },
		"fix":      func() error { return ro.FixFigures(ctx) },
	} {
		if err := write(); !errors.Is(err, model.ErrReadOnly) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s on a read-only store: %v, want ErrReadOnly naming the file", name, err)
		}
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("opening read-only changed the file")
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a -wal file beside a rollback-mode copy: %v", err)
	}
}

// A copy at another schema version is refused, not misread: the follower
// cannot migrate a file it must not write.
func TestOpenReadOnlyRefusesAnotherSchemaVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.ExecContext(ctx, "PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := OpenReadOnly(ctx, path); err == nil || !strings.Contains(err.Error(), "schema version 1") {
		t.Errorf("OpenReadOnly of a version-1 book: %v, want a refusal naming the version", err)
	}
	if _, err := OpenReadOnly(ctx, filepath.Join(t.TempDir(), "none.db")); err == nil {
		t.Error("OpenReadOnly of a missing file succeeded")
	}
}

// BenchmarkReadOnlyRead is one small read on a store opened read-only,
// where each read opens a connection, beside the same read on the store
// opened to write, which keeps its connections.
func BenchmarkReadOnlyRead(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "copy.db")
	db, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 100 {
		c := model.Customer{Name: "customer " + string(rune('a'+i%26)), Stage: model.StageCustomer}
		if err := db.CreateCustomer(ctx, &c); err != nil {
			b.Fatal(err)
		}
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer ro.Close()
	defer db.Close()
	for _, s := range []struct {
		name string
		db   *DB
	}{{"read-write", db}, {"read-only", ro}} {
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.db.CustomerCount(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
