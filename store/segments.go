package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"clientele/model"
)

var _ model.SegmentStore = (*DB)(nil)

// Segments lists every segment with its member count (archived customers
// not counted), by name.
func (db *DB) Segments(ctx context.Context) ([]model.Segment, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT s.id, s.name, coalesce(s.cadence_days, 0), s.notes,
		(SELECT count(*) FROM customer_segments cs JOIN customers c ON c.id = cs.customer_id
		 WHERE cs.segment_id = s.id AND c.archived_at IS NULL)
		FROM segments s ORDER BY s.name`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.Segment
	for rows.Next() {
		var s model.Segment
		if err := rows.Scan(&s.ID, &s.Name, &s.CadenceDays, &s.Notes, &s.Customers); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ensureSegment returns the id of the segment called name (any case),
// creating it when there is none.
func ensureSegment(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	name = strings.TrimSpace(name)
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM segments WHERE name = ?", name).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO segments (name, created_at) VALUES (?, datetime('now', 'localtime'))", name)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// SegmentNames lists every segment's id and name, by name, without
// counting members (which reads every customer).
func (db *DB) SegmentNames(ctx context.Context) ([]model.Segment, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT id, name FROM segments ORDER BY name")
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.Segment
	for rows.Next() {
		var s model.Segment
		if err := rows.Scan(&s.ID, &s.Name); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
