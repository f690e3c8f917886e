package model

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
)

func TestReminderNextAfter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		r        Reminder
		answered string // "" for never
		want     string // "" for none left
	}{
		{"never contacted: the first day", Reminder{Start: on("2026-03-10"), Unit: RepeatWeek, Every: 2}, "", "2026-03-10"},
		{"contacted before it started", Reminder{Start: on("2026-03-10")}, "2026-03-01", "2026-03-10"},
		{"once, answered on its day", Reminder{Start: on("2026-03-10")}, "2026-03-10", ""},
		{"once, answered later", Reminder{Start: on("2026-03-10")}, "2026-04-01", ""},
		{"fortnightly, answered on an occurrence", Reminder{Start: on("2026-03-10"), Unit: RepeatWeek, Every: 2},
			"2026-03-24", "2026-04-07"},
		{"fortnightly, answered between", Reminder{Start: on("2026-03-10"), Unit: RepeatWeek, Every: 2},
			"2026-03-25", "2026-04-07"},
		{"monthly, answered the day before", Reminder{Start: on("2026-01-15"), Unit: RepeatMonth, Every: 1},
			"2026-05-14", "2026-05-15"},
		{"monthly, answered on the day", Reminder{Start: on("2026-01-15"), Unit: RepeatMonth, Every: 1},
			"2026-05-15", "2026-06-15"},
		{"every 3 months across a year", Reminder{Start: on("2025-11-28"), Unit: RepeatMonth, Every: 3},
			"2026-03-01", "2026-05-28"},
		{"yearly", Reminder{Start: on("2024-06-01"), Unit: RepeatYear, Every: 1}, "2026-06-02", "2027-06-01"},
		{"every 2 years", Reminder{Start: on("2024-06-01"), Unit: RepeatYear, Every: 2}, "2025-01-01", "2026-06-01"},
	} {
		var answered time.Time
		if tc.answered != "" {
			answered = on(tc.answered).Add(15 * time.Hour)
		}
		got, ok := tc.r.NextAfter(answered)
		if FormatDate(got) != tc.want || ok != (tc.want != "") {
			t.Errorf("%s: %s, %v; want %q", tc.name, FormatDate(got), ok, tc.want)
		}
	}
}

func TestReminderValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		r     Reminder
		field string // "" when valid
	}{
		{Reminder{Kind: ReminderNote, Start: on("2026-01-31"), Every: 1}, ""},
		{Reminder{Kind: ReminderNote, Start: on("2026-01-31"), Unit: RepeatMonth, Every: 1}, "date"},
		{Reminder{Kind: ReminderNote, Start: on("2028-02-29"), Unit: RepeatYear, Every: 1}, "date"},
		{Reminder{Kind: ReminderNote, Start: on("2028-02-29"), Unit: RepeatWeek, Every: 1}, ""},
		{Reminder{Kind: ReminderNote, Unit: RepeatWeek, Every: 1}, "date"},
		{Reminder{Kind: ReminderNote, Start: on("2026-01-01"), Unit: "fortnight", Every: 1}, "repeat"},
		{Reminder{Kind: ReminderNote, Start: on("2026-01-01"), Unit: RepeatWeek, Every: 0}, "repeat"},
		{Reminder{Kind: ReminderFollowUp, Start: on("2026-01-01"), Every: 1, Note: "call"}, "repeat"},
		{Reminder{Kind: ReminderNote, Start: on("2026-01-01"), Every: 1, Note: strings.Repeat("x", maxText+1)}, "note"},
	} {
		err := tc.r.Validate()
		var es Errors
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%+v: %v", tc.r, err)
		case tc.field != "" && (!errors.As(err, &es) || es.For(tc.field) == ""):
			t.Errorf("%+v: %v, want an error on %s", tc.r, err, tc.field)
		}
	}
}

