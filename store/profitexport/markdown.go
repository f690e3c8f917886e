package profitexport

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"clientele/model"
	"clientele/store/exportfile"
)

// writeMarkdown writes the one-page summary: the period, the totals, what
// the whale curve says, the top and bottom customers with why, and the
// tiers.
func writeMarkdown(w io.Writer, s *model.ProfitSummary) error {
	money := func(m model.Money) string { return m.Format(s.Symbol) }
	t := s.Totals
	ew := &errWriter{w: w}
	ew.printf("# Profitability summary\n\n")
	ew.printf("- Period: %s, figures as of %s\n", s.Period, model.FormatDate(s.AsOf))
	ew.printf("- Currency: %s\n\n", s.Currency)

	ew.printf("## Totals\n\n| | |\n| --- | ---: |\n")
	for _, row := range [][2]string{
		{"Customers with an order or a cost", count(t.Customers)},
		{"Sale orders", count(t.Orders)},
		{"Sales", money(t.Sales)},
		{"Refunds", money(t.Refunds)},
		{"Revenue", money(t.Revenue)},
		{"Direct cost", money(t.DirectCost)},
		{"Cost to serve", money(t.CostToServe)},
		{"Profit", money(t.Profit)},
		{"Margin", percent(t.Margin, t.HasMargin)},
		{"Acquisition cost of these customers", money(t.Acquisition)},
		{"Unattributed revenue (in the totals)", money(s.Unattributed.Revenue)},
		{"Unattributed profit (in the totals)", money(s.Unattributed.Profit)},
	} {
		ew.printf("| %s | %s |\n", row[0], row[1])
	}
	if t.Uncosted != 0 {
		// The margin counts it whole as profit: say so, as the Profit tab does.
		ew.printf("| Revenue with no unit cost recorded (counted as profit) | %s, %s |\n", money(t.Uncosted),
			model.Plural(t.UncostedCustomers, "customer", "customers"))
	}

	ew.printf("\n## Whale curve\n\n%s.\n", sentence(s.Headline))
	if n := len(s.Customers); n > 0 {
		k, share := s.WhalePeak()
		if _, ok := s.WhaleShare(k); ok {
			ew.printf("The curve peaks at the top %s of %s customers, who earn %s of the customers' profit of %s.\n",
				count(k), count(n), percent(share, true), money(s.CustomerProfitTotal()))
		}
	}

	ranked := func(title string, rs []model.Ranked) {
		ew.printf("\n## %s\n\n", title)
		if len(rs) == 0 {
			ew.printf("None.\n")
			return
		}
		ew.printf("| # | ref | customer | revenue | profit | why |\n| ---: | --- | --- | ---: | ---: | --- |\n")
		for i, r := range rs {
			c := &s.Customers[r.Index]
			ew.printf("| %d | %s | %s | %s | %s | %s |\n", i+1, exportfile.MarkdownCell(c.Ref),
				exportfile.MarkdownCell(c.Name), money(c.Revenue), money(c.Profit), exportfile.MarkdownCell(r.Reason))
		}
	}
	ranked("Most profitable customers", s.Top)
	ranked("Least profitable customers", s.Bottom)

	ew.printf("\n## By tier\n\n")
	if len(s.Tiers) == 0 {
		ew.printf("None.\n")
		return ew.err
	}
	ew.printf("| tier | customers | revenue | profit | margin |\n| --- | ---: | ---: | ---: | ---: |\n")
	for _, tp := range s.Tiers {
		ew.printf("| %s | %s | %s | %s | %s |\n", exportfile.MarkdownCell(tp.Name), count(tp.Customers),
			money(tp.Revenue), money(tp.Profit), percent(tp.Margin, tp.HasMargin))
	}
	return ew.err
}

// errWriter keeps the first write error, so that a page of printf calls
// checks once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// count writes n with thousands separators: "88,000".
func count(n int) string { return strings.TrimSuffix(model.Money(int64(n)*100).String(), ".00") }

// percent writes a ratio as a whole percentage ("48%"), "–" without one.
func percent(r float64, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%d%%", int(math.Round(r*100)))
}

// sentence starts s with a capital letter.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
