package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations holds the schema changes in order; migrations[i] takes the
// schema from version i to i+1. Files are named NNNN_what.sql.
var migrations = func() []string {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		panic(err) // the pattern is a constant
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			panic(err) // embedded at build time
		}
		out[i] = string(b)
	}
	return out
}()

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations) }

// SchemaID names the exact schema this build writes: a short hash of the
// migrations' text, so that files made by builds whose schemas differ at
// the same version (two branches each adding a migration) are told apart.
func SchemaID() string {
	h := sha256.New()
	for _, m := range migrations {
		h.Write([]byte(m))
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// migrate applies the migrations after version from. A new file (from 0)
// gets them all in one transaction, so that a kill while the schema is
// first made leaves an empty file, never part of a schema. An existing
// database that holds data is first copied next to itself, then takes
// each migration in its own transaction together with the PRAGMA
// user_version that records it, so a crash leaves the file at one version
// or the next, never between.
func (db *DB) migrate(ctx context.Context, from int) error {
	if from >= len(migrations) {
		return nil
	}
	if from > 0 {
		holds, err := db.holdsData(ctx)
		if err != nil {
			return fmt.Errorf("reading %s before upgrading it: %w", filepath.Base(db.path), err)
		}
		if holds {
			dest := fmt.Sprintf("%s.before-v%d-%s.bak", db.path, len(migrations), db.Now().Format("20060102-150405"))
			if err := db.Backup(ctx, dest); err != nil {
				return fmt.Errorf("backing up %s before upgrading it: %w", filepath.Base(db.path), err)
			}
		}
	}
	for {
		done := false
		err := db.maintain(ctx, func(tx *sql.Tx) error {
			// Read the version again inside the write lock: another copy of
			// the program may have migrated since the probe.
			var v int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
				return err
			}
			if v >= len(migrations) {
				done = true
				return nil
			}
			last := v + 1
			if v == 0 {
				last = len(migrations)
			}
			for ; v < last; v++ {
				if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
					return fmt.Errorf("migration %d: %w", v+1, err)
				}
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", last))
			return err
		})
		if err != nil {
			return fmt.Errorf("upgrading the schema of %s: %w", db.path, err)
		}
		if done {
			return nil
		}
	}
}

// holdsData reports whether the file holds anything the owner wrote: a
// row in any table but the three questions the first migration writes
// (and Litestream's tables, which a copied book has from its first copy). A
// file whose schema a kill cut short (by a build that made it in steps)
// holds nothing, and is not worth a backup before it is upgraded.
func (db *DB) holdsData(ctx context.Context) (bool, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "+
		notLitestream)
	if err != nil {
		return false, err
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return false, err
		}
		tables = append(tables, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, err
	}
	for _, t := range tables {
		q := `SELECT 1 FROM "` + strings.ReplaceAll(t, `"`, `""`) + `"`
		if t == "questions" {
			q += " WHERE id > 3" // the first migration's own
		}
		var one int
		err := db.r.QueryRowContext(ctx, q+" LIMIT 1").Scan(&one)
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return false, err
		}
	}
	return false, nil
}