func TestParseRepeat(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Reminder{"": {Unit: RepeatOnce, Every: 1}, "weekly": {Unit: RepeatWeek, Every: 1},
		"every 2 weeks": {Unit: RepeatWeek, Every: 2}, "3 months": {Unit: RepeatMonth, Every: 3},
		"Yearly": {Unit: RepeatYear, Every: 1}, "every  1 year": {Unit: RepeatYear, Every: 1}} {
		u, n, err := ParseRepeat(in)
		if err != nil || u != want.Unit || n != want.Every {
			t.Errorf("ParseRepeat(%q) = %q, %d, %v", in, u, n, err)
		}
		r := Reminder{Unit: u, Every: n}
		if back, m, _ := ParseRepeat(r.RepeatText()); back != u || m != n {
			t.Errorf("%q does not read back: %q", in, r.RepeatText())
		}
	}
	for _, in := range []string{"fortnightly", "every x weeks", "0 weeks", "every 2", "2.5 months", "999 weeks"} {
		if _, _, err := ParseRepeat(in); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseRepeat(%q) accepted", in)
		}
	}
}

func TestOccasionNextAndWindow(t *testing.T) {
	t.Parallel()
	leap := Occasion{Kind: OccasionBirthday, Month: time.February, Day: 29, Year: 1988, Yearly: true}
	if got, ok := leap.Next(on("2026-02-01")); !ok || FormatDate(got) != "2026-02-28" {
		t.Errorf("a 29th of February birthday in 2026: %v", got)
	}
	if got, _ := leap.Next(on("2028-02-01")); FormatDate(got) != "2028-02-29" {
		t.Errorf("in 2028: %v", got)
	}
	if age := leap.Age(on("2026-02-28")); age != 38 {
		t.Errorf("age %d", age)
	}
	passed := Occasion{Name: "Wedding", Month: time.June, Day: 6, Year: 2026}
	if _, ok := passed.Next(on("2026-06-07")); ok {
		t.Error("a one-off occasion that passed is still to come")
	}
	future := Occasion{Name: "Shop opens", Month: time.March, Day: 1, Year: 2028, Yearly: true}
	if got, _ := future.Next(on("2026-06-07")); FormatDate(got) != "2028-03-01" {
		t.Errorf("a yearly occasion from 2028: %v", got)
	}
	if got, _ := (&Occasion{Month: time.January, Day: 3, Yearly: true}).Next(on("2026-12-30")); FormatDate(got) != "2027-01-03" {
		t.Errorf("across the new year: %v", got)
	}
	w := OccasionWindow(on("2026-02-26"), 3)
	var keys []string
	for _, k := range w {
		keys = append(keys, FormatDate(time.Date(2000, k.Month, k.Day, 0, 0, 0, 0, time.UTC))[5:]+"+"+itoa(int64(k.Ahead)))
	}
	if got := strings.Join(keys, " "); got != "02-26+0 02-27+1 02-28+2 02-29+2 03-01+3" {
		t.Errorf("window %s", got)
	}
	for _, bad := range []Occasion{{Kind: OccasionBirthday, Month: 2, Day: 29, Year: 1987, Yearly: true},
		{Kind: OccasionOther, Month: 5, Day: 1, Yearly: true}, {Kind: OccasionBirthday, Month: 13, Day: 1, Yearly: true},
		{Kind: OccasionOther, Name: "Once", Month: 5, Day: 1}} {
		if err := bad.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v accepted", bad)
		}
	}
	for in, want := range map[string]string{"--05-12": "--05-12", "05-12": "--05-12", "1980-05-12": "1980-05-12",
		" 2000-02-29 ": "2000-02-29"} {
		m, d, y, err := ParseOccasionDate(in)
		o := Occasion{Month: m, Day: d, Year: y}
		if err != nil || o.DateText() != want {
			t.Errorf("ParseOccasionDate(%q) = %s, %v", in, o.DateText(), err)
		}
	}
	for _, in := range []string{"2001-02-29", "13-01", "May 12", "--5-12", ""} {
		if _, _, _, err := ParseOccasionDate(in); err == nil {
			t.Errorf("ParseOccasionDate(%q) accepted", in)
		}
	}
}

