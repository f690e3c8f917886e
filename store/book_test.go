package store

import (
	"context"
	"errors"
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"clientele/model"
)

// bookOK fails the test when the kept cards and months differ from the
// records, or a load left its marks.
func bookOK(t *testing.T, db *DB) {
	t.Helper()
	rep, err := Check(context.Background(), db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if rep.MonthsOff != 0 {
		t.Fatalf("the kept book is off:\n%s", rep)
	}
}

// version reads book_state.version.
func version(t *testing.T, db *DB) int64 {
	t.Helper()
	v, err := db.BookVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// smallBook writes two customers with orders and costs in two months, a
// walk-in sale with a fee, through the API.
func smallBook(t *testing.T, db *DB) (ann, bob model.Customer) {
	t.Helper()
	ctx := context.Background()
	ann = model.Customer{Name: "Ann", Stage: model.StageCustomer, Values: []string{"quality"}}
	bob = model.Customer{Name: "Bob", Stage: model.StageCustomer}
	for _, c := range []*model.Customer{&ann, &bob} {
		if err := db.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []model.Order{
		{CustomerID: ann.ID, OrderedAt: stamp(t, "2026-03-05 10:00"), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 2, 500, 100)}},
		{CustomerID: ann.ID, OrderedAt: stamp(t, "2026-04-05 10:00"), Kind: model.OrderRefund,
			Lines: []model.OrderLine{model.NewLine("Soap", -1, 500, 100)}},
		{CustomerID: bob.ID, OrderedAt: stamp(t, "2026-04-20 10:00"), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Candle", 1, 1200, 300)}},
		{OrderedAt: stamp(t, "2026-04-21 10:00"), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Walk-in", 1, 300, 50)}},
	} {
		if err := db.CreateOrder(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []model.Cost{
		{On: stamp(t, "2026-03-06"), CustomerID: ann.ID, Category: model.CostShipping, Amount: 250},
		{On: stamp(t, "2026-04-22"), CustomerID: bob.ID, Category: model.CostTime, Minutes: 30, Amount: 1000},
		{On: stamp(t, "2026-04-01"), CustomerID: bob.ID, Category: model.CostAcquisition, Amount: 700},
	} {
		if err := db.CreateCost(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	return ann, bob
}

// Every write through the store keeps the cards and months exact, and
// counts as a change of the book.
func TestEveryWriteKeepsTheBookAndCountsAChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTest(t)
	ann, bob := smallBook(t, db)
	bookOK(t, db)
	writes := []struct {
		what string
		do   func() error
	}{
		{"an order", func() error {
			return db.CreateOrder(ctx, &model.Order{CustomerID: bob.ID, OrderedAt: stamp(t, "2026-05-01 09:00"),
				Kind: model.OrderSale, Lines: []model.OrderLine{model.NewLine("Soap", 1, 500, 100)}})
		}},
		{"a cost", func() error {
			return db.CreateCost(ctx, &model.Cost{On: stamp(t, "2026-05-02"), CustomerID: ann.ID,
				Category: model.CostOther, Amount: 40})
		}},
		{"a customer", func() error { return db.CreateCustomer(ctx, &model.Customer{Name: "Cat"}) }},
		{"an edit", func() error {
			c, err := db.Customer(ctx, ann.ID)
			if err != nil {
				return err
			}
			c.Name, c.Country, c.Fit, c.Values = "Ann B", "Wales", 4, []string{"price", "speed"}
			return db.UpdateCustomer(ctx, &c)
		}},
		{"a segment", func() error { _, _, err := db.AddToSegment(ctx, "wholesale", []int64{ann.ID, bob.ID}); return err }},
		{"an NPS answer", func() error {
			return db.CreateFeedback(ctx, &model.Feedback{On: stamp(t, "2026-05-03"), CustomerID: bob.ID,
				Kind: model.FeedbackNPS, Score: 9, HasScore: true})
		}},
		{"a complaint with a remedy cost", func() error {
			return db.CreateComplaint(ctx, &model.Complaint{OpenedOn: stamp(t, "2026-05-04"), CustomerID: ann.ID,
				Category: model.ComplaintQuality, WhatWentWrong: "cracked", RemedyCost: 300})
		}},
		{"a contact", func() error {
			return db.AddTouch(ctx, &model.Touch{CustomerID: bob.ID, At: stamp(t, "2026-05-05 10:00"),
				Kind: model.TouchContact, Summary: "called"})
		}},
		{"voiding an order, its costs with it", func() error {
			var id int64
			if err := db.r.QueryRow("SELECT id FROM orders WHERE customer_id = ? ORDER BY id LIMIT 1", ann.ID).Scan(&id); err != nil {
				return err
			}
			return db.Void(ctx, model.RecordOrder, id, "entered twice")
		}},
		{"voiding a cost", func() error {
			var id int64
			if err := db.r.QueryRow("SELECT id FROM costs WHERE customer_id = ? AND voided_at IS NULL ORDER BY id LIMIT 1",
				bob.ID).Scan(&id); err != nil {
				return err
			}
			return db.Void(ctx, model.RecordCost, id, "not theirs")
		}},
		{"voiding an NPS answer", func() error {
			var id int64
			if err := db.r.QueryRow("SELECT id FROM feedback WHERE kind = 'nps' ORDER BY id LIMIT 1").Scan(&id); err != nil {
				return err
			}
			return db.Void(ctx, model.RecordFeedback, id, "asked the wrong person")
		}},
		{"restoring the order", func() error {
			var id int64
			if err := db.r.QueryRow("SELECT id FROM orders WHERE voided_at IS NOT NULL LIMIT 1").Scan(&id); err != nil {
				return err
			}
			return db.Restore(ctx, model.RecordOrder, id)
		}},
		{"undoing the latest change", func() error { _, err := db.Undo(ctx); return err }},
		{"merging a customer into another", func() error {
			cat := model.Customer{Name: "Cat B", Stage: model.StageCustomer}
			if err := db.CreateCustomer(ctx, &cat); err != nil {
				return err
			}
			if err := db.CreateOrder(ctx, &model.Order{CustomerID: cat.ID, OrderedAt: stamp(t, "2026-06-01 09:00"),
				Kind: model.OrderSale, Lines: []model.OrderLine{model.NewLine("Soap", 2, 500, 100)}}); err != nil {
				return err
			}
			_, err := db.MergeCustomers(ctx, bob.ID, cat.ID, nil)
			return err
		}},
		{"erasing a customer for good", func() error {
			dee := model.Customer{Name: "Dee", Stage: model.StageCustomer}
			if err := db.CreateCustomer(ctx, &dee); err != nil {
				return err
			}
			o := model.Order{CustomerID: dee.ID, OrderedAt: stamp(t, "2026-06-02 09:00"), Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Soap", 1, 500, 100)}}
			if err := db.CreateOrder(ctx, &o); err != nil {
				return err
			}
			if err := db.CreateCost(ctx, &model.Cost{On: stamp(t, "2026-06-02"), OrderID: o.ID,
				Category: model.CostShipping, Amount: 90}); err != nil {
				return err
			}
			_, err := db.Erase(ctx, dee.ID)
			return err
		}},
		{"archiving", func() error { return db.ArchiveCustomer(ctx, bob.ID) }},
		{"the settings", func() error {
			s, err := db.Settings(ctx)
			if err != nil {
				return err
			}
			s.BusinessName = "Suds"
			return db.SaveSettings(ctx, s)
		}},
	}
	for _, w := range writes {
		before := version(t, db)
		if err := w.do(); err != nil {
			t.Fatalf("%s: %v", w.what, err)
		}
		if after := version(t, db); after <= before {
			t.Errorf("%s left the version at %d", w.what, after)
		}
		bookOK(t, db)
	}
	// Reading changes nothing; a write that fails counts nothing.
	before := version(t, db)
	if _, err := db.ProfitBook(ctx, model.AllTime()); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateOrder(ctx, &model.Order{CustomerID: 9999, OrderedAt: stamp(t, "2026-05-01 09:00"),
		Kind: model.OrderSale, Lines: []model.OrderLine{model.NewLine("Soap", 1, 500, 100)}}); err == nil {
		t.Fatal("an order for a customer who does not exist was stored")
	}
	if after := version(t, db); after != before {
		t.Errorf("a read and a failed write moved the version from %d to %d", before, after)
	}
}

// A load marks what it changes and recomputes it once, at its end, when
// it counts as one change; a load that defers its indexes recomputes
// everything. Either way the book is exact after, and nothing is left
// marked.
func TestLoadRecomputesTheBookOnceAtItsEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, deferIndexes := range []bool{false, true} {
		db := openTest(t)
		ann, _ := smallBook(t, db)
		before := version(t, db)
		triggers := func() (n int) {
			if err := db.r.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
				AND sql LIKE '%book_state%'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		had := triggers()
		err := db.Load(ctx, func(l *Loader) error {
			if deferIndexes {
				if err := l.DeferIndexes(); err != nil {
					return err
				}
			}
			dan := model.Customer{Name: "Dan", Segments: []string{"fairs"}, Values: []string{"style"}}
			if err := l.Customer(&dan); err != nil {
				return err
			}
			for _, o := range []model.Order{
				{CustomerID: dan.ID, OrderedAt: stamp(t, "2026-04-09 10:00"), Kind: model.OrderSale,
					Lines: []model.OrderLine{model.NewLine("Soap", 3, 500, 100)}},
				{CustomerID: ann.ID, OrderedAt: stamp(t, "2026-03-30 10:00"), Kind: model.OrderSale,
					Lines: []model.OrderLine{model.NewLine("Soap", 1, 500, 100)}},
			} {
				if err := l.Order(&o); err != nil {
					return err
				}
				if err := l.QueueCost(model.Cost{On: o.OrderedAt, OrderID: o.ID, Category: model.CostFees,
					Amount: 30}); err != nil {
					return err
				}
			}
			if err := l.QueueFeedback(model.Feedback{On: stamp(t, "2026-04-10"), CustomerID: dan.ID,
				Kind: model.FeedbackNPS, Score: 3, HasScore: true, Status: model.FeedbackNew}); err != nil {
				return err
			}
			// The load reads back what it wrote, through its transaction:
			// the marks are there, the months not yet.
			if err := l.Flush(); err != nil {
				return err
			}
			var loading, marks int
			if err := l.Tx().QueryRowContext(ctx, `SELECT loading, (SELECT count(*) FROM book_stale)
				FROM book_state`).Scan(&loading, &marks); err != nil {
				return err
			}
			if deferIndexes && (loading != loadRebuild || marks != 0) || !deferIndexes && (loading != loadMarks || marks == 0) {
				t.Errorf("defer %v: loading %d with %d marks during the load", deferIndexes, loading, marks)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		bookOK(t, db)
		if after := version(t, db); after != before+1 {
			t.Errorf("defer %v: the load moved the version from %d to %d, want one step", deferIndexes, before, after)
		}
		// A load that deferred its indexes dropped the book's triggers
		// for its rows: they are back, and keep the book again.
		if n := triggers(); n != had || n < 40 {
			t.Errorf("defer %v: %d triggers of the book after the load, %d before", deferIndexes, n, had)
		}
		if err := db.CreateCost(ctx, &model.Cost{On: stamp(t, "2026-04-30"), CustomerID: ann.ID,
			Category: model.CostOther, Amount: 3}); err != nil {
			t.Fatal(err)
		}
		bookOK(t, db)
	}
}

// A load that fails leaves the book as it was: the marks and the loading
// flag go with its transaction.
func TestFailedLoadLeavesTheBookAsItWas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTest(t)
	smallBook(t, db)
	before := version(t, db)
	boom := errors.New("boom")
	err := db.Load(ctx, func(l *Loader) error {
		o := model.Order{OrderedAt: stamp(t, "2026-04-09 10:00"), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 3, 500, 100)}}
		if err := l.Order(&o); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("load: %v", err)
	}
	bookOK(t, db)
	if after := version(t, db); after != before {
		t.Errorf("a failed load moved the version from %d to %d", before, after)
	}
}

// Edits by hand, as the sqlite3 shell makes them (foreign keys off, as the
// shell starts), keep the cards and months exact: orders moved between
// customers and months, kinds changed, an order replaced with INSERT OR
// REPLACE, an order deleted and its costs left behind, costs recorded on
// orders only, customers renamed, tagged and given NPS answers. The same
// statements run through the store's own connection (foreign keys on)
// when the sqlite3 shell is not installed, and are checked again.
func TestEditsByHandKeepTheBook(t *testing.T) {
	t.Parallel()
	edits := `
		INSERT INTO costs (incurred_on, order_id, category, amount, created_at)
			SELECT '2026-05-09', id, 'payment fees', 21, 'x' FROM orders WHERE customer_id = 2;
		UPDATE orders SET customer_id = 1 WHERE customer_id = 2;
		UPDATE orders SET ordered_at = '2026-06-30 23:59:59' WHERE kind = 'refund';
		UPDATE orders SET kind = 'refund', lines_amount = -lines_amount WHERE customer_id IS NULL;
		INSERT INTO orders (id, customer_id, ordered_at, kind, lines_amount, lines_direct_cost, created_at)
			VALUES (500, 1, '2026-09-10 08:00:00', 'sale', 555, 50, 'x');
		INSERT INTO costs (incurred_on, order_id, category, amount, created_at) VALUES ('2026-08-31', 500, 'shipping', 9, 'x');
		INSERT OR REPLACE INTO orders (id, customer_id, ordered_at, kind, lines_amount, lines_direct_cost, created_at)
			VALUES (500, 2, '2026-10-01 08:00:00', 'sale', 777, 70, 'x');
		INSERT INTO costs (incurred_on, order_id, category, amount, created_at) VALUES ('2026-07-02', 9999, 'other', 5, 'x');
		INSERT INTO orders (id, customer_id, ordered_at, kind, lines_amount, created_at)
			VALUES (9999, 2, '2026-07-02 10:00:00', 'sale', 100, 'x');
		DELETE FROM orders WHERE id = 9999;
		UPDATE costs SET customer_id = 2 WHERE category = 'shipping';
		UPDATE costs SET category = 'acquisition' WHERE category = 'time';
		DELETE FROM costs WHERE category = 'other';
		UPDATE customers SET name = 'Ann "the" \ one', tier = 2, ref = 'A-1' WHERE id = 1;
		INSERT INTO segments (id, name, created_at) VALUES (50, 'zz', 'x'), (51, 'aa', 'x');
		INSERT INTO customer_segments VALUES (1, 50), (1, 51), (2, 51);
		DELETE FROM customer_segments WHERE segment_id = 51 AND customer_id = 2;
		INSERT INTO customer_values VALUES (2, 'zest');
		INSERT INTO feedback (received_on, customer_id, kind, score, created_at) VALUES ('2026-05-01', 2, 'nps', 4, 'x');
		UPDATE feedback SET received_on = '2026-04-01' WHERE customer_id = 2;`
	for _, shell := range []bool{true, false} {
		db := openTest(t)
		smallBook(t, db)
		if shell {
			sqlite3, err := exec.LookPath("sqlite3")
			if err != nil {
				t.Log("no sqlite3 shell: the edits run through the store's connection only")
				continue
			}
			if out, err := exec.Command(sqlite3, db.Path(), edits).CombinedOutput(); err != nil {
				t.Fatalf("sqlite3: %v\n%s", err, out)
			}
		} else {
			for _, stmt := range strings.Split(edits, ";") {
				if strings.TrimSpace(stmt) == "" || strings.Contains(stmt, "9999") {
					continue // a cost on an order that does not exist breaks a foreign key here
				}
				if err := db.Exec(stmt); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}
		}
		bookOK(t, db)
	}
}

// check finds kept cards and months that differ from the records, and a
// load left unfinished; --fix mends both and counts the customers.
func TestCheckFindsTheBookOffAndFixMendsIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTest(t)
	ann, bob := smallBook(t, db)
	for _, stmt := range []string{
		`UPDATE book_state SET loading = 1`, // the triggers now keep nothing
		`UPDATE customer_months SET months = json_set(months, '$."2026-03"[1]', 1) WHERE customer_id = 1`,
		`UPDATE customer_cards SET card = json_set(card, '$[0]', 'Someone else') WHERE customer_id = 2`,
		`DELETE FROM customer_months WHERE customer_id = 0`,
		`INSERT INTO book_stale VALUES (1, '2026-03')`,
	} {
		if err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	rep, err := Check(ctx, db.Path())
	if err != nil {
		t.Fatal(err)
	}
	text := rep.String()
	for _, want := range []string{"bulk load was left unfinished", "customer 1, 2026-03", "customer 2's card",
		"orders of no customer, 2026-04", "clientele check --fix"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q:\n%s", want, text)
		}
	}
	if rep.OK() || rep.MonthsOff != 4 {
		t.Errorf("MonthsOff %d, want 4 (the load, Ann, Bob, no one)", rep.MonthsOff)
	}
	db.Close()
	rep, fixed, err := CheckAndFix(ctx, db.Path(), true)
	if err != nil || !rep.OK() || fixed != 3 {
		t.Fatalf("fix: %v, fixed %d\n%s", err, fixed, rep)
	}
	db, err = Open(ctx, db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateCost(ctx, &model.Cost{On: stamp(t, "2026-04-30"), CustomerID: ann.ID,
		Category: model.CostOther, Amount: 1}); err != nil {
		t.Fatal(err)
	}
	bookOK(t, db) // the triggers keep the book again
	_ = bob
}

// The blocks the screens read (card_blocks, month_blocks) edited by hand
// are found off by check, customer by customer, and --fix rewrites them.
func TestCheckFindsTheBlocksOffAndFixMendsThem(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTest(t)
	smallBook(t, db)
	bookOK(t, db)
	for _, stmt := range []string{
		`UPDATE card_blocks SET cards = replace(cards, '"Bob"', '"Rob"')`, // Bob's card says otherwise
		`UPDATE month_blocks SET months = (SELECT group_concat(customer_id || ':' || months, char(10))
			FROM customer_months WHERE customer_id > 0) WHERE block = 0`, // no one's months are gone
		`INSERT INTO card_blocks VALUES (5, '320:["Nobody"]')`, // a customer who is not
	} {
		if err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	rep, err := Check(ctx, db.Path())
	if err != nil {
		t.Fatal(err)
	}
	text := rep.String()
	for _, want := range []string{`customer 2's card as the screens read it`, "customer 0's months is missing",
		"customer 320's card as the screens read it"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q:\n%s", want, text)
		}
	}
	if rep.MonthsOff != 3 {
		t.Errorf("MonthsOff %d, want 3 (Bob, no one, 320)", rep.MonthsOff)
	}
	db.Close()
	if rep, _, err := CheckAndFix(ctx, db.Path(), true); err != nil || !rep.OK() {
		t.Fatalf("fix: %v\n%s", err, rep)
	}
}

// Emptying the book (demo --force) leaves no card and no month.
func TestDeleteAllEmptiesTheBook(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	smallBook(t, db)
	if err := db.DeleteAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.r.QueryRow(`SELECT (SELECT count(*) FROM customer_cards) + (SELECT count(*) FROM customer_months)
		+ (SELECT count(*) FROM card_blocks) + (SELECT count(*) FROM month_blocks)
		+ (SELECT count(*) FROM book_stale) + (SELECT loading FROM book_state)`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d rows or flags left, %v", n, err)
	}
}

// A card holds any text a customer's fields hold, and reads back as it
// was stored.
func TestCardsReadBackAnyText(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTest(t)
	texts := []string{`Ann "the" \ one`, "tab\there", "\x1b]0;pwned\x07", "王芳 😀", "ends in \\",
		"\u2028 and \x7f"}
	for _, s := range texts {
		c := model.Customer{Name: s, Country: s, Values: []string{s}, Ref: s, RefSource: "test"}
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	}
	seen := 0
	err := db.eachCard(ctx, int64(len(texts)), true, func(id int64, c *card) {
		want, err := db.Customer(ctx, id)
		if err != nil {
			t.Error(err)
			return
		}
		seen++
		if c.name != want.Name || c.country != want.Country || c.ref != want.Ref ||
			!reflect.DeepEqual(c.values, want.Values) {
			t.Errorf("card %d reads %q %q %q %q, the customer is %q %q %q %q", id, c.name, c.country, c.ref,
				c.values, want.Name, want.Country, want.Ref, want.Values)
		}
	})
	if err != nil || seen != len(texts) {
		t.Fatalf("%d cards read: %v", seen, err)
	}
}

// A kept row that cannot be read is an error that says what to run, not
// a wrong figure.
func TestUnreadableKeptRowsAreAnError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, stmt := range []string{
		`UPDATE customer_months SET months = '{"2026-03":[1,2,3]}' WHERE customer_id = 1`,
		`UPDATE customer_cards SET card = '["Ann"' WHERE customer_id = 1`,
	} {
		db := openTest(t)
		smallBook(t, db)
		if err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
		_, err := db.ProfitBook(ctx, model.AllTime())
		if err == nil || !strings.Contains(err.Error(), "clientele check --fix") {
			t.Errorf("%s: ProfitBook said %v", stmt, err)
		}
	}
}

// planOf reads a month whole from the kept months when the span holds it
// whole, or when the days of it outside the span hold no record; else the
// days in the span are an edge, read from the orders and costs.
func TestPlanOfReadsWholeMonthsAndEdges(t *testing.T) {
	t.Parallel()
	m := func(s string) month { n, _ := monthOf(s); return n }
	day := func(s string) time.Time { return parseDay(s) }
	for _, tc := range []struct {
		from, to    string // "" is open
		first, last string // the records' days
		lo, hi      string // months read whole, "" for none
		edges       []span
	}{
		{"", "", "2025-01-03", "2026-11-23", "*", "*", nil},
		{"2025-12-01", "2026-11-23", "2025-01-03", "2026-11-23", "2025-12", "2026-11", nil},
		{"2025-12-01", "2026-11-20", "2025-01-03", "2026-11-23", "2025-12", "2026-10",
			[]span{{"2026-11-01", "2026-11-21"}}},
		{"2025-12-15", "2026-02-10", "2025-01-03", "2026-11-23", "2026-01", "2026-01",
			[]span{{"2025-12-15", "2026-01-01"}, {"2026-02-01", "2026-02-11"}}},
		{"2026-11-05", "2026-11-23", "2025-01-03", "2026-11-23", "", "",
			[]span{{"2026-11-05", "2026-11-24"}}},
		{"2026-11-01", "2026-11-23", "2025-01-03", "2026-11-23", "2026-11", "2026-11", nil},
		{"2024-12-15", "", "2025-01-03", "2026-11-23", "2024-12", "*", nil},
		{"2025-01-02", "2025-01-10", "2025-01-03", "2026-11-23", "", "",
			[]span{{"2025-01-02", "2025-01-11"}}},
		{"2026-03-01", "2026-03-31", "", "", "", "", nil},
	} {
		var from, to time.Time
		if tc.from != "" {
			from = day(tc.from)
		}
		if tc.to != "" {
			to = day(tc.to)
		}
		p := planOf(spanOf(from, to), tc.first, tc.last)
		wantLo, wantHi := month(1), month(0)
		if tc.lo != "" {
			wantLo, wantHi = m(tc.lo+"-01"), m(tc.hi+"-01")
		}
		if tc.lo == "*" {
			wantLo = p.first // open: any
		}
		if tc.hi == "*" {
			wantHi = p.last
		}
		if tc.lo != "" && tc.lo != "*" && tc.hi == "*" {
			wantLo = m(tc.lo + "-01")
		}
		empty := p.first > p.last
		if (tc.lo == "") != empty || (!empty && (p.first != wantLo || p.last != wantHi)) ||
			!reflect.DeepEqual(p.edges, tc.edges) {
			t.Errorf("%s to %s: months %d to %d, edges %v; want %s to %s, %v", tc.from, tc.to, p.first, p.last,
				p.edges, tc.lo, tc.hi, tc.edges)
		}
	}
}

// A hand-edited card or months text never panics the reader: it reads,
// or it is an error.
func FuzzBookJSON(f *testing.F) {
	for _, seed := range []string{
		`["Ann","customer","UK",null,4,null,0,null,200,27350,"2026-10-03 09:58:00",null,8,[6],["style"]]`,
		`["A \"q\" \\ \u00e9 \ud83d\ude00","prospect","",1,null,3,1,"r",0,0,null,null,null,[],[]]`,
		`{"2026-03":[1,5200,2090,0,0,0,2,748,"23 12:36:00","23 12:36:00"],"2026-04":[0,0,0,1,-500,-20,0,0,null,null]}`,
		`{}`, `[`, `{"2026-13":[]}`, `["\u12`,
		`{"2026-03":[-1,-5200,0,null,0,0,2,748,null,"31 23:59:59"],"2026-04":[0,0,0,1,-500,-20,0,0,"","x"]}`,
		`{"2026-02":[1,2,3,4,5,6,7,8,"30 12:00:00",null]}`, `{"2026-05":[1,2,3,4,5,6,7,8,"1\u0030 12:00:00",null]}`,
		`{"2026-05":[1,2,3,4,5,6,7,-,null,null]}`, `{"2026-05":[1,2,3,4,5,6,7,8,null,null]`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var c card
		_ = c.parse(s, true)
		// The fast reading of a month reads what the scanner reads.
		read := func(fast bool) (out []monthFigures, err error) {
			err = scanMonths(s, new(monthFigures), nil, func(m month, f *monthFigures) {
				if m < 0 {
					t.Errorf("month %d read from %q", m, s)
				}
				out = append(out, *f)
			}, fast)
			return out, err
		}
		fast, ferr := read(true)
		slow, serr := read(false)
		if (ferr == nil) != (serr == nil) || !slices.Equal(fast, slow) {
			t.Errorf("%q: fast %v %v, slow %v %v", s, fast, ferr, slow, serr)
		}
	})
}
