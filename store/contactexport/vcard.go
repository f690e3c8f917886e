package contactexport

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"clientele/model"
)

// vCards are written by hand: the one maintained Go vCard library
// (github.com/emersion/go-vcard) has no tagged release, so it is not on
// the approved list. The format is small (RFC 2426, vCard 3.0, which
// phones and address books import most reliably) and its hard parts are
// here, each tested against the importer's own vCard reader:
//
//   - lines end with CRLF and are folded at 75 octets (a CRLF and a space
//     before the 76th), never inside a UTF-8 character;
//   - text escapes backslash, comma, semicolon and line breaks;
//   - control characters are made visible first (model.PrintableCell), so
//     nothing in a card acts on a terminal it is printed to.

// writeVCards writes a vCard 3.0 per customer.
func writeVCards(ctx context.Context, w io.Writer, src Source, q model.ContactQuery) error {
	book, err := src.BookID(ctx)
	if err != nil {
		return err
	}
	return src.EachContact(ctx, q, func(c model.Customer) error {
		return writeVCard(w, &c, book)
	})
}

// writeVCard writes one card.
func writeVCard(w io.Writer, c *model.Customer, book string) error {
	var b strings.Builder
	line := func(name, value string) {
		fold(&b, name+":"+value)
	}
	line("BEGIN", "VCARD")
	line("VERSION", "3.0")
	line("UID", uid("customer", c.ID, book))
	line("FN", text(c.Name))
	family, given := splitName(c.Name)
	line("N", text(family)+";"+text(given)+";;;")
	if c.Company != "" {
		line("ORG", text(c.Company))
	}
	if c.Email != "" {
		line("EMAIL;TYPE=INTERNET", text(c.Email))
	}
	if c.Phone != "" {
		typ := "VOICE"
		if c.Channel == model.ChannelText {
			typ = "CELL"
		}
		line("TEL;TYPE="+typ, text(c.Phone))
	}
	if a := c.Address; !a.IsZero() || c.Country != "" {
		// PO box; extended address; street; locality; region; postal
		// code; country.
		line("ADR;TYPE=HOME", ";"+text(a.Line2)+";"+text(a.Line1)+";"+text(a.Town)+";"+text(a.Region)+";"+
			text(a.Postcode)+";"+text(c.Country))
	}
	if bd := birthdayOf(c); bd != nil {
		line("BDAY", bd.DateText())
	}
	if len(c.Segments) > 0 {
		cats := make([]string, len(c.Segments))
		for i, s := range c.Segments {
			cats[i] = text(s)
		}
		line("CATEGORIES", strings.Join(cats, ","))
	}
	line("END", "VCARD")
	_, err := io.WriteString(w, b.String())
	return err
}

// uid is the stable id of a record of the book: the same at every export,
// so that importing the file again updates rather than duplicates.
func uid(kind string, id int64, book string) string {
	if book == "" {
		book = "book"
	}
	return fmt.Sprintf("clientele-%s-%s-%d", book, kind, id)
}

// text escapes a vCard text value: control characters made visible, then
// backslash, comma, semicolon and line breaks escaped.
func text(s string) string {
	s = model.PrintableCell(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ',':
			b.WriteString(`\,`)
		case ';':
			b.WriteString(`\;`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold writes a content line folded at 75 octets, ended with CRLF.
func fold(b *strings.Builder, l string) {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
}

// splitName splits a name into family and given names the way address
// books expect: the last word is the family name; a name of one word is
// all family name.
func splitName(name string) (family, given string) {
	f := strings.Fields(name)
	switch len(f) {
	case 0:
		return "", ""
	case 1:
		return f[0], ""
	}
	return f[len(f)-1], strings.Join(f[:len(f)-1], " ")
}
