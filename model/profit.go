package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// The profitability engine: what each customer earns the business over a
// period, as DESIGN.md defines it. The store sums the records into
// ProfitFacts; AnalyseProfit turns them into the figures the Profit screen
// draws and the export writes. Everything here is pure.

// ProfitFacts are one customer's sums as the store reads them. Refund
// amounts are negative, as the order lines hold them.
type ProfitFacts struct {
	ID       int64 // 0 for the unattributed row
	Ref      string
	Name     string
	Stage    Stage
	Segments []string
	Tier     int
	Archived bool

	// In the period.
	SaleOrders   int   // distinct sale orders
	RefundOrders int   // distinct refund orders
	Costs        int   // cost entries of any category
	Sales        Money // Σ amount of sale lines
	Refunds      Money // Σ amount of refund lines, ≤ 0
	DirectCost   Money // Σ quantity × unit cost of every line
	CostToServe  Money // costs other than acquisition
	FirstSale    time.Time
	LastSale     time.Time

	// All time.
	LifetimeRevenue     Money
	LifetimeDirectCost  Money
	LifetimeCostToServe Money
	// Acquisition is what winning them cost: the customer's acquisition
	// cost plus every cost of category acquisition.
	Acquisition Money
}

// Active reports whether they had an order or a cost in the period: the
// customers a summary lists.
func (f *ProfitFacts) Active() bool { return f.SaleOrders+f.RefundOrders+f.Costs > 0 }

// MonthFacts are the whole business's sums for one month of the period,
// unattributed sales included.
type MonthFacts struct {
	Month       time.Time // its first day
	Revenue     Money
	DirectCost  Money
	CostToServe Money
}

// ProfitBook is what the store reads for a period.
type ProfitBook struct {
	Period       Period
	Customers    []ProfitFacts
	Unattributed ProfitFacts // orders with no customer, costs on no one
	Months       []MonthFacts
	// FirstDay and LastDay bound every order and cost there is; zero when
	// there are none. They close an open period for the monthly bars.
	FirstDay, LastDay time.Time
}

// CustomerProfit is one row of the summary.
type CustomerProfit struct {
	ProfitFacts
	Revenue        Money // sales net of refunds
	Profit         Money // revenue − direct cost − cost to serve
	Margin         float64
	HasMargin      bool // revenue is positive
	LifetimeProfit Money
	// RecencyDays counts the days from the last sale in the period to its
	// end; -1 without a sale.
	RecencyDays int
	// R, F and M score recency, frequency and monetary value 1–5 among the
	// period's buyers; 0 without a sale.
	R, F, M    int
	RFMSegment string
}

// NoUnitCost reports whether the customer's sales and refunds in the
// period carry no direct cost at all: no line had a unit cost (an import
// without a cost column, offerings without one), so their margin counts
// every sale as profit.
func (c *CustomerProfit) NoUnitCost() bool {
	return (c.Sales != 0 || c.Refunds != 0) && c.DirectCost == 0
}

// RFM writes the three scores as one code ("545"), or "" without a sale.
func (c *CustomerProfit) RFM() string {
	if c.R < 1 || c.R > 9 || c.F < 1 || c.F > 9 || c.M < 1 || c.M > 9 {
		return ""
	}
	return string([]byte{byte('0' + c.R), byte('0' + c.F), byte('0' + c.M)})
}

// ProfitTotals sum the whole business: every customer and the
// unattributed row, so revenue equals the sum of all order lines in the
// period.
type ProfitTotals struct {
	Customers   int // customers with an order or a cost in the period
	Orders      int // sale orders, unattributed ones included
	Sales       Money
	Refunds     Money
	Revenue     Money
	DirectCost  Money
	CostToServe Money
	Profit      Money
	Margin      float64
	HasMargin   bool
	Acquisition Money // of the customers listed
	// Uncosted is the revenue of the customers (and the unattributed
	// sales) whose sales carry no unit cost at all (NoUnitCost):
	// UncostedCustomers of them. The margin counts it whole as profit.
	Uncosted          Money
	UncostedCustomers int
}

// Ranked is a customer in the top or bottom list, with why they are there.
type Ranked struct {
	Index  int // into ProfitSummary.Customers
	Reason string
}

// MonthProfit is one bar of the monthly chart.
type MonthProfit struct {
	Month   time.Time
	Revenue Money
	Profit  Money
}

// TierProfit sums one package tier's customers over the period, as the
// Segments tab's tiers do; Tier 0 is those in none.
type TierProfit = TierFit

