package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"clientele/model"
)

// What a customer holds besides the customers row: the postal address and
// consent (columns of the row, written beside the others), the follow-up
// date and the reminders, the occasions and the custom fields' values
// (rows of their own tables, kept by id so that an export's ids stay the
// same from one save to the next).

// addressColumns are the address and consent columns, in addressValues'
// order.
const addressColumns = `address_line1, address_line2, town, region, postcode, consent_email_on, consent_sms_on,
	consent_post_on`

// addressValues are c's values for addressColumns.
func addressValues(c *model.Customer) []any {
	a := c.Address
	return []any{a.Line1, a.Line2, a.Town, a.Region, a.Postcode, dbDate(c.Consent.Email), dbDate(c.Consent.SMS),
		dbDate(c.Consent.Post)}
}

// readExtras reads c's follow-up date, reminders, occasions and custom
// field values.
func (db *DB) readExtras(ctx context.Context, c *model.Customer) error {
	var follow sql.NullString
	err := db.r.QueryRowContext(ctx, `SELECT starts_on FROM reminders WHERE customer_id = ? AND kind = 'follow-up'`,
		c.ID).Scan(&follow)
	if err != nil && err != sql.ErrNoRows {
		return mapErr(err)
	}
	c.NextReview = parseTime(follow)
	if c.Reminders, err = db.reminders(ctx, "r.customer_id = ? AND r.kind = 'reminder'", c.ID); err != nil {
		return err
	}
	if c.Occasions, err = db.occasions(ctx, "o.customer_id = ?", c.ID); err != nil {
		return err
	}
	c.Fields, err = db.fieldValues(ctx, c.ID)
	return err
}

// reminders reads the reminders where cond holds, by first day.
func (db *DB) reminders(ctx context.Context, cond string, args ...any) ([]model.Reminder, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT r.id, r.customer_id, r.kind, r.starts_on, r.repeat_unit,
		r.repeat_every, r.note, r.due_on FROM reminders r WHERE `+cond+` ORDER BY r.starts_on, r.id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.Reminder
	for rows.Next() {
		var r model.Reminder
		var start, due sql.NullString
		if err := rows.Scan(&r.ID, &r.CustomerID, &r.Kind, &start, &r.Unit, &r.Every, &r.Note, &due); err != nil {
			return nil, mapErr(err)
		}
		r.Start, r.Due = parseTime(start), parseTime(due)
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

// occasions reads the occasions where cond holds, in calendar order.
func (db *DB) occasions(ctx context.Context, cond string, args ...any) ([]model.Occasion, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT o.id, o.customer_id, o.kind, o.name, o.month, o.day,
		coalesce(o.year, 0), o.yearly, o.note FROM occasions o WHERE `+cond+` ORDER BY o.month, o.day, o.id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.Occasion
	for rows.Next() {
		var o model.Occasion
		if err := rows.Scan(&o.ID, &o.CustomerID, &o.Kind, &o.Name, &o.Month, &o.Day, &o.Year, &o.Yearly,
			&o.Note); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, o)
	}
	return out, mapErr(rows.Err())
}

// fieldValues reads a customer's custom field values, in the fields'
// order.
func (db *DB) fieldValues(ctx context.Context, id int64) ([]model.FieldValue, error) {
	return db.readFieldValues(ctx, `SELECT v.field_id, f.name, f.kind, v.value FROM customer_fields v
		JOIN custom_fields f ON f.id = v.field_id WHERE v.customer_id = ? ORDER BY f.position, f.name, f.id`, id)
}

// readFieldValues runs a query of field id, name, kind and value.
func (db *DB) readFieldValues(ctx context.Context, query string, args ...any) ([]model.FieldValue, error) {
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.FieldValue
	for rows.Next() {
		var v model.FieldValue
		if err := rows.Scan(&v.FieldID, &v.Name, &v.Kind, &v.Value); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, v)
	}
	return out, mapErr(rows.Err())
}

// checkFields reads the custom field definitions and returns vs checked
// against them, canonical and without the empty ones; a value that does
// not suit its field is an error naming the field.
func checkFields(ctx context.Context, q queryer, vs []model.FieldValue, now time.Time) ([]model.FieldValue, error) {
	if len(vs) == 0 {
		return nil, nil
	}
	defs, err := readCustomFields(ctx, q)
	if err != nil {
		return nil, err
	}
	return model.NormalizeValues(vs, model.FieldsByID(defs), now)
}

