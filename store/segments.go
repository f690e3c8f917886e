package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"clientele/model"
)

var _ model.SegmentStore = (*DB)(nil)

// Segments lists every segment with its member count (archived customers
// not counted), by name. The count is every member less the archived
// ones, found through the small index of archived customers: checking
// each member in the customers table costs a lookup per member.
func (db *DB) Segments(ctx context.Context) ([]model.Segment, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT s.id, s.name, coalesce(s.cadence_days, 0), s.notes,
		(SELECT count(*) FROM customer_segments cs WHERE cs.segment_id = s.id) - coalesce(gone.n, 0)
		FROM segments s LEFT JOIN (SELECT cs.segment_id, count(*) AS n
			FROM customers c INDEXED BY customers_archived JOIN customer_segments cs ON cs.customer_id = c.id
			WHERE c.archived_at IS NOT NULL GROUP BY cs.segment_id) gone ON gone.segment_id = s.id
		ORDER BY s.name`)
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

// segmentName tidies a segment name the way customers' segments are
// stored (spaces collapsed) and checks it.
func segmentName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if err := model.ValidateSegmentName(name); err != nil {
		return "", err
	}
	return name, nil
}

// segmentByID returns a segment's name, or ErrNotFound.
func segmentByID(ctx context.Context, q queryer, id int64) (string, error) {
	var name string
	err := q.QueryRowContext(ctx, "SELECT name FROM segments WHERE id = ?", id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("segment %d: %w", id, model.ErrNotFound)
	}
	return name, err
}

// nameTaken refuses a name another segment already has, in any case.
func nameTaken(ctx context.Context, q queryer, name string, except int64) error {
	var other string
	err := q.QueryRowContext(ctx, "SELECT name FROM segments WHERE name = ? AND id <> ?", name, except).Scan(&other)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return fmt.Errorf("%w: there is already a segment called %q (merge the two instead)", model.ErrConflict, other)
}

// CreateSegment validates s, stores it and sets s.ID; a name taken in any
// case is ErrConflict.
func (db *DB) CreateSegment(ctx context.Context, s *model.Segment) error {
	name, err := segmentName(s.Name)
	if err != nil {
		return err
	}
	s.Name = name
	if err := s.Validate(); err != nil {
		return err
	}
	return db.write(ctx, note{model.ActionSegment, "Added the segment " + name}, func(tx *sql.Tx) error {
		if err := nameTaken(ctx, tx, name, 0); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO segments (name, cadence_days, notes, created_at) VALUES (?, ?, ?, ?)",
			name, nullInt(s.CadenceDays), s.Notes, dbTime(db.Now()))
		if err != nil {
			return err
		}
		s.ID, err = res.LastInsertId()
		return err
	})
}

// RenameSegment gives segment id a new name and refreshes its members'
// filter text. Changing only the case of the name is allowed.
func (db *DB) RenameSegment(ctx context.Context, id int64, name string) error {
	name, err := segmentName(name)
	if err != nil {
		return err
	}
	return db.write(ctx, note{model.ActionSegment, "Renamed a segment to " + name}, func(tx *sql.Tx) error {
		old, err := segmentByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := describe(ctx, tx, "Renamed the segment "+old+" to "+name); err != nil {
			return err
		}
		if err := nameTaken(ctx, tx, name, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE segments SET name = ? WHERE id = ?", name, id); err != nil {
			return err
		}
		members, err := segmentMembers(ctx, tx, id)
		if err != nil {
			return err
		}
		return refreshMembers(ctx, tx, members)
	})
}

// MergeSegments moves every member of from into into and deletes from, in
// one transaction. into keeps its name, notes and cadence, and takes
// from's cadence when it has none.
func (db *DB) MergeSegments(ctx context.Context, from, into int64) (int, error) {
	if from == into {
		return 0, model.Invalid("merge", "a segment cannot be merged into itself")
	}
	var joined int
	err := db.write(ctx, note{model.ActionSegment, "Merged two segments"}, func(tx *sql.Tx) error {
		for _, id := range []int64{from, into} {
			if _, err := segmentByID(ctx, tx, id); err != nil {
				return err
			}
		}
		members, err := segmentMembers(ctx, tx, from)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO customer_segments (customer_id, segment_id)
			SELECT customer_id, ? FROM customer_segments WHERE segment_id = ?`, into, from)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		joined = int(n)
		if _, err := tx.ExecContext(ctx, `UPDATE segments SET cadence_days =
			coalesce(cadence_days, (SELECT cadence_days FROM segments WHERE id = ?)) WHERE id = ?`, from, into); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM segments WHERE id = ?", from); err != nil {
			return err
		}
		return refreshMembers(ctx, tx, members)
	})
	return joined, err
}

