package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// The Segment fit analysis: which groups of customers the business serves
// well, which drain it, who the best customers and the drains are, who
// should be an advocate, which segments it ignores, and how the package
// tiers fare. Everything here is computed from FitCustomer rows the store
// reads, over a period, on an injected day.

// FitCustomer is what the analysis knows about one customer (archived
// ones are left out). The figures marked "in the period" come from the
// profitability rules.
type FitCustomer struct {
	ID         int64
	Name       string
	Stage      Stage
	Country    string
	Tier       int
	Segments   []string
	Values     []string
	Fit        int   // the owner's rating; 0 unrated
	Referrer   int64 // who referred them; 0 for nobody
	Complaints int   // opened in the period
	NPS        int   // latest NPS answer, when HasNPS
	HasNPS     bool

	// In the period.
	Orders      int // distinct sale orders
	Revenue     Money
	DirectCost  Money
	CostToServe Money
	Profit      Money
	TimeMinutes int       // the owner's time logged for them
	LastSale    time.Time // their last sale in the period
	// RFMSegment names their place on the R×F grid ("Champions"); "" when
	// they had no sale in the period.
	RFMSegment string

	// All time.
	LifetimeRevenue Money
	// LastActivity is their newest order or contact, any time.
	LastActivity time.Time

	// Filled by AnalyseFit.
	Referrals int // customers they referred
	Score     FitScore
}

// FitOptions are the period and the settings an analysis runs with.
type FitOptions struct {
	From, To time.Time // the period, both days included
	Today    time.Time
	Settings Settings
	Weights  FitWeights
}

// SegmentFit is the whole analysis.
type SegmentFit struct {
	From, To  time.Time
	Today     time.Time
	Symbol    string
	Customers []FitCustomer // every customer, scored
	Totals    GroupRow      // the business as a whole
	// Groups holds the rows of each grouping, for the screen's switch.
	Groups map[Grouping][]GroupRow
	// Values holds what each group's customers value, per grouping.
	Values map[Grouping][]ValueBreakdown
	// Best and Drains index Customers, best first and worst first.
	Best, Drains []int
	// Unscored index the customers who bought in the period but are
	// known only by their profit, the most profitable first: rating their
	// fit would score them. NoSale counts those with no sale to rank.
	Unscored  []int
	NoSale    int
	Advocates []AdvocateSuggestion
	Referrers []Referrer
	Ignored   []Opportunity
	Tiers     []TierFit
	Upgrades  []int // index Customers: lowest-tier customers to offer more

	at   idIndex      // Customers by id
	kids referralKids // the customers each one referred, by name
}

// Customer returns the customer with id, when the analysis holds them.
func (f *SegmentFit) Customer(id int64) (*FitCustomer, bool) {
	i, ok := f.at.find(id)
	if !ok {
		return nil, false
	}
	return &f.Customers[i], true
}

