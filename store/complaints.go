package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"clientele/model"
)

var _ model.ComplaintStore = (*DB)(nil)

// complaintFields are the columns of complaints c that scanComplaint
// reads, before any the caller adds.
const complaintFields = `c.id, c.opened_on, coalesce(c.customer_id, 0), coalesce(c.order_id, 0),
	coalesce(c.offering_id, 0), c.category, c.severity, c.what_went_wrong, c.remedy, c.guarantee,
	c.honoured_on, c.remedied_on, c.prevention, c.status, c.closed_on, c.outcome, c.voided_at, c.void_reason`

// scanComplaint reads complaintFields into c, and the columns after them
// into more.
func scanComplaint(row interface{ Scan(...any) error }, c *model.Complaint, more ...any) error {
	var opened, honoured, remedied, closed, voided sql.NullString
	err := row.Scan(append([]any{&c.ID, &opened, &c.CustomerID, &c.OrderID, &c.OfferingID, &c.Category, &c.Severity,
		&c.WhatWentWrong, &c.Remedy, &c.Guarantee, &honoured, &remedied, &c.Prevention, &c.Status, &closed,
		&c.Outcome, &voided, &c.VoidReason}, more...)...)
	c.OpenedOn, c.HonouredOn, c.VoidedAt = parseTime(opened), parseTime(honoured), parseTime(voided)
	c.RemediedOn, c.ClosedOn = parseTime(remedied), parseTime(closed)
	return err
}

// complaintCost is the sum of complaint c's remedy cost rows, a column
// after complaintFields.
const complaintCost = `(SELECT coalesce(sum(amount), 0) FROM costs WHERE complaint_id = c.id AND category = 'remedy'
	AND (voided_at IS NULL OR voided_at IS c.voided_at))`

// Complaint returns one complaint with its remedy cost.
func (db *DB) Complaint(ctx context.Context, id int64) (model.Complaint, error) {
	var c model.Complaint
	err := scanComplaint(db.r.QueryRowContext(ctx, `SELECT `+complaintFields+`, `+complaintCost+`
		FROM complaints c WHERE c.id = ?`, id), &c, &c.RemedyCost)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Complaint{}, fmt.Errorf("complaint %d: %w", id, model.ErrNotFound)
	}
	return c, mapErr(err)
}

// ListComplaints returns every complaint not voided, in no particular
// order, with the fields the list reads (see model.ComplaintStore). It
// reads 20,000 complaints in a few tens of milliseconds: no customers
// joined (the screen reads the names of the rows it shows), no remedy
// sums, no long texts, days parsed without allocating.
func (db *DB) ListComplaints(ctx context.Context) ([]model.Complaint, error) {
	return db.listComplaints(ctx, false)
}

// VoidedComplaints returns the voided complaints, as ListComplaints reads
// them, with when and why they were voided: what the complaints list shows
// when the owner asks to see them.
func (db *DB) VoidedComplaints(ctx context.Context) ([]model.Complaint, error) {
	return db.listComplaints(ctx, true)
}

