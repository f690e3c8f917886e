package store

import (
	"fmt"
	"maps"
	"slices"

	"clientele/model"
)

// checkReferences proves, in a load without foreign keys (LoadNew), what
// they would have checked row by row: that every row the load added
// refers to rows that are there. An order line's order is the one Order
// had just written (no order is deleted in such a load: ReplaceOrder
// refuses), and the offerings the lines name are looked up once each.
// The rows added to every other table are checked in one query per
// reference; those of the tables keyed by another's id (customer_segments,
// customer_values, customer_fields), which have no rowid that tells the
// added ones, all of them, by foreign_key_check.
func (l *Loader) checkReferences() error {
	if !l.unchecked {
		return nil
	}
	ids := slices.Sorted(maps.Keys(l.offerings))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		var found int
		if err := l.tx.QueryRowContext(l.ctx, "SELECT count(*) FROM offerings WHERE id IN ("+placeholders(n)+")",
			anys(ids[:n])...).Scan(&found); err != nil {
			return err
		}
		if found != n {
			return fmt.Errorf("%w: an order line refers to an offering that does not exist", model.ErrConflict)
		}
		ids = ids[n:]
	}
	type ref struct{ table, col, parent, key string }
	rows, err := l.tx.QueryContext(l.ctx, `SELECT m.name, f."from", f."table", coalesce(f."to", 'rowid')
		FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND m.name <> 'order_lines' ORDER BY 1, 2`)
	if err != nil {
		return err
	}
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.table, &r.col, &r.parent, &r.key); err != nil {
			rows.Close()
			return err
		}
		refs = append(refs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	whole := map[string]bool{} // tables checked whole
	for _, r := range refs {
		var bad bool
		if mark, ok := l.marks[r.table]; ok {
			err = l.tx.QueryRowContext(l.ctx, fmt.Sprintf(`SELECT EXISTS (SELECT 1 FROM %[1]s c
				WHERE c.rowid > ? AND c.%[2]s IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM %[3]s p WHERE p.%[4]s = c.%[2]s))`,
				quoteIdent(r.table), quoteIdent(r.col), quoteIdent(r.parent), quoteIdent(r.key)), mark).Scan(&bad)
		} else if !whole[r.table] {
			whole[r.table] = true
			err = l.tx.QueryRowContext(l.ctx, "SELECT EXISTS (SELECT 1 FROM pragma_foreign_key_check(?))", r.table).
				Scan(&bad)
		}
		if err != nil {
			return err
		}
		if bad {
			return fmt.Errorf("%w: a row of %s refers to a row of %s that does not exist", model.ErrConflict,
				r.table, r.parent)
		}
	}
	return nil
}
