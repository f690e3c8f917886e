package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"clientele/model"
)

// day is a day as a test writes it.
func onDay(t testing.TB, s string) time.Time { return model.Day(stamp(t, s)) }

// A customer's address, consent, occasions, reminders, follow-up date and
// custom fields are stored with them and read back whole; a second save
// keeps the rows it is given by id and drops the others.
func TestCustomerExtrasRoundTrip(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	allergies := model.CustomField{Name: "Allergies", Kind: model.FieldText, OnOrder: true}
	skin := model.CustomField{Name: "Skin type", Kind: model.FieldChoice, Choices: []string{"dry", "oily"}}
	for _, f := range []*model.CustomField{&allergies, &skin} {
		if err := db.SaveCustomField(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	c := model.Customer{Name: "Ada Lovelace", Stage: model.StageCustomer, Country: "United Kingdom",
		Address:    model.Address{Line1: " 12  Mill Lane ", Town: "Hebden Bridge", Region: "West Yorkshire", Postcode: "HX7 8AB"},
		Consent:    model.Consent{Email: stamp(t, "2026-03-02 10:00")},
		NextReview: onDay(t, "2026-11-30"),
		Occasions: []model.Occasion{{Kind: model.OccasionBirthday, Month: time.May, Day: 12, Year: 1980},
			{Name: "Mum's birthday", Month: time.June, Day: 3, Yearly: true}},
		Reminders: []model.Reminder{{Start: onDay(t, "2026-11-01"), Unit: model.RepeatWeek, Every: 2, Note: "Check the shelf"}},
		Fields:    []model.FieldValue{{FieldID: allergies.ID, Value: " lavender "}, {FieldID: skin.ID, Value: "DRY"}},
	}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	got, err := db.Customer(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Address.Line1 != "12 Mill Lane" || got.Address.Postcode != "HX7 8AB" || got.Address.Region != "West Yorkshire" {
		t.Errorf("address %+v", got.Address)
	}
	if !got.Consent.Email.Equal(onDay(t, "2026-03-02")) || got.Consent.Given(model.ConsentSMS) {
		t.Errorf("consent %+v", got.Consent)
	}
	if !got.NextReview.Equal(onDay(t, "2026-11-30")) {
		t.Errorf("follow-up %v", got.NextReview)
	}
	if len(got.Occasions) != 2 || got.Occasions[0].Kind != model.OccasionBirthday || got.Occasions[0].Year != 1980 ||
		!got.Occasions[0].Yearly || got.Occasions[1].Name != "Mum's birthday" {
		t.Errorf("occasions %+v", got.Occasions)
	}
	// Never contacted: the reminder waits on its first day.
	if len(got.Reminders) != 1 || got.Reminders[0].Every != 2 || !got.Reminders[0].Due.Equal(onDay(t, "2026-11-01")) {
		t.Errorf("reminders %+v", got.Reminders)
	}
	want := []model.FieldValue{{FieldID: allergies.ID, Name: "Allergies", Kind: model.FieldText, Value: "lavender"},
		{FieldID: skin.ID, Name: "Skin type", Kind: model.FieldChoice, Value: "dry"}}
	if !slices.Equal(got.Fields, want) {
		t.Errorf("fields %+v, want %+v", got.Fields, want)
	}

	// Edit: keep the birthday (by id), drop Mum's, add an anniversary;
	// change the reminder in place; clear the follow-up and one field.
	keptBirthday, keptReminder := got.Occasions[0].ID, got.Reminders[0].ID
	got.Occasions = []model.Occasion{got.Occasions[0], {Name: "Shop anniversary", Month: time.March, Day: 1, Year: 2027}}
	got.Occasions[0].Day = 13
	got.Reminders[0].Unit, got.Reminders[0].Every = model.RepeatMonth, 1
	got.NextReview = time.Time{}
	got.Fields = got.Fields[:1]
	if err := db.UpdateCustomer(ctx, &got); err != nil {
		t.Fatal(err)
	}
	again, err := db.Customer(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Occasions) != 2 || again.Occasions[1].ID != keptBirthday || again.Occasions[1].Day != 13 ||
		again.Occasions[0].Name != "Shop anniversary" || again.Occasions[0].Yearly {
		t.Errorf("occasions after the edit %+v", again.Occasions)
	}
	if len(again.Reminders) != 1 || again.Reminders[0].ID != keptReminder || again.Reminders[0].Unit != model.RepeatMonth {
		t.Errorf("reminders after the edit %+v", again.Reminders)
	}
	if !again.NextReview.IsZero() || len(again.Fields) != 1 {
		t.Errorf("follow-up %v, fields %+v", again.NextReview, again.Fields)
	}
	var n int
	if err := db.r.QueryRow("SELECT count(*) FROM reminders WHERE customer_id = ?", c.ID).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d reminder rows, %v; want 1", n, err)
	}

	// A value that does not suit its field names the field; nothing is
	// written.
	again.Fields = []model.FieldValue{{FieldID: skin.ID, Value: "scaly"}}
	if err := db.UpdateCustomer(ctx, &again); !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "Skin type") {
		t.Errorf("a bad choice: %v", err)
	}
	// A second birthday is refused.
	again.Fields = nil
	again.Occasions = append(again.Occasions, model.Occasion{Kind: model.OccasionBirthday, Month: 1, Day: 1})
	if err := db.UpdateCustomer(ctx, &again); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("two birthdays: %v", err)
	}
}