// The daily review's new reasons: payments overdue, reminders (the
// follow-up among them), occasions coming up.
func TestReviewPaymentsRemindersOccasions(t *testing.T) {
	t.Parallel()
	s := DefaultSettings()
	cut := Cutoffs(s, reviewDay) // 2026-11-23
	for _, tc := range []struct {
		name string
		c    ReviewCustomer
		kind ReasonKind
		text string // "" when nothing is due
	}{
		{"a payment due yesterday", ReviewCustomer{Unpaid: []ReviewPayment{{Due: on("2026-11-22"), Amount: 4500}}},
			ReasonPayment, "payment of £45.00 overdue 1 day (due 2026-11-22)"},
		{"a payment due today is not late", ReviewCustomer{Unpaid: []ReviewPayment{{Due: on("2026-11-23"), Amount: 4500}}},
			0, ""},
		{"two payments, the oldest speaks", ReviewCustomer{Unpaid: []ReviewPayment{{Due: on("2026-11-20"), Amount: 100},
			{Due: on("2026-11-01"), Amount: 200}}, LastTouch: on("2026-11-22")},
			ReasonPayment, "2 payments, £3.00 in all, overdue 22 days (due 2026-11-01)"},
		{"a weekly reminder missed twice", ReviewCustomer{Reminders: []Reminder{{Kind: ReminderNote, Start: on("2026-11-02"),
			Unit: RepeatWeek, Every: 1, Note: "Ring about the shelf\nand the till"}}, LastTouch: on("2026-11-05")},
			ReasonFollowUp, "reminder was due 14 days ago (2026-11-09): Ring about the shelf (every week)"},
		{"a reminder answered", ReviewCustomer{Reminders: []Reminder{{Kind: ReminderNote, Start: on("2026-11-02")}},
			LastTouch: on("2026-11-02")}, 0, ""},
		{"a follow-up and a reminder", ReviewCustomer{Reminders: []Reminder{{Kind: ReminderNote, Start: on("2026-11-20")},
			{Kind: ReminderFollowUp, Start: on("2026-11-10")}}},
			ReasonFollowUp, "follow-up was due 13 days ago (2026-11-10); 2 reminders due"},
		{"a birthday in 3 days", ReviewCustomer{Stage: StageCustomer, Occasions: []Occasion{{Kind: OccasionBirthday,
			Month: time.November, Day: 26, Year: 1986, Yearly: true}}},
			ReasonOccasion, "Birthday (turns 40) in 3 days (26 November)"},
		{"an occasion today", ReviewCustomer{Stage: StageCustomer, Occasions: []Occasion{{Kind: OccasionOther,
			Name: "Mum's birthday", Month: time.November, Day: 23, Yearly: true}}}, ReasonOccasion, "Mum's birthday today"},
		{"an occasion answered by a contact since it came up", ReviewCustomer{Stage: StageCustomer, LastTouch: on("2026-11-20"),
			Occasions: []Occasion{{Kind: OccasionBirthday, Month: time.November, Day: 26, Yearly: true}}}, 0, ""},
		{"an occasion too far ahead", ReviewCustomer{Stage: StageCustomer, Occasions: []Occasion{{Kind: OccasionBirthday,
			Month: time.December, Day: 10, Yearly: true}}}, 0, ""},
		{"no occasions for a former customer", ReviewCustomer{Stage: StageFormer, Occasions: []Occasion{{
			Kind: OccasionBirthday, Month: time.November, Day: 24, Yearly: true}}}, 0, ""},
	} {
		tc.c.ID, tc.c.Name = 1, "Ada"
		if tc.c.Stage == "" {
			tc.c.Stage = StageCustomer
		}
		tc.c.CreatedAt = on("2026-11-01")
		e, ok := EntryFor(&tc.c, s, cut)
		if tc.text == "" {
			if ok {
				t.Errorf("%s: due: %s", tc.name, e.Why())
			}
			continue
		}
		if !ok || e.Reasons[0].Kind != tc.kind || e.Reasons[0].Text != tc.text {
			t.Errorf("%s: %v %q; want %v %q", tc.name, ok, e.Why(), tc.kind, tc.text)
		}
	}
}

