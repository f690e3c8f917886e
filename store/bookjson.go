package store

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// scanner reads the JSON the book's triggers write (customer_cards,
// customer_months) byte by byte: arrays and objects of integers, text and
// null. encoding/json would cost more than the rest of the read.
type scanner struct {
	s   string
	i   int
	err error
}

// errBook says that a kept row cannot be read.
var errBook = errors.New("a customer's kept card or months cannot be read: run `clientele check --fix`")

// fail records the first error and returns false.
func (sc *scanner) fail() bool {
	if sc.err == nil {
		sc.err = errBook
	}
	return false
}

// next consumes c when it comes next.
func (sc *scanner) next(c byte) bool {
	if sc.i < len(sc.s) && sc.s[sc.i] == c {
		sc.i++
		return true
	}
	return false
}

// expect consumes c, or fails.
func (sc *scanner) expect(c byte) bool { return sc.next(c) || sc.fail() }

// null consumes null when it comes next.
func (sc *scanner) null() bool {
	if strings.HasPrefix(sc.s[sc.i:], "null") {
		sc.i += 4
		return true
	}
	return false
}

// int reads an integer; null reads as 0 with ok false.
func (sc *scanner) int() (n int64, ok bool) {
	neg := sc.next('-')
	start := sc.i
	for sc.i < len(sc.s) && sc.s[sc.i] >= '0' && sc.s[sc.i] <= '9' {
		n = n*10 + int64(sc.s[sc.i]-'0')
		sc.i++
	}
	switch {
	case sc.i > start && neg:
		return -n, true
	case sc.i > start:
		return n, true
	case !neg && sc.null():
		return 0, false
	}
	return 0, sc.fail()
}

// text reads a string, sharing the scanned text unless it holds escapes;
// null reads as "" with ok false.
func (sc *scanner) text() (string, bool) {
	if !sc.next('"') {
		if sc.null() {
			return "", false
		}
		return "", sc.fail()
	}
	start := sc.i
	end := strings.IndexByte(sc.s[start:], '"')
	if end < 0 {
		return "", sc.fail()
	}
	t := sc.s[start : start+end]
	if esc := strings.IndexByte(t, '\\'); esc >= 0 {
		sc.i = start + esc
		return sc.escaped(start)
	}
	sc.i = start + end + 1
	return t, true
}

// escaped reads the rest of a string that holds escapes, from start.
func (sc *scanner) escaped(start int) (string, bool) {
	var b strings.Builder
	b.WriteString(sc.s[start:sc.i])
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		sc.i++
		switch {
		case c == '"':
			return b.String(), true
		case c != '\\':
			b.WriteByte(c)
		case sc.i >= len(sc.s):
			return "", sc.fail()
		default:
			e := sc.s[sc.i]
			sc.i++
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := sc.hex4()
				if !ok {
					return "", false
				}
				if r >= 0xd800 && r < 0xdc00 && strings.HasPrefix(sc.s[sc.i:], `\u`) {
					sc.i += 2
					lo, ok := sc.hex4()
					if !ok {
						return "", false
					}
					r = 0x10000 + (r-0xd800)<<10 + (lo - 0xdc00)
				}
				b.WriteRune(rune(r))
			default:
				return "", sc.fail()
			}
		}
	}
	return "", sc.fail()
}

// hex4 reads the four hex digits of a \u escape.
func (sc *scanner) hex4() (int32, bool) {
	if sc.i+4 > len(sc.s) {
		return 0, sc.fail()
	}
	n, err := strconv.ParseUint(sc.s[sc.i:sc.i+4], 16, 32)
	if err != nil {
		return 0, sc.fail()
	}
	sc.i += 4
	if !utf8.ValidRune(rune(n)) && (n < 0xd800 || n >= 0xe000) {
		return 0, sc.fail()
	}
	return int32(n), true
}

// list reads an array, calling item for each of its elements.
func (sc *scanner) list(item func()) bool {
	if !sc.expect('[') {
		return false
	}
	if sc.next(']') {
		return true
	}
	for sc.err == nil {
		item()
		if sc.next(']') {
			return true
		}
		if !sc.expect(',') {
			return false
		}
	}
	return false
}
