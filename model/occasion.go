package model

import (
	"fmt"
	"strings"
	"time"
)

// OccasionKind tells a birthday, which address books and phones know as
// such, from any other date a customer cares about.
type OccasionKind string

// The occasion kinds.
const (
	OccasionBirthday OccasionKind = "birthday"
	OccasionOther    OccasionKind = "other" // an anniversary, "mum's birthday", the shop's opening day
)

// Occasion is a date that matters to a customer: their birthday, or any
// named date, every year or once. It becomes a reason on Today a number
// of days before (Settings.OccasionDays), so that a card can be posted in
// time.
type Occasion struct {
	ID         int64
	CustomerID int64
	Kind       OccasionKind
	Name       string // "Mum's birthday"; a birthday may leave it empty
	Month      time.Month
	Day        int
	// Year is the year of the date: a birthday's birth year (0 when not
	// known), a yearly occasion's first year, a one-off occasion's year.
	Year   int
	Yearly bool
	Note   string
}

// Title names the occasion: its name, or "Birthday".
func (o *Occasion) Title() string {
	if n := strings.TrimSpace(o.Name); n != "" {
		return n
	}
	if o.Kind == OccasionBirthday {
		return "Birthday"
	}
	return "Occasion"
}

// Normalize trims the text and makes a birthday yearly.
func (o *Occasion) Normalize() {
	o.Name = strings.Join(strings.Fields(o.Name), " ")
	o.Note = strings.TrimSpace(o.Note)
	if o.Kind == "" {
		o.Kind = OccasionOther
	}
	if o.Kind == OccasionBirthday {
		o.Yearly = true
	}
}

// Validate checks the date and the text.
func (o *Occasion) Validate() error {
	var es Errors
	if o.Kind != OccasionBirthday && o.Kind != OccasionOther {
		es.add("kind", Invalid("kind", "%q is not birthday or other", o.Kind))
	}
	if o.Kind != OccasionBirthday && strings.TrimSpace(o.Name) == "" {
		es.add("name", Invalid("name", "says what the occasion is"))
	}
	es.add("name", maxLen(o.Name, maxLine))
	es.add("note", maxLen(o.Note, maxText))
	year := o.Year
	if year == 0 {
		year = 2000 // a leap year: the 29th of February is a date
	}
	switch {
	case o.Month < 1 || o.Month > 12:
		es.add("date", Invalid("date", "month %d is not between 1 and 12", o.Month))
	case o.Day < 1 || time.Date(year, o.Month, o.Day, 0, 0, 0, 0, time.UTC).Day() != o.Day:
		es.add("date", Invalid("date", "%s is not a day on the calendar", o.DateText()))
	case o.Year < 0 || o.Year > 9999:
		es.add("date", Invalid("date", "the year %d is not a year", o.Year))
	case !o.Yearly && o.Year == 0:
		es.add("date", Invalid("date", "an occasion that happens once needs its year"))
	}
	return es.err()
}

// DateText writes the occasion's date: YYYY-MM-DD, or --MM-DD when the
// year is not known (as vCard writes a birthday without one).
func (o *Occasion) DateText() string {
	if o.Year == 0 {
		return fmt.Sprintf("--%02d-%02d", int(o.Month), o.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", o.Year, int(o.Month), o.Day)
}

// ParseOccasionDate reads YYYY-MM-DD, --MM-DD or MM-DD (no year).
func ParseOccasionDate(s string) (month time.Month, day, year int, err error) {
	in := s
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "--")
	var parts []string
	if len(s) == len("01-02") {
		parts = []string{"0", s[:2], s[3:]}
		if s[2] != '-' {
			parts = nil
		}
	} else if len(s) == len(DateLayout) && s[4] == '-' && s[7] == '-' {
		parts = []string{s[:4], s[5:7], s[8:]}
	}
	if parts == nil {
		return 0, 0, 0, Invalid("date", "%q is not a date (YYYY-MM-DD, or MM-DD without the year)", in)
	}
	var n [3]int
	for i, p := range parts {
		for _, r := range p {
			if r < '0' || r > '9' {
				return 0, 0, 0, Invalid("date", "%q is not a date (YYYY-MM-DD, or MM-DD without the year)", in)
			}
			n[i] = n[i]*10 + int(r-'0')
		}
	}
	o := Occasion{Month: time.Month(n[1]), Day: n[2], Year: n[0], Yearly: true, Kind: OccasionBirthday}
	if err := o.Validate(); err != nil {
		return 0, 0, 0, err
	}
	return o.Month, o.Day, o.Year, nil
}

// dateIn is the occasion's day in year y: the 29th of February falls on
// the 28th in a year without one.
func (o *Occasion) dateIn(y int) time.Time {
	d := o.Day
	if o.Month == time.February && d == 29 && !isLeap(y) {
		d = 28
	}
	return time.Date(y, o.Month, d, 0, 0, 0, 0, time.UTC)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// Next is the occasion's first day on or after the day of t; ok is false
// when there is none (a one-off occasion that has passed, a yearly one
// whose first year is still to come beyond next year is fine: its first
// day).
func (o *Occasion) Next(t time.Time) (time.Time, bool) {
	d := Day(t)
	if !o.Yearly {
		on := o.dateIn(o.Year)
		return on, !on.Before(d)
	}
	y := d.Year()
	if o.Year > y {
		y = o.Year
	}
	on := o.dateIn(y)
	if on.Before(d) {
		on = o.dateIn(y + 1)
	}
	return on, true
}

// Age is how old a birthday's customer turns on day on; 0 when the birth
// year is not known or the occasion is not a birthday.
func (o *Occasion) Age(on time.Time) int {
	if o.Kind != OccasionBirthday || o.Year == 0 || on.Year() <= o.Year {
		return 0
	}
	return on.Year() - o.Year
}

// OccasionWindow is the days whose occasions are due on Today: today and
// the next days ahead. Each key is a month and day an occasion may be
// kept under, with the year and how far ahead it falls; the 29th of
// February is looked for on the 28th in a year without one. The store
// reads the occasions of these keys through an index, nearest first.
type OccasionKey struct {
	Month  time.Month
	Day    int
	Year   int
	Ahead  int       // days from today
	DueDay time.Time // the day the occasion's reason starts: the date less the days ahead setting
}

// OccasionWindow lists the keys of today and the days ahead, nearest
// first.
func OccasionWindow(today time.Time, ahead int) []OccasionKey {
	d := Day(today)
	var out []OccasionKey
	for i := 0; i <= ahead; i++ {
		on := d.AddDate(0, 0, i)
		due := on.AddDate(0, 0, -ahead)
		out = append(out, OccasionKey{Month: on.Month(), Day: on.Day(), Year: on.Year(), Ahead: i, DueDay: due})
		if on.Month() == time.February && on.Day() == 28 && !isLeap(on.Year()) {
			out = append(out, OccasionKey{Month: time.February, Day: 29, Year: on.Year(), Ahead: i, DueDay: due})
		}
	}
	return out
}
