package model

import (
	"fmt"
	"strings"
	"time"
)

// ReminderKind tells the follow-up date, the simplest reminder (one day,
// no note, at most one per customer: Customer.NextReview), from the
// others.
type ReminderKind string

// The reminder kinds.
const (
	ReminderFollowUp ReminderKind = "follow-up"
	ReminderNote     ReminderKind = "reminder"
)

// RepeatUnit is how a reminder repeats: not at all, or every so many
// weeks, months or years.
type RepeatUnit string

// The repeat units.
const (
	RepeatOnce  RepeatUnit = ""
	RepeatWeek  RepeatUnit = "week"
	RepeatMonth RepeatUnit = "month"
	RepeatYear  RepeatUnit = "year" // a day of the year
)

// RepeatUnits lists them, once first.
var RepeatUnits = []RepeatUnit{RepeatOnce, RepeatWeek, RepeatMonth, RepeatYear}

// MaxRepeatEvery bounds Every: ten years of weeks.
const MaxRepeatEvery = 520

// Reminder is a dated note about a customer: once, or repeating every N
// weeks, months or years from its first day. Each day it falls on (an
// occurrence) is a reason on Today from that day until the customer is
// next contacted: a contact on or after the day answers it, and the
// reminder then waits for its next occurrence after that contact. Missed
// occurrences do not pile up; one entry says how late the oldest is.
type Reminder struct {
	ID         int64
	CustomerID int64
	Kind       ReminderKind
	Start      time.Time // the first day
	Unit       RepeatUnit
	Every      int // every this many units; 1 when it does not repeat
	Note       string
	// Due is the next occurrence not answered yet, as the store keeps it
	// from the customer's last contact; zero when none is left (a one-off
	// reminder answered). Read only.
	Due time.Time
}

// Repeats reports whether the reminder repeats.
func (r *Reminder) Repeats() bool { return r.Unit != RepeatOnce }

// Normalize trims the note, takes the day of Start and makes Every 1
// where it does not count.
func (r *Reminder) Normalize() {
	r.Note = strings.TrimSpace(r.Note)
	if r.Kind == "" {
		r.Kind = ReminderNote
	}
	if !r.Start.IsZero() {
		r.Start = Day(r.Start)
	}
	if r.Every < 1 || r.Unit == RepeatOnce {
		r.Every = 1
	}
}

// Validate checks the reminder. A monthly reminder starts on a day from
// the 1st to the 28th and a yearly one not on the 29th of February, so
// that every occurrence is a real day and the calendar export repeats it
// the same way.
func (r *Reminder) Validate() error {
	var es Errors
	if r.Kind != ReminderFollowUp && r.Kind != ReminderNote {
		es.add("kind", Invalid("kind", "%q is not follow-up or reminder", r.Kind))
	}
	if r.Start.IsZero() {
		es.add("date", Invalid("date", "is required"))
	}
	switch r.Unit {
	case RepeatOnce, RepeatWeek, RepeatMonth, RepeatYear:
	default:
		es.add("repeat", Invalid("repeat", "%q is not week, month or year", r.Unit))
	}
	if r.Every < 1 || r.Every > MaxRepeatEvery {
		es.add("repeat", Invalid("repeat", "every %d is not between 1 and %d", r.Every, MaxRepeatEvery))
	}
	if r.Kind == ReminderFollowUp && (r.Unit != RepeatOnce || r.Note != "") {
		es.add("repeat", Invalid("repeat", "a follow-up date is one day with no note: make it a reminder"))
	}
	if r.Unit == RepeatMonth && r.Start.Day() > 28 {
		es.add("date", Invalid("date", "a reminder repeating monthly starts on a day from the 1st to the 28th "+
			"(not every month has a %d%s)", r.Start.Day(), ordinalSuffix(r.Start.Day())))
	}
	if r.Unit == RepeatYear && r.Start.Month() == time.February && r.Start.Day() == 29 {
		es.add("date", Invalid("date", "a reminder repeating yearly cannot start on the 29th of February: choose the 28th or the 1st of March"))
	}
	es.add("note", maxLen(r.Note, maxText))
	return es.err()
}

