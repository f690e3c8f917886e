package model

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// ImportSummary says what an import did, or would do in a dry run: what it
// added, what it changed, what it left alone and why, and how it read the
// file.
type ImportSummary struct {
	Format       string // the format the file was read as
	Rows         int    // data rows read
	Customers    int
	Offerings    int
	Orders       int
	Unattributed int // of Orders, those with no customer
	Lines        int
	Costs        int
	// Skipped counts the orders and customers already imported, unchanged.
	Skipped int
	// Changed counts the orders stored by an earlier import whose rows in
	// the file now differ: they were replaced.
	Changed int
	// Conflicts counts the orders whose rows differ from the file's but
	// that were edited in clientele since their import: left alone.
	Conflicts int
	// Ignored counts the rows or orders that are neither sales nor
	// customers, by reason ("cancelled", "withdrawal"…).
	Ignored map[string]int
	// Kept lists optional contact fields that did not read (a phone
	// "0481", an odd email): each was kept in its customer's notes.
	Kept []string

	// How the file was read.
	Encoding  string // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "Windows-1252"
	Separator string // "comma", "semicolon", "tab"
	DateOrder string // "ISO", "D/M/Y", "M/D/Y" or "" when the file has no dates
	DateWhy   string // why that order: "13/04/2026 at line 7 has a day above 12"
	Currency  string // the file's currency, "" when it names none
	// CutShort is set when the file looks cut short (its last line has no
	// line end): what was seen and the last record, to check.
	CutShort string

	DryRun bool
}

// Ignore counts one row or order ignored for reason.
func (s *ImportSummary) Ignore(reason string) {
	if s.Ignored == nil {
		s.Ignored = map[string]int{}
	}
	s.Ignored[reason]++
}

// String says what happened in one line: "Imported 2,025 orders (42,481
// lines), 948 customers, 2,822 offerings from online-retail."
func (s ImportSummary) String() string {
	verb := "Imported"
	if s.DryRun {
		verb = "Would import"
	}
	var out string
	if s.Orders+s.Customers+s.Offerings+s.Costs+s.Changed == 0 {
		switch {
		case s.Skipped > 0:
			out = fmt.Sprintf("Nothing new in this %s file: its %s already imported", s.Format,
				Plural(s.Skipped, "record was", "records were"))
		case s.Rows > 0 && (len(s.Ignored) > 0 || s.Conflicts > 0):
			out = fmt.Sprintf("Nothing to import from this %s file", s.Format)
		default:
			out = fmt.Sprintf("Nothing to import: the %s file has no rows", s.Format)
		}
	} else {
		var parts []string
		if s.Orders > 0 {
			o := Plural(s.Orders, "order", "orders")
			if s.Lines > 0 {
				o += " (" + Plural(s.Lines, "line", "lines")
				if s.Unattributed > 0 {
					o += ", " + Commas(s.Unattributed) + " unattributed"
				}
				o += ")"
			}
			parts = append(parts, o)
		}
		if s.Customers > 0 {
			parts = append(parts, Plural(s.Customers, "customer", "customers"))
		}
		if s.Offerings > 0 {
			parts = append(parts, Plural(s.Offerings, "offering", "offerings"))
		}
		if s.Costs > 0 {
			parts = append(parts, Plural(s.Costs, "cost", "costs"))
		}
		if len(parts) == 0 {
			out = fmt.Sprintf("%s nothing new from %s", verb, s.Format)
		} else {
			out = fmt.Sprintf("%s %s from %s", verb, strings.Join(parts, ", "), s.Format)
		}
		if s.Changed > 0 {
			changed := "replaced"
			if s.DryRun {
				changed = "would be replaced"
			}
			out += fmt.Sprintf("; %s changed in the file (%s)", Plural(s.Changed, "order", "orders"), changed)
		}
		if s.Skipped > 0 {
			out += fmt.Sprintf("; skipped %s already imported", Commas(s.Skipped))
		}
	}
	if s.Conflicts > 0 {
		out += fmt.Sprintf("; %s edited here since the import and changed in the file: left as they are",
			Plural(s.Conflicts, "order was", "orders were"))
	}
	if len(s.Ignored) > 0 {
		var ig []string
		for _, k := range slices.Sorted(maps.Keys(s.Ignored)) {
			ig = append(ig, fmt.Sprintf("%s %s", Commas(s.Ignored[k]), k))
		}
		out += "; not sales or customers: " + strings.Join(ig, ", ")
	}
	return out + "."
}

// Details are the lines that follow String in a full report: how the file
// was read, the fields kept in notes, and a warning when the file looks cut
// short. Empty facts are left out.
func (s ImportSummary) Details() []string {
	var out []string
	read := []string{}
	if s.Encoding != "" {
		read = append(read, s.Encoding)
	}
	if s.Separator != "" {
		read = append(read, s.Separator+"-separated")
	}
	if s.DateOrder != "" {
		d := "dates " + s.DateOrder
		if s.DateWhy != "" {
			d += " (" + s.DateWhy + ")"
		}
		read = append(read, d)
	}
	if s.Currency != "" {
		read = append(read, "currency "+s.Currency)
	}
	if len(read) > 0 {
		out = append(out, "Read as "+strings.Join(read, ", ")+".")
	}
	if s.CutShort != "" {
		out = append(out, "Warning: the file looks cut short: "+s.CutShort)
	}
	if len(s.Kept) > 0 {
		out = append(out, fmt.Sprintf("%s did not read and %s kept in the customer's notes:",
			Plural(len(s.Kept), "optional field", "optional fields"), Noun(len(s.Kept), "was", "were")))
		for _, k := range s.Kept {
			out = append(out, "  "+k)
		}
	}
	return out
}

