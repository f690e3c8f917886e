package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"clientele/model"
)

var _ model.SetupStore = (*DB)(nil)

// SavedQuestions lists the saved feedback questions, oldest first.
func (db *DB) SavedQuestions(ctx context.Context) ([]model.SavedQuestion, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT id, text FROM questions ORDER BY id")
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.SavedQuestion
	for rows.Next() {
		var q model.SavedQuestion
		if err := rows.Scan(&q.ID, &q.Text); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// AddSavedQuestion stores a question; ErrConflict when it is already saved.
func (db *DB) AddSavedQuestion(ctx context.Context, text string) error {
	if err := model.ValidateQuestion(text); err != nil {
		return err
	}
	return db.write(ctx, note{model.ActionSettings, "Saved the question " + strconv.Quote(strings.TrimSpace(text))}, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO questions (text, created_at) VALUES (?, ?)",
			strings.TrimSpace(text), dbTime(db.Now()))
		return err
	})
}

// DeleteSavedQuestion removes a saved question; feedback that asked it keeps
// its own copy of the text.
func (db *DB) DeleteSavedQuestion(ctx context.Context, id int64) error {
	return db.write(ctx, note{model.ActionSettings, "Deleted a saved question"}, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM questions WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("question %d: %w", id, model.ErrNotFound)
		}
		return nil
	})
}

// SetSegmentCadences sets each segment's stay-in-touch cadence in days (0
// for none), by segment id, in one transaction.
func (db *DB) SetSegmentCadences(ctx context.Context, cadences map[int64]int) error {
	for id, d := range cadences {
		s := model.Segment{Name: "x", CadenceDays: d}
		if err := s.Validate(); err != nil {
			return fmt.Errorf("segment %d: %w", id, err)
		}
	}
	return db.write(ctx, note{model.ActionSegment, "Set the segments' stay-in-touch cadences"}, func(tx *sql.Tx) error {
		for id, d := range cadences {
			if _, err := tx.ExecContext(ctx, "UPDATE segments SET cadence_days = ? WHERE id = ?", nullInt(d), id); err != nil {
				return err
			}
		}
		return nil
	})
}
