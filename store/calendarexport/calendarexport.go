// Package calendarexport writes `clientele export calendar`: follow-ups,
// reminders, occasions and payment due days as an iCalendar file (RFC
// 5545) a phone calendar imports or subscribes to.
//
// It is written with github.com/arran4/golang-ical (v0.3.4), which folds
// lines at 75 octets without splitting a character and escapes text
// values. Two things are done here on top: every line ends with CRLF
// (the library's default on Unix is LF: WithNewLineWindows is passed), and
// text is made inert first (model.PrintableCell: control characters
// visible, a CR a line break), since the library escapes only backslash,
// comma, semicolon and LF.
//
// Every event's UID is built from the book's id and the record's
// (reminder-12, occasion-4, payment-981), so importing a newer export
// updates the events instead of adding them twice. Events are all-day;
// repeating ones carry an RRULE.
package calendarexport

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"clientele/model"
	"clientele/store/exportfile"
)

// Source is what the export reads.
type Source interface {
	EachReminder(ctx context.Context, fn func(model.Reminder) error) error
	EachOccasion(ctx context.Context, fn func(model.Occasion) error) error
	UnpaidOrders(ctx context.Context, customerID int64) ([]model.Order, error)
	CustomerNamesByID(ctx context.Context, ids []int64) (map[int64]string, error)
	Settings(ctx context.Context) (model.Settings, error)
	BookID(ctx context.Context) (string, error)
}

// Write writes the calendar to w; now stamps it (DTSTAMP) and sets the
// year of a birthday whose year is not known.
func Write(ctx context.Context, w io.Writer, src Source, now time.Time) error {
	cal, err := Build(ctx, src, now)
	if err != nil {
		return err
	}
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// WriteFile writes the calendar to path atomically, mode 0600, through
// exportfile.Write (which never writes over a book).
func WriteFile(ctx context.Context, path string, src Source, now time.Time) error {
	return exportfile.Write(path, func(w io.Writer) error { return Write(ctx, w, src, now) })
}

// Build makes the calendar: a reminder's series (a one-off answered since
// is left out), every occasion, every unpaid order's due day.
func Build(ctx context.Context, src Source, now time.Time) (*ics.Calendar, error) {
	s, err := src.Settings(ctx)
	if err != nil {
		return nil, err
	}
	book, err := src.BookID(ctx)
	if err != nil {
		return nil, err
	}
	if book == "" {
		book = "book"
	}
	cal := ics.NewCalendarFor("clientele")
	cal.SetProductId("-//clientele//" + inert(s.BusinessName) + "//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName(inert(s.BusinessName) + ": customers")
	stamp := now.UTC()

	var reminders []model.Reminder
	var occasions []model.Occasion
	if err := src.EachReminder(ctx, func(r model.Reminder) error {
		if r.Repeats() || !r.Due.IsZero() {
			reminders = append(reminders, r)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := src.EachOccasion(ctx, func(o model.Occasion) error {
		occasions = append(occasions, o)
		return nil
	}); err != nil {
		return nil, err
	}
	unpaid, err := src.UnpaidOrders(ctx, 0)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, r := range reminders {
		ids = append(ids, r.CustomerID)
	}
	for _, o := range occasions {
		ids = append(ids, o.CustomerID)
	}
	for _, o := range unpaid {
		ids = append(ids, o.CustomerID)
	}
	names, err := src.CustomerNamesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	name := func(id int64) string {
		if n, ok := names[id]; ok {
			return inert(n)
		}
		return "a customer"
	}
	event := func(kind string, id int64, day time.Time, summary, description string) *ics.VEvent {
		e := cal.AddEvent(fmt.Sprintf("%s-%d@%s.clientele", kind, id, book))
		e.SetDtStampTime(stamp)
		e.SetAllDayStartAt(day)
		e.SetAllDayEndAt(day.AddDate(0, 0, 1))
		e.SetSummary(summary)
		if description != "" {
			e.SetDescription(description)
		}
		e.SetTimeTransparency(ics.TransparencyTransparent)
		e.AddCategory("clientele")
		return e
	}
	for _, r := range reminders {
		summary := "Follow up: " + name(r.CustomerID)
		if r.Kind == model.ReminderNote {
			summary = name(r.CustomerID) + ": " + firstLine(inert(r.Note), "reminder")
		}
		e := event("reminder", r.ID, r.Start, summary, inert(r.Note))
		if rule := reminderRule(r); rule != "" {
			e.AddRrule(rule)
		}
	}
	for _, o := range occasions {
		title := inert(o.Title())
		summary := name(o.CustomerID) + ": " + title
		if o.Kind == model.OccasionBirthday && strings.TrimSpace(o.Name) == "" {
			summary = name(o.CustomerID) + "'s birthday"
		}
		start, rule := occasionStart(o, now)
		e := event("occasion", o.ID, start, summary, inert(o.Note))
		if rule != "" {
			e.AddRrule(rule)
		}
	}
	for _, o := range unpaid {
		summary := fmt.Sprintf("Payment due: %s, %s", name(o.CustomerID), o.Total().Format(s.CurrencySymbol()))
		event("payment", o.ID, o.PaymentDue, summary, fmt.Sprintf("Order of %s, unpaid.", model.FormatDate(o.OrderedAt)))
	}
	return cal, nil
}

// reminderRule is the RRULE of a repeating reminder, "" for a one-off.
func reminderRule(r model.Reminder) string {
	freq := map[model.RepeatUnit]string{model.RepeatWeek: "WEEKLY", model.RepeatMonth: "MONTHLY",
		model.RepeatYear: "YEARLY"}[r.Unit]
	if freq == "" {
		return ""
	}
	if r.Every > 1 {
		return fmt.Sprintf("FREQ=%s;INTERVAL=%d", freq, r.Every)
	}
	return "FREQ=" + freq
}

// occasionStart is an occasion's first day and its RRULE. A yearly
// occasion starts in its year when known (else this year); one on the
// 29th of February falls on the last day of February (BYMONTHDAY=-1), as
// the daily review keeps it on the 28th in other years.
func occasionStart(o model.Occasion, now time.Time) (time.Time, string) {
	y := o.Year
	if y == 0 {
		y = now.Year()
	}
	if !o.Yearly {
		return time.Date(o.Year, o.Month, o.Day, 0, 0, 0, 0, time.UTC), ""
	}
	if o.Month == time.February && o.Day == 29 {
		for !isLeap(y) {
			y--
		}
		return time.Date(y, time.February, 29, 0, 0, 0, 0, time.UTC), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
	}
	return time.Date(y, o.Month, o.Day, 0, 0, 0, 0, time.UTC), "FREQ=YEARLY"
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// inert makes text from the book safe in a calendar: control characters
// visible, every line break a plain LF (which the library escapes).
func inert(s string) string { return model.PrintableCell(strings.TrimSpace(s)) }

// firstLine is the first line of s, cut to 60 characters; otherwise when
// s is empty.
func firstLine(s, otherwise string) string {
	s, _, _ = strings.Cut(s, "\n")
	if s = strings.TrimSpace(s); s == "" {
		return otherwise
	}
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
