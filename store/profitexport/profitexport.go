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
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"clientele/model"
	"clientele/store/exportfile"
)

// Format is an export format: CSV, Markdown or JSON.
type Format = exportfile.Format

// Formats lists the formats, the default first (see exportfile.Pick).
var Formats = []Format{exportfile.CSV, exportfile.Markdown, exportfile.JSON}

// Store is what a summary is read from.
type Store interface {
	model.ProfitStore
	Settings(ctx context.Context) (model.Settings, error)
}

// Summary reads the book of period p and analyses it as of today, with
// the currency and tier names of the settings.
func Summary(ctx context.Context, s Store, p model.Period, today time.Time) (model.ProfitSummary, error) {
	settings, err := s.Settings(ctx)
	if err != nil {
		return model.ProfitSummary{}, err
	}
	book, err := s.ProfitBook(ctx, p)
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

// Write writes the summary to w in format f.
func Write(w io.Writer, s *model.ProfitSummary, f Format) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch f {
	case exportfile.CSV:
		err = writeCSV(bw, s)
	case exportfile.Markdown:
		err = writeMarkdown(bw, s)
	case exportfile.JSON:
		err = writeJSON(bw, s)
	default:
		err = fmt.Errorf("unknown export format %q", f)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// WriteFile writes the summary to path atomically and privately (see
// exportfile.Write): a failed export leaves no file, or the old one.
func WriteFile(path string, s *model.ProfitSummary, f Format) error {
	return exportfile.Write(path, func(w io.Writer) error { return Write(w, s, f) })
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
	cw := csv.NewWriter(w)
	if err := cw.Write(Header); err != nil {
		return err
	}
	rec := make([]string, len(Header))
	for i := range s.Customers {
		if err := cw.Write(csvRecord(rec, &s.Customers[i])); err != nil {
			return err
		}
	}
	u := s.Unattributed
	u.Ref, u.Name, u.Stage, u.Segments = "", Unattributed, "", nil
	if err := cw.Write(csvRecord(rec, &u)); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// csvRecord fills rec with c's row: text neutralised, numbers as they are
// (money a plain decimal such as 5391.21, margin a ratio such as 0.4812),
// and the empty cell where a figure does not apply.
func csvRecord(rec []string, c *model.CustomerProfit) []string {
	text := exportfile.Neutralise
	rec = append(rec[:0], text(c.Ref), text(c.Name), text(string(c.Stage)), text(strings.Join(c.Segments, ", ")),
		strconv.Itoa(c.SaleOrders), c.Revenue.Decimal(), c.DirectCost.Decimal(), c.CostToServe.Decimal(),
		c.Profit.Decimal(), margin(c.Margin, c.HasMargin), model.FormatDate(c.FirstSale),
		model.FormatDate(c.LastSale), recency(c.RecencyDays), c.RFM(), c.RFMSegment, c.Acquisition.Decimal(),
		c.LifetimeProfit.Decimal(), c.Sales.Decimal(), c.Refunds.Decimal(), strconv.Itoa(c.RefundOrders),
		strconv.Itoa(c.Costs), tier(c.Tier), strconv.FormatBool(c.Archived))
	return rec
}

// margin writes a ratio with four decimals ("0.4812"), "" without one.
func margin(m float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(m, 'f', 4, 64)
}

func recency(days int) string {
	if days < 0 {
		return ""
	}
	return strconv.Itoa(days)
}

func tier(t int) string {
	if t < 1 || t > model.Tiers {
		return ""
	}
	return strconv.Itoa(t)
}
