package model

import (
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
