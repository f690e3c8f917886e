package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"clientele/model"
)

// TestEraseLeavesTotalsAndNoPersonalTextInTheFile erases a customer whose
// text is everywhere a book keeps text (fields, every kind of record, a
// voided one, edits whose old values the history holds, a customer merged
// into them, an import undone) and searches the file's raw bytes, -wal
// and -shm included, for any of it.
func TestEraseLeavesTotalsAndNoPersonalTextInTheFile(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	secrets := []string{"Zelphina", "Quorrington", "zq-secret@example.org", "zq.other@example.org", "07700 900777",
		"@zelphina_q", "Quorrington Crafts", "Speaks-Softly", "SECRET-NOTE", "Let-Go-Secret", "SECRET-VALUE",
		"SECRET-ORDER-NOTE", "SECRET-COST-NOTE", "SECRET-ANSWER", "SECRET-WRONG", "SECRET-REMEDY", "SECRET-PREVENT",
		"SECRET-OUTCOME", "SECRET-CALL", "SECRET-VOID", "SECRET-IMPORT-NOTE", "ZQ-OLD-REF", "Zelphy", "SECRET-STREET",
		"Secretville", "ZZ9 9ZZ", "SECRET-OCCASION", "SECRET-OCC-NOTE", "SECRET-REMINDER", "SECRET-FIELD"}
	// The forms a secret takes once the store has folded it.
	var forms []string
	for _, s := range secrets {
		forms = append(forms, s, strings.ToLower(s), model.Reverse(strings.ToLower(s)))
	}
	forms = append(forms, "900777", "quorrington zelphina", "anihplez notgnirrouq")

	other := model.Customer{Name: "Zelphina Quorrington", Email: "zq.other@example.org", RefSource: "shop",
		Ref: "ZQ-OLD-REF"}
	must(t, db.Load(ctx, func(l *Loader) error { return l.Customer(&other) }))
	z := model.Customer{Name: "Zelphy Q", Email: "zq-secret@example.org", Phone: "07700 900777", Social: "@zelphina_q",
		Company: "Quorrington Crafts", Country: "Ruritania", Language: "Speaks-Softly", Notes: "SECRET-NOTE one",
		Values: []string{"secret-value"}, Segments: []string{"wholesale"}}
	must(t, db.CreateCustomer(ctx, &z))
	z.Name, z.Notes = "Zelphina Quorrington", "SECRET-NOTE two"
	must(t, db.UpdateCustomer(ctx, &z))
	order := model.Order{CustomerID: z.ID, OrderedAt: stamp(t, "2026-03-01 10:00"), Kind: model.OrderSale,
		Notes: "SECRET-ORDER-NOTE", Lines: []model.OrderLine{model.NewLine("Soap", 2, 450, 100)}}
	must(t, db.CreateOrder(ctx, &order))
	twice := model.Order{CustomerID: z.ID, OrderedAt: stamp(t, "2026-03-02 10:00"), Kind: model.OrderSale,
		Lines: []model.OrderLine{model.NewLine("Soap", 1, 450, 100)}}
	must(t, db.CreateOrder(ctx, &twice))
	must(t, db.Void(ctx, model.RecordOrder, twice.ID, "SECRET-VOID entered twice"))
	must(t, db.CreateCost(ctx, &model.Cost{On: stamp(t, "2026-03-01"), OrderID: order.ID, Category: model.CostShipping,
		Amount: 300, Note: "SECRET-COST-NOTE"}))
	must(t, db.AddTouch(ctx, &model.Touch{CustomerID: z.ID, At: stamp(t, "2026-03-03 09:00"), Kind: model.TouchContact,
		Summary: "SECRET-CALL about gifts"}))
	must(t, db.Snooze(ctx, z.ID, stamp(t, "2026-04-01")))
	must(t, db.CreateFeedback(ctx, &model.Feedback{On: stamp(t, "2026-03-04"), CustomerID: z.ID, Kind: model.FeedbackWish,
		Answer: "SECRET-ANSWER bigger bars"}))
	must(t, db.CreateFeedback(ctx, &model.Feedback{On: stamp(t, "2026-03-05"), CustomerID: z.ID, Kind: model.FeedbackNPS,
		Score: 3, HasScore: true}))
	must(t, db.CreateComplaint(ctx, &model.Complaint{OpenedOn: stamp(t, "2026-03-06"), CustomerID: z.ID,
		Category: model.ComplaintQuality, WhatWentWrong: "SECRET-WRONG cracked", Remedy: "SECRET-REMEDY refund",
		Prevention: "SECRET-PREVENT", Outcome: "SECRET-OUTCOME", RemedyCost: 450, RemediedOn: stamp(t, "2026-03-07")}))
	must(t, db.SaveSettings(ctx, model.DefaultSettings()))
	must(t, db.SaveReminder(ctx, &model.Reminder{CustomerID: z.ID, Kind: model.ReminderNote, Start: stamp(t, "2026-04-01"),
		Every: 1, Note: "SECRET-REMINDER call back"}))
	must(t, db.SaveOccasion(ctx, &model.Occasion{CustomerID: z.ID, Kind: model.OccasionOther, Name: "SECRET-OCCASION",
		Month: 6, Day: 9, Yearly: true, Note: "SECRET-OCC-NOTE"}))
	hobby := model.CustomField{Name: "Hobby", Kind: model.FieldText}
	must(t, db.SaveCustomField(ctx, &hobby))
	if _, err := db.SetFieldValue(ctx, z.ID, hobby.ID, "SECRET-FIELD knitting"); err != nil {
		t.Fatal(err)
	}
	z, _ = db.Customer(ctx, z.ID)
	z.Address = model.Address{Line1: "12 SECRET-STREET", Town: "Secretville", Postcode: "ZZ9 9ZZ"}
	must(t, db.UpdateCustomer(ctx, &z))
	z.Address.Line1 = "13 SECRET-STREET"
	must(t, db.UpdateCustomer(ctx, &z))
	// An import that wrote their order, undone: its rows are kept for a
	// redo.
	must(t, db.Load(ctx, func(l *Loader) error {
		return l.Order(&model.Order{CustomerID: z.ID, OrderedAt: stamp(t, "2026-03-09 10:00"), Kind: model.OrderSale,
			Source: "shop", ExternalID: "ORDER-77", Notes: "SECRET-IMPORT-NOTE",
			Lines: []model.OrderLine{model.NewLine("Candle", 1, 900, 200)}})
	}))
	if _, err := db.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	z.Name = "Zelphina Quorrington"
	if _, err := db.MergeCustomers(ctx, z.ID, other.ID, nil); err != nil {
		t.Fatal(err)
	}
	must(t, db.Void(ctx, model.RecordTouch, 1, "SECRET-VOID again"))
	z, _ = db.Customer(ctx, z.ID)
	z.LetGoReason = "Let-Go-Secret"
	must(t, db.UpdateCustomer(ctx, &z))

	friend := model.Customer{Name: "Ivo Marsh", ReferredBy: z.ID, Notes: "keeps this"}
	must(t, db.CreateCustomer(ctx, &friend))
	before, err := db.ProfitBook(ctx, model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Erase(ctx, z.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Compacted || res.Scrubbed == 0 {
		t.Errorf("erase: %+v", res)
	}
	after, err := db.ProfitBook(ctx, model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	total := func(b model.ProfitBook) (s model.Money, serve model.Money, n int) {
		for _, c := range b.Customers {
			s, serve, n = s+c.Sales+c.Refunds, serve+c.CostToServe, n+c.SaleOrders
		}
		return
	}
	if a, b, c := total(before); true {
		if x, y, w := total(after); a != x || b != y || c != w {
			t.Errorf("totals before %s %s %d, after %s %s %d", a, b, c, x, y, w)
		}
	}
	c, err := db.Customer(ctx, z.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Erased customer 2" || c.Email != "" || c.Notes != "" || !c.Archived() || c.Orders != 1 {
		t.Errorf("erased customer %+v", c)
	}
	if f, _ := db.Customer(ctx, friend.ID); f.ReferredBy != z.ID || f.Notes != "keeps this" {
		t.Errorf("another customer changed: %+v", f)
	}
	hs, _ := db.History(ctx, model.HistoryQuery{Limit: 1})
	if len(hs) != 1 || hs[0].Kind != model.ChangeErase || hs[0].What != "Erased the personal data of customer 2" {
		t.Errorf("the history's last change: %+v", hs)
	}
	if _, err := db.Undo(ctx); err != nil {
		// The friend's creation is the latest change that can be undone:
		// undoing it is allowed; an erasure is never undone.
		t.Fatal(err)
	}
	if _, err := db.UndoChange(ctx, hs[0].ID); !errors.Is(err, model.ErrConflict) {
		t.Errorf("undoing the erasure: %v", err)
	}
	if _, err := db.Undo(ctx); !errors.Is(err, model.ErrConflict) {
		t.Errorf("undoing a change to the erased customer's records: %v", err)
	}
	must(t, db.Close())
	for _, suffix := range []string{"", "-wal", "-shm"} {
		data, err := os.ReadFile(db.Path() + suffix)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range forms {
			if i := bytes.Index(data, []byte(s)); i >= 0 {
				lo, hi := max(i-40, 0), min(i+len(s)+40, len(data))
				t.Errorf("the file%s still holds %q at byte %d: %q", suffix, s, i, data[lo:hi])
			}
		}
	}
}
