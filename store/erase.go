package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"clientele/model"
)

// Erasing a customer's personal data for good (their right to be
// forgotten): their personal fields and every free text of their records
// are removed, from the book and from the history's images of them; their
// orders, costs, feedback scores and complaints stay, as an anonymous
// customer's, so that every total is what it was. The history keeps that
// an erasure happened (a change of kind erase, never undone), not what
// was erased. The file is then rewritten (VACUUM, with secure_delete on)
// and its -wal emptied, so that no page of it holds the old text.

// erasedText stands for a text that must not be empty.
const erasedText = "(erased)"

// erasedFields are, for each table, the columns an erasure empties and
// what they become; the customer's name is set apart (erasedName).
var erasedFields = map[string]map[string]any{
	"customers": {"email": "", "phone": "", "social": "", "company": "", "country": "", "language": "",
		"let_go_reason": "", "notes": "", "source": "", "ref_source": "", "ref": nil, "address_line1": "",
		"address_line2": "", "town": "", "region": "", "postcode": "", "consent_email_on": nil, "consent_sms_on": nil,
		"consent_post_on": nil},
	"reminders":       {"note": ""},
	"occasions":       {"name": "", "note": "", "month": 1, "day": 1, "year": nil},
	"customer_fields": {"value": erasedText},
	"orders":          {"notes": "", "void_reason": ""},
	"costs":           {"note": "", "void_reason": ""},
	"feedback":        {"answer": erasedText, "void_reason": ""},
	"complaints":      {"what_went_wrong": erasedText, "remedy": "", "prevention": "", "outcome": "", "void_reason": ""},
	"touches":         {"summary": "", "void_reason": ""},
	"customer_values": {"value": erasedText},
	"customer_refs":   {"ref": erasedText},
}

// erasedName is the name an erased customer keeps: their number.
func erasedName(id int64) string { return fmt.Sprintf("Erased customer %d", id) }

// Erase removes customer id's personal data for good, as the package
// comment says, and those of the customers merged into them earlier (the
// same person). It cannot be undone. ErrNotFound for a missing customer.
func (db *DB) Erase(ctx context.Context, id int64) (model.EraseResult, error) {
	res := model.EraseResult{CustomerID: id}
	// Freed space is overwritten as it is freed, in this write and the
	// VACUUM after it.
	if _, err := db.w.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return res, mapErr(err)
	}
	defer db.w.ExecContext(context.WithoutCancel(ctx), "PRAGMA secure_delete = OFF")
	err := db.change(ctx, model.ChangeErase, note{model.ActionCustomerErase, fmt.Sprintf(
		"Erased the personal data of customer %d", id)}, true, func(tx *sql.Tx, change int64) error {
		if err := mustExist(ctx, tx, "customers", "customer", id); err != nil {
			return err
		}
		if err := setRecording(ctx, tx, false); err != nil {
			return err
		}
		who, err := mergedInto(ctx, tx, id)
		if err != nil {
			return err
		}
		n, err := scrubHistory(ctx, tx, who, erasedName(id))
		if err != nil {
			return err
		}
		res.Scrubbed = n
		if err := eraseRecords(ctx, tx, db.hist, change, id, dbTime(db.Now())); err != nil {
			return err
		}
		if err := refreshSearch(ctx, tx, id); err != nil {
			return err
		}
		return setRecording(ctx, tx, true)
	})
	if err != nil {
		return res, err
	}
	if _, err := db.w.ExecContext(ctx, "VACUUM"); err != nil {
		return res, fmt.Errorf("the customer is erased, but compacting the file failed (%w): run the erasure again "+
			"once no other program has the book open", mapErr(err))
	}
	var busy, log, done int
	if err := db.w.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &log, &done); err != nil {
		return res, mapErr(err)
	}
	res.Compacted = busy == 0 && log == done
	return res, nil
}

// mergedInto lists id and every customer merged into it, and into those,
// from the history: one person whose data was in several records.
func mergedInto(ctx context.Context, tx queryer, id int64) ([]int64, error) {
	who := []int64{id}
	for i := 0; i < len(who); i++ {
		others, err := queryInts(ctx, tx, `SELECT DISTINCT r.row_key ->> '$[0]' FROM change_rows r
			JOIN changes c ON c.id = r.change_id
			WHERE c.action = ? AND r.tbl = 'customers' AND r.after IS NULL
				AND r.change_id IN (SELECT change_id FROM change_customers WHERE customer_id = ?)`,
			model.ActionCustomerMerge, who[i])
		if err != nil {
			return nil, err
		}
		for _, o := range others {
			if !slices.Contains(who, o) {
				who = append(who, o)
			}
		}
	}
	return who, nil
}

