package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"clientele/model"
	"clientele/store/testsize"
)

// randomBook makes random changes of every kind the store offers, each
// one change of the history.
type randomBook struct {
	t   *testing.T
	db  *DB
	rng *rand.Rand
	ctx context.Context
}

// pick returns a random id of table (live or voided), or 0 when it is
// empty.
func (r *randomBook) pick(table, where string) int64 {
	if where == "" {
		where = "1"
	}
	ids, err := queryInts(r.ctx, r.db.r, "SELECT id FROM "+table+" WHERE "+where+" ORDER BY id")
	if err != nil {
		r.t.Fatal(err)
	}
	if len(ids) == 0 {
		return 0
	}
	return ids[r.rng.IntN(len(ids))]
}

var randomNames = []string{"Poppy Byrne", "Ivo Marsh", "Émile Roux", "Ada Quint", "Bea Lund", "Cy Orr", "Dot Fay"}

func (r *randomBook) line() model.OrderLine {
	return model.NewLine([]string{"Soap", "Candle", "Balm", "Gift box"}[r.rng.IntN(4)], int64(1+r.rng.IntN(4)),
		model.Money(100+r.rng.IntN(900)), model.Money(r.rng.IntN(100)))
}

func (r *randomBook) day() time.Time {
	return time.Date(2026, time.Month(1+r.rng.IntN(6)), 1+r.rng.IntN(28), r.rng.IntN(24), 0, 0, 0, time.UTC)
}