// The list's filter finds customers by their address and their custom
// field values, and a field renamed is found by its new name.
func TestFilterFindsAddressesAndCustomFields(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	gate := model.CustomField{Name: "Gate code", Kind: model.FieldText}
	if err := db.SaveCustomField(ctx, &gate); err != nil {
		t.Fatal(err)
	}
	a := model.Customer{Name: "Ada", Address: model.Address{Line1: "1 Canal Side", Town: "Todmorden", Postcode: "OL14 5AB"}}
	b := model.Customer{Name: "Ben", Fields: []model.FieldValue{{FieldID: gate.ID, Value: "4411#"}}}
	for _, c := range []*model.Customer{&a, &b} {
		if err := db.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	find := func(filter string) []string {
		rows, _, err := db.ListCustomers(ctx, model.CustomerQuery{Filter: filter})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range rows {
			names = append(names, r.Name)
		}
		return names
	}
	for filter, want := range map[string]string{"todmorden": "Ada", "ol14": "Ada", "canal": "Ada", "4411": "Ben",
		"gate code": "Ben"} {
		if got := find(filter); !slices.Equal(got, []string{want}) {
			t.Errorf("filter %q found %v, want %s", filter, got, want)
		}
	}
	gate.Name = "Door code"
	if err := db.SaveCustomField(ctx, &gate); err != nil {
		t.Fatal(err)
	}
	if got := find("door"); !slices.Equal(got, []string{"Ben"}) {
		t.Errorf("after the rename, door finds %v", got)
	}
	if _, err := db.SetFieldValue(ctx, a.ID, gate.ID, "1234"); err != nil {
		t.Fatal(err)
	}
	if got := find("1234"); !slices.Equal(got, []string{"Ada"}) {
		t.Errorf("after setting a value, 1234 finds %v", got)
	}
	if err := db.DeleteCustomField(ctx, gate.ID); err != nil {
		t.Fatal(err)
	}
	if got := find("4411"); len(got) != 0 {
		t.Errorf("after the field went, 4411 finds %v", got)
	}
}

// A field's kind changes only when every stored value fits the new kind;
// the values then take its canonical form.
func TestCustomFieldKindChangeChecksTheValues(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	f := model.CustomField{Name: "Boxes", Kind: model.FieldText, OnOrder: true}
	if err := db.SaveCustomField(ctx, &f); err != nil {
		t.Fatal(err)
	}
	c := model.Customer{Name: "Ada", Fields: []model.FieldValue{{FieldID: f.ID, Value: "1,200"}}}
	d := model.Customer{Name: "Dev", Fields: []model.FieldValue{{FieldID: f.ID, Value: "a few"}}}
	for _, x := range []*model.Customer{&c, &d} {
		if err := db.CreateCustomer(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	f.Kind = model.FieldNumber
	err := db.SaveCustomField(ctx, &f)
	if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), `Dev has "a few"`) {
		t.Fatalf("a kind the values do not fit: %v", err)
	}
	if fs, _ := db.CustomFields(ctx); fs[0].Kind != model.FieldText {
		t.Errorf("the refused change was written: %+v", fs[0])
	}
	if _, err := db.SetFieldValue(ctx, d.ID, f.ID, ""); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveCustomField(ctx, &f); err != nil {
		t.Fatal(err)
	}
	got, _ := db.OrderFields(ctx, c.ID)
	if len(got) != 1 || got[0].Value != "1200" {
		t.Errorf("order fields %+v, want the number made canonical", got)
	}
	if got, _ := db.OrderFields(ctx, d.ID); len(got) != 1 || got[0].Value != "" {
		t.Errorf("order fields of a customer with no value: %+v", got)
	}
	if was, err := db.SetFieldValue(ctx, c.ID, f.ID, "two"); !errors.Is(err, model.ErrInvalid) || was != "" {
		t.Errorf("a word in a number field: %q, %v", was, err)
	}
}

// The occurrence a reminder waits on, kept in SQL by the triggers from the
// customer's last contact, is the one model.Reminder.NextAfter finds, for
// every kind of repetition, whatever the contacts.
func TestReminderDueAgreesWithTheModel(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(17, 9))
	base := onDay(t, "2024-01-01")
	var rs []model.Reminder
	for i := range 300 {
		c := model.Customer{Name: fmt.Sprintf("C%d", i)}
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
		start := base.AddDate(0, 0, rng.IntN(900))
		r := model.Reminder{CustomerID: c.ID, Start: start, Unit: model.RepeatUnits[rng.IntN(4)], Every: 1 + rng.IntN(5)}
		if r.Unit == model.RepeatMonth && start.Day() > 28 {
			r.Start = start.AddDate(0, 0, -3)
		}
		if r.Unit == model.RepeatYear && start.Month() == time.February && start.Day() == 29 {
			r.Start = start.AddDate(0, 0, 1)
		}
		if err := db.SaveReminder(ctx, &r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	check := func(when string, touches map[int64]time.Time) {
		got, err := db.reminders(ctx, "1")
		if err != nil || len(got) != len(rs) {
			t.Fatalf("%d reminders, %v", len(got), err)
		}
		slices.SortFunc(got, func(a, b model.Reminder) int { return int(a.ID - b.ID) })
		for i, g := range got {
			want, ok := rs[i].NextAfter(touches[rs[i].CustomerID])
			if !ok {
				want = time.Time{}
			}
			if !g.Due.Equal(want) {
				t.Errorf("%s: reminder %+v, last contact %v: due %v, want %v", when, rs[i],
					model.FormatDate(touches[rs[i].CustomerID]), model.FormatDate(g.Due), model.FormatDate(want))
			}
		}
	}
	check("never contacted", nil)
	touches := map[int64]time.Time{}
	var ids []int64
	for _, r := range rs {
		at := base.AddDate(0, 0, rng.IntN(1200)).Add(10 * time.Hour)
		tc := model.Touch{CustomerID: r.CustomerID, At: at, Summary: "call"}
		if err := db.AddTouch(ctx, &tc); err != nil {
			t.Fatal(err)
		}
		touches[r.CustomerID] = at
		ids = append(ids, tc.ID)
	}
	check("after a contact", touches)
	// Undoing the contacts brings every reminder back to where it was.
	for _, id := range ids {
		if _, err := db.DeleteTouch(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	check("contacts undone", nil)
}

// The follow-up dates an older clientele kept on the customer become
// follow-up reminders, none lost, each waiting unless a contact since
// answered it.
func TestMigrationMovesFollowUpsToReminders(t *testing.T) {
	t.Parallel()
	path := fileBefore(t, "CREATE TABLE reminders",
		`INSERT INTO customers (id, name, next_review, created_at, updated_at) VALUES
			(1, 'Ada', '2026-11-20', '2026-01-01 09:00:00', '2026-02-01 09:00:00'),
			(2, 'Ben', '2026-12-01', '2026-01-01 09:00:00', '2026-01-01 09:00:00'),
			(3, 'Cy', NULL, '2026-01-01 09:00:00', '2026-01-01 09:00:00')`,
		`INSERT INTO touches (customer_id, touched_at, kind, summary, created_at)
			VALUES (1, '2026-11-21 10:00:00', 'contact', 'call', '2026-11-21 10:00:00')`)
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for id, want := range map[int64]struct{ next, due string }{1: {"2026-11-20", ""}, 2: {"2026-12-01", "2026-12-01"},
		3: {"", ""}} {
		c, err := db.Customer(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if model.FormatDate(c.NextReview) != want.next {
			t.Errorf("customer %d: follow-up %v, want %s", id, c.NextReview, want.next)
		}
		rows, _, err := db.ListCustomers(ctx, model.CustomerQuery{})
		i := slices.IndexFunc(rows, func(r model.CustomerRow) bool { return r.ID == id })
		if err != nil || i < 0 || model.FormatDate(rows[i].NextReview) != want.due {
			t.Errorf("customer %d: the list shows %+v, %v; want the follow-up waiting on %q", id, rows, err, want.due)
		}
	}
	var version int
	if err := db.r.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != SchemaVersion() {
		t.Errorf("version %d, %v", version, err)
	}
}

// An order billed for later waits for its payment, is overdue on Today
// after its due day, and is paid with one call, undone with another.
func TestPaymentsDueAndPaid(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	c := model.Customer{Name: "Shop on the Corner", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	o := model.Order{CustomerID: c.ID, OrderedAt: stamp(t, "2026-10-01 10:00"), Kind: model.OrderSale,
		PaymentDue: onDay(t, "2026-10-31"), Lines: []model.OrderLine{model.NewLine("Trade case", 2, 4500, 2000)}}
	if err := db.CreateOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	unpaid, err := db.UnpaidOrders(ctx, c.ID)
	if err != nil || len(unpaid) != 1 || unpaid[0].Total() != 9000 || unpaid[0].Lines[0].Description != "Trade case" {
		t.Fatalf("unpaid %+v, %v", unpaid, err)
	}
	r, err := db.DailyReview(ctx, fixedNow, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Entries) != 1 || r.Entries[0].Reasons[0].Kind != model.ReasonPayment ||
		!strings.Contains(r.Entries[0].Why(), "£90.00 overdue 23 days") {
		t.Fatalf("review %+v", r.Entries)
	}
	was, err := db.SetPaid(ctx, o.ID, fixedNow)
	if err != nil || !was.IsZero() {
		t.Fatalf("paid: %v, %v", was, err)
	}
	if r, _ := db.DailyReview(ctx, fixedNow, 0); len(r.Entries) != 0 {
		t.Errorf("paid, still on Today: %+v", r.Entries)
	}
	got, _ := db.Order(ctx, o.ID)
	if !got.PaidOn.Equal(onDay(t, "2026-11-23")) || got.Unpaid() {
		t.Errorf("order %+v", got)
	}
	if _, err := db.SetPaid(ctx, o.ID, was); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Order(ctx, o.ID); !got.Unpaid() {
		t.Errorf("undone, the order is paid: %+v", got)
	}
	// A refund is not billed; an order paid when made is not marked paid.
	cash := model.Order{CustomerID: c.ID, OrderedAt: stamp(t, "2026-11-01 10:00"), Kind: model.OrderSale,
		Lines: []model.OrderLine{model.NewLine("Soap", 1, 450, 100)}}
	if err := db.CreateOrder(ctx, &cash); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetPaid(ctx, cash.ID, fixedNow); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("marking an order paid when made: %v", err)
	}
	if _, err := db.SetPaid(ctx, 999, fixedNow); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a missing order: %v", err)
	}
	if _, err := db.SetPaymentDue(ctx, cash.ID, onDay(t, "2026-10-01")); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("due before the order: %v", err)
	}
	if _, err := db.SetPaymentDue(ctx, cash.ID, onDay(t, "2026-12-01")); err != nil {
		t.Fatal(err)
	}
	if u, _ := db.UnpaidOrders(ctx, 0); len(u) != 2 {
		t.Errorf("%d unpaid orders, want 2", len(u))
	}
}

// Templates: the defaults until the owner saves one, which is kept and
// marked edited; a reset goes back. A message logged is a contact with
// the template's name that answers a reminder; deleting it undoes that.
func TestTemplatesAndLoggedMessages(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	ts, err := db.Templates(ctx)
	if err != nil || len(ts) != len(model.TemplateKinds) || ts[0].Edited {
		t.Fatalf("templates %+v, %v", ts, err)
	}
	tpl := ts[1]
	tpl.Body = "Hi {first_name}, more {last_order}?"
	was, err := db.SaveTemplate(ctx, tpl)
	if err != nil || was.Edited || was.Body == tpl.Body {
		t.Fatalf("save: %+v, %v", was, err)
	}
	tpl.Body = "Hi {frist_name}"
	if _, err := db.SaveTemplate(ctx, tpl); !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "frist_name") {
		t.Errorf("a misspelt placeholder: %v", err)
	}
	got, _ := db.Templates(ctx)
	if !got[1].Edited || got[1].Body != "Hi {first_name}, more {last_order}?" || got[0].Edited {
		t.Errorf("after the save %+v", got[:2])
	}
	if _, err := db.ResetTemplate(ctx, tpl.Kind); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Templates(ctx); got[1].Edited {
		t.Errorf("after the reset %+v", got[1])
	}

	c := model.Customer{Name: "Ada Lovelace", Email: "ada@example.com", Channel: model.ChannelEmail,
		NextReview: onDay(t, "2026-11-20")}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	o := model.Order{CustomerID: c.ID, OrderedAt: stamp(t, "2026-09-01 10:00"), Kind: model.OrderSale,
		Lines: []model.OrderLine{model.NewLine("Lavender soap", 2, 450, 100), model.NewLine("Beeswax candle", 1, 1200, 300)}}
	if err := db.CreateOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	f, err := db.MessageFacts(ctx, c.ID, model.TemplateReorder, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	m := model.Render(ts[1], f)
	if !strings.Contains(m.Body, "Hi Ada,") || !strings.Contains(m.Body, "Lavender soap and Beeswax candle, on 1 September 2026") {
		t.Errorf("rendered %q", m.Body)
	}
	// The day after the follow-up, logging the message answers it.
	db.Now = func() time.Time { return fixedNow.AddDate(0, 0, 1) }
	touch, err := db.LogMessage(ctx, c.ID, model.ChannelEmail, m)
	if err != nil {
		t.Fatal(err)
	}
	if touch.Template != "Reorder nudge" || touch.Summary != "Reorder nudge" || touch.Channel != model.ChannelEmail {
		t.Errorf("touch %+v", touch)
	}
	tomorrow := fixedNow.AddDate(0, 0, 2)
	if r, _ := db.DailyReview(ctx, tomorrow, 0); len(r.Entries) != 0 {
		t.Errorf("the message did not answer the follow-up: %s", r.Entries[0].Why())
	}
	if _, err := db.DeleteTouch(ctx, touch.ID); err != nil {
		t.Fatal(err)
	}
	if r, _ := db.DailyReview(ctx, tomorrow, 0); len(r.Entries) != 1 || r.Entries[0].Reasons[0].Kind != model.ReasonFollowUp {
		t.Errorf("the message undone, the follow-up is not back: %+v", r.Entries)
	}
	if _, err := db.DeleteTouch(ctx, touch.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("deleting it twice: %v", err)
	}
}

// Emptying the book for the demo keeps the owner's templates and the
// book's id.
func TestDeleteAllKeepsTemplatesAndTheBookID(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	id, err := db.BookID(ctx)
	if err != nil || len(id) != 16 {
		t.Fatalf("book id %q, %v", id, err)
	}
	tpl, _ := model.DefaultTemplate(model.TemplateWish)
	tpl.Subject = "A question from the workshop"
	if _, err := db.SaveTemplate(ctx, tpl); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.BookID(ctx); again != id {
		t.Errorf("book id %q after emptying, was %q", again, id)
	}
	if got, _ := db.Template(ctx, model.TemplateWish); got.Subject != tpl.Subject {
		t.Errorf("template after emptying: %+v", got)
	}
}

// A reminder's waiting day written behind the store's back is found by
// the check and mended by --fix.
func TestCheckFindsAndFixesAStaleReminder(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	c := model.Customer{Name: "Ada", Reminders: []model.Reminder{{Start: onDay(t, "2026-11-01"), Unit: model.RepeatWeek, Every: 1}}}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("UPDATE reminders SET due_on = '2030-01-01'"); err != nil {
		t.Fatal(err)
	}
	rep, err := Check(ctx, db.Path())
	if err != nil || rep.OK() || !strings.Contains(rep.String(), "1 reminder keeps a waiting day") {
		t.Fatalf("check: %v\n%s", err, rep)
	}
	if err := db.FixFigures(ctx); err != nil {
		t.Fatal(err)
	}
	if rep, _ := Check(ctx, db.Path()); !rep.OK() {
		t.Errorf("after the fix:\n%s", rep)
	}
	if got, _ := db.Customer(ctx, c.ID); !got.Reminders[0].Due.Equal(onDay(t, "2026-11-01")) {
		t.Errorf("due %v", got.Reminders[0].Due)
	}
}
