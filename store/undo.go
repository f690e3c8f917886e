package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"clientele/model"
)

// Undo and redo (see store/history.go for how changes are recorded).
//
// A change stands while its effect is in the book: it was not reversed,
// and it is no undo (an undo's effect is to cancel another). Undo takes
// the latest standing change back: every record it touched is put back
// as it was before it (the first image of each record in the change; a
// record it added is removed), the runs of records a bulk change added
// are removed and kept, and the figures the store keeps are recomputed
// for the customers concerned. The undo is a change of its own, recorded
// like any other; undoing it is a redo. A change made since (a new edit,
// an import) ends what can be redone, as in any editor.
//
// An erasure stands but is never undone; Undo passes over it to the
// change before, unless that change touched records the erasure touched.
// UndoChange takes back one chosen change that is not the latest, on the
// same condition: no change standing since touched its records or refers
// to records it added.

var _ model.HistoryStore = (*DB)(nil)

// errNothing is returned when there is nothing to undo or redo.
var errNothing = model.ErrNotFound

// Undo takes back the latest change that stands and can be undone, across
// restarts, and returns what it did. ErrNotFound when there is none.
func (db *DB) Undo(ctx context.Context) (model.UndoResult, error) {
	return db.reverse(ctx, model.ChangeUndo, func(tx *sql.Tx) (model.Change, bool, error) {
		cs, err := readChanges(ctx, tx, `WHERE reversed_by IS NULL AND kind IN ('change', 'outside', 'redo', 'erase')
			ORDER BY id DESC LIMIT 200`)
		if err != nil {
			return model.Change{}, false, err
		}
		// Only erasures, never undone, can stand after the change taken:
		// it must not touch what they did.
		passed := false
		for _, c := range cs {
			if c.Undoable() {
				return c, passed, nil
			}
			passed = true
		}
		return model.Change{}, false, fmt.Errorf("%w: there is nothing to undo", errNothing)
	})
}

// Redo takes back the latest undo, when no change was made since it (an
// undo, or a redo, aside). ErrNotFound when there is nothing to redo.
func (db *DB) Redo(ctx context.Context) (model.UndoResult, error) {
	return db.reverse(ctx, model.ChangeRedo, func(tx *sql.Tx) (model.Change, bool, error) {
		// Every change since the undo is an undo or a redo that cancel
		// out: the book is as the undo left it.
		cs, err := readChanges(ctx, tx, `WHERE kind = 'undo' AND reversed_by IS NULL
			AND id > coalesce((SELECT max(id) FROM changes WHERE kind IN ('change', 'outside', 'erase')), 0)
			ORDER BY id DESC LIMIT 1`)
		if err != nil {
			return model.Change{}, false, err
		}
		if len(cs) == 0 {
			return model.Change{}, false, fmt.Errorf("%w: there is nothing to redo", errNothing)
		}
		return cs[0], false, nil
	})
}

// UndoChange takes back change id, which need not be the latest: refused
// (ErrConflict) when a change standing since touched the same records or
// refers to records it added, and when it does not stand or is an
// erasure.
func (db *DB) UndoChange(ctx context.Context, id int64) (model.UndoResult, error) {
	return db.reverse(ctx, model.ChangeUndo, func(tx *sql.Tx) (model.Change, bool, error) {
		c, err := standing(ctx, tx, "WHERE id = ?", id)
		return c, true, err
	})
}

// UndoLatest takes back the latest standing change with one of actions
// that touched customer id's records, as UndoChange does: what Today's u
// does to a review marked done or a snooze (model.ActionReviewDone,
// model.ActionSnooze). ErrNotFound when there is none.
func (db *DB) UndoLatest(ctx context.Context, customerID int64, actions ...model.Action) (model.UndoResult, error) {
	return db.reverse(ctx, model.ChangeUndo, func(tx *sql.Tx) (model.Change, bool, error) {
		args := append([]any{customerID}, anys(actions)...)
		c, err := standing(ctx, tx, `WHERE id = (SELECT max(c.id) FROM change_customers cc JOIN changes c ON c.id = cc.change_id
			WHERE cc.customer_id = ? AND c.reversed_by IS NULL AND c.kind IN ('change', 'redo')
			AND c.action IN (`+placeholders(len(actions))+`))`, args...)
		return c, true, err
	})
}

