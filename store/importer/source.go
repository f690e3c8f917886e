package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"clientele/model"
)

// The encodings --encoding names.
const (
	EncUTF8        = "utf-8"
	EncUTF16       = "utf-16"
	EncWindows1252 = "windows-1252"
)

// Encodings lists what --encoding accepts; "" finds it from the file.
var Encodings = []string{EncUTF8, EncUTF16, EncWindows1252}

// sniffSize is how much of a file is looked at to find its encoding and
// separator.
const sniffSize = 64 << 10

// layout is how a file is written: its encoding and separator, found once
// from its first bytes and used for every pass over it.
type layout struct {
	encoding string // as the summary names it: "UTF-8", "UTF-8 with BOM", "UTF-16LE", "Windows-1252"
	bom      int    // bytes of byte-order mark to skip
	decode   encoding.Encoding
	utf8     bool // the text is UTF-8: each field is checked to be valid
	sep      rune
}

// sepName names a separator as the summary does.
func sepName(r rune) string {
	switch r {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return "comma"
}

// findLayout reads the start of a file: a byte-order mark, else the
// encoding asked for, else UTF-8 when the bytes are UTF-8 and Windows-1252
// (what Excel writes on Windows) when they are not. The separator is the
// one of comma, semicolon and tab that the header line holds most of,
// outside quotes.
func findLayout(head []byte, asked string) (layout, error) {
	var l layout
	switch {
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		l = layout{encoding: "UTF-8 with BOM", bom: 3, utf8: true}
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}):
		l = layout{encoding: "UTF-16LE", bom: 2, decode: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		l = layout{encoding: "UTF-16BE", bom: 2, decode: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
	}
	switch strings.ToLower(strings.TrimSpace(asked)) {
	case "":
		if l.encoding == "" {
			if validPrefix(head) {
				l = layout{encoding: "UTF-8", utf8: true}
			} else {
				l = layout{encoding: "Windows-1252", decode: charmap.Windows1252}
			}
		}
	case EncUTF8, "utf8":
		if l.decode != nil {
			return l, fmt.Errorf("the file begins with a %s byte-order mark, not UTF-8's", l.encoding)
		}
		l.utf8, l.encoding = true, map[bool]string{true: "UTF-8 with BOM", false: "UTF-8"}[l.bom == 3]
	case EncUTF16, "utf16", "utf-16le", "utf-16be":
		if l.decode == nil {
			return l, errors.New("the file has no UTF-16 byte-order mark: it is not UTF-16 (try --encoding utf-8 or windows-1252)")
		}
	case EncWindows1252, "cp1252", "latin1", "latin-1", "iso-8859-1":
		if l.bom != 0 {
			return l, fmt.Errorf("the file begins with a %s byte-order mark, so it is not Windows-1252", l.encoding)
		}
		l = layout{encoding: "Windows-1252", decode: charmap.Windows1252}
	default:
		return l, fmt.Errorf("--encoding %q is not one of %s", asked, strings.Join(Encodings, ", "))
	}
	text := head[l.bom:]
	if l.decode != nil {
		var err error
		if text, _, err = transform.Bytes(l.decode.NewDecoder(), text[:len(text)&^1]); err != nil {
			return l, fmt.Errorf("the file is not %s: %v", l.encoding, err)
		}
	}
	l.sep = separator(text)
	return l, nil
}

// validPrefix reports whether b is UTF-8, allowing a character cut at its
// end.
func validPrefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0 && !utf8.Valid(b); i++ {
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// separator counts commas, semicolons and tabs on the first line, outside
// quotes, and returns the commonest; a comma when there are none.
func separator(text []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range text {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			goto done
		case c == ',' || c == ';' || c == '\t':
			counts[rune(c)]++
		}
	}
done:
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// reader reads the records of one pass over a file, knowing their lines,
// the header and whether the file ends as a whole file does.
type reader struct {
	csv  *csv.Reader
	head header
	lay  layout
	tail *tailReader
	last []string // the last record read, for a cut-short report
	line int      // its line
}

// tailReader remembers the last byte that passed through it.
type tailReader struct {
	r    io.Reader
	last byte
	any  bool
}

func (t *tailReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		t.last, t.any = p[n-1], true
	}
	return n, err
}

// newReader starts a pass over r, which holds a file written as lay says,
// and reads its header.
func newReader(r io.Reader, lay layout) (*reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if lay.bom > 0 {
		if _, err := br.Discard(lay.bom); err != nil {
			return nil, err
		}
	}
	var text io.Reader = br
	if lay.decode != nil {
		text = transform.NewReader(br, lay.decode.NewDecoder())
	}
	t := &tailReader{r: text}
	c := csv.NewReader(bufio.NewReaderSize(t, 1<<16))
	c.Comma = lay.sep
	c.FieldsPerRecord = -1 // checked here, to say which line and how
	c.ReuseRecord = true
	in := &reader{csv: c, lay: lay, tail: t}
	names, err := c.Read()
	if errors.Is(err, io.EOF) {
		return nil, &LineError{Line: 1, Err: errors.New("the file is empty: it needs a header line")}
	}
	if err != nil {
		return nil, in.csvError(err)
	}
	if err := in.checkText(names, 1); err != nil {
		return nil, err
	}
	names = append([]string(nil), names...)
	for i, n := range names {
		names[i] = strings.TrimSpace(n)
	}
	in.head = newHeader(names)
	return in, nil
}

// next returns the next record and its line, or io.EOF. A record with the
// wrong number of fields is an error naming both counts (and, at the end
// of the file, that the file looks cut short); blank lines are skipped.
func (r *reader) next() ([]string, int, error) {
	for {
		rec, err := r.csv.Read()
		if err != nil {
			return nil, 0, r.csvError(err)
		}
		line, _ := r.csv.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" && len(r.head.names) > 1 {
			continue
		}
		r.last, r.line = rec, line
		if len(rec) != len(r.head.names) {
			why := fmt.Errorf("has %d columns, the header has %d (is a comma inside a value missing its quotes?)",
				len(rec), len(r.head.names))
			if len(rec) < len(r.head.names) && r.atEnd() {
				why = fmt.Errorf("has %d columns, the header has %d: the file looks cut short here (%s)",
					len(rec), len(r.head.names), recordText(rec))
			}
			return nil, line, &LineError{Line: line, Err: why}
		}
		if err := r.checkText(rec, line); err != nil {
			return nil, line, err
		}
		return rec, line, nil
	}
}

