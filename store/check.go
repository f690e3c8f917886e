package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"clientele/model"
)

// CheckReport is what Check found in a database file. Each list holds one
// line per problem, in words; all three empty means the file is sound.
type CheckReport struct {
	Path string
	// Integrity holds PRAGMA integrity_check's findings: damaged pages,
	// broken indexes, values that break a CHECK.
	Integrity []string
	// ForeignKeys holds the rows that refer to a record that is missing.
	ForeignKeys []string
	// Amounts holds, per table, the rows with an amount or quantity past
	// what clientele stores (model.MaxMoney, model.MaxQuantity): written
	// around it, with the sqlite3 shell, and able to make sums overflow.
	Amounts []string
	// Figures holds the customers whose kept figures (orders, revenue,
	// first and last order) disagree with their orders, or whose orders
	// keep sums their lines do not add up to (the orders of no customer,
	// which the unattributed row sums, count as one more); FiguresOff
	// counts them all when there are more than the list shows.
	Figures    []string
	FiguresOff int
	// Months holds the customers whose months or card kept for the
	// whole-book screens (customer_months, customer_cards) disagree with
	// their orders, costs and own rows; MonthsOff counts the customers.
	Months    []string
	MonthsOff int
	// Keys holds the customers whose kept keys (the folded name the list
	// sorts by, the filter's text, the duplicate keys) disagree with
	// their fields: an edit made outside clientele not yet refreshed.
	// KeysOff counts them all.
	Keys    []string
	KeysOff int
	// What was checked.
	Customers, Orders, Lines int
	// Version is the file's schema version when it was checked: below
	// SchemaVersion, an older clientele's file, whose figures are checked
	// once it is upgraded. UpgradedFrom is the version CheckAndFix
	// upgraded it from, 0 when it did not.
	Version, UpgradedFrom int

	wrong    map[int64]bool // the customers whose figures disagree, or whose months or card do
	onlyBook int            // of those, the ones whose figures agree
}

// Older reports whether the file checked is an older clientele's, to be
// upgraded before this one can use it.
func (r CheckReport) Older() bool { return r.Version > 0 && r.Version < len(migrations) }

// OK reports whether the check found nothing wrong.
func (r CheckReport) OK() bool {
	return len(r.Integrity) == 0 && len(r.ForeignKeys) == 0 && len(r.Amounts) == 0 && r.FiguresOff == 0 &&
		r.KeysOff == 0 && r.MonthsOff == 0
}

// maxFindings is how many lines of each kind a report lists.
const maxFindings = 20

