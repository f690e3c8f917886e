package store

import (
	"context"
	"database/sql"
)

// tablesChildFirst lists the tables of a business's data so that deleting
// in this order never breaks a foreign key. Saved questions stay: they are
// the owner's tools, not data.
var tablesChildFirst = []string{"costs", "complaints", "feedback", "touches", "order_lines", "orders",
	"customer_segments", "customer_values", "segments", "offerings", "customers", "settings"}

// DeleteAll empties every table in one transaction, keeping the schema:
// what `clientele demo --force` does after backing the file up.
func (db *DB) DeleteAll(ctx context.Context) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE customers SET referred_by = NULL"); err != nil {
			return err
		}
		for _, t := range tablesChildFirst {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
				return err
			}
		}
		return nil
	})
}
