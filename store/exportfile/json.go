package exportfile

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
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

// JSONObject writes a JSON object a member at a time, and a member that
// is an array an element at a time, indented by indent and escaped as
// WriteJSON writes them: a document whose array holds a hundred thousand
// records is never whole in memory, only one record is. Given the members
// of a value in order, it writes the same bytes WriteJSON writes for it.
// The first error sticks: Close returns it.
type JSONObject struct {
	e       jsonEscaper
	indent  string
	members int
	elems   int // elements of the open array; -1 when none is open
	buf     bytes.Buffer
	enc     [3]*json.Encoder // into buf, indented for a value so many levels in
	elem    []byte           // what begins an element: a new line, two levels in
	err     error
}

// NewJSONObject begins an object written to w, indented by indent.
func NewJSONObject(w io.Writer, indent string) *JSONObject {
	o := &JSONObject{e: jsonEscaper{w: w}, indent: indent, elems: -1, elem: []byte("\n" + indent + indent)}
	o.write([]byte("{"))
	return o
}

// Member writes "key": v, v indented as a member is.
func (o *JSONObject) Member(key string, v any) {
	o.key(key)
	o.value(v, 1)
}

// Array opens the array member key; Element adds to it, EndArray closes
// it.
func (o *JSONObject) Array(key string) {
	o.key(key)
	o.write([]byte("["))
	o.elems = 0
}

// Element writes v as the open array's next element.
func (o *JSONObject) Element(v any) {
	if o.elems > 0 {
		o.write([]byte(","))
	}
	o.write(o.elem)
	o.value(v, 2)
	o.elems++
}

// EndArray closes the open array: "[]" when it has no element, as
// encoding/json writes an empty one.
func (o *JSONObject) EndArray() {
	if o.elems > 0 {
		o.write(append([]byte("\n"+o.indent), ']'))
	} else {
		o.write([]byte("]"))
	}
	o.elems = -1
}

// Close ends the object and the document, and returns the first error.
func (o *JSONObject) Close() error {
	if o.members > 0 {
		o.write([]byte("\n}\n"))
	} else {
		o.write([]byte("}\n"))
	}
	if o.err == nil {
		o.err = o.e.flush()
	}
	return o.err
}

// key begins the next member.
func (o *JSONObject) key(k string) {
	if o.members > 0 {
		o.write([]byte(","))
	}
	o.members++
	o.write([]byte("\n" + o.indent))
	o.value(k, 1)
	o.write([]byte(": "))
}

// value writes v as encoding/json indents it depth levels in.
func (o *JSONObject) value(v any, depth int) {
	if o.err != nil {
		return
	}
	o.buf.Reset()
	if o.enc[depth] == nil {
		// One encoder a level, kept: an encoder keeps its indenting
		// buffer, and a record a time must leave little garbage.
		o.enc[depth] = json.NewEncoder(&o.buf)
		o.enc[depth].SetIndent(strings.Repeat(o.indent, depth), o.indent)
	}
	if o.err = o.enc[depth].Encode(v); o.err != nil {
		return
	}
	o.write(bytes.TrimSuffix(o.buf.Bytes(), []byte("\n")))
}

func (o *JSONObject) write(b []byte) {
	if o.err == nil {
		_, o.err = o.e.Write(b)
	}
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