// facts are a customer with everything a template can name.
func facts() MessageFacts {
	return MessageFacts{Customer: Customer{Name: "Ada Lovelace", Email: "ada@example.com", Channel: ChannelEmail},
		Business: "Hearth & Lye", Symbol: "£", LastOrder: on("2026-09-01"),
		LastOrderItems: []string{"Lavender soap", "Beeswax candle", "Lavender soap"},
		Occasion:       &Occasion{Kind: OccasionBirthday, Month: 11, Day: 26, Yearly: true}, OccasionOn: on("2026-11-26"),
		Payment: &Order{OrderedAt: on("2026-10-01"), PaymentDue: on("2026-10-31"),
			Lines: []OrderLine{NewLine("Trade case", 2, 4500, 0)}}}
}

func TestRenderFillsEveryPlaceholder(t *testing.T) {
	t.Parallel()
	var all []string
	for _, p := range Placeholders {
		all = append(all, p.Name+"={"+p.Name+"}")
	}
	tpl := Template{Kind: TemplateOccasion, Name: "All", Subject: "For {first_name}", Body: strings.Join(all, "\n")}
	if err := tpl.Validate(); err != nil {
		t.Fatal(err)
	}
	m := Render(tpl, facts())
	want := "first_name=Ada\nname=Ada Lovelace\nbusiness=Hearth & Lye\nlast_order=Lavender soap and Beeswax candle\n" +
		"last_order_date=1 September 2026\noccasion=your birthday\noccasion_date=26 November\namount_due=£90.00\n" +
		"due_date=31 October 2026\norder_date=1 October 2026\nquestion=" + WishQuestion
	if m.Subject != "For Ada" || m.Body != want {
		t.Errorf("rendered %q / %q\nwant %q", m.Subject, m.Body, want)
	}
	// A customer with nothing on record: every placeholder in words.
	empty := Render(tpl, MessageFacts{})
	for _, bad := range []string{"<nil>", "{", "=\n", "0001"} {
		if strings.Contains(empty.Body+"\n", bad) {
			t.Errorf("with nothing known, %q appears:\n%s", bad, empty.Body)
		}
	}
	if !strings.Contains(empty.Body, "first_name=there") || !strings.Contains(empty.Body, "last_order=your last order") {
		t.Errorf("with nothing known:\n%s", empty.Body)
	}
	if nps := Render(Template{Kind: TemplateNPS, Body: "{question}"}, MessageFacts{}); nps.Body != NPSQuestion {
		t.Errorf("the NPS question: %q", nps.Body)
	}
}

// Text from the book reaches a message inert and once: control
// characters made visible, one line, and a name that looks like a
// placeholder is not filled in again.
func TestRenderIsSafeAgainstHostileText(t *testing.T) {
	t.Parallel()
	f := facts()
	f.Customer.Name = "{business}\x1b]0;pwned\x07 Ada\nEvil"
	f.LastOrderItems = []string{"\u202eSoap\r\nBcc: x@evil.example"}
	tpl, _ := DefaultTemplate(TemplateReorder)
	tpl.Subject = "Hi {name}\x1b[2J"
	m := Render(tpl, f)
	for _, s := range []string{m.Subject, m.Body} {
		for _, r := range s {
			if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
				t.Errorf("control character %U in %q", r, s)
			}
		}
	}
	if strings.Contains(m.Subject, "\n") || !strings.HasPrefix(m.Body, "Hi {business}␛]0;pwned␇") {
		t.Errorf("subject %q, body %q", m.Subject, m.Body)
	}
	if strings.Contains(m.Body, "\nBcc:") {
		t.Errorf("a line break from the data: %q", m.Body)
	}
	// Braces that name nothing are left as written.
	if got := Render(Template{Body: "{not a placeholder} {x}"}, f).Body; got != "{not a placeholder} {x}" {
		t.Errorf("%q", got)
	}
}

