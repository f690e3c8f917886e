package calendarexport_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"clientele/model"
	"clientele/store"
	"clientele/store/calendarexport"
)

var now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse(model.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// book holds a reminder of every kind, occasions and payments, with
// hostile text in the names and notes.
func book(t *testing.T) (*store.DB, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	t.Cleanup(func() { db.Close() })
	ada := model.Customer{Name: "Ada Lovelace, Countess; of \\ Analytics", NextReview: day("2026-11-30"),
		Occasions: []model.Occasion{{Kind: model.OccasionBirthday, Month: 2, Day: 29},
			{Name: "Wedding", Month: 6, Day: 6, Year: 2027, Note: "Send a card\r\nto both"}},
		Reminders: []model.Reminder{
			{Start: day("2026-11-02"), Unit: model.RepeatWeek, Every: 2, Note: "Ring about the shelf, the till; the sign\nthen the van"},
			{Start: day("2026-01-15"), Unit: model.RepeatMonth, Every: 1, Note: "Refill \x1b]0;pwned\x07"},
			{Start: day("2025-03-01"), Unit: model.RepeatYear, Every: 1, Note: "Shop anniversary"},
			{Start: day("2026-12-24"), Note: strings.Repeat("A long note with 李雷 and ✓ in it. ", 6)}}}
	ben := model.Customer{Name: "Ben", Occasions: []model.Occasion{{Kind: model.OccasionBirthday, Month: 5, Day: 12, Year: 1980}},
		Reminders: []model.Reminder{{Start: day("2026-01-01"), Note: "Answered long ago"}}}
	gone := model.Customer{Name: "Gone", NextReview: day("2026-12-01")}
	for _, c := range []*model.Customer{&ada, &ben, &gone} {
		if err := db.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AddTouch(ctx, &model.Touch{CustomerID: ben.ID, At: day("2026-02-01"), Summary: "call"}); err != nil {
		t.Fatal(err)
	}
	if err := db.ArchiveCustomer(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	unpaid := model.Order{CustomerID: ada.ID, OrderedAt: day("2026-10-01"), Kind: model.OrderSale,
		PaymentDue: day("2026-10-31"), Lines: []model.OrderLine{model.NewLine("Trade case", 2, 4500, 0)}}
	paid := model.Order{CustomerID: ben.ID, OrderedAt: day("2026-10-01"), Kind: model.OrderSale,
		PaymentDue: day("2026-10-31"), PaidOn: day("2026-10-20"), Lines: []model.OrderLine{model.NewLine("Soap", 1, 450, 0)}}
	for _, o := range []*model.Order{&unpaid, &paid} {
		if err := db.CreateOrder(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	c, _ := db.Customer(ctx, ada.ID)
	ids := map[string]int64{"unpaid": unpaid.ID}
	for _, r := range c.Reminders {
		ids[string(r.Unit)+"-reminder"] = r.ID
	}
	for _, o := range c.Occasions {
		ids[o.Title()] = o.ID
	}
	return db, ids
}

func export(t *testing.T, db *store.DB, at time.Time) string {
	t.Helper()
	var b bytes.Buffer
	if err := calendarexport.Write(context.Background(), &b, db, at); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// unfold checks the raw lines (CRLF, 75 octets, whole characters, no
// control character) and returns them unfolded.
func unfold(t *testing.T, raw string) []string {
	t.Helper()
	if !strings.HasSuffix(raw, "\r\n") || strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") {
		t.Error("a line does not end with CRLF")
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("line %d: %d octets, %q", i+1, len(l), l)
		}
		for _, r := range l {
			if r < 0x20 && r != '\t' || r == 0x7f {
				t.Errorf("line %d holds %U", i+1, r)
			}
		}
		if strings.HasPrefix(l, " ") {
			lines[len(lines)-1] += l[1:]
		} else {
			lines = append(lines, l)
		}
	}
	return lines
}

// The calendar reads back through the library's own parser with every
// event, date, rule and text as written; its raw lines are CRLF-ended,
// folded at 75 octets and escaped; a second export keeps every UID.
func TestCalendarRoundTrip(t *testing.T) {
	t.Parallel()
	db, ids := book(t)
	raw := export(t, db, now)
	lines := unfold(t, raw)
	book, err := db.BookID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	type ev struct{ start, summary, rule, description string }
	got := map[string]ev{}
	for _, e := range cal.Events() {
		start, err := e.GetAllDayStartAt()
		if err != nil {
			t.Fatal(err)
		}
		get := func(p ics.ComponentProperty) string {
			if v := e.GetProperty(p); v != nil {
				return v.Value
			}
			return ""
		}
		got[e.Id()] = ev{model.FormatDate(start), ics.FromText(get(ics.ComponentPropertySummary)),
			get(ics.ComponentPropertyRrule), ics.FromText(get(ics.ComponentPropertyDescription))}
	}
	uid := func(kind string, id int64) string {
		return kind + "-" + strconv.FormatInt(id, 10) + "@" + book + ".clientele"
	}
	name := "Ada Lovelace, Countess; of \\ Analytics"
	want := map[string]ev{
		uid("reminder", ids["week-reminder"]): {"2026-11-02", name + ": Ring about the shelf, the till; the sign",
			"FREQ=WEEKLY;INTERVAL=2", "Ring about the shelf, the till; the sign\nthen the van"},
		uid("reminder", ids["month-reminder"]): {"2026-01-15", name + ": Refill ␛]0;pwned␇", "FREQ=MONTHLY",
			"Refill ␛]0;pwned␇"},
		uid("reminder", ids["year-reminder"]): {"2025-03-01", name + ": Shop anniversary", "FREQ=YEARLY", "Shop anniversary"},
		uid("occasion", ids["Birthday"]):      {"2024-02-29", name + "'s birthday", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", ""},
		uid("occasion", ids["Wedding"]):       {"2027-06-06", name + ": Wedding", "", "Send a card\nto both"},
		uid("payment", ids["unpaid"]):         {"2026-10-31", "Payment due: " + name + ", £90.00", "", "Order of 2026-10-01, unpaid."},
	}
	for id, w := range want {
		if g, ok := got[id]; !ok || g != w {
			t.Errorf("%s: %+v, want %+v", id, g, w)
		}
	}
	// Besides those: the follow-up, the long one-off and Ben's birthday;
	// not Ben's answered reminder, the paid order, nor the archived
	// customer's follow-up.
	if len(got) != len(want)+3 {
		var all []string
		for id, e := range got {
			all = append(all, id+" "+e.summary)
		}
		slices.Sort(all)
		t.Errorf("%d events:\n%s", len(got), strings.Join(all, "\n"))
	}
	for _, s := range []string{"Answered long ago", "Soap", "Gone"} {
		if strings.Contains(raw, s) {
			t.Errorf("%q is in the calendar", s)
		}
	}
	// The raw text escapes commas, semicolons, backslashes and line breaks.
	if !slices.Contains(lines, `DESCRIPTION:Ring about the shelf\, the till\; the sign\nthen the van`) {
		t.Errorf("escaping: %q", lines)
	}
	for _, l := range []string{"BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:PUBLISH", "END:VCALENDAR"} {
		if !slices.Contains(lines, l) {
			t.Errorf("no %s", l)
		}
	}
	if !slices.ContainsFunc(lines, func(l string) bool { return l == "DTSTART;VALUE=DATE:20261102" }) {
		t.Error("no all-day start")
	}

	// Exported again later: the same file but for the stamps.
	later := export(t, db, now.Add(26*time.Hour))
	strip := func(s string) string {
		var keep []string
		for _, l := range unfold(t, s) {
			if !strings.HasPrefix(l, "DTSTAMP:") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if strip(later) != strip(raw) {
		t.Errorf("a later export differs beyond its stamps")
	}
}

func TestWriteFileNeverOverTheBook(t *testing.T) {
	t.Parallel()
	db, _ := book(t)
	if err := calendarexport.WriteFile(context.Background(), db.Path(), db, now); err == nil {
		t.Error("the calendar was written over the book")
	}
	path := filepath.Join(t.TempDir(), "c.ics")
	if err := calendarexport.WriteFile(context.Background(), path, db, now); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%v %v", fi, err)
	}
}