// String is the plain report `clientele check` prints.
func (r CheckReport) String() string {
	var b strings.Builder
	if len(r.Integrity) == 0 {
		fmt.Fprintf(&b, "Checked %s: %s, %s, %s.\n", r.Path, model.Plural(r.Customers, "customer", "customers"),
			model.Plural(r.Orders, "order", "orders"), model.Plural(r.Lines, "order line", "order lines"))
	} else {
		fmt.Fprintf(&b, "Checked %s.\n", r.Path)
	}
	section := func(ok, bad string, lines []string, n int) {
		if n == 0 {
			fmt.Fprintf(&b, "ok    %s\n", ok)
			return
		}
		fmt.Fprintf(&b, "FAIL  %s\n", bad)
		for _, l := range lines {
			fmt.Fprintf(&b, "      - %s\n", l)
		}
		if n > len(lines) {
			fmt.Fprintf(&b, "      … and %d more\n", n-len(lines))
		}
	}
	section("integrity: every page and index reads back whole", "integrity: the file is damaged",
		r.Integrity, len(r.Integrity))
	section("references: every row refers to records that exist", "references: rows refer to missing records",
		r.ForeignKeys, len(r.ForeignKeys))
	section(fmt.Sprintf("amounts: every amount is within ±%s and every quantity within ±%s", model.MaxMoney,
		model.Commas(model.MaxQuantity)), "amounts: rows hold amounts past what clientele stores, which sums may "+
		"not hold", r.Amounts, len(r.Amounts))
	if r.Older() {
		fmt.Fprintf(&b, "older figures: checked once the file is upgraded\n")
	} else {
		section("figures: customers' orders, revenue and last order match their orders; orders' sums match their lines",
			"figures: "+model.Plural(r.FiguresOff, "customer's kept figures disagree", "customers' kept figures disagree")+
				" with their orders",
			r.Figures, r.FiguresOff)
		section("keys: every customer's sort name, filter text and duplicate keys match their fields",
			"keys: "+model.Plural(r.KeysOff, "customer's kept keys disagree", "customers' kept keys disagree")+
				" with their fields (edited outside clientele)",
			r.Keys, r.KeysOff)
		section("book: each customer's months and card kept for the whole-book screens match their records",
			"book: "+model.Plural(r.MonthsOff, "customer's kept months or card disagree",
				"customers' kept months or cards disagree")+" with their records",
			r.Months, r.MonthsOff)
	}
	if r.UpgradedFrom > 0 {
		fmt.Fprintf(&b, "Upgraded the file from schema version %d to %d; a copy of it as it was is beside it "+
			"(%s.before-v%d-….bak) when it held anything.\n", r.UpgradedFrom, r.Version, filepath.Base(r.Path), r.Version)
	}
	switch {
	case len(r.Integrity) > 0:
		b.WriteString("The file is damaged: restore the latest backup (clientele backup makes one), " +
			"or try `sqlite3 FILE .recover` on a copy.\n")
	case len(r.ForeignKeys) > 0:
		b.WriteString("Some rows point at records that are gone: restore the latest backup, " +
			"or ask for help before editing the file.\n")
	case len(r.Amounts) > 0:
		b.WriteString("Some amounts were written around clientele's limits: correct or remove those rows " +
			"(the sqlite3 shell wrote them), or restore the latest backup.\n")
	case r.FiguresOff > 0 || r.KeysOff > 0 || r.MonthsOff > 0:
		b.WriteString("Run `clientele check --fix` to recompute the figures from the orders and the keys from the fields.\n")
	case r.Older():
		fmt.Fprintf(&b, "The file is whole, and from an older clientele (schema version %d; this one writes %d): "+
			"run `clientele check --fix`, or open it with clientele, to upgrade it; a copy of it as it is is made "+
			"first.\n", r.Version, len(migrations))
	default:
		b.WriteString("All is well.\n")
	}
	return b.String()
}

// Check reads the database at path without writing to it and reports
// damage (integrity_check), broken references (foreign_key_check) and
// customers whose kept figures disagree with their orders. A file that is
// not a clientele database, or too damaged to read at all, is an error.
func Check(ctx context.Context, path string) (CheckReport, error) {
	r := CheckReport{Path: path}
	version, err := probe(ctx, path, true)
	if err != nil {
		return r, err
	}
	if version == 0 {
		return r, noDatabase(path)
	}
	r.Version = version
	ro, err := openRead(ctx, path)
	if err != nil {
		return r, err
	}
	defer ro.Close()
	damaged := func(err error) (CheckReport, error) {
		r.Integrity = append(r.Integrity, mapErr(err).Error())
		return r, nil
	}

	rows, err := ro.QueryContext(ctx, fmt.Sprintf("PRAGMA integrity_check(%d)", maxFindings))
	if err != nil {
		return damaged(err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return damaged(err)
		}
		if msg != "ok" {
			r.Integrity = append(r.Integrity, msg)
		}
	}
	if err := rows.Close(); err != nil {
		return damaged(err)
	}
	if rows.Err() != nil {
		return damaged(rows.Err())
	}
	if len(r.Integrity) > 0 {
		// Counting and comparing would read the damage; the report says
		// enough.
		return r, nil
	}

	for _, c := range []struct {
		n     *int
		table string
	}{{&r.Customers, "customers"}, {&r.Orders, "orders"}, {&r.Lines, "order_lines"}} {
		if err := ro.QueryRowContext(ctx, "SELECT count(*) FROM "+c.table).Scan(c.n); err != nil {
			return damaged(err)
		}
	}

	if err := checkReferences(ctx, ro, &r); err != nil {
		return damaged(err)
	}
	if err := checkAmounts(ctx, ro, &r); err != nil {
		return damaged(err)
	}
	if r.Older() {
		// Its figures are kept in columns later migrations add.
		return r, nil
	}
	if err := checkFigures(ctx, ro, &r); err != nil {
		return damaged(err)
	}
	if err := r.checkKeys(ctx, ro); err != nil {
		return damaged(err)
	}
	if err := r.checkMonths(ctx, ro); err != nil {
		return damaged(err)
	}
	return r, nil
}

