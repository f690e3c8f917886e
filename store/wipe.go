package store

import (
	"context"
	"database/sql"
)

// tablesChildFirst lists the tables of a business's data so that deleting
// in this order never breaks a foreign key. Saved questions and message
// templates stay: they are the owner's tools, not data; so does the
// book's id among the settings.
var tablesChildFirst = []string{"costs", "complaints", "feedback", "touches", "order_lines", "orders",
	"customer_segments", "customer_values", "customer_fields", "custom_fields", "occasions", "reminders",
	"customer_refs", "segments", "offerings", "customers", "settings",
	"change_ranges", "change_customers", "change_rows", "changes"}

// DeleteAll empties every table in one transaction, keeping the schema:
// what `clientele demo --force` does after backing the file up. The
// history goes with the book it was the history of: the backup is the
// way back.
func (db *DB) DeleteAll(ctx context.Context) error {
	return db.maintain(ctx, func(tx *sql.Tx) error {
		// As a load does: the kept months are recomputed once, at the
		// end, rather than month by month as the orders go.
		if err := setLoading(ctx, tx, loadRebuild); err != nil {
			return err
		}
		triggers, err := dropBookTriggers(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE customers SET referred_by = NULL"); err != nil {
			return err
		}
		for _, t := range tablesChildFirst {
			where := ""
			if t == "settings" {
				where = " WHERE key <> 'book_id'"
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+where); err != nil {
				return err
			}
		}
		if err := finishLoading(ctx, tx); err != nil {
			return err
		}
		return triggers.restore(ctx, tx)
	})
}

// Empty reports whether the database holds no business data: no customer,
// order, offering or feedback.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	var any bool
	err := db.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM orders)
		OR EXISTS (SELECT 1 FROM offerings) OR EXISTS (SELECT 1 FROM feedback)`).Scan(&any)
	return !any, mapErr(err)
}
