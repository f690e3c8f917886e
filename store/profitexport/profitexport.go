// Package profitexport writes a profitability summary for a spreadsheet
// (CSV), a person (Markdown) or a program (JSON): what `clientele export`
// and the Profit screen's x write.
package profitexport

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"clientele/model"
	"clientele/store/feedbackexport"
)

// Header is the CSV header: one row per customer with an order or a cost
// in the period, then the unattributed row.
var Header = []string{"ref", "customer", "stage", "segments", "orders", "revenue", "direct_cost", "cost_to_serve",
	"profit", "margin", "first_order", "last_order", "recency_days", "rfm", "rfm_segment", "acquisition_cost",
	"lifetime_profit"}

// Write writes s to w as format: "csv", "md" or "json".
func Write(w io.Writer, s model.ProfitSummary, format string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch format {
	case "csv":
		err = writeCSV(bw, &s)
	case "md":
		err = writeMarkdown(bw, &s)
	case "json":
		err = writeJSON(bw, &s)
	default:
		err = fmt.Errorf("unknown export format %q: use csv, md or json", format)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// margin writes a margin as a plain ratio, or "" without revenue.
func margin(m float64, has bool) string {
	if !has {
		return ""
	}
	return strconv.FormatFloat(m, 'f', 4, 64)
}

func writeCSV(w io.Writer, s *model.ProfitSummary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Header); err != nil {
		return err
	}
	row := func(c *model.CustomerProfit, ref string) error {
		recency := ""
		if c.RecencyDays >= 0 {
			recency = strconv.Itoa(c.RecencyDays)
		}
		return cw.Write([]string{feedbackexport.Neutralise(ref), feedbackexport.Neutralise(c.Name), string(c.Stage),
			feedbackexport.Neutralise(strings.Join(c.Segments, ", ")), strconv.Itoa(c.SaleOrders), c.Revenue.Decimal(),
			c.DirectCost.Decimal(), c.CostToServe.Decimal(), c.Profit.Decimal(), margin(c.Margin, c.HasMargin),
			model.FormatDate(c.FirstSale), model.FormatDate(c.LastSale), recency, c.RFM(), c.RFMSegment,
			c.Acquisition.Decimal(), c.LifetimeProfit.Decimal()})
	}
	for i := range s.Customers {
		if err := row(&s.Customers[i], s.Customers[i].Ref); err != nil {
			return err
		}
	}
	if err := row(&s.Unattributed, ""); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// mdCell makes text one Markdown table cell: control characters visible,
// pipes escaped.
func mdCell(s string) string { return strings.ReplaceAll(model.Printable(s), "|", `\|`) }

func writeMarkdown(w io.Writer, s *model.ProfitSummary) error {
	t := s.Totals
	money := func(m model.Money) string { return m.Format(s.Symbol) }
	fmt.Fprintf(w, "# Profitability: %s\n\n", s.Period)
	fmt.Fprintf(w, "- Revenue: %s\n- Direct cost: %s\n- Cost to serve: %s\n- Profit: %s\n", money(t.Revenue),
		money(t.DirectCost), money(t.CostToServe), money(t.Profit))
	if t.HasMargin {
		fmt.Fprintf(w, "- Margin: %.0f%%\n", t.Margin*100)
	}
	fmt.Fprintf(w, "- Customers: %d; sale orders: %d; unattributed revenue: %s\n\n", t.Customers, t.Orders,
		money(s.Unattributed.Revenue))
	fmt.Fprintf(w, "%s.\n", s.Headline)
	ranked := func(title string, list []model.Ranked) {
		fmt.Fprintf(w, "\n## %s\n\n| customer | revenue | profit | why |\n| --- | ---: | ---: | --- |\n", title)
		for _, r := range list {
			c := &s.Customers[r.Index]
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", mdCell(c.Name), money(c.Revenue), money(c.Profit), mdCell(r.Reason))
		}
	}
	ranked("Most profitable", s.Top)
	ranked("Least profitable", s.Bottom)
	fmt.Fprintf(w, "\n## By tier\n\n| tier | customers | revenue | profit |\n| --- | ---: | ---: | ---: |\n")
	for _, tr := range s.Tiers {
		fmt.Fprintf(w, "| %s | %d | %s | %s |\n", mdCell(tr.Name), tr.Customers, money(tr.Revenue), money(tr.Profit))
	}
	return nil
}

// jsonCustomer is one customer in the JSON export; money is a decimal.
type jsonCustomer struct {
	Ref         string      `json:"ref"`
	Name        string      `json:"customer"`
	Stage       string      `json:"stage,omitempty"`
	Orders      int         `json:"orders"`
	Revenue     json.Number `json:"revenue"`
	DirectCost  json.Number `json:"direct_cost"`
	CostToServe json.Number `json:"cost_to_serve"`
	Profit      json.Number `json:"profit"`
}

func customerJSON(c *model.CustomerProfit, ref string) jsonCustomer {
	return jsonCustomer{Ref: ref, Name: c.Name, Stage: string(c.Stage), Orders: c.SaleOrders,
		Revenue: json.Number(c.Revenue.Decimal()), DirectCost: json.Number(c.DirectCost.Decimal()),
		CostToServe: json.Number(c.CostToServe.Decimal()), Profit: json.Number(c.Profit.Decimal())}
}

func writeJSON(w io.Writer, s *model.ProfitSummary) error {
	t := s.Totals
	out := struct {
		Period       string         `json:"period"`
		Currency     string         `json:"currency"`
		Totals       map[string]any `json:"totals"`
		Customers    []jsonCustomer `json:"customers"`
		Unattributed jsonCustomer   `json:"unattributed"`
	}{Period: s.Period.String(), Currency: s.Currency, Customers: []jsonCustomer{},
		Totals: map[string]any{"customers": t.Customers, "orders": t.Orders,
			"revenue": json.Number(t.Revenue.Decimal()), "direct_cost": json.Number(t.DirectCost.Decimal()),
			"cost_to_serve": json.Number(t.CostToServe.Decimal()), "profit": json.Number(t.Profit.Decimal())},
		Unattributed: customerJSON(&s.Unattributed, "")}
	for i := range s.Customers {
		out.Customers = append(out.Customers, customerJSON(&s.Customers[i], s.Customers[i].Ref))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
