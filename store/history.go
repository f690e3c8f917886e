package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"clientele/model"
)

// The change history (migration 0009). Every table of the book has three
// triggers, generated here from the schema when the store opens, that
// hand an image of each row written (json_object of its columns) to the
// history_log view; its one INSTEAD OF trigger files the image under the
// open change. db.write opens a change before its work and closes it
// after, in the same transaction, so no write, and no edit in the sqlite3
// shell, escapes the history. A bulk change (db.Load) turns the triggers
// off (history_state.recording) and records the runs of ids it added and
// the rows it replaced itself: an image per imported row would double an
// import's work.
//
// A table added by a later migration is recorded as soon as it exists:
// ensureHistory makes its triggers the next time the store opens. A table
// the store keeps from others is named in notRecorded; a column it keeps
// from other records in keptColumns (undo recomputes those).

// notRecorded are the tables whose rows are not the book's own records:
// the history itself, and what the store keeps from other tables.
var notRecorded = func() map[string]bool {
	m := map[string]bool{
		"changes": true, "change_rows": true, "change_customers": true, "change_ranges": true,
		"history_state": true, "customer_keys_stale": true,
	}
	// The book the whole-book screens read, kept by its own triggers
	// (store/book.go): an undo's changes to the records remake it.
	for _, t := range bookTables {
		m[t] = true
	}
	return m
}()

// keptColumns are, per table, the columns the store keeps from other
// records: left out of the images, recomputed after an undo
// (refreshFigures, refreshSearch, the touches triggers).
var keptColumns = map[string]map[string]bool{
	"customers": {"order_count": true, "revenue": true, "first_order_at": true, "last_order_at": true,
		"order_gap_days": true, "last_touch_at": true, "sort_name": true, "search": true,
		"email_key": true, "phone_key": true, "name_key": true, "name_rev": true},
	// The occurrence waiting, kept by the reminders' triggers from the
	// series and the customer's last contact.
	"reminders": {"due_on": true},
}

// histTable is one recorded table as the history needs it.
type histTable struct {
	name  string
	cols  []string // every column, in order
	image []string // the columns of an image: cols less the kept ones
	pk    []string // the primary key's columns
	rowid bool     // the key is an INTEGER PRIMARY KEY "id"
	// customer is the SQL expression, with %[1]s the row's prefix (NEW.,
	// OLD., or a table alias), of the customer a row belongs to; "" for
	// tables of no customer.
	customer string
	// direct is set when the customer is a column of the row itself (not
	// its parent's, as an order line's is its order's).
	direct bool
	fks    []histFK
	order  int // position parent-first
}

// histFK is a column that refers to another table.
type histFK struct{ col, parent string }

// histSchema is every recorded table, by name and parent-first.
type histSchema struct {
	tables map[string]*histTable
	order  []*histTable // parents before children
}