// checkReferences lists the rows that refer to a missing record.
func checkReferences(ctx context.Context, ro *sql.DB, r *CheckReport) error {
	fk, err := ro.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	r.ForeignKeys, err = brokenReferences(fk)
	return err
}

// amountColumns are the tables and their amounts and quantities that
// check bounds, as SQL conditions true for a row past the bounds (%[1]d is
// MaxMoney, %[2]d MaxQuantity). They exist since the first migration.
var amountColumns = []struct{ table, past string }{
	{"order_lines", "abs(amount) > %[1]d OR abs(unit_price) > %[1]d OR abs(unit_cost) > %[1]d OR " +
		"abs(quantity) > %[2]d OR typeof(quantity * unit_cost) <> 'integer' OR abs(quantity * unit_cost) > %[1]d"},
	{"costs", "abs(amount) > %[1]d"},
	{"customers", "abs(acquisition_cost) > %[1]d"},
	{"offerings", "abs(price) > %[1]d OR abs(unit_cost) > %[1]d"},
}

// checkAmounts lists, per table, the rows past the bounds on amounts.
func checkAmounts(ctx context.Context, ro *sql.DB, r *CheckReport) error {
	for _, c := range amountColumns {
		var n int
		q := "SELECT count(*) FROM " + c.table + " WHERE " + fmt.Sprintf(c.past, model.MaxMoney, model.MaxQuantity)
		if err := ro.QueryRowContext(ctx, q).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			r.Amounts = append(r.Amounts, fmt.Sprintf("%s: %s", c.table, model.Plural(n, "row", "rows")))
		}
	}
	return nil
}

// checkFigures lists the customers whose kept figures disagree with their
// orders, and counts the orders of no customer whose sums are wrong.
func checkFigures(ctx context.Context, ro *sql.DB, r *CheckReport) error {
	figs, err := ro.QueryContext(ctx, figuresQuery)
	if err != nil {
		return err
	}
	defer figs.Close()
	for figs.Next() {
		var id int64
		var name string
		var count, wantCount int
		var revenue, wantRevenue int64
		var last, wantLast sql.NullString
		var badSums int
		if err := figs.Scan(&id, &name, &count, &wantCount, &revenue, &wantRevenue, &last, &wantLast,
			&badSums); err != nil {
			return err
		}
		r.FiguresOff++
		r.mark(id)
		if len(r.Figures) < maxFindings {
			line := fmt.Sprintf("customer %d (%s): kept %d orders, revenue %d, last order %s; the orders say %d, %d, %s",
				id, printable(name, 40), count, revenue, orNone(last), wantCount, wantRevenue, orNone(wantLast))
			if badSums > 0 {
				line += fmt.Sprintf("; %d of their orders keep sums their lines do not add up to", badSums)
			}
			r.Figures = append(r.Figures, line)
		}
	}
	if err := figs.Err(); err != nil {
		return err
	}
	var loose int
	if err := ro.QueryRowContext(ctx, `SELECT count(*) FROM orders o LEFT JOIN `+lineSums+` x ON x.order_id = o.id
		WHERE o.customer_id IS NULL AND `+sumsDiffer).Scan(&loose); err != nil {
		return err
	}
	if loose > 0 {
		r.FiguresOff++
		r.mark(0)
		r.Figures = append(r.Figures, fmt.Sprintf("%d orders of no customer keep sums their lines do not add up to",
			loose))
	}
	var stale int
	if err := ro.QueryRowContext(ctx, `SELECT count(*) FROM reminders r WHERE `+dueDiffers).Scan(&stale); err != nil {
		return err
	}
	if stale > 0 {
		r.FiguresOff++
		r.Figures = append(r.Figures, fmt.Sprintf("%s a waiting day its customer's last contact does not give",
			model.Plural(stale, "reminder keeps", "reminders keep")))
	}
	return nil
}

// dueDiffers tests a reminder r whose kept waiting day (due_on) is not
// the one its series and its customer's last contact give.
const dueDiffers = `r.due_on IS NOT (SELECT n.due FROM reminders_next n WHERE n.id = r.id)`

// mark counts customer id among those whose kept figures are wrong.
func (r *CheckReport) mark(id int64) {
	if r.wrong == nil {
		r.wrong = map[int64]bool{}
	}
	r.wrong[id] = true
}

