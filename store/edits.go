package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"clientele/model"
)

// Editing and voiding the records entered by mistake: an order (its date,
// kind, lines and note), a cost, a contact, feedback, a complaint
// (UpdateComplaint). Each is one change of the history and keeps the
// figures true in the same transaction. A voided record stays, readable,
// and leaves every figure until it is restored.

var _ model.CorrectionStore = (*DB)(nil)

// recordTables maps a kind of record to its table.
var recordTables = map[model.RecordKind]string{
	model.RecordOrder: "orders", model.RecordCost: "costs", model.RecordTouch: "touches",
	model.RecordFeedback: "feedback", model.RecordComplaint: "complaints",
}

// liveRecord reads the customer of record id of table and refuses one
// that is missing (ErrNotFound) or voided (ErrConflict: restore it first).
func liveRecord(ctx context.Context, tx *sql.Tx, kind model.RecordKind, id int64) (customer int64, err error) {
	var who sql.NullInt64
	var voided bool
	err = tx.QueryRowContext(ctx, "SELECT customer_id, voided_at IS NOT NULL FROM "+recordTables[kind]+" WHERE id = ?",
		id).Scan(&who, &voided)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("%s %d: %w", kind, id, model.ErrNotFound)
	case err != nil:
		return 0, err
	case voided:
		return 0, fmt.Errorf("%w: the %s is voided: restore it to edit it", model.ErrConflict, kind)
	}
	return who.Int64, nil
}

// markImportEdited keeps, on an order an import wrote before fingerprints
// were kept, the fingerprint it has before this edit: what the import
// wrote, as clientele could not edit it until now. A later import of the
// same file then finds it edited here and leaves it alone
// (StoredOrder.Edited). Orders entered here, and those with a
// fingerprint, are left as they are.
func markImportEdited(ctx context.Context, tx *sql.Tx, orderID int64) error {
	var source string
	var hash sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT source, import_hash FROM orders WHERE id = ?", orderID).Scan(&source, &hash)
	if err != nil || source == "" || hash.Valid {
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	}
	o, costs, err := orderWithCosts(ctx, tx, orderID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE orders SET import_hash = ? WHERE id = ?", o.Fingerprint(costs), orderID)
	return err
}

// UpdateOrder validates o and replaces the stored order o.ID: its
// customer, date, kind, notes and lines. The order keeps its identity: its
// id, source and external id, the complaints about it and the costs
// recorded on it, which follow it to another customer. An imported order
// edited here counts as edited for later imports of its file. ErrNotFound
// for a missing order, customer or offering; ErrConflict for a voided
// order.
func (db *DB) UpdateOrder(ctx context.Context, o *model.Order) error {
	if err := o.Validate(); err != nil {
		return err
	}
	now := dbTime(db.Now())
	return db.write(ctx, note{model.ActionOrderEdit, "Edited an order"}, func(tx *sql.Tx) error {
		old, err := liveRecord(ctx, tx, model.RecordOrder, o.ID)
		if err != nil {
			return err
		}
		if o.CustomerID != 0 {
			if err := mustExist(ctx, tx, "customers", "customer", o.CustomerID); err != nil {
				return err
			}
		}
		if err := markImportEdited(ctx, tx, o.ID); err != nil {
			return err
		}
		var ext sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT source, external_id FROM orders WHERE id = ?", o.ID).Scan(&o.Source,
			&ext); err != nil {
			return err
		}
		o.ExternalID = ext.String
		if _, err := tx.ExecContext(ctx, `UPDATE orders SET customer_id = ?, ordered_at = ?, kind = ?, notes = ?,
			lines_amount = ?, lines_direct_cost = ?, payment_due_on = ?, paid_on = ? WHERE id = ?`, nullID(o.CustomerID),
			dbTime(o.OrderedAt), o.Kind, o.Notes, o.Total(), o.DirectCost(), dbDate(o.PaymentDue), dbDate(o.PaidOn),
			o.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM order_lines WHERE order_id = ?", o.ID); err != nil {
			return err
		}
		if err := insertLines(ctx, tx, o); err != nil {
			return err
		}
		if old != o.CustomerID {
			// What was recorded on the order was its customer's.
			for _, table := range []string{"costs", "complaints"} {
				if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET customer_id = ? WHERE order_id = ? AND customer_id IS ?",
					nullID(o.CustomerID), o.ID, nullID(old)); err != nil {
					return err
				}
			}
		}
		if err := refreshOrderCustomers(ctx, tx, now, old, o.CustomerID); err != nil {
			return err
		}
		return describe(ctx, tx, fmt.Sprintf("Edited the %s of %s for %s", orderWord(o.Kind),
			model.FormatDate(o.OrderedAt), customerName(ctx, tx, o.CustomerID)))
	})
}

