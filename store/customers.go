package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"clientele/model"
)

var _ model.CustomerStore = (*DB)(nil)

const customerColumns = `id, name, email, phone, social, company, country, channel, stage, fit, language,
	tier, source, acquisition_cost, referred_by, snoozed_until, let_go_reason, notes,
	ref_source, ref, order_count, revenue, first_order_at, last_order_at, created_at, updated_at, archived_at,
	address_line1, address_line2, town, region, postcode, consent_email_on, consent_sms_on, consent_post_on`

// scanCustomer reads one row selected with customerColumns.
func scanCustomer(row interface{ Scan(...any) error }) (model.Customer, error) {
	var c model.Customer
	var fit, tier, referredBy sql.NullInt64
	var ref, snoozed, first, last, created, updated, archived sql.NullString
	var consentEmail, consentSMS, consentPost sql.NullString
	a := &c.Address
	err := row.Scan(&c.ID, &c.Name, &c.Email, &c.Phone, &c.Social, &c.Company, &c.Country, &c.Channel,
		&c.Stage, &fit, &c.Language, &tier, &c.Source, &c.AcquisitionCost, &referredBy,
		&snoozed, &c.LetGoReason, &c.Notes, &c.RefSource, &ref, &c.Orders, &c.Revenue, &first, &last,
		&created, &updated, &archived, &a.Line1, &a.Line2, &a.Town, &a.Region, &a.Postcode,
		&consentEmail, &consentSMS, &consentPost)
	if err != nil {
		return c, err
	}
	c.Fit, c.Tier, c.ReferredBy, c.Ref = int(fit.Int64), int(tier.Int64), referredBy.Int64, ref.String
	c.SnoozedUntil = parseTime(snoozed)
	c.Consent = model.Consent{Email: parseTime(consentEmail), SMS: parseTime(consentSMS), Post: parseTime(consentPost)}
	c.FirstOrder, c.LastOrder = parseTime(first), parseTime(last)
	c.CreatedAt, c.UpdatedAt, c.ArchivedAt = parseTime(created), parseTime(updated), parseTime(archived)
	return c, nil
}

// Customer returns one customer with their segments and values.
func (db *DB) Customer(ctx context.Context, id int64) (model.Customer, error) {
	c, err := scanCustomer(db.r.QueryRowContext(ctx, "SELECT "+customerColumns+" FROM customers WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("customer %d: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return c, mapErr(err)
	}
	if c.Segments, err = db.strings(ctx, `SELECT s.name FROM customer_segments cs
		JOIN segments s ON s.id = cs.segment_id WHERE cs.customer_id = ? ORDER BY s.name`, id); err != nil {
		return c, err
	}
	if c.Values, err = db.strings(ctx, `SELECT value FROM customer_values WHERE customer_id = ? ORDER BY value`, id); err != nil {
		return c, err
	}
	return c, db.readExtras(ctx, &c)
}

// strings runs a query of one text column.
func (db *DB) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	out, err := queryStrings(ctx, db.r, query, args...)
	return out, mapErr(err)
}

