package model

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Likely duplicates: two customers who may be one person, and why. The
// store keeps for every customer the keys these rules compare (an email
// key, a phone key and a name key, see the functions below) and finds the
// candidates through indexes on them; the rules here decide.

// DuplicateReason is one reason two customers may be one person. They are
// declared most certain first.
type DuplicateReason int

// The reasons, most certain first.
const (
	DupSameEmail    DuplicateReason = iota // the same email address
	DupSamePhone                           // the same phone number, written any way
	DupSameName                            // the same name (any case, accents, word order) and no other country
	DupNameOneApart                        // names one letter apart: a typo, a letter left out or swapped
)

// String says the reason in words.
func (r DuplicateReason) String() string {
	switch r {
	case DupSameEmail:
		return "same email"
	case DupSamePhone:
		return "same phone"
	case DupSameName:
		return "same name and country"
	case DupNameOneApart:
		return "names one letter apart"
	}
	return "unknown"
}

// EmailKey is the email as duplicates compare it: trimmed, lower case.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// PhoneKey is the phone number as duplicates compare it: its digits, an
// extension left out, the last nine of them when there are more, so that
// "+44 7700 900123" and "07700 900123" match. Fewer than five digits is
// no number: "".
func PhoneKey(phone string) string {
	if i := strings.IndexAny(phone, "xX"); i >= 0 {
		phone = phone[:i]
	}
	var b []byte
	for i := 0; i < len(phone); i++ {
		if c := phone[i]; c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	if len(b) < 5 {
		return ""
	}
	if len(b) > 9 {
		b = b[len(b)-9:]
	}
	return string(b)
}

// NameKey is a name as duplicates compare it, from the name already
// folded (lower case, accents dropped): its words, stripped of
// punctuation, sorted, one space apart, so that "Byrne, Poppy" and "poppy
// byrne" are one key.
func NameKey(folded string) string {
	words := strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	for i, w := range words {
		words[i] = strings.Trim(w, "'")
	}
	words = slices.DeleteFunc(words, func(w string) bool { return w == "" })
	slices.Sort(words)
	return strings.Join(words, " ")
}

// Reverse returns s with its characters in reverse order: the key that
// finds names sharing an end.
func Reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// OneEditApart reports whether a and b differ by exactly one letter
// changed, added, dropped, or two neighbours swapped.
func OneEditApart(a, b string) bool {
	if a == b {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	switch len(rb) - len(ra) {
	case 0:
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		// One changed, or two swapped.
		if slices.Equal(ra[i+1:], rb[i+1:]) {
			return true
		}
		return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && slices.Equal(ra[i+2:], rb[i+2:])
	case 1:
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		return slices.Equal(ra[i:], rb[i+1:])
	}
	return false
}

// DuplicateKeys is what the rules compare about one customer.
type DuplicateKeys struct {
	ID      int64
	Name    string
	Email   string // EmailKey
	Phone   string // PhoneKey
	NameKey string // NameKey
	Country string
	// CountryKey is Country trimmed and in lower case, when the caller
	// has it ready (judging a whole book compares each many times); ""
	// has it worked out.
	CountryKey string
	Archived   bool
}

// countryKey is the country as duplicates compare it.
func (k *DuplicateKeys) countryKey() string {
	if k.CountryKey != "" || k.Country == "" {
		return k.CountryKey
	}
	return strings.ToLower(strings.TrimSpace(k.Country))
}

// minNameForTypos is the shortest name key whose one-letter neighbours
// count: "al" and "ali" are different people more often than a typo.
const minNameForTypos = 5

// DuplicateReasons lists why a and b may be one person, most certain
// first; none when they are not alike.
func DuplicateReasons(a, b DuplicateKeys) []DuplicateReason {
	return DuplicateMask(a, b).Reasons()
}

// ReasonMask is a set of DuplicateReasons, bit r for reason r: what the
// whole book's pairs are judged by without a list each.
type ReasonMask uint8

// Reasons lists the reasons in the mask, most certain first.
func (m ReasonMask) Reasons() []DuplicateReason {
	var out []DuplicateReason
	for r := DupSameEmail; r <= DupNameOneApart; r++ {
		if m&(1<<r) != 0 {
			out = append(out, r)
		}
	}
	return out
}

// DuplicateMask is DuplicateReasons as a mask.
func DuplicateMask(a, b DuplicateKeys) ReasonMask {
	var m ReasonMask
	if a.ID == b.ID {
		return 0
	}
	if a.Email != "" && a.Email == b.Email {
		m |= 1 << DupSameEmail
	}
	if a.Phone != "" && a.Phone == b.Phone {
		m |= 1 << DupSamePhone
	}
	ca, cb := a.countryKey(), b.countryKey()
	sameCountry := ca == cb || ca == "" || cb == ""
	switch {
	case a.NameKey == "" || !sameCountry:
	case a.NameKey == b.NameKey:
		m |= 1 << DupSameName
	case utf8.RuneCountInString(a.NameKey) >= minNameForTypos && !strings.ContainsAny(a.NameKey+b.NameKey, "0123456789") &&
		OneEditApart(a.NameKey, b.NameKey):
		m |= 1 << DupNameOneApart
	}
	return m
}

// DuplicatePair is two customers who may be one person.
type DuplicatePair struct {
	A, B    DuplicateKeys // A the older (smaller id)
	Reasons []DuplicateReason
}

// ReasonText says the pair's reasons in words, most certain first.
func (p DuplicatePair) ReasonText() string {
	parts := make([]string, len(p.Reasons))
	for i, r := range p.Reasons {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}

// NewDuplicatePair returns the pair of a and b, the older first, with the
// reasons; ok is false when they are not alike.
func NewDuplicatePair(a, b DuplicateKeys) (DuplicatePair, bool) {
	if b.ID < a.ID {
		a, b = b, a
	}
	r := DuplicateReasons(a, b)
	return DuplicatePair{A: a, B: b, Reasons: r}, len(r) > 0
}

// CompareDuplicates orders pairs most certain first: by their most certain
// reason, then by how many reasons they have, then by the ids.
func CompareDuplicates(p, q DuplicatePair) int {
	if c := cmp.Compare(p.Reasons[0], q.Reasons[0]); c != 0 {
		return c
	}
	if c := cmp.Compare(len(q.Reasons), len(p.Reasons)); c != 0 {
		return c
	}
	if c := cmp.Compare(p.A.ID, q.A.ID); c != 0 {
		return c
	}
	return cmp.Compare(p.B.ID, q.B.ID)
}

// DuplicateMatch is a customer who may be the one being saved.
type DuplicateMatch struct {
	Customer DuplicateKeys
	Reasons  []DuplicateReason
}

// ReasonText says the match's reasons in words.
func (m DuplicateMatch) ReasonText() string {
	return DuplicatePair{Reasons: m.Reasons}.ReasonText()
}
