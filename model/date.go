package model

import (
	"fmt"
	"strings"
	"time"
)

// Dates are stored as ISO-8601 text. Times are wall-clock times with no zone:
// what the owner's clock showed. In Go they are time.Time values in UTC that
// carry that wall clock, so day arithmetic never meets a DST change.
const (
	DateLayout     = "2006-01-02"
	DateTimeLayout = "2006-01-02 15:04:05"
)

// WallClock returns t's wall-clock reading as a naive UTC time: the form every
// time in the domain takes. Pass time.Now() through it to get "now".
func WallClock(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
}

// Day truncates t to midnight of its day.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysBetween returns the number of calendar days from a to b: 1 from any
// time yesterday to any time today; negative when b is before a.
func DaysBetween(a, b time.Time) int {
	return int(Day(b).Sub(Day(a)).Hours() / 24)
}

// AddDays returns the day n days after t's day.
func AddDays(t time.Time, n int) time.Time { return Day(t).AddDate(0, 0, n) }

// FormatDate writes t as YYYY-MM-DD; the zero time is "".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// FormatDateTime writes t as YYYY-MM-DD HH:MM:SS; the zero time is "".
func FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateTimeLayout)
}

// ParseDate reads a day as a person types it, in a book whose dates are
// written year first (DateOrderISO.Parse).
func ParseDate(s string, now time.Time) (time.Time, error) { return DateOrderISO.Parse(s, now) }

// FormatDate writes t in the order: 2026-12-24, 24/12/2026 or 12/24/2026;
// the zero time is "". Every order writes a day in ten columns.
func (o DateOrder) FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	switch o {
	case DateOrderDMY:
		return t.Format("02/01/2006")
	case DateOrderMDY:
		return t.Format("01/02/2006")
	}
	return t.Format(DateLayout)
}

// Layout names the order's fields for a placeholder: "DD/MM/YYYY".
func (o DateOrder) Layout() string {
	switch o {
	case DateOrderDMY:
		return "DD/MM/YYYY"
	case DateOrderMDY:
		return "MM/DD/YYYY"
	}
	return "YYYY-MM-DD"
}

// Example is how the order asks for a date in a message: "24/12/2026".
func (o DateOrder) Example() string {
	return o.FormatDate(time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC))
}

// Parse reads a day as a person types it, where today is the day of now:
//
//   - YYYY-MM-DD, whatever the order;
//   - day and month with slashes, dots or dashes and the year last, in the
//     order's order (24/12/2026, 24.12.26; 24/12 is this year's); in the
//     ISO order, only a date that reads one way (24/12/2026, not
//     03/04/2026);
//   - today, yesterday, tomorrow; +N or -N days, +2w weeks, -1m months;
//   - a weekday ("fri", "Friday"): the next one after today; "last fri"
//     the one before.
//
// Errors say what was typed and what would read, without naming the
// field: callers name it. An empty string is an error; callers with
// optional dates check for "" first.
func (o DateOrder) Parse(s string, now time.Time) (time.Time, error) {
	in := s
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch s {
	case "":
		return time.Time{}, fmt.Errorf("no day given (type %s, today, +7 or fri)", o.Example())
	case "today":
		return Day(now), nil
	case "yesterday":
		return AddDays(now, -1), nil
	case "tomorrow":
		return AddDays(now, 1), nil
	}
	if s[0] == '+' || s[0] == '-' {
		return o.relativeDate(in, s, now)
	}
	if d, ok := weekday(s, now); ok {
		return d, nil
	}
	var t time.Time
	var err error
	if len(s) == len(DateLayout) && s[4] == '-' && s[7] == '-' {
		if t, err = time.Parse(DateLayout, s); err != nil {
			return time.Time{}, fmt.Errorf("%q is not a day on the calendar", in)
		}
	} else if t, err = o.parseDayMonth(in, s, now); err != nil {
		return time.Time{}, err
	}
	if t.Year() < 1900 || t.Year() > 2999 {
		return time.Time{}, fmt.Errorf("%q is out of range", in)
	}
	return t, nil
}

// notADate is the error for text that reads as no date at all.
func (o DateOrder) notADate(in string) error {
	return fmt.Errorf("%q is not a date: type %s, today, +7 or fri", in, o.Example())
}

// parseDayMonth reads day and month with the year last (or left out) in
// the order's order.
func (o DateOrder) parseDayMonth(in, s string, now time.Time) (time.Time, error) {
	i := strings.IndexAny(s, "/.-")
	if i < 0 {
		return time.Time{}, o.notADate(in)
	}
	parts := strings.Split(s, s[i:i+1]) // one separator throughout
	if len(parts) < 2 || len(parts) > 3 {
		return time.Time{}, o.notADate(in)
	}
	nums := make([]int, 3)
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 || len(p) > 2 && i < 2 {
			return time.Time{}, o.notADate(in)
		}
		for _, r := range p {
			if r < '0' || r > '9' {
				return time.Time{}, o.notADate(in)
			}
			nums[i] = nums[i]*10 + int(r-'0')
		}
	}
	year := now.Year()
	if len(parts) == 3 {
		switch year = nums[2]; len(parts[2]) {
		case 2:
			year += 2000
		case 4:
		default:
			return time.Time{}, o.notADate(in)
		}
	}
	dayFirst := o == DateOrderDMY
	if o != DateOrderDMY && o != DateOrderMDY {
		// The ISO order takes a date that reads one way only.
		switch {
		case nums[0] > 12 && nums[1] <= 12:
			dayFirst = true
		case nums[1] > 12 && nums[0] <= 12:
		case nums[0] == nums[1]:
		default:
			return time.Time{}, fmt.Errorf("%q reads two ways: type it year first (%s), or set how dates are "+
				"written in Settings", in, DateOrderISO.Example())
		}
	}
	d, m := nums[1], nums[0]
	if dayFirst {
		d, m = nums[0], nums[1]
	}
	t := time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return time.Time{}, fmt.Errorf("%q is not a day on the calendar", in)
	}
	return t, nil
}