// change makes one random change and says what it was; ok is false when
// the change chosen could not be made (nothing to edit yet).
func (r *randomBook) change() (string, bool) {
	ctx, db, rng := r.ctx, r.db, r.rng
	customer := r.pick("customers", "")
	kind := rng.IntN(24)
	if customer == 0 {
		kind = 0
	}
	var err error
	switch kind {
	case 0:
		c := model.Customer{Name: randomNames[rng.IntN(len(randomNames))], Email: fmt.Sprintf("c%d@example.com", rng.IntN(9)),
			Segments: []string{[]string{"wholesale", "market", "online"}[rng.IntN(3)]}, Values: []string{"quality"}}
		err = db.CreateCustomer(ctx, &c)
	case 1:
		c, e := db.Customer(ctx, customer)
		if e != nil {
			r.t.Fatal(e)
		}
		c.Notes += " more"
		c.Phone = fmt.Sprintf("0770 900 %03d", rng.IntN(1000))
		c.Segments = append(c.Segments, "vip")
		c.Values = []string{"price", "style"}[:rng.IntN(3)]
		err = db.UpdateCustomer(ctx, &c)
	case 2:
		if rng.IntN(2) == 0 {
			err = db.ArchiveCustomer(ctx, customer)
		} else {
			err = db.UnarchiveCustomer(ctx, customer)
		}
	case 3:
		_, err = db.SetStage(ctx, customer, model.Stages[rng.IntN(len(model.Stages))], "they moved away")
	case 4, 5:
		o := model.Order{CustomerID: customer, OrderedAt: r.day(), Kind: model.OrderSale, Lines: []model.OrderLine{r.line(), r.line()}}
		err = db.CreateOrder(ctx, &o)
	case 6:
		id := r.pick("orders", "voided_at IS NULL")
		if id == 0 {
			return "", false
		}
		o, e := db.Order(ctx, id)
		if e != nil {
			r.t.Fatal(e)
		}
		o.Lines, o.Notes, o.CustomerID = []model.OrderLine{r.line()}, "edited", r.pick("customers", "")
		err = db.UpdateOrder(ctx, &o)
	case 7:
		id := r.pick("orders", "voided_at IS NULL")
		if id == 0 {
			return "", false
		}
		err = db.Void(ctx, model.RecordOrder, id, "twice")
	case 8:
		id := r.pick("orders", "voided_at IS NOT NULL")
		if id == 0 {
			return "", false
		}
		err = db.Restore(ctx, model.RecordOrder, id)
	case 9:
		c := model.Cost{On: r.day(), CustomerID: customer, Category: model.CostShipping, Amount: model.Money(rng.IntN(900))}
		if o := r.pick("orders", fmt.Sprintf("customer_id = %d", customer)); o != 0 && rng.IntN(2) == 0 {
			c.OrderID = o
		}
		err = db.CreateCost(ctx, &c)
	case 10:
		id := r.pick("costs", "voided_at IS NULL")
		if id == 0 {
			return "", false
		}
		if rng.IntN(2) == 0 {
			err = db.Void(ctx, model.RecordCost, id, "")
			break
		}
		c, e := db.Cost(ctx, id)
		if e != nil {
			r.t.Fatal(e)
		}
		c.Amount += 10
		err = db.UpdateCost(ctx, &c)
	case 11:
		t := model.Touch{CustomerID: customer, At: r.day(), Kind: model.TouchContact, Summary: "called"}
		if rng.IntN(3) == 0 {
			t.Kind = model.TouchReview
		}
		err = db.AddTouch(ctx, &t)
	case 12:
		id := r.pick("touches", "voided_at IS NULL")
		if id == 0 {
			return "", false
		}
		if rng.IntN(2) == 0 {
			err = db.Void(ctx, model.RecordTouch, id, "wrong customer")
			break
		}
		t, e := db.Touch(ctx, id)
		if e != nil {
			r.t.Fatal(e)
		}
		t.CustomerID, t.At = customer, r.day()
		err = db.UpdateTouch(ctx, &t)
	case 13:
		f := model.Feedback{On: r.day(), CustomerID: customer, Kind: model.FeedbackNPS, Score: rng.IntN(11), HasScore: true,
			Question: "How likely?"}
		if rng.IntN(2) == 0 {
			f = model.Feedback{On: r.day(), CustomerID: customer, Kind: model.FeedbackWish, Answer: "gift wrap"}
		}
		err = db.CreateFeedback(ctx, &f)
	case 14:
		id := r.pick("feedback", "voided_at IS NULL")
		if id == 0 {
			return "", false
		}
		switch rng.IntN(3) {
		case 0:
			err = db.Void(ctx, model.RecordFeedback, id, "")
		case 1:
			err = db.SetFeedbackStatus(ctx, id, model.FeedbackReplied)
		default:
			f, e := db.Feedback(ctx, id)
			if e != nil {
				r.t.Fatal(e)
			}
			f.Feedback.Answer += "!"
			err = db.UpdateFeedback(ctx, &f.Feedback)
		}
	case 15:
		c := model.Complaint{OpenedOn: r.day(), CustomerID: customer, Category: model.ComplaintDelivery,
			WhatWentWrong: "late", RemedyCost: model.Money(rng.IntN(3) * 250)}
		err = db.CreateComplaint(ctx, &c)
	case 16:
		id := r.pick("complaints", "voided_at IS NULL")
		if id == 0 {
			return "", false
		}
		if rng.IntN(2) == 0 {
			err = db.Void(ctx, model.RecordComplaint, id, "")
			break
		}
		c, e := db.Complaint(ctx, id)
		if e != nil {
			r.t.Fatal(e)
		}
		c.Status, c.RemedyCost = model.ComplaintRemedied, c.RemedyCost+100
		c.RemediedOn = c.OpenedOn
		err = db.UpdateComplaint(ctx, &c)
	case 17:
		if rng.IntN(2) == 0 {
			err = db.SetFollowUp(ctx, customer, r.day())
		} else {
			err = db.Snooze(ctx, customer, r.day())
		}
	case 18:
		s := r.pick("segments", "")
		switch {
		case s == 0:
			_, _, err = db.AddToSegment(ctx, "market", []int64{customer})
		case rng.IntN(3) == 0:
			err = db.RenameSegment(ctx, s, fmt.Sprintf("seg %d", rng.IntN(100)))
		case rng.IntN(2) == 0:
			_, err = db.RemoveFromSegment(ctx, s, []int64{customer})
		default:
			_, _, err = db.AddToSegment(ctx, fmt.Sprintf("seg %d", rng.IntN(5)), []int64{customer, r.pick("customers", "")})
		}
	case 19:
		a, b := r.pick("segments", ""), r.pick("segments", "")
		if a == 0 || a == b {
			return "", false
		}
		if rng.IntN(2) == 0 {
			_, err = db.MergeSegments(ctx, a, b)
		} else {
			err = db.DeleteSegment(ctx, a)
		}
	case 20:
		s, e := db.Settings(ctx)
		if e != nil {
			r.t.Fatal(e)
		}
		s.ProspectDays = 1 + rng.IntN(60)
		s.BusinessName = fmt.Sprintf("Hearth %d", rng.IntN(9))
		err = db.SaveSettings(ctx, s)
	case 21:
		o := model.Offering{Name: fmt.Sprintf("Offer %d", rng.IntN(50)), Price: 500, Active: true}
		err = db.CreateOffering(ctx, &o)
	case 22:
		// A small import: new customers and orders, and an order replaced.
		err = db.Load(ctx, func(l *Loader) error {
			c := model.Customer{Name: randomNames[rng.IntN(len(randomNames))], Stage: model.StageCustomer,
				Segments: []string{"imported"}, Values: []string{"speed"}}
			if err := l.Customer(&c); err != nil {
				return err
			}
			for range 1 + rng.IntN(3) {
				o := model.Order{CustomerID: c.ID, OrderedAt: r.day(), Kind: model.OrderSale, Source: "shop",
					ExternalID: fmt.Sprintf("X%d", rng.Int64()), Lines: []model.OrderLine{r.line(), r.line()}}
				if err := l.Order(&o); err != nil {
					return err
				}
				if err := l.QueueCost(model.Cost{On: r.day(), OrderID: o.ID, CustomerID: c.ID, Category: model.CostFees,
					Amount: 30}); err != nil {
					return err
				}
			}
			if id := r.pick("orders", "source = 'shop' AND voided_at IS NULL"); id != 0 && rng.IntN(2) == 0 {
				o := model.Order{CustomerID: customer, OrderedAt: r.day(), Kind: model.OrderSale,
					Lines: []model.OrderLine{r.line()}}
				return l.ReplaceOrder(id, &o, []model.Cost{{On: r.day(), Category: model.CostShipping, Amount: 70}})
			}
			return nil
		})
	case 23:
		// An edit made outside clientele, as the sqlite3 shell would.
		_, err = db.w.ExecContext(ctx, "UPDATE customers SET notes = notes || ' (shell)', name = name || ' Jr' WHERE id = ?",
			customer)
		if err == nil {
			return "outside", true
		}
	}
	if err != nil {
		if errors.Is(err, model.ErrInvalid) || errors.Is(err, model.ErrConflict) {
			return "", false // a refused change is no change
		}
		r.t.Fatalf("change kind %d: %v", kind, err)
	}
	return fmt.Sprint(kind), true
}