// loadHistSchema reads the recorded tables from the schema.
func loadHistSchema(ctx context.Context, q queryer) (*histSchema, error) {
	names, err := queryStrings(ctx, q, `SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND `+notLitestream+` ORDER BY name`)
	if err != nil {
		return nil, err
	}
	s := &histSchema{tables: map[string]*histTable{}}
	for _, name := range names {
		if notRecorded[name] {
			continue
		}
		t := &histTable{name: name}
		rows, err := q.QueryContext(ctx, "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", name)
		if err != nil {
			return nil, err
		}
		type pkCol struct {
			name string
			n    int
		}
		var pks []pkCol
		for rows.Next() {
			var col, typ string
			var pk int
			if err := rows.Scan(&col, &typ, &pk); err != nil {
				rows.Close()
				return nil, err
			}
			t.cols = append(t.cols, col)
			if !keptColumns[name][col] {
				t.image = append(t.image, col)
			}
			if pk > 0 {
				pks = append(pks, pkCol{col, pk})
				t.rowid = strings.EqualFold(typ, "INTEGER")
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		slices.SortFunc(pks, func(a, b pkCol) int { return a.n - b.n })
		for _, p := range pks {
			t.pk = append(t.pk, p.name)
		}
		t.rowid = t.rowid && len(t.pk) == 1
		if len(t.pk) == 0 {
			continue // no key to find a row by: not a table of records
		}
		fks, err := q.QueryContext(ctx, `SELECT "from", "table" FROM pragma_foreign_key_list(?)`, name)
		if err != nil {
			return nil, err
		}
		for fks.Next() {
			var fk histFK
			if err := fks.Scan(&fk.col, &fk.parent); err != nil {
				fks.Close()
				return nil, err
			}
			t.fks = append(t.fks, fk)
		}
		fks.Close()
		if err := fks.Err(); err != nil {
			return nil, err
		}
		s.tables[name] = t
	}
	for _, t := range s.tables {
		switch {
		case t.name == "customers":
			t.customer, t.direct = "%[1]sid", true
		case slices.Contains(t.cols, "customer_id"):
			t.customer, t.direct = "%[1]scustomer_id", true
		default:
			for _, fk := range t.fks {
				if p := s.tables[fk.parent]; p != nil && slices.Contains(p.cols, "customer_id") && p.rowid {
					t.customer = fmt.Sprintf("(SELECT customer_id FROM %s WHERE %s = %%[1]s%s)", quoteIdent(p.name),
						quoteIdent(p.pk[0]), quoteIdent(fk.col))
					break
				}
			}
		}
	}
	s.sortParentsFirst()
	return s, nil
}

// sortParentsFirst orders the tables so that every table comes after the
// tables it refers to (a table referring to itself aside).
func (s *histSchema) sortParentsFirst() {
	names := make([]string, 0, len(s.tables))
	for n := range s.tables {
		names = append(names, n)
	}
	slices.Sort(names)
	done := map[string]bool{}
	var visit func(n string, depth int)
	visit = func(n string, depth int) {
		t := s.tables[n]
		if t == nil || done[n] || depth > len(names) {
			return
		}
		for _, fk := range t.fks {
			if fk.parent != n {
				visit(fk.parent, depth+1)
			}
		}
		if !done[n] {
			done[n] = true
			t.order = len(s.order)
			s.order = append(s.order, t)
		}
	}
	for _, n := range names {
		visit(n, 0)
	}
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// quoteText quotes an SQL text literal.
func quoteText(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// imageOf is the JSON image of a row, its columns prefixed by p.
func (t *histTable) imageOf(p string) string {
	args := make([]string, 0, 2*len(t.image))
	for _, c := range t.image {
		args = append(args, quoteText(c), p+quoteIdent(c))
	}
	return "json_object(" + strings.Join(args, ", ") + ")"
}

// keyOf is the JSON array of a row's primary key, prefixed by p.
func (t *histTable) keyOf(p string) string {
	parts := make([]string, len(t.pk))
	for i, c := range t.pk {
		parts[i] = p + quoteIdent(c)
	}
	return "json_array(" + strings.Join(parts, ", ") + ")"
}

// customerOf is the customer of a row prefixed by p, or NULL.
func (t *histTable) customerOf(p string) string {
	if t.customer == "" {
		return "NULL"
	}
	return fmt.Sprintf(t.customer, p)
}

// keyMatch is the condition that a row's key is the JSON array expr.
func (t *histTable) keyMatch(expr string) string {
	parts := make([]string, len(t.pk))
	for i, c := range t.pk {
		parts[i] = fmt.Sprintf("%s = (%s ->> '$[%d]')", quoteIdent(c), expr, i)
	}
	return strings.Join(parts, " AND ")
}

// keyWhere is the condition that finds a row by its key given as a JSON
// array in parameter ?n.
func (t *histTable) keyWhere(n int) string { return t.keyMatch(fmt.Sprintf("?%d", n)) }

// triggerSQL returns the table's three history triggers by name.
func (t *histTable) triggerSQL() map[string]string {
	name := func(op string) string { return "history_" + t.name + "_" + op }
	table := quoteIdent(t.name)
	rec := "(SELECT recording FROM history_state)"
	log := "INSERT INTO history_log (tbl, row_key, before, after, customer1, customer2) "
	sameKey := make([]string, len(t.pk))
	for i, c := range t.pk {
		sameKey[i] = "OLD." + quoteIdent(c) + " IS NEW." + quoteIdent(c)
	}
	same := strings.Join(sameKey, " AND ")
	differs := make([]string, len(t.image))
	for i, c := range t.image {
		differs[i] = "OLD." + quoteIdent(c) + " IS NOT NEW." + quoteIdent(c)
	}
	tbl := quoteText(t.name)
	return map[string]string{
		name("insert"): fmt.Sprintf("CREATE TRIGGER %s AFTER INSERT ON %s WHEN %s\nBEGIN\n  %sVALUES (%s, %s, NULL, %s, %s, NULL);\nEND",
			quoteIdent(name("insert")), table, rec, log, tbl, t.keyOf("NEW."), t.imageOf("NEW."), t.customerOf("NEW.")),
		name("delete"): fmt.Sprintf("CREATE TRIGGER %s AFTER DELETE ON %s WHEN %s\nBEGIN\n  %sVALUES (%s, %s, %s, NULL, %s, NULL);\nEND",
			quoteIdent(name("delete")), table, rec, log, tbl, t.keyOf("OLD."), t.imageOf("OLD."), t.customerOf("OLD.")),
		name("update"): fmt.Sprintf("CREATE TRIGGER %s AFTER UPDATE ON %s WHEN %s AND (%s)\nBEGIN\n"+
			"  %sSELECT %s, %s, %s, %s, %s, %s WHERE %s;\n"+
			"  %sSELECT %s, %s, %s, NULL, %s, NULL WHERE NOT (%s);\n"+
			"  %sSELECT %s, %s, NULL, %s, %s, NULL WHERE NOT (%s);\nEND",
			quoteIdent(name("update")), table, rec, strings.Join(differs, " OR "),
			log, tbl, t.keyOf("OLD."), t.imageOf("OLD."), t.imageOf("NEW."), t.customerOf("OLD."), t.customerOf("NEW."), same,
			log, tbl, t.keyOf("OLD."), t.imageOf("OLD."), t.customerOf("OLD."), same,
			log, tbl, t.keyOf("NEW."), t.imageOf("NEW."), t.customerOf("NEW."), same),
	}
}

// openHistory readies the history of a book just opened: its triggers in
// line with the schema (ensureHistory), and the kept keys an edit made
// outside clientele left stale refreshed. Nothing is written to a book
// that needs neither; a book that cannot be written is only read.
func (db *DB) openHistory(ctx context.Context) error {
	var has bool
	if err := db.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'history_state')`).
		Scan(&has); err != nil {
		return err
	}
	if db.readOnly != nil || !has {
		// A book that cannot be written, or one whose schema is older
		// than the history (read only, until upgraded), is only read.
		s, err := loadHistSchema(ctx, db.r)
		db.hist = s
		return err
	}
	if err := db.ensureHistory(ctx); err != nil {
		return err
	}
	var stale bool
	if err := db.r.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM customer_keys_stale)").Scan(&stale); err != nil ||
		!stale {
		return err
	}
	if err := db.Health(ctx); err != nil {
		return err
	}
	return db.maintain(ctx, func(tx *sql.Tx) error { return refreshStaleKeys(ctx, tx) })
}

// ensureHistory brings the history triggers in line with the schema: a
// table new since they were made gets its own, a table with new columns
// gets them remade, a table gone loses them. A store opened on an
// up-to-date file reads the schema and writes nothing.
func (db *DB) ensureHistory(ctx context.Context) error {
	s, err := loadHistSchema(ctx, db.w)
	if err != nil {
		return fmt.Errorf("reading the schema for the history: %w", err)
	}
	want := map[string]string{}
	for _, t := range s.tables {
		for n, q := range t.triggerSQL() {
			want[n] = q
		}
	}
	rows, err := db.w.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
		AND name LIKE 'history\_%' ESCAPE '\' AND name <> 'history_log_insert'`)
	if err != nil {
		return err
	}
	have := map[string]string{}
	for rows.Next() {
		var n, q string
		if err := rows.Scan(&n, &q); err != nil {
			rows.Close()
			return err
		}
		have[n] = q
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var drop, create []string
	for n, q := range have {
		if want[n] != q {
			drop = append(drop, n)
		}
	}
	for n, q := range want {
		if have[n] != q {
			create = append(create, q)
		}
	}
	if len(drop)+len(create) > 0 {
		if err := db.Health(ctx); err != nil {
			return err
		}
		// Remaking the triggers rewrites much of the schema: after a
		// migration, on a small disk, the -wal would hold both.
		db.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		slices.Sort(drop)
		slices.Sort(create)
		err = db.maintain(ctx, func(tx *sql.Tx) error {
			for _, n := range drop {
				if _, err := tx.ExecContext(ctx, "DROP TRIGGER IF EXISTS "+quoteIdent(n)); err != nil {
					return err
				}
			}
			for _, q := range create {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return fmt.Errorf("making a history trigger: %w", err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	db.hist = s
	return nil
}

// note says what a write is, for the history: its action, and in words.
type note struct {
	action model.Action
	what   string
}

// openChange starts the change a write records under, and turns the
// triggers on.
func openChange(ctx context.Context, tx *sql.Tx, at string, kind model.ChangeKind, n note) (int64, error) {
	// An edit made outside clientele left its change open for the next
	// outside edit: a write of ours ends it.
	var id int64
	err := tx.QueryRowContext(ctx, "INSERT INTO changes (at, kind, action, what) VALUES (?, ?, ?, ?) RETURNING id",
		at, kind, n.action, n.what).Scan(&id)
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, "UPDATE history_state SET open_change = ?, recording = 1", id)
	return id, err
}

// closeChange ends the open change: it counts what it touched, forgets it
// when it touched nothing (a save that changed nothing is no change),
// and refreshes the kept keys of any customer left marked.
func closeChange(ctx context.Context, tx *sql.Tx, keepEmpty bool) error {
	if err := refreshStaleKeys(ctx, tx); err != nil {
		return err
	}
	var id int64
	if err := tx.QueryRowContext(ctx, "SELECT open_change FROM history_state").Scan(&id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE changes SET records = (SELECT count(*) FROM change_rows WHERE change_id = ?1)
		+ (SELECT coalesce(sum(n), 0) FROM change_ranges WHERE change_id = ?1) WHERE id = ?1`, id)
	if err != nil {
		return err
	}
	if !keepEmpty {
		if _, err := tx.ExecContext(ctx, "DELETE FROM changes WHERE id = ? AND records = 0", id); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, "UPDATE history_state SET open_change = NULL, recording = 1")
	return err
}

// describe sets the words of the open change, for a write that knows
// them only once it has read what it changes.
func describe(ctx context.Context, tx *sql.Tx, what string) error {
	_, err := tx.ExecContext(ctx, "UPDATE changes SET what = ? WHERE id = (SELECT open_change FROM history_state)", what)
	return err
}

// setRecording turns the history triggers on or off inside a transaction
// (a file older than the history has none to turn).
func setRecording(ctx context.Context, q queryer, on bool) error {
	v := 0
	if on {
		v = 1
	}
	_, err := q.ExecContext(ctx, `UPDATE history_state SET recording = ?
		WHERE EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'history_state')`, v)
	if err != nil && strings.Contains(err.Error(), "no such table") {
		return nil
	}
	return err
}

// maintain runs fn in one transaction that the history does not record:
// schema upkeep and the kept keys, which are no change to the book.
func (db *DB) maintain(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	if err := setRecording(ctx, tx, false); err != nil {
		tx.Rollback()
		return mapErr(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return mapErr(err)
	}
	if err := setRecording(ctx, tx, true); err != nil {
		tx.Rollback()
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

// customerName is a customer's name for a description, or "customer N"
// when there is none.
func customerName(ctx context.Context, q queryer, id int64) string {
	if id == 0 {
		return "no customer"
	}
	var name string
	if err := q.QueryRowContext(ctx, "SELECT name FROM customers WHERE id = ?", id).Scan(&name); err != nil || name == "" {
		return fmt.Sprintf("customer %d", id)
	}
	return name
}

// queryStrings runs a query of one text column.
func queryStrings(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// queryInts runs a query of one integer column.
func queryInts(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var n sql.NullInt64
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		if n.Valid {
			out = append(out, n.Int64)
		}
	}
	return out, rows.Err()
}