// AnalyseFit scores every customer and builds every view of the analysis.
// segments are every segment the owner named, members or not.
func AnalyseFit(cs []FitCustomer, segments []Segment, opt FitOptions) SegmentFit {
	f := SegmentFit{From: opt.From, To: opt.To, Today: Day(opt.Today), Symbol: opt.Settings.CurrencySymbol(),
		Customers: cs, Groups: map[Grouping][]GroupRow{}, Values: map[Grouping][]ValueBreakdown{}}
	f.at = indexByID(cs)
	rows := fitRows(cs, &f.at, f.Today)
	rfmOfRows(rows)
	scoreAll(cs, rows, opt.Weights, f.Symbol)

	// From here the customers are only read. The tiers and the groups,
	// and what their customers value, are summed beside the ranked lists
	// and the referrals, on a second core when there is one: each is
	// about half the rest of the work at 100,000 customers. Each side
	// writes its own fields of f.
	var unmet [2]ValueBreakdown
	var wg sync.WaitGroup
	wg.Go(func() {
		f.Tiers, f.Upgrades = tierFit(cs, rows, opt.Settings)
		var groups [groupings][]groupSum
		var all groupSum
		groups, all, unmet = groupAll(cs, rows, segments, opt.Settings)
		f.Totals = all.row("all customers")
		for _, g := range Groupings {
			rows := make([]GroupRow, len(groups[g]))
			values := make([]ValueBreakdown, len(groups[g]))
			for i := range groups[g] {
				gs := &groups[g][i]
				rows[i] = gs.row(gs.name)
				rows[i].Share = shareOf(rows[i].Revenue, f.Totals.Revenue)
				rows[i].Verdict = JudgeGroup(rows[i], f.Totals, f.Symbol)
				values[i] = gs.breakdown(gs.name)
			}
			f.Groups[g] = rows
			f.Values[g] = values
		}
	})
	f.Best, f.Drains, f.Unscored, f.NoSale = rankFit(cs, rows)
	f.Advocates = suggestAdvocates(cs, rows)
	f.kids = referralChildren(cs, rows)
	f.Referrers = bestReferrers(cs, rows, &f.kids)
	quiet := quietStages(rows)
	wg.Wait()
	rowsKept.give(rows)
	f.Ignored = findIgnored(f, unmet, quiet)
	return f
}

// How many customers each ranked list holds at most.
const rankedLimit = 50

// rankFit returns the best customers (FitScore.Best, highest first) and
// the drains (FitScore.Drain, lowest first), ties to the larger profit
// (best) or the larger loss (drains), then by name; and the customers with
// no score: those who bought (most profit first) and how many did not.
// Customers already let go are in none of them.
func rankFit(cs []FitCustomer, rows []fitRow) (best, drains, unscored []int, noSale int) {
	for i := range rows {
		r := &rows[i]
		switch {
		case r.stage == formerStage:
			// Let go already: nothing to act on.
		case r.flags&rowScored == 0 && r.orders == 0:
			noSale++
		case r.flags&rowScored == 0:
			unscored = append(unscored, i)
		case r.flags&rowBest != 0:
			best = append(best, i)
		case r.flags&rowDrain != 0:
			drains = append(drains, i)
		}
	}
	// Names are compared only on a tie.
	best = firstN(best, rankedLimit, func(a, b int) int {
		if c := cmp.Or(cmp.Compare(rows[b].score, rows[a].score), cmp.Compare(rows[b].profit, rows[a].profit)); c != 0 {
			return c
		}
		return byName(cs, a, b)
	})
	drains = firstN(drains, rankedLimit, func(a, b int) int {
		if c := cmp.Or(cmp.Compare(rows[a].score, rows[b].score), cmp.Compare(rows[a].profit, rows[b].profit)); c != 0 {
			return c
		}
		return byName(cs, a, b)
	})
	sortByProfitThen(rows, unscored, func(a, b int) int { return byName(cs, a, b) })
	return best, drains, unscored, noSale
}

// sortByProfitThen sorts idx (indexes of cs) the most profitable first,
// ties by tie. It sorts keys holding each profit beside its index, so that
// comparing two profits does not fetch two customers.
func sortByProfitThen(rows []fitRow, idx []int, tie func(a, b int) int) {
	type key struct {
		profit Money
		i      int
	}
	keys := make([]key, len(idx))
	for j, i := range idx {
		keys[j] = key{rows[i].profit, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(b.profit, a.profit); c != 0 {
			return c
		}
		return tie(a.i, b.i)
	})
	for j := range keys {
		idx[j] = keys[j].i
	}
}