// peek returns up to n of the records that follow, as written; it stops
// at the first that does not read.
func (r *reader) peek(n int) [][]string {
	var out [][]string
	for len(out) < n {
		rec, _, err := r.next()
		if err != nil {
			break
		}
		out = append(out, append([]string(nil), rec...))
	}
	return out
}

// atEnd reports whether no record follows the one just read.
func (r *reader) atEnd() bool {
	_, err := r.csv.Read()
	return errors.Is(err, io.EOF)
}

// checkText refuses text that is not UTF-8 in a file read as UTF-8,
// rather than store it garbled.
func (r *reader) checkText(rec []string, line int) error {
	if !r.lay.utf8 {
		return nil
	}
	for i, f := range rec {
		if !utf8.ValidString(f) {
			col := ""
			if i < len(r.head.names) {
				col = r.head.names[i]
			}
			return &LineError{Line: line, Column: col, Err: errors.New("this is not UTF-8 text: the file is in " +
				"another encoding (Excel on Windows writes Windows-1252: try --encoding windows-1252)")}
		}
	}
	return nil
}

// cutShort says, once the records are read, whether the file looks cut
// short: its last line has no line end. The last record is shown so the
// owner can check it is whole.
func (r *reader) cutShort() string {
	if !r.tail.any || r.tail.last == '\n' || r.last == nil {
		return ""
	}
	return fmt.Sprintf("its last line (%d) has no line end; check that its last record is whole: %s",
		r.line, recordText(r.last))
}

// recordText shows a record as a line of the file, made printable and
// kept short.
func recordText(rec []string) string {
	s := model.Printable(strings.Join(rec, ","))
	if r := []rune(s); len(r) > 120 {
		s = "…" + string(r[len(r)-119:])
	}
	return "«" + s + "»"
}

// csvError turns encoding/csv's error into a LineError.
func (r *reader) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		why := pe.Err
		if errors.Is(why, csv.ErrQuote) && r.atEnd() {
			why = fmt.Errorf("a quoted value is still open at the end of the file: the file looks cut short " +
				"inside its last record")
		} else if errors.Is(why, csv.ErrBareQuote) || errors.Is(why, csv.ErrQuote) {
			why = fmt.Errorf("%v (a value with a quote must be quoted whole, its quotes doubled: \"a \"\"b\"\" c\")", why)
		}
		return &LineError{Line: pe.StartLine, Err: fmt.Errorf("column %d: %w", pe.Column, why)}
	}
	return err
}
