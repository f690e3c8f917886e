package model

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The analyses as they were before issue 18 made them fast (segmentfit.go,
// fit.go, referral.go, values.go, ignored.go, tierfit.go, profit.go at
// a973b5c), kept as the reference the fast ones must equal.

// refAnalyseFit returns the analysis without its index by id and its
// referral children, which it returns beside it.
func refAnalyseFit(cs []FitCustomer, segments []Segment, opt FitOptions) (SegmentFit, map[int64]int, map[int64][]int) {
	f := SegmentFit{From: opt.From, To: opt.To, Today: Day(opt.Today), Symbol: opt.Settings.CurrencySymbol(),
		Customers: cs, Groups: map[Grouping][]GroupRow{}, Values: map[Grouping][]ValueBreakdown{}}
	at := refindexByID(cs)
	reffitRFM(cs, f.Today)
	refcountReferrals(cs, at)
	refscoreAll(cs, opt.Weights, f.Symbol)

	// From here the customers are only read. The groups, and what their
	// customers value, are summed beside the ranked lists, on a second
	// core when there is one: each is about half the rest of the work at
	// 100,000 customers. Each side writes its own fields of f.
	var vals refvalueIndex
	var wg sync.WaitGroup
	wg.Go(func() {
		ts := reftallies(cs)
		f.Totals = refsumGroup("all customers", ts, refallIndexes(len(cs)))
		vals = refinternValues(cs)
		for _, g := range Groupings {
			members := refgroupMembers(cs, g, segments, opt.Settings)
			rows := make([]GroupRow, len(members))
			for i, m := range members {
				rows[i] = refsumGroup(m.name, ts, m.idx)
				rows[i].Share = shareOf(rows[i].Revenue, f.Totals.Revenue)
				rows[i].Verdict = JudgeGroup(rows[i], f.Totals, f.Symbol)
			}
			f.Groups[g] = rows
			f.Values[g] = vals.by(members)
		}
	})
	f.Best, f.Drains, f.Unscored, f.NoSale = refrankFit(cs)
	f.Advocates = refsuggestAdvocates(cs)
	kids := refreferralChildren(cs)
	f.Referrers = refbestReferrers(cs, kids, at)
	f.Tiers, f.Upgrades = reftierFit(cs, opt.Settings)
	wg.Wait()
	f.Ignored = reffindIgnored(f, vals)
	return f, at, kids
}

func refcountReferrals(cs []FitCustomer, at map[int64]int) {
	for j := range cs {
		c := &cs[j]
		if i, ok := at[c.Referrer]; ok && c.Referrer != 0 {
			cs[i].Referrals++
		}
	}
}

func refscoreAll(cs []FitCustomer, w FitWeights, symbol string) {
	var buyers []int
	var profits []int64
	for i := range cs {
		c := &cs[i]
		if c.Orders > 0 {
			buyers = append(buyers, i)
			profits = append(profits, int64(c.Profit))
		}
	}
	ranks := make([]int, len(cs))
	if len(buyers) > 0 {
		for j, q := range refRankQuintiles(profits) {
			ranks[buyers[j]] = q
		}
	}
	for i := range cs {
		c := &cs[i]
		c.Score = refScoreFit(FitInputs{ProfitRank: ranks[i], Profit: c.Profit, Fit: c.Fit, Referrals: c.Referrals,
			Complaints: c.Complaints, NPS: c.NPS, HasNPS: c.HasNPS}, w, symbol)
	}
}

func refrankFit(cs []FitCustomer) (best, drains, unscored []int, noSale int) {
	for i := range cs {
		c := &cs[i]
		switch {
		case c.Stage == StageFormer:

		case !c.Score.Scored && c.Orders == 0:
			noSale++
		case !c.Score.Scored:
			unscored = append(unscored, i)
		case c.Score.Best():
			best = append(best, i)
		case c.Score.Drain():
			drains = append(drains, i)
		}
	}

	byName := func(a, b int) int {
		return cmp.Or(cmp.Compare(cs[a].Name, cs[b].Name), cmp.Compare(cs[a].ID, cs[b].ID))
	}
	best = reffirstN(best, rankedLimit, func(a, b int) int {
		if c := cmp.Or(cmp.Compare(cs[b].Score.Score, cs[a].Score.Score), cmp.Compare(cs[b].Profit, cs[a].Profit)); c != 0 {
			return c
		}
		return byName(a, b)
	})
	drains = reffirstN(drains, rankedLimit, func(a, b int) int {
		if c := cmp.Or(cmp.Compare(cs[a].Score.Score, cs[b].Score.Score), cmp.Compare(cs[a].Profit, cs[b].Profit)); c != 0 {
			return c
		}
		return byName(a, b)
	})
	slices.SortFunc(unscored, func(a, b int) int {
		if c := cmp.Compare(cs[b].Profit, cs[a].Profit); c != 0 {
			return c
		}
		return byName(a, b)
	})
	return best, drains, unscored, noSale
}

func reffirstN(xs []int, n int, compare func(a, b int) int) []int {
	if len(xs) <= n {
		slices.SortFunc(xs, compare)
		return xs
	}
	top := xs[:n]
	slices.SortFunc(top, compare)
	for _, x := range xs[n:] {
		if compare(x, top[n-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, x, compare)
		copy(top[i+1:], top[i:n-1])
		top[i] = x
	}
	return top
}

type refgroup struct {
	name string
	idx  []int
}

func refgroupMembers(cs []FitCustomer, g Grouping, segments []Segment, s Settings) []refgroup {
	// Names differing only in case are one refgroup, shown as first seen.
	var groups []refgroup
	exact := map[string]int{}
	folded := map[string]int{}
	lastName, lastK := "", -1
	put := func(name string, i int) {
		k := lastK
		if k < 0 || name != lastName {
			var ok bool
			if k, ok = exact[name]; !ok {
				f := strings.ToLower(name)
				if k, ok = folded[f]; !ok {
					k = len(groups)
					groups = append(groups, refgroup{name: name})
					folded[f] = k
				}
				exact[name] = k
			}
			lastName, lastK = name, k
		}
		if i >= 0 {
			groups[k].idx = append(groups[k].idx, i)
		}
	}
	switch g {
	case BySegment:
		for _, seg := range segments {
			put(seg.Name, -1)
		}
		for i := range cs {
			c := &cs[i]
			for _, n := range c.Segments {
				put(n, i)
			}
			if len(c.Segments) == 0 {
				put(NoSegment, i)
			}
		}
	case ByStage:
		for _, st := range Stages {
			put(string(st), -1)
		}
		for i := range cs {
			c := &cs[i]
			put(string(c.Stage), i)
		}
	case ByRFM:
		for _, n := range rfmOrder {
			put(n, -1)
		}
		for i := range cs {
			c := &cs[i]
			put(cmp.Or(c.RFMSegment, NoSale), i)
		}
	case ByTier:
		for t := 1; t <= Tiers; t++ {
			put(s.TierName(t), -1)
		}
		for i := range cs {
			c := &cs[i]
			name := s.TierName(c.Tier)
			if name == "" {
				name = NoTier
			}
			put(name, i)
		}
	case ByCountry:
		for i := range cs {
			c := &cs[i]
			put(cmp.Or(tidySpaces(c.Country), NoCountry), i)
		}
	}
	out := make([]refgroup, 0, len(groups))
	for _, gr := range groups {

		if len(gr.idx) == 0 && g != BySegment {
			continue
		}
		out = append(out, gr)
	}
	switch g {
	case BySegment:

		sumRev := func(gr refgroup) Money {
			var m Money
			for _, i := range gr.idx {
				m += cs[i].Revenue
			}
			return m
		}
		slices.SortStableFunc(out, func(a, b refgroup) int {
			return cmp.Or(cmp.Compare(boolInt(a.name == NoSegment), boolInt(b.name == NoSegment)),
				cmp.Compare(sumRev(b), sumRev(a)), cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name)))
		})
	case ByCountry:
		slices.SortStableFunc(out, func(a, b refgroup) int {
			return cmp.Or(cmp.Compare(boolInt(a.name == NoCountry), boolInt(b.name == NoCountry)),
				cmp.Compare(len(b.idx), len(a.idx)), cmp.Compare(a.name, b.name))
		})
	}
	return out
}

func refallIndexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func refindexByID(cs []FitCustomer) map[int64]int {
	at := make(map[int64]int, len(cs))
	for i := range cs {
		c := &cs[i]
		at[c.ID] = i
	}
	return at
}

func refsumGroup(name string, ts []reftally, idx []int) GroupRow {
	g := GroupRow{Name: name, Customers: len(idx)}
	fitSum := 0
	var nps NPS
	for _, i := range idx {
		t := &ts[i]
		g.Prospects += int(t.prospect)
		g.Former += int(t.former)
		g.Buyers += int(t.buyer)
		g.Revenue += t.revenue
		g.DirectCost += t.direct
		g.CostToServe += t.serve
		g.Profit += t.profit
		if t.fit > 0 {
			g.Rated++
			fitSum += int(t.fit)
		}
		g.Referrals += int(t.referrals)
		g.Complaints += int(t.complaints)
		if t.nps >= 0 {
			nps.Add(int(t.nps), 1)
		}
	}
	g.Margin, g.HasMargin = marginOf(g.Profit, g.Revenue)
	if g.Rated > 0 {
		g.AvgFit = float64(fitSum) / float64(g.Rated)
	}
	g.NPS, _ = nps.Score()
	g.Answers = nps.Answers()
	return g
}

type reftally struct {
	revenue, direct, serve, profit Money
	referrals, complaints          int32
	fit, nps                       int8 // fit 0: unrated; nps −1: no answer
	prospect, former, buyer        uint8
}