// CreateCustomer validates c, stores it with its segments and values, and
// sets c.ID and the timestamps.
func (db *DB) CreateCustomer(ctx context.Context, c *model.Customer) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	now := db.Now()
	return db.write(ctx, note{model.ActionCustomerAdd, "Added customer " + c.Name}, func(tx *sql.Tx) error {
		if err := checkReferrer(ctx, tx, c); err != nil {
			return err
		}
		fields, err := checkFields(ctx, tx, c.Fields, now)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO customers (name, email, phone, social, company, country,
			channel, stage, fit, language, tier, source, acquisition_cost, referred_by,
			snoozed_until, let_go_reason, notes, ref_source, ref, created_at, updated_at,
			`+addressColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append([]any{c.Name, c.Email, c.Phone, c.Social, c.Company, c.Country, c.Channel, c.Stage, nullInt(c.Fit),
				c.Language, nullInt(c.Tier), c.Source, c.AcquisitionCost, nullID(c.ReferredBy),
				dbDate(c.SnoozedUntil), c.LetGoReason, c.Notes, c.RefSource, nullText(c.Ref), dbTime(now), dbTime(now)},
				addressValues(c)...)...)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		c.ID = id
		if err := setTags(ctx, tx, id, c.Segments, c.Values); err != nil {
			return err
		}
		if err := setExtras(ctx, tx, c, fields, now); err != nil {
			return err
		}
		if err := refreshSearch(ctx, tx, id); err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = now, now
		return nil
	})
}

// UpdateCustomer validates c and replaces the stored customer, segments and
// values included. The figures kept from orders are not touched.
func (db *DB) UpdateCustomer(ctx context.Context, c *model.Customer) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	now := db.Now()
	return db.write(ctx, note{model.ActionCustomerEdit, "Edited customer " + c.Name}, func(tx *sql.Tx) error {
		if err := checkReferrer(ctx, tx, c); err != nil {
			return err
		}
		fields, err := checkFields(ctx, tx, c.Fields, now)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE customers SET name = ?, email = ?, phone = ?, social = ?,
			company = ?, country = ?, channel = ?, stage = ?, fit = ?, language = ?, tier = ?, source = ?,
			acquisition_cost = ?, referred_by = ?, snoozed_until = ?, let_go_reason = ?,
			notes = ?, updated_at = ?, address_line1 = ?, address_line2 = ?, town = ?, region = ?, postcode = ?,
			consent_email_on = ?, consent_sms_on = ?, consent_post_on = ? WHERE id = ?`,
			append(append([]any{c.Name, c.Email, c.Phone, c.Social, c.Company, c.Country, c.Channel, c.Stage,
				nullInt(c.Fit), c.Language, nullInt(c.Tier), c.Source, c.AcquisitionCost, nullID(c.ReferredBy),
				dbDate(c.SnoozedUntil), c.LetGoReason, c.Notes, dbTime(now)}, addressValues(c)...), c.ID)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("customer %d: %w", c.ID, model.ErrNotFound)
		}
		if err := setTags(ctx, tx, c.ID, c.Segments, c.Values); err != nil {
			return err
		}
		if err := setExtras(ctx, tx, c, fields, now); err != nil {
			return err
		}
		c.UpdatedAt = now
		return refreshSearch(ctx, tx, c.ID)
	})
}

// checkReferrer refuses a referrer that does not exist or a referral loop
// (A referred B referred A), with a message naming the field.
func checkReferrer(ctx context.Context, tx *sql.Tx, c *model.Customer) error {
	if c.ReferredBy == 0 {
		return nil
	}
	var loop bool
	err := tx.QueryRowContext(ctx, `WITH RECURSIVE up(id, depth) AS (
			SELECT ?, 0
			UNION SELECT c.referred_by, up.depth + 1 FROM customers c JOIN up ON c.id = up.id
			WHERE c.referred_by IS NOT NULL AND up.depth < 10000)
		SELECT EXISTS (SELECT 1 FROM up WHERE id = ?)`, c.ReferredBy, c.ID).Scan(&loop)
	if err != nil {
		return err
	}
	if loop && c.ID != 0 {
		return model.Invalid("referred by", "that customer was referred, directly or not, by this one")
	}
	var exists bool
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?)", c.ReferredBy).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		return model.Invalid("referred by", "customer %d does not exist", c.ReferredBy)
	}
	return nil
}

// setTags replaces a customer's segments (creating any new ones) and values.
func setTags(ctx context.Context, tx *sql.Tx, id int64, segments, values []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM customer_segments WHERE customer_id = ?", id); err != nil {
		return err
	}
	for _, name := range segments {
		segID, err := ensureSegment(ctx, tx, name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO customer_segments (customer_id, segment_id) VALUES (?, ?)",
			id, segID); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM customer_values WHERE customer_id = ?", id); err != nil {
		return err
	}
	for _, v := range values {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO customer_values (customer_id, value) VALUES (?, ?)", id, v); err != nil {
			return err
		}
	}
	return nil
}

