package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"clientele/model"
)

var _ model.CustomFieldStore = (*DB)(nil)

// CustomFields lists the owner's custom fields, in their order.
func (db *DB) CustomFields(ctx context.Context) ([]model.CustomField, error) {
	return readCustomFields(ctx, db.r)
}

// SaveCustomField validates f and stores it: a new field when f.ID is 0
// (f.ID is set), else field f.ID changed. A name another field has (in
// any case) is ErrConflict. Changing a field's kind or choices checks
// every value stored for it: a value the field would no longer take is
// ErrInvalid, naming how many customers hold such values and one of them,
// and nothing is changed. The values' customers' filter text follows a
// new name.
func (db *DB) SaveCustomField(ctx context.Context, f *model.CustomField) error {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	now := db.Now()
	return db.write(ctx, note{model.ActionField, "Saved the custom field " + f.Name}, func(tx *sql.Tx) error {
		choices := strings.Join(f.Choices, "\n")
		if f.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO custom_fields (name, kind, choices, on_order, position, created_at)
				VALUES (?, ?, ?, ?, ?, ?)`, f.Name, f.Kind, choices, f.OnOrder, f.Position, dbTime(now))
			if err != nil {
				return err
			}
			f.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE custom_fields SET name = ?, kind = ?, choices = ?, on_order = ?,
			position = ? WHERE id = ?`, f.Name, f.Kind, choices, f.OnOrder, f.Position, f.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("custom field %d: %w", f.ID, model.ErrNotFound)
		}
		if err := recheckValues(ctx, tx, f, now); err != nil {
			return err
		}
		return refreshFieldHolders(ctx, tx, f.ID)
	})
}

// recheckValues brings every stored value of f to f's canonical form, or
// refuses the change when one does not fit.
func recheckValues(ctx context.Context, tx *sql.Tx, f *model.CustomField, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT v.customer_id, v.value, c.name FROM customer_fields v
		JOIN customers c ON c.id = v.customer_id WHERE v.field_id = ?`, f.ID)
	if err != nil {
		return err
	}
	type change struct {
		id    int64
		value string
	}
	var changes []change
	bad, example := 0, ""
	for rows.Next() {
		var id int64
		var v, name string
		if err := rows.Scan(&id, &v, &name); err != nil {
			rows.Close()
			return err
		}
		canon, err := f.NormalizeValue(v, now)
		if err != nil || canon == "" {
			if bad++; example == "" {
				example = fmt.Sprintf("%s has %q", model.Printable(name), model.Printable(v))
			}
			continue
		}
		if canon != v {
			changes = append(changes, change{id, canon})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if bad > 0 {
		return model.Invalid("kind", "%s a value %s would not take (%s): change those first",
			model.Plural(bad, "customer has", "customers have"), f.Name, example)
	}
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, "UPDATE customer_fields SET value = ? WHERE customer_id = ? AND field_id = ?",
			c.value, c.id, f.ID); err != nil {
			return err
		}
	}
	return nil
}

// DeleteCustomField deletes field id and every customer's value of it.
func (db *DB) DeleteCustomField(ctx context.Context, id int64) error {
	return db.write(ctx, note{model.ActionField, "Deleted a custom field"}, func(tx *sql.Tx) error {
		holders, err := fieldHolders(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM custom_fields WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("custom field %d: %w", id, model.ErrNotFound)
		}
		return refreshMembers(ctx, tx, holders)
	})
}

// SetFieldValue sets one customer's value of field (the empty value
// clears it), checked and made canonical by the field's kind, and
// returns the value it had, for undo.
func (db *DB) SetFieldValue(ctx context.Context, customerID, fieldID int64, value string) (was string, err error) {
	now := db.Now()
	err = db.write(ctx, note{model.ActionField, "Set a custom field"}, func(tx *sql.Tx) error {
		if err := touchCustomer(ctx, tx, customerID, now); err != nil {
			return err
		}
		defs, err := readCustomFields(ctx, tx)
		if err != nil {
			return err
		}
		def, ok := model.FieldsByID(defs)[fieldID]
		if !ok {
			return fmt.Errorf("custom field %d: %w", fieldID, model.ErrNotFound)
		}
		canon, err := def.NormalizeValue(value, now)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT coalesce((SELECT value FROM customer_fields WHERE customer_id = ? AND field_id = ?), '')",
			customerID, fieldID).Scan(&was); err != nil {
			return err
		}
		if canon == "" {
			_, err = tx.ExecContext(ctx, "DELETE FROM customer_fields WHERE customer_id = ? AND field_id = ?", customerID, fieldID)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO customer_fields (customer_id, field_id, value) VALUES (?, ?, ?)
				ON CONFLICT (customer_id, field_id) DO UPDATE SET value = excluded.value`, customerID, fieldID, canon)
		}
		if err != nil {
			return err
		}
		return refreshSearch(ctx, tx, customerID)
	})
	return was, err
}

// OrderFields lists the fields marked to show when taking an order, each
// with the customer's value ("" when they have none).
func (db *DB) OrderFields(ctx context.Context, customerID int64) ([]model.FieldValue, error) {
	return db.readFieldValues(ctx, `SELECT f.id, f.name, f.kind, coalesce(v.value, '') FROM custom_fields f
		LEFT JOIN customer_fields v ON v.field_id = f.id AND v.customer_id = ?
		WHERE f.on_order = 1 ORDER BY f.position, f.name, f.id`, customerID)
}

// fieldHolders lists the customers with a value of field id.
func fieldHolders(ctx context.Context, q queryer, id int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT customer_id FROM customer_fields WHERE field_id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		ids = append(ids, c)
	}
	return ids, rows.Err()
}

// refreshFieldHolders refreshes the filter text of the customers with a
// value of field id.
func refreshFieldHolders(ctx context.Context, tx *sql.Tx, id int64) error {
	ids, err := fieldHolders(ctx, tx, id)
	if err != nil {
		return err
	}
	return refreshMembers(ctx, tx, ids)
}
