package importer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"clientele/model"
)

// Dates in files come as ISO (2026-04-05, 2026-04-05 21:06:21 +0400,
// 2026-04-05T21:06:21Z), with slashes, dots or dashes day or month first
// (05/04/2026, 4/5/26 18:09, 04/01/2022 06:09:53 PDT) or with the month in
// words (Apr 5, 2026; 5 April 2026). A time and a zone may follow; the
// time is kept as written (the wall clock of the business), the zone read
// and set aside. Whether 03/04 is the 3rd of April or the 4th of March is
// decided once per file from all its values (dateSniffer).

// dateParts is a date split into its numbers before the order is known.
type dateParts struct {
	iso     bool // year first
	a, b, y int  // the first two numbers and the year (iso: month a, day b)
	month   int  // from a month name; a is then the day
	clock   time.Duration
}

// monthNames are the English month names and their abbreviations.
var monthNames = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// splitDate reads the shape of a date and time without deciding the order
// of day and month.
func splitDate(s string) (dateParts, error) {
	var p dateParts
	in := strings.TrimSpace(s)
	if in == "" {
		return p, errors.New("the date is empty")
	}
	day, rest := in, ""
	if i := strings.IndexAny(in, " T"); i > 0 && !strings.ContainsAny(in[:i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		day, rest = in[:i], strings.TrimSpace(in[i+1:])
	}
	nums, seps := splitNumbers(day)
	switch {
	case len(nums) == 3 && seps[0] == seps[1] && strings.ContainsRune("/.-", seps[0]) && len(nums[0]) == 4:
		p.iso = true
		p.y, p.a, p.b = atoi(nums[0]), atoi(nums[1]), atoi(nums[2])
	case len(nums) == 3 && seps[0] == seps[1] && strings.ContainsRune("/.-", seps[0]) &&
		(len(nums[2]) == 2 || len(nums[2]) == 4) && len(nums[0]) <= 2 && len(nums[1]) <= 2:
		p.a, p.b, p.y = atoi(nums[0]), atoi(nums[1]), year(nums[2])
	default:
		var ok bool
		if p, rest, ok = wordDate(in); !ok {
			return p, fmt.Errorf("%q is not a date (write it as YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY)", s)
		}
	}
	if p.y < 1900 || p.y > 2999 {
		return p, fmt.Errorf("%q is out of range", s)
	}
	var err error
	if p.clock, err = clock(rest); err != nil {
		return p, fmt.Errorf("%q: %v", s, err)
	}
	return p, nil
}

// splitNumbers splits "05/04/2026" into its digit runs and the characters
// between them; anything else makes it fail (nil).
func splitNumbers(s string) (nums []string, seps []rune) {
	start := 0
	for i, r := range s {
		if r >= '0' && r <= '9' {
			continue
		}
		if i == start {
			return nil, nil
		}
		nums, seps = append(nums, s[start:i]), append(seps, r)
		start = i + 1
	}
	if start >= len(s) {
		return nil, nil
	}
	return append(nums, s[start:]), seps
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// year reads a 2- or 4-digit year: 26 is 2026, 99 is 1999.
func year(s string) int {
	y := atoi(s)
	if len(s) == 2 {
		if y < 70 {
			return 2000 + y
		}
		return 1900 + y
	}
	return y
}

// wordDate reads "Apr 5, 2026", "April 5 2026" and "5 Apr 2026", with a
// time after.
func wordDate(s string) (dateParts, string, bool) {
	f := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(f) < 3 {
		return dateParts{}, "", false
	}
	var p dateParts
	if m, ok := monthOf(f[0]); ok && isNum(f[1], 2) && isNum(f[2], 4) {
		p.month, p.a, p.y = m, atoi(f[1]), atoi(f[2])
	} else if m, ok := monthOf(f[1]); ok && isNum(f[0], 2) && isNum(f[2], 4) {
		p.month, p.a, p.y = m, atoi(f[0]), atoi(f[2])
	} else {
		return p, "", false
	}
	return p, strings.Join(f[3:], " "), true
}

func monthOf(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if m, ok := monthNames[s]; ok {
		return m, true
	}
	if len(s) > 3 {
		if m, ok := monthNames[s[:3]]; ok && strings.HasPrefix(time.Month(m).String(), strings.ToUpper(s[:1])+s[1:]) {
			return m, true
		}
	}
	return 0, false
}

func isNum(s string, max int) bool {
	if s == "" || len(s) > max {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// clock reads "21:06", "21:06:21", "9:06:21 PM", "21:06:21.123" with an
// optional zone after ("+0400", "+04:00", "Z", "PDT", "UTC").
func clock(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	s = strings.TrimSuffix(s, "Z")
	// A zone: the last field when it is letters, or an offset.
	fields := strings.Fields(s)
	if n := len(fields); n > 1 && isZone(fields[n-1]) {
		fields = fields[:n-1]
	}
	s = strings.Join(fields, " ")
	if i := strings.IndexAny(s, "+-"); i > 0 {
		if !isOffset(s[i:]) {
			return 0, fmt.Errorf("%q is not a time zone offset", s[i:])
		}
		s = strings.TrimSpace(s[:i])
	}
	pm, am := strings.HasSuffix(strings.ToUpper(s), "PM"), strings.HasSuffix(strings.ToUpper(s), "AM")
	if pm || am {
		s = strings.TrimSpace(s[:len(s)-2])
	}
	if i := strings.IndexByte(s, '.'); i > 0 && isNum(s[i+1:], 9) {
		s = s[:i]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("%q is not a time", s)
	}
	var v [3]int
	for i, p := range parts {
		if !isNum(p, 2) {
			return 0, fmt.Errorf("%q is not a time", s)
		}
		v[i] = atoi(p)
	}
	if pm || am {
		if v[0] < 1 || v[0] > 12 {
			return 0, fmt.Errorf("%q is not a time", s)
		}
		v[0] %= 12
		if pm {
			v[0] += 12
		}
	}
	if v[0] > 23 || v[1] > 59 || v[2] > 59 {
		return 0, fmt.Errorf("%q is not a time", s)
	}
	return time.Duration(v[0])*time.Hour + time.Duration(v[1])*time.Minute + time.Duration(v[2])*time.Second, nil
}

func isZone(s string) bool {
	if isOffset(s) {
		return true
	}
	if len(s) < 2 || len(s) > 5 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return s != "AM" && s != "PM"
}

// isOffset reads +0400, -04:00, +04.
func isOffset(s string) bool {
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return false
	}
	d := strings.Replace(s[1:], ":", "", 1)
	return isNum(d, 4) && (len(d) == 2 || len(d) == 4)
}

// build makes the time of p with day and month in the order given.
func (p dateParts) build(dayFirst bool) (time.Time, bool) {
	d, m := p.a, p.b
	switch {
	case p.iso:
		m, d = p.a, p.b
	case p.month != 0:
		m, d = p.month, p.a
	case !dayFirst:
		d, m = p.b, p.a
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(p.y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t.Add(p.clock), true
}

// dateOrder is how a file's dates read, as decided from all of them.
type dateOrder struct {
	set      bool
	dayFirst bool
	// eitherWay: every date reads either way, and the order came from
	// what was asked, the platform or the book.
	eitherWay bool
	name      string // "ISO", "D/M/Y", "M/D/Y"
	why       string
}

// dateSniffer gathers what a file's slash dates say about their order.
type dateSniffer struct {
	any, slashes       bool
	dayLine, monthLine int // the first line with a first number above 12 (day first) or a second (month first)
	dayText, monthText string
	isoLine, slashLine int // the first line written year first, and the first with slashes
	isoText, slashText string
}

// add looks at one date value; an unreadable one is an error only later,
// when its row is read, so that it is reported once, in line order.
func (s *dateSniffer) add(v string, line int) {
	if strings.TrimSpace(v) == "" {
		return
	}
	p, err := splitDate(v)
	if err != nil {
		return
	}
	s.any = true
	if p.iso && s.isoLine == 0 {
		s.isoLine, s.isoText = line, v
	}
	if p.iso || p.month != 0 {
		return
	}
	if s.slashLine == 0 {
		s.slashLine, s.slashText = line, v
	}
	s.slashes = true
	if p.a > 12 && s.dayLine == 0 {
		s.dayLine, s.dayText = line, v
	}
	if p.b > 12 && s.monthLine == 0 {
		s.monthLine, s.monthText = line, v
	}
}

// decide settles the file's date order: the values themselves, else what
// the user asked (--date-order), else what the format's platform writes,
// else the book's setting. A file whose values disagree is refused, and
// so is one whose every date reads either way with nothing to decide by.
func (s *dateSniffer) decide(asked, platform, book model.DateOrder, platformName string) (dateOrder, error) {
	switch {
	case !s.any:
		return dateOrder{}, nil
	case !s.slashes:
		return dateOrder{set: true, name: "ISO"}, nil
	case s.isoLine > 0:
		return dateOrder{}, &LineError{Line: max(s.isoLine, s.slashLine), Err: fmt.Errorf("the dates are written "+
			"two ways: %q (line %d) year first, %q (line %d) not: which is the day is not certain", s.isoText,
			s.isoLine, s.slashText, s.slashLine)}
	case s.dayLine > 0 && s.monthLine > 0:
		return dateOrder{}, &LineError{Line: max(s.dayLine, s.monthLine), Err: fmt.Errorf("the dates disagree: %q "+
			"(line %d) puts the day first, %q (line %d) the month", s.dayText, s.dayLine, s.monthText, s.monthLine)}
	case s.dayLine > 0:
		if asked == model.DateOrderMDY {
			return dateOrder{}, &LineError{Line: s.dayLine, Err: fmt.Errorf("%q puts the day first, not the "+
				"month as --date-order says", s.dayText)}
		}
		return dateOrder{set: true, dayFirst: true, name: "D/M/Y",
			why: fmt.Sprintf("%s at line %d has a day above 12", s.dayText, s.dayLine)}, nil
	case s.monthLine > 0:
		if asked == model.DateOrderDMY {
			return dateOrder{}, &LineError{Line: s.monthLine, Err: fmt.Errorf("%q puts the month first, not the "+
				"day as --date-order says", s.monthText)}
		}
		return dateOrder{set: true, name: "M/D/Y",
			why: fmt.Sprintf("%s at line %d has its day second, above 12", s.monthText, s.monthLine)}, nil
	}
	pick := func(o model.DateOrder, why string) dateOrder {
		if o == model.DateOrderDMY {
			return dateOrder{set: true, dayFirst: true, name: "D/M/Y", why: why, eitherWay: true}
		}
		return dateOrder{set: true, name: "M/D/Y", why: why, eitherWay: true}
	}
	switch {
	case asked == model.DateOrderDMY || asked == model.DateOrderMDY:
		return pick(asked, "every date reads either way: --date-order says so"), nil
	case platform != "":
		return pick(platform, "every date reads either way: "+platformName+" writes them so"), nil
	case book == model.DateOrderDMY || book == model.DateOrderMDY:
		return pick(book, "every date reads either way: the book's Date order setting"), nil
	}
	return dateOrder{}, &LineError{Line: 2, Err: fmt.Errorf("%w (is 03/04 the 3rd of April or the 4th of "+
		"March?): say --date-order dmy or mdy, or set Date order in Settings", errEitherWay)}
}

// errEitherWay is a file whose every date reads either way, with nothing
// to say which.
var errEitherWay = errors.New("every date in the file reads either way")

// parse reads one date with the file's order.
func (o dateOrder) parse(s string) (time.Time, error) {
	p, err := splitDate(s)
	if err != nil {
		return time.Time{}, err
	}
	if !p.iso && p.month == 0 && !o.set {
		return time.Time{}, fmt.Errorf("%q: the order of day and month is not known", s)
	}
	if !p.iso && p.month == 0 && o.name == "ISO" {
		return time.Time{}, fmt.Errorf("%q is not written like the file's other dates (YYYY-MM-DD)", s)
	}
	t, ok := p.build(o.dayFirst)
	if !ok {
		return time.Time{}, fmt.Errorf("%q is not a real date (read as %s)", s, o.name)
	}
	return t, nil
}