// endOutside ends an edit made outside clientele as opening the book
// later would: its kept keys refreshed, and the next outside edit a
// change of its own (as ten minutes later).
func endOutside(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	if err := db.maintain(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE history_state SET open_change = NULL"); err != nil {
			return err
		}
		return refreshStaleKeys(ctx, tx)
	}); err != nil {
		t.Fatal(err)
	}
}

func TestUndoRedoOf200RandomChangesReturnsEachEarlierBook(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	clock := fixedNow
	db.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	r := &randomBook{t: t, db: db, rng: rand.New(rand.NewPCG(15, 200)), ctx: ctx}
	// 200 changes and 300 steps at full size (testsize); 50 and 75 in a
	// working session's run.
	changes, steps := testsize.Pick(50, 200), testsize.Pick(75, 300)
	books := []string{dump(t, db)}
	for len(books) <= changes {
		kind, ok := r.change()
		if !ok {
			continue
		}
		if kind == "outside" {
			// Each edit outside clientele within ten minutes joins the
			// last: end it, as ten minutes would.
			endOutside(t, db)
		}
		// A save that changed nothing is no change.
		if d := dump(t, db); d != books[len(books)-1] {
			books = append(books, d)
		}
	}
	var undone []string
	for i := changes; i > 0; i-- {
		res, err := db.Undo(ctx)
		if err != nil {
			t.Fatalf("undo %d: %v", changes+1-i, err)
		}
		undone = append(undone, res.Reversed.What)
		if got := dump(t, db); got != books[i-1] {
			t.Fatalf("after undoing %q (%d of %d) the book is not as it was: %s", res.Reversed.What, changes+1-i, changes,
				diffDumps(books[i-1], got))
		}
	}
	if _, err := db.Undo(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("undo past the first change: %v", err)
	}
	figuresAgree(t, db, "all undone")
	for i := 1; i <= changes; i++ {
		res, err := db.Redo(ctx)
		if err != nil {
			t.Fatalf("redo %d: %v", i, err)
		}
		if res.Reversed.What != "Undid: "+undone[changes-i] {
			t.Errorf("redo %d took back %q, want the undo of %q", i, res.Reversed.What, undone[changes-i])
		}
		if got := dump(t, db); got != books[i] {
			t.Fatalf("after redo %d the book is not as it was: %s", i, diffDumps(books[i], got))
		}
	}
	if _, err := db.Redo(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("redo past the last change: %v", err)
	}
	figuresAgree(t, db, "all redone")

	// Then a walk back and forth, with new changes that end what can be
	// redone.
	stack := []string{books[changes]} // the books undo returns to, the current one last
	var redo []string
	for step := range steps {
		switch n := r.rng.IntN(10); {
		case n < 4 && len(stack) > 1:
			if _, err := db.Undo(ctx); err != nil {
				t.Fatalf("step %d, undo: %v", step, err)
			}
			redo = append(redo, stack[len(stack)-1])
			stack = stack[:len(stack)-1]
		case n < 7 && len(redo) > 0:
			if _, err := db.Redo(ctx); err != nil {
				t.Fatalf("step %d, redo: %v", step, err)
			}
			stack = append(stack, redo[len(redo)-1])
			redo = redo[:len(redo)-1]
		default:
			kind, ok := r.change()
			if !ok {
				continue
			}
			if kind == "outside" {
				endOutside(t, db)
			}
			d := dump(t, db)
			if d == stack[len(stack)-1] {
				continue
			}
			stack, redo = append(stack, d), nil
			if _, err := db.Redo(ctx); !errors.Is(err, model.ErrNotFound) {
				t.Fatalf("step %d: a redo after a new change: %v", step, err)
			}
		}
		if got := dump(t, db); got != stack[len(stack)-1] {
			t.Fatalf("step %d: the book is not as it was: %s", step, diffDumps(stack[len(stack)-1], got))
		}
	}
	figuresAgree(t, db, "after the walk")
}
