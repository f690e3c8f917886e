package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"clientele/model"
)

// fixedNow is the clock store tests run at.
var fixedNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// openTest opens a fresh database in a temporary folder.
func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpenCreatesPrivateFileAtLatestVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "folder")
	path := filepath.Join(dir, "c.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode = %v, want 0600", fi.Mode().Perm())
	}
	di, _ := os.Stat(dir)
	if di.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", di.Mode().Perm())
	}
	var v int
	if err := db.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion() {
		t.Errorf("user_version = %d, %v; want %d", v, err, SchemaVersion())
	}
	var mode string
	db.r.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var fk int
	db.r.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Errorf("foreign_keys = %d on a reader", fk)
	}
}

func TestCustomerRoundTrip(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	c := model.Customer{Name: " Ada Lovelace ", Email: "ada@example.com", Stage: model.StageCustomer, Fit: 4,
		Channel: model.ChannelEmail, Values: []string{"Quality", "style", "quality"}, Segments: []string{"Wholesale"},
		NextReview: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), AcquisitionCost: 1250}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	got, err := db.Customer(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Ada Lovelace" || got.Fit != 4 || got.AcquisitionCost != 1250 ||
		!got.NextReview.Equal(c.NextReview) || len(got.Values) != 2 || got.Segments[0] != "Wholesale" ||
		!got.CreatedAt.Equal(fixedNow) {
		t.Errorf("read back %+v", got)
	}
	if _, err := db.Customer(ctx, 999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing customer: %v, want ErrNotFound", err)
	}
}
