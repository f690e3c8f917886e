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

// ParseDate reads a day as a person types it: YYYY-MM-DD, or "today",
// "yesterday", "tomorrow", or "+N"/"-N" days from today, where today is the
// day of now. An empty string is an error; callers with optional dates check
// for "" first.
func ParseDate(s string, now time.Time) (time.Time, error) {
	in := s
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "":
		return time.Time{}, fmt.Errorf("date is empty (use YYYY-MM-DD)")
	case "today":
		return Day(now), nil
	case "yesterday":
		return AddDays(now, -1), nil
	case "tomorrow":
		return AddDays(now, 1), nil
	}
	if s[0] == '+' || s[0] == '-' {
		return relativeDate(in, s, now)
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		if len(s) == len(DateLayout) && s[4] == '-' && s[7] == '-' {
			return time.Time{}, fmt.Errorf("date %q is not a day on the calendar", in)
		}
		return time.Time{}, fmt.Errorf("date %q is not a date (use YYYY-MM-DD)", in)
	}
	if t.Year() < 1900 || t.Year() > 2999 {
		return time.Time{}, fmt.Errorf("date %q is out of range", in)
	}
	return t, nil
}

// relativeDate reads "+7", "+2w", "-1m": days, weeks or months from now.
func relativeDate(in, s string, now time.Time) (time.Time, error) {
	num, unit := s[1:], byte('d')
	if n := len(num); n > 0 && (num[n-1] == 'd' || num[n-1] == 'w' || num[n-1] == 'm') {
		num, unit = num[:n-1], num[n-1]
	}
	n := 0
	for _, r := range num {
		if r < '0' || r > '9' || n > 36500 {
			return time.Time{}, fmt.Errorf("date %q is not a date (use YYYY-MM-DD, today, or +7 for a week from today)", in)
		}
		n = n*10 + int(r-'0')
	}
	if num == "" || n > 36500 {
		return time.Time{}, fmt.Errorf("date %q is not a date (use YYYY-MM-DD, today, or +7 for a week from today)", in)
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
