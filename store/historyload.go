package store

import (
	"context"
	"fmt"
	"slices"
)

// A bulk change (db.Load: an import, the demo business) is one change of
// the history, recorded without an image per row: the triggers are off
// while it writes, and it keeps
//   - the largest id of every table as it starts (marks); when it ends,
//     the ids above the mark are the rows it added, one run per table
//     (change_ranges, rows NULL), with the rows of tables keyed by a
//     customer (their segments and values) as the run of those customers;
//   - an image of every row it changes or deletes that was there before
//     (saveBefore: an order an import replaced, a setting), as a trigger
//     would have, so that an undo puts it back;
//   - the customers its rows belong to (change_customers).
// Undo removes the runs and puts back the rows saved (store/undo.go).

// startRecording marks where every table's ids stand and turns the
// triggers off for the load (wrote takes them away once it is big).
func (l *Loader) startRecording() error {
	l.marks = map[string]int64{}
	for _, t := range l.hist.order {
		if !t.rowid {
			continue
		}
		var n int64
		if err := l.tx.QueryRowContext(l.ctx, fmt.Sprintf("SELECT coalesce(max(%s), 0) FROM %s", quoteIdent(t.pk[0]),
			quoteIdent(t.name))).Scan(&n); err != nil {
			return err
		}
		l.marks[t.name] = n
	}
	return setRecording(l.ctx, l.tx, false)
}

// saveBefore keeps what the rows of table where selects are before the
// load changes or deletes them; rows the load added are in its runs, and a
// row saved once keeps its first image.
func (l *Loader) saveBefore(table, where string, args ...any) error {
	t := l.hist.tables[table]
	if t == nil {
		return fmt.Errorf("the history does not know the table %s", table)
	}
	cond := "(" + where + ")"
	if t.rowid {
		cond += fmt.Sprintf(" AND %s <= %d", quoteIdent(t.pk[0]), l.marks[table])
	}
	open := "(SELECT open_change FROM history_state)"
	_, err := l.tx.ExecContext(l.ctx, fmt.Sprintf(`INSERT INTO change_rows (change_id, tbl, row_key, before, after)
		SELECT %[1]s, %[2]s, %[3]s, %[4]s, NULL FROM %[5]s WHERE %[6]s AND NOT EXISTS (SELECT 1 FROM change_rows r
			WHERE r.change_id = %[1]s AND r.tbl = %[2]s AND r.row_key = %[3]s)`,
		open, quoteText(t.name), t.keyOf(""), t.imageOf(""), quoteIdent(t.name), cond), args...)
	if err != nil {
		return err
	}
	if t.customer == "" {
		return nil
	}
	who := t.customerOf(quoteIdent(t.name) + ".")
	_, err = l.tx.ExecContext(l.ctx, fmt.Sprintf(`INSERT INTO change_customers (customer_id, change_id)
		SELECT DISTINCT %[1]s, %[2]s FROM %[3]s WHERE %[4]s AND %[1]s IS NOT NULL AND NOT EXISTS (SELECT 1
			FROM change_customers c WHERE c.customer_id = %[1]s AND c.change_id = %[2]s)`,
		who, open, quoteIdent(t.name), cond), args...)
	return err
}

