package model

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestScoreFitWorkedExamples(t *testing.T) {
	t.Parallel()
	w := DefaultFitWeights
	tests := []struct {
		name    string
		in      FitInputs
		scored  bool
		score   int
		explain string
	}{
		{"a best customer: top profit, perfect fit, brings friends, a promoter",
			FitInputs{ProfitRank: 5, Profit: 50000, Fit: 5, Referrals: 2, NPS: 10, HasNPS: true},
			true, 2 + 2 + 2 + 1, "+2 profit top 20% · +2 fit 5 · +2 referred 2 customers · +1 NPS 10"},
		{"a drain: a loss outweighs the rank, poor fit, complaints, a detractor",
			FitInputs{ProfitRank: 1, Profit: -31000, Fit: 1, Complaints: 3, NPS: 3, HasNPS: true},
			true, -3 - 2 - 3 - 1, "-3 loses £310 · -3 3 complaints · -2 fit 1 · -1 NPS 3"},
		{"referrals and complaints count up to three",
			FitInputs{ProfitRank: 3, Profit: 1000, Referrals: 7, Complaints: 5},
			true, 3 + -3, "+3 referred 7 customers · -3 5 complaints"},
		{"a passive answer and a middling rank move nothing",
			FitInputs{ProfitRank: 3, Profit: 1000, Fit: 3, NPS: 8, HasNPS: true},
			true, 0, "nothing stands out either way"},
		{"zero profit is the bottom of the rank, not a loss",
			FitInputs{ProfitRank: 1, Profit: 0, Fit: 4},
			true, -2 + 1, "-2 profit bottom 20% · +1 fit 4"},
		{"only the profit is known",
			FitInputs{ProfitRank: 4, Profit: 9000},
			false, 0, "only their profit is known: rate their fit, or ask them the NPS question"},
		{"no sale in the period",
			FitInputs{Fit: 5, Referrals: 3, NPS: 10, HasNPS: true},
			false, 0, "no sale in the period: nothing to rank their profit by"},
	}
	for _, tt := range tests {
		got := ScoreFit(tt.in, w, "£")
		if got.Scored != tt.scored || got.Score != tt.score || got.Explain() != tt.explain {
			t.Errorf("%s:\n got %v %d %q\nwant %v %d %q", tt.name, got.Scored, got.Score, got.Explain(),
				tt.scored, tt.score, tt.explain)
		}
	}
}

func TestBestAndDrainNeedMoreThanTheRank(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		in          FitInputs
		best, drain bool
	}{
		{"profitable, low in the rank, an average fit: no drain",
			FitInputs{ProfitRank: 1, Profit: 100, Fit: 3}, false, false},
		{"low in the rank and a poor fit: a drain",
			FitInputs{ProfitRank: 1, Profit: 100, Fit: 2}, false, true},
		{"a loss is more than a rank",
			FitInputs{ProfitRank: 2, Profit: -100, Fit: 3}, false, true},
		{"top of the rank, nothing else: not yet a best customer",
			FitInputs{ProfitRank: 5, Profit: 9000, Fit: 3, NPS: 8, HasNPS: true}, false, false},
		{"top of the rank and a good fit: a best customer",
			FitInputs{ProfitRank: 5, Profit: 9000, Fit: 4}, true, false},
		{"a referral makes up for a middling rank",
			FitInputs{ProfitRank: 3, Profit: 500, Referrals: 2}, true, false},
	}
	for _, tt := range tests {
		s := ScoreFit(tt.in, DefaultFitWeights, "£")
		if s.Best() != tt.best || s.Drain() != tt.drain {
			t.Errorf("%s (score %d): best %v drain %v, want %v %v", tt.name, s.Score, s.Best(), s.Drain(), tt.best, tt.drain)
		}
	}
}

func TestRankQuintilesShareTies(t *testing.T) {
	t.Parallel()
	// Below each: 0, 1, 1, 3, 4 of five → 1 + ⌊5 × below / 5⌋.
	got := RankQuintiles([]int64{10, 20, 20, 30, 40})
	if want := []int{1, 2, 2, 4, 5}; !slices.Equal(got, want) {
		t.Errorf("quintiles %v, want %v", got, want)
	}
	if got := RankQuintiles([]int64{-5}); !slices.Equal(got, []int{1}) {
		t.Errorf("one value: %v", got)
	}
}