// refreshSearch rebuilds the folded name the list sorts by, the folded
// text its filter reads and the keys likely duplicates are found by, for
// the given customers, or for all of them when no id is given, and clears
// their marks in customer_keys_stale. Rows already right are not written.
func refreshSearch(ctx context.Context, q queryer, ids ...int64) error {
	where, clear := "", "DELETE FROM customer_keys_stale"
	args := anys(ids)
	if len(ids) > 0 {
		where = " AND id IN (" + placeholders(len(ids)) + ")"
		clear += " WHERE customer_id IN (" + placeholders(len(ids)) + ")"
	}
	var sets, exprs, olds, news []string
	for _, k := range keptKeys {
		sets = append(sets, k.col+" = k."+k.col)
		exprs = append(exprs, k.expr+" AS "+k.col)
		olds, news = append(olds, "customers."+k.col), append(news, "k."+k.col)
	}
	_, err := q.ExecContext(ctx, `UPDATE customers SET `+strings.Join(sets, ", ")+`
		FROM (SELECT id, `+strings.Join(exprs, ", ")+` FROM customers WHERE 1`+where+`) k
		WHERE customers.id = k.id AND (`+strings.Join(olds, ", ")+`) IS NOT (`+strings.Join(news, ", ")+`)`, args...)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, clear, args...)
	return err
}

// keptKeys are the keys refreshSearch keeps on a customers row, each with
// the expression that computes it from the row (`clientele check` compares
// the two).
var keptKeys = []struct{ col, expr string }{
	{"sort_name", "clientele_fold(name)"},
	{"search", `clientele_fold(name || ' ' || email || ' ' || phone || ' ' || social || ' ' || company || ' ' ||
		notes || ' ' || coalesce((SELECT group_concat(s.name, ' ') FROM customer_segments cs
		JOIN segments s ON s.id = cs.segment_id WHERE cs.customer_id = customers.id), '') || ' ' ||
		address_line1 || ' ' || address_line2 || ' ' || town || ' ' || region || ' ' || postcode || ' ' || country || ' ' ||
		coalesce((SELECT group_concat(f.name || ' ' || v.value, ' ') FROM customer_fields v
		JOIN custom_fields f ON f.id = v.field_id WHERE v.customer_id = customers.id), ''))`},
	{"email_key", "clientele_email_key(email)"},
	{"phone_key", "clientele_phone_key(phone)"},
	{"name_key", "clientele_name_key(name)"},
	{"name_rev", "clientele_name_rev(name)"},
}

