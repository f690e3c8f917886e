package model

import (
	"slices"
	"testing"
)

func TestPhoneKeyMatchesOneNumberWrittenAnyWay(t *testing.T) {
	t.Parallel()
	same := []string{"+44 7700 900123", "07700 900123", "(0)7700-900-123", "0044 7700 900 123 x12"}
	for _, p := range same {
		if got := PhoneKey(p); got != "700900123" {
			t.Errorf("PhoneKey(%q) = %q", p, got)
		}
	}
	if got := PhoneKey("12-34"); got != "" {
		t.Errorf("four digits make a key %q", got)
	}
}

func TestNameKeyIgnoresCaseOrderAndPunctuation(t *testing.T) {
	t.Parallel()
	for _, n := range []string{"poppy byrne", "byrne, poppy", "  poppy   byrne.", "byrne poppy"} {
		if got := NameKey(n); got != "byrne poppy" {
			t.Errorf("NameKey(%q) = %q", n, got)
		}
	}
	if got := NameKey("o'neil anne-marie"); got != "anne marie o'neil" {
		t.Errorf("NameKey kept %q", got)
	}
}

func TestOneEditApart(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"poppy byrne", "poppy byrne", false},
		{"poppy byrne", "popy byrne", true},   // a letter left out
		{"poppy byrne", "poppy byrnes", true}, // one added
		{"poppy byrne", "poppy byrme", true},  // one changed
		{"poppy byrne", "poppy bryne", true},  // two swapped
		{"poppy byrne", "pop byrne", false},   // two left out
		{"poppy byrne", "poppy brnye", false}, // two moves
		{"émile", "emile", true},
		{"ab", "ba", true},
		{"", "a", true},
	} {
		if got := OneEditApart(c.a, c.b); got != c.want {
			t.Errorf("OneEditApart(%q, %q) = %v", c.a, c.b, got)
		}
		if got := OneEditApart(c.b, c.a); got != c.want {
			t.Errorf("OneEditApart(%q, %q) = %v", c.b, c.a, got)
		}
	}
}

func TestDuplicateReasonsMostCertainFirst(t *testing.T) {
	t.Parallel()
	k := func(id int64, name, email, phone, country string) DuplicateKeys {
		return DuplicateKeys{ID: id, Name: name, Email: EmailKey(email), Phone: PhoneKey(phone), NameKey: NameKey(name),
			Country: country}
	}
	poppy := k(1, "poppy byrne", "Poppy@Example.com", "07700 900123", "")
	for _, c := range []struct {
		other DuplicateKeys
		want  []DuplicateReason
	}{
		{k(2, "p byrne", "poppy@example.com ", "", "UK"), []DuplicateReason{DupSameEmail}},
		{k(2, "byrne poppy", "", "+44 7700 900123", "UK"), []DuplicateReason{DupSamePhone, DupSameName}},
		{k(2, "poppy bryne", "", "", ""), []DuplicateReason{DupNameOneApart}},
		{k(2, "poppy byrne", "", "", "IE"), []DuplicateReason{DupSameName}}, // one country unknown
		{k(2, "ivo marsh", "ivo@example.com", "", ""), nil},
		{k(1, "poppy byrne", "", "", ""), nil}, // the customer themselves
	} {
		if got := DuplicateReasons(poppy, c.other); !slices.Equal(got, c.want) {
			t.Errorf("%+v: reasons %v, want %v", c.other, got, c.want)
		}
	}
	uk, ie := k(1, "ann lee", "", "", "UK"), k(2, "ann lee", "", "", "IE")
	if got := DuplicateReasons(uk, ie); got != nil {
		t.Errorf("the same name in two countries: %v", got)
	}
	c1, c2 := k(1, "Customer 12345", "", "", ""), k(2, "Customer 12346", "", "", "")
	if got := DuplicateReasons(c1, c2); got != nil {
		t.Errorf("numbered names a digit apart: %v", got)
	}
	pairs := []DuplicatePair{
		{A: k(3, "a", "", "", ""), Reasons: []DuplicateReason{DupNameOneApart}},
		{A: k(4, "b", "", "", ""), Reasons: []DuplicateReason{DupSamePhone}},
		{A: k(5, "c", "", "", ""), Reasons: []DuplicateReason{DupSamePhone, DupSameName}},
		{A: k(6, "d", "", "", ""), Reasons: []DuplicateReason{DupSameEmail}},
	}
	slices.SortFunc(pairs, CompareDuplicates)
	var order []int64
	for _, p := range pairs {
		order = append(order, p.A.ID)
	}
	if !slices.Equal(order, []int64{6, 5, 4, 3}) {
		t.Errorf("most certain first: %v", order)
	}
}