// ProfitSummary is the analysis of one period.
type ProfitSummary struct {
	Period   Period
	AsOf     time.Time // the period's end: recency is counted to it
	Currency string
	Symbol   string
	// Customers are those with an order or a cost in the period, the most
	// profitable first: the order of the whale curve.
	Customers    []CustomerProfit
	Unattributed CustomerProfit
	Totals       ProfitTotals
	// Cumulative[i] is the profit of Customers[0..i]: the whale curve.
	Cumulative []Money
	Headline   string
	Top        []Ranked // most profitable first
	Bottom     []Ranked // least profitable first
	Months     []MonthProfit
	Tiers      []TierProfit
}

// ProfitOptions are the day and the settings an analysis runs with.
type ProfitOptions struct {
	Today    time.Time
	Settings Settings
}

// RankedSize is how many customers the top and bottom lists hold.
const RankedSize = 10

// AnalyseProfit computes every figure of the summary from the book.
func AnalyseProfit(b ProfitBook, opt ProfitOptions) ProfitSummary {
	s := ProfitSummary{Period: b.Period, AsOf: b.Period.End(opt.Today),
		Currency: opt.Settings.Currency, Symbol: opt.Settings.CurrencySymbol()}
	day := Day(s.AsOf)
	var p profitPass
	s.Customers, s.Cumulative, p = byProfit(b.Customers, day)
	// The RFM scores are written beside what the rest reads.
	var wg sync.WaitGroup
	wg.Go(func() { p.rfm.score(s.Customers) })
	s.Unattributed = customerProfit(&b.Unattributed, day)
	s.Unattributed.Name = "(unattributed)"
	s.Totals = p.totals
	s.Totals.add(&s.Unattributed)
	s.Totals.Revenue = s.Totals.Sales + s.Totals.Refunds
	s.Totals.Profit = s.Totals.Revenue - s.Totals.DirectCost - s.Totals.CostToServe
	s.Totals.Margin, s.Totals.HasMargin = marginOf(s.Totals.Profit, s.Totals.Revenue)
	s.Headline = s.whaleHeadline()
	s.Top, s.Bottom = s.ranked(p.buyers, p.revenue)
	s.Months = profitMonths(b)
	s.Tiers = tierRows(&p.tiers, opt.Settings)
	wg.Wait()
	return s
}

// profitPass is what building the rows gathers beside: the customers'
// part of the totals, the tiers' sums, the buyers and their revenue, the
// RFM measures, and the last figure of the whale curve.
type profitPass struct {
	totals  ProfitTotals // the customers' sums, before the unattributed row
	tiers   [Tiers + 1]TierFit
	buyers  int
	revenue Money // of the buyers
	run     Money
	rfm     rfmMeasures
}

// add adds row k, c, to the pass.
func (p *profitPass) add(k int, c *CustomerProfit) {
	p.totals.Customers++
	p.totals.add(c)
	p.totals.Acquisition += c.Acquisition
	if c.NoUnitCost() {
		p.totals.UncostedCustomers++
	}
	t := c.Tier
	if t < 1 || t > Tiers {
		t = 0
	}
	p.tiers[t].Customers++
	p.tiers[t].Buyers += boolInt(c.SaleOrders > 0)
	p.tiers[t].Revenue += c.Revenue
	p.tiers[t].Profit += c.Profit
	if c.SaleOrders > 0 {
		p.buyers++
		p.revenue += c.Revenue
	}
	if c.RecencyDays >= 0 {
		p.rfm.idx = append(p.rfm.idx, int32(k))
		p.rfm.rec = append(p.rfm.rec, int64(c.RecencyDays))
		p.rfm.freq = append(p.rfm.freq, int64(c.SaleOrders))
		p.rfm.mon = append(p.rfm.mon, int64(c.Revenue))
	}
	p.run += c.Profit
}

// join adds q, the pass over the rows after p's, to p.
func (p *profitPass) join(q *profitPass) {
	t, u := &p.totals, &q.totals
	t.Customers += u.Customers
	t.Orders += u.Orders
	t.Sales += u.Sales
	t.Refunds += u.Refunds
	t.DirectCost += u.DirectCost
	t.CostToServe += u.CostToServe
	t.Uncosted += u.Uncosted
	t.Acquisition += u.Acquisition
	t.UncostedCustomers += u.UncostedCustomers
	for i := range p.tiers {
		p.tiers[i].Customers += q.tiers[i].Customers
		p.tiers[i].Buyers += q.tiers[i].Buyers
		p.tiers[i].Revenue += q.tiers[i].Revenue
		p.tiers[i].Profit += q.tiers[i].Profit
	}
	p.buyers += q.buyers
	p.revenue += q.revenue
	p.run += q.run
	if len(q.rfm.idx) > 0 {
		p.rfm.grow(len(q.rfm.idx))
		p.rfm.idx = append(p.rfm.idx, q.rfm.idx...)
		p.rfm.rec = append(p.rfm.rec, q.rfm.rec...)
		p.rfm.freq = append(p.rfm.freq, q.rfm.freq...)
		p.rfm.mon = append(p.rfm.mon, q.rfm.mon...)
	}
}

