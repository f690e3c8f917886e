package store

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"clientele/model"
)

// remedyRows returns the remedy cost rows of complaint id.
func remedyRows(t *testing.T, db *DB, id int64) []model.Cost {
	t.Helper()
	rows, err := db.r.Query(`SELECT id, amount, coalesce(customer_id, 0), coalesce(order_id, 0), incurred_on, note
		FROM costs WHERE complaint_id = ? AND category = 'remedy' ORDER BY id`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []model.Cost
	for rows.Next() {
		var c model.Cost
		var on string
		if err := rows.Scan(&c.ID, &c.Amount, &c.CustomerID, &c.OrderID, &on, &c.Note); err != nil {
			t.Fatal(err)
		}
		c.On = day(on)
		out = append(out, c)
	}
	return out
}

func TestComplaintRemedyCostIsACostRow(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	db, ctx := fx.db, context.Background()
	var order model.Order
	err := db.Load(ctx, func(l *Loader) error {
		order = model.Order{CustomerID: fx.ada, OrderedAt: day("2026-11-01 10:00"), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 2, 450, 100)}}
		return l.Order(&order)
	})
	if err != nil {
		t.Fatal(err)
	}
	c := model.Complaint{OpenedOn: day("2026-11-10"), OrderID: order.ID, Category: model.ComplaintQuality,
		WhatWentWrong: "  Soap cracked  "}
	if err := db.CreateComplaint(ctx, &c); err != nil {
		t.Fatal(err)
	}
	// The order's customer is taken; the defaults are filled; no cost yet.
	got, err := db.Complaint(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CustomerID != fx.ada || got.Severity != model.SeverityMedium || got.Status != model.ComplaintOpen ||
		got.WhatWentWrong != "Soap cracked" || got.RemedyCost != 0 || len(remedyRows(t, db, c.ID)) != 0 {
		t.Errorf("created %+v", got)
	}

	// Remedied with a cost: one remedy row, on the remedy date.
	got.Status, got.Remedy, got.RemedyCost = model.ComplaintRemedied, "Sent a new bar", 450
	got.RemediedOn = day("2026-11-12")
	if err := db.UpdateComplaint(ctx, &got); err != nil {
		t.Fatal(err)
	}
	rows := remedyRows(t, db, c.ID)
	if len(rows) != 1 || rows[0].Amount != 450 || rows[0].CustomerID != fx.ada || rows[0].OrderID != order.ID ||
		!rows[0].On.Equal(day("2026-11-12")) || rows[0].Note != "remedy: Sent a new bar" {
		t.Fatalf("remedy rows %+v", rows)
	}
	// The timeline says "remedy" once.
	if tl, err := db.Timeline(ctx, fx.ada, 50); err != nil || !slices.ContainsFunc(tl, func(e model.TimelineEntry) bool {
		return e.Kind == model.TimelineCost && e.Summary == "remedy: Sent a new bar (order "+strconv.FormatInt(order.ID, 10)+")"
	}) {
		t.Errorf("timeline %+v, %v", tl, err)
	}
	// A new amount updates that row in place.
	got.RemedyCost = 700
	if err := db.UpdateComplaint(ctx, &got); err != nil {
		t.Fatal(err)
	}
	if after := remedyRows(t, db, c.ID); len(after) != 1 || after[0].Amount != 700 || after[0].ID != rows[0].ID {
		t.Errorf("after 7.00: %+v, want row %d updated in place", after, rows[0].ID)
	}
	if back, _ := db.Complaint(ctx, c.ID); back.RemedyCost != 700 {
		t.Errorf("read back %v", back.RemedyCost)
	}
	// A second remedy row entered as a cost: the complaint reads the sum …
	if _, err := db.w.Exec(`INSERT INTO costs (incurred_on, customer_id, complaint_id, category, amount, created_at)
		VALUES ('2026-11-13', ?, ?, 'remedy', 300, '2026-11-13 10:00:00')`, fx.ada, c.ID); err != nil {
		t.Fatal(err)
	}
	back, _ := db.Complaint(ctx, c.ID)
	if back.RemedyCost != 1000 {
		t.Errorf("sum of two rows %v", back.RemedyCost)
	}
	// … saving it unchanged keeps both rows …
	if err := db.UpdateComplaint(ctx, &back); err != nil {
		t.Fatal(err)
	}
	if rows := remedyRows(t, db, c.ID); len(rows) != 2 {
		t.Errorf("unchanged sum rewrote the rows: %+v", rows)
	}
	// … and a new total replaces them with one row.
	back.RemedyCost = 1200
	if err := db.UpdateComplaint(ctx, &back); err != nil {
		t.Fatal(err)
	}
	if rows := remedyRows(t, db, c.ID); len(rows) != 1 || rows[0].Amount != 1200 {
		t.Errorf("new total: %+v", rows)
	}
	// Zero removes it.
	back.RemedyCost = 0
	if err := db.UpdateComplaint(ctx, &back); err != nil {
		t.Fatal(err)
	}
	if rows := remedyRows(t, db, c.ID); len(rows) != 0 {
		t.Errorf("zero left %+v", rows)
	}
	// Created with a cost at once: the row is there too.
	c2 := model.Complaint{OpenedOn: day("2026-11-14"), CustomerID: fx.ben, Category: model.ComplaintDelivery,
		WhatWentWrong: "Late", Remedy: "Refunded postage", RemedyCost: 395, Status: model.ComplaintRemedied,
		RemediedOn: day("2026-11-15")}
	if err := db.CreateComplaint(ctx, &c2); err != nil {
		t.Fatal(err)
	}
	if rows := remedyRows(t, db, c2.ID); len(rows) != 1 || rows[0].Amount != 395 || rows[0].CustomerID != fx.ben {
		t.Errorf("created with a cost: %+v", rows)
	}
}

