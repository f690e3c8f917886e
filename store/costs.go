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
	if c.Category == model.CostTime && c.Amount == 0 && c.Minutes > 0 {
		s, err := db.Settings(ctx)
		if err != nil {
			return err
		}
		c.Amount = model.TimeCost(c.Minutes, s.HourlyRate)
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return db.write(ctx, note{model.ActionCostAdd, "Added a cost"}, func(tx *sql.Tx) error {
		if c.CustomerID != 0 {
			if err := mustExist(ctx, tx, "customers", "customer", c.CustomerID); err != nil {
				return err
			}
		}
		if c.OrderID != 0 {
			var owner sql.NullInt64
			err := tx.QueryRowContext(ctx, "SELECT customer_id FROM orders WHERE id = ?", c.OrderID).Scan(&owner)
			if err == sql.ErrNoRows {
				return fmt.Errorf("order %d: %w", c.OrderID, model.ErrNotFound)
			}
			if err != nil {
				return err
			}
			if c.CustomerID == 0 {
				c.CustomerID = owner.Int64
			} else if owner.Int64 != c.CustomerID {
				return model.Invalid("order", "order %d is not this customer's", c.OrderID)
			}
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