// eraseRecords empties the personal fields of customer id and the free
// text of their records, archives them, and records which records it
// touched (their keys alone) under the erasure.
func eraseRecords(ctx context.Context, tx *sql.Tx, s *histSchema, change, id int64, now any) error {
	keys := func(table, where string) error {
		t := s.tables[table]
		_, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO change_rows (change_id, tbl, row_key)
			SELECT ?, ?, %s FROM %s WHERE %s`, t.keyOf(""), quoteIdent(table), where), change, table, id)
		return err
	}
	if err := keys("customers", "id = ?"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO change_customers (customer_id, change_id) VALUES (?, ?)", id,
		change); err != nil {
		return err
	}
	// What describes the person alone goes: their values, the ids imports
	// knew them by, their birthday and other occasions, their custom
	// fields.
	for _, table := range []string{"occasions", "customer_fields"} {
		if err := keys(table, "customer_id = ?"); err != nil {
			return err
		}
	}
	for _, table := range []string{"customer_values", "customer_refs", "occasions", "customer_fields"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE customer_id = ?", id); err != nil {
			return err
		}
	}
	for _, table := range []string{"orders", "costs", "feedback", "complaints", "touches", "reminders"} {
		if err := keys(table, "customer_id = ?"); err != nil {
			return err
		}
		var sets []string
		for col, v := range erasedFields[table] {
			if table == "touches" && col == "summary" {
				// A snooze keeps its mark (it holds no one's words).
				sets = append(sets, "summary = CASE WHEN kind = 'review' AND summary LIKE 'Snoozed until %' THEN summary ELSE '' END")
				continue
			}
			sets = append(sets, fmt.Sprintf("%s = %s", quoteIdent(col), sqlLiteral(v)))
		}
		slices.Sort(sets)
		if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET "+strings.Join(sets, ", ")+" WHERE customer_id = ?",
			id); err != nil {
			return err
		}
	}
	var sets []string
	for col, v := range erasedFields["customers"] {
		sets = append(sets, fmt.Sprintf("%s = %s", quoteIdent(col), sqlLiteral(v)))
	}
	slices.Sort(sets)
	_, err := tx.ExecContext(ctx, "UPDATE customers SET "+strings.Join(sets, ", ")+`, name = ?, updated_at = ?,
		archived_at = coalesce(archived_at, ?) WHERE id = ?`, erasedName(id), now, now, id)
	return err
}

// sqlLiteral writes an erased value as SQL.
func sqlLiteral(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case int:
		return fmt.Sprint(v)
	}
	return quoteText(v.(string))
}

// scrubHistory takes the personal data of the customers who out of the
// history: from every image of their records (the customer's own, and
// those of any record that was theirs, before or after), from the rows
// kept by undone bulk changes, and from the words of every change that
// touched their records, where their names become name. It returns how
// many images and descriptions it changed.
func scrubHistory(ctx context.Context, tx *sql.Tx, who []int64, name string) (int, error) {
	in := anys(who)
	list := "(" + placeholders(len(who)) + ")"
	// The names they went by, before the images that hold them are
	// scrubbed: the descriptions name them so.
	names, err := queryStrings(ctx, tx, `SELECT DISTINCT n FROM (
		SELECT before ->> '$.name' AS n FROM change_rows WHERE tbl = 'customers' AND (row_key ->> '$[0]') IN `+list+`
		UNION SELECT after ->> '$.name' FROM change_rows WHERE tbl = 'customers' AND (row_key ->> '$[0]') IN `+list+`
		UNION SELECT name FROM customers WHERE id IN `+list+`) WHERE n IS NOT NULL AND n <> ''`,
		append(append(append([]any{}, in...), in...), in...)...)
	if err != nil {
		return 0, err
	}
	scrubbed := 0
	exec := func(query string, args ...any) error {
		r, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		scrubbed += int(n)
		return nil
	}
	for table, fields := range erasedFields {
		set := func(image string) string {
			args := []string{image}
			cols := make([]string, 0, len(fields))
			for col := range fields {
				cols = append(cols, col)
			}
			slices.Sort(cols)
			for _, col := range cols {
				v := fields[col]
				if table == "touches" && col == "summary" {
					args = append(args, "'$.summary'", fmt.Sprintf(
						"CASE WHEN %[1]s ->> '$.summary' LIKE 'Snoozed until %%' THEN %[1]s ->> '$.summary' ELSE '' END", image))
					continue
				}
				args = append(args, quoteText("$."+col), sqlLiteral(v))
			}
			if table == "customers" {
				args = append(args, "'$.name'", quoteText(name))
			}
			return fmt.Sprintf("CASE WHEN %s IS NULL THEN NULL ELSE json_set(%s) END", image, strings.Join(args, ", "))
		}
		whose := "(before ->> '$.customer_id') IN " + list + " OR (after ->> '$.customer_id') IN " + list
		args := append(append([]any{}, in...), in...)
		if table == "customers" {
			whose, args = "(row_key ->> '$[0]') IN "+list, in
		}
		key := "row_key"
		if table == "customer_values" {
			// Its key holds the value itself.
			key = "json_array(row_key ->> '$[0]', " + quoteText(erasedText) + ")"
		}
		if err := exec(fmt.Sprintf("UPDATE change_rows SET before = %s, after = %s, row_key = %s WHERE tbl = %s AND (%s)",
			set("before"), set("after"), key, quoteText(table), whose), args...); err != nil {
			return 0, err
		}
	}
	if err := scrubRuns(ctx, tx, who, name, &scrubbed); err != nil {
		return 0, err
	}
	// The words of their changes.
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) }) // "Poppy Byrne" before "Poppy"
	rows, err := tx.QueryContext(ctx, `SELECT id, what FROM changes WHERE id IN
		(SELECT change_id FROM change_customers WHERE customer_id IN `+list+`)`, in...)
	if err != nil {
		return 0, err
	}
	type what struct {
		id   int64
		text string
	}
	var whats []what
	for rows.Next() {
		var w what
		if err := rows.Scan(&w.id, &w.text); err != nil {
			rows.Close()
			return 0, err
		}
		whats = append(whats, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, w := range whats {
		text := w.text
		for _, n := range names {
			text = strings.ReplaceAll(text, n, name)
		}
		if text != w.text {
			if err := exec("UPDATE changes SET what = ? WHERE id = ?", text, w.id); err != nil {
				return 0, err
			}
		}
	}
	return scrubbed, nil
}

// scrubRuns takes their personal data out of the rows an undone bulk
// change keeps (change_ranges.rows: JSON arrays of the columns in cols).
func scrubRuns(ctx context.Context, tx *sql.Tx, who []int64, name string, scrubbed *int) error {
	var tables []any
	for t := range erasedFields {
		tables = append(tables, t)
	}
	rows, err := tx.QueryContext(ctx, `SELECT change_id, tbl, lo, cols, rows FROM change_ranges
		WHERE rows IS NOT NULL AND tbl IN (`+placeholders(len(tables))+`)`, tables...)
	if err != nil {
		return err
	}
	type run struct {
		change   int64
		tbl      string
		lo       int64
		cols     []string
		contents [][]any
	}
	var runs []run
	for rows.Next() {
		var r run
		var cols, contents string
		if err := rows.Scan(&r.change, &r.tbl, &r.lo, &cols, &contents); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal([]byte(cols), &r.cols); err != nil {
			rows.Close()
			return err
		}
		dec := json.NewDecoder(strings.NewReader(contents))
		dec.UseNumber()
		if err := dec.Decode(&r.contents); err != nil {
			rows.Close()
			return err
		}
		runs = append(runs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	isWho := func(v any) bool {
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		id, err := n.Int64()
		return err == nil && slices.Contains(who, id)
	}
	for _, r := range runs {
		owner := slices.Index(r.cols, "customer_id")
		if r.tbl == "customers" {
			owner = slices.Index(r.cols, "id")
		}
		if owner < 0 {
			continue
		}
		changed := false
		for _, row := range r.contents {
			if owner >= len(row) || !isWho(row[owner]) {
				continue
			}
			for i, col := range r.cols {
				if v, ok := erasedFields[r.tbl][col]; ok && i < len(row) {
					if r.tbl == "touches" && col == "summary" {
						if s, _ := row[i].(string); strings.HasPrefix(s, model.SnoozeNote) {
							continue
						}
						v = ""
					}
					row[i] = v
				}
				if r.tbl == "customers" && col == "name" {
					row[i] = name
				}
				if r.tbl == "customers" && (col == "sort_name" || col == "search" || col == "name_key" ||
					col == "name_rev" || col == "email_key" || col == "phone_key") {
					row[i] = "" // kept keys, recomputed when the row comes back
				}
			}
			changed = true
		}
		if !changed {
			continue
		}
		b, err := json.Marshal(r.contents)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE change_ranges SET rows = ? WHERE change_id = ? AND tbl = ? AND lo = ?",
			string(b), r.change, r.tbl, r.lo); err != nil {
			return err
		}
		*scrubbed++
	}
	return nil
}
