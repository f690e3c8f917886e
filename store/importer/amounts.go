package importer

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"clientele/model"
)

// numbers reads the figures of one file: in a semicolon-separated file a
// comma is the decimal mark ("12,50", "1.234,50"), as the spreadsheets that
// write such files mean it.
type numbers struct{ decimalComma bool }

// decimal reads an amount with up to six decimals exactly. A trailing
// currency code ("12.50 EUR") is read and dropped.
func (n numbers) decimal(s string) (model.Decimal, error) {
	s = strings.TrimSpace(s)
	if mayHaveSpace(s) {
		if f := strings.Fields(s); len(f) == 2 && len(f[1]) == 3 && strings.ToUpper(f[1]) == f[1] {
			s = f[0]
		}
	}
	if n.decimalComma {
		s = strings.Map(func(r rune) rune {
			switch r {
			case ',':
				return '.'
			case '.':
				return ','
			}
			return r
		}, s)
	}
	return model.ParseDecimal(s)
}

// mayHaveSpace reports whether s may hold a space as strings.Fields
// splits at: an ASCII one, or any byte of a multi-byte character. Most
// amounts have none, and need no list of fields made.
func mayHaveSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == ' ', c >= '\t' && c <= '\r':
			return true
		}
	}
	return false
}

// money reads an amount rounded to minor units once.
func (n numbers) money(s string) (model.Money, error) {
	d, err := n.decimal(s)
	if err != nil {
		return 0, err
	}
	return d.Round(), nil
}

// optMoney reads an amount that may be empty (zero).
func (n numbers) optMoney(s string) (model.Money, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	return n.money(s)
}

// quantity reads a whole number of items; "2.0" is 2.
func quantity(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if whole, frac, ok := strings.Cut(s, "."); ok && strings.Trim(frac, "0") == "" {
		s = whole
	}
	q, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", s)
	}
	if q > 1_000_000_000 || q < -1_000_000_000 {
		return 0, fmt.Errorf("%q is too large a quantity", s)
	}
	return q, nil
}

// currencyCode reads a currency column: "usd" and "USD" are USD.
func currencyCode(s string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(s))
	if c == "" {
		return "", nil
	}
	if len(c) != 3 {
		return "", fmt.Errorf("%q is not a currency code such as GBP", s)
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return "", fmt.Errorf("%q is not a currency code such as GBP", s)
		}
	}
	return c, nil
}