// standing reads the change the clause selects and checks it can be undone.
func standing(ctx context.Context, tx *sql.Tx, clause string, args ...any) (model.Change, error) {
	cs, err := readChanges(ctx, tx, clause, args...)
	if err != nil {
		return model.Change{}, err
	}
	if len(cs) == 0 {
		return model.Change{}, fmt.Errorf("%w: there is no such change to undo", errNothing)
	}
	c := cs[0]
	switch {
	case c.Kind == model.ChangeErase:
		return c, fmt.Errorf("%w: an erasure is for good and cannot be undone", model.ErrConflict)
	case !c.Stands():
		return c, fmt.Errorf("%w: %q was undone already", model.ErrConflict, c.What)
	}
	return c, nil
}

// reverse runs one undo (kind undo) or redo (kind redo) of the change pick
// chooses, in one transaction, and returns both changes as they are after.
// pick says whether changes standing since must be checked for conflicts:
// not when it took the latest.
func (db *DB) reverse(ctx context.Context, kind model.ChangeKind,
	pick func(tx *sql.Tx) (model.Change, bool, error)) (model.UndoResult, error) {
	var res model.UndoResult
	action, verb := model.ActionUndo, model.UndidPrefix
	if kind == model.ChangeRedo {
		action, verb = model.ActionRedo, model.RedidPrefix
	}
	var id int64
	err := db.change(ctx, kind, note{action: action}, true, func(tx *sql.Tx, rid int64) error {
		id = rid
		target, check, err := pick(tx)
		if err != nil {
			return err
		}
		res.Reversed = target
		if check {
			if err := conflicts(ctx, tx, db.hist, target); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE changes SET what = ?, reverses = ? WHERE id = ?", verb+target.Subject(),
			target.ID, rid); err != nil {
			return err
		}
		// An undone import takes its runs away by the thousand: the kept
		// book (store/book.go) marks what they touch and recomputes it
		// once, after, as a load does.
		if err := setLoading(ctx, tx, loadMarks); err != nil {
			return err
		}
		if err := applyReverse(ctx, tx, db.hist, target.ID, rid); err != nil {
			return fmt.Errorf("undoing %q: %w", target.What, err)
		}
		if err := finishLoading(ctx, tx); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE changes SET reversed_by = ? WHERE id = ?", rid, target.ID)
		return err
	})
	if err != nil {
		return res, err
	}
	cs, err := readChanges(ctx, db.r, "WHERE id IN (?, ?) ORDER BY id", res.Reversed.ID, id)
	if err != nil || len(cs) != 2 {
		return res, err
	}
	res.Reversed, res.Change = cs[0], cs[1]
	return res, nil
}