// Importer reads files into the book: Plan says what a file would do,
// writing nothing; Apply does it, all or nothing. The interface's import
// screens call it (store/importer.For gives one over a book), so that the
// interface never reads a file itself.
type Importer interface {
	Plan(ctx context.Context, path string, opt ImportOptions) (ImportPreview, error)
	Apply(ctx context.Context, path string, opt ImportOptions) (ImportPreview, error)
	// Formats are the formats a file may be read as, to choose among.
	Formats() []ImportFormat
	// Encodings are the encodings a file may be read in ("utf-8", …).
	Encodings() []string
	// Fields are the fields a column mapping gives columns to.
	Fields() []ImportField
}

// ImportOptions tune an import: clientele import's flags, the import
// screen's choices.
type ImportOptions struct {
	// Format is one of the formats' names; "" or "auto" finds it from the
	// header.
	Format string
	// DryRun reads and checks everything, writes it inside the
	// transaction to count it truly, then rolls back.
	DryRun bool
	// Encoding is one of the encodings; "" finds it from the file.
	Encoding string
	// DateOrder is "dmy" or "mdy" for a file whose dates all read either
	// way; "" takes the book's setting.
	DateOrder string
	// Columns names the file's column for each field, for a header that
	// matches no format: "date=Created,customer=Client,amount=Total".
	// A mapping used by an import that is written is kept for the header,
	// and used again for the next file with the same header.
	Columns string
	// Samples is how many of the first orders or customers the preview
	// shows as they will be stored; 0 means 5.
	Samples int
	// Progress, when set, is called every few thousand rows and once at
	// the end with the rows read so far and the time since the start.
	// Cancelling the import's context stops it at the next call.
	Progress func(rows int, elapsed time.Duration)
}

// ImportPreview is what an import does or would do: the summary, the
// format and the others the header could be read as, and the first
// records as they are stored. A refused file's preview still holds what
// was found before the refusal (the header, its first rows, the formats
// it nearly is), for the choices that would read it.
type ImportPreview struct {
	Summary ImportSummary
	// Label names the format in words: "Etsy Sold Orders".
	Label string
	// Alternatives are the other formats this header could be read as
	// (by name), for a choice of format (ImportOptions.Format); for a
	// header that fits several formats equally, those formats.
	Alternatives []string
	// Columns are the names of the sample cells.
	Columns []string
	// Samples are the first orders or customers as they are stored.
	Samples []ImportSample
	// Conflicts are the first orders left alone because they were edited
	// here since their import (Summary.Conflicts counts them all).
	Conflicts []ImportSample
	// Header is the file's header, for a column mapping; Rows its first
	// data rows as written.
	Header []string
	Rows   [][]string
	// Mapping is the column mapping the file was read with, given or kept
	// for its header; "" when its format was found.
	Mapping string
	// Unmatched reports a header that matches no format: a column mapping
	// reads it.
	Unmatched bool
	// DatesEitherWay reports a file whose every date reads either way
	// (03/04): the order of day and month is a choice (DateOrder).
	DatesEitherWay bool
}

// ImportSample is one order or customer as an import stores it.
type ImportSample struct {
	Line    int    // the file line it starts at
	Outcome string // "new", "changed", "unchanged", "conflict: …", "ignored: …"
	ID      string // the order's or customer's id in the file, if it has one
	Cells   []string
}

// ImportFormat is a format a file may be read as.
type ImportFormat struct {
	Name  string // as --format names it: "etsy"
	Label string // in words: "Etsy Sold Orders"
}

// ImportField is a field a column mapping may give a column.
type ImportField struct {
	Name string // as --columns names it: "date"
	// Kind is the format a mapping with this field reads: "orders" or
	// "customers".
	Kind string
	What string // what it holds, in words
	// Need groups the fields a mapping needs one of ("" for optional
	// fields): an orders mapping needs a date and an amount or a price.
	Need string
}

// ColumnPair is one field of a column mapping and the file's column that
// holds it.
type ColumnPair struct{ Field, Column string }

// ParseColumns reads a column mapping, "date=Created,customer=Client,
// amount=Total": pairs apart by commas, each field=column; a pair whose
// column's name holds a comma or a quote is in double quotes, as in a CSV
// ("amount=Total, with VAT"). The names are trimmed; empty pairs are
// left out.
func ParseColumns(s string) ([]ColumnPair, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	r := csv.NewReader(strings.NewReader(s))
	r.LazyQuotes, r.TrimLeadingSpace = true, true
	rec, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%q is not field=column pairs apart by commas: %w", s, err)
	}
	var out []ColumnPair
	for _, pair := range rec {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		f, c, ok := strings.Cut(pair, "=")
		f, c = strings.TrimSpace(f), strings.TrimSpace(c)
		if !ok || f == "" || c == "" {
			return nil, fmt.Errorf("%q is not field=column", pair)
		}
		out = append(out, ColumnPair{Field: strings.ToLower(f), Column: c})
	}
	if len(out) == 0 {
		return nil, errors.New("it names no column")
	}
	return out, nil
}

// FormatColumns writes a column mapping as ParseColumns reads it.
func FormatColumns(pairs []ColumnPair) string {
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte(',')
		}
		pair := p.Field + "=" + p.Column
		if strings.ContainsAny(pair, ",\"\r\n") || strings.TrimSpace(pair) != pair {
			pair = `"` + strings.ReplaceAll(pair, `"`, `""`) + `"`
		}
		b.WriteString(pair)
	}
	return b.String()
}