func TestComplaintRefsAreNamedFields(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	db, ctx := fx.db, context.Background()
	var order model.Order
	db.Load(ctx, func(l *Loader) error {
		order = model.Order{CustomerID: fx.ada, OrderedAt: day("2026-11-01 10:00"), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 1, 450, 100)}}
		return l.Order(&order)
	})
	base := model.Complaint{OpenedOn: day("2026-11-10"), Category: model.ComplaintQuality, WhatWentWrong: "x"}
	tests := []struct {
		name  string
		edit  func(c *model.Complaint)
		field string
	}{
		{"missing customer", func(c *model.Complaint) { c.CustomerID = 999 }, "customer"},
		{"missing order", func(c *model.Complaint) { c.OrderID = 999 }, "order"},
		{"someone else's order", func(c *model.Complaint) { c.CustomerID, c.OrderID = fx.ben, order.ID }, "order"},
		{"remedied without a remedy", func(c *model.Complaint) { c.Status = model.ComplaintRemedied }, "remedy"},
		{"bad category", func(c *model.Complaint) { c.Category = "smell" }, "category"},
	}
	for _, tt := range tests {
		c := base
		tt.edit(&c)
		err := db.CreateComplaint(ctx, &c)
		var fe *model.FieldError
		var es model.Errors
		switch {
		case errors.As(err, &fe) && fe.Field == tt.field:
		case errors.As(err, &es) && es.For(tt.field) != "":
		default:
			t.Errorf("%s: %v, want an error naming %s", tt.name, err, tt.field)
		}
	}
	missing := base
	missing.ID = 42
	if err := db.UpdateComplaint(ctx, &missing); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("update of a missing complaint: %v", err)
	}
	if _, err := db.Complaint(ctx, 42); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing complaint: %v", err)
	}
}

