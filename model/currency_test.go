package model

import (
	"slices"
	"testing"
)

func TestCurrencyCodesAreISO(t *testing.T) {
	t.Parallel()
	if !slices.IsSorted(isoCurrencies) {
		t.Fatal("the codes must stay sorted: KnownCurrency searches them")
	}
	for _, c := range Currencies {
		if !KnownCurrency(c.Code) {
			t.Errorf("%s has a symbol but is not a known code", c.Code)
		}
	}
	for _, code := range []string{"XYZ", "gbp", "GB", "EURO", ""} {
		if KnownCurrency(code) {
			t.Errorf("%q is taken for a currency", code)
		}
	}
	s := DefaultSettings()
	s.Currency = "XYZ"
	if err := s.Validate(); err == nil || !slices.ContainsFunc(err.(Errors), func(e *FieldError) bool {
		return e.Field == "currency"
	}) {
		t.Errorf("XYZ: %v", err)
	}
}