// weekdays name the days of the week as people type them, Sunday first.
var weekdays = [7][]string{{"sun", "sunday"}, {"mon", "monday"}, {"tue", "tues", "tuesday"},
	{"wed", "wednesday"}, {"thu", "thur", "thurs", "thursday"}, {"fri", "friday"}, {"sat", "saturday"}}

// weekday reads "fri", "next fri" (the next Friday after today) and "last
// fri" (the one before).
func weekday(s string, now time.Time) (time.Time, bool) {
	back := false
	if rest, ok := strings.CutPrefix(s, "last "); ok {
		s, back = rest, true
	} else {
		s = strings.TrimPrefix(s, "next ")
	}
	for wd, names := range weekdays {
		for _, n := range names {
			if s != n {
				continue
			}
			if back {
				return AddDays(now, -daysFrom(wd, int(now.Weekday()))), true
			}
			return AddDays(now, daysFrom(int(now.Weekday()), wd)), true
		}
	}
	return time.Time{}, false
}

// daysFrom is how many days (1 to 7) from weekday a to the next weekday b.
func daysFrom(a, b int) int {
	if n := (b - a + 7) % 7; n > 0 {
		return n
	}
	return 7
}

// relativeDate reads "+7", "+2w", "-1m": days, weeks or months from now.
func (o DateOrder) relativeDate(in, s string, now time.Time) (time.Time, error) {
	num, unit := s[1:], byte('d')
	if n := len(num); n > 0 && (num[n-1] == 'd' || num[n-1] == 'w' || num[n-1] == 'm') {
		num, unit = num[:n-1], num[n-1]
	}
	n := 0
	for _, r := range num {
		if r < '0' || r > '9' || n > 36500 {
			return time.Time{}, o.notADate(in)
		}
		n = n*10 + int(r-'0')
	}
	if num == "" || n > 36500 {
		return time.Time{}, o.notADate(in)
	}
	if s[0] == '-' {
		n = -n
	}
	switch unit {
	case 'w':
		return AddDays(now, 7*n), nil
	case 'm':
		return Day(now).AddDate(0, n, 0), nil
	}
	return AddDays(now, n), nil
}

// dateTimeLayouts are the forms ParseDateTime accepts, longest first.
var dateTimeLayouts = []string{
	DateTimeLayout, "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", DateLayout,
}

// ParseDateTime reads a stored or imported time: YYYY-MM-DD HH:MM:SS (a T
// may stand for the space; seconds and the time itself may be left out).
// A time may end with an offset in any of ISO 8601's forms (Z, +00:00,
// +0000, +00, -05:00), read alike: the time is kept as the clock showed
// it and the offset set aside, as the importer does (store/importer's
// clock), so that Z and +00:00 never read differently.
func ParseDateTime(s string) (time.Time, error) {
	in := s
	s, zone := cutZone(strings.TrimSpace(s))
	if zone != "" && len(s) <= len(DateLayout) {
		return time.Time{}, fmt.Errorf("time %q has an offset but no time of day", in)
	}
	shaped := false
	for _, layout := range dateTimeLayouts {
		if len(s) != len(layout) || (len(s) > 10 && s[10] != layout[10]) {
			continue
		}
		shaped = true
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if t.Year() < 1900 || t.Year() > 2999 {
			return time.Time{}, fmt.Errorf("time %q is out of range", in)
		}
		return t, nil
	}
	if shaped {
		return time.Time{}, fmt.Errorf("time %q is not a real date and time", in)
	}
	return time.Time{}, fmt.Errorf("time %q is not a date and time (use YYYY-MM-DD HH:MM)", in)
}

// cutZone splits a time's zone designator from its end: Z, or a sign and
// digits (with a colon) after the date; a space before it goes too.
func cutZone(s string) (rest, zone string) {
	if strings.HasSuffix(s, "Z") {
		return strings.TrimSpace(s[:len(s)-1]), "Z"
	}
	if i := strings.LastIndexAny(s, "+-"); i > len(DateLayout) {
		z, digits := s[i:], strings.ReplaceAll(s[i+1:], ":", "")
		if strings.Trim(digits, "0123456789") == "" && (len(digits) == 2 || len(digits) == 4) {
			return strings.TrimSpace(s[:i]), z
		}
	}
	return s, ""
}
