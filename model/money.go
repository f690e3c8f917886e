package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an amount in minor units of the business's currency (pence,
// cents). It is signed: refunds and losses are negative. Floats never hold
// money; a line's amount is rounded once, when it is entered, and totals are
// plain sums.
type Money int64

// MaxMoney bounds any single amount the program stores (a price, a unit
// cost, a line's amount and its direct cost, a cost, an acquisition cost,
// the hourly rate): 10^11 minor units, a thousand million in major units.
// Every figure clientele adds up is a sum of such amounts, and int64 holds
// the sum of MaxSummed of them at the bound, so no sum a book can hold
// overflows: a profit is revenue less direct cost less cost to serve less
// acquisition, at most one term per stored row.
const MaxMoney Money = 100_000_000_000

// MaxSummed is how many amounts at MaxMoney an int64 sum holds: about 92
// million rows, far beyond a solo business's lifetime of orders, lines and
// costs (the benchmark book has a million lines).
const MaxSummed = math.MaxInt64 / int64(MaxMoney)

// MaxQuantity bounds a line's quantity either way: a million units.
const MaxQuantity = 1_000_000

// checkAmount says what is wrong with an amount of field: below zero when
// negative amounts do not apply, or beyond MaxMoney either way.
func checkAmount(field string, m Money, negative bool) error {
	if p := amountProblem(m, negative); p != "" {
		return Invalid(field, "%s", p)
	}
	return nil
}

// amountProblem is checkAmount's complaint in words, "" for none.
func amountProblem(m Money, negative bool) string {
	switch {
	case m < 0 && !negative:
		return m.String() + " is below zero"
	case m > MaxMoney || m < -MaxMoney:
		return m.String() + " is more than " + MaxMoney.String() + ", the most clientele keeps in one amount"
	}
	return ""
}

// maxScale is the most decimal places a parsed price may carry (unit prices
// of bulk goods are quoted to 1/1000 of a pound).
const maxScale = 6

// Decimal is an exact decimal number: Units × 10^-Scale. Unit prices with
// more places than the currency has (0.085) are parsed into a Decimal and
// rounded once, when multiplied into a line amount.
type Decimal struct {
	Units int64
	Scale int
}

// ParseMoney parses what a person or a CSV file writes for an amount:
// "12.50", "1,234.56", "-3", "£12.50", "-£3", "(12.50)" for a negative. It
// rejects anything it would have to guess at, quoting the input: "12.5.0",
// "1e5", "12,5O", "12,50", more than two decimals, and amounts beyond
// MaxMoney.
func ParseMoney(s string) (Money, error) {
	d, err := ParseDecimal(s)
	if err != nil {
		return 0, err
	}
	if d.Scale > 2 {
		return 0, fmt.Errorf("amount %q has more than 2 decimals", s)
	}
	return d.Round(), nil
}

// ParseDecimal parses an amount like ParseMoney but keeps up to six decimal
// places exactly.
func ParseDecimal(s string) (Decimal, error) {
	in := s
	s = strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg = true
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		if neg {
			return Decimal{}, fmt.Errorf("amount %q has two minus signs", in)
		}
		neg = true
		_, size := firstRune(s)
		s = strings.TrimSpace(s[size:])
	} else if strings.HasPrefix(s, "+") {
		s = strings.TrimSpace(s[1:])
	}
	s = trimCurrency(s)
	if strings.HasPrefix(s, "-") {
		if neg {
			return Decimal{}, fmt.Errorf("amount %q has two minus signs", in)
		}
		neg = true
		s = strings.TrimSpace(s[1:])
	}
	if s == "" {
		return Decimal{}, fmt.Errorf("amount %q is empty", in)
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if hasDot && strings.Contains(frac, ".") {
		return Decimal{}, fmt.Errorf("amount %q has more than one decimal point", in)
	}
	if hasDot && frac == "" && intPart == "" {
		return Decimal{}, fmt.Errorf("amount %q is not a number", in)
	}
	digits, err := thousands(intPart)
	if err != nil {
		return Decimal{}, fmt.Errorf("amount %q %s", in, err)
	}
	for _, r := range frac {
		if r < '0' || r > '9' {
			return Decimal{}, fmt.Errorf("amount %q is not a number", in)
		}
	}
	if len(frac) > maxScale {
		return Decimal{}, fmt.Errorf("amount %q has more than %d decimals", in, maxScale)
	}
	if digits == "" {
		digits = "0"
	}
	units, err := strconv.ParseInt(digits+frac, 10, 64)
	if err != nil || tooLarge(units, len(frac)) {
		return Decimal{}, fmt.Errorf("amount %q is too large", in)
	}
	if neg {
		units = -units
	}
	return Decimal{Units: units, Scale: len(frac)}, nil
}

// tooLarge reports whether units × 10^-scale exceeds MaxMoney in minor units.
func tooLarge(units int64, scale int) bool {
	if scale < 2 {
		return units > int64(MaxMoney)/pow10(2-scale)
	}
	return units/pow10(scale-2) > int64(MaxMoney)
}

// thousands strips valid thousands separators from the integer part of an
// amount and checks that only digits remain.
func thousands(s string) (string, error) {
	if !strings.Contains(s, ",") {
		for _, r := range s {
			if r < '0' || r > '9' {
				return "", fmt.Errorf("is not a number")
			}
		}
		return s, nil
	}
	groups := strings.Split(s, ",")
	for i, g := range groups {
		for _, r := range g {
			if r < '0' || r > '9' {
				return "", fmt.Errorf("is not a number")
			}
		}
		if (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return "", fmt.Errorf("has a comma that does not separate thousands (use a dot for decimals)")
		}
	}
	return strings.Join(groups, ""), nil
}

