package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// A kept statement serves one read at a time: reads of the same text side
// by side each get their own answer, and so does a read of a text while
// the same text's rows are still open.
func TestKeptStatementsServeOneReadAtATime(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	const q = "WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < ?) SELECT v FROM s"
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				n := 3 + (g*50+i)%40
				if got, err := sumOf(ctx, db.r, q, n); err != nil || got != n*(n+1)/2 {
					t.Errorf("sum to %d: %d, %v", n, got, err)
					return
				}
			}
		})
	}
	wg.Wait()

	rows, err := db.r.QueryContext(ctx, q, 5)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	total := 0
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		total += v
		if v == 2 { // the same text again while these rows are open
			if got, err := sumOf(ctx, db.r, q, 10); err != nil || got != 55 {
				t.Errorf("a read of the same text inside the first gave %d, %v; want 55", got, err)
			}
		}
	}
	if err := rows.Err(); err != nil || total != 15 {
		t.Errorf("the outer read gave %d, %v; want 15", total, err)
	}
	if db.r.stmts[q] == nil {
		t.Error("the text read 401 times is not kept")
	}
}

// sumOf adds up the first column of q's rows.
func sumOf(ctx context.Context, from queryer, q string, args ...any) (int, error) {
	rows, err := from.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	total := 0
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return 0, err
		}
		total += v
	}
	return total, rows.Err()
}

// More texts than the pool keeps empty it and go on being read; a text
// that does not prepare says why, as it would unkept; a statement kept
// across a change of the schema reads the new schema; closing the store
// with statements kept closes cleanly.
func TestKeptStatementsAreBoundedAndFollowTheSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "kept.db"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range maxKeptStatements + 10 {
		var v int
		if err := db.r.QueryRowContext(ctx, fmt.Sprintf("SELECT %d", i)).Scan(&v); err != nil || v != i {
			t.Fatalf("SELECT %d gave %d, %v", i, v, err)
		}
		if n := len(db.r.stmts); n > maxKeptStatements {
			t.Fatalf("%d statements kept, at most %d", n, maxKeptStatements)
		}
	}
	if _, err := db.r.QueryContext(ctx, "SELECT nothing FROM nowhere"); err == nil {
		t.Error("a read of a table that does not exist gave no error")
	}
	const q = "SELECT * FROM settings LIMIT 1"
	cols := func() int { return columnsOf(t, db.r, q) }
	before := cols()
	if _, err := db.w.ExecContext(ctx, "ALTER TABLE settings ADD COLUMN kept_test TEXT"); err != nil {
		t.Fatal(err)
	}
	if after := cols(); after != before+1 {
		t.Errorf("after a column was added the kept statement reads %d columns, want %d", after, before+1)
	}
	if err := db.Close(); err != nil {
		t.Errorf("closing with statements kept: %v", err)
	}
}

// columnsOf says how many columns q's rows have.
func columnsOf(t *testing.T, from queryer, q string) int {
	t.Helper()
	rows, err := from.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	c, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	return len(c)
}
