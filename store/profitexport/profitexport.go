// Package profitexport writes the profitability summary of a period
// (model.ProfitSummary) for the accountant, the bank or a quarterly
// review: `clientele export`. CSV has a row per customer with an order or
// a cost in the period and one for the unattributed; Markdown is a page a
// person reads; JSON carries the period, the currency, the totals, the
// customers and the unattributed.
package profitexport

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"clientele/model"
	"clientele/store/exportfile"
)

// Format is an export format: CSV, Markdown or JSON.
type Format = exportfile.Format

// Formats lists the formats, the default first (see exportfile.Pick).
var Formats = []Format{exportfile.CSV, exportfile.Markdown, exportfile.JSON}

// Store is what a summary is read from.
type Store interface {
	// ProfitBookWithoutMonths is model.ProfitStore's ProfitBook with no
	// months: no export writes them.
	ProfitBookWithoutMonths(ctx context.Context, p model.Period) (model.ProfitBook, error)
	Settings(ctx context.Context) (model.Settings, error)
}

// Summary reads the book of period p and analyses it as of today, with
// the currency and tier names of the settings. Its months are empty.
func Summary(ctx context.Context, s Store, p model.Period, today time.Time) (model.ProfitSummary, error) {
	settings, err := s.Settings(ctx)
	if err != nil {
		return model.ProfitSummary{}, err
	}
	book, err := s.ProfitBookWithoutMonths(ctx, p)
	if err != nil {
		return model.ProfitSummary{}, err
	}
	return model.AnalyseProfit(book, model.ProfitOptions{Today: today, Settings: settings}), nil
}

// Period reads --from and --to (YYYY-MM-DD, or a day as model.ParseDate
// takes it: today, -30 …); either may be empty, leaving that end open, and
// both empty is all time. A whole calendar year is that year. Errors name
// the flag.
func Period(from, to string, today time.Time) (model.Period, error) {
	day := func(flag, s string) (time.Time, error) {
		if strings.TrimSpace(s) == "" {
			return time.Time{}, nil
		}
		d, err := model.ParseDate(s, today)
		if err != nil {
			return d, fmt.Errorf("--%s: %w", flag, err)
		}
		return d, nil
	}
	f, err := day("from", from)
	if err != nil {
		return model.Period{}, err
	}
	t, err := day("to", to)
	if err != nil {
		return model.Period{}, err
	}
	p, err := model.CustomPeriod(f, t)
	if err != nil {
		return p, fmt.Errorf("--%w", err) // the field error reads "to: … is before the start"
	}
	if y := f.Year(); !f.IsZero() && f.Equal(model.CalendarYear(y).From) && t.Equal(model.CalendarYear(y).To) {
		return model.CalendarYear(y), nil
	}
	return p, nil
}

