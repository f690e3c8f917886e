package profitexport

import (
	"encoding/json"
	"io"
	"strconv"

	"clientele/model"
	"clientele/store/exportfile"
)

// The JSON export. Keys are the CSV's column names. Money is a JSON number
// written from the minor units as a plain decimal (5391.21), never through
// a float; a figure that does not apply (a margin without revenue, the
// recency of no sale) is null. The document is an object with the period,
// the currency, the totals, the customers and the unattributed, written a
// customer at a time (exportfile.JSONObject): a book of a hundred thousand
// customers is never a whole document in memory.
type jsonPeriod struct {
	Name string `json:"name"`           // "all time", "2025", "1 Dec 2025 – 23 Nov 2026"
	From string `json:"from,omitempty"` // the first day; absent when open
	To   string `json:"to,omitempty"`   // the last day; absent when open
	AsOf string `json:"as_of"`          // recency is counted to this day
}

type jsonTotals struct {
	Customers   int          `json:"customers"`
	Orders      int          `json:"orders"`
	Sales       json.Number  `json:"sales"`
	Refunds     json.Number  `json:"refunds"`
	Revenue     json.Number  `json:"revenue"`
	DirectCost  json.Number  `json:"direct_cost"`
	CostToServe json.Number  `json:"cost_to_serve"`
	Profit      json.Number  `json:"profit"`
	Margin      *json.Number `json:"margin"`
	Acquisition json.Number  `json:"acquisition_cost"`
}

type jsonCustomer struct {
	Ref            string       `json:"ref"`
	Customer       string       `json:"customer"`
	Stage          string       `json:"stage"`
	Segments       []string     `json:"segments"`
	Orders         int          `json:"orders"`
	Revenue        json.Number  `json:"revenue"`
	DirectCost     json.Number  `json:"direct_cost"`
	CostToServe    json.Number  `json:"cost_to_serve"`
	Profit         json.Number  `json:"profit"`
	Margin         *json.Number `json:"margin"`
	FirstOrder     *string      `json:"first_order"`
	LastOrder      *string      `json:"last_order"`
	RecencyDays    *int         `json:"recency_days"`
	RFM            *string      `json:"rfm"`
	RFMSegment     *string      `json:"rfm_segment"`
	Acquisition    json.Number  `json:"acquisition_cost"`
	LifetimeProfit json.Number  `json:"lifetime_profit"`
	Sales          json.Number  `json:"sales"`
	Refunds        json.Number  `json:"refunds"`
	RefundOrders   int          `json:"refund_orders"`
	Costs          int          `json:"costs"`
	Tier           *int         `json:"tier"`
	Archived       bool         `json:"archived"`
}

func writeJSON(w io.Writer, s *model.ProfitSummary) error {
	t := s.Totals
	o := exportfile.NewJSONObject(w, " ")
	o.Member("period", jsonPeriod{Name: s.Period.String(), From: model.FormatDate(s.Period.From),
		To: model.FormatDate(s.Period.To), AsOf: model.FormatDate(s.AsOf)})
	o.Member("currency", s.Currency)
	o.Member("totals", jsonTotals{Customers: t.Customers, Orders: t.Orders, Sales: number(t.Sales),
		Refunds: number(t.Refunds), Revenue: number(t.Revenue), DirectCost: number(t.DirectCost),
		CostToServe: number(t.CostToServe), Profit: number(t.Profit), Margin: nullable(margin(t.Margin, t.HasMargin)),
		Acquisition: number(t.Acquisition)})
	o.Array("customers")
	var r jsonCustomer // one record boxed for the encoder, not one a customer
	for i := range s.Customers {
		r = jsonRow(&s.Customers[i])
		o.Element(&r)
	}
	o.EndArray()
	u := jsonRow(&s.Unattributed)
	u.Customer = Unattributed
	o.Member("unattributed", u)
	return o.Close()
}

func jsonRow(c *model.CustomerProfit) jsonCustomer {
	r := jsonCustomer{Ref: c.Ref, Customer: c.Name, Stage: string(c.Stage), Segments: c.Segments,
		Orders: c.SaleOrders, Revenue: number(c.Revenue), DirectCost: number(c.DirectCost),
		CostToServe: number(c.CostToServe), Profit: number(c.Profit), Margin: nullable(margin(c.Margin, c.HasMargin)),
		FirstOrder: text(model.FormatDate(c.FirstSale)), LastOrder: text(model.FormatDate(c.LastSale)),
		RFM: text(c.RFM()), RFMSegment: text(c.RFMSegment), Acquisition: number(c.Acquisition),
		LifetimeProfit: number(c.LifetimeProfit), Sales: number(c.Sales), Refunds: number(c.Refunds),
		RefundOrders: c.RefundOrders, Costs: c.Costs, Archived: c.Archived}
	if r.Segments == nil {
		r.Segments = []string{}
	}
	if c.RecencyDays >= 0 {
		r.RecencyDays = &c.RecencyDays
	}
	if c.Tier >= 1 && c.Tier <= model.Tiers {
		r.Tier = &c.Tier
	}
	return r
}

// margin writes a ratio with four decimals ("0.4812"), "" without one.
func margin(m float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(m, 'f', 4, 64)
}

func number(m model.Money) json.Number { return json.Number(m.Decimal()) }

// nullable is s as a JSON number, or null for "".
func nullable(s string) *json.Number {
	if s == "" {
		return nil
	}
	n := json.Number(s)
	return &n
}

// text is s, or null for "".
func text(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
