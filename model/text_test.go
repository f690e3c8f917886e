package model

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestPrintable(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Ada Lovelace", "Ada Lovelace"},
		{"Zoë 李雷 🧼", "Zoë 李雷 🧼"},
		{"\x1b]0;pwned\x07", "␛]0;pwned␇"},
		{"\x1b[31mred\x1b[0m", "␛[31mred␛[0m"},
		{"a\tb\nc\rd", "a b c d"},
		{"del\x7f", "del␡"},
		{"c1\u009bx", "c1\uFFFDx"},
		{"bidi\u202eevil", "bidi⍰evil"},
		{"zw\u200bsp", "zw⍰sp"},
		{"👩\u200d💻", "👩\u200d💻"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"\x08back", "␈back"},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]52;c;aGk=\x07", "\u202e", "é\x00", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Printable(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Printable(%q) is not valid UTF-8", s)
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (unicode.Is(unicode.Cf, r) && r != 0x200d) {
				t.Fatalf("Printable(%q) = %q keeps control %U", s, out, r)
			}
		}
		if strings.ContainsRune(out, '\x1b') {
			t.Fatalf("ESC survived in %q", out)
		}
	})
}
