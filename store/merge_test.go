package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"clientele/model"
)

// mergeScript enters the same business twice: split, with the records of
// Poppy Byrne shared between two customers (the second a duplicate made by
// mistake), or whole, with every record on one customer from the start.
// The customers are made in the same order either way, so every record
// has the same id in both books.
func mergeScript(t *testing.T, split bool) *DB {
	t.Helper()
	db := openTest(t)
	ctx := context.Background()
	keep := model.Customer{Name: "Poppy Byrne", Email: "poppy@example.com", Segments: []string{"wholesale"},
		Values: []string{"quality"}, RefSource: "shop", Ref: "K1", Stage: model.StageCustomer}
	other := model.Customer{Name: "Poppy Byrne", Phone: "07700 900123", Segments: []string{"market"},
		Values: []string{"speed"}, RefSource: "shop", Ref: "O1"}
	must(t, db.Load(ctx, func(l *Loader) error {
		if err := l.Customer(&keep); err != nil {
			return err
		}
		return l.Customer(&other)
	}))
	friend := model.Customer{Name: "Ivo Marsh", ReferredBy: other.ID}
	if !split {
		friend.ReferredBy = keep.ID
	}
	must(t, db.CreateCustomer(ctx, &friend))
	referrer := model.Customer{Name: "Ada Quint"}
	must(t, db.CreateCustomer(ctx, &referrer))
	if !split {
		// The book as it would have been: one Poppy, her details whole.
		if _, err := db.w.ExecContext(ctx, "DELETE FROM customers WHERE id = ?", other.ID); err != nil {
			t.Fatal(err)
		}
		keep.Phone, keep.ReferredBy = other.Phone, referrer.ID
		keep.Segments, keep.Values = []string{"market", "wholesale"}, []string{"quality", "speed"}
		must(t, db.UpdateCustomer(ctx, &keep))
		if _, err := db.w.ExecContext(ctx, "INSERT INTO customer_refs (customer_id, ref_source, ref) VALUES (?, 'shop', 'O1')",
			keep.ID); err != nil {
			t.Fatal(err)
		}
		other = keep
	} else {
		other.ReferredBy = referrer.ID
		must(t, db.UpdateCustomer(ctx, &other))
	}
	for i, who := range []int64{keep.ID, other.ID, keep.ID} {
		o := model.Order{CustomerID: who, OrderedAt: stamp(t, fmt.Sprintf("2026-0%d-10 10:00", i+2)), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", int64(i+1), 450, 100)}}
		must(t, db.CreateOrder(ctx, &o))
		must(t, db.CreateCost(ctx, &model.Cost{On: o.OrderedAt, OrderID: o.ID, Category: model.CostShipping, Amount: 300}))
	}
	must(t, db.CreateCost(ctx, &model.Cost{On: stamp(t, "2026-03-01"), CustomerID: other.ID, Category: model.CostTime,
		Minutes: 30, Amount: 1000}))
	must(t, db.AddTouch(ctx, &model.Touch{CustomerID: other.ID, At: stamp(t, "2026-04-01 09:00"), Kind: model.TouchContact,
		Summary: "called"}))
	must(t, db.AddTouch(ctx, &model.Touch{CustomerID: keep.ID, At: stamp(t, "2026-03-01 09:00"), Kind: model.TouchContact}))
	must(t, db.CreateFeedback(ctx, &model.Feedback{On: stamp(t, "2026-04-02"), CustomerID: other.ID, Kind: model.FeedbackNPS,
		Score: 9, HasScore: true}))
	must(t, db.CreateComplaint(ctx, &model.Complaint{OpenedOn: stamp(t, "2026-04-03"), CustomerID: other.ID,
		Category: model.ComplaintDelivery, WhatWentWrong: "late", RemedyCost: 200}))
	must(t, db.SetFollowUp(ctx, other.ID, stamp(t, "2026-06-01")))
	// The rest of what a customer holds: a reminder, a birthday, a custom
	// field's value, an address, consent.
	must(t, db.SaveReminder(ctx, &model.Reminder{CustomerID: other.ID, Kind: model.ReminderNote, Start: stamp(t, "2026-07-01"),
		Unit: model.RepeatMonth, Every: 1, Note: "restock lavender"}))
	must(t, db.SaveOccasion(ctx, &model.Occasion{CustomerID: other.ID, Kind: model.OccasionBirthday, Month: 5, Day: 3}))
	dog := model.CustomField{Name: "Dog", Kind: model.FieldText}
	must(t, db.SaveCustomField(ctx, &dog))
	if _, err := db.SetFieldValue(ctx, other.ID, dog.ID, "Rex"); err != nil {
		t.Fatal(err)
	}
	c, err := db.Customer(ctx, other.ID)
	must(t, err)
	c.Address = model.Address{Line1: "1 Mill Lane", Town: "Hebden Bridge", Postcode: "HX7 8AA"}
	c.Consent.Email = stamp(t, "2026-02-01")
	must(t, db.UpdateCustomer(ctx, &c))
	if !split {
		return db
	}
	plan, err := db.MergeCustomers(ctx, keep.ID, other.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Conflicts) != 0 {
		t.Errorf("conflicts %+v", plan.Conflicts)
	}
	return db
}

func TestMergeEqualsTheBookWhereTheRecordsWereOneCustomersFromTheStart(t *testing.T) {
	t.Parallel()
	merged, whole := mergeScript(t, true), mergeScript(t, false)
	ctx := context.Background()
	// Every record, as it is.
	records := func(db *DB) string {
		var b strings.Builder
		for _, table := range []string{"orders", "order_lines", "costs", "feedback", "complaints", "touches",
			"customer_segments", "customer_values", "customer_refs", "reminders", "occasions", "customer_fields"} {
			tb := db.hist.tables[table]
			// A ref kept by a merge, and the follow-up date a merge
			// sets again, are new rows.
			cols := slices.DeleteFunc(slices.Clone(tb.cols), func(c string) bool {
				return c == "id" && (table == "customer_refs" || table == "reminders") || c == "created_at" && table == "reminders"
			})
			rows, err := db.r.QueryContext(ctx, fmt.Sprintf("SELECT json_array(%s) FROM %s ORDER BY 1", quoteList(cols),
				quoteIdent(table)))
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var s string
				rows.Scan(&s)
				fmt.Fprintf(&b, "%s %s\n", table, s)
			}
			rows.Close()
		}
		// The customers, but for when they were last edited and the
		// notes a merge writes.
		rows, err := db.r.QueryContext(ctx, `SELECT json_array(id, name, email, phone, stage, referred_by,
			ref_source, ref, order_count, revenue, first_order_at, last_order_at, order_gap_days, last_touch_at,
			sort_name, email_key, phone_key, name_key, created_at, address_line1, town, postcode, consent_email_on)
			FROM customers ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			rows.Scan(&s)
			fmt.Fprintf(&b, "customers %s\n", s)
		}
		rows.Close()
		return b.String()
	}
	if a, b := records(whole), records(merged); a != b {
		t.Fatalf("the merged book differs from the whole one: %s", diffDumps(a, b))
	}
	figuresAgree(t, merged, "merged")
	for _, p := range []model.Period{model.AllTime()} {
		a, _ := whole.ProfitBook(ctx, p)
		b, _ := merged.ProfitBook(ctx, p)
		if fmt.Sprint(a.Customers) != fmt.Sprint(b.Customers) {
			t.Errorf("Profit books differ:\n%v\n%v", a.Customers, b.Customers)
		}
	}
	if c, _ := merged.Customer(ctx, 1); c.Notes != "" {
		t.Errorf("a merge that left nothing out wrote notes: %q", c.Notes)
	}
	// Undo brings the other back with everything of theirs.
	before := mergeScript(t, true)
	res, err := before.Undo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reversed.What != "Merged Poppy Byrne (customer 2) into Poppy Byrne (customer 1)" {
		t.Errorf("undid %q", res.Reversed.What)
	}
	split := mergeScript(t, true)
	if _, err := split.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := split.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if a, b := records(whole), records(split); a != b {
		t.Fatalf("undo and redo of the merge: %s", diffDumps(a, b))
	}
	o, err := before.Customer(ctx, 2)
	if err != nil || o.Phone != "07700 900123" || o.Ref != "O1" || o.Orders != 1 {
		t.Errorf("the other customer after the undo: %+v, %v", o, err)
	}
	figuresAgree(t, before, "merge undone")
}

func TestMergeConflictsAreReportedAndChosen(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	a := model.Customer{Name: "Poppy Byrne", Email: "poppy@example.com", Phone: "111 2222", Notes: "likes lavender"}
	b := model.Customer{Name: "Poppy Byrne", Email: "p.byrne@example.com", Phone: "333 4444", Company: "Byrne & Co",
		Notes: "wholesale enquiry"}
	for _, c := range []*model.Customer{&a, &b} {
		if err := db.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := db.PlanMerge(ctx, a.ID, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, c := range plan.Conflicts {
		fields = append(fields, c.Field+": "+c.Keep+" / "+c.Other)
	}
	if want := []string{"email: poppy@example.com / p.byrne@example.com", "phone: 111 2222 / 333 4444"}; !slices.Equal(fields, want) {
		t.Errorf("conflicts %q", fields)
	}
	if _, err := db.MergeCustomers(ctx, a.ID, b.ID, map[string]bool{"phone": true}); err != nil {
		t.Fatal(err)
	}
	c, _ := db.Customer(ctx, a.ID)
	if c.Email != "poppy@example.com" || c.Phone != "333 4444" || c.Company != "Byrne & Co" {
		t.Errorf("merged %+v", c)
	}
	for _, s := range []string{"likes lavender", "wholesale enquiry", "email p.byrne@example.com", "phone 111 2222"} {
		if !strings.Contains(c.Notes, s) {
			t.Errorf("the notes lost %q: %q", s, c.Notes)
		}
	}
	if _, err := db.Customer(ctx, b.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the other customer is still there: %v", err)
	}
	if _, err := db.MergeCustomers(ctx, a.ID, a.ID, nil); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("merging a customer into themselves: %v", err)
	}
}