// RankQuintiles scores by four thresholds: the rule, counted value by
// value here, agrees on values with few and many ties.
func TestRankQuintilesFollowTheRule(t *testing.T) {
	t.Parallel()
	byRule := func(values []int64) []int {
		out := make([]int, len(values))
		for i, v := range values {
			below := 0
			for _, w := range values {
				if w < v {
					below++
				}
			}
			out[i] = 1 + 5*below/len(values)
		}
		return out
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, span := range []int64{1, 3, 40, 1000, 1 << 40} {
		for _, n := range []int{1, 2, 7, 100, 999} {
			values := make([]int64, n)
			for i := range values {
				values[i] = rng.Int64N(span) - span/2
			}
			if got, want := RankQuintiles(values), byRule(values); !slices.Equal(got, want) {
				t.Errorf("span %d, %d values: %v, want %v", span, n, got, want)
			}
		}
	}
	extremes := []int64{math.MinInt64, 0, math.MaxInt64, math.MaxInt64}
	if got, want := RankQuintiles(extremes), byRule(extremes); !slices.Equal(got, want) {
		t.Errorf("extremes: %v, want %v", got, want)
	}
}

func TestJudgeGroupWorkedExamples(t *testing.T) {
	t.Parallel()
	// The business: £1,000 revenue, £310 profit, a 31% margin.
	all := GroupRow{Revenue: 100000, Profit: 31000, Margin: 0.31, HasMargin: true, Buyers: 40}
	row := func(customers, buyers int, revenue, profit Money) GroupRow {
		g := GroupRow{Customers: customers, Buyers: buyers, Revenue: revenue, Profit: profit}
		g.Margin, g.HasMargin = marginOf(profit, revenue)
		return g
	}
	best := row(5, 5, 50000, 24000) // 48%
	best.Referrals = 2              // 0.4 a customer
	drain := row(4, 4, 10000, -31000)
	drain.Complaints, drain.Rated, drain.AvgFit = 12, 4, 1.75
	wholesale := row(6, 6, 40000, 3600) // 9%
	good := row(5, 5, 20000, 6000)      // 30%: under the average, no worry
	thin := row(5, 5, 20000, 3600)      // 18%: under 0.6 of 31%
	complaining := row(4, 4, 20000, 8000)
	complaining.Complaints, complaining.Rated, complaining.AvgFit = 2, 4, 4.5
	unloved := row(10, 10, 20000, 6000)
	unloved.Answers, unloved.NPS = 10, -20
	grumpyFit := row(3, 3, 9000, 1000) // 11% and a poor fit
	grumpyFit.Rated, grumpyFit.AvgFit = 3, 2
	// Half the revenue and most of the profit from 3 of the 40 buyers, with
	// a complaint each: money first, so watched, not a drain.
	bigComplainers := row(3, 3, 51000, 20000)
	bigComplainers.Complaints = 3
	// A complaint each and a small share of the profit: a drain.
	smallComplainers := row(3, 3, 3000, 1000)
	smallComplainers.Complaints = 3
	tests := []struct {
		name string
		g    GroupRow
		want string
	}{
		{"best", best, "best fit: margin 48%, refers others"},
		{"drain", drain, "drain: loses £310, 3 complaints per customer, fit 1.8"},
		{"thin margin", wholesale, "watch: thin margin 9% against 31%"},
		{"good", good, "good: margin 30%"},
		{"thin but not half", thin, "watch: thin margin 18% against 31%"},
		{"complaints keep a fine group from best", complaining, "watch: 0.5 complaints per customer"},
		{"detractors", unloved, "watch: NPS -20"},
		{"poor fit below the average margin", grumpyFit, "drain: fit 2.0, margin 11%"},
		{"money first", bigComplainers, "watch: brings 65% of the profit, 1 complaint per customer"},
		{"complaints and little profit", smallComplainers, "drain: 1 complaint per customer, margin 33%"},
		{"too few", row(2, 2, 5000, 2500), "too few to judge: 2 buyers"},
		{"none", row(4, 0, 0, 0), "no sale in the period"},
		{"many, none bought", row(948, 0, 0, 0), "no sale in the period"},
	}
	for _, tt := range tests {
		if got := JudgeGroup(tt.g, all, "£").String(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// fitBook is a small business worked out by hand. Profit is revenue -
// direct cost - cost to serve over the period; amounts in pence.
//
//	      stage     segments        tier fit  orders revenue  profit  other
//	Ada   advocate  Gift buyers     3    5    6      60,000   36,000  referred Ben, Cy; NPS 10
//	Ben   customer  Market regulars 1    5    8      16,000    8,000  referred Eve; NPS 9
//	Cy    customer  Wholesale       2    3    4      90,000    8,000
//	Dev   customer  Wholesale       1    1    3      30,000  -31,000  3 complaints; NPS 3
//	Eve   customer  Market regulars 1    4    2       4,000    2,000
//	Ivy   customer  Wholesale       1    –    1       5,000    1,000
//	Fay   prospect  Teen fashion                                      values style, speed
//	Gus   prospect  Teen fashion                                      values speed
//	Hal   prospect  –                                                 values speed, price
//
// The business: revenue 205,000, profit 24,000, margin 11.7%.
func fitBook() ([]FitCustomer, []Segment, FitOptions) {
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	recent := today.AddDate(0, 0, -10)
	c := func(id int64, name string, stage Stage, seg string, tier, fit, orders int, revenue, direct, serve Money) FitCustomer {
		fc := FitCustomer{ID: id, Name: name, Stage: stage, Tier: tier, Fit: fit, Orders: orders, Revenue: revenue,
			DirectCost: direct, CostToServe: serve, Profit: revenue - direct - serve, LifetimeRevenue: revenue}
		if seg != "" {
			fc.Segments = []string{seg}
		}
		if orders > 0 {
			fc.LastActivity = recent
		}
		return fc
	}
	cs := []FitCustomer{
		c(1, "Ada", StageAdvocate, "Gift buyers", 3, 5, 6, 60000, 20000, 4000),
		c(2, "Ben", StageCustomer, "Market regulars", 1, 5, 8, 16000, 6000, 2000),
		c(3, "Cy", StageCustomer, "Wholesale", 2, 3, 4, 90000, 70000, 12000),
		c(4, "Dev", StageCustomer, "Wholesale", 1, 1, 3, 30000, 25000, 36000),
		c(5, "Eve", StageCustomer, "Market regulars", 1, 4, 2, 4000, 1500, 500),
		c(6, "Ivy", StageCustomer, "Wholesale", 1, 0, 1, 5000, 3000, 1000),
		c(7, "Fay", StageProspect, "Teen fashion", 0, 0, 0, 0, 0, 0),
		c(8, "Gus", StageProspect, "Teen fashion", 0, 0, 0, 0, 0, 0),
		c(9, "Hal", StageProspect, "", 0, 0, 0, 0, 0, 0),
	}
	cs[0].NPS, cs[0].HasNPS, cs[0].Values, cs[0].Country, cs[0].RFMSegment = 10, true, []string{"quality", "style"}, "UK", "Champions"
	cs[1].NPS, cs[1].HasNPS, cs[1].Values, cs[1].Country, cs[1].RFMSegment, cs[1].Referrer = 9, true, []string{"price"}, "UK", "Loyal", 1
	cs[2].Values, cs[2].Country, cs[2].RFMSegment, cs[2].Referrer = []string{"price", "speed"}, "France", "Loyal", 1
	cs[3].NPS, cs[3].HasNPS, cs[3].Complaints, cs[3].Country, cs[3].RFMSegment = 3, true, 3, "France", "At risk"
	cs[3].TimeMinutes = 570
	cs[4].Values, cs[4].Country, cs[4].RFMSegment, cs[4].Referrer = []string{"price"}, " uk", "New", 2
	cs[5].RFMSegment = "Hibernating"
	cs[6].Values = []string{"style", "speed"}
	cs[7].Values = []string{"speed"}
	cs[8].Values = []string{"price", "speed"}
	segs := []Segment{{ID: 1, Name: "Gift buyers"}, {ID: 2, Name: "Market regulars"}, {ID: 3, Name: "Spare"},
		{ID: 4, Name: "Teen fashion"}, {ID: 5, Name: "Wholesale"}}
	opt := FitOptions{From: today.AddDate(-1, 0, 0), To: today, Today: today, Settings: DefaultSettings(),
		Weights: DefaultFitWeights}
	return cs, segs, opt
}

func names(cs []FitCustomer, idx []int) string {
	var out []string
	for _, i := range idx {
		out = append(out, cs[i].Name)
	}
	return strings.Join(out, ", ")
}

func TestAnalyseFitRanksBestAndDrains(t *testing.T) {
	t.Parallel()
	cs, segs, opt := fitBook()
	f := AnalyseFit(cs, segs, opt)
	// Profit quintiles among the six buyers (-31,000 1,000 2,000 8,000
	// 8,000 36,000): Dev 1, Ivy 1, Eve 2, Ben 3, Cy 3, Ada 5.
	want := map[string]string{
		"Ada": "+2 profit top 20% · +2 fit 5 · +2 referred 2 customers · +1 NPS 10", // 7
		"Ben": "+2 fit 5 · +1 referred 1 customer · +1 NPS 9",                       // 4
		"Cy":  "nothing stands out either way",                                      // 0
		"Dev": "-3 loses £310 · -3 3 complaints · -2 fit 1 · -1 NPS 3",              // -9
		"Eve": "-1 profit bottom 40% · +1 fit 4",                                    // 0
		"Ivy": "only their profit is known: rate their fit, or ask them the NPS question",
		"Fay": "no sale in the period: nothing to rank their profit by",
	}
	for _, c := range f.Customers {
		if w, ok := want[c.Name]; ok && c.Score.Explain() != w {
			t.Errorf("%s: %q, want %q", c.Name, c.Score.Explain(), w)
		}
	}
	if got := names(f.Customers, f.Best); got != "Ada, Ben" {
		t.Errorf("best %q, want Ada, Ben", got)
	}
	if got := names(f.Customers, f.Drains); got != "Dev" {
		t.Errorf("drains %q, want Dev", got)
	}
	if got := names(f.Customers, f.Unscored); got != "Ivy" || f.NoSale != 3 {
		t.Errorf("unscored %q and %d with no sale; want Ivy, known only by her profit, and the 3 prospects", got, f.NoSale)
	}
	if f.Totals.Revenue != 205000 || f.Totals.Profit != 24000 {
		t.Errorf("totals %+v", f.Totals)
	}

	// Once let go, Dev is no drain to act on, though his figures count.
	cs, segs, opt = fitBook()
	cs[3].Stage = StageFormer
	f = AnalyseFit(cs, segs, opt)
	if len(f.Drains) != 0 || f.Totals.Profit != 24000 {
		t.Errorf("after letting Dev go: drains %q, profit %v", names(f.Customers, f.Drains), f.Totals.Profit)
	}
}

func TestAnalyseFitGroupsWithVerdicts(t *testing.T) {
	t.Parallel()
	cs, segs, opt := fitBook()
	f := AnalyseFit(cs, segs, opt)
	rows := func(g Grouping) string {
		var out []string
		for _, r := range f.Groups[g] {
			out = append(out, r.Name+" "+itoa(int64(r.Customers))+" "+pct(r.Share)+" "+r.Verdict.String())
		}
		return strings.Join(out, "\n")
	}
	// Wholesale (Cy, Dev, Ivy): revenue 125,000, profit -22,000, 3
	// complaints, fit (3+1)/2, Dev's NPS 3 alone: -100.
	wantSegments := strings.Join([]string{
		"Wholesale 3 61% drain: loses £220, 1 complaint per customer, fit 2.0, NPS -100",
		"Gift buyers 1 29% too few to judge: 1 buyer",
		"Market regulars 2 10% too few to judge: 2 buyers",
		"Spare 0 0% no sale in the period",
		"Teen fashion 2 0% no sale in the period",
		"(no segment) 1 0% no sale in the period",
	}, "\n")
	if got := rows(BySegment); got != wantSegments {
		t.Errorf("by segment:\n%s\nwant\n%s", got, wantSegments)
	}
	// Customers (Ben, Cy, Dev, Eve, Ivy): profit -12,000, 3 complaints
	// among 5, NPS (1 promoter - 1 detractor) / 2 = 0.
	wantStages := strings.Join([]string{
		"prospect 3 0% no sale in the period",
		"customer 5 71% drain: loses £120, 0.6 complaints per customer",
		"advocate 1 29% too few to judge: 1 buyer",
	}, "\n")
	if got := rows(ByStage); got != wantStages {
		t.Errorf("by stage:\n%s\nwant\n%s", got, wantStages)
	}
	var got []string
	for _, r := range f.Groups[ByRFM] {
		got = append(got, r.Name)
	}
	if s := strings.Join(got, ", "); s != "Champions, Loyal, New, At risk, Hibernating, (no sale in period)" {
		t.Errorf("RFM groups %s", s)
	}
	got = nil
	for _, r := range f.Groups[ByCountry] {
		got = append(got, r.Name+" "+itoa(int64(r.Customers)))
	}
	if s := strings.Join(got, ", "); s != "UK 3, France 2, (no country) 4" {
		t.Errorf("countries %s (\" uk\" counts as UK)", s)
	}
	wholesale := f.Groups[BySegment][0]
	if wholesale.Rated != 2 || wholesale.AvgFit != 2 || wholesale.Answers != 1 || wholesale.NPS != -100 ||
		wholesale.Buyers != 3 || wholesale.Complaints != 3 {
		t.Errorf("wholesale %+v", wholesale)
	}
}

func TestAnalyseFitAdvocatesReferralsAndTiers(t *testing.T) {
	t.Parallel()
	cs, segs, opt := fitBook()
	f := AnalyseFit(cs, segs, opt)
	if len(f.Advocates) != 1 || f.Advocates[0].Name != "Ben" ||
		f.Advocates[0].Reason != "referred 1 customer and scored 9 in NPS" {
		t.Errorf("advocates %+v, want Ben, who referred Eve and scored 9", f.Advocates)
	}
	if len(f.Referrers) != 2 {
		t.Fatalf("referrers %+v", f.Referrers)
	}
	ada, ben := f.Referrers[0], f.Referrers[1]
	if ada.Name != "Ada" || ada.Referred != 2 || ada.Network != 3 || ada.Revenue != 16000+90000 ||
		ada.NetworkRevenue != 16000+90000+4000 {
		t.Errorf("Ada referred Ben and Cy, and Ben referred Eve: %+v", ada)
	}
	if ben.Name != "Ben" || ben.Referred != 1 || ben.Revenue != 4000 {
		t.Errorf("Ben %+v", ben)
	}
	var tree []string
	for _, l := range f.ReferralTree(1) {
		tree = append(tree, l.Prefix+l.Name)
	}
	if got := strings.Join(tree, "\n"); got != "Ada\n├─ Ben\n│  └─ Eve\n└─ Cy" {
		t.Errorf("Ada's tree:\n%s", got)
	}

	var tiers []string
	for _, tr := range f.Tiers {
		tiers = append(tiers, tr.Name+" "+itoa(int64(tr.Customers))+" "+tr.Revenue.Short("£")+" "+tr.Profit.Short("£"))
	}
	if got := strings.Join(tiers, ", "); got != "Basic 4 £550 -£200, Standard 1 £900 £80, Premium 1 £600 £360, (no tier) 3 £0 £0" {
		t.Errorf("tiers %s", got)
	}
	// Orders among buyers 1 2 3 4 6 8: Ben's 8 is in the top quintile, he
	// is on Basic with fit 5. Eve (fit 4, 2 orders) orders too seldom.
	if got := names(f.Customers, f.Upgrades); got != "Ben" {
		t.Errorf("upgrades %q, want Ben", got)
	}
	if got := UpgradeReason(f.Customers[f.Upgrades[0]]); got != "fit 5, 8 orders in the period" {
		t.Errorf("upgrade reason %q", got)
	}
}

func TestAnalyseFitFindsIgnoredSegments(t *testing.T) {
	t.Parallel()
	cs, segs, opt := fitBook()
	f := AnalyseFit(cs, segs, opt)
	var got []string
	for _, o := range f.Ignored {
		got = append(got, o.Kind.String()+" | "+o.Subject+" | "+o.Text)
	}
	want := []string{
		"never sold to | Teen fashion | 2 prospects and no customer yet: make them an offer",
		"profitable, small | Gift buyers | margin 60% against 12% overall, from only 1 buyer: find more like them",
		"profitable, small | Market regulars | margin 50% against 12% overall, from only 2 buyers: find more like them",
		"unmet value | speed | 3 of 3 prospects care about it, 25% of customers: say how you answer it",
		"gone quiet | prospects | none of 3 ordered or heard from you in 90 days",
	}
	sameLines(t, "ignored", got, want)
}

func TestIgnoredCountsHaveThousandsSeparators(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	cs := make([]FitCustomer, 1004)
	for i := range cs {
		cs[i].Stage = StageCustomer
		if i < 37 {
			cs[i].LastActivity = today
		}
	}
	var at idIndex
	got := quietStages(fitRows(cs, &at, today))
	if len(got) != 1 || got[0].Text != "only 37 of 1,004 ordered or heard from you in 90 days" {
		t.Errorf("quiet customers: %+v", got)
	}
	if got := Plural(1200, "prospect", "prospects"); got != "1,200 prospects" {
		t.Errorf("Plural(1200) = %q", got)
	}
}

func TestValuesPerGroup(t *testing.T) {
	t.Parallel()
	cs, segs, opt := fitBook()
	f := AnalyseFit(cs, segs, opt)
	var got []string
	for _, b := range f.Values[BySegment] {
		line := b.Group + " " + itoa(int64(b.Known)) + "/" + itoa(int64(b.Customers)) + ":"
		for _, v := range b.Values {
			line += " " + v.Value + " " + pct(v.Share)
		}
		got = append(got, line)
	}
	want := []string{
		"Wholesale 1/3: price 100% speed 100%",
		"Gift buyers 1/1: quality 100% style 100%",
		"Market regulars 2/2: price 100%",
		"Spare 0/0:",
		"Teen fashion 2/2: speed 100% style 50%",
		"(no segment) 1/1: price 100% speed 100%",
	}
	sameLines(t, "values", got, want)
}

func TestSuggestAdvocate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		stage     Stage
		referrals int
		nps       int
		hasNPS    bool
		want      string
		ok        bool
	}{
		{StageCustomer, 2, 0, false, "referred 2 customers", true},
		{StageCustomer, 0, 10, true, "scored 10 in NPS", true},
		{StageCustomer, 0, 8, true, "", false},
		{StageCustomer, 0, 0, false, "", false},
		{StageAdvocate, 3, 10, true, "", false},
		{StageProspect, 1, 9, true, "", false},
		{StageFormer, 1, 9, true, "", false},
	}
	for _, tt := range tests {
		got, ok := SuggestAdvocate(tt.stage, tt.referrals, tt.nps, tt.hasNPS)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s, %d referrals, NPS %d (%v): %q %v; want %q %v", tt.stage, tt.referrals, tt.nps, tt.hasNPS,
				got, ok, tt.want, tt.ok)
		}
	}
}

