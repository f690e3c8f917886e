package model

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// at reads a date or a time for the tables below.
func at(s string) time.Time {
	t, err := ParseDateTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

var (
	profitToday = at("2026-11-23 14:00")
	march2026   = Period{Kind: PeriodCustom, From: at("2026-03-01"), To: at("2026-03-31")}
)

// analyse runs the engine on customers over period p, today being
// profitToday, with the default settings.
func analyse(p Period, un ProfitFacts, cs ...ProfitFacts) ProfitSummary {
	for i := range cs {
		if cs[i].ID == 0 {
			cs[i].ID = int64(i + 1)
		}
	}
	return AnalyseProfit(ProfitBook{Period: p, Customers: cs, Unattributed: un},
		ProfitOptions{Today: profitToday, Settings: DefaultSettings()})
}

func TestCustomerProfitWorkedExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		p          Period
		f          ProfitFacts
		revenue    Money
		profit     Money
		margin     float64 // when hasMargin
		hasMargin  bool
		lifetime   Money
		recency    int
		activeWant bool
	}{
		{"revenue is net of refunds; margin is profit over it; lifetime profit pays for winning them",
			march2026, ProfitFacts{SaleOrders: 3, RefundOrders: 1, Sales: 10000, Refunds: -2000, DirectCost: 3000,
				CostToServe: 1000, LastSale: at("2026-03-20 15:00"), LifetimeRevenue: 20000, LifetimeDirectCost: 7000,
				LifetimeCostToServe: 2500, Acquisition: 1500},
			8000, 4000, 0.5, true, 20000 - 7000 - 2500 - 1500, 11, true},
		{"a loss gives a negative margin",
			march2026, ProfitFacts{SaleOrders: 1, Sales: 1000, CostToServe: 3000, LastSale: at("2026-03-31 23:59")},
			1000, -2000, -2, true, 0, 0, true},
		{"refunds with no sale: no revenue, so no margin, and no recency",
			march2026, ProfitFacts{RefundOrders: 1, Refunds: -500},
			-500, -500, 0, false, 0, -1, true},
		{"costs alone make them active",
			march2026, ProfitFacts{Costs: 1, CostToServe: 700},
			0, -700, 0, false, 0, -1, true},
		{"all time counts recency to today",
			AllTime(), ProfitFacts{SaleOrders: 1, Sales: 100, LastSale: at("2026-11-01 09:00")},
			100, 100, 1, true, 0, 22, true},
		{"a sale dated after today is as recent as can be",
			AllTime(), ProfitFacts{SaleOrders: 1, Sales: 100, LastSale: at("2026-12-01 09:00")},
			100, 100, 1, true, 0, 0, true},
		{"nothing in the period", march2026, ProfitFacts{LifetimeRevenue: 5000}, 0, 0, 0, false, 5000, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.f.Active() != tt.activeWant {
				t.Fatalf("Active() = %v", tt.f.Active())
			}
			s := analyse(tt.p, ProfitFacts{}, tt.f)
			var c CustomerProfit
			if tt.activeWant {
				if len(s.Customers) != 1 {
					t.Fatalf("%d customers listed", len(s.Customers))
				}
				c = s.Customers[0]
			} else {
				if len(s.Customers) != 0 {
					t.Fatalf("an inactive customer is listed")
				}
				c = customerProfit(&tt.f, s.AsOf)
			}
			if c.Revenue != tt.revenue || c.Profit != tt.profit || c.HasMargin != tt.hasMargin ||
				(tt.hasMargin && c.Margin != tt.margin) || c.LifetimeProfit != tt.lifetime || c.RecencyDays != tt.recency {
				t.Errorf("revenue %v profit %v margin %v/%v lifetime %v recency %d; want %v %v %v/%v %v %d",
					c.Revenue, c.Profit, c.Margin, c.HasMargin, c.LifetimeProfit, c.RecencyDays,
					tt.revenue, tt.profit, tt.margin, tt.hasMargin, tt.lifetime, tt.recency)
			}
		})
	}
}