// checkMonths compares every customer's kept months and card with their
// orders, costs and own rows (bookDiffers), and finds a load that left
// its marks behind.
func (r *CheckReport) checkMonths(ctx context.Context, ro *sql.DB) error {
	var loading, marks int
	if err := ro.QueryRowContext(ctx, `SELECT loading, (SELECT count(*) FROM book_stale) + (SELECT count(*) FROM book_pending)
		FROM book_state WHERE id = 1`).Scan(&loading, &marks); err != nil {
		return err
	}
	if loading != 0 || marks > 0 {
		r.MonthsOff++
		r.Months = append(r.Months, fmt.Sprintf("a bulk load was left unfinished (book_state.loading is %d, %s "+
			"wait to be recomputed): the triggers keep nothing until it is fixed", loading,
			model.Plural(marks, "mark", "marks")))
	}
	rows, err := ro.QueryContext(ctx, bookDiffers)
	if err != nil {
		return err
	}
	defer rows.Close()
	seen := map[int64]bool{}
	for rows.Next() {
		var id int64
		var month string
		var kept, want sql.NullString
		if err := rows.Scan(&id, &month, &kept, &want); err != nil {
			return err
		}
		r.bookOff(id, seen)
		if len(r.Months) < maxFindings {
			var line string
			switch {
			case month == "":
				line = fmt.Sprintf("customer %d's card: kept %s; their record says %s", id,
					printable(orNone(kept), 200), printable(orNone(want), 200))
			case id == 0:
				line = fmt.Sprintf("orders of no customer, %s: kept %s; the orders and costs say %s", month,
					orNone(kept), orNone(want))
			default:
				line = fmt.Sprintf("customer %d, %s: kept %s; their orders and costs say %s", id, month,
					orNone(kept), orNone(want))
			}
			r.Months = append(r.Months, line)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	for _, b := range []struct{ table, column, rows, rowColumn, what string }{
		{"card_blocks", "cards", "customer_cards", "card", "card"},
		{"month_blocks", "months", "customer_months", "months", "months"},
	} {
		if err := r.checkBlocks(ctx, ro, b.table, b.column, b.rows, b.rowColumn, b.what, seen); err != nil {
			return err
		}
	}
	return nil
}

// bookOff counts customer id's kept book as off, once (seen).
func (r *CheckReport) bookOff(id int64, seen map[int64]bool) {
	if seen[id] {
		return
	}
	seen[id] = true
	r.MonthsOff++
	if !r.wrong[id] {
		r.onlyBook++
	}
	r.mark(id)
}

// checkBlocks compares the blocks the whole-book screens read (card_blocks
// or month_blocks, migration 0012) with the kept rows they are made of:
// every customer's line must be in the block of their id and say what
// their row says, and no other line may be there. A customer found off
// here and not above counts as one more. It goes block by block, so that
// it holds one block's rows at a time.
func (r *CheckReport) checkBlocks(ctx context.Context, ro *sql.DB, table, column, rows, rowColumn, what string,
	seen map[int64]bool) error {
	var blocks []int64
	err := eachOf(ctx, ro, "SELECT block, '' FROM "+table+" UNION SELECT customer_id >> 6, '' FROM "+rows+" ORDER BY 1",
		func(b int64, _ string) error {
			blocks = append(blocks, b)
			return nil
		})
	if err != nil {
		return err
	}
	off := func(id int64, line string) {
		r.bookOff(id, seen)
		if len(r.Months) < maxFindings {
			r.Months = append(r.Months, line)
		}
	}
	for _, block := range blocks {
		want := map[int64]string{}
		err := eachOf(ctx, ro, "SELECT customer_id, "+rowColumn+" FROM "+rows+" WHERE customer_id BETWEEN ?1 AND ?2",
			func(id int64, text string) error {
				want[id] = text
				return nil
			}, block<<blockShift, block<<blockShift+1<<blockShift-1)
		if err != nil {
			return err
		}
		var text string
		err = ro.QueryRowContext(ctx, "SELECT "+column+" FROM "+table+" WHERE block = ?", block).Scan(&text)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		found := map[int64]bool{}
		for len(text) > 0 {
			line, rest, _ := strings.Cut(text, "\n")
			text = rest
			idText, kept, ok := strings.Cut(line, ":")
			id, err := strconv.ParseInt(idText, 10, 64)
			switch {
			case !ok || err != nil:
				off(block<<blockShift, fmt.Sprintf("block %d of the kept %ss holds a line that is no customer's: %s",
					block, what, printable(line, 200)))
			case id>>blockShift != block || found[id]:
				off(id, fmt.Sprintf("customer %d's %s is kept out of place (block %d)", id, what, block))
			case kept != want[id]:
				found[id] = true
				off(id, fmt.Sprintf("customer %d's %s as the screens read it: %s; kept %s", id, what,
					printable(kept, 200), printable(orNone(nullString(want, id)), 200)))
			default:
				found[id] = true
			}
		}
		for id := range want {
			if !found[id] {
				off(id, fmt.Sprintf("customer %d's %s is missing from what the screens read", id, what))
			}
		}
	}
	return nil
}

// nullString is m[id] as a possibly missing text.
func nullString(m map[int64]string, id int64) sql.NullString {
	s, ok := m[id]
	return sql.NullString{String: s, Valid: ok}
}

// eachOf runs query with args, which selects an integer and a text, and
// calls fn with every row.
func eachOf(ctx context.Context, ro *sql.DB, query string, fn func(int64, string) error, args ...any) error {
	rows, err := ro.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return err
		}
		if err := fn(id, text); err != nil {
			return err
		}
	}
	return rows.Err()
}