var currencyPrefixes = []string{"£", "$", "€", "¥", "GBP", "USD", "EUR", "CAD", "AUD", "NZD", "CHF"}

func trimCurrency(s string) string {
	// Each of them begins and ends with a symbol or a letter: a figure
	// that begins and ends with a digit (nearly all) has none to trim.
	if len(s) > 0 && isDigit(s[0]) && isDigit(s[len(s)-1]) {
		return s
	}
	for _, p := range currencyPrefixes {
		if strings.HasPrefix(s, p) {
			return strings.TrimSpace(s[len(p):])
		}
	}
	for _, p := range currencyPrefixes {
		if strings.HasSuffix(s, p) {
			return strings.TrimSpace(s[:len(s)-len(p)])
		}
	}
	return s
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// Round returns d in minor units (two places), rounding half away from zero.
func (d Decimal) Round() Money {
	return Money(roundDiv(d.Units, d.Scale-2))
}

// Times returns quantity × d in minor units, rounded once, half away from
// zero: the amount of an order line. ok is false when the product would
// overflow MaxMoney.
func (d Decimal) Times(quantity int64) (m Money, ok bool) {
	if quantity != 0 && (d.Units > math.MaxInt64/abs64(quantity) || d.Units < -math.MaxInt64/abs64(quantity)) {
		return 0, false
	}
	m = Money(roundDiv(d.Units*quantity, d.Scale-2))
	if m > MaxMoney || m < -MaxMoney {
		return 0, false
	}
	return m, true
}

// String writes d back as a plain decimal ("0.085").
func (d Decimal) String() string {
	return formatUnits(d.Units, d.Scale)
}

// roundDiv divides v by 10^places rounding half away from zero; a negative
// places multiplies.
func roundDiv(v int64, places int) int64 {
	if places <= 0 {
		return v * pow10(-places)
	}
	p := pow10(places)
	q, r := v/p, v%p
	if abs64(r)*2 >= p {
		if v < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// DivRound returns a/b rounded half away from zero; b must be positive.
func DivRound(a, b int64) int64 {
	q, r := a/b, a%b
	if abs64(r)*2 >= b {
		if a < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// Decimal returns m as a plain decimal with two places and no symbol or
// thousands separator ("-5391.21"): the form CSV and JSON exports use.
func (m Money) Decimal() string { return formatUnits(int64(m), 2) }

// AppendDecimal appends m as Decimal writes it to b.
func (m Money) AppendDecimal(b []byte) []byte { return appendUnits(b, int64(m), 2) }

// String formats m with thousands separators and no symbol ("1,234.56").
func (m Money) String() string { return m.Format("") }

// Format writes m for a person: symbol, thousands separators, two
// decimals, a leading minus for negatives ("-£1,240.00").
func (m Money) Format(symbol string) string {
	v := int64(m)
	sign := ""
	if v < 0 {
		sign = "-"
		v = -v
	}
	var b strings.Builder
	b.WriteString(sign)
	b.WriteString(symbol)
	writeCommas(&b, v/100)
	fmt.Fprintf(&b, ".%02d", v%100)
	return b.String()
}

// Short formats m rounded to whole major units ("£1,241"), for narrow
// columns and chart labels.
func (m Money) Short(symbol string) string {
	s := Money(roundDiv(int64(m), 2) * 100).Format(symbol)
	return strings.TrimSuffix(s, ".00")
}

func formatUnits(v int64, scale int) string {
	var buf [32]byte
	return string(appendUnits(buf[:0], v, scale))
}

// appendUnits appends v × 10^-scale to b as a plain decimal. Exports
// write every amount of every row with it: strconv, not fmt.
func appendUnits(b []byte, v int64, scale int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	if scale <= 0 {
		return strconv.AppendInt(b, v, 10)
	}
	p := pow10(scale)
	b = strconv.AppendInt(b, v/p, 10)
	b = append(b, '.')
	var fracBuf [20]byte
	frac := strconv.AppendInt(fracBuf[:0], v%p, 10)
	for range scale - len(frac) {
		b = append(b, '0')
	}
	return append(b, frac...)
}

// Currency is the business's currency: an ISO code and the symbol shown.
type Currency struct {
	Code   string
	Symbol string
}

// Currencies lists the currencies the settings offer.
var Currencies = []Currency{
	{"GBP", "£"}, {"USD", "$"}, {"EUR", "€"}, {"CAD", "CA$"}, {"AUD", "A$"},
	{"NZD", "NZ$"}, {"CHF", "CHF "},
}

// CurrencyFor returns the currency with code, or GBP's symbol-less twin for
// an unknown code (the code then stands before the amount).
func CurrencyFor(code string) Currency {
	for _, c := range Currencies {
		if c.Code == code {
			return c
		}
	}
	return Currency{Code: code, Symbol: code + " "}
}

// Exact returns d written out ("0.085") when it has more places than minor
// units can hold, so the source's price can be kept beside the rounded one;
// it returns "" when d.Round() is exact.
func (d Decimal) Exact() string {
	if d.Scale <= 2 || d.Units%pow10(d.Scale-2) == 0 {
		return ""
	}
	return d.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