// firstN returns the first n of xs in the order of compare, a total order,
// sorted: what sorting xs and keeping n gives, without sorting the tens of
// thousands that do not make the list. xs is reused.
func firstN(xs []int, n int, compare func(a, b int) int) []int {
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

// Grouping is a way of cutting the customers into groups.
type Grouping int

// The groupings, in the order the screen's switch cycles through them.
const (
	BySegment Grouping = iota
	ByStage
	ByRFM
	ByTier
	ByCountry
)

// Groupings lists every grouping in order.
var Groupings = []Grouping{BySegment, ByStage, ByRFM, ByTier, ByCountry}

// groupings is how many there are.
const groupings = int(ByCountry) + 1

// Next returns the grouping after g, wrapping around.
func (g Grouping) Next() Grouping { return (g + 1) % Grouping(len(Groupings)) }

// String names the grouping: "segments", "RFM segments" …
func (g Grouping) String() string {
	switch g {
	case ByStage:
		return "stages"
	case ByRFM:
		return "RFM segments"
	case ByTier:
		return "tiers"
	case ByCountry:
		return "countries"
	}
	return "segments"
}

// Names of the groups of customers a grouping leaves out of every other.
const (
	NoSegment = "(no segment)"
	NoSale    = "(no sale in period)"
	NoTier    = "(no tier)"
	NoCountry = "(no country)"
)

// rfmOrder is the order of the RFM segments on screen, best first.
var rfmOrder = []string{"Champions", "Loyal", "Potential loyalist", "New", "Promising", "Need attention",
	"About to sleep", "At risk", "Can't lose them", "Hibernating"}

// groupAll cuts the customers into the groups of every grouping, each in
// the order the screen shows them (a customer in several segments is in
// each), and sums each group and what its customers value; and all of
// them, and what prospects and customers value (unmetValues). One pass
// over the customers does it all: a customer's groups are named and their
// figures added to each at once.
func groupAll(cs []FitCustomer, rows []fitRow, segments []Segment, s Settings) (out [groupings][]groupSum, all groupSum, unmet [2]ValueBreakdown) {
	var names [groupings]groupNames
	for _, seg := range segments {
		names[BySegment].of(seg.Name)
	}
	// The stages, RFM segments and tiers are named first, in the order
	// the screen shows them; the groups of the usual ones are then found
	// by number (a row's stage, R and F, tier) rather than by name.
	var stageK [formerStage + 1]int32
	for _, st := range Stages {
		stageK[stageKeyOf(st)] = names[ByStage].of(string(st))
	}
	for _, n := range rfmOrder {
		names[ByRFM].of(n)
	}
	var rfmK [6][6]int32
	for r := 1; r <= 5; r++ {
		for f := 1; f <= 5; f++ {
			rfmK[r][f] = names[ByRFM].of(rfmName(r, f)) // one of rfmOrder
		}
	}
	tierK := [Tiers + 1]int32{-1, -1, -1, -1}
	for t := 1; t <= Tiers; t++ {
		k := names[ByTier].of(s.TierName(t))
		if s.TierName(t) != "" {
			tierK[t] = k
		}
	}
	var sums [groupings][]groupSum
	var stageSums [2]groupSum // prospects; customers and advocates
	add := func(g Grouping, k int32, t *tally, held []int32) {
		if int(k) >= len(sums[g]) {
			sums[g] = append(sums[g], make([]groupSum, int(k)+1-len(sums[g]))...)
		}
		sums[g][k].add(t, held)
	}
	// The values first, in a loop of their own: each customer's list is
	// somewhere else in memory, and a loop that only copies them out
	// waits for many of them at once, where the loop below would wait for
	// each in turn.
	nVals := 0
	for i := range cs {
		nVals += len(cs[i].Values)
	}
	start, flat := make([]int32, len(cs)+1), valuesKept.take(nVals)[:0]
	defer func() {
		clear(flat) // keeps no book's texts alive
		valuesKept.give(flat)
	}()
	for i := range cs {
		flat = append(flat, cs[i].Values...)
		start[i+1] = int32(len(flat))
	}
	var values groupNames // numbers the values, telling them apart by case
	held := make([]int32, len(flat))
	for j, v := range flat {
		held[j] = values.exactly(v)
	}
	lastCountry, lastTidy := "", ""
	for i := range cs {
		c, t := &cs[i], &rows[i].tally
		held := held[start[i]:start[i+1]]
		all.add(t, nil)
		switch rows[i].stage {
		case prospectStage:
			stageSums[0].add(t, held)
		case customerStage, advocateStage:
			stageSums[1].add(t, held)
		}
		for _, name := range c.Segments {
			add(BySegment, names[BySegment].of(name), t, held)
		}
		if len(c.Segments) == 0 {
			add(BySegment, names[BySegment].of(NoSegment), t, held)
		}
		r := &rows[i]
		if r.stage != otherStage {
			add(ByStage, stageK[r.stage], t, held)
		} else {
			add(ByStage, names[ByStage].of(string(c.Stage)), t, held)
		}
		if r.rfmR > 0 {
			add(ByRFM, rfmK[r.rfmR][r.rfmF], t, held)
		} else {
			add(ByRFM, names[ByRFM].of(cmp.Or(c.RFMSegment, NoSale)), t, held)
		}
		if k := tierK[r.tier]; k >= 0 {
			add(ByTier, k, t, held)
		} else {
			add(ByTier, names[ByTier].of(NoTier), t, held)
		}
		if i == 0 || c.Country != lastCountry {
			lastCountry, lastTidy = c.Country, cmp.Or(tidySpaces(c.Country), NoCountry)
		}
		add(ByCountry, names[ByCountry].of(lastTidy), t, held)
	}
	for _, g := range Groupings {
		out[g] = orderGroups(g, names[g].names, sums[g], values.names)
	}
	for k := range stageSums {
		stageSums[k].valueNames = values.names
	}
	return out, all, [2]ValueBreakdown{stageSums[0].breakdown("prospects"), stageSums[1].breakdown("customers")}
}

// orderGroups names the groups of grouping g, drops those that say
// nothing and sorts them as the screen shows them.
func orderGroups(g Grouping, names []string, sums []groupSum, values []string) []groupSum {
	sums = append(sums, make([]groupSum, len(names)-len(sums))...)
	out := make([]groupSum, 0, len(sums))
	for k := range sums {
		sums[k].name, sums[k].valueNames = names[k], values
		// Empty RFM segments and tiers say nothing; empty segments do
		// (the owner named them, and nobody is in them).
		if sums[k].customers == 0 && g != BySegment {
			continue
		}
		out = append(out, sums[k])
	}
	switch g {
	case BySegment:
		// Most revenue first; the customers in no segment last.
		slices.SortStableFunc(out, func(a, b groupSum) int {
			return cmp.Or(cmp.Compare(boolInt(a.name == NoSegment), boolInt(b.name == NoSegment)),
				cmp.Compare(b.revenue, a.revenue), cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name)))
		})
	case ByCountry:
		slices.SortStableFunc(out, func(a, b groupSum) int {
			return cmp.Or(cmp.Compare(boolInt(a.name == NoCountry), boolInt(b.name == NoCountry)),
				cmp.Compare(b.customers, a.customers), cmp.Compare(a.name, b.name))
		})
	}
	return out
}

