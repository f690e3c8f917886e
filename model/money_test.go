package model

import (
	"strings"
	"testing"
)

func TestParseMoney(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Money
		err  string // a fragment of the error, "" for none
	}{
		{"12.50", 1250, ""},
		{"1,234.56", 123456, ""},
		{"-3", -300, ""},
		{"£12.50", 1250, ""},
		{"-£3", -300, ""},
		{"£-3.05", -305, ""},
		{"(12.50)", -1250, ""},
		{" 7.5 ", 750, ""},
		{".5", 50, ""},
		{"0", 0, ""},
		{"$1,000,000", 100000000, ""},
		{"12 EUR", 1200, ""},
		{"12.5.0", 0, `"12.5.0" has more than one decimal point`},
		{"1e5", 0, `"1e5" is not a number`},
		{"12,5O", 0, `"12,5O" is not a number`},
		{"12,50", 0, "comma that does not separate thousands"},
		{"1,23,456", 0, "comma"},
		{"12.505", 0, "more than 2 decimals"},
		{"", 0, "empty"},
		{"£", 0, "empty"},
		{"--3", 0, "two minus signs"},
		{"99999999999999999999", 0, "too large"},
		{"10000000000001", 0, "too large"},
		{"abc", 0, "not a number"},
		{".", 0, "not a number"},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if tt.err == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseMoney(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseMoney(%q) error = %v; want it to say %q", tt.in, err, tt.err)
		}
	}
}

func TestMoneyFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m                    Money
		format, short, plain string
	}{
		{0, "£0.00", "£0", "0.00"},
		{5, "£0.05", "£0", "0.05"},
		{123456, "£1,234.56", "£1,235", "1234.56"},
		{-124000, "-£1,240.00", "-£1,240", "-1240.00"},
		{539121, "£5,391.21", "£5,391", "5391.21"},
		{-50, "-£0.50", "-£1", "-0.50"},
		{100000000000, "£1,000,000,000.00", "£1,000,000,000", "1000000000.00"},
	}
	for _, tt := range tests {
		if got := tt.m.Format("£"); got != tt.format {
			t.Errorf("Format(%d) = %q, want %q", tt.m, got, tt.format)
		}
		if got := tt.m.Short("£"); got != tt.short {
			t.Errorf("Short(%d) = %q, want %q", tt.m, got, tt.short)
		}
		if got := tt.m.Decimal(); got != tt.plain {
			t.Errorf("Decimal(%d) = %q, want %q", tt.m, got, tt.plain)
		}
		if got := string(tt.m.AppendDecimal([]byte("x="))); got != "x="+tt.plain {
			t.Errorf("AppendDecimal(%d) = %q", tt.m, got)
		}
	}
}

func TestDecimalStringKeepsItsPlaces(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		d    Decimal
		want string
	}{
		{Decimal{Units: 85, Scale: 3}, "0.085"},
		{Decimal{Units: -85, Scale: 3}, "-0.085"},
		{Decimal{Units: 1695, Scale: 3}, "1.695"},
		{Decimal{Units: 12, Scale: 0}, "12"},
		{Decimal{Units: -7, Scale: 0}, "-7"},
		{Decimal{Units: 100000001, Scale: 6}, "100.000001"},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
	if got := Money(-5).Decimal(); got != "-0.05" {
		t.Errorf("Money(-5).Decimal() = %q", got)
	}
}

func TestDecimalTimesRoundsOnceHalfAwayFromZero(t *testing.T) {
	t.Parallel()
	tests := []struct {
		price string
		qty   int64
		want  Money
	}{
		{"2.55", 6, 1530},
		{"0.085", 1, 9},     // 8.5p rounds up
		{"0.085", -1, -9},   // and a refund rounds away from zero too
		{"0.085", 3, 26},    // 25.5p: rounded once on the line, not per unit (27)
		{"1.695", 10, 1695}, // exact
		{"0.001", 4, 0},     // 0.4p
		{"0.005", 1, 1},     // 0.5p
		{"12", -2, -2400},
	}
	for _, tt := range tests {
		d, err := ParseDecimal(tt.price)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := d.Times(tt.qty)
		if !ok || got != tt.want {
			t.Errorf("%s × %d = %d, %v; want %d", tt.price, tt.qty, got, ok, tt.want)
		}
	}
	d, err := ParseDecimal("999999999.99")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Times(1 << 40); ok {
		t.Error("an overflowing line was accepted")
	}
}

func TestTimeCost(t *testing.T) {
	t.Parallel()
	if got := TimeCost(90, 2500); got != 3750 {
		t.Errorf("90 minutes at £25/h = %d, want 3750", got)
	}
	if got := TimeCost(1, 2500); got != 42 { // 41.67p
		t.Errorf("1 minute at £25/h = %d, want 42", got)
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"12.50", "1,234.56", "-3", "£12.50", "(1.00)", "12,5O", "1e5", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			if !strings.Contains(err.Error(), "amount") {
				t.Errorf("error %q does not say which amount", err)
			}
			return
		}
		if m > MaxMoney || m < -MaxMoney {
			t.Errorf("ParseMoney(%q) = %d beyond MaxMoney", s, m)
		}
		// What Decimal writes parses back to the same amount.
		back, err := ParseMoney(m.Decimal())
		if err != nil || back != m {
			t.Errorf("round trip of %q: %d → %q → %d, %v", s, m, m.Decimal(), back, err)
		}
	})
}

// TestCurrencyMarksAreNotDigits holds trimCurrency's shortcut true: a
// figure beginning and ending with a digit has no currency mark to trim.
func TestCurrencyMarksAreNotDigits(t *testing.T) {
	t.Parallel()
	for _, p := range currencyPrefixes {
		if isDigit(p[0]) || isDigit(p[len(p)-1]) {
			t.Errorf("currency mark %q begins or ends with a digit", p)
		}
	}
}
