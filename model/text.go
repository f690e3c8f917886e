package model

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable returns s with everything a terminal would act on made visible,
// so that text from the database is only ever shown, never obeyed: C0 and
// C1 control characters become their Unicode control pictures (ESC → ␛),
// DEL becomes ␡, and bidi overrides, isolates and other invisible format
// characters become ⍰. Tabs and line breaks are shown as a space, since
// every caller draws one line. Invalid UTF-8 becomes U+FFFD.
func Printable(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		b.WriteString(printableRune(r))
	}
	return b.String()
}

// PrintableLines is Printable for text of several lines: line breaks are
// kept (CRLF and lone CR become LF) and each line is made printable.
func PrintableLines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Printable(l)
	}
	return strings.Join(lines, "\n")
}

// PrintableCell is Printable for a cell of a file (a CSV export): tabs
// and line breaks are kept, for they act on no terminal (CRLF and a lone
// CR become LF, as a lone CR would hide what stands before it), and
// everything else that would act is made visible as Printable does.
func PrintableCell(s string) string {
	if isPlain(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch r {
		case '\t', '\n':
			b.WriteRune(r)
		case '\r':
			b.WriteByte('\n')
		default:
			b.WriteString(printableRune(r))
		}
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII, the common case, so that it
// can be returned without copying.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

func printableRune(r rune) string {
	switch {
	case r == utf8.RuneError:
		return "\uFFFD"
	case r == '\t' || r == '\n' || r == '\r':
		return " "
	case r < 0x20:
		return string(rune(0x2400 + r)) // control pictures: ␀ … ␟
	case r == 0x7f:
		return "␡"
	case r >= 0x80 && r < 0xa0:
		return "\uFFFD"
	case r == 0x200d: // zero-width joiner: keep it inside emoji sequences
		return string(r)
	case unicode.Is(unicode.Cf, r), r == 0x2028, r == 0x2029:
		// bidi overrides and isolates, zero-width spaces, BOM, soft hyphen,
		// line and paragraph separators
		return "⍰"
	}
	return string(r)
}

// The words every part of clientele writes counts with: one home, so that
// a screen, a command and an export say "1,204 customers" alike.

// Commas writes n with thousands separators: 100,000; -1,240.
func Commas(n int) string {
	var b strings.Builder
	writeCommas(&b, int64(n))
	return b.String()
}

// writeCommas writes n with thousands separators to b: Commas, and money's
// whole units.
func writeCommas(b *strings.Builder, n int64) {
	var buf [20]byte
	s := strconv.AppendInt(buf[:0], n, 10)
	digits := s
	if n < 0 {
		b.WriteByte('-')
		digits = s[1:]
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(c)
	}
}

// Signed writes n with its sign, as scores and NPS are written: "+2",
// "-1", "0".
func Signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// Plural writes a count and the noun that goes with it: "1 day", "3 days",
// "1,204 customers".
func Plural(n int, one, many string) string { return Commas(n) + " " + Noun(n, one, many) }

// Noun is the word for n of something, without the count: "wish" for
// one, "wishes" otherwise ("was" and "were" work too).
func Noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Article is the indefinite article for a word: "an" before a vowel
// ("an order", "an advocate"), else "a" ("a refund", "a customer").
func Article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}