// checkKeys lists the customers whose kept keys differ from what
// refreshSearch computes from their fields (a file older than the keys
// has none to check).
func (r *CheckReport) checkKeys(ctx context.Context, ro *sql.DB) error {
	var has bool
	if err := ro.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pragma_table_info('customers')
		WHERE name = 'name_rev')`).Scan(&has); err != nil || !has {
		return err
	}
	var differ []string
	for _, k := range keptKeys {
		differ = append(differ, k.col+" IS NOT "+k.expr)
	}
	rows, err := ro.QueryContext(ctx, "SELECT id, name FROM customers WHERE "+strings.Join(differ, " OR ")+
		" OR id IN (SELECT customer_id FROM customer_keys_stale) ORDER BY id")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		r.KeysOff++
		if len(r.Keys) < maxFindings {
			r.Keys = append(r.Keys, fmt.Sprintf("customer %d (%s): sorted or found by an old name, email or notes", id,
				printable(name, 40)))
		}
	}
	return rows.Err()
}

// lineSums is each order's sums of its lines, as orders keep them:
// order_id, amount, direct (Σ quantity × unit cost); sumsDiffer tests an
// order o against them (x).
const (
	lineSums = `(SELECT order_id, sum(amount) AS amount, sum(quantity * unit_cost) AS direct
	FROM order_lines GROUP BY order_id)`
	sumsDiffer = `(o.lines_amount IS NOT coalesce(x.amount, 0) OR o.lines_direct_cost IS NOT coalesce(x.direct, 0))`
)

// figuresQuery lists the customers whose kept figures differ from the ones
// refreshFigures would compute, or who have orders whose kept sums differ
// from their lines': id, name, then each kept figure beside the computed
// one, then how many orders keep wrong sums. Money is in minor units.
const figuresQuery = `WITH o AS (
		SELECT customer_id, count(*) FILTER (WHERE kind = 'sale') AS n,
			min(ordered_at) FILTER (WHERE kind = 'sale') AS first,
			max(ordered_at) FILTER (WHERE kind = 'sale') AS last
		FROM orders WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id),
	l AS (
		SELECT o.customer_id, sum(l.amount) AS revenue
		FROM orders o JOIN order_lines l ON l.order_id = o.id
		WHERE o.customer_id IS NOT NULL AND o.voided_at IS NULL GROUP BY o.customer_id),
	s AS (
		SELECT o.customer_id, count(*) AS n
		FROM orders o LEFT JOIN ` + lineSums + ` x ON x.order_id = o.id
		WHERE o.customer_id IS NOT NULL AND ` + sumsDiffer + `
		GROUP BY o.customer_id)
	SELECT c.id, c.name, c.order_count, coalesce(o.n, 0), c.revenue, coalesce(l.revenue, 0),
		c.last_order_at, o.last, coalesce(s.n, 0)
	FROM customers c LEFT JOIN o ON o.customer_id = c.id LEFT JOIN l ON l.customer_id = c.id
		LEFT JOIN s ON s.customer_id = c.id
	WHERE c.order_count IS NOT coalesce(o.n, 0) OR c.revenue IS NOT coalesce(l.revenue, 0)
		OR c.first_order_at IS NOT o.first OR c.last_order_at IS NOT o.last OR s.n IS NOT NULL
	ORDER BY c.id`

// FixFigures recomputes every order's sums from its lines, every
// customer's kept figures from their orders, every reminder's waiting day
// and every customer's kept months and card, what `clientele check --fix`
// does.
func (db *DB) FixFigures(ctx context.Context) error {
	return db.write(ctx, note{model.ActionFixFigures, "Recomputed the kept figures (check --fix)"}, func(tx *sql.Tx) error {
		// As a load does: the kept months and cards are recomputed once,
		// at the end.
		if err := setLoading(ctx, tx, loadRebuild); err != nil {
			return err
		}
		if err := refreshOrderSums(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reminders AS r SET due_on = (SELECT n.due FROM reminders_next n
			WHERE n.id = r.id) WHERE `+dueDiffers); err != nil {
			return err
		}
		if err := refreshSearch(ctx, tx); err != nil {
			return err
		}
		if err := refreshFigures(ctx, tx); err != nil {
			return err
		}
		return finishLoading(ctx, tx)
	})
}

