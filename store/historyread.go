package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"clientele/model"
)

// changeColumns are read by scanChange.
const changeColumns = `id, at, kind, action, what, coalesce(reverses, 0), coalesce(reversed_by, 0), records`

// readChanges reads the changes the clause (WHERE …, ORDER BY …) selects.
func readChanges(ctx context.Context, q queryer, clause string, args ...any) ([]model.Change, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+changeColumns+" FROM changes "+clause, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanChanges(rows)
}

func scanChanges(rows *sql.Rows) ([]model.Change, error) {
	var out []model.Change
	for rows.Next() {
		var c model.Change
		var at sql.NullString
		if err := rows.Scan(&c.ID, &at, &c.Kind, &c.Action, &c.What, &c.Reverses, &c.ReversedBy, &c.Records); err != nil {
			return nil, err
		}
		c.At = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// History returns a page of the history, newest first: every change, or
// those that touched one customer's records, made since a time. The next
// page is the one Before the last id of this one. A page is read through
// the key of changes (or of a customer's changes): its cost does not grow
// with the book or the history.
func (db *DB) History(ctx context.Context, q model.HistoryQuery) ([]model.Change, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	before := q.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	since := ""
	if !q.Since.IsZero() {
		since = q.Since.Format(model.DateTimeLayout)
	}
	var rows *sql.Rows
	var err error
	if q.CustomerID != 0 {
		rows, err = db.r.QueryContext(ctx, `SELECT c.id, c.at, c.kind, c.action, c.what, coalesce(c.reverses, 0),
			coalesce(c.reversed_by, 0), c.records FROM change_customers cc JOIN changes c ON c.id = cc.change_id
			WHERE cc.customer_id = ? AND cc.change_id < ? AND c.at >= ? ORDER BY cc.change_id DESC LIMIT ?`,
			q.CustomerID, before, since, limit)
	} else {
		rows, err = db.r.QueryContext(ctx, "SELECT "+changeColumns+` FROM changes WHERE id < ? AND at >= ?
			ORDER BY id DESC LIMIT ?`, before, since, limit)
	}
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out, err := scanChanges(rows)
	return out, mapErr(err)
}

// Change returns one change with every record it touched (ErrNotFound
// when there is none): what a record was and became, field by field.
func (db *DB) Change(ctx context.Context, id int64) (model.ChangeDetail, error) {
	var d model.ChangeDetail
	cs, err := readChanges(ctx, db.r, "WHERE id = ?", id)
	if err != nil {
		return d, mapErr(err)
	}
	if len(cs) == 0 {
		return d, fmt.Errorf("change %d: %w", id, model.ErrNotFound)
	}
	d.Change = cs[0]
	rows, err := db.r.QueryContext(ctx, `SELECT tbl, row_key, before, after FROM change_rows WHERE change_id = ?
		ORDER BY id`, id)
	if err != nil {
		return d, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r model.ChangeRecord
		var before, after sql.NullString
		if err := rows.Scan(&r.Table, &r.Key, &before, &after); err != nil {
			return d, mapErr(err)
		}
		if r.Before, err = imageMap(before); err != nil {
			return d, err
		}
		if r.After, err = imageMap(after); err != nil {
			return d, err
		}
		d.Records = append(d.Records, r)
	}
	if err := rows.Err(); err != nil {
		return d, mapErr(err)
	}
	ranges, err := db.r.QueryContext(ctx, `SELECT tbl, col, min(lo), max(hi), sum(n), rows IS NULL FROM change_ranges
		WHERE change_id = ? GROUP BY tbl, col, rows IS NULL ORDER BY tbl`, id)
	if err != nil {
		return d, mapErr(err)
	}
	defer ranges.Close()
	for ranges.Next() {
		var r model.ChangeRange
		if err := ranges.Scan(&r.Table, &r.Column, &r.Lo, &r.Hi, &r.Records, &r.Added); err != nil {
			return d, mapErr(err)
		}
		d.Ranges = append(d.Ranges, r)
	}
	return d, mapErr(ranges.Err())
}

// imageMap decodes a record's image; nil for none. Numbers stay exact.
func imageMap(s sql.NullString) (map[string]any, error) {
	if !s.Valid {
		return nil, nil
	}
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(s.String))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("reading an image in the history: %w", err)
	}
	return m, nil
}

// UndoState says what Undo and Redo would take back now, for a help line
// ("u undo: added an order …"); each is nil when there is nothing.
func (db *DB) UndoState(ctx context.Context) (undo, redo *model.Change, err error) {
	cs, err := readChanges(ctx, db.r, `WHERE reversed_by IS NULL AND kind IN ('change', 'outside', 'redo')
		ORDER BY id DESC LIMIT 1`)
	if err != nil {
		return nil, nil, mapErr(err)
	}
	if len(cs) > 0 {
		undo = &cs[0]
	}
	cs, err = readChanges(ctx, db.r, `WHERE kind = 'undo' AND reversed_by IS NULL
		AND id > coalesce((SELECT max(id) FROM changes WHERE kind IN ('change', 'outside', 'erase')), 0)
		ORDER BY id DESC LIMIT 1`)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, nil, mapErr(err)
	}
	if len(cs) > 0 {
		redo = &cs[0]
	}
	return undo, redo, nil
}