// orderWord is how a description names an order of kind k.
func orderWord(k model.OrderKind) string {
	if k == model.OrderRefund {
		return "refund"
	}
	return "order"
}

// insertLines stores o's lines, setting their ids; an offering that does
// not exist is ErrNotFound naming the line.
func insertLines(ctx context.Context, tx *sql.Tx, o *model.Order) error {
	for i := range o.Lines {
		ln := &o.Lines[i]
		if ln.OfferingID != 0 {
			if err := mustExist(ctx, tx, "offerings", "offering", ln.OfferingID); err != nil {
				return fmt.Errorf("line %d: %w", i+1, err)
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO order_lines (order_id, offering_id, description, quantity,
			unit_price, unit_price_exact, amount, unit_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, o.ID,
			nullID(ln.OfferingID), ln.Description, ln.Quantity, ln.UnitPrice, nullText(ln.UnitPriceExact),
			ln.Amount, ln.UnitCost)
		if err != nil {
			return err
		}
		if ln.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	return nil
}

// refreshOrderCustomers refreshes the kept figures of the customers an
// order write touched and makes a prospect who now has a sale a customer.
func refreshOrderCustomers(ctx context.Context, tx *sql.Tx, now any, ids ...int64) error {
	var who []int64
	for _, id := range ids {
		if id != 0 {
			who = append(who, id)
		}
	}
	if len(who) == 0 {
		return nil
	}
	if err := refreshFigures(ctx, tx, who...); err != nil {
		return err
	}
	return promoteProspects(ctx, tx, now, who...)
}

// promoteProspects makes the prospects among ids who have a sale
// customers: the facts say they bought. A customer is never moved back:
// a customer whose sale is voided stays a customer until the owner says
// otherwise (or undoes the sale).
func promoteProspects(ctx context.Context, q queryer, now any, ids ...int64) error {
	args := []any{now}
	for _, id := range ids {
		args = append(args, id)
	}
	_, err := q.ExecContext(ctx, `UPDATE customers SET stage = 'customer', updated_at = ?
		WHERE stage = 'prospect' AND order_count > 0 AND id IN (`+placeholders(len(ids))+`)`, args...)
	return err
}

// Cost returns one cost, voided or not; ErrNotFound when missing.
func (db *DB) Cost(ctx context.Context, id int64) (model.Cost, error) {
	var c model.Cost
	var on, voided sql.NullString
	var customer, order, complaint, minutes sql.NullInt64
	err := db.r.QueryRowContext(ctx, `SELECT id, incurred_on, customer_id, order_id, complaint_id, category, amount,
		minutes, note, voided_at, void_reason FROM costs WHERE id = ?`, id).Scan(&c.ID, &on, &customer, &order,
		&complaint, &c.Category, &c.Amount, &minutes, &c.Note, &voided, &c.VoidReason)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("cost %d: %w", id, model.ErrNotFound)
	}
	c.On, c.VoidedAt = parseTime(on), parseTime(voided)
	c.CustomerID, c.OrderID, c.ComplaintID, c.Minutes = customer.Int64, order.Int64, complaint.Int64, int(minutes.Int64)
	return c, mapErr(err)
}

// UpdateCost validates c and replaces the stored cost c.ID, pricing a time
// entry with no amount at the hourly rate as CreateCost does. A cost
// recorded on an imported order makes the order edited for later imports.
func (db *DB) UpdateCost(ctx context.Context, c *model.Cost) error {
	if err := db.priceTime(ctx, c); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return db.write(ctx, note{model.ActionCostEdit, "Edited a cost"}, func(tx *sql.Tx) error {
		if _, err := liveRecord(ctx, tx, model.RecordCost, c.ID); err != nil {
			return err
		}
		var oldOrder sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT order_id FROM costs WHERE id = ?", c.ID).Scan(&oldOrder); err != nil {
			return err
		}
		if err := costRefs(ctx, tx, c); err != nil {
			return err
		}
		for _, o := range []int64{oldOrder.Int64, c.OrderID} {
			if err := markImportEdited(ctx, tx, o); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE costs SET incurred_on = ?, customer_id = ?, order_id = ?,
			complaint_id = ?, category = ?, amount = ?, minutes = ?, note = ? WHERE id = ?`, dbDate(c.On),
			nullID(c.CustomerID), nullID(c.OrderID), nullID(c.ComplaintID), c.Category, c.Amount, nullInt(c.Minutes),
			c.Note, c.ID); err != nil {
			return err
		}
		return describe(ctx, tx, fmt.Sprintf("Edited a cost of %s (%s) for %s", c.Amount, c.Category,
			customerName(ctx, tx, c.CustomerID)))
	})
}

// priceTime prices a time entry with no amount at the settings' hourly rate.
func (db *DB) priceTime(ctx context.Context, c *model.Cost) error {
	if c.Category == model.CostTime && c.Amount == 0 && c.Minutes > 0 {
		s, err := db.Settings(ctx)
		if err != nil {
			return err
		}
		c.Amount = model.TimeCost(c.Minutes, s.HourlyRate)
	}
	return nil
}

// costRefs checks a cost's customer and order: both must exist, and the
// order must be the customer's (a cost given only an order takes its
// customer).
func costRefs(ctx context.Context, tx *sql.Tx, c *model.Cost) error {
	if c.CustomerID != 0 {
		if err := mustExist(ctx, tx, "customers", "customer", c.CustomerID); err != nil {
			return err
		}
	}
	if c.OrderID == 0 {
		return nil
	}
	var owner sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT customer_id FROM orders WHERE id = ?", c.OrderID).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
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
	return nil
}

// Touch returns one entry of the contact log, voided or not.
func (db *DB) Touch(ctx context.Context, id int64) (model.Touch, error) {
	var t model.Touch
	var at, voided sql.NullString
	err := db.r.QueryRowContext(ctx, `SELECT id, customer_id, touched_at, channel, kind, summary, voided_at, void_reason
		FROM touches WHERE id = ?`, id).Scan(&t.ID, &t.CustomerID, &at, &t.Channel, &t.Kind, &t.Summary, &voided,
		&t.VoidReason)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("contact %d: %w", id, model.ErrNotFound)
	}
	t.At, t.VoidedAt = parseTime(at), parseTime(voided)
	return t, mapErr(err)
}

// UpdateTouch validates t and replaces the stored entry t.ID: a contact
// logged on the wrong customer, day or channel. The customers' last
// contact follows (the touches triggers).
func (db *DB) UpdateTouch(ctx context.Context, t *model.Touch) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return db.write(ctx, note{model.ActionTouchEdit, "Edited a contact"}, func(tx *sql.Tx) error {
		if _, err := liveRecord(ctx, tx, model.RecordTouch, t.ID); err != nil {
			return err
		}
		if err := mustExist(ctx, tx, "customers", "customer", t.CustomerID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE touches SET customer_id = ?, touched_at = ?, channel = ?, kind = ?,
			summary = ? WHERE id = ?`, t.CustomerID, dbTime(t.At), t.Channel, t.Kind, t.Summary, t.ID); err != nil {
			return err
		}
		return describe(ctx, tx, fmt.Sprintf("Edited a contact with %s on %s", customerName(ctx, tx, t.CustomerID),
			model.FormatDate(t.At)))
	})
}

// Feedback returns one entry of the feedback log, voided or not.
func (db *DB) Feedback(ctx context.Context, id int64) (model.FeedbackRow, error) {
	r, err := scanFeedbackRow(db.r.QueryRowContext(ctx, "SELECT "+feedbackColumns+feedbackFrom+" WHERE f.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("feedback %d: %w", id, model.ErrNotFound)
	}
	return r, mapErr(err)
}

// UpdateFeedback validates f and replaces the stored entry f.ID: an NPS
// answer entered as 6 instead of 9, a wish on the wrong customer.
func (db *DB) UpdateFeedback(ctx context.Context, f *model.Feedback) error {
	normalizeFeedback(f)
	if err := f.Validate(); err != nil {
		return err
	}
	now := db.Now().Format(model.DateTimeLayout)
	return db.write(ctx, note{model.ActionFeedbackEdit, "Edited feedback"}, func(tx *sql.Tx) error {
		if _, err := liveRecord(ctx, tx, model.RecordFeedback, f.ID); err != nil {
			return err
		}
		if f.CustomerID != 0 {
			if err := mustExist(ctx, tx, "customers", "customer", f.CustomerID); err != nil {
				return err
			}
		}
		var score any
		if f.HasScore {
			score = f.Score
		}
		if _, err := tx.ExecContext(ctx, `UPDATE feedback SET received_on = ?, customer_id = ?, channel = ?, kind = ?,
			question = ?, answer = ?, score = ?, offering_id = ?, theme = ?, status = ?, replied_on = ? WHERE id = ?`,
			dbDate(f.On), nullID(f.CustomerID), f.Channel, f.Kind, f.Question, f.Answer, score, nullID(f.OfferingID),
			f.Theme, f.Status, dbDate(f.RepliedOn), f.ID); err != nil {
			return err
		}
		if err := describe(ctx, tx, "Edited "+feedbackWords(f)+" from "+customerName(ctx, tx, f.CustomerID)); err != nil {
			return err
		}
		return addQuestion(ctx, tx, f.Question, now)
	})
}

// Void voids record id of kind: it stays, with when and why, but leaves
// every figure, list and count until Restore. Voiding an order or a
// complaint voids the costs recorded on it with it (a remedy cost is part
// of its complaint); voiding an imported order makes it edited for later
// imports of its file, which leave it alone. ErrNotFound for a missing
// record, ErrConflict for one voided already.
func (db *DB) Void(ctx context.Context, kind model.RecordKind, id int64, reason string) error {
	if !kind.Valid() {
		return model.Invalid("kind", "%q is not a kind of record that can be voided", kind)
	}
	reason = strings.TrimSpace(reason)
	if err := model.ValidateVoidReason(reason); err != nil {
		return err
	}
	now := dbTime(db.Now())
	return db.write(ctx, note{model.ActionVoid, model.VoidWords("a " + string(kind))}, func(tx *sql.Tx) error {
		customer, err := liveRecord(ctx, tx, kind, id)
		if err != nil {
			return err
		}
		what, err := recordWords(ctx, tx, kind, id)
		if err != nil {
			return err
		}
		orders, err := voidOrders(ctx, tx, kind, id)
		if err != nil {
			return err
		}
		for _, o := range orders {
			if err := markImportEdited(ctx, tx, o); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE "+recordTables[kind]+" SET voided_at = ?, void_reason = ? WHERE id = ?",
			now, reason, id); err != nil {
			return err
		}
		if link := costLink(kind); link != "" {
			if _, err := tx.ExecContext(ctx, "UPDATE costs SET voided_at = ?, void_reason = ? WHERE "+link+
				" = ? AND voided_at IS NULL", now, reason, id); err != nil {
				return err
			}
		}
		if kind == model.RecordOrder && customer != 0 {
			if err := refreshFigures(ctx, tx, customer); err != nil {
				return err
			}
		}
		return describe(ctx, tx, model.VoidWords(what))
	})
}

// Restore brings back a voided record, and the costs voided with it, into
// every figure. ErrNotFound for a missing record, ErrConflict for one not
// voided.
func (db *DB) Restore(ctx context.Context, kind model.RecordKind, id int64) error {
	if !kind.Valid() {
		return model.Invalid("kind", "%q is not a kind of record that can be voided", kind)
	}
	now := dbTime(db.Now())
	return db.write(ctx, note{model.ActionRestore, "Restored a " + string(kind)}, func(tx *sql.Tx) error {
		var who sql.NullInt64
		var voided sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT customer_id, voided_at FROM "+recordTables[kind]+" WHERE id = ?", id).
			Scan(&who, &voided)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("%s %d: %w", kind, id, model.ErrNotFound)
		case err != nil:
			return err
		case !voided.Valid:
			return fmt.Errorf("%w: the %s is not voided", model.ErrConflict, kind)
		}
		if link := costLink(kind); link != "" {
			if _, err := tx.ExecContext(ctx, "UPDATE costs SET voided_at = NULL, void_reason = '' WHERE "+link+
				" = ? AND voided_at = ?", id, voided.String); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE "+recordTables[kind]+" SET voided_at = NULL, void_reason = '' WHERE id = ?",
			id); err != nil {
			return err
		}
		if kind == model.RecordOrder {
			if err := refreshOrderCustomers(ctx, tx, now, who.Int64); err != nil {
				return err
			}
		}
		what, err := recordWords(ctx, tx, kind, id)
		if err != nil {
			return err
		}
		return describe(ctx, tx, "Restored "+what)
	})
}

// costLink is the condition on costs, of a record's id, that selects
// the costs voided and restored with a record of kind; "" for none. An
// order's are those recorded on it but a remedy, which is its
// complaint's.
func costLink(kind model.RecordKind) string {
	switch kind {
	case model.RecordOrder:
		return "complaint_id IS NULL AND order_id"
	case model.RecordComplaint:
		return "complaint_id"
	}
	return ""
}

// voidOrders lists the orders voiding record id of kind changes: the
// order itself, or the order a cost is recorded on.
func voidOrders(ctx context.Context, tx *sql.Tx, kind model.RecordKind, id int64) ([]int64, error) {
	switch kind {
	case model.RecordOrder:
		return []int64{id}, nil
	case model.RecordCost:
		return queryInts(ctx, tx, "SELECT order_id FROM costs WHERE id = ?", id)
	}
	return nil, nil
}

// recordWords names a record in a description: "the order of 2026-05-03
// for Poppy Byrne".
func recordWords(ctx context.Context, tx *sql.Tx, kind model.RecordKind, id int64) (string, error) {
	var on, detail string
	var who, amount sql.NullInt64
	var query string
	switch kind {
	case model.RecordOrder:
		query = "SELECT substr(ordered_at, 1, 10), kind, customer_id, NULL FROM orders WHERE id = ?"
	case model.RecordCost:
		query = "SELECT incurred_on, category, customer_id, amount FROM costs WHERE id = ?"
	case model.RecordTouch:
		query = "SELECT substr(touched_at, 1, 10), 'contact', customer_id, NULL FROM touches WHERE id = ?"
	case model.RecordFeedback:
		query = `SELECT received_on, CASE kind WHEN 'nps' THEN 'NPS answer of ' || score ELSE kind END, customer_id, NULL
			FROM feedback WHERE id = ?`
	case model.RecordComplaint:
		query = "SELECT opened_on, category || ' complaint', customer_id, NULL FROM complaints WHERE id = ?"
	}
	if err := tx.QueryRowContext(ctx, query, id).Scan(&on, &detail, &who, &amount); err != nil {
		return "", err
	}
	switch kind {
	case model.RecordOrder:
		detail = orderWord(model.OrderKind(detail))
	case model.RecordCost:
		detail = fmt.Sprintf("%s cost of %s", detail, model.Money(amount.Int64))
	}
	name := "no customer"
	if who.Valid {
		name = customerName(ctx, tx, who.Int64)
	}
	return fmt.Sprintf("the %s of %s for %s", detail, on, name), nil
}