// grow makes room for n more buyers.
func (m *rfmMeasures) grow(n int) {
	m.idx = slices.Grow(m.idx, n)
	m.rec, m.freq, m.mon = slices.Grow(m.rec, n), slices.Grow(m.freq, n), slices.Grow(m.mon, n)
}

// add adds a row's orders and money to the totals (not its acquisition
// or its count: the unattributed row is added so too).
func (t *ProfitTotals) add(c *CustomerProfit) {
	t.Orders += c.SaleOrders
	t.Sales += c.Sales
	t.Refunds += c.Refunds
	t.DirectCost += c.DirectCost
	t.CostToServe += c.CostToServe
	if c.NoUnitCost() {
		t.Uncosted += c.Sales + c.Refunds
	}
}

// rfmMeasures are the buyers' rows (idx) and their recency in days,
// frequency (sale orders) and monetary value (net revenue).
type rfmMeasures struct {
	idx            []int32
	rec, freq, mon []int64
}

// score scores the buyers as DESIGN.md defines RFM: recency (fewer days
// better), frequency (sale orders) and monetary value (net revenue),
// each 1–5 as RankQuintiles scores them, and names their place on the
// R×F grid.
func (m *rfmMeasures) score(cs []CustomerProfit) {
	if len(m.idx) == 0 {
		return
	}
	for j := range m.rec {
		m.rec[j] = -m.rec[j] // fewer days rank higher
	}
	rc, fc, mc := quintileCuts(m.rec), quintileCuts(m.freq), quintileCuts(m.mon)
	for j, i := range m.idx {
		c := &cs[i]
		c.R, c.F, c.M = quintileOf(m.rec[j], &rc), quintileOf(m.freq[j], &fc), quintileOf(m.mon[j], &mc)
		c.RFMSegment = RFMSegment(c.R, c.F)
	}
}

// byProfit returns the rows of the customers active in the period as of
// day, the most profitable first, then by name and id, rows that tie on
// all three in the book's order; the whale curve (the profit of the rows
// up to each); and what the pass that builds them gathers. It sorts small
// keys, each row's profit beside its index, comparing names only on a tie
// of profits and their first bytes, and then writes each row once, in its
// place.
func byProfit(fs []ProfitFacts, day time.Time) ([]CustomerProfit, []Money, profitPass) {
	keys, merged := profitKeys.room(len(fs)), profitMerged.room(0)
	for i := range fs {
		if f := &fs[i]; f.Active() {
			keys = append(keys, profitKey{f.Sales + f.Refunds - f.DirectCost - f.CostToServe, nameKeyOf(f.Name), int32(i)})
		}
	}
	unsorted := keys
	keys = sortInHalves(keys, merged, func(a, b profitKey) int {
		switch {
		case a.profit > b.profit:
			return -1
		case a.profit < b.profit:
			return 1
		}
		if c := a.name.compare(b.name); c != 0 {
			return c
		}
		x, y := &fs[a.i], &fs[b.i]
		return cmp.Or(strings.Compare(x.Name, y.Name), cmp.Compare(x.ID, y.ID), cmp.Compare(a.i, b.i))
	})
	out, cum := make([]CustomerProfit, len(keys)), make([]Money, len(keys))
	var passes [2]profitPass
	inHalves(len(keys), func(lo, hi int) {
		p := &passes[boolInt(lo > 0)]
		p.rfm.grow(hi - lo)
		for k := lo; k < hi; k++ {
			c := &out[k]
			*c = customerProfit(&fs[keys[k].i], day)
			p.add(k, c)
			cum[k] = p.run
		}
	})
	if first := passes[0].run; passes[1].totals.Customers > 0 {
		for k := passes[0].totals.Customers; k < len(cum); k++ {
			cum[k] += first
		}
	}
	passes[0].join(&passes[1])
	profitKeys.give(unsorted)
	if len(keys) > 0 && &keys[0] != &unsorted[0] { // merged from the halves
		profitMerged.give(keys)
	}
	return out, cum, passes[0]
}