// stopRecording records the runs of rows the load added, what the rows it
// saved became, and whose they are; then turns the triggers on again.
func (l *Loader) stopRecording() error {
	open := "(SELECT open_change FROM history_state)"
	added := map[string][2]int64{}
	for _, t := range l.hist.order {
		if !t.rowid {
			continue
		}
		var hi int64
		pk := quoteIdent(t.pk[0])
		if err := l.tx.QueryRowContext(l.ctx, fmt.Sprintf("SELECT coalesce(max(%s), 0) FROM %s", pk,
			quoteIdent(t.name))).Scan(&hi); err != nil {
			return err
		}
		lo := l.marks[t.name] + 1
		if hi < lo {
			continue
		}
		added[t.name] = [2]int64{lo, hi}
		if err := l.addRange(t, t.pk[0], lo, hi); err != nil {
			return err
		}
	}
	// Tables keyed by another's id (customer_segments, customer_values):
	// the rows of the records added.
	for _, t := range l.hist.order {
		if t.rowid {
			continue
		}
		for _, fk := range t.fks {
			if r, ok := added[fk.parent]; ok && slices.Contains(t.pk, fk.col) {
				if err := l.addRange(t, fk.col, r[0], r[1]); err != nil {
					return err
				}
				break
			}
		}
	}
	// Whose they are; an order line is its order's customer's.
	for _, t := range l.hist.order {
		r, ok := added[t.name]
		if !ok || !t.direct {
			continue
		}
		who := t.customerOf(quoteIdent(t.name) + ".")
		if _, err := l.tx.ExecContext(l.ctx, fmt.Sprintf(`INSERT INTO change_customers (customer_id, change_id)
			SELECT DISTINCT %[1]s, %[2]s FROM %[3]s WHERE %[4]s BETWEEN ? AND ? AND %[1]s IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM change_customers c WHERE c.customer_id = %[1]s AND c.change_id = %[2]s)`,
			who, open, quoteIdent(t.name), quoteIdent(t.pk[0])), r[0], r[1]); err != nil {
			return err
		}
	}
	for _, t := range l.hist.order {
		if _, err := l.tx.ExecContext(l.ctx, fmt.Sprintf(`UPDATE change_rows SET after = (SELECT %s FROM %s
			WHERE %s) WHERE change_id = %s AND tbl = %s`, t.imageOf(""), quoteIdent(t.name),
			t.keyMatch("change_rows.row_key"), open, quoteText(t.name))); err != nil {
			return err
		}
	}
	if l.unhooked {
		if err := l.hist.createTriggers(l.ctx, l.tx); err != nil {
			return err
		}
	}
	return setRecording(l.ctx, l.tx, true)
}

// triggersAwayAfter is how many rows a load writes with the history's
// triggers turned off before it takes them away. Even turned off, a
// trigger costs every row it fires on (about a tenth of a year's
// import); taking the triggers away and making them again costs a load
// ~40 ms whatever its size (two DDL statements for each of ~60
// triggers, and every statement prepared on the connection compiled
// again), which was most of what a small import cost. The two meet at
// some 40,000 rows.
var triggersAwayAfter = 32768

// wrote counts n rows the load wrote, and takes the history's triggers
// away for the rest of it once it has written triggersAwayAfter;
// stopRecording puts them back, in the same transaction.
func (l *Loader) wrote(n int) error {
	l.written += n
	if l.unhooked || l.written < triggersAwayAfter {
		return nil
	}
	l.unhooked = true
	return l.hist.dropTriggers(l.ctx, l.tx)
}

// dropTriggers takes the history triggers away inside a transaction, for
// a bulk change that records itself; createTriggers puts them back.
func (s *histSchema) dropTriggers(ctx context.Context, q queryer) error {
	for _, t := range s.order {
		for name := range t.triggerSQL() {
			if _, err := q.ExecContext(ctx, "DROP TRIGGER IF EXISTS "+quoteIdent(name)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *histSchema) createTriggers(ctx context.Context, q queryer) error {
	for _, t := range s.order {
		for _, sql := range t.triggerSQL() {
			if _, err := q.ExecContext(ctx, sql); err != nil {
				return err
			}
		}
	}
	return nil
}

// addRange records that the load added the rows of t whose col lies in
// [lo, hi]; when col is t's own id, hi is its largest.
func (l *Loader) addRange(t *histTable, col string, lo, hi int64) error {
	where := fmt.Sprintf("WHERE %s BETWEEN ? AND ?", quoteIdent(col))
	args := []any{t.name, col, lo, hi, lo, hi}
	if t.rowid && col == t.pk[0] {
		// hi is the table's largest id: when its smallest is in the run
		// too (a first import), the run is every row, which SQLite counts
		// from the pages of the table's smallest index without reading a
		// row (a year's import: half a million lines).
		var least int64
		if err := l.tx.QueryRowContext(l.ctx, fmt.Sprintf("SELECT coalesce(min(%s), %d) FROM %s", quoteIdent(col),
			lo-1, quoteIdent(t.name))).Scan(&least); err != nil {
			return err
		}
		if least >= lo {
			where, args = "", args[:4]
		}
	}
	_, err := l.tx.ExecContext(l.ctx, fmt.Sprintf(`INSERT INTO change_ranges (change_id, tbl, col, lo, hi, n)
		SELECT (SELECT open_change FROM history_state), ?, ?, ?, ?, count(*) FROM %s %s
		HAVING count(*) > 0`, quoteIdent(t.name), where), args...)
	return err
}