// conflicts refuses to undo target when a change standing since touched a
// record it touched, touched a record inside a run it added, or refers to
// a record it added.
func conflicts(ctx context.Context, tx *sql.Tx, s *histSchema, target model.Change) error {
	later := `changes l WHERE l.id > ?1 AND l.reversed_by IS NULL AND l.kind <> 'undo'`
	var other model.Change
	found := func(query string, args ...any) (bool, error) {
		var id int64
		err := tx.QueryRowContext(ctx, query, args...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		cs, err := readChanges(ctx, tx, "WHERE id = ?", id)
		if err != nil || len(cs) == 0 {
			return false, err
		}
		other = cs[0]
		return true, nil
	}
	refuse := func() error {
		if other.Kind == model.ChangeErase {
			return fmt.Errorf("%w: cannot undo %q: it touched records erased since", model.ErrConflict, target.What)
		}
		return fmt.Errorf("%w: cannot undo %q: %q changed the same records since; undo that first",
			model.ErrConflict, target.What, other.What)
	}
	// Later changes, usually none (Undo takes the latest).
	n := 0
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+later, target.ID).Scan(&n); err != nil || n == 0 {
		return err
	}
	ok, err := found(`SELECT l.id FROM change_rows a JOIN change_rows b ON b.tbl = a.tbl AND b.row_key = a.row_key
		AND b.change_id > a.change_id JOIN `+strings.Replace(later, " WHERE ", " ON l.id = b.change_id WHERE ", 1)+`
		AND a.change_id = ?1 LIMIT 1`, target.ID)
	if err != nil || ok {
		if ok {
			return refuse()
		}
		return err
	}
	// The ids the change added: its runs, and the records it added one by
	// one.
	type span struct{ lo, hi int64 }
	added := map[string][]span{}
	rows, err := tx.QueryContext(ctx, `SELECT tbl, col, lo, hi FROM change_ranges WHERE change_id = ? AND rows IS NULL`,
		target.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var tbl, col string
		var sp span
		if err := rows.Scan(&tbl, &col, &sp.lo, &sp.hi); err != nil {
			rows.Close()
			return err
		}
		if t := s.tables[tbl]; t != nil && t.rowid && col == t.pk[0] {
			added[tbl] = append(added[tbl], sp)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT tbl, row_key ->> '$[0]' FROM change_rows WHERE change_id = ? AND before IS NULL
		AND id IN (SELECT min(id) FROM change_rows WHERE change_id = ? GROUP BY tbl, row_key)`, target.ID, target.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var tbl string
		var id sql.NullInt64
		if err := rows.Scan(&tbl, &id); err != nil {
			rows.Close()
			return err
		}
		if t := s.tables[tbl]; t != nil && t.rowid && id.Valid {
			added[tbl] = append(added[tbl], span{id.Int64, id.Int64})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for tbl, spans := range added {
		var in []string
		var args []any
		args = append(args, target.ID, tbl)
		for _, sp := range spans {
			in = append(in, fmt.Sprintf("(k BETWEEN ?%d AND ?%d)", len(args)+1, len(args)+2))
			args = append(args, sp.lo, sp.hi)
		}
		test := strings.Join(in, " OR ")
		// Records of the table inside its runs (a run's rows, edited since).
		if ok, err := found(`SELECT l.id FROM `+strings.Replace(later, " WHERE ", " JOIN change_rows b ON b.change_id = l.id WHERE ", 1)+`
			AND b.tbl = ?2 AND EXISTS (SELECT 1 FROM (SELECT b.row_key ->> '$[0]' AS k) WHERE `+test+`) LIMIT 1`, args...); err != nil || ok {
			if ok {
				return refuse()
			}
			return err
		}
		// Records of other tables referring to them.
		for _, t := range s.order {
			for _, fk := range t.fks {
				if fk.parent != tbl {
					continue
				}
				q := `SELECT l.id FROM ` + strings.Replace(later, " WHERE ", " JOIN change_rows b ON b.change_id = l.id WHERE ", 1) +
					` AND ?2 IS NOT NULL AND b.tbl = ` + quoteText(t.name) + ` AND EXISTS (SELECT 1 FROM (SELECT coalesce(b.after ->> '$.` + fk.col +
					`', b.before ->> '$.` + fk.col + `') AS k) WHERE ` + test + `) LIMIT 1`
				if ok, err := found(q, args...); err != nil || ok {
					if ok {
						return refuse()
					}
					return err
				}
			}
		}
	}
	return nil
}

// applyReverse puts back the book as it was before change target, writing
// the reversal under change rid.
func applyReverse(ctx context.Context, tx *sql.Tx, s *histSchema, target, rid int64) error {
	// Foreign keys are checked when the transaction commits: the records
	// come back in any order.
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	who := map[int64]bool{}
	if err := reverseRuns(ctx, tx, s, target, rid, who); err != nil {
		return err
	}
	if err := reverseRecords(ctx, tx, s, target); err != nil {
		return err
	}
	// The customers whose kept figures, keys and last touch follow from
	// what changed: those the change touched, those of its runs, and the
	// members of any segment it touched (their search text holds its name).
	ids, err := queryInts(ctx, tx, `SELECT customer_id FROM change_customers WHERE change_id IN (?, ?)
		UNION SELECT cs.customer_id FROM change_rows r JOIN customer_segments cs ON cs.segment_id = (r.row_key ->> '$[0]')
		WHERE r.change_id IN (?, ?) AND r.tbl = 'segments'`, target, rid, target, rid)
	if err != nil {
		return err
	}
	for _, id := range ids {
		who[id] = true
	}
	return refreshKept(ctx, tx, who)
}

// refreshKept recomputes what the store keeps for the customers in who:
// their order figures, folded keys and last touch; every customer's when
// there are many.
func refreshKept(ctx context.Context, tx *sql.Tx, who map[int64]bool) error {
	if len(who) > 5000 {
		if err := refreshFigures(ctx, tx); err != nil {
			return err
		}
		if err := refreshLastTouch(ctx, tx); err != nil {
			return err
		}
		return refreshSearch(ctx, tx)
	}
	ids := make([]int64, 0, len(who))
	for id := range who {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for len(ids) > 0 {
		n := min(len(ids), 500)
		for _, fn := range []func(context.Context, queryer, ...int64) error{refreshFigures, refreshLastTouch, refreshSearch} {
			if err := fn(ctx, tx, ids[:n]...); err != nil {
				return err
			}
		}
		ids = ids[n:]
	}
	return nil
}

// refreshLastTouch recomputes last_touch_at (the newest touch that was
// contact, kept by the touches triggers) for the given customers, or all.
func refreshLastTouch(ctx context.Context, q queryer, ids ...int64) error {
	where := ""
	if len(ids) > 0 {
		where = " WHERE id IN (" + placeholders(len(ids)) + ")"
	}
	_, err := q.ExecContext(ctx, `UPDATE customers SET last_touch_at = (SELECT max(t.touched_at) FROM touches t
		WHERE t.customer_id = customers.id AND NOT (t.kind = 'review' AND t.summary LIKE 'Snoozed until %')
		AND t.voided_at IS NULL)`+where, anys(ids)...)
	return err
}

// reverseRuns removes the runs of records target added, keeping them
// under rid so that a redo can put them back, and puts back the runs it
// removed (an undone bulk change), recording them under rid as added. The
// customers of the records moved are added to who.
func reverseRuns(ctx context.Context, tx *sql.Tx, s *histSchema, target, rid int64, who map[int64]bool) error {
	type run struct {
		t              *histTable
		col            string
		lo, hi         int64
		cols, contents sql.NullString
	}
	rows, err := tx.QueryContext(ctx, `SELECT tbl, col, lo, hi, cols, rows FROM change_ranges WHERE change_id = ?
		ORDER BY tbl, lo`, target)
	if err != nil {
		return err
	}
	var runs []run
	for rows.Next() {
		var r run
		var tbl string
		if err := rows.Scan(&tbl, &r.col, &r.lo, &r.hi, &r.cols, &r.contents); err != nil {
			rows.Close()
			return err
		}
		if r.t = s.tables[tbl]; r.t == nil {
			rows.Close()
			return fmt.Errorf("the history holds records of %s, a table this book no longer has", tbl)
		}
		runs = append(runs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(runs) == 0 {
		return err
	}
	// The runs are recorded here, not row by row: the triggers go for the
	// time it takes, as in a load.
	if err := s.dropTriggers(ctx, tx); err != nil {
		return err
	}
	collect := func(query string, args ...any) error {
		ids, err := queryInts(ctx, tx, query, args...)
		for _, id := range ids {
			who[id] = true
		}
		return err
	}
	// Keep every run added before removing any: removing a customer
	// removes their tags with it.
	for _, r := range runs {
		if r.contents.Valid {
			continue
		}
		table, col := quoteIdent(r.t.name), quoteIdent(r.col)
		if r.t.direct {
			if err := collect(fmt.Sprintf("SELECT DISTINCT %s FROM %s WHERE %s BETWEEN ? AND ?",
				r.t.customerOf(table+"."), table, col), r.lo, r.hi); err != nil {
				return err
			}
		}
		names, _ := json.Marshal(r.t.cols)
		vals := make([]string, len(r.t.cols))
		for i, c := range r.t.cols {
			vals[i] = quoteIdent(c)
		}
		// In chunks of 10,000 keys: a run of a year's order lines is a
		// few dozen rows of the history, none of them huge.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO change_ranges (change_id, tbl, col, lo, hi, n, cols, rows)
			SELECT ?, ?, ?, min(%[1]s), max(%[1]s), count(*), ?, json_group_array(json_array(%[2]s))
			FROM (SELECT * FROM %[3]s WHERE %[1]s BETWEEN ? AND ? ORDER BY %[1]s) GROUP BY %[1]s / 10000`,
			col, strings.Join(vals, ", "), table), rid, r.t.name, r.col, string(names), r.lo, r.hi); err != nil {
			return err
		}
	}
	// Then remove them, children first.
	slices.SortStableFunc(runs, func(a, b run) int { return b.t.order - a.t.order })
	for _, r := range runs {
		if r.contents.Valid {
			continue
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE %s BETWEEN ? AND ?", quoteIdent(r.t.name),
			quoteIdent(r.col)), r.lo, r.hi); err != nil {
			return err
		}
	}
	// Put back the runs removed, parents first.
	slices.Reverse(runs)
	for _, r := range runs {
		if !r.contents.Valid {
			continue
		}
		var cols []string
		if err := json.Unmarshal([]byte(r.cols.String), &cols); err != nil {
			return fmt.Errorf("reading the history's records of %s: %w", r.t.name, err)
		}
		names := make([]string, 0, len(cols))
		vals := make([]string, 0, len(cols))
		for i, c := range cols {
			if !slices.Contains(r.t.cols, c) {
				continue // a column since dropped
			}
			names = append(names, quoteIdent(c))
			vals = append(vals, fmt.Sprintf("value ->> %d", i))
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM json_each(?)",
			quoteIdent(r.t.name), strings.Join(names, ", "), strings.Join(vals, ", ")), r.contents.String); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO change_ranges (change_id, tbl, col, lo, hi, n)
			SELECT ?, ?, ?, ?, ?, count(*) FROM json_each(?)`, rid, r.t.name, r.col, r.lo, r.hi,
			r.contents.String); err != nil {
			return err
		}
		if r.t.direct {
			table := quoteIdent(r.t.name)
			if err := collect(fmt.Sprintf("SELECT DISTINCT %s FROM %s WHERE %s BETWEEN ? AND ?",
				r.t.customerOf(table+"."), table, quoteIdent(r.col)), r.lo, r.hi); err != nil {
				return err
			}
		}
	}
	return s.createTriggers(ctx, tx)
}

// reverseRecords puts every record target touched back as it was before
// it: added records are removed, removed ones put back, changed ones
// changed back. The triggers record it all under the open change.
func reverseRecords(ctx context.Context, tx *sql.Tx, s *histSchema, target int64) error {
	type record struct {
		t           *histTable
		key, before sql.NullString
		now         sql.NullString
	}
	rows, err := tx.QueryContext(ctx, `SELECT tbl, row_key, before FROM change_rows WHERE id IN
		(SELECT min(id) FROM change_rows WHERE change_id = ? GROUP BY tbl, row_key) ORDER BY id`, target)
	if err != nil {
		return err
	}
	var recs []record
	for rows.Next() {
		var r record
		var tbl string
		if err := rows.Scan(&tbl, &r.key, &r.before); err != nil {
			rows.Close()
			return err
		}
		if r.t = s.tables[tbl]; r.t == nil {
			rows.Close()
			return fmt.Errorf("the history holds records of %s, a table this book no longer has", tbl)
		}
		recs = append(recs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var inserts, updates, deletes []record
	for _, r := range recs {
		err := tx.QueryRowContext(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE %s", r.t.imageOf(""),
			quoteIdent(r.t.name), r.t.keyWhere(1)), r.key.String).Scan(&r.now)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		switch {
		case r.now.Valid == r.before.Valid && r.now.String == r.before.String:
		case !r.before.Valid:
			deletes = append(deletes, r)
		case !r.now.Valid:
			inserts = append(inserts, r)
		default:
			updates = append(updates, r)
		}
	}
	slices.SortStableFunc(inserts, func(a, b record) int { return a.t.order - b.t.order })
	slices.SortStableFunc(deletes, func(a, b record) int { return b.t.order - a.t.order })
	for _, r := range inserts {
		cols, err := imageColumns(r.t, r.before.String)
		if err != nil {
			return err
		}
		vals := make([]string, len(cols))
		for i, c := range cols {
			vals[i] = fmt.Sprintf(`?1 ->> '$.%s'`, c)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", quoteIdent(r.t.name),
			quoteList(cols), strings.Join(vals, ", ")), r.before.String); err != nil {
			return err
		}
	}
	for _, r := range updates {
		cols, err := imageColumns(r.t, r.before.String)
		if err != nil {
			return err
		}
		sets := make([]string, len(cols))
		for i, c := range cols {
			sets[i] = fmt.Sprintf(`%s = (?1 ->> '$.%s')`, quoteIdent(c), c)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s WHERE %s", quoteIdent(r.t.name),
			strings.Join(sets, ", "), r.t.keyWhere(2)), r.before.String, r.key.String); err != nil {
			return err
		}
	}
	for _, r := range deletes {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE %s", quoteIdent(r.t.name),
			r.t.keyWhere(1)), r.key.String); err != nil {
			return err
		}
	}
	return nil
}

// imageColumns lists the columns of t an image holds, in table order: an
// image from before a column was added lacks it, and the column keeps
// what it has (or its default).
func imageColumns(t *histTable, image string) ([]string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(image), &m); err != nil {
		return nil, fmt.Errorf("reading the history's image of a record of %s: %w", t.name, err)
	}
	var cols []string
	for _, c := range t.cols {
		if _, ok := m[c]; ok {
			cols = append(cols, c)
		}
	}
	return cols, nil
}

// quoteList quotes each identifier and joins them with commas.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteIdent(n)
	}
	return strings.Join(q, ", ")
}
