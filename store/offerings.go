package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"clientele/model"
)

var _ model.OfferingStore = (*DB)(nil)

// Offerings lists every offering, active ones first, then by name.
func (db *DB) Offerings(ctx context.Context) ([]model.Offering, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, coalesce(sku, ''), name, kind, coalesce(tier, 0), price,
		unit_cost, active FROM offerings ORDER BY active DESC, name COLLATE NOCASE, id`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.Offering
	for rows.Next() {
		var o model.Offering
		if err := rows.Scan(&o.ID, &o.SKU, &o.Name, &o.Kind, &o.Tier, &o.Price, &o.UnitCost, &o.Active); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// normalizeOffering trims the text fields and defaults the kind.
func normalizeOffering(o *model.Offering) {
	o.Name = strings.TrimSpace(o.Name)
	o.SKU = strings.TrimSpace(o.SKU)
	if o.Kind == "" {
		o.Kind = model.KindProduct
	}
}

// CreateOffering validates o, stores it and sets o.ID. A SKU that another
// offering has is model.ErrConflict.
func (db *DB) CreateOffering(ctx context.Context, o *model.Offering) error {
	normalizeOffering(o)
	if err := o.Validate(); err != nil {
		return err
	}
	return db.write(ctx, note{model.ActionOffering, "Added the offering " + o.Name}, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO offerings (sku, name, kind, tier, price, unit_cost, active,
			created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, nullText(o.SKU), o.Name, o.Kind, nullInt(o.Tier), o.Price,
			o.UnitCost, o.Active, dbTime(db.Now()))
		if err != nil {
			return skuConflict(err, o.SKU)
		}
		o.ID, err = res.LastInsertId()
		return err
	})
}

// UpdateOffering validates o and replaces the stored offering:
// model.ErrNotFound for a missing id, model.ErrConflict for a SKU another
// offering has.
func (db *DB) UpdateOffering(ctx context.Context, o *model.Offering) error {
	normalizeOffering(o)
	if err := o.Validate(); err != nil {
		return err
	}
	return db.write(ctx, note{model.ActionOffering, "Edited the offering " + o.Name}, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE offerings SET sku = ?, name = ?, kind = ?, tier = ?, price = ?,
			unit_cost = ?, active = ? WHERE id = ?`, nullText(o.SKU), o.Name, o.Kind, nullInt(o.Tier), o.Price,
			o.UnitCost, o.Active, o.ID)
		if err != nil {
			return skuConflict(err, o.SKU)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("offering %d: %w", o.ID, model.ErrNotFound)
		}
		return nil
	})
}

// skuConflict says which SKU is taken, in words for the form's sku field.
func skuConflict(err error, sku string) error {
	err = mapErr(err)
	if errors.Is(err, model.ErrConflict) {
		return fmt.Errorf("%w: %w", model.ErrConflict, model.Invalid("sku", "%q is already another offering's", sku))
	}
	return err
}
