package store

import (
	"clientele/model"
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Column mappings say which column of a file holds which field, for a
// header that matches no format the importer knows. They are kept in the
// settings table, one row per header, keyed by the header's columns
// folded and joined: the next file with the same header is read the same
// way without asking.
const columnMapPrefix = "columns:"

// ColumnMapKey is the key a header's mapping is kept under: its names,
// trimmed and lower-cased, joined by tabs.
func ColumnMapKey(header []string) string {
	var b strings.Builder
	for i, n := range header {
		if i > 0 {
			b.WriteByte('\t')
		}
		b.WriteString(strings.ToLower(strings.TrimSpace(n)))
	}
	return columnMapPrefix + b.String()
}

// ColumnMap returns the mapping kept for header ("date=Created,
// customer=Client,amount=Total"), or "" when there is none.
func (db *DB) ColumnMap(ctx context.Context, header []string) (string, error) {
	var v string
	err := db.r.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", ColumnMapKey(header)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, mapErr(err)
}

// SaveColumnMap keeps mapping for header, replacing any earlier one.
func (db *DB) SaveColumnMap(ctx context.Context, header []string, mapping string) error {
	return db.write(ctx, note{model.ActionSettings, "Saved the columns of an import file"},
		func(tx *sql.Tx) error { return saveColumnMap(ctx, tx, header, mapping) })
}

// SaveColumnMap keeps mapping for header inside the load, so that it is
// kept exactly when the import that used it is.
func (l *Loader) SaveColumnMap(header []string, mapping string) error {
	if err := l.saveBefore("settings", "key = ?", ColumnMapKey(header)); err != nil {
		return err
	}
	return saveColumnMap(l.ctx, l.tx, header, mapping)
}

func saveColumnMap(ctx context.Context, tx *sql.Tx, header []string, mapping string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) "+
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value", ColumnMapKey(header), mapping)
	return err
}