// groupSum adds up a group's customers as they are met: their figures
// for its GroupRow, and what they value for its ValueBreakdown.
type groupSum struct {
	name                           string
	customers, prospects, former   int
	buyers, rated, fitSum          int
	revenue, direct, serve, profit Money
	referrals, complaints          int
	nps                            NPS
	known                          int      // customers with a value recorded
	counts                         []int    // by value number, customers holding it
	valueNames                     []string // value number → value
}

// add adds a customer: t their figures, held the numbers of their values.
func (g *groupSum) add(t *tally, held []int32) {
	g.customers++
	g.prospects += int(t.prospect)
	g.former += int(t.former)
	g.buyers += int(t.buyer)
	g.revenue += t.revenue
	g.direct += t.direct
	g.serve += t.serve
	g.profit += t.profit
	if t.fit > 0 {
		g.rated++
		g.fitSum += int(t.fit)
	}
	g.referrals += int(t.referrals)
	g.complaints += int(t.complaints)
	if t.nps >= 0 {
		g.nps.Add(int(t.nps), 1)
	}
	if len(held) > 0 {
		g.known++
		for _, v := range held {
			if int(v) >= len(g.counts) {
				g.counts = append(g.counts, make([]int, int(v)+1-len(g.counts))...)
			}
			g.counts[v]++
		}
	}
}