// profitKey is a row's place in the order of profit: its profit, the
// first bytes of its name, its index in the book.
type profitKey struct {
	profit Money
	name   nameKey
	i      int32
}

// customerProfit is the row of f as of the day asOf (a midnight).
func customerProfit(f *ProfitFacts, asOf time.Time) CustomerProfit {
	c := CustomerProfit{ProfitFacts: *f, RecencyDays: -1}
	c.Revenue = f.Sales + f.Refunds
	c.Profit = c.Revenue - f.DirectCost - f.CostToServe
	c.Margin, c.HasMargin = marginOf(c.Profit, c.Revenue)
	c.LifetimeProfit = f.LifetimeRevenue - f.LifetimeDirectCost - f.LifetimeCostToServe - f.Acquisition
	if f.SaleOrders > 0 && !f.LastSale.IsZero() {
		c.RecencyDays = max(0, daysTo(f.LastSale, asOf))
	}
	return c
}

// RFMSegment names a place on the usual R×F grid (DESIGN.md).
func RFMSegment(r, f int) string { return rfmName(r, f) }

// CustomerProfitTotal is the profit of the customers listed, the
// unattributed row aside: the whole the whale curve takes its shares of.
func (s *ProfitSummary) CustomerProfitTotal() Money {
	if len(s.Cumulative) == 0 {
		return 0
	}
	return s.Cumulative[len(s.Cumulative)-1]
}

// WhaleShare is the share of the customers' profit the most profitable k
// customers earn (1.43 for 143%); false when the customers' profit is not
// positive, and shares of it mean nothing.
func (s *ProfitSummary) WhaleShare(k int) (float64, bool) {
	total := s.CustomerProfitTotal()
	if total <= 0 || k <= 0 {
		return 0, false
	}
	k = min(k, len(s.Cumulative))
	return float64(s.Cumulative[k-1]) / float64(total), true
}

// WhalePeak is where the curve is highest: how many customers, and their
// share of the profit.
func (s *ProfitSummary) WhalePeak() (int, float64) {
	best := 0
	for i := range s.Cumulative {
		if s.Cumulative[i] > s.Cumulative[best] {
			best = i
		}
	}
	share, _ := s.WhaleShare(best + 1)
	return best + 1, share
}

// ceilShare is how many of n customers make up the fraction p, at least one.
func ceilShare(n int, p float64) int {
	k := int(float64(n)*p + 0.999999)
	return max(1, min(n, k))
}

// whaleHeadline says what the curve shows in one line: "the top 20% of
// customers earn 143% of profit; the bottom 10% lose £1,240".
func (s *ProfitSummary) whaleHeadline() string {
	n := len(s.Customers)
	if n == 0 {
		return "no customer had an order or a cost in the period"
	}
	total := s.CustomerProfitTotal()
	var top string
	if share, ok := s.WhaleShare(ceilShare(n, 0.2)); ok {
		top = fmt.Sprintf("the top 20%% of customers earn %s of profit", pct(share))
	} else {
		top = fmt.Sprintf("customers %s %s in all", earnOrLose(total), abs64m(total).Short(s.Symbol))
	}
	k := ceilShare(n, 0.1)
	var bottom Money
	for i := n - k; i < n; i++ {
		bottom += s.Customers[i].Profit // the field alone: RFM scores are written beside
	}
	return fmt.Sprintf("%s; the bottom 10%% %s %s", top, earnOrLose(bottom), abs64m(bottom).Short(s.Symbol))
}

func earnOrLose(m Money) string {
	if m < 0 {
		return "lose"
	}
	return "earn"
}

func abs64m(m Money) Money { return max(m, -m) }

// ranked picks the top and the bottom customers by profit, each with its
// reason, measured against the buyers' revenue; no customer is in both
// lists.
func (s *ProfitSummary) ranked(buyers int, revenue Money) (top, bottom []Ranked) {
	n := len(s.Customers)
	base := topBase{buyers: buyers, revenue: revenue}
	base.margin, base.hasMargin, base.symbol = s.Totals.Margin, s.Totals.HasMargin, s.Symbol
	if s.Totals.Revenue > 0 {
		base.serve = float64(s.Totals.CostToServe) / float64(s.Totals.Revenue)
	}
	for i := 0; i < n && len(top) < RankedSize && s.Customers[i].Profit > 0; i++ {
		top = append(top, Ranked{Index: i, Reason: topReason(&s.Customers[i], base)})
	}
	for i := n - 1; i >= len(top) && len(bottom) < RankedSize; i-- {
		bottom = append(bottom, Ranked{Index: i, Reason: bottomReason(&s.Customers[i], s.Symbol)})
	}
	return top, bottom
}