// A mailto: URL carries the subject and body exactly: an independent
// parser (net/url) reads back what was put in, whatever characters it
// holds.
func TestMailtoURLRoundTrips(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ addr, subject, body string }{
		{"ada@example.com", "Hello & welcome?", "Line one\nLine two: 100% #1 = yes+no"},
		{"o'neil+shop@example.co.uk", "Café ☕ crème", "Tab\there; semi; comma, and a ? and a &body=evil"},
		{"a%b?c#d@example.com", "", "only a body"},
	} {
		raw := MailtoURL(tc.addr, tc.subject, tc.body)
		if strings.ContainsAny(raw, " \n\r\t") {
			t.Errorf("%q: whitespace left in the URL", raw)
		}
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "mailto" {
			t.Fatalf("%q: %v", raw, err)
		}
		to, err := url.PathUnescape(u.Opaque)
		if err != nil || to != tc.addr {
			t.Errorf("%q: to %q, %v; want %q", raw, to, err, tc.addr)
		}
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			t.Fatal(err)
		}
		wantBody := strings.ReplaceAll(tc.body, "\n", "\r\n")
		if q.Get("subject") != tc.subject || q.Get("body") != wantBody || len(q) > 2 {
			t.Errorf("%q read back as %v", raw, q)
		}
	}
}

func TestSMSAndTargets(t *testing.T) {
	t.Parallel()
	if got := SMSNumber(" +44 (0)7700 900-123 x12 "); got != "+4407700900123" {
		t.Errorf("SMSNumber %q", got)
	}
	if got := SMSNumber("12-3"); got != "" {
		t.Errorf("too short: %q", got)
	}
	if got := SMSURL("+447700900123", "Hi & bye\nx"); got != "sms:+447700900123?body=Hi%20%26%20bye%0D%0Ax" {
		t.Errorf("SMSURL %q", got)
	}
	f := facts()
	m := Render(DefaultTemplates()[0], f)
	c := f.Customer
	if tg := TargetFor(&c, "", m); tg.Kind != TargetEmail || !strings.HasPrefix(tg.URL, "mailto:ada@example.com?subject=") {
		t.Errorf("email: %+v", tg)
	}
	c.Email = ""
	if tg := TargetFor(&c, "", m); tg.Kind != TargetClipboard || tg.Why != "no email address" ||
		!strings.HasPrefix(tg.Text, "Subject: Thank you from Hearth & Lye\n\nHi Ada,") {
		t.Errorf("email without an address: %+v", tg)
	}
	c.Phone = "07700 900123"
	if tg := TargetFor(&c, ChannelText, m); tg.Kind != TargetSMS || tg.Channel != ChannelText ||
		!strings.HasPrefix(tg.URL, "sms:07700900123?body=Hi%20Ada") {
		t.Errorf("text: %+v", tg)
	}
	c.Address, c.Country = Address{Line1: "12 Mill Lane", Town: "Hebden Bridge", Postcode: "HX7 8AB"}, "United Kingdom"
	if tg := TargetFor(&c, ChannelMail, m); tg.Kind != TargetClipboard ||
		!strings.HasPrefix(tg.Text, "Ada Lovelace\n12 Mill Lane\nHebden Bridge HX7 8AB\nUnited Kingdom\n\nHi Ada,") {
		t.Errorf("a letter: %q", tg.Text)
	}
	if tg := TargetFor(&c, ChannelPhone, m); tg.Kind != TargetClipboard || strings.Contains(tg.Text, "Subject") {
		t.Errorf("a call: %+v", tg)
	}
	sub, body := ParseDraft(Draft(m))
	if sub != m.Subject || body != m.Body {
		t.Errorf("draft round trip: %q %q", sub, body)
	}
	if sub, body := ParseDraft("no subject line\n\nbody"); sub != "" || body != "no subject line\n\nbody" {
		t.Errorf("a draft without a subject: %q %q", sub, body)
	}
}

