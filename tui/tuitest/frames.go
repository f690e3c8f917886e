package tuitest

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// CheckFrame fails when the frame could make the terminal do anything
// but show text in the program's own colours: every escape sequence must
// be SGR, no other C0 or C1 control, DEL, bidi control or invalid UTF-8
// may appear, the data's own SGR must not, and no line may be wider than
// the terminal or the frame taller. The window title must be plain text.
func CheckFrame(t *testing.T, d *Driver, path string) {
	t.Helper()
	view := d.M.View()
	frame := view.Content
	if msg := badBytes(frame); msg != "" {
		t.Errorf("%s: %s\n%s", path, msg, ansi.Strip(frame))
		return
	}
	if strings.Contains(frame, ForeignSGR) {
		t.Errorf("%s: the data's own styling reached the output", path)
		return
	}
	lines := strings.Split(frame, "\n")
	if len(lines) > d.H {
		t.Errorf("%s: %d lines in a %d-line terminal", path, len(lines), d.H)
		return
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > d.W {
			t.Errorf("%s: line %d is %d wide in a %d-wide terminal: %q", path, i, w, d.W, ansi.Strip(l))
			return
		}
	}
	title := view.WindowTitle
	if msg := badBytes(title); msg != "" || strings.Contains(title, "\x1b") {
		t.Errorf("%s: window title %q: %s", path, title, msg)
	}
}

// badBytes describes the first byte of s a terminal would act on, other
// than SGR styling, or returns "".
func badBytes(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\x1b':
			n := sgrLen(s[i:])
			if n == 0 {
				return fmt.Sprintf("escape sequence %q at byte %d", s[i:min(len(s), i+12)], i)
			}
			i += n
			continue
		case c == '\n':
			i++
			continue
		case c < 0x20 || c == 0x7f:
			return fmt.Sprintf("control byte %#x at byte %d", c, i)
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Sprintf("invalid UTF-8 %#x at byte %d", c, i)
		case r >= 0x80 && r < 0xa0:
			return fmt.Sprintf("C1 control %U at byte %d", r, i)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return fmt.Sprintf("bidi control %U at byte %d", r, i)
		}
		i += size
	}
	return ""
}

// sgrLen is the length of the SGR sequence (ESC [ params m) s starts
// with, or 0 when it starts with anything else.
func sgrLen(s string) int {
	if len(s) < 3 || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}
