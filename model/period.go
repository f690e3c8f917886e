package model

import (
	"fmt"
	"time"
)

// PeriodKind names the ways the owner picks a period on the Profit screen.
type PeriodKind int

// The period kinds, in the order the picker offers them.
const (
	PeriodThisMonth PeriodKind = iota
	PeriodLast12Months
	PeriodYearToDate
	PeriodYear // a calendar year
	PeriodAllTime
	PeriodCustom
)

// PeriodKinds lists every kind, in the picker's order.
var PeriodKinds = []PeriodKind{PeriodThisMonth, PeriodLast12Months, PeriodYearToDate, PeriodYear,
	PeriodAllTime, PeriodCustom}

func (k PeriodKind) String() string {
	switch k {
	case PeriodThisMonth:
		return "this month"
	case PeriodLast12Months:
		return "last 12 months"
	case PeriodYearToDate:
		return "year to date"
	case PeriodYear:
		return "calendar year"
	case PeriodAllTime:
		return "all time"
	}
	return "custom"
}

// Period is the days from From to To, both included. A zero From means
// since the first record and a zero To up to the last: all time is the
// zero Period with Kind PeriodAllTime.
type Period struct {
	Kind     PeriodKind
	From, To time.Time
}

// AllTime is every record there is.
func AllTime() Period { return Period{Kind: PeriodAllTime} }

// ThisMonth runs from the first of today's month to today.
func ThisMonth(today time.Time) Period {
	d := Day(today)
	return Period{Kind: PeriodThisMonth, From: d.AddDate(0, 0, 1-d.Day()), To: d}
}

// Last12Months is the twelve months up to today: on 7 Dec 2026 from
// 8 Dec 2025 to 7 Dec 2026 (a year to the day, the day a year ago left
// out). It is not the calendar months to date: in December those would
// start on 1 January and be the year to date again. On 29 February it
// starts on 1 March of the year before.
func Last12Months(today time.Time) Period {
	d := Day(today)
	ago := time.Date(d.Year()-1, d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	if ago.Month() != d.Month() { // 29 February: a year ago is the 28th
		ago = ago.AddDate(0, 0, -ago.Day())
	}
	return Period{Kind: PeriodLast12Months, From: ago.AddDate(0, 0, 1), To: d}
}

// YearToDate runs from the first of January to today.
func YearToDate(today time.Time) Period {
	d := Day(today)
	return Period{Kind: PeriodYearToDate, From: time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC), To: d}
}

// CalendarYear is the whole of year y.
func CalendarYear(y int) Period {
	return Period{Kind: PeriodYear, From: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC),
		To: time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)}
}

// CustomPeriod is the days from from to to, either open when zero. It
// refuses a period that ends before it starts.
func CustomPeriod(from, to time.Time) (Period, error) {
	p := Period{Kind: PeriodCustom, From: dayOrZero(from), To: dayOrZero(to)}
	if !p.From.IsZero() && !p.To.IsZero() && p.To.Before(p.From) {
		return Period{}, Invalid("to", "%s is before the start, %s", FormatDate(p.To), FormatDate(p.From))
	}
	if p.From.IsZero() && p.To.IsZero() {
		p.Kind = PeriodAllTime
	}
	return p, nil
}

func dayOrZero(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return Day(t)
}

// PeriodOf returns the period of kind k on today; PeriodYear is the
// calendar year before today's (the last whole one) and PeriodCustom,
// which needs dates, is all time.
func PeriodOf(k PeriodKind, today time.Time) Period {
	switch k {
	case PeriodThisMonth:
		return ThisMonth(today)
	case PeriodLast12Months:
		return Last12Months(today)
	case PeriodYearToDate:
		return YearToDate(today)
	case PeriodYear:
		return CalendarYear(today.Year() - 1)
	}
	return AllTime()
}

// Same reports whether p and o are the same days, named alike.
func (p Period) Same(o Period) bool {
	return p.Kind == o.Kind && p.From.Equal(o.From) && p.To.Equal(o.To)
}

// Contains reports whether t falls on one of the period's days.
func (p Period) Contains(t time.Time) bool {
	d := Day(t)
	return (p.From.IsZero() || !d.Before(p.From)) && (p.To.IsZero() || !d.After(p.To))
}

// End is the day the period's figures are taken as of: its last day, or
// today when it runs on.
func (p Period) End(today time.Time) time.Time {
	if p.To.IsZero() {
		return Day(today)
	}
	return p.To
}

// Span writes the period's days for a person: "1 Dec 2025 – 23 Nov 2026",
// "since 1 Mar 2024", "until 31 Dec 2025" or "all time".
func (p Period) Span() string {
	switch {
	case p.From.IsZero() && p.To.IsZero():
		return "all time"
	case p.From.IsZero():
		return "until " + longDay(p.To)
	case p.To.IsZero():
		return "since " + longDay(p.From)
	}
	return longDay(p.From) + " – " + longDay(p.To)
}

// String names the period with its days: "last 12 months (1 Dec 2025 –
// 23 Nov 2026)", "2025", "all time".
func (p Period) String() string {
	label := p.Label()
	if label == p.Kind.String() && p.Kind != PeriodAllTime { // a kind that moves with today: say its days
		return label + " (" + p.Span() + ")"
	}
	return label
}

// Label names the period shortly, for a line that shows figures over
// it: "last 12 months", "2025", "all time", "1 Mar 2026 – 31 Mar 2026".
func (p Period) Label() string {
	switch {
	case p.From.IsZero() && p.To.IsZero():
		return "all time"
	case p.Kind == PeriodYear:
		return fmt.Sprint(p.From.Year())
	case p.Kind == PeriodCustom:
		return p.Span()
	}
	return p.Kind.String()
}

func longDay(t time.Time) string { return t.Format("2 Jan 2006") }

// Months lists the first day of every month the period touches, from
// first to last; an open end is taken from the records' own first and last
// day (first, last; zero when there are none).
func (p Period) Months(first, last time.Time) []time.Time {
	from, to := p.From, p.To
	if from.IsZero() {
		from = first
	}
	if to.IsZero() {
		to = last
	}
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return nil
	}
	var out []time.Time
	m := MonthOf(from)
	for end := MonthOf(to); !m.After(end); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return out
}

// MonthOf returns the first day of t's month.
func MonthOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