// row is the group's row on screen, named name.
func (g *groupSum) row(name string) GroupRow {
	r := GroupRow{Name: name, Customers: g.customers, Prospects: g.prospects, Former: g.former, Buyers: g.buyers,
		Revenue: g.revenue, DirectCost: g.direct, CostToServe: g.serve, Profit: g.profit, Rated: g.rated,
		Referrals: g.referrals, Complaints: g.complaints}
	r.Margin, r.HasMargin = marginOf(r.Profit, r.Revenue)
	if r.Rated > 0 {
		r.AvgFit = float64(g.fitSum) / float64(r.Rated)
	}
	r.NPS, _ = g.nps.Score()
	r.Answers = g.nps.Answers()
	return r
}

// breakdown is what the group's customers value, most held first.
func (g *groupSum) breakdown(name string) ValueBreakdown {
	b := ValueBreakdown{Group: name, Customers: g.customers, Known: g.known}
	for n, c := range g.counts {
		if c > 0 {
			b.Values = append(b.Values, ValueShare{Value: g.valueNames[n], Customers: c, Share: float64(c) / float64(b.Known)})
		}
	}
	slices.SortFunc(b.Values, func(a, c ValueShare) int {
		return cmp.Or(cmp.Compare(c.Customers, a.Customers), cmp.Compare(a.Value, c.Value))
	})
	return b
}

// groupNames numbers the groups of a grouping as their names are met.
// Names differing only in case are one group, named as first seen.
type groupNames struct {
	names []string // group number → its name

	// The names met, each with its group: scanned while they are few,
	// as they are in every grouping but a business's own segments and
	// countries; a map past that.
	met    []string
	metK   []int32
	exact  map[string]int32
	folded map[string]int32 // a name in lower case → its group

	last  string // the name met last: often met again next
	lastK int32
	any   bool
}

// of returns the group of name, numbering a new one.
func (gs *groupNames) of(name string) int32 {
	if gs.any && name == gs.last {
		return gs.lastK
	}
	k, ok := gs.find(name)
	if !ok {
		f := strings.ToLower(name)
		if k, ok = gs.folded[f]; !ok {
			k = int32(len(gs.names))
			gs.names = append(gs.names, name)
			if gs.folded == nil {
				gs.folded = map[string]int32{}
			}
			gs.folded[f] = k
		}
		gs.remember(name, k)
	}
	gs.last, gs.lastK, gs.any = name, k, true
	return k
}

// exactly returns the number of name, numbering a new one, telling
// names apart by case too.
func (gs *groupNames) exactly(name string) int32 {
	if gs.any && name == gs.last {
		return gs.lastK
	}
	k, ok := gs.find(name)
	if !ok {
		k = int32(len(gs.names))
		gs.names = append(gs.names, name)
		gs.remember(name, k)
	}
	gs.last, gs.lastK, gs.any = name, k, true
	return k
}

// remember notes that name is in group k.
func (gs *groupNames) remember(name string, k int32) {
	gs.met, gs.metK = append(gs.met, name), append(gs.metK, k)
	if gs.exact != nil {
		gs.exact[name] = k
	} else if len(gs.met) > 16 {
		gs.exact = make(map[string]int32, 2*len(gs.met))
		for j, n := range gs.met {
			gs.exact[n] = gs.metK[j]
		}
	}
}