// Marketing goes only where consent was given, by the channel it goes
// by; the rest goes to everyone.
func TestMarketingNeedsConsent(t *testing.T) {
	t.Parallel()
	ts := DefaultTemplates()
	kinds := func(cs Consent, ch Channel) string {
		var out []string
		for _, t := range OfferedTemplates(ts, cs, ch) {
			if t.Marketing {
				out = append(out, string(t.Kind))
			}
		}
		return strings.Join(out, ",")
	}
	email := Consent{Email: on("2026-01-01")}
	for _, tc := range []struct {
		cs   Consent
		ch   Channel
		want string
	}{
		{Consent{}, ChannelEmail, ""},
		{email, ChannelEmail, "reorder,occasion"},
		{email, ChannelText, ""},
		{Consent{SMS: on("2026-01-01")}, ChannelText, "reorder,occasion"},
		{Consent{Post: on("2026-01-01")}, ChannelMail, "reorder,occasion"},
		{Consent{Email: on("2026-01-01"), SMS: on("2026-01-01"), Post: on("2026-01-01")}, ChannelPhone, ""},
		{email, "", ""},
	} {
		if got := kinds(tc.cs, tc.ch); got != tc.want {
			t.Errorf("consent %s by %q: marketing offered %q, want %q", tc.cs, tc.ch, got, tc.want)
		}
		if n := len(OfferedTemplates(ts, tc.cs, tc.ch)); n < len(ts)-2 {
			t.Errorf("consent %s by %q: only %d templates offered; replies and thank-yous go to everyone", tc.cs, tc.ch, n)
		}
	}
	if ok, why := MayOffer(ts[1], Consent{}, ChannelEmail); ok || why != "no consent to marketing by email" {
		t.Errorf("MayOffer: %v %q", ok, why)
	}
}