// topBase is what a top customer is measured against: the business's
// margin and the revenue of an average buyer.
type topBase struct {
	buyers    int
	revenue   Money // of the buyers listed
	margin    float64
	hasMargin bool
	serve     float64 // the business's cost to serve over its revenue
	symbol    string
}

// topReason says what makes a customer profitable, beyond the figures
// beside it: buying several times what the average buyer does, a margin
// well above the business's, costing a quarter or less of what serving
// the business's revenue costs; their margin on how many orders when
// nothing stands out.
func topReason(c *CustomerProfit, b topBase) string {
	var parts []string
	if b.buyers > 0 && b.revenue > 0 && c.Revenue*Money(b.buyers) >= 3*b.revenue {
		times := float64(c.Revenue) * float64(b.buyers) / float64(b.revenue)
		parts = append(parts, fmt.Sprintf("buys %.0f× the average over %s", times, Plural(c.SaleOrders, "order", "orders")))
	}
	if b.hasMargin && c.HasMargin && c.Margin >= b.margin+0.1 {
		parts = append(parts, fmt.Sprintf("margin %s against %s overall", pct(c.Margin), pct(b.margin)))
	}
	if c.Revenue > 0 && b.serve >= 0.05 {
		if own := float64(c.CostToServe) / float64(c.Revenue); own*4 <= b.serve {
			parts = append(parts, fmt.Sprintf("little to serve (%s of revenue against %s)", pct(own), pct(b.serve)))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("margin %s on %s over %s", pct(c.Margin), c.Revenue.Short(b.symbol),
			Plural(c.SaleOrders, "order", "orders"))
	}
	return strings.Join(parts, ", ")
}

// bottomReason names what pulls a customer down, the largest drag first:
// refunds, cost to serve, selling below cost; a thin margin when nothing
// stands out.
func bottomReason(c *CustomerProfit, symbol string) string {
	if c.Sales <= 0 && c.Refunds == 0 {
		return "no sales; cost to serve " + c.CostToServe.Short(symbol)
	}
	type drag struct {
		amount Money
		text   string
	}
	var drags []drag
	if c.Refunds < 0 && c.Sales > 0 && -c.Refunds*5 >= c.Sales {
		drags = append(drags, drag{-c.Refunds, fmt.Sprintf("refunds %s (%s of sales)",
			(-c.Refunds).Short(symbol), pct(float64(-c.Refunds)/float64(c.Sales)))})
	} else if c.Refunds < 0 && c.Sales <= 0 {
		drags = append(drags, drag{-c.Refunds, "refunds " + (-c.Refunds).Short(symbol) + " with no sale"})
	}
	if c.CostToServe > 0 && (c.Revenue <= 0 || c.CostToServe*10 >= c.Revenue*3) {
		text := "cost to serve " + c.CostToServe.Short(symbol)
		if c.Revenue > 0 {
			text += fmt.Sprintf(" (%s of revenue)", pct(float64(c.CostToServe)/float64(c.Revenue)))
		}
		drags = append(drags, drag{c.CostToServe, text})
	}
	if c.Revenue > 0 && c.DirectCost > c.Revenue {
		drags = append(drags, drag{c.DirectCost - c.Revenue, "sold below cost"})
	}
	slices.SortStableFunc(drags, func(a, b drag) int { return cmp.Compare(b.amount, a.amount) })
	var parts []string
	for _, d := range drags {
		parts = append(parts, d.text)
	}
	if c.HasMargin {
		parts = append(parts, "margin "+pct(c.Margin))
	} else {
		parts = append(parts, "loses "+abs64m(c.Profit).Short(symbol))
	}
	return strings.Join(parts, ", ")
}

// profitMonths lays the book's months out as bars, one per month of the
// period, empty months included.
func profitMonths(b ProfitBook) []MonthProfit {
	by := make(map[time.Time]MonthFacts, len(b.Months))
	for _, m := range b.Months {
		by[MonthOf(m.Month)] = m
	}
	var out []MonthProfit
	for _, m := range b.Period.Months(b.FirstDay, b.LastDay) {
		f := by[m]
		out = append(out, MonthProfit{Month: m, Revenue: f.Revenue, Profit: f.Revenue - f.DirectCost - f.CostToServe})
	}
	return out
}
