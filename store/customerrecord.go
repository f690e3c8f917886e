package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"clientele/model"
)

// CustomerByRef finds the customer a command line names: by the id their
// import knows them by (their ref, or one a merge kept; "source:ref" when
// two sources share one), or else by their number in clientele, as
// exports show them (model.Customer.DisplayRef). ErrNotFound when none
// is; ErrConflict, naming the sources, when several are.
func (db *DB) CustomerByRef(ctx context.Context, ref string) (model.Customer, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return model.Customer{}, model.Invalid("customer", "give the customer's ref or number")
	}
	type hit struct {
		id     int64
		source string
	}
	var hits []hit
	find := func(query string, args ...any) error {
		rows, err := db.r.QueryContext(ctx, query, args...)
		if err != nil {
			return mapErr(err)
		}
		defer rows.Close()
		for rows.Next() {
			var h hit
			if err := rows.Scan(&h.id, &h.source); err != nil {
				return mapErr(err)
			}
			hits = append(hits, h)
		}
		return mapErr(rows.Err())
	}
	refs := `SELECT id, ref_source FROM customers WHERE ref = ?1
		UNION SELECT customer_id, ref_source FROM customer_refs WHERE ref = ?1`
	args := []any{ref}
	if source, r, ok := strings.Cut(ref, ":"); ok {
		refs = `SELECT id, ref_source FROM customers WHERE ref = ?2 AND ref_source = ?1
			UNION SELECT customer_id, ref_source FROM customer_refs WHERE ref = ?2 AND ref_source = ?1
			UNION SELECT id, ref_source FROM customers WHERE ref = ?3
			UNION SELECT customer_id, ref_source FROM customer_refs WHERE ref = ?3`
		args = []any{source, r, ref}
	}
	if err := find(refs, args...); err != nil {
		return model.Customer{}, err
	}
	if len(hits) == 0 {
		if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
			return db.Customer(ctx, id)
		}
		return model.Customer{}, fmt.Errorf("no customer has the ref %q: %w", ref, model.ErrNotFound)
	}
	if len(hits) > 1 {
		var sources []string
		for _, h := range hits {
			sources = append(sources, fmt.Sprintf("%s:%s (customer %d)", h.source, ref, h.id))
		}
		return model.Customer{}, fmt.Errorf("%w: %d customers have the ref %q: name one as %s", model.ErrConflict,
			len(hits), ref, strings.Join(sources, " or "))
	}
	return db.Customer(ctx, hits[0].id)
}

// CustomerRecord reads everything the book holds about customer id: the
// customer, the other ids imports know them by, their orders with lines,
// costs, contacts, feedback and complaints (voided ones too, marked), the
// customers they referred, and the changes that touched their records.
func (db *DB) CustomerRecord(ctx context.Context, id int64) (model.CustomerRecord, error) {
	var rec model.CustomerRecord
	var err error
	if rec.Customer, err = db.Customer(ctx, id); err != nil {
		return rec, err
	}
	rows, err := db.r.QueryContext(ctx, "SELECT ref_source, ref FROM customer_refs WHERE customer_id = ? ORDER BY id", id)
	if err != nil {
		return rec, mapErr(err)
	}
	for rows.Next() {
		var r model.CustomerRef
		if err := rows.Scan(&r.Source, &r.Ref); err != nil {
			rows.Close()
			return rec, mapErr(err)
		}
		rec.Refs = append(rec.Refs, r)
	}
	rows.Close()
	// Each kind of record by its ids, through the readers that edit them.
	if rec.Orders, err = readEach(ctx, db, "SELECT id FROM orders WHERE customer_id = ? ORDER BY ordered_at, id", id,
		db.Order); err != nil {
		return rec, err
	}
	if rec.Costs, err = readEach(ctx, db, "SELECT id FROM costs WHERE customer_id = ? ORDER BY incurred_on, id", id,
		db.Cost); err != nil {
		return rec, err
	}
	if rec.Contacts, err = readEach(ctx, db, "SELECT id FROM touches WHERE customer_id = ? ORDER BY touched_at, id", id,
		db.Touch); err != nil {
		return rec, err
	}
	if rec.Feedback, err = readEach(ctx, db, "SELECT id FROM feedback WHERE customer_id = ? ORDER BY received_on, id", id,
		func(ctx context.Context, id int64) (model.Feedback, error) {
			r, err := db.Feedback(ctx, id)
			return r.Feedback, err
		}); err != nil {
		return rec, err
	}
	if rec.Complaints, err = readEach(ctx, db, "SELECT id FROM complaints WHERE customer_id = ? ORDER BY opened_on, id",
		id, db.Complaint); err != nil {
		return rec, err
	}
	referred, err := db.Referrals(ctx, id)
	if err != nil {
		return rec, err
	}
	for _, r := range referred {
		rec.Referred = append(rec.Referred, model.CustomerName{ID: r.ID, Name: r.Name})
	}
	// Their changes, and those of the customers merged into them.
	who, err := mergedInto(ctx, db.r, id)
	if err != nil {
		return rec, mapErr(err)
	}
	rec.History, err = readChanges(ctx, db.r, `WHERE id IN (SELECT change_id FROM change_customers
		WHERE customer_id IN (`+placeholders(len(who))+`)) ORDER BY id DESC`, anys(who)...)
	return rec, mapErr(err)
}

// readEach reads, with read, each record whose id query (of customer id)
// selects.
func readEach[T any](ctx context.Context, db *DB, query string, id int64,
	read func(context.Context, int64) (T, error)) ([]T, error) {
	ids, err := queryInts(ctx, db.r, query, id)
	if err != nil {
		return nil, mapErr(err)
	}
	out := make([]T, 0, len(ids))
	for _, i := range ids {
		v, err := read(ctx, i)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