func TestCustomFieldValues(t *testing.T) {
	t.Parallel()
	today := on("2026-11-23")
	for _, tc := range []struct {
		f        CustomField
		in, want string
		bad      bool
	}{
		{CustomField{Name: "Notes", Kind: FieldText}, "  gate sticks ", "gate sticks", false},
		{CustomField{Name: "Boxes", Kind: FieldNumber}, "1,200.50", "1200.50", false},
		{CustomField{Name: "Boxes", Kind: FieldNumber}, "twelve", "", true},
		{CustomField{Name: "Since", Kind: FieldDate}, "2026-02-03", "2026-02-03", false},
		{CustomField{Name: "Since", Kind: FieldDate}, "today", "2026-11-23", false},
		{CustomField{Name: "Since", Kind: FieldDate}, "31/02/2026", "", true},
		{CustomField{Name: "Trade", Kind: FieldYesNo}, "Y", "yes", false},
		{CustomField{Name: "Trade", Kind: FieldYesNo}, "maybe", "", true},
		{CustomField{Name: "Skin", Kind: FieldChoice, Choices: []string{"Dry", "Oily"}}, "dry", "Dry", false},
		{CustomField{Name: "Skin", Kind: FieldChoice, Choices: []string{"Dry", "Oily"}}, "scaly", "", true},
		{CustomField{Name: "Any", Kind: FieldNumber}, "  ", "", false},
	} {
		got, err := tc.f.NormalizeValue(tc.in, today)
		if got != tc.want || (err != nil) != tc.bad {
			t.Errorf("%s %q: %q, %v", tc.f.Kind, tc.in, got, err)
		}
		if tc.bad && !strings.Contains(err.Error(), tc.f.Name) {
			t.Errorf("the error does not name the field: %v", err)
		}
	}
	for _, bad := range []CustomField{{Name: "", Kind: FieldText}, {Name: "Skin", Kind: FieldChoice},
		{Name: "X", Kind: "colour"}, {Name: strings.Repeat("x", 61), Kind: FieldText}} {
		bad.Normalize()
		if err := bad.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// Every text a customer now holds is bounded and refuses a NUL.
func TestCustomerExtrasAreBounded(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", maxText+1)
	for name, set := range map[string]func(c *Customer, s string){
		"street":        func(c *Customer, s string) { c.Address.Line1 = s },
		"street line 2": func(c *Customer, s string) { c.Address.Line2 = s },
		"town":          func(c *Customer, s string) { c.Address.Town = s },
		"region":        func(c *Customer, s string) { c.Address.Region = s },
		"postcode":      func(c *Customer, s string) { c.Address.Postcode = s },
		"occasion name": func(c *Customer, s string) { c.Occasions = []Occasion{{Name: s, Month: 1, Day: 1, Yearly: true}} },
		"occasion note": func(c *Customer, s string) {
			c.Occasions = []Occasion{{Name: "x", Note: s, Month: 1, Day: 1, Yearly: true}}
		},
		"reminder note": func(c *Customer, s string) { c.Reminders = []Reminder{{Start: on("2026-01-01"), Note: s}} },
		"field value":   func(c *Customer, s string) { c.Fields = []FieldValue{{FieldID: 1, Name: "F", Value: s}} },
	} {
		for _, s := range []string{long} { // a NUL: the model's hostile tests (issue 13)
			c := Customer{Name: "Ada"}
			set(&c, s)
			c.Normalize()
			if err := c.Validate(); !errors.Is(err, ErrInvalid) {
				t.Errorf("%s of %d bytes accepted", name, len(s))
			}
		}
	}
	for _, s := range []string{strings.Repeat("x", 101)} {
		if err := (&Touch{CustomerID: 1, At: on("2026-01-01"), Kind: TouchContact, Template: s}).Validate(); err == nil {
			t.Errorf("a touch's template of %d bytes accepted", len(s))
		}
		tpl := Template{Kind: TemplateWish, Name: s, Body: "b"}
		if err := tpl.Validate(); err == nil {
			t.Errorf("a template name of %d bytes accepted", len(s))
		}
	}
}

func FuzzRender(f *testing.F) {
	f.Add("Hi {first_name}, {last_order}", "Ada", "Soap", "Mum's birthday")
	f.Add("{", "\x1b]0;x\x07", "\r\n", "{name}")
	f.Fuzz(func(t *testing.T, body, name, item, occasion string) {
		fs := facts()
		fs.Customer.Name, fs.LastOrderItems = name, []string{item}
		fs.Occasion.Name = occasion
		m := Render(Template{Kind: TemplateOccasion, Name: name, Subject: body, Body: body}, fs)
		for _, s := range []string{m.Subject, m.Body, m.TemplateName} {
			for _, r := range s {
				if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
					t.Fatalf("control character %U in %q", r, s)
				}
			}
		}
		if strings.Contains(m.Subject, "\n") || strings.Contains(m.Body, "<nil>") && !strings.Contains(body+name+item+occasion, "<nil>") {
			t.Fatalf("subject %q body %q", m.Subject, m.Body)
		}
		raw := MailtoURL("ada@example.com", m.Subject, m.Body)
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil || q.Get("body") != strings.ReplaceAll(m.Body, "\n", "\r\n") || q.Get("subject") != m.Subject {
			t.Fatalf("%q does not read back: %v %v", raw, q, err)
		}
	})
}

func FuzzParseOccasionAndRepeat(f *testing.F) {
	for _, s := range []string{"--05-12", "1980-02-29", "every 3 weeks", "monthly", "13-45"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m, d, y, err := ParseOccasionDate(s); err == nil {
			o := Occasion{Kind: OccasionBirthday, Month: m, Day: d, Year: y, Yearly: true}
			if err := o.Validate(); err != nil {
				t.Fatalf("%q read as %s, which does not validate: %v", s, o.DateText(), err)
			}
			if _, ok := o.Next(on("2026-11-23")); !ok {
				t.Fatalf("%q: a yearly occasion with no next day", s)
			}
		}
		if u, n, err := ParseRepeat(s); err == nil {
			r := Reminder{Kind: ReminderNote, Start: on("2026-01-15"), Unit: u, Every: n}
			if err := r.Validate(); err != nil {
				t.Fatalf("%q read as %s every %d, which does not validate: %v", s, u, n, err)
			}
			next, _ := r.NextAfter(on("2027-03-04"))
			if r.Repeats() && !next.After(on("2027-03-04")) {
				t.Fatalf("%q: next after 2027-03-04 is %v", s, next)
			}
		}
	})
}