func TestLetGoImpact(t *testing.T) {
	t.Parallel()
	cs, _, _ := fitBook()
	dev := NewLetGoImpact(cs[3])
	if dev.Change() != 31000 {
		t.Errorf("letting Dev go changes profit by %v, want +310.00 (he lost the business that much)", dev.Change())
	}
	want := []string{
		"Revenue lost      £300.00 from 3 orders",
		"Cost of goods     £250.00 no longer spent",
		"Cost to serve     £360.00 no longer spent",
		"Time saved        9 h 30 min",
		"Complaints        3 complaints to handle",
		"Without them      the business would have made £310.00 more",
	}
	sameLines(t, "Dev", dev.Lines("£"), want)
	ada := NewLetGoImpact(cs[0])
	if got := ada.Lines("£"); got[len(got)-1] != "Without them      the business would have made £360.00 less" {
		t.Errorf("Ada: %q", got[len(got)-1])
	}
	for _, tt := range []struct {
		min  int
		want string
	}{{45, "45 min"}, {120, "2 h"}, {570, "9 h 30 min"}} {
		if got := Duration(tt.min); got != tt.want {
			t.Errorf("Duration(%d) = %q, want %q", tt.min, got, tt.want)
		}
	}
}

// sameLines fails unless got and want hold the same lines.
func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("%s:\n%s\nwant\n%s", what, g, w)
	}
}

func TestFirstNIsTheHeadOfTheSortedList(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, size := range []int{0, 1, 5, 50, 51, 1000} {
		keys := make([]int, size)
		for i := range keys {
			keys[i] = rng.IntN(20) // many ties, broken by index
		}
		compare := func(a, b int) int { return cmp.Or(cmp.Compare(keys[b], keys[a]), cmp.Compare(a, b)) }
		xs := make([]int, size)
		for i := range xs {
			xs[i] = i
		}
		rng.Shuffle(size, func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		want := slices.SortedFunc(slices.Values(xs), compare)
		want = want[:min(len(want), 50)]
		if got := firstN(xs, 50, compare); !slices.Equal(got, want) {
			t.Errorf("%d: first 50 %v, want %v", size, got, want)
		}
	}
}

func TestTidySpacesIsFieldsJoined(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", " ", "United Kingdom", " United Kingdom", "United  Kingdom", "United Kingdom ",
		"United\tKingdom", "Côte d'Ivoire", "Côte\u00a0d'Ivoire", "a\u2003b", "x\r", "\nx", "a b c"} {
		if got, want := tidySpaces(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("tidySpaces(%q) = %q, want %q", s, got, want)
		}
	}
}