func TestRFMScoresByQuintileWithTiesSharing(t *testing.T) {
	t.Parallel()
	// Six buyers in March 2026 (recency counted to the 31st) and one
	// customer with only a cost, who is not scored and does not count.
	buyer := func(name, last string, orders int, revenue Money) ProfitFacts {
		return ProfitFacts{Name: name, SaleOrders: orders, Sales: revenue, LastSale: at(last)}
	}
	s := analyse(march2026, ProfitFacts{},
		buyer("Ada", "2026-03-31 10:00", 4, 5000), // 0 days
		buyer("Ben", "2026-03-28 10:00", 1, 100),  // 3 days, ties with Cy
		buyer("Cy", "2026-03-28 18:00", 1, 100),
		buyer("Di", "2026-03-21 10:00", 2, 300),  // 10 days
		buyer("Ed", "2026-03-11 10:00", 2, 200),  // 20 days
		buyer("Flo", "2026-03-01 10:00", 5, 900), // 30 days
		ProfitFacts{Name: "Gus", Costs: 1, CostToServe: 10},
	)
	got := map[string]string{}
	for _, c := range s.Customers {
		got[c.Name] = fmt.Sprintf("%d %s %s", c.RecencyDays, c.RFM(), c.RFMSegment)
	}
	want := map[string]string{
		"Ada": "0 545 Champions",
		"Ben": "3 311 About to sleep",
		"Cy":  "3 311 About to sleep",
		"Di":  "10 223 Hibernating",
		"Ed":  "20 122 Hibernating",
		"Flo": "30 154 Can't lose them",
		"Gus": "-1  ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RFM\n got %q\nwant %q", got, want)
	}
}

func TestWhaleCurveAndHeadline(t *testing.T) {
	t.Parallel()
	profits := []Money{100000, 43000, 5000, 2000, 0, -1000, -3000, -8000, -12400, -25600}
	var cs []ProfitFacts
	for i, p := range profits {
		// Revenue of 1,000,000 and a cost to serve that leaves p.
		cs = append(cs, ProfitFacts{Name: fmt.Sprintf("C%02d", i), SaleOrders: 1, Sales: 1000000,
			CostToServe: 1000000 - p, LastSale: at("2026-03-10 10:00")})
	}
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
	s := analyse(march2026, ProfitFacts{SaleOrders: 1, Sales: 999999}, cs...)
	wantCum := []Money{100000, 143000, 148000, 150000, 150000, 149000, 146000, 138000, 125600, 100000}
	if !slices.Equal(s.Cumulative, wantCum) {
		t.Errorf("cumulative %v, want %v", s.Cumulative, wantCum)
	}
	if s.CustomerProfitTotal() != 100000 {
		t.Errorf("customers' profit %v: the unattributed row is no part of the curve", s.CustomerProfitTotal())
	}
	if want := "the top 20% of customers earn 143% of profit; the bottom 10% lose £256"; s.Headline != want {
		t.Errorf("headline %q, want %q", s.Headline, want)
	}
	if k, share := s.WhalePeak(); k != 4 || share != 1.5 {
		t.Errorf("peak at %d customers, %v of profit; want the first 4, 1.5", k, share)
	}
	if share, ok := s.WhaleShare(1); !ok || share != 1 {
		t.Errorf("WhaleShare(1) = %v, %v", share, ok)
	}

	losing := analyse(march2026, ProfitFacts{},
		ProfitFacts{Name: "A", SaleOrders: 1, Sales: 1000, CostToServe: 1500},
		ProfitFacts{Name: "B", Costs: 2, CostToServe: 2000})
	if want := "customers lose £25 in all; the bottom 10% lose £20"; losing.Headline != want {
		t.Errorf("all losing: %q, want %q", losing.Headline, want)
	}
	if _, ok := losing.WhaleShare(1); ok {
		t.Error("shares of a loss mean nothing")
	}
	if none := analyse(march2026, ProfitFacts{}); none.Headline != "no customer had an order or a cost in the period" {
		t.Errorf("no customers: %q", none.Headline)
	}
}