// refreshStaleKeys refreshes the kept keys of the customers marked in
// customer_keys_stale: those edited outside clientele (the sqlite3 shell),
// or by a write that missed them.
func refreshStaleKeys(ctx context.Context, q queryer) error {
	ids, err := queryInts(ctx, q, "SELECT customer_id FROM customer_keys_stale LIMIT 5001")
	if err != nil || len(ids) == 0 {
		return err
	}
	if len(ids) > 5000 {
		return refreshSearch(ctx, q)
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if err := refreshSearch(ctx, q, ids[:n]...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// RefreshCustomerFigures recomputes the figures the list shows from orders
// (sale orders, net revenue, first and last sale) for the given customers,
// or for all when none is given. Every write to orders calls it in the
// same transaction.
func refreshFigures(ctx context.Context, q queryer, ids ...int64) error {
	return refreshFiguresAbove(ctx, q, -1, ids...)
}

// refreshFiguresAbove is refreshFigures in a load (store/load.go) that
// wrote every order with an id above fresh together with its lines, and
// their sum as the order's lines_amount from the same lines in the same
// transaction: those orders' revenue is read from the kept sum instead of
// from their lines, the same figure, without reading the lines of a load
// that may hold a year of them. The revenue of every other order is
// summed from its lines, as refreshFigures does; fresh < 0 names no
// orders.
func refreshFiguresAbove(ctx context.Context, q queryer, fresh int64, ids ...int64) error {
	where := ""
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	if len(ids) > 0 {
		where = " AND o.customer_id IN (" + placeholders(len(ids)) + ")"
	}
	// Rows already at zero are left alone: after a first load that is all
	// of them, and rewriting every row would cost as much as the update.
	reset := `UPDATE customers SET order_count = 0, revenue = 0, first_order_at = NULL, last_order_at = NULL
		WHERE (order_count <> 0 OR revenue <> 0 OR first_order_at IS NOT NULL OR last_order_at IS NOT NULL)`
	if len(ids) > 0 {
		reset += " AND id IN (" + placeholders(len(ids)) + ")"
	}
	if _, err := q.ExecContext(ctx, reset, args...); err != nil {
		return err
	}
	revenue := `SELECT o.customer_id, sum(l.amount) AS revenue
			FROM orders o JOIN order_lines l ON l.order_id = o.id
			WHERE o.customer_id IS NOT NULL AND o.voided_at IS NULL` + where + ` GROUP BY o.customer_id`
	if fresh >= 0 {
		// An order without lines adds nothing either way: a NULL sum
		// here, a sum of 0 there, and no row at all in the join above.
		revenue = fmt.Sprintf(`SELECT o.customer_id, sum(CASE WHEN o.id > %d THEN o.lines_amount`, fresh) + `
				ELSE (SELECT sum(l.amount) FROM order_lines l WHERE l.order_id = o.id) END) AS revenue
			FROM orders o WHERE o.customer_id IS NOT NULL AND o.voided_at IS NULL` + where + ` GROUP BY o.customer_id`
	}
	_, err := q.ExecContext(ctx, `WITH o AS (
			SELECT o.customer_id, count(*) FILTER (WHERE o.kind = 'sale') AS n,
				min(o.ordered_at) FILTER (WHERE o.kind = 'sale') AS first,
				max(o.ordered_at) FILTER (WHERE o.kind = 'sale') AS last
			FROM orders o WHERE o.customer_id IS NOT NULL AND o.voided_at IS NULL`+where+` GROUP BY o.customer_id),
		l AS (`+revenue+`)
		UPDATE customers SET order_count = o.n, revenue = coalesce(l.revenue, 0),
			first_order_at = o.first, last_order_at = o.last
		FROM o LEFT JOIN l ON l.customer_id = o.customer_id
		WHERE customers.id = o.customer_id`, append(args, args...)...)
	if err != nil {
		return err
	}
	return refreshGaps(ctx, q, ids...)
}

// ArchiveCustomer hides a customer from the list; nothing is deleted.
func (db *DB) ArchiveCustomer(ctx context.Context, id int64) error {
	return db.setArchived(ctx, id, true)
}

// UnarchiveCustomer brings an archived customer back.
func (db *DB) UnarchiveCustomer(ctx context.Context, id int64) error {
	return db.setArchived(ctx, id, false)
}

func (db *DB) setArchived(ctx context.Context, id int64, archived bool) error {
	var at any
	if archived {
		at = dbTime(db.Now())
	}
	verb := "Unarchived "
	if archived {
		verb = "Archived "
	}
	return db.write(ctx, note{model.ActionCustomerArchive, verb}, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE customers SET archived_at = ?, updated_at = ? WHERE id = ?",
			at, dbTime(db.Now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("customer %d: %w", id, model.ErrNotFound)
		}
		return describe(ctx, tx, verb+customerName(ctx, tx, id))
	})
}

// listOrder is the ORDER BY of each sort; every one has an index.
var listOrder = map[model.CustomerSort]string{
	model.SortByName:      "c.sort_name, c.id",
	model.SortByLastOrder: "c.last_order_at DESC, c.id DESC",
	model.SortByRevenue:   "c.revenue DESC, c.id DESC",
	model.SortByOrders:    "c.order_count DESC, c.id DESC",
	model.SortByFit:       "c.fit DESC, c.id DESC",
	model.SortByStage:     "c.stage, c.sort_name, c.id",
}

const rowColumns = `c.id, c.name, c.stage, c.last_order_at, c.order_count, c.revenue, c.fit,
	c.archived_at IS NOT NULL, coalesce((SELECT group_concat(name, ', ') FROM (SELECT s.name FROM customer_segments cs
	JOIN segments s ON s.id = cs.segment_id WHERE cs.customer_id = c.id ORDER BY s.name)), ''),
	(SELECT min(r.due_on) FROM reminders r WHERE r.customer_id = c.id)`

func scanRows(rows *sql.Rows) ([]model.CustomerRow, error) {
	defer rows.Close()
	var out []model.CustomerRow
	for rows.Next() {
		var r model.CustomerRow
		var last, next sql.NullString
		var fit sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Name, &r.Stage, &last, &r.Orders, &r.Revenue, &fit, &r.Archived, &r.Segments,
			&next); err != nil {
			return nil, err
		}
		r.LastOrder, r.Fit, r.NextReview = parseTime(last), int(fit.Int64), parseTime(next)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ListCustomers returns one page of the customer list, sorted and filtered,
// and the number of customers the query matches. Only the page is read:
// LIMIT and OFFSET over an index of the sort order.
func (db *DB) ListCustomers(ctx context.Context, q model.CustomerQuery) ([]model.CustomerRow, int, error) {
	cond, args := listWhere(q)
	var total int
	if err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM customers c"+cond, args...).Scan(&total); err != nil {
		return nil, 0, mapErr(err)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.r.QueryContext(ctx, "SELECT "+rowColumns+" FROM customers c"+cond+" ORDER BY "+listOrderOf(q)+
		" LIMIT ? OFFSET ?", append(args, limit, max(q.Offset, 0))...)
	if err != nil {
		return nil, 0, mapErr(err)
	}
	out, err := scanRows(rows)
	return out, total, mapErr(err)
}

// CustomerPosition returns the row customer id is on in the list q reads,
// or -1 when q does not list them: the list puts its cursor on a customer
// just added. It numbers the rows the list would read, in a command run
// once per addition, not per key.
func (db *DB) CustomerPosition(ctx context.Context, q model.CustomerQuery, id int64) (int, error) {
	cond, args := listWhere(q)
	var pos int
	err := db.r.QueryRowContext(ctx, "SELECT pos FROM (SELECT c.id, row_number() OVER (ORDER BY "+listOrderOf(q)+
		") - 1 AS pos FROM customers c"+cond+") WHERE id = ?", append(args, id)...).Scan(&pos)
	if errors.Is(err, sql.ErrNoRows) {
		return -1, nil
	}
	return pos, mapErr(err)
}

// listOrderOf is the ORDER BY of q's sort.
func listOrderOf(q model.CustomerQuery) string {
	if order, ok := listOrder[q.Sort]; ok {
		return order
	}
	return listOrder[model.SortByName]
}

// listWhere is the WHERE clause (with its leading space, or "") and the
// arguments of the customers q lists.
func listWhere(q model.CustomerQuery) (string, []any) {
	var where []string
	var args []any
	if !q.Archived {
		where = append(where, "c.archived_at IS NULL")
	}
	for _, w := range likeWords(q.Filter) {
		where = append(where, `c.search LIKE ? ESCAPE '\'`)
		args = append(args, w)
	}
	if len(where) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// Referrals returns the customers id referred, by name.
func (db *DB) Referrals(ctx context.Context, id int64) ([]model.CustomerRow, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+rowColumns+" FROM customers c WHERE c.referred_by = ? ORDER BY c.sort_name", id)
	if err != nil {
		return nil, mapErr(err)
	}
	return scanRows(rows)
}

// CustomerCount counts all customers, archived ones included.
func (db *DB) CustomerCount(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM customers").Scan(&n)
	return n, mapErr(err)
}

// CustomerNames lists every customer's id and name, by name, archived ones
// included (an archived customer can still have referred someone).
func (db *DB) CustomerNames(ctx context.Context) ([]model.CustomerName, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT id, name FROM customers ORDER BY sort_name, id")
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.CustomerName
	for rows.Next() {
		var n model.CustomerName
		if err := rows.Scan(&n.ID, &n.Name); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