// Write writes the summary to w as format: "csv", "md" or "json" (the
// Formats). The summary is taken by value, as the Profit screen holds it;
// it is a few slice headers.
func Write(w io.Writer, s model.ProfitSummary, format string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch Format(format) {
	case exportfile.CSV:
		err = writeCSV(bw, &s)
	case exportfile.Markdown:
		err = writeMarkdown(bw, &s)
	case exportfile.JSON:
		err = writeJSON(bw, &s)
	default:
		err = fmt.Errorf("unknown export format %q: use csv, md or json", format)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// WriteFile writes the summary to path atomically and privately (see
// exportfile.Write): a failed export leaves no file, or the old one.
func WriteFile(path string, s model.ProfitSummary, format string) error {
	return exportfile.Write(path, func(w io.Writer) error { return Write(w, s, format) })
}

// Header is the CSV header: the columns issue 3 names first, then the
// ones that explain them.
var Header = []string{"ref", "customer", "stage", "segments", "orders", "revenue", "direct_cost", "cost_to_serve",
	"profit", "margin", "first_order", "last_order", "recency_days", "rfm", "rfm_segment", "acquisition_cost",
	"lifetime_profit", "sales", "refunds", "refund_orders", "costs", "tier", "archived"}

// Unattributed is the customer cell of the row of orders and costs that
// belong to no customer.
const Unattributed = "(unattributed)"

func writeCSV(w io.Writer, s *model.ProfitSummary) error {
	var r csvRow
	for _, h := range Header {
		r.text(h)
	}
	r.end()
	for i := range s.Customers {
		r.customer(&s.Customers[i])
		if len(r.b) >= 32<<10 {
			if _, err := w.Write(r.b); err != nil {
				return err
			}
			r.b = r.b[:0]
		}
	}
	u := s.Unattributed
	u.Ref, u.Name, u.Stage, u.Segments = "", Unattributed, "", nil
	r.customer(&u)
	_, err := w.Write(r.b)
	return err
}

// customer appends c's row: text neutralised, numbers as they are (money
// a plain decimal such as 5391.21, margin a ratio such as 0.4812), and
// the empty cell where a figure does not apply.
func (r *csvRow) customer(c *model.CustomerProfit) {
	r.text(c.Ref)
	r.text(c.Name)
	r.text(string(c.Stage))
	r.text(strings.Join(c.Segments, ", "))
	r.int(c.SaleOrders)
	r.money(c.Revenue)
	r.money(c.DirectCost)
	r.money(c.CostToServe)
	r.money(c.Profit)
	r.cell()
	if c.HasMargin {
		r.b = strconv.AppendFloat(r.b, c.Margin, 'f', 4, 64)
	}
	r.date(c.FirstSale)
	r.date(c.LastSale)
	r.intIf(c.RecencyDays, c.RecencyDays >= 0)
	r.text(c.RFM())
	r.text(c.RFMSegment)
	r.money(c.Acquisition)
	r.money(c.LifetimeProfit)
	r.money(c.Sales)
	r.money(c.Refunds)
	r.int(c.RefundOrders)
	r.int(c.Costs)
	r.intIf(c.Tier, c.Tier >= 1 && c.Tier <= model.Tiers)
	r.cell()
	r.b = strconv.AppendBool(r.b, c.Archived)
	r.end()
}

// csvRow builds CSV records as encoding/csv writes them (commas, a field
// quoted only when it holds a comma, a quote or a line break or starts
// with a space, quotes doubled, LF line ends), straight into bytes: the
// export writes a hundred thousand rows of two dozen cells, and a string
// per number was most of its time. The tests read it back with
// encoding/csv.
type csvRow struct {
	b     []byte
	cells int
}

// cell starts the next cell of the record.
func (r *csvRow) cell() {
	if r.cells > 0 {
		r.b = append(r.b, ',')
	}
	r.cells++
}

// end ends the record.
func (r *csvRow) end() {
	r.b = append(r.b, '\n')
	r.cells = 0
}

// text appends a text cell, neutralised for spreadsheets.
func (r *csvRow) text(s string) {
	r.cell()
	s = exportfile.CSVCell(s)
	if !needsQuotes(s) {
		r.b = append(r.b, s...)
		return
	}
	r.b = append(r.b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			r.b = append(r.b, '"')
		}
		r.b = append(r.b, s[i])
	}
	r.b = append(r.b, '"')
}

// needsQuotes is encoding/csv's rule for a comma-separated field.
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func (r *csvRow) int(n int) { r.intIf(n, true) }

// intIf appends n, or an empty cell unless ok.
func (r *csvRow) intIf(n int, ok bool) {
	r.cell()
	if ok {
		r.b = strconv.AppendInt(r.b, int64(n), 10)
	}
}

func (r *csvRow) money(m model.Money) {
	r.cell()
	r.b = m.AppendDecimal(r.b)
}

// date appends a day as YYYY-MM-DD, or an empty cell for none.
func (r *csvRow) date(t time.Time) {
	r.cell()
	if !t.IsZero() {
		r.b = t.AppendFormat(r.b, model.DateLayout)
	}
}
