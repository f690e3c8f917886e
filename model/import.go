package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
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
