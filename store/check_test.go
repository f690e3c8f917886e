package store

import (
	"database/sql"
	"errors"
	"testing"
)

// brokenRows is foreign_key_check's answer that breaks off: one row, then
// a read error, which database/sql reports from Err once Next says false.
type brokenRows struct {
	left   int
	err    error
	closed bool
}

func (r *brokenRows) Next() bool {
	if r.left == 0 {
		return false
	}
	r.left--
	return true
}

func (r *brokenRows) Scan(dest ...any) error {
	*dest[0].(*string), *dest[2].(*string) = "orders", "customers"
	*dest[1].(*sql.NullInt64) = sql.NullInt64{Int64: 5, Valid: true}
	return nil
}

func (r *brokenRows) Err() error { return r.err }

func (r *brokenRows) Close() error { r.closed = true; return nil }

// TestCheckReportsAReadErrorAfterTheForeignKeyRows holds `clientele check`
// to its word: a foreign-key read that stops midway is damage, never "no
// problems" with the rows read so far.
func TestCheckReportsAReadErrorAfterTheForeignKeyRows(t *testing.T) {
	t.Parallel()
	disk := errors.New("disk I/O error")
	rows := &brokenRows{left: 1, err: disk}
	found, err := brokenReferences(rows)
	if !errors.Is(err, disk) {
		t.Errorf("a read that broke off reported %v (findings %q); want the read error", err, found)
	}
	if !rows.closed {
		t.Error("the rows were left open")
	}
	rows = &brokenRows{left: 2}
	if found, err := brokenReferences(rows); err != nil || len(found) != 2 ||
		found[0] != "orders row 5 refers to a customers record that does not exist" {
		t.Errorf("a whole read gave %q, %v", found, err)
	}
}