// refreshOrderSums sets every order's lines_amount and lines_direct_cost to
// the sums of its lines, where they differ. CreateOrder and the Loader
// write them with the order; this mends a file edited behind the store's
// back.
func refreshOrderSums(ctx context.Context, q queryer) error {
	_, err := q.ExecContext(ctx, `UPDATE orders SET lines_amount = coalesce(x.amount, 0),
			lines_direct_cost = coalesce(x.direct, 0)
		FROM orders o LEFT JOIN `+lineSums+` x ON x.order_id = o.id
		WHERE orders.id = o.id AND `+sumsDiffer)
	return err
}

func orNone(s sql.NullString) string {
	if !s.Valid {
		return "none"
	}
	return s.String
}

// printable shows stored text in a report: control characters visible,
// at most n characters.
func printable(s string, n int) string {
	s = model.Printable(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// CheckAndFix is Check, then, when fix is set and the file is sound but
// for customers' kept figures or an older schema, the mend and Check
// again: what `clientele check [--fix]` does. An older file is upgraded
// (Open backs it up first when it holds anything; the report's
// UpgradedFrom says so) and its figures are checked after; figures that
// disagree are recomputed (FixFigures). fixed is how many customers'
// figures were recomputed, 0 when none were; it is set even when the
// second check fails.
func CheckAndFix(ctx context.Context, path string, fix bool) (rep CheckReport, fixed int, err error) {
	rep, err = Check(ctx, path)
	if err != nil || !fix || len(rep.Integrity) > 0 || (rep.FiguresOff+rep.KeysOff+rep.MonthsOff == 0 && !rep.Older()) {
		return rep, 0, err
	}
	from := 0
	if rep.Older() {
		from = rep.Version
	}
	db, err := Open(ctx, path) // upgrades an older file, backing it up first
	if err != nil {
		return rep, 0, err
	}
	if from > 0 {
		// Its figures could not be checked before: check them now.
		rep, err = Check(ctx, path)
		if err != nil || rep.FiguresOff+rep.MonthsOff == 0 {
			db.Close()
			rep.UpgradedFrom = from
			return rep, 0, err
		}
	}
	err = db.FixFigures(ctx)
	db.Close()
	if err != nil {
		return rep, 0, fmt.Errorf("recomputing the figures: %w", err)
	}
	fixed = rep.FiguresOff + rep.KeysOff + rep.onlyBook
	rep, err = Check(ctx, path)
	rep.UpgradedFrom = from
	return rep, fixed, err
}

// rowReader is the part of *sql.Rows brokenReferences reads.
type rowReader interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

// brokenReferences reads foreign_key_check's rows into findings, at most
// maxFindings of them. A read that fails midway is an error, never a
// shorter list: a check that stopped reading has not found "no problems".
func brokenReferences(fk rowReader) (out []string, err error) {
	defer func() {
		if cerr := fk.Close(); err == nil {
			err = cerr
		}
	}()
	for fk.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := fk.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return out, err
		}
		if len(out) < maxFindings {
			out = append(out, fmt.Sprintf("%s row %d refers to a %s record that does not exist",
				table, rowid.Int64, parent))
		}
	}
	return out, fk.Err()
}
