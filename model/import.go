package model

import (
	"fmt"
	"strings"
)

// ImportSummary says what an import added, or would add in a dry run, and
// what it skipped because an earlier import of the same file had added it.
type ImportSummary struct {
	Format       string // the format the file was read as
	Rows         int    // data rows read
	Customers    int
	Offerings    int
	Orders       int
	Unattributed int // of Orders, those with no customer
	Lines        int
	Costs        int
	Skipped      int // orders and customers already imported
	DryRun       bool
}

// String says what happened in one line: "Imported 2,025 orders (42,481
// lines), 948 customers, 2,822 offerings from online-retail."
func (s ImportSummary) String() string {
	verb := "Imported"
	if s.DryRun {
		verb = "Would import"
	}
	if s.Orders+s.Customers+s.Offerings+s.Costs == 0 {
		if s.Skipped > 0 {
			return fmt.Sprintf("Nothing new in this %s file: its %s already imported.", s.Format,
				Plural(s.Skipped, "record was", "records were"))
		}
		return fmt.Sprintf("Nothing to import: the %s file has no rows.", s.Format)
	}
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
	out := fmt.Sprintf("%s %s from %s", verb, strings.Join(parts, ", "), s.Format)
	if s.Skipped > 0 {
		out += fmt.Sprintf("; skipped %s already imported", Commas(s.Skipped))
	}
	return out + "."
}