func (db *DB) listComplaints(ctx context.Context, onlyVoided bool) ([]model.Complaint, error) {
	cond := "c.voided_at IS NULL"
	if onlyVoided {
		cond = "c.voided_at IS NOT NULL"
	}
	rows, err := db.r.QueryContext(ctx, `SELECT c.id, c.opened_on, coalesce(c.customer_id, 0), c.category,
		c.severity, c.what_went_wrong, c.guarantee, c.honoured_on, c.remedied_on, c.status, c.closed_on,
		c.voided_at, c.void_reason FROM complaints c WHERE `+cond)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.Complaint
	var opened, honoured, remedied, closed, voided sql.RawBytes
	for rows.Next() {
		var c model.Complaint
		if err := rows.Scan(&c.ID, &opened, &c.CustomerID, &c.Category, &c.Severity, &c.WhatWentWrong, &c.Guarantee,
			&honoured, &remedied, &c.Status, &closed, &voided, &c.VoidReason); err != nil {
			return nil, err
		}
		c.OpenedOn, c.HonouredOn, c.RemediedOn, c.ClosedOn = rawTime(opened), rawTime(honoured), rawTime(remedied),
			rawTime(closed)
		c.VoidedAt = rawTime(voided)
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// LastSales returns the latest sale of every customer whose latest sale
// falls on or after since, read from the index of the figure the store
// keeps (customers_by_last_order) without touching the wide customer rows.
func (db *DB) LastSales(ctx context.Context, since time.Time) (map[int64]time.Time, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, last_order_at FROM customers INDEXED BY customers_by_last_order
		WHERE last_order_at >= ?`, model.FormatDate(since))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := make(map[int64]time.Time, 1<<14)
	var last sql.RawBytes
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &last); err != nil {
			return nil, err
		}
		out[id] = rawTime(last)
	}
	return out, mapErr(rows.Err())
}

// rawTime reads a stored day or time from the driver's bytes: the stored
// forms (YYYY-MM-DD and YYYY-MM-DD HH:MM:SS) without the layouts
// parseTime tries, anything else through parseTime.
func rawTime(b sql.RawBytes) time.Time {
	n := func(i, j int) int {
		v := 0
		for _, c := range b[i:j] {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	if (len(b) == len(model.DateLayout) || len(b) == len(model.DateTimeLayout) && b[10] == ' ' && b[13] == ':' &&
		b[16] == ':') && b[4] == '-' && b[7] == '-' {
		y, m, d := n(0, 4), n(5, 7), n(8, 10)
		hh, mm, ss := 0, 0, 0
		if len(b) > 10 {
			hh, mm, ss = n(11, 13), n(14, 16), n(17, 19)
		}
		// Days past the 28th go the long way, which refuses 30 February.
		if y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= 28 && hh >= 0 && hh < 24 && mm >= 0 && mm < 60 &&
			ss >= 0 && ss < 60 {
			return time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)
		}
	}
	return parseTime(sql.NullString{String: string(b), Valid: len(b) > 0})
}

// LastComplaints returns the n newest complaints in full, newest first.
func (db *DB) LastComplaints(ctx context.Context, n int) ([]model.Complaint, error) {
	// The newest are picked first, so the remedy cost is summed for them
	// alone, not for every complaint the sort reads.
	rows, err := db.r.QueryContext(ctx, `SELECT `+complaintFields+`, `+complaintCost+` FROM (SELECT * FROM complaints
		WHERE voided_at IS NULL ORDER BY opened_on DESC, id DESC LIMIT ?) c ORDER BY c.opened_on DESC, c.id DESC`, n)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.Complaint
	for rows.Next() {
		var c model.Complaint
		if err := scanComplaint(rows, &c, &c.RemedyCost); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// normalizeComplaint trims the texts and fills the defaults of a new
// complaint.
func normalizeComplaint(c *model.Complaint) {
	for _, f := range []*string{&c.WhatWentWrong, &c.Remedy, &c.Prevention, &c.Outcome} {
		*f = strings.TrimSpace(*f)
	}
	if c.Status == "" {
		c.Status = model.ComplaintOpen
	}
	if c.Severity == "" {
		c.Severity = model.SeverityMedium
	}
}

// CreateComplaint validates c, stores it with its remedy cost row in one
// transaction and sets c.ID. A missing customer or order, or an order of
// another customer, is a FieldError naming the field.
func (db *DB) CreateComplaint(ctx context.Context, c *model.Complaint) error {
	return db.writeComplaint(ctx, c, note{model.ActionComplaintAdd, "Logged a complaint"}, func(tx *sql.Tx, now string) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO complaints (opened_on, customer_id, order_id, offering_id,
			category, severity, what_went_wrong, remedy, guarantee, honoured_on, remedied_on, prevention, status,
			closed_on, outcome, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append(complaintArgs(c, now), now)...)
		if err != nil {
			return err
		}
		c.ID, err = res.LastInsertId()
		return err
	})
}

// UpdateComplaint validates c and replaces the stored complaint, bringing
// its remedy cost rows to c.RemedyCost in the same transaction.
func (db *DB) UpdateComplaint(ctx context.Context, c *model.Complaint) error {
	return db.writeComplaint(ctx, c, note{model.ActionComplaintEdit, "Edited a complaint"}, func(tx *sql.Tx, now string) error {
		res, err := tx.ExecContext(ctx, `UPDATE complaints SET opened_on = ?, customer_id = ?, order_id = ?,
			offering_id = ?, category = ?, severity = ?, what_went_wrong = ?, remedy = ?, guarantee = ?,
			honoured_on = ?, remedied_on = ?, prevention = ?, status = ?, closed_on = ?, outcome = ?, updated_at = ?
			WHERE id = ?`, append(complaintArgs(c, now), c.ID)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("complaint %d: %w", c.ID, model.ErrNotFound)
		}
		return nil
	})
}

// writeComplaint normalizes and validates c, then in one transaction
// checks its references, runs write (the INSERT or UPDATE) and brings the
// remedy cost rows to c.RemedyCost.
func (db *DB) writeComplaint(ctx context.Context, c *model.Complaint, n note, write func(tx *sql.Tx, now string) error) error {
	normalizeComplaint(c)
	if err := c.Validate(); err != nil {
		return err
	}
	now := db.Now().Format(model.DateTimeLayout)
	return db.write(ctx, n, func(tx *sql.Tx) error {
		if err := checkComplaintRefs(ctx, tx, c); err != nil {
			return err
		}
		if err := write(tx, now); err != nil {
			return err
		}
		if err := setRemedyCost(ctx, tx, c, now); err != nil {
			return err
		}
		return describe(ctx, tx, fmt.Sprintf("%s (%s) from %s", n.what, c.Category, customerName(ctx, tx, c.CustomerID)))
	})
}

// complaintArgs are c's columns from opened_on to outcome, then
// updated_at, in the order the INSERT and the UPDATE name them.
func complaintArgs(c *model.Complaint, now string) []any {
	return []any{dbDate(c.OpenedOn), nullID(c.CustomerID), nullID(c.OrderID), nullID(c.OfferingID), c.Category,
		c.Severity, c.WhatWentWrong, c.Remedy, c.Guarantee, dbDate(c.HonouredOn), dbDate(c.RemediedOn),
		c.Prevention, c.Status, dbDate(c.ClosedOn), c.Outcome, now}
}

// checkComplaintRefs checks that the customer and the order exist and
// that the order is the customer's; a complaint about an order with no
// customer given takes the order's customer.
func checkComplaintRefs(ctx context.Context, tx *sql.Tx, c *model.Complaint) error {
	if c.CustomerID != 0 {
		var exists bool
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?)", c.CustomerID).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return model.Invalid("customer", "customer %d does not exist", c.CustomerID)
		}
	}
	if c.OrderID == 0 {
		return nil
	}
	var owner sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT customer_id FROM orders WHERE id = ?", c.OrderID).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Invalid("order", "order %d does not exist", c.OrderID)
	}
	if err != nil {
		return err
	}
	switch {
	case c.CustomerID == 0:
		c.CustomerID = owner.Int64
	case owner.Int64 != c.CustomerID:
		return model.Invalid("order", "order %d is not this customer's", c.OrderID)
	}
	return nil
}

// setRemedyCost makes the complaint's remedy cost rows add up to
// c.RemedyCost. With one row (the usual case) it is updated in place and
// kept on the complaint's customer, order and remedy date; with none, one
// is added; several rows (some entered as costs) whose sum differs are
// replaced by one row of the new amount.
func setRemedyCost(ctx context.Context, tx *sql.Tx, c *model.Complaint, now string) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, amount FROM costs WHERE complaint_id = ? AND category = ?",
		c.ID, model.CostRemedy)
	if err != nil {
		return err
	}
	var ids []int64
	var sum model.Money
	for rows.Next() {
		var id int64
		var amount model.Money
		if err := rows.Scan(&id, &amount); err != nil {
			rows.Close()
			return err
		}
		ids, sum = append(ids, id), sum+amount
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	on := c.RemediedOn
	if on.IsZero() {
		on = c.OpenedOn
	}
	note := "remedy: " + firstLine(c.Remedy)
	switch {
	case len(ids) == 1 && c.RemedyCost > 0:
		_, err = tx.ExecContext(ctx, `UPDATE costs SET incurred_on = ?, customer_id = ?, order_id = ?, amount = ?,
			note = ? WHERE id = ?`, dbDate(on), nullID(c.CustomerID), nullID(c.OrderID), c.RemedyCost, note, ids[0])
		return err
	case len(ids) > 1 && sum == c.RemedyCost:
		return nil
	}
	if len(ids) > 0 {
		if _, err := tx.ExecContext(ctx, "DELETE FROM costs WHERE complaint_id = ? AND category = ?",
			c.ID, model.CostRemedy); err != nil {
			return err
		}
	}
	if c.RemedyCost == 0 {
		return nil
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO costs (incurred_on, customer_id, order_id, complaint_id, category,
		amount, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, dbDate(on), nullID(c.CustomerID),
		nullID(c.OrderID), c.ID, model.CostRemedy, c.RemedyCost, note, now)
	return err
}

// ComplaintsPerCustomer counts each customer's complaints opened in
// period p, in one query; a zero end is open.
func (db *DB) ComplaintsPerCustomer(ctx context.Context, p model.Period) (map[int64]model.ComplaintCount, error) {
	cond, args := dayRange("c.opened_on", p.From, p.To)
	rows, err := db.r.QueryContext(ctx, `SELECT c.customer_id, count(*), count(*) FILTER (WHERE c.status = ?),
		coalesce(sum(r.amount), 0) FROM complaints c
		LEFT JOIN (SELECT complaint_id, sum(amount) AS amount FROM costs
			WHERE complaint_id IS NOT NULL AND category = 'remedy' AND voided_at IS NULL GROUP BY complaint_id) r
			ON r.complaint_id = c.id
		WHERE c.customer_id IS NOT NULL AND c.voided_at IS NULL`+cond+` GROUP BY c.customer_id`,
		append([]any{model.ComplaintOpen}, args...)...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[int64]model.ComplaintCount{}
	for rows.Next() {
		var id int64
		var n model.ComplaintCount
		if err := rows.Scan(&id, &n.Total, &n.Open, &n.RemedyCost); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, mapErr(rows.Err())
}