// find returns the group of a name met before.
func (gs *groupNames) find(name string) (int32, bool) {
	if gs.exact != nil {
		k, ok := gs.exact[name]
		return k, ok
	}
	for j, n := range gs.met {
		if n == name {
			return gs.metK[j], true
		}
	}
	return 0, false
}

// tidySpaces is s with its runs of white space made one space and its
// ends trimmed, as strings.Fields and strings.Join make it; s itself when
// it is tidy already, as nearly every country is.
func tidySpaces(s string) string {
	tidy := s != "" && s[0] != ' ' && s[len(s)-1] != ' '
	for i := 0; tidy && i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			tidy = false
		case c == ' ' && s[i+1] == ' ':
			tidy = false
		}
	}
	if tidy {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// idIndex finds customers by id: through a slice indexed by id when the
// ids are dense, as SQLite hands them out, else through a map.
type idIndex struct {
	dense  []int32 // by id, the customer's index + 1; 0 for none
	sparse map[int64]int
}

func indexByID(cs []FitCustomer) idIndex {
	top := int64(0)
	for i := range cs {
		id := cs[i].ID
		if id < 0 || id > int64(2*len(cs)+1024) {
			at := make(map[int64]int, len(cs))
			for i := range cs {
				at[cs[i].ID] = i
			}
			return idIndex{sparse: at}
		}
		top = max(top, id)
	}
	dense := make([]int32, top+1)
	for i := range cs {
		dense[cs[i].ID] = int32(i + 1)
	}
	return idIndex{dense: dense}
}

// find returns the index of the customer with id.
func (x *idIndex) find(id int64) (int, bool) {
	if x.dense == nil {
		i, ok := x.sparse[id]
		return i, ok
	}
	if id < 0 || id >= int64(len(x.dense)) {
		return 0, false
	}
	i := int(x.dense[id]) - 1
	return i, i >= 0
}

// GroupRow is one group of customers on the Segment fit screen.
type GroupRow struct {
	Name      string
	Customers int // everyone in the group, prospects included
	Prospects int
	Former    int // let go
	Buyers    int // customers with a sale in the period

	Revenue     Money // in the period
	DirectCost  Money
	CostToServe Money
	Profit      Money
	Margin      float64 // Profit / Revenue, when HasMargin
	HasMargin   bool
	Share       float64 // of the business's revenue in the period

	Rated      int     // customers with a fit rating
	AvgFit     float64 // their mean rating, when Rated > 0
	Referrals  int     // customers the group's customers referred
	Complaints int     // opened in the period
	// NPS over the group's latest answers: % promoters − % detractors,
	// when Answers > 0.
	NPS     int
	Answers int

	Verdict Verdict
}

// ComplaintsPer is complaints per customer in the group.
func (g GroupRow) ComplaintsPer() float64 {
	if g.Customers == 0 {
		return 0
	}
	return float64(g.Complaints) / float64(g.Customers)
}

// ReferralsPer is referrals made per customer in the group.
func (g GroupRow) ReferralsPer() float64 {
	if g.Customers == 0 {
		return 0
	}
	return float64(g.Referrals) / float64(g.Customers)
}

// tally is one customer's part in a group row, kept small so that summing
// the groups of a grouping reads a few bytes per customer rather than the
// whole FitCustomer.
type tally struct {
	revenue, direct, serve, profit Money
	referrals, complaints          int32
	fit, nps                       int8 // fit 0: unrated; nps −1: no answer
	prospect, former, buyer        uint8
}

// marginOf is profit / revenue; false when revenue is not positive. It is
// a ratio, not money, so a float holds it.
func marginOf(profit, revenue Money) (float64, bool) {
	if revenue <= 0 {
		return 0, false
	}
	return float64(profit) / float64(revenue), true
}

// shareOf is part / whole, 0 when whole is not positive.
func shareOf(part, whole Money) float64 {
	if whole <= 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// pct writes a ratio as a whole percentage: "48%".
func pct(r float64) string { return fmt.Sprintf("%d%%", int(math.Round(r*100))) }

// VerdictKind is what the screen makes of a group, best first.
type VerdictKind int

// The verdicts.
const (
	VerdictBest VerdictKind = iota
	VerdictGood
	VerdictWatch
	VerdictDrain
	VerdictUnknown // too few buyers to judge
	VerdictNoSale  // nobody in the group bought in the period
)

// String names the verdict as the screen writes it.
func (k VerdictKind) String() string {
	switch k {
	case VerdictBest:
		return "best fit"
	case VerdictGood:
		return "good"
	case VerdictWatch:
		return "watch"
	case VerdictDrain:
		return "drain"
	case VerdictNoSale:
		return "no sale in the period"
	}
	return "too few to judge"
}

// Short names the verdict in a word or two, for a narrow column: "too
// few", "no sale".
func (k VerdictKind) Short() string {
	switch k {
	case VerdictUnknown:
		return "too few"
	case VerdictNoSale:
		return "no sale"
	}
	return k.String()
}

// Verdict is the kind and its reasons in words.
type Verdict struct {
	Kind    VerdictKind
	Reasons []string
}

// String writes "best fit: margin 48%, refers others".
func (v Verdict) String() string {
	if len(v.Reasons) == 0 {
		return v.Kind.String()
	}
	return v.Kind.String() + ": " + strings.Join(v.Reasons, ", ")
}

// Thresholds of the verdicts.
const (
	// minJudged is the fewest buyers a group needs to be judged.
	minJudged = 3
	// Complaints per customer from which a group is a drain, and from
	// which it is worth watching.
	drainComplaints = 1.0
	watchComplaints = 0.5
	// A mean fit rating below poorFit is poor; from goodFit it is good.
	poorFit = 2.5
	goodFit = 3.5
	// Referrals per customer from which a group "refers others".
	refersOthers = 0.2
	// An NPS from greatNPS is a strength; below 0 a weakness.
	greatNPS = 30
	// A margin under thinMargin of the business's is thin.
	thinMargin = 0.6
)

// JudgeGroup gives a group its verdict against the business as a whole:
//
//   - no sale in the period: nobody in it bought (however many they are);
//   - too few to judge: fewer than 3 customers with a sale in the period;
//   - drain: it lost money; or, when it does not earn its share of the
//     profit (a share of the business's profit at least its share of the
//     buyers), 1 complaint or more per customer, or a mean fit below 2.5
//     with a margin below the business's. Money comes first: a group
//     that earns its share is at worst watched, and says what it brings;
//   - best fit: a margin at or above the business's, fewer than 0.5
//     complaints per customer, and one strength: a mean fit of 3.5 or
//     more, 0.2 referrals per customer or more, or an NPS of 30 or more;
//   - watch: a thin margin (under 0.6 of the business's), 0.5 complaints per
//     customer or more, or a negative NPS;
//   - good: the rest.
//
// Reasons name what decided it, in the order above.
func JudgeGroup(g, all GroupRow, symbol string) Verdict {
	switch {
	case g.Buyers == 0:
		return Verdict{Kind: VerdictNoSale}
	case g.Buyers < minJudged:
		return Verdict{Kind: VerdictUnknown, Reasons: []string{Plural(g.Buyers, "buyer", "buyers")}}
	}
	avg, hasAvg := all.Margin, all.HasMargin
	below := !g.HasMargin || (hasAvg && g.Margin < avg)
	per := g.ComplaintsPer()
	poor := g.Rated > 0 && g.AvgFit < poorFit
	profitShare := shareOf(g.Profit, all.Profit)
	earns := g.Profit > 0 && all.Buyers > 0 && profitShare >= float64(g.Buyers)/float64(all.Buyers)

	if g.Profit < 0 || (!earns && (per >= drainComplaints || (poor && below))) {
		var rs []string
		if g.Profit < 0 {
			rs = append(rs, "loses "+(-g.Profit).Short(symbol))
		}
		if per >= watchComplaints {
			rs = append(rs, perCustomer(per, "complaint"))
		}
		if poor {
			rs = append(rs, fmt.Sprintf("fit %.1f", g.AvgFit))
		}
		if g.Answers > 0 && g.NPS < 0 {
			rs = append(rs, "NPS "+Signed(g.NPS))
		}
		if g.Profit >= 0 && g.HasMargin {
			rs = append(rs, "margin "+pct(g.Margin))
		}
		return Verdict{Kind: VerdictDrain, Reasons: rs}
	}

	var strengths []string
	if g.Rated > 0 && g.AvgFit >= goodFit {
		strengths = append(strengths, fmt.Sprintf("fit %.1f", g.AvgFit))
	}
	if g.ReferralsPer() >= refersOthers {
		strengths = append(strengths, "refers others")
	}
	if g.Answers > 0 && g.NPS >= greatNPS {
		strengths = append(strengths, "NPS "+Signed(g.NPS))
	}
	if !below && per < watchComplaints && len(strengths) > 0 {
		return Verdict{Kind: VerdictBest, Reasons: append([]string{"margin " + pct(g.Margin)}, strengths...)}
	}

	var worries []string
	if g.HasMargin && hasAvg && g.Margin < avg*thinMargin {
		worries = append(worries, "thin margin "+pct(g.Margin)+" against "+pct(avg))
	}
	if per >= watchComplaints {
		worries = append(worries, perCustomer(per, "complaint"))
	}
	if poor {
		worries = append(worries, fmt.Sprintf("fit %.1f", g.AvgFit))
	}
	if g.Answers > 0 && g.NPS < 0 {
		worries = append(worries, "NPS "+Signed(g.NPS))
	}
	if len(worries) > 0 && earns && (per >= drainComplaints || (poor && below)) {
		// What would have made it a drain, weighed against what it brings.
		worries = append([]string{"brings " + pct(profitShare) + " of the profit"}, worries...)
	}
	if len(worries) > 0 {
		return Verdict{Kind: VerdictWatch, Reasons: worries}
	}
	return Verdict{Kind: VerdictGood, Reasons: append([]string{"margin " + pct(g.Margin)}, strengths...)}
}

// perCustomer writes a rate: "3 complaints per customer", "0.5 complaints
// per customer".
func perCustomer(r float64, noun string) string {
	s := fmt.Sprintf("%.1f", r)
	s = strings.TrimSuffix(s, ".0")
	if s == "1" {
		return "1 " + noun + " per customer"
	}
	return s + " " + noun + "s per customer"
}

// daysTo is DaysBetween(t, day) for day a midnight: counted on the clock
// when t is in UTC, as the domain's times are, rather than by breaking
// both into dates.
func daysTo(t, day time.Time) int {
	const secondsADay = 86400
	if t.Location() == time.UTC && day.Location() == time.UTC {
		ts := t.Unix()
		d := day.Unix()/secondsADay - (ts/secondsADay - boolInt64(ts%secondsADay < 0))
		if d > -100000 && d < 100000 { // far apart, DaysBetween saturates
			return int(d)
		}
	}
	return DaysBetween(t, day)
}

func boolInt64(b bool) int64 { return int64(boolInt(b)) }

// rfmName is the segment of the usual R×F grid.
func rfmName(r, f int) string {
	switch {
	case r == 5 && f >= 4:
		return "Champions"
	case r >= 3 && f >= 4:
		return "Loyal"
	case r >= 4 && f >= 2:
		return "Potential loyalist"
	case r == 5:
		return "New"
	case r == 4:
		return "Promising"
	case r == 3 && f == 3:
		return "Need attention"
	case r == 3:
		return "About to sleep"
	case f == 5:
		return "Can't lose them"
	case f >= 3:
		return "At risk"
	}
	return "Hibernating"
}