func ordinalSuffix(d int) string {
	switch {
	case d%10 == 1 && d != 11:
		return "st"
	case d%10 == 2 && d != 12:
		return "nd"
	case d%10 == 3 && d != 13:
		return "rd"
	}
	return "th"
}

// occurrence is the reminder's k-th day (k ≥ 0).
func (r *Reminder) occurrence(k int) time.Time {
	s := Day(r.Start)
	switch r.Unit {
	case RepeatWeek:
		return s.AddDate(0, 0, 7*r.Every*k)
	case RepeatMonth:
		return s.AddDate(0, r.Every*k, 0)
	case RepeatYear:
		return s.AddDate(r.Every*k, 0, 0)
	}
	return s
}

// NextAfter is the reminder's first occurrence after the day of answered,
// the day of the last contact (the zero time: never contacted): the
// occurrence still waiting for an answer. ok is false when none is left.
// The store computes the same in SQL (the view reminders_next) to keep
// Due; a test holds the two to one answer.
func (r *Reminder) NextAfter(answered time.Time) (time.Time, bool) {
	s := Day(r.Start)
	if answered.IsZero() || Day(answered).Before(s) {
		return s, true
	}
	t := Day(answered)
	n := max(r.Every, 1)
	var k int
	switch r.Unit {
	case RepeatOnce:
		return time.Time{}, false
	case RepeatWeek:
		k = DaysBetween(s, t)/(7*n) + 1
		return r.occurrence(k), true
	case RepeatMonth:
		months := (t.Year()-s.Year())*12 + int(t.Month()) - int(s.Month())
		k = months / n
	case RepeatYear:
		k = (t.Year() - s.Year()) / n
	}
	if on := r.occurrence(k); on.After(t) {
		return on, true
	}
	return r.occurrence(k + 1), true
}

// RepeatText says how the reminder repeats: "", "every week", "every 2
// months", "every year".
func (r *Reminder) RepeatText() string {
	if r.Unit == RepeatOnce {
		return ""
	}
	if r.Every <= 1 {
		return "every " + string(r.Unit)
	}
	return fmt.Sprintf("every %d %ss", r.Every, r.Unit)
}

// ParseRepeat reads how a person writes a repetition: "" or "once",
// "weekly", "monthly", "yearly", "every 2 weeks", "3 months", "1 year".
func ParseRepeat(s string) (RepeatUnit, int, error) {
	in := s
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch s {
	case "", "once", "never", "no":
		return RepeatOnce, 1, nil
	case "weekly":
		return RepeatWeek, 1, nil
	case "monthly":
		return RepeatMonth, 1, nil
	case "yearly", "annually", "every year":
		return RepeatYear, 1, nil
	}
	s = strings.TrimPrefix(s, "every ")
	n, unit := 1, s
	if num, rest, ok := strings.Cut(s, " "); ok {
		if _, err := fmt.Sscanf(num, "%d", &n); err != nil || fmt.Sprint(n) != num {
			return "", 0, Invalid("repeat", "%q is not a repetition (once, weekly, every 2 weeks, monthly, yearly…)", in)
		}
		unit = rest
	}
	unit = strings.TrimSuffix(unit, "s")
	switch RepeatUnit(unit) {
	case RepeatWeek, RepeatMonth, RepeatYear:
		if n < 1 || n > MaxRepeatEvery {
			return "", 0, Invalid("repeat", "every %d is not between 1 and %d", n, MaxRepeatEvery)
		}
		return RepeatUnit(unit), n, nil
	}
	return "", 0, Invalid("repeat", "%q is not a repetition (once, weekly, every 2 weeks, monthly, yearly…)", in)
}
