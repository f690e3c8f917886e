package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"clientele/model"
)

// clean makes stored text safe to draw on one line: control characters
// and escape sequences become visible symbols (see model.Printable).
func clean(s string) string { return model.Printable(s) }

// fitCell cleans s and fits it to exactly w columns: cut with an ellipsis
// when too wide (wide characters count two), padded with spaces when short.
func fitCell(s string, w int, right bool) string {
	if w <= 0 {
		return ""
	}
	s = clean(s)
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw == w {
		return s
	}
	if right {
		return strings.Repeat(" ", w-sw) + s
	}
	return s + strings.Repeat(" ", w-sw)
}

// truncate cuts an already-clean (possibly styled) line to w columns.
func truncate(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// truncateWords cuts clean, unstyled text to w columns between words,
// with an ellipsis; a single word longer than half the width is cut
// inside.
func truncateWords(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w < 2 {
		return ansi.Truncate(s, w, "")
	}
	cut := ansi.Truncate(s, w-1, "")
	if i := strings.LastIndexByte(cut, ' '); ansi.StringWidth(cut[:max(i, 0)]) > w/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:·") + "…"
}

// fitBlock makes s exactly h lines of at most w columns each: long lines
// are cut, missing lines are added empty. It is the last guard that no
// screen draws wider or taller than the terminal.
func fitBlock(s string, w, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// wrap breaks clean text into lines of at most w columns, on spaces where
// it can.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		para = model.Printable(para)
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(para, w, ""), "\n")...)
	}
	return out
}

// wrapParts joins parts with " · " in lines of at most w columns,
// breaking between parts; a part too long for a line is wrapped on its
// own. Parts are cleaned.
func wrapParts(parts []string, w int) []string {
	var out []string
	line := ""
	for _, p := range parts {
		p = clean(p)
		switch {
		case line == "":
			line = p
		case ansi.StringWidth(line)+3+ansi.StringWidth(p) <= w:
			line += " · " + p
		default:
			out = append(out, wrap(line, w)...)
			line = p
		}
	}
	return append(out, wrap(line, w)...)
}

// lipglossWidth is the display width of a possibly styled string.
func lipglossWidth(s string) int { return ansi.StringWidth(s) }

// sprintf is fmt.Sprintf, named so screens read as prose.
func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// commas writes n with thousands separators: 100,000.
func commas(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// editableCustomer is c with its stored text as a form shows it: control
// characters and invisible format characters made visible (notes keep
// their line breaks), so a form never draws them raw. A field the person
// changes is saved as typed; the others keep their stored text
// (customerForm.customer).
func editableCustomer(c model.Customer) model.Customer {
	c.Segments, c.Values = slices.Clone(c.Segments), slices.Clone(c.Values)
	for _, s := range []*string{&c.Name, &c.Email, &c.Phone, &c.Social, &c.Company, &c.Country, &c.Source,
		&c.Language, &c.LetGoReason} {
		*s = clean(*s)
	}
	c.Notes = model.PrintableLines(c.Notes)
	for i := range c.Segments {
		c.Segments[i] = clean(c.Segments[i])
	}
	for i := range c.Values {
		c.Values[i] = clean(c.Values[i])
	}
	return c
}