func reftallies(cs []FitCustomer) []reftally {
	ts := make([]reftally, len(cs))
	for i := range cs {
		c, t := &cs[i], &ts[i]
		t.revenue, t.direct, t.serve, t.profit = c.Revenue, c.DirectCost, c.CostToServe, c.Profit
		t.referrals, t.complaints, t.fit, t.nps = int32(c.Referrals), int32(c.Complaints), int8(c.Fit), -1
		if c.HasNPS {
			t.nps = int8(c.NPS)
		}
		t.prospect, t.former = uint8(boolInt(c.Stage == StageProspect)), uint8(boolInt(c.Stage == StageFormer))
		t.buyer = uint8(boolInt(c.Orders > 0))
	}
	return ts
}

func reffitRFM(cs []FitCustomer, asOf time.Time) {
	var idx []int
	var days, orders []int64
	for i := range cs {
		c := &cs[i]
		if c.Orders > 0 && c.RFMSegment == "" && !c.LastSale.IsZero() {
			idx = append(idx, i)
			days = append(days, int64(DaysBetween(c.LastSale, asOf)))
			orders = append(orders, int64(c.Orders))
		}
	}
	if len(idx) == 0 {
		return
	}
	r, f, _ := refrfmScores(days, orders, nil)
	for j, i := range idx {
		cs[i].RFMSegment = RFMSegment(r[j], f[j])
	}
}

func refScoreFit(in FitInputs, w FitWeights, symbol string) FitScore {
	if in.ProfitRank == 0 {
		return FitScore{Missing: "no sale in the period: nothing to rank their profit by"}
	}
	signals := in.Fit > 0 || in.HasNPS || in.Referrals > 0 || in.Complaints > 0
	if !signals {
		return FitScore{Missing: "only their profit is known: rate their fit, or ask them the NPS question"}
	}
	// Tens of thousands of customers are scored at once: the parts are
	// put in one small slice, and a text is written only for a part that
	// moves the score.
	var parts []FitPart
	add := func(points int, text func() string) {
		if points != 0 {
			if parts == nil {
				parts = make([]FitPart, 0, 5)
			}
			parts = append(parts, FitPart{Points: points, Text: text()})
		}
	}
	if in.Profit < 0 {
		add(w.Loss, func() string { return "loses " + (-in.Profit).Short(symbol) })
	} else if q := in.ProfitRank - 3; q != 0 {
		parts = append(make([]FitPart, 0, 5), FitPart{Points: q, Text: profitRankText(in.ProfitRank), Rank: true})
	}
	if in.Fit > 0 {
		add(in.Fit-3, func() string { return "fit " + strconv.Itoa(in.Fit) })
	}
	if in.Referrals > 0 {
		add(w.Referral*min(in.Referrals, w.MaxReferrals), func() string { return "referred " + Plural(in.Referrals, "customer", "customers") })
	}
	if in.Complaints > 0 {
		add(-w.Complaint*min(in.Complaints, w.MaxComplaints), func() string { return Plural(in.Complaints, "complaint", "complaints") })
	}
	if in.HasNPS {
		nps := func() string { return "NPS " + strconv.Itoa(in.NPS) }
		switch BandOf(in.NPS) {
		case Promoter:
			add(w.Promoter, nps)
		case Detractor:
			add(-w.Detractor, nps)
		}
	}
	s := FitScore{Scored: true, Parts: parts}
	for _, p := range parts {
		s.Score += p.Points
	}
	slices.SortStableFunc(s.Parts, func(a, b FitPart) int { return cmp.Compare(abs(b.Points), abs(a.Points)) })
	return s
}

