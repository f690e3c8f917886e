package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// keptOnWriter says how many statements the writer's connection keeps,
// and whether it keeps query.
func keptOnWriter(t *testing.T, db *DB, query string) (int, bool) {
	t.Helper()
	conn, err := db.w.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	var ok bool
	if err := conn.Raw(func(dc any) error {
		c := dc.(*keptConn)
		n, ok = len(c.stmts), c.stmts[query] != nil
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n, ok
}

// The writer keeps each text's statement: a write repeated in a
// transaction runs on it; a query of a text whose rows are still open
// gets a statement of its own; a statement kept across `PRAGMA
// foreign_keys` follows the pragma (SQLite compiles the checks into
// it); one kept across another program's change of the schema reads the
// new schema; more texts than are kept empty the cache; a text that does
// not prepare says why and is not kept; the store closes cleanly.
func TestTheWritersStatementsAreKeptAndFollowTheConnection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kept.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	exec := func(query string, args ...any) error {
		_, err := db.w.ExecContext(ctx, query, args...)
		return err
	}
	for _, q := range []string{
		"CREATE TABLE kept_parent(id INTEGER PRIMARY KEY)",
		"CREATE TABLE kept_child(parent INTEGER REFERENCES kept_parent(id))",
	} {
		if err := exec(q); err != nil {
			t.Fatal(err)
		}
	}

	const insert = "INSERT INTO kept_parent(id) VALUES (?)"
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for id := 1; id <= 3; id++ {
		if _, err := tx.ExecContext(ctx, insert, id); err != nil {
			t.Fatal(err)
		}
	}
	const ids = "SELECT id FROM kept_parent ORDER BY id"
	rows, err := tx.QueryContext(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	outer := 0
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		outer += id
		if id == 2 { // the same text inside its own open rows
			if inner, err := sumOf(ctx, tx, ids); err != nil || inner != 6 {
				t.Errorf("the same query inside its open rows gave %d, %v; want 6", inner, err)
			}
		}
	}
	if err := rows.Err(); err != nil || outer != 6 {
		t.Errorf("the outer query gave %d, %v; want 6", outer, err)
	}
	rows.Close()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, ok := keptOnWriter(t, db, insert); !ok {
		t.Error("the insert run three times is not kept")
	}

	// Foreign keys: the same kept text, refused with them on, written
	// with them off, refused again once they are back on.
	conn, err := db.w.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const orphan = "INSERT INTO kept_child(parent) VALUES (99)"
	if _, err := conn.ExecContext(ctx, orphan); err == nil {
		t.Error("a child of no parent was written with foreign keys on")
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, orphan); err != nil {
		t.Errorf("with foreign keys off the kept statement still checks them: %v", err)
	}
	if _, err := conn.ExecContext(ctx, "DELETE FROM kept_child"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, orphan); err == nil {
		t.Error("with foreign keys back on the kept statement does not check them")
	}
	conn.Close()

	// Another program adds a column.
	const all = "SELECT * FROM kept_parent LIMIT 1"
	cols := func() int { return columnsOf(t, db.w, all) }
	before := cols()
	other, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.ExecContext(ctx, "ALTER TABLE kept_parent ADD COLUMN note TEXT"); err != nil {
		t.Fatal(err)
	}
	other.Close()
	if after := cols(); after != before+1 {
		t.Errorf("after another program added a column the kept statement reads %d columns, want %d", after, before+1)
	}

	for i := range maxKeptStatements + 10 {
		if err := exec(fmt.Sprintf("SELECT %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := keptOnWriter(t, db, ""); n > maxKeptStatements {
		t.Errorf("%d statements kept, at most %d", n, maxKeptStatements)
	}
	const wrong = "INSERT INTO nowhere VALUES (1)"
	if err := exec(wrong); err == nil {
		t.Error("a write to a table that does not exist gave no error")
	}
	if _, ok := keptOnWriter(t, db, wrong); ok {
		t.Error("a text that does not prepare is kept")
	}
	if err := db.Close(); err != nil {
		t.Errorf("closing with statements kept: %v", err)
	}
}
