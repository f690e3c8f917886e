package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"clientele/model"
)

// truth is what a customer's figures must be, summed here from the raw
// rows with nothing of the store's figure code: orders, lines and costs
// not voided, in Go.
type truth struct {
	sales, refunds          int // orders
	salesAmt, refundsAmt    model.Money
	direct, serve           model.Money
	firstSale, lastSale     string
	lastTouch               string
	complaints              int
	remedy                  model.Money
	promoters, detractors   int
	passives, latestNPS     int
	hasNPS                  bool
	timeMinutes, acquistion int
}

// truths sums every customer's figures from the raw rows.
func truths(t *testing.T, db *DB) map[int64]*truth {
	t.Helper()
	ctx := context.Background()
	out := map[int64]*truth{}
	at := func(id int64) *truth {
		if out[id] == nil {
			out[id] = &truth{}
		}
		return out[id]
	}
	type order struct {
		customer int64
		kind     string
		at       string
		voided   bool
	}
	orders := map[int64]order{}
	each := func(query string, fn func(r *sql.Rows) error) {
		rows, err := db.r.QueryContext(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := fn(rows); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	each("SELECT id, coalesce(customer_id, 0), kind, ordered_at, voided_at IS NOT NULL FROM orders", func(r *sql.Rows) error {
		var id int64
		var o order
		if err := r.Scan(&id, &o.customer, &o.kind, &o.at, &o.voided); err != nil {
			return err
		}
		orders[id] = o
		if o.voided {
			return nil
		}
		tr := at(o.customer)
		if o.kind == "sale" {
			tr.sales++
			if tr.firstSale == "" || o.at < tr.firstSale {
				tr.firstSale = o.at
			}
			tr.lastSale = max(tr.lastSale, o.at)
		} else {
			tr.refunds++
		}
		return nil
	})
	each("SELECT order_id, amount, quantity * unit_cost FROM order_lines", func(r *sql.Rows) error {
		var id int64
		var amount, direct model.Money
		if err := r.Scan(&id, &amount, &direct); err != nil {
			return err
		}
		o := orders[id]
		if o.voided {
			return nil
		}
		tr := at(o.customer)
		if o.kind == "sale" {
			tr.salesAmt += amount
		} else {
			tr.refundsAmt += amount
		}
		tr.direct += direct
		return nil
	})
	each(`SELECT coalesce(customer_id, 0), coalesce(order_id, 0), category, amount, coalesce(minutes, 0),
		voided_at IS NOT NULL FROM costs`, func(r *sql.Rows) error {
		var customer, order int64
		var category string
		var amount model.Money
		var minutes int
		var voided bool
		if err := r.Scan(&customer, &order, &category, &amount, &minutes, &voided); err != nil {
			return err
		}
		if voided {
			return nil
		}
		if customer == 0 {
			customer = orders[order].customer
		}
		tr := at(customer)
		if category == "acquisition" {
			tr.acquistion += int(amount)
			return nil
		}
		tr.serve += amount
		if category == "time" {
			tr.timeMinutes += minutes
		}
		return nil
	})
	each(`SELECT customer_id, touched_at, kind, summary FROM touches WHERE voided_at IS NULL`, func(r *sql.Rows) error {
		var customer int64
		var when, kind, summary string
		if err := r.Scan(&customer, &when, &kind, &summary); err != nil {
			return err
		}
		if kind == "review" && len(summary) >= len(model.SnoozeNote) && summary[:len(model.SnoozeNote)] == model.SnoozeNote {
			return nil
		}
		tr := at(customer)
		tr.lastTouch = max(tr.lastTouch, when)
		return nil
	})
	each(`SELECT c.customer_id, (SELECT coalesce(sum(amount), 0) FROM costs WHERE complaint_id = c.id
		AND category = 'remedy' AND voided_at IS NULL) FROM complaints c WHERE c.voided_at IS NULL
		AND c.customer_id IS NOT NULL`, func(r *sql.Rows) error {
		var customer int64
		var remedy model.Money
		if err := r.Scan(&customer, &remedy); err != nil {
			return err
		}
		tr := at(customer)
		tr.complaints++
		tr.remedy += remedy
		return nil
	})
	each(`SELECT customer_id, score FROM feedback WHERE kind = 'nps' AND voided_at IS NULL AND customer_id IS NOT NULL
		ORDER BY received_on, id`, func(r *sql.Rows) error {
		var customer int64
		var score int
		if err := r.Scan(&customer, &score); err != nil {
			return err
		}
		tr := at(customer)
		switch {
		case score >= 9:
			tr.promoters++
		case score >= 7:
			tr.passives++
		default:
			tr.detractors++
		}
		tr.latestNPS, tr.hasNPS = score, true
		return nil
	})
	return out
}

// figuresAgree compares every figure the store keeps or sums for every
// customer with truths: the kept figures, the Profit book, a customer's
// own profit, NPS, complaints, the Segments tab's facts and figures, the
// last contact, and `clientele check`.
func figuresAgree(t *testing.T, db *DB, step string) {
	t.Helper()
	ctx := context.Background()
	want := truths(t, db)
	get := func(id int64) truth {
		if w := want[id]; w != nil {
			return *w
		}
		return truth{}
	}
	ids, err := queryInts(ctx, db.r, "SELECT id FROM customers ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	book, err := db.ProfitBook(ctx, model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	inBook := map[int64]model.ProfitFacts{}
	for _, f := range book.Customers {
		inBook[f.ID] = f
	}
	nps, err := db.NPSPerCustomer(ctx, model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	complaints, err := db.ComplaintsPerCustomer(ctx, model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	span := model.Period{From: stamp(t, "2000-01-01"), To: stamp(t, "2100-01-01")}
	facts, err := db.FitFacts(ctx, span)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.FitFigures(ctx, facts, span); err != nil {
		t.Fatal(err)
	}
	fit := map[int64]model.FitCustomer{}
	for _, f := range facts {
		fit[f.ID] = f
	}
	for _, id := range ids {
		w := get(id)
		c, err := db.Customer(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Orders != w.sales || c.Revenue != w.salesAmt+w.refundsAmt || model.FormatDateTime(c.LastOrder) !=
			model.FormatDateTime(parseTime(sql.NullString{String: w.lastSale, Valid: w.lastSale != ""})) {
			t.Errorf("%s: customer %d keeps %d orders, revenue %s, last %v; the rows say %d, %s, %s", step, id,
				c.Orders, c.Revenue, c.LastOrder, w.sales, w.salesAmt+w.refundsAmt, w.lastSale)
		}
		b := inBook[id]
		if b.SaleOrders != w.sales || b.RefundOrders != w.refunds || b.Sales != w.salesAmt ||
			b.Refunds != w.refundsAmt || b.DirectCost != w.direct || b.CostToServe != w.serve ||
			b.LifetimeRevenue != w.salesAmt+w.refundsAmt {
			t.Errorf("%s: the Profit book has customer %d at %+v; the rows say %+v", step, id, b, w)
		}
		own, err := db.CustomerProfit(ctx, id, model.AllTime())
		if err != nil {
			t.Fatal(err)
		}
		if o := own[0]; o.Sales != w.salesAmt || o.Refunds != w.refundsAmt || o.CostToServe != w.serve ||
			o.SaleOrders != w.sales {
			t.Errorf("%s: customer %d's own profit %+v; the rows say %+v", step, id, o, w)
		}
		if n := nps[id]; n.Promoters != w.promoters || n.Passives != w.passives || n.Detractors != w.detractors {
			t.Errorf("%s: customer %d NPS %+v; the rows say %d/%d/%d", step, id, n, w.promoters, w.passives, w.detractors)
		}
		if cc := complaints[id]; cc.Total != w.complaints || cc.RemedyCost != w.remedy {
			t.Errorf("%s: customer %d complaints %+v; the rows say %d, remedy %s", step, id, cc, w.complaints, w.remedy)
		}
		if f, ok := fit[id]; ok && (f.Complaints != w.complaints || f.HasNPS != w.hasNPS || (w.hasNPS && f.NPS != w.latestNPS) ||
			f.Orders != w.sales || f.Revenue != w.salesAmt+w.refundsAmt || f.CostToServe != w.serve) {
			t.Errorf("%s: customer %d's fit facts %+v; the rows say %+v", step, id, f, w)
		}
		minutes, err := db.TimeSpent(ctx, id, span)
		if err != nil {
			t.Fatal(err)
		}
		if minutes != w.timeMinutes {
			t.Errorf("%s: customer %d time %d min; the rows say %d", step, id, minutes, w.timeMinutes)
		}
		var last sql.NullString
		if err := db.r.QueryRowContext(ctx, "SELECT last_touch_at FROM customers WHERE id = ?", id).Scan(&last); err != nil {
			t.Fatal(err)
		}
		if last.String != w.lastTouch {
			t.Errorf("%s: customer %d last touch %q; the rows say %q", step, id, last.String, w.lastTouch)
		}
	}
	rep, err := Check(ctx, db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Errorf("%s: check says\n%s", step, rep)
	}
}

func TestEveryRecordEditedAndVoidedKeepsEveryFigureTrue(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	a := model.Customer{Name: "Poppy Byrne"}
	b := model.Customer{Name: "Ivo Marsh", Stage: model.StageCustomer}
	must(t, db.CreateCustomer(ctx, &a))
	must(t, db.CreateCustomer(ctx, &b))
	soap := model.Offering{Name: "Lavender soap", Price: 450, UnitCost: 120, Active: true}
	must(t, db.CreateOffering(ctx, &soap))
	line := func(q int64, price model.Money) model.OrderLine {
		l := model.NewLine("Lavender soap", q, price, 120)
		l.OfferingID = soap.ID
		return l
	}
	sale1 := model.Order{CustomerID: a.ID, OrderedAt: stamp(t, "2026-03-02 10:00"), Kind: model.OrderSale,
		Lines: []model.OrderLine{line(2, 450), line(1, 900)}}
	must(t, db.CreateOrder(ctx, &sale1))
	if c, _ := db.Customer(ctx, a.ID); c.Stage != model.StageCustomer {
		t.Errorf("a prospect's first sale left them %s", c.Stage)
	}
	sale2 := model.Order{CustomerID: a.ID, OrderedAt: stamp(t, "2026-04-10 11:00"), Kind: model.OrderSale,
		Lines: []model.OrderLine{line(3, 450)}}
	must(t, db.CreateOrder(ctx, &sale2))
	refund := model.Order{CustomerID: a.ID, OrderedAt: stamp(t, "2026-04-12 09:00"), Kind: model.OrderRefund,
		Lines: []model.OrderLine{line(-1, 450)}}
	must(t, db.CreateOrder(ctx, &refund))
	shipping := model.Cost{On: stamp(t, "2026-03-02"), OrderID: sale1.ID, Category: model.CostShipping, Amount: 350}
	must(t, db.CreateCost(ctx, &shipping))
	hour := model.Cost{On: stamp(t, "2026-03-05"), CustomerID: a.ID, Category: model.CostTime, Minutes: 60, Amount: 2000}
	must(t, db.CreateCost(ctx, &hour))
	call := model.Touch{CustomerID: a.ID, At: stamp(t, "2026-04-01 12:00"), Channel: model.ChannelPhone,
		Kind: model.TouchContact, Summary: "asked about gift boxes"}
	must(t, db.AddTouch(ctx, &call))
	answer := model.Feedback{On: stamp(t, "2026-04-02"), CustomerID: a.ID, Kind: model.FeedbackNPS, Score: 6,
		HasScore: true}
	must(t, db.CreateFeedback(ctx, &answer))
	complaint := model.Complaint{OpenedOn: stamp(t, "2026-03-09"), CustomerID: a.ID, OrderID: sale1.ID,
		Category: model.ComplaintQuality, WhatWentWrong: "a bar arrived cracked", RemedyCost: 500,
		RemediedOn: stamp(t, "2026-03-10")}
	must(t, db.CreateComplaint(ctx, &complaint))
	figuresAgree(t, db, "entered")

	// Orders: lines, date, note; kind; customer; void and restore.
	sale1.Lines = []model.OrderLine{line(4, 450)}
	sale1.OrderedAt, sale1.Notes = stamp(t, "2026-03-03 08:00"), "typo in the quantity"
	must(t, db.UpdateOrder(ctx, &sale1))
	figuresAgree(t, db, "order lines, date and note edited")
	sale2.Kind, sale2.Lines = model.OrderRefund, []model.OrderLine{line(-3, 450)}
	must(t, db.UpdateOrder(ctx, &sale2))
	figuresAgree(t, db, "a sale made a refund")
	sale1.CustomerID = b.ID
	must(t, db.UpdateOrder(ctx, &sale1))
	figuresAgree(t, db, "an order moved to another customer")
	if got, _ := db.Complaint(ctx, complaint.ID); got.CustomerID != b.ID || got.OrderID != sale1.ID {
		t.Errorf("the complaint about the moved order: customer %d, order %d", got.CustomerID, got.OrderID)
	}
	if got, _ := db.Cost(ctx, shipping.ID); got.CustomerID != b.ID || got.OrderID != sale1.ID {
		t.Errorf("the shipping of the moved order: customer %d, order %d", got.CustomerID, got.OrderID)
	}
	must(t, db.Void(ctx, model.RecordOrder, sale1.ID, "entered twice"))
	figuresAgree(t, db, "an order voided")
	if o, err := db.Order(ctx, sale1.ID); err != nil || !o.Voided() || o.VoidReason != "entered twice" || len(o.Lines) != 1 {
		t.Errorf("a voided order reads %+v, %v", o, err)
	}
	if err := db.UpdateOrder(ctx, &sale1); !errors.Is(err, model.ErrConflict) {
		t.Errorf("editing a voided order: %v, want ErrConflict", err)
	}
	if err := db.Void(ctx, model.RecordOrder, sale1.ID, ""); !errors.Is(err, model.ErrConflict) {
		t.Errorf("voiding it twice: %v, want ErrConflict", err)
	}
	tl, _ := db.Timeline(ctx, b.ID, 50)
	tlAll, _ := db.TimelineWithVoided(ctx, b.ID, 50)
	if len(tl) != len(tlAll)-2 { // the order and the shipping recorded on it
		t.Errorf("the timeline shows %d entries, %d with the voided ones", len(tl), len(tlAll))
	}
	must(t, db.Restore(ctx, model.RecordOrder, sale1.ID))
	figuresAgree(t, db, "the order restored")

	// Costs.
	shipping, _ = db.Cost(ctx, shipping.ID)
	shipping.Amount = 420
	must(t, db.UpdateCost(ctx, &shipping))
	figuresAgree(t, db, "a cost edited")
	must(t, db.Void(ctx, model.RecordCost, hour.ID, "not this customer's"))
	figuresAgree(t, db, "a cost voided")
	hour.CustomerID = b.ID
	if err := db.UpdateCost(ctx, &hour); !errors.Is(err, model.ErrConflict) {
		t.Errorf("editing a voided cost: %v", err)
	}
	must(t, db.Restore(ctx, model.RecordCost, hour.ID))
	must(t, db.UpdateCost(ctx, &hour))
	figuresAgree(t, db, "a cost moved")

	// Contacts.
	call.CustomerID = b.ID
	must(t, db.UpdateTouch(ctx, &call))
	figuresAgree(t, db, "a contact moved")
	must(t, db.Void(ctx, model.RecordTouch, call.ID, ""))
	figuresAgree(t, db, "a contact voided")
	must(t, db.Restore(ctx, model.RecordTouch, call.ID))
	figuresAgree(t, db, "a contact restored")

	// Feedback: an NPS answer entered as 6 instead of 9.
	answer.Score = 9
	must(t, db.UpdateFeedback(ctx, &answer))
	figuresAgree(t, db, "an NPS answer corrected")
	must(t, db.Void(ctx, model.RecordFeedback, answer.ID, "test entry"))
	figuresAgree(t, db, "feedback voided")
	if rows, _, _ := db.ListFeedback(ctx, model.FeedbackQuery{}); len(rows) != 0 {
		t.Errorf("the log lists %d entries with the only one voided", len(rows))
	}
	if rows, _, _ := db.ListFeedback(ctx, model.FeedbackQuery{WithVoided: true}); len(rows) != 1 || !rows[0].Voided() {
		t.Errorf("the log with voided entries: %+v", rows)
	}
	must(t, db.Restore(ctx, model.RecordFeedback, answer.ID))
	figuresAgree(t, db, "feedback restored")

	// Complaints: the remedy cost leaves with its complaint.
	complaint, _ = db.Complaint(ctx, complaint.ID)
	complaint.RemedyCost = 800
	must(t, db.UpdateComplaint(ctx, &complaint))
	figuresAgree(t, db, "a complaint's remedy edited")
	must(t, db.Void(ctx, model.RecordComplaint, complaint.ID, "logged on the wrong order"))
	figuresAgree(t, db, "a complaint voided")
	if cs, _ := db.ListComplaints(ctx); len(cs) != 0 {
		t.Errorf("the complaints list shows %d with the only one voided", len(cs))
	}
	if cs, _ := db.VoidedComplaints(ctx); len(cs) != 1 || cs[0].VoidReason != "logged on the wrong order" {
		t.Errorf("voided complaints: %+v", cs)
	}
	if c, _ := db.Complaint(ctx, complaint.ID); c.RemedyCost != 800 || !c.Voided() {
		t.Errorf("a voided complaint reads %+v", c)
	}
	must(t, db.Restore(ctx, model.RecordComplaint, complaint.ID))
	figuresAgree(t, db, "a complaint restored")

	// Follow-ups: set, moved, cleared, brought back by undo.
	must(t, db.SetFollowUp(ctx, a.ID, stamp(t, "2026-05-01")))
	must(t, db.SetFollowUp(ctx, a.ID, stamp(t, "2026-05-08")))
	must(t, db.SetFollowUp(ctx, a.ID, time.Time{}))
	if _, err := db.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Customer(ctx, a.ID); model.FormatDate(c.NextReview) != "2026-05-08" {
		t.Errorf("undoing a cleared follow-up brought back %v", c.NextReview)
	}
	figuresAgree(t, db, "follow-ups")
}

func TestAnImportedOrderEditedOrVoidedHereIsLeftAloneByReimports(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	orders := []model.Order{
		{OrderedAt: stamp(t, "2026-01-05 10:00"), Kind: model.OrderSale, Source: "shop", ExternalID: "A1",
			Lines: []model.OrderLine{model.NewLine("Soap", 1, 500, 0)}},
		{OrderedAt: stamp(t, "2026-01-06 10:00"), Kind: model.OrderSale, Source: "shop", ExternalID: "A2",
			Lines: []model.OrderLine{model.NewLine("Soap", 2, 500, 0)}},
		{OrderedAt: stamp(t, "2026-01-07 10:00"), Kind: model.OrderSale, Source: "shop", ExternalID: "A3",
			Lines: []model.OrderLine{model.NewLine("Soap", 3, 500, 0)}},
	}
	// A1 with a fingerprint; A2 and A3 as an import before fingerprints
	// wrote them.
	orders[0].ImportHash = orders[0].Fingerprint(nil)
	err := db.Load(ctx, func(l *Loader) error {
		for i := range orders {
			if err := l.Order(&orders[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	edited := func(ext string) bool {
		var got bool
		err := db.Load(ctx, func(l *Loader) error {
			s, found, err := l.FindOrder("shop", ext)
			if !found {
				t.Fatalf("%s not found", ext)
			}
			got = s.Edited()
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, ext := range []string{"A1", "A2", "A3"} {
		if edited(ext) {
			t.Errorf("%s counts as edited before any edit", ext)
		}
	}
	for i := range 2 {
		o := orders[i]
		o.Notes = "corrected here"
		if err := db.UpdateOrder(ctx, &o); err != nil {
			t.Fatal(err)
		}
		if o.ExternalID != orders[i].ExternalID || o.Source != "shop" {
			t.Errorf("the edit lost the order's identity: %q %q", o.Source, o.ExternalID)
		}
	}
	if err := db.Void(ctx, model.RecordOrder, orders[2].ID, "duplicate"); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{"A1", "A2", "A3"} {
		if !edited(ext) {
			t.Errorf("%s, edited or voided here, does not count as edited for a re-import", ext)
		}
	}
}