// setExtras replaces the follow-up date, reminders, occasions and custom
// field values of c (stored, with its id) with c's: rows with an id of
// c's are updated, rows without one inserted (their ids set), the others
// deleted.
func setExtras(ctx context.Context, tx *sql.Tx, c *model.Customer, fields []model.FieldValue, now time.Time) error {
	if err := setFollowUp(ctx, tx, c.ID, c.NextReview, now); err != nil {
		return err
	}
	keep := make([]any, 0, len(c.Reminders))
	for i := range c.Reminders {
		r := &c.Reminders[i]
		r.CustomerID = c.ID
		if err := saveReminder(ctx, tx, r, now); err != nil {
			return err
		}
		keep = append(keep, r.ID)
	}
	if err := deleteOthers(ctx, tx, "reminders", "kind = 'reminder' AND customer_id = ?", c.ID, keep); err != nil {
		return err
	}
	keep = keep[:0]
	for i := range c.Occasions {
		o := &c.Occasions[i]
		o.CustomerID = c.ID
		if err := saveOccasion(ctx, tx, o, now); err != nil {
			return err
		}
		keep = append(keep, o.ID)
	}
	if err := deleteOthers(ctx, tx, "occasions", "customer_id = ?", c.ID, keep); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM customer_fields WHERE customer_id = ?", c.ID); err != nil {
		return err
	}
	for _, v := range fields {
		if _, err := tx.ExecContext(ctx, "INSERT INTO customer_fields (customer_id, field_id, value) VALUES (?, ?, ?)",
			c.ID, v.FieldID, v.Value); err != nil {
			return err
		}
	}
	c.Fields = fields
	return nil
}

// deleteOthers deletes the rows of table where cond (on id) holds whose id
// is not in keep.
func deleteOthers(ctx context.Context, tx *sql.Tx, table, cond string, id int64, keep []any) error {
	q := "DELETE FROM " + table + " WHERE " + cond
	if len(keep) > 0 {
		q += " AND id NOT IN (" + placeholders(len(keep)) + ")"
	}
	_, err := tx.ExecContext(ctx, q, append([]any{id}, keep...)...)
	return err
}

// setFollowUp sets the customer's follow-up date (the follow-up
// reminder), or removes it for the zero day.
func setFollowUp(ctx context.Context, tx *sql.Tx, customerID int64, day, now time.Time) error {
	if day.IsZero() {
		_, err := tx.ExecContext(ctx, "DELETE FROM reminders WHERE customer_id = ? AND kind = 'follow-up'", customerID)
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO reminders (customer_id, kind, starts_on, created_at)
		VALUES (?, 'follow-up', ?, ?)
		ON CONFLICT (customer_id) WHERE kind = 'follow-up' DO UPDATE SET starts_on = excluded.starts_on
			WHERE starts_on IS NOT excluded.starts_on`, customerID, dbDate(day), dbTime(now))
	return err
}

// saveReminder updates r when it has an id of its customer's, else
// inserts it and sets r.ID; it then reads back r.Due.
func saveReminder(ctx context.Context, tx *sql.Tx, r *model.Reminder, now time.Time) error {
	if r.ID != 0 {
		res, err := tx.ExecContext(ctx, `UPDATE reminders SET starts_on = ?, repeat_unit = ?, repeat_every = ?,
			note = ? WHERE id = ? AND customer_id = ? AND kind = ?`, dbDate(r.Start), r.Unit, r.Every, r.Note, r.ID,
			r.CustomerID, r.Kind)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			r.ID = 0
		}
	}
	if r.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO reminders (customer_id, kind, starts_on, repeat_unit,
			repeat_every, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, r.CustomerID, r.Kind, dbDate(r.Start),
			r.Unit, r.Every, r.Note, dbTime(now))
		if err != nil {
			return err
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	var due sql.NullString
	if err := tx.QueryRowContext(ctx, "SELECT due_on FROM reminders WHERE id = ?", r.ID).Scan(&due); err != nil {
		return err
	}
	r.Due = parseTime(due)
	return nil
}

// saveOccasion updates o when it has an id of its customer's, else
// inserts it and sets o.ID.
func saveOccasion(ctx context.Context, tx *sql.Tx, o *model.Occasion, now time.Time) error {
	if o.ID != 0 {
		res, err := tx.ExecContext(ctx, `UPDATE occasions SET kind = ?, name = ?, month = ?, day = ?, year = ?,
			yearly = ?, note = ? WHERE id = ? AND customer_id = ?`, o.Kind, o.Name, int(o.Month), o.Day,
			nullInt(o.Year), o.Yearly, o.Note, o.ID, o.CustomerID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO occasions (customer_id, kind, name, month, day, year, yearly, note,
		created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.CustomerID, o.Kind, o.Name, int(o.Month), o.Day,
		nullInt(o.Year), o.Yearly, o.Note, dbTime(now))
	if err != nil {
		return err
	}
	o.ID, err = res.LastInsertId()
	return err
}

// readCustomFields reads every custom field definition, in order.
func readCustomFields(ctx context.Context, q queryer) ([]model.CustomField, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, kind, choices, on_order, position FROM custom_fields
		ORDER BY position, name, id`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.CustomField
	for rows.Next() {
		var f model.CustomField
		var choices string
		if err := rows.Scan(&f.ID, &f.Name, &f.Kind, &choices, &f.OnOrder, &f.Position); err != nil {
			return nil, mapErr(err)
		}
		if choices != "" {
			f.Choices = strings.Split(choices, "\n")
		}
		out = append(out, f)
	}
	return out, mapErr(rows.Err())
}