func TestListComplaintsRecoveryAndPerCustomer(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	db, ctx := fx.db, context.Background()
	err := db.Load(ctx, func(l *Loader) error {
		o := model.Order{CustomerID: fx.ada, OrderedAt: day("2026-11-20 10:00"), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 1, 450, 100)}}
		return l.Order(&o)
	})
	if err != nil {
		t.Fatal(err)
	}
	add := func(c model.Complaint) int64 {
		t.Helper()
		if err := db.CreateComplaint(ctx, &c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	a1 := add(model.Complaint{OpenedOn: day("2026-11-01"), CustomerID: fx.ada, Category: model.ComplaintQuality,
		WhatWentWrong: "Cracked", Remedy: "New bar", RemedyCost: 450, Status: model.ComplaintClosed,
		RemediedOn: day("2026-11-02"), ClosedOn: day("2026-11-05")})
	b1 := add(model.Complaint{OpenedOn: day("2026-11-10"), CustomerID: fx.ben, Category: model.ComplaintBilling,
		WhatWentWrong: "Charged twice"})
	anon := add(model.Complaint{OpenedOn: day("2026-11-11"), Category: model.ComplaintOther, WhatWentWrong: "Stall"})
	rows, err := db.ListComplaints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(rows, func(a, b model.Complaint) int { return int(a.ID - b.ID) })
	if len(rows) != 3 || rows[0].ID != a1 || rows[1].ID != b1 || rows[2].ID != anon ||
		rows[0].CustomerID != fx.ada || rows[2].CustomerID != 0 || rows[0].Remedy != "" ||
		!rows[0].ClosedOn.Equal(day("2026-11-05")) || !rows[0].RemediedOn.Equal(day("2026-11-02")) ||
		rows[0].WhatWentWrong != "Cracked" || rows[0].Status != model.ComplaintClosed || rows[1].Category != model.ComplaintBilling {
		t.Errorf("list %+v", rows)
	}
	last, err := db.LastComplaints(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(last) != 2 || last[0].ID != anon || last[1].ID != b1 {
		t.Errorf("last two %+v", last)
	}
	if all, _ := db.LastComplaints(ctx, 5); len(all) != 3 || all[2].RemedyCost != 450 || all[2].Remedy != "New bar" {
		t.Errorf("last five %+v", all)
	}
	sales, err := db.LastSales(ctx, day("2026-11-05"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sales) != 1 || !sales[fx.ada].Equal(day("2026-11-20 10:00")) {
		t.Errorf("last sales %+v", sales)
	}
	if later, _ := db.LastSales(ctx, day("2026-11-21")); len(later) != 0 {
		t.Errorf("sales since the 21st: %+v", later)
	}
	cases := model.RecoveryCases(rows, sales)
	if len(cases) != 1 || cases[0].CustomerID != fx.ada || !cases[0].ClosedOn.Equal(day("2026-11-05")) ||
		!cases[0].LastOrder.Equal(day("2026-11-20 10:00")) {
		t.Errorf("recovery cases %+v", cases)
	}
	if r := model.RecoveryRate(cases, fixedNow); r != (model.Recovery{Customers: 1, Reordered: 1}) {
		t.Errorf("recovery %+v", r)
	}
	per, err := db.ComplaintsPerCustomer(ctx, model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	if len(per) != 2 || per[fx.ada] != (model.ComplaintCount{Total: 1, RemedyCost: 450}) ||
		per[fx.ben] != (model.ComplaintCount{Total: 1, Open: 1}) {
		t.Errorf("per customer %+v", per)
	}
	per, _ = db.ComplaintsPerCustomer(ctx, model.Period{From: day("2026-11-05")})
	if len(per) != 1 || per[fx.ben].Total != 1 {
		t.Errorf("from the 5th %+v", per)
	}
}

func TestRawTime(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Time{
		"2026-11-05":          day("2026-11-05"),
		"2026-11-05 10:30:00": day("2026-11-05 10:30"),
		"2026-11-30":          day("2026-11-30"),
		"2026-02-30":          {},
		"2026-11-05 25:00:00": {},
		"":                    {},
		"2026-13-05":          {},
		"not a day":           {},
	} {
		if got := rawTime(sql.RawBytes(in)); !got.Equal(want) {
			t.Errorf("rawTime(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCustomerNamesByID(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	ids := []int64{fx.ben, 999, fx.ada}
	for range 600 { // more than one query's worth
		ids = append(ids, fx.cle)
	}
	got, err := fx.db.CustomerNamesByID(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{fx.ada: "Ada Lovelace", fx.ben: "Ben Okafor", fx.cle: "Cleo Advocate"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names %v", got)
	}
}