func refRankQuintiles(values []int64) []int {
	out := make([]int, len(values))
	if len(values) == 0 {
		return out
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	n := len(values)
	var above [4]int64
	for k := range above {
		m := ((k+1)*n + 4) / 5
		above[k] = sorted[m-1]
	}
	for i, v := range values {
		q := 1
		for _, t := range above {
			if v > t {
				q++
			}
		}
		out[i] = q
	}
	return out
}

func refbestReferrers(cs []FitCustomer, kids map[int64][]int, at map[int64]int) []Referrer {
	var out []Referrer
	for id, children := range kids {
		i, ok := at[id]
		if !ok {
			continue
		}
		r := Referrer{ID: id, Name: cs[i].Name, Stage: cs[i].Stage, Referred: len(children)}
		for _, k := range children {
			r.Revenue += cs[k].LifetimeRevenue
		}
		refwalkTree(cs, kids, id, func(k, _ int) {
			r.Network++
			r.NetworkRevenue += cs[k].LifetimeRevenue
		})
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Referrer) int {
		if c := cmp.Or(cmp.Compare(b.Referred, a.Referred), cmp.Compare(b.Revenue, a.Revenue)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}

func refreferralChildren(cs []FitCustomer) map[int64][]int {
	kids := map[int64][]int{}
	for i := range cs {
		c := &cs[i]
		if c.Referrer != 0 {
			kids[c.Referrer] = append(kids[c.Referrer], i)
		}
	}
	for _, k := range kids {
		slices.SortFunc(k, func(a, b int) int { return cmp.Or(cmp.Compare(cs[a].Name, cs[b].Name), cmp.Compare(a, b)) })
	}
	return kids
}

func refwalkTree(cs []FitCustomer, kids map[int64][]int, id int64, fn func(i, depth int)) {
	seen := map[int64]bool{id: true}
	var walk func(id int64, depth int)
	walk = func(id int64, depth int) {
		for _, k := range kids[id] {
			if seen[cs[k].ID] {
				continue
			}
			seen[cs[k].ID] = true
			fn(k, depth)
			walk(cs[k].ID, depth+1)
		}
	}
	walk(id, 1)
}

func refsuggestAdvocates(cs []FitCustomer) []AdvocateSuggestion {
	var out []AdvocateSuggestion
	for i := range cs {
		c := &cs[i]
		if why, ok := SuggestAdvocate(c.Stage, c.Referrals, c.NPS, c.HasNPS); ok {
			out = append(out, AdvocateSuggestion{Index: i, ID: c.ID, Name: c.Name, Reason: why})
		}
	}
	slices.SortFunc(out, func(a, b AdvocateSuggestion) int {
		ca, cb := &cs[a.Index], &cs[b.Index]
		if c := cmp.Or(cmp.Compare(cb.Referrals, ca.Referrals), cmp.Compare(npsOrder(cb), npsOrder(ca))); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(ca.Name, cb.Name), cmp.Compare(ca.ID, cb.ID))
	})
	return out
}

type refvalueIndex struct {
	names []string  // value number → value
	held  [][]int32 // customer → the numbers of their values
	cs    []FitCustomer
}

func refinternValues(cs []FitCustomer) refvalueIndex {
	v := refvalueIndex{held: make([][]int32, len(cs)), cs: cs}
	num := map[string]int32{}
	for i := range cs {
		if len(cs[i].Values) == 0 {
			continue
		}
		ids := make([]int32, len(cs[i].Values))
		for j, val := range cs[i].Values {
			n, ok := num[val]
			if !ok {
				n = int32(len(v.names))
				num[val] = n
				v.names = append(v.names, val)
			}
			ids[j] = n
		}
		v.held[i] = ids
	}
	return v
}

func (v refvalueIndex) by(groups []refgroup) []ValueBreakdown {
	out := make([]ValueBreakdown, 0, len(groups))
	counts := make([]int, len(v.names))
	for _, g := range groups {
		out = append(out, v.breakdown(g.name, g.idx, counts))
	}
	return out
}

func (v refvalueIndex) breakdown(name string, idx []int, counts []int) ValueBreakdown {
	b := ValueBreakdown{Group: name, Customers: len(idx)}
	for _, i := range idx {
		if len(v.held[i]) > 0 {
			b.Known++
		}
		for _, n := range v.held[i] {
			counts[n]++
		}
	}
	for n, c := range counts {
		if c > 0 {
			b.Values = append(b.Values, ValueShare{Value: v.names[n], Customers: c, Share: float64(c) / float64(b.Known)})
			counts[n] = 0
		}
	}
	slices.SortFunc(b.Values, func(a, c ValueShare) int {
		return cmp.Or(cmp.Compare(c.Customers, a.Customers), cmp.Compare(a.Value, c.Value))
	})
	return b
}

func reffindIgnored(f SegmentFit, vals refvalueIndex) []Opportunity {
	var out []Opportunity
	all := f.Totals
	for _, g := range f.Groups[BySegment] {
		if g.Name == NoSegment {
			continue
		}
		if active := g.Customers - g.Prospects - g.Former; g.Prospects > 0 && active == 0 {
			out = append(out, Opportunity{Kind: UnsoldSegment, Subject: g.Name,
				Text: fmt.Sprintf("%s and no customer yet: make them an offer", Plural(g.Prospects, "prospect", "prospects"))})
		}
		if g.Buyers > 0 && g.HasMargin && all.HasMargin && g.Margin >= all.Margin+marginLead &&
			(g.Buyers < smallSegment || g.Buyers*20 < all.Buyers) {
			out = append(out, Opportunity{Kind: SmallProfitableSegment, Subject: g.Name,
				Text: fmt.Sprintf("margin %s against %s overall, from only %s: find more like them",
					pct(g.Margin), pct(all.Margin), Plural(g.Buyers, "buyer", "buyers"))})
		}
	}
	out = append(out, refunmetValues(f.Customers, vals)...)
	out = append(out, refquietStages(f.Customers, f.Today)...)
	slices.SortStableFunc(out, func(a, b Opportunity) int { return cmp.Compare(a.Kind, b.Kind) })
	return out
}

func refunmetValues(cs []FitCustomer, vals refvalueIndex) []Opportunity {
	var prospects, customers []int
	for i := range cs {
		c := &cs[i]
		switch c.Stage {
		case StageProspect:
			prospects = append(prospects, i)
		case StageCustomer, StageAdvocate:
			customers = append(customers, i)
		}
	}
	counts := make([]int, len(vals.names))
	p, c := vals.breakdown("prospects", prospects, counts), vals.breakdown("customers", customers, counts)
	held := map[string]ValueShare{}
	for _, v := range c.Values {
		held[v.Value] = v
	}
	var out []Opportunity
	for _, v := range p.Values {
		byCustomers := held[v.Value].Share
		if v.Customers >= unmetProspects && v.Share >= unmetShare && byCustomers < v.Share/2 {
			out = append(out, Opportunity{Kind: UnmetValue, Subject: v.Value,
				Text: fmt.Sprintf("%s of %s prospects care about it, %s of customers: say how you answer it",
					Commas(v.Customers), Commas(p.Known), pct(byCustomers))})
		}
	}
	return out
}

func refquietStages(cs []FitCustomer, today time.Time) []Opportunity {
	since := AddDays(today, -quietDays)
	stages := []Stage{StageAdvocate, StageCustomer, StageProspect}
	var inStage, recent [3]int // by stage: customers, and those active since
	for j := range cs {
		c := &cs[j]
		if k := slices.Index(stages, c.Stage); k >= 0 {
			inStage[k]++
			if !c.LastActivity.Before(since) {
				recent[k]++
			}
		}
	}
	var out []Opportunity
	for k, st := range stages {
		members, active := inStage[k], recent[k]
		if members == 0 || active*10 >= members {
			continue
		}
		text := fmt.Sprintf("none of %s ordered or heard from you in %d days", Commas(members), quietDays)
		if active > 0 {
			text = fmt.Sprintf("only %s of %s ordered or heard from you in %d days", Commas(active), Commas(members), quietDays)
		}
		out = append(out, Opportunity{Kind: QuietStage, Subject: string(st) + "s", Text: text})
	}
	return out
}

func reftierFit(cs []FitCustomer, s Settings) ([]TierFit, []int) {
	var sums [Tiers + 1]TierFit
	var orders []int64
	var buyers []int
	for i := range cs {
		c := &cs[i]
		t := c.Tier
		if t < 0 || t > Tiers {
			t = 0
		}
		sums[t].Customers++
		sums[t].Revenue += c.Revenue
		sums[t].Profit += c.Profit
		if c.Orders > 0 {
			sums[t].Buyers++
			orders = append(orders, int64(c.Orders))
			buyers = append(buyers, i)
		}
	}
	tiers := tierRows(&sums, s)
	var up []int
	if len(orders) > 0 {
		for j, q := range refRankQuintiles(orders) {
			c := &cs[buyers[j]]
			if c.Tier == 1 && c.Fit >= upgradeFit && q >= 4 && c.Orders >= upgradeOrders && c.Stage != StageFormer {
				up = append(up, buyers[j])
			}
		}
	}
	slices.SortFunc(up, func(a, b int) int {
		if c := cmp.Or(cmp.Compare(cs[b].Orders, cs[a].Orders), cmp.Compare(cs[b].Profit, cs[a].Profit)); c != 0 {
			return c
		}
		return cmp.Compare(cs[a].Name, cs[b].Name)
	})
	return tiers, up
}

func refAnalyseProfit(b ProfitBook, opt ProfitOptions) ProfitSummary {
	s := ProfitSummary{Period: b.Period, AsOf: b.Period.End(opt.Today),
		Currency: opt.Settings.Currency, Symbol: opt.Settings.CurrencySymbol()}
	active := 0
	for i := range b.Customers {
		if b.Customers[i].Active() {
			active++
		}
	}
	s.Customers = make([]CustomerProfit, 0, active)
	for i := range b.Customers {
		if b.Customers[i].Active() {
			s.Customers = append(s.Customers, refcustomerProfit(&b.Customers[i], s.AsOf))
		}
	}
	refsortByProfit(s.Customers)
	refscoreRFM(s.Customers)
	s.Unattributed = refcustomerProfit(&b.Unattributed, s.AsOf)
	s.Unattributed.Name = "(unattributed)"
	s.Totals = refprofitTotals(s.Customers, s.Unattributed)
	s.Cumulative = make([]Money, len(s.Customers))
	var run Money
	for i := range s.Customers {
		run += s.Customers[i].Profit
		s.Cumulative[i] = run
	}
	s.Headline = s.refwhaleHeadline()
	s.Top, s.Bottom = s.refranked()
	s.Months = refprofitMonths(b)
	s.Tiers = refprofitTiers(s.Customers, opt.Settings)
	return s
}

func refsortByProfit(cs []CustomerProfit) {
	type key struct {
		profit Money
		i      int32
	}
	keys := make([]key, len(cs))
	for i := range cs {
		keys[i] = key{cs[i].Profit, int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		switch {
		case a.profit > b.profit:
			return -1
		case a.profit < b.profit:
			return 1
		}
		return int(a.i - b.i)
	})
	for lo := 0; lo < len(keys); {
		hi := lo + 1
		for hi < len(keys) && keys[hi].profit == keys[lo].profit {
			hi++
		}
		if hi-lo > 1 {
			slices.SortStableFunc(keys[lo:hi], func(a, b key) int {
				x, y := &cs[a.i], &cs[b.i]
				return cmp.Or(strings.Compare(x.Name, y.Name), cmp.Compare(x.ID, y.ID))
			})
		}
		lo = hi
	}

	for k := range keys {
		if keys[k].i < 0 {
			continue
		}
		held, j := cs[k], k
		for {
			from := int(keys[j].i)
			keys[j].i = -1
			if from == k {
				cs[j] = held
				break
			}
			cs[j], j = cs[from], from
		}
	}
}

func refcustomerProfit(f *ProfitFacts, asOf time.Time) CustomerProfit {
	c := CustomerProfit{ProfitFacts: *f, RecencyDays: -1}
	c.Revenue = f.Sales + f.Refunds
	c.Profit = c.Revenue - f.DirectCost - f.CostToServe
	c.Margin, c.HasMargin = marginOf(c.Profit, c.Revenue)
	c.LifetimeProfit = f.LifetimeRevenue - f.LifetimeDirectCost - f.LifetimeCostToServe - f.Acquisition
	if f.SaleOrders > 0 && !f.LastSale.IsZero() {
		c.RecencyDays = max(0, DaysBetween(f.LastSale, asOf))
	}
	return c
}

func refscoreRFM(cs []CustomerProfit) {
	n := 0
	for i := range cs {
		if cs[i].RecencyDays >= 0 {
			n++
		}
	}
	if n == 0 {
		return
	}
	idx := make([]int32, 0, n)
	rec, freq, mon := make([]int64, 0, n), make([]int64, 0, n), make([]int64, 0, n)
	for i := range cs {
		if cs[i].RecencyDays >= 0 {
			idx = append(idx, int32(i))
			rec = append(rec, int64(cs[i].RecencyDays))
			freq = append(freq, int64(cs[i].SaleOrders))
			mon = append(mon, int64(cs[i].Revenue))
		}
	}
	r, f, m := refrfmScores(rec, freq, mon)
	for j, i := range idx {
		c := &cs[i]
		c.R, c.F, c.M = r[j], f[j], m[j]
		c.RFMSegment = RFMSegment(c.R, c.F)
	}
}

func refrfmScores(days, orders, revenue []int64) (r, f, m []int) {
	recent := make([]int64, len(days))
	for i, d := range days {
		recent[i] = -d
	}
	r, f = refRankQuintiles(recent), refRankQuintiles(orders)
	if revenue != nil {
		m = refRankQuintiles(revenue)
	}
	return r, f, m
}

func refprofitTotals(cs []CustomerProfit, un CustomerProfit) ProfitTotals {
	t := ProfitTotals{Customers: len(cs)}
	add := func(c *CustomerProfit) {
		t.Orders += c.SaleOrders
		t.Sales += c.Sales
		t.Refunds += c.Refunds
		t.DirectCost += c.DirectCost
		t.CostToServe += c.CostToServe
		if c.NoUnitCost() {
			t.Uncosted += c.Sales + c.Refunds
		}
	}
	for i := range cs {
		add(&cs[i])
		t.Acquisition += cs[i].Acquisition
		if cs[i].NoUnitCost() {
			t.UncostedCustomers++
		}
	}
	add(&un)
	t.Revenue = t.Sales + t.Refunds
	t.Profit = t.Revenue - t.DirectCost - t.CostToServe
	t.Margin, t.HasMargin = marginOf(t.Profit, t.Revenue)
	return t
}

func (s *ProfitSummary) refwhaleHeadline() string {
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
	for _, c := range s.Customers[n-k:] {
		bottom += c.Profit
	}
	return fmt.Sprintf("%s; the bottom 10%% %s %s", top, earnOrLose(bottom), abs64m(bottom).Short(s.Symbol))
}

func (s *ProfitSummary) refranked() (top, bottom []Ranked) {
	n := len(s.Customers)
	var base topBase
	for i := range s.Customers {
		if c := &s.Customers[i]; c.SaleOrders > 0 {
			base.buyers++
			base.revenue += c.Revenue
		}
	}
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

func refprofitMonths(b ProfitBook) []MonthProfit {
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

func refprofitTiers(cs []CustomerProfit, st Settings) []TierProfit {
	var sums [Tiers + 1]TierFit
	for i := range cs {
		t := cs[i].Tier
		if t < 1 || t > Tiers {
			t = 0
		}
		sums[t].Customers++
		sums[t].Buyers += boolInt(cs[i].SaleOrders > 0)
		sums[t].Revenue += cs[i].Revenue
		sums[t].Profit += cs[i].Profit
	}
	return tierRows(&sums, st)
}
