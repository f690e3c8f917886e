package store

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"slices"

	"clientele/model"
)

var _ model.SettingsStore = (*DB)(nil)

// Settings reads the settings over the defaults.
func (db *DB) Settings(ctx context.Context) (model.Settings, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return model.DefaultSettings(), mapErr(err)
	}
	defer rows.Close()
	pairs := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return model.DefaultSettings(), err
		}
		pairs[k] = v
	}
	if err := rows.Err(); err != nil {
		return model.DefaultSettings(), err
	}
	return model.SettingsFromPairs(pairs)
}

// SaveSettings validates s and writes every setting in one transaction.
func (db *DB) SaveSettings(ctx context.Context, s model.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.write(ctx, note{model.ActionSettings, "Changed the settings"}, func(tx *sql.Tx) error { return writeSettings(ctx, tx, s) })
}

// writeSettings writes every setting of s in tx, replacing stored values.
func writeSettings(ctx context.Context, tx *sql.Tx, s model.Settings) error {
	pairs := s.Pairs()
	for _, k := range slices.Sorted(maps.Keys(pairs)) {
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) "+
			"ON CONFLICT (key) DO UPDATE SET value = excluded.value", k, pairs[k]); err != nil {
			return err
		}
	}
	return nil
}

// BookID is the book's own id, made when the book was (migration 0009):
// exports build the ids of their entries from it, so that two books'
// entries never share one and a book's are the same at every export.
// "" for a book that has none.
func (db *DB) BookID(ctx context.Context) (string, error) {
	var id string
	err := db.r.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'book_id'").Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, mapErr(err)
}