// DeleteSegment deletes a segment; its customers stay, out of it.
func (db *DB) DeleteSegment(ctx context.Context, id int64) error {
	return db.write(ctx, note{model.ActionSegment, "Deleted a segment"}, func(tx *sql.Tx) error {
		name, err := segmentByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := describe(ctx, tx, "Deleted the segment "+name); err != nil {
			return err
		}
		members, err := segmentMembers(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM segments WHERE id = ?", id); err != nil {
			return err
		}
		return refreshMembers(ctx, tx, members)
	})
}

// AddToSegment puts the customers in the segment called name, creating it
// when there is none. Ids of customers that do not exist are skipped.
func (db *DB) AddToSegment(ctx context.Context, name string, ids []int64) (model.Segment, int, error) {
	name, err := segmentName(name)
	if err != nil {
		return model.Segment{}, 0, err
	}
	seg := model.Segment{Name: name}
	joined := 0
	what := "Added " + model.Plural(len(ids), "customer", "customers") + " to the segment " + name
	err = db.write(ctx, note{model.ActionSegment, what}, func(tx *sql.Tx) error {
		if seg.ID, err = ensureSegment(ctx, tx, name); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT name FROM segments WHERE id = ?", seg.ID).Scan(&seg.Name); err != nil {
			return err
		}
		changed, err := changeMembers(ctx, tx, seg.ID, ids, `INSERT OR IGNORE INTO customer_segments (customer_id, segment_id)
			SELECT id, ? FROM customers WHERE id IN (%s) RETURNING customer_id`)
		if err != nil {
			return err
		}
		joined = len(changed)
		return db.touchMembers(ctx, tx, changed)
	})
	return seg, joined, err
}

// RemoveFromSegment takes the customers out of segment id.
func (db *DB) RemoveFromSegment(ctx context.Context, id int64, ids []int64) (int, error) {
	left := 0
	err := db.write(ctx, note{model.ActionSegment, "Took customers out of a segment"}, func(tx *sql.Tx) error {
		name, err := segmentByID(ctx, tx, id)
		if err != nil {
			return err
		}
		changed, err := changeMembers(ctx, tx, id, ids, `DELETE FROM customer_segments WHERE segment_id = ?
			AND customer_id IN (%s) RETURNING customer_id`)
		if err != nil {
			return err
		}
		left = len(changed)
		if err := describe(ctx, tx, "Took "+model.Plural(left, "customer", "customers")+" out of the segment "+name); err != nil {
			return err
		}
		return db.touchMembers(ctx, tx, changed)
	})
	return left, err
}

// changeMembers runs query, whose first parameter is the segment and
// whose %s takes the customer ids, over ids a chunk at a time, and
// returns the customer ids its RETURNING clause gave: those it changed.
func changeMembers(ctx context.Context, tx *sql.Tx, segment int64, ids []int64, query string) ([]int64, error) {
	var changed []int64
	err := eachChunk(ids, func(chunk []any) error {
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(query, placeholders(len(chunk))), append([]any{segment}, chunk...)...)
		if err != nil {
			return err
		}
		got, err := scanIDs(rows)
		changed = append(changed, got...)
		return err
	})
	return changed, err
}

// touchMembers stamps customers whose segments changed and refreshes
// their filter text.
func (db *DB) touchMembers(ctx context.Context, tx *sql.Tx, ids []int64) error {
	now := dbTime(db.Now())
	err := eachChunk(ids, func(chunk []any) error {
		_, err := tx.ExecContext(ctx, "UPDATE customers SET updated_at = ? WHERE id IN ("+placeholders(len(chunk))+")",
			append([]any{now}, chunk...)...)
		return err
	})
	if err != nil {
		return err
	}
	return refreshMembers(ctx, tx, ids)
}

// segmentMembers lists the ids of a segment's customers.
func segmentMembers(ctx context.Context, q queryer, id int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT customer_id FROM customer_segments WHERE segment_id = ?", id)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// scanIDs reads a column of ids and closes the rows.
func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// refreshMembers refreshes the filter text of the given customers, a
// chunk at a time; none given means none (not all, as for refreshSearch).
func refreshMembers(ctx context.Context, q queryer, ids []int64) error {
	for len(ids) > 0 {
		n := min(len(ids), chunkSize)
		if err := refreshSearch(ctx, q, ids[:n]...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// chunkSize keeps a statement's parameters well under SQLite's limit.
const chunkSize = 500

// eachChunk calls fn with the ids as query arguments, chunkSize at a time.
func eachChunk(ids []int64, fn func(chunk []any) error) error {
	for len(ids) > 0 {
		n := min(len(ids), chunkSize)
		chunk := make([]any, n)
		for i, id := range ids[:n] {
			chunk[i] = id
		}
		if err := fn(chunk); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
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
