package store

import (
	"context"
	"database/sql"
	"fmt"

	"clientele/model"
)

var _ model.CostStore = (*DB)(nil)

// CreateCost validates c and stores it, setting c.ID. A time entry with no
// amount is priced at the hourly rate in the settings (model.TimeCost), so
// its cost stays what it was when the work was done. A customer or order
// that does not exist is model.ErrNotFound; an order that belongs to
// another customer is a field error on "order".
func (db *DB) CreateCost(ctx context.Context, c *model.Cost) error {
	if err := db.priceTime(ctx, c); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return db.write(ctx, note{model.ActionCostAdd, "Added a cost"}, func(tx *sql.Tx) error {
		if err := costRefs(ctx, tx, c); err != nil {
			return err
		}
		if err := markImportEdited(ctx, tx, c.OrderID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO costs (incurred_on, customer_id, order_id, complaint_id,
			category, amount, minutes, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, dbDate(c.On),
			nullID(c.CustomerID), nullID(c.OrderID), nullID(c.ComplaintID), c.Category, c.Amount,
			nullInt(c.Minutes), c.Note, dbTime(db.Now()))
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return describe(ctx, tx, fmt.Sprintf("Added a cost of %s (%s) for %s", c.Amount, c.Category,
			customerName(ctx, tx, c.CustomerID)))
	})
}
