package exportfile

import (
	"encoding/json"
	"io"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// WriteJSON encodes v as JSON indented by indent and writes it to w with
// nothing in it that acts on a terminal, the text kept exactly: what
// encoding/json leaves raw inside strings (DEL, the C1 controls, bidi
// overrides and isolates and every other Unicode format character) is
// written as a \u escape, which decodes to the same text. encoding/json
// already escapes the C0 controls and writes invalid UTF-8 as U+FFFD.
func WriteJSON(w io.Writer, v any, indent string) error {
	e := &jsonEscaper{w: w}
	enc := json.NewEncoder(e)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return e.flush()
}

// jsonEscaper writes JSON through, escaping the characters WriteJSON
// names. They occur only inside strings (JSON's own syntax is ASCII
// without DEL), so an escape is valid wherever one is met. A character
// split between two writes waits for the second.
type jsonEscaper struct {
	w       io.Writer
	pending []byte
	out     []byte
}

func (e *jsonEscaper) Write(p []byte) (int, error) {
	b := p
	if len(e.pending) > 0 {
		b = append(e.pending, p...)
		e.pending = nil
	}
	e.out = e.out[:0]
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf && c != 0x7f {
			j := i + 1
			for j < len(b) && b[j] < utf8.RuneSelf && b[j] != 0x7f {
				j++
			}
			e.out = append(e.out, b[i:j]...)
			i = j
			continue
		}
		if !utf8.FullRune(b[i:]) {
			e.pending = append([]byte(nil), b[i:]...)
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Cf, r) {
			e.out = appendEscape(e.out, r)
		} else {
			e.out = append(e.out, b[i:i+size]...)
		}
		i += size
	}
	if _, err := e.w.Write(e.out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes a last incomplete character as it is.
func (e *jsonEscaper) flush() error {
	if len(e.pending) == 0 {
		return nil
	}
	_, err := e.w.Write(e.pending)
	e.pending = nil
	return err
}

// appendEscape appends r as JSON's \uXXXX, a surrogate pair beyond the
// Basic Multilingual Plane.
func appendEscape(b []byte, r rune) []byte {
	if r > 0xffff {
		hi, lo := utf16.EncodeRune(r)
		return appendEscape(appendEscape(b, hi), lo)
	}
	b = append(b, `\u`...)
	h := strconv.FormatInt(int64(r), 16)
	for range 4 - len(h) {
		b = append(b, '0')
	}
	return append(b, h...)
}