func TestBottomReasonsNameTheLargestDragFirst(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    ProfitFacts
		want string
	}{
		{"refunds of a fifth of sales or more", ProfitFacts{SaleOrders: 4, Sales: 10000, Refunds: -3000,
			DirectCost: 6000, CostToServe: 500}, "refunds £30 (30% of sales), margin 7%"},
		{"cost to serve of three tenths of revenue or more", ProfitFacts{SaleOrders: 1, Sales: 5000, DirectCost: 2000,
			CostToServe: 4000}, "cost to serve £40 (80% of revenue), margin -20%"},
		{"both, the larger first", ProfitFacts{SaleOrders: 2, Sales: 10000, Refunds: -2500, DirectCost: 1000,
			CostToServe: 4000}, "cost to serve £40 (53% of revenue), refunds £25 (25% of sales), margin 33%"},
		{"selling below cost", ProfitFacts{SaleOrders: 1, Sales: 1000, DirectCost: 1500}, "sold below cost, margin -50%"},
		{"refunds and no sale", ProfitFacts{RefundOrders: 1, Refunds: -1000}, "refunds £10 with no sale, loses £10"},
		{"costs and no sale", ProfitFacts{Costs: 3, CostToServe: 2500}, "no sales; cost to serve £25"},
		{"nothing stands out", ProfitFacts{SaleOrders: 1, Sales: 1000, DirectCost: 900}, "margin 10%"},
	}
	for _, tt := range tests {
		c := customerProfit(&tt.f, march2026.To)
		if got := bottomReason(&c, "£"); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	// Top reasons, against a business of 10 buyers with £1,000 of revenue
	// (£100 each), a 30% margin and 20% of its revenue spent serving it.
	base := topBase{buyers: 10, revenue: 100000, margin: 0.3, hasMargin: true, serve: 0.2, symbol: "£"}
	tops := []struct {
		name string
		f    ProfitFacts
		want string
	}{
		{"nothing stands out", tests[2].f, "margin 33% on £75 over 2 orders"},
		{"volume", ProfitFacts{SaleOrders: 11, Sales: 40000, DirectCost: 28000, CostToServe: 4000},
			"buys 4× the average over 11 orders"},
		{"margin, and little to serve", ProfitFacts{SaleOrders: 2, Sales: 10000, DirectCost: 4000, CostToServe: 500},
			"margin 55% against 30% overall, little to serve (5% of revenue against 20%)"},
	}
	for _, tt := range tops {
		c := customerProfit(&tt.f, march2026.To)
		if got := topReason(&c, base); got != tt.want {
			t.Errorf("top reason, %s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTopAndBottomNeverShareACustomer(t *testing.T) {
	t.Parallel()
	facts := func(profits ...Money) []ProfitFacts {
		var cs []ProfitFacts
		for i, p := range profits {
			cs = append(cs, ProfitFacts{Name: fmt.Sprintf("C%02d", i), SaleOrders: 1, Sales: 100000,
				CostToServe: 100000 - p})
		}
		return cs
	}
	indexes := func(rs []Ranked) []int {
		var out []int
		for _, r := range rs {
			out = append(out, r.Index)
		}
		return out
	}
	var many []Money
	for p := Money(25); p >= 1; p-- {
		many = append(many, p*100)
	}
	for _, tt := range []struct {
		name        string
		profits     []Money
		top, bottom []int
	}{
		{"25 profitable customers: the ten best, and the ten least", many,
			[]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, []int{24, 23, 22, 21, 20, 19, 18, 17, 16, 15}},
		{"three: the profitable on top, the loss below", []Money{500, 100, -200}, []int{0, 1}, []int{2}},
		{"twelve losses: no top", []Money{-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12}, nil,
			[]int{11, 10, 9, 8, 7, 6, 5, 4, 3, 2}},
	} {
		s := analyse(march2026, ProfitFacts{}, facts(tt.profits...)...)
		if top, bottom := indexes(s.Top), indexes(s.Bottom); !slices.Equal(top, tt.top) || !slices.Equal(bottom, tt.bottom) {
			t.Errorf("%s: top %v bottom %v, want %v %v", tt.name, top, bottom, tt.top, tt.bottom)
		}
		for _, r := range append(s.Top, s.Bottom...) {
			if r.Reason == "" {
				t.Errorf("%s: customer %d has no reason", tt.name, r.Index)
			}
		}
	}
}

func TestTotalsReconcileWithTheUnattributedRow(t *testing.T) {
	t.Parallel()
	un := ProfitFacts{SaleOrders: 2, RefundOrders: 1, Costs: 1, Sales: 3000, Refunds: -200, DirectCost: 900,
		CostToServe: 100, LastSale: at("2026-03-30 12:00"), Acquisition: 999}
	s := analyse(march2026, un,
		ProfitFacts{Name: "Ann", SaleOrders: 3, Sales: 10000, Refunds: -1000, DirectCost: 4000, CostToServe: 500,
			Acquisition: 2000, LastSale: at("2026-03-15 12:00")},
		ProfitFacts{Name: "Bob", Archived: true, SaleOrders: 1, Sales: 2000, DirectCost: 500,
			LastSale: at("2026-03-02 12:00")},
		ProfitFacts{Name: "Cat", Acquisition: 5000, LifetimeRevenue: 100}, // nothing in March: not listed
	)
	if s.Unattributed.Name != "(unattributed)" || s.Unattributed.Revenue != 2800 || s.Unattributed.Profit != 1800 ||
		s.Unattributed.RFM() != "" {
		t.Errorf("unattributed row %+v", s.Unattributed)
	}
	want := ProfitTotals{Customers: 2, Orders: 6, Sales: 15000, Refunds: -1200, Revenue: 13800, DirectCost: 5400,
		CostToServe: 600, Profit: 7800, Margin: 7800.0 / 13800, HasMargin: true, Acquisition: 2000}
	if s.Totals != want {
		t.Errorf("totals\n got %+v\nwant %+v", s.Totals, want)
	}
	var revenue, profit Money
	for _, c := range append(s.Customers, s.Unattributed) {
		revenue += c.Revenue
		profit += c.Profit
	}
	if revenue != s.Totals.Revenue || profit != s.Totals.Profit {
		t.Errorf("rows add up to revenue %v, profit %v; totals say %v, %v", revenue, profit, s.Totals.Revenue,
			s.Totals.Profit)
	}
}

// Revenue whose sales carry no unit cost (an import without costs) is
// counted apart, so the screens can say the margin on it is not known.
func TestRevenueWithNoUnitCostIsCounted(t *testing.T) {
	t.Parallel()
	un := ProfitFacts{SaleOrders: 1, Sales: 500}
	s := analyse(march2026, un,
		ProfitFacts{Name: "Costed", SaleOrders: 1, Sales: 10000, DirectCost: 4000, LastSale: at("2026-03-15 12:00")},
		ProfitFacts{Name: "Imported", SaleOrders: 2, Sales: 3000, Refunds: -200, LastSale: at("2026-03-02 12:00")},
		ProfitFacts{Name: "Refund only", RefundOrders: 1, Refunds: -300, LastSale: at("2026-03-02 12:00")},
	)
	if s.Totals.Uncosted != 2800+500-300 || s.Totals.UncostedCustomers != 2 {
		t.Errorf("uncosted %v over %d customers, want 30.00 over 2", s.Totals.Uncosted, s.Totals.UncostedCustomers)
	}
}

func TestMonthsIncludeEmptyOnes(t *testing.T) {
	t.Parallel()
	book := ProfitBook{
		Period: Period{Kind: PeriodCustom, From: at("2026-01-15"), To: at("2026-04-10")},
		Months: []MonthFacts{
			{Month: at("2026-03-01"), Revenue: 5000, DirectCost: 2000, CostToServe: 500},
			{Month: at("2026-01-01"), Revenue: 1000, DirectCost: 400},
		},
	}
	s := AnalyseProfit(book, ProfitOptions{Today: profitToday, Settings: DefaultSettings()})
	want := []MonthProfit{
		{Month: at("2026-01-01"), Revenue: 1000, Profit: 600},
		{Month: at("2026-02-01")},
		{Month: at("2026-03-01"), Revenue: 5000, Profit: 2500},
		{Month: at("2026-04-01")},
	}
	if !reflect.DeepEqual(s.Months, want) {
		t.Errorf("months\n got %+v\nwant %+v", s.Months, want)
	}

	// All time runs from the first record to the last.
	book = ProfitBook{Period: AllTime(), FirstDay: at("2025-11-20"), LastDay: at("2026-01-03"),
		Months: []MonthFacts{{Month: at("2025-12-01"), Revenue: 700}}}
	s = AnalyseProfit(book, ProfitOptions{Today: profitToday, Settings: DefaultSettings()})
	want = []MonthProfit{{Month: at("2025-11-01")}, {Month: at("2025-12-01"), Revenue: 700, Profit: 700},
		{Month: at("2026-01-01")}}
	if !reflect.DeepEqual(s.Months, want) {
		t.Errorf("all time months\n got %+v\nwant %+v", s.Months, want)
	}
	if s := AnalyseProfit(ProfitBook{Period: AllTime()}, ProfitOptions{Today: profitToday}); s.Months != nil {
		t.Errorf("an empty book has months %v", s.Months)
	}
}

func TestTiersSumTheirCustomers(t *testing.T) {
	t.Parallel()
	st := DefaultSettings()
	st.TierNames = [Tiers]string{"Bronze", "Silver", "Gold"}
	cs := []ProfitFacts{
		{ID: 1, Name: "A", Tier: 1, SaleOrders: 1, Sales: 1000, DirectCost: 400},
		{ID: 2, Name: "B", Tier: 1, SaleOrders: 1, Sales: 3000, DirectCost: 1000},
		{ID: 3, Name: "C", Tier: 3, SaleOrders: 1, Sales: 9000, DirectCost: 3000, CostToServe: 1000},
		{ID: 4, Name: "D", SaleOrders: 1, Sales: 500, CostToServe: 700},
		{ID: 5, Name: "E", Tier: 2, LifetimeRevenue: 8000}, // nothing in the period
	}
	s := AnalyseProfit(ProfitBook{Period: march2026, Customers: cs}, ProfitOptions{Today: profitToday, Settings: st})
	want := []TierProfit{
		{Tier: 1, Name: "Bronze", Customers: 2, Buyers: 2, Revenue: 4000, Profit: 2600, Margin: 0.65, HasMargin: true},
		{Tier: 3, Name: "Gold", Customers: 1, Buyers: 1, Revenue: 9000, Profit: 5000, Margin: 5000.0 / 9000, HasMargin: true},
		{Tier: 0, Name: NoTier, Customers: 1, Buyers: 1, Revenue: 500, Profit: -200, Margin: -0.4, HasMargin: true},
	}
	if !reflect.DeepEqual(s.Tiers, want) {
		t.Errorf("tiers\n got %+v\nwant %+v", s.Tiers, want)
	}
}

func TestByProfitIsAStableSort(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	fs := make([]ProfitFacts, 2000)
	for i := range fs {
		// Few profits, names and ids, so that rows tie on all three.
		fs[i].Sales = Money(r.IntN(40) - 20)
		fs[i].Name = string(rune('a' + r.IntN(3)))
		fs[i].ID = int64(r.IntN(3))
		fs[i].Costs = i + 1 // tells the rows apart, and makes them active
	}
	want := slices.Clone(fs)
	slices.SortStableFunc(want, func(a, b ProfitFacts) int {
		if a.Sales != b.Sales {
			return int(b.Sales - a.Sales)
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	got, _, _ := byProfit(fs, Day(profitToday))
	for i := range got {
		if !reflect.DeepEqual(got[i].ProfitFacts, want[i]) {
			t.Fatalf("byProfit differs from a stable sort by profit, name and id at %d", i)
		}
	}
}

func TestPeriods(t *testing.T) {
	t.Parallel()
	today := at("2026-11-23 14:00")
	span := func(p Period) string { return FormatDate(p.From) + ".." + FormatDate(p.To) }
	for _, tt := range []struct {
		p          Period
		span, name string
	}{
		{ThisMonth(today), "2026-11-01..2026-11-23", "this month (1 Nov 2026 – 23 Nov 2026)"},
		{Last12Months(today), "2025-11-24..2026-11-23", "last 12 months (24 Nov 2025 – 23 Nov 2026)"},
		{Last12Months(at("2026-12-07")), "2025-12-08..2026-12-07", "last 12 months (8 Dec 2025 – 7 Dec 2026)"},
		{Last12Months(at("2026-12-31")), "2026-01-01..2026-12-31", "last 12 months (1 Jan 2026 – 31 Dec 2026)"},
		{YearToDate(today), "2026-01-01..2026-11-23", "year to date (1 Jan 2026 – 23 Nov 2026)"},
		{CalendarYear(2025), "2025-01-01..2025-12-31", "2025"},
		{PeriodOf(PeriodYear, today), "2025-01-01..2025-12-31", "2025"},
		{PeriodOf(PeriodCustom, today), "..", "all time"},
		{Last12Months(at("2024-02-29")), "2023-03-01..2024-02-29", "last 12 months (1 Mar 2023 – 29 Feb 2024)"},
		{Last12Months(at("2025-02-28")), "2024-02-29..2025-02-28", "last 12 months (29 Feb 2024 – 28 Feb 2025)"},
	} {
		if got := span(tt.p); got != tt.span {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.span)
		}
		if got := tt.p.String(); got != tt.name {
			t.Errorf("String() = %q, want %q", got, tt.name)
		}
	}
	// Twelve months to the day touch thirteen calendar months (the first
	// and the last in part), twelve when today is a month's last day.
	if n := len(Last12Months(today).Months(time.Time{}, time.Time{})); n != 13 {
		t.Errorf("the last 12 months touch %d months", n)
	}

	custom, err := CustomPeriod(at("2026-03-01 15:00"), at("2026-03-31"))
	if err != nil || custom.Kind != PeriodCustom || span(custom) != "2026-03-01..2026-03-31" ||
		custom.String() != "1 Mar 2026 – 31 Mar 2026" {
		t.Errorf("custom %v (%s), %v", custom, span(custom), err)
	}
	if !custom.Contains(at("2026-03-01 00:00")) || !custom.Contains(at("2026-03-31 23:59:59")) ||
		custom.Contains(at("2026-02-28 23:59:59")) || custom.Contains(at("2026-04-01")) {
		t.Error("Contains is wrong at the edges")
	}
	if custom.End(today) != at("2026-03-31") {
		t.Errorf("a closed period ends on its last day, not %v", custom.End(today))
	}
	if _, err := CustomPeriod(at("2026-03-31"), at("2026-03-01")); err == nil ||
		!strings.HasPrefix(err.Error(), "to: 2026-03-01 is before the start, 2026-03-31") {
		t.Errorf("a period ending before it starts: %v", err)
	}
	since, _ := CustomPeriod(at("2026-03-01"), time.Time{})
	if since.String() != "since 1 Mar 2026" || since.End(today) != at("2026-11-23") || !since.Contains(today) {
		t.Errorf("since: %q, ends %v", since, since.End(today))
	}
	until, _ := CustomPeriod(time.Time{}, at("2026-03-01"))
	if until.String() != "until 1 Mar 2026" || until.Contains(at("2026-03-02")) || !until.Contains(at("1999-01-01")) {
		t.Errorf("until: %q", until)
	}
	all, _ := CustomPeriod(time.Time{}, time.Time{})
	if all.Kind != PeriodAllTime || all.String() != "all time" || all.End(today) != at("2026-11-23") {
		t.Errorf("no dates: %+v", all)
	}
	months := all.Months(at("2025-11-30"), at("2026-02-01"))
	if len(months) != 4 || months[0] != at("2025-11-01") || months[3] != at("2026-02-01") {
		t.Errorf("all time months %v", months)
	}
	if all.Months(time.Time{}, time.Time{}) != nil {
		t.Error("all time with no records has months")
	}
}
