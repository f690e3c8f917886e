package store

import (
	"context"
	"database/sql"
	"strings"

	"clientele/model"
)

// Questions lists the saved questions, oldest first: the ones the first
// migration saved (the wish and NPS questions among them) lead.
func (db *DB) Questions(ctx context.Context) ([]string, error) {
	return db.strings(ctx, "SELECT text FROM questions ORDER BY id")
}

// AddQuestion saves a question; one already saved is left alone.
func (db *DB) AddQuestion(ctx context.Context, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return model.Invalid("question", "is empty")
	}
	now := db.Now().Format(model.DateTimeLayout)
	return db.write(ctx, func(tx *sql.Tx) error { return addQuestion(ctx, tx, text, now) })
}

// addQuestion saves text among the questions unless it is empty or saved.
func addQuestion(ctx context.Context, tx *sql.Tx, text, now string) error {
	if text == "" {
		return nil
	}
	if strings.ContainsAny(text, "\n\r") {
		return model.Invalid("question", "must be one line")
	}
	_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO questions (text, created_at) VALUES (?, ?)", text, now)
	return err
}
