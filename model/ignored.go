package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Ignored segments: groups of customers, or would-be customers, the
// business is not serving, drawn from the data.

// OpportunityKind is what kind of neglect an Opportunity points at.
type OpportunityKind int

// The kinds, in the order the screen lists them.
const (
	// A segment holding prospects and no customer: nobody sold to them.
	UnsoldSegment OpportunityKind = iota
	// A segment with a margin well above the business's that holds few
	// customers: find more like them.
	SmallProfitableSegment
	// A value many prospects hold and few customers do: an offer that
	// speaks to it is missing.
	UnmetValue
	// A stage whose customers have gone quiet: few ordered or heard from
	// the owner recently.
	QuietStage
)

// String names the kind in a few words.
func (k OpportunityKind) String() string {
	switch k {
	case UnsoldSegment:
		return "never sold to"
	case SmallProfitableSegment:
		return "profitable, small"
	case UnmetValue:
		return "unmet value"
	}
	return "gone quiet"
}

// Opportunity is one suggestion of something the business ignores.
type Opportunity struct {
	Kind    OpportunityKind
	Subject string // the segment, value or stage
	Text    string // the facts and what to do
}

// Thresholds of the suggestions.
const (
	// A segment is small with fewer buyers than this, or under a
	// twentieth of all buyers; its margin stands out from marginLead (5
	// points) above the business's.
	smallSegment = 5
	marginLead   = 0.05
	// A value is unmet when at least unmetProspects prospects, and
	// unmetShare of the prospects who said what they value, hold it, and
	// customers hold it at under half that share.
	unmetProspects = 3
	unmetShare     = 0.3
	// A stage has gone quiet when under a tenth of its customers ordered
	// or were contacted in the last quietDays.
	quietDays = 90
)

// findIgnored draws the suggestions from the analysis.
// unmet is what prospects and what customers (and advocates) value.
func findIgnored(f SegmentFit, unmet [2]ValueBreakdown, quiet []Opportunity) []Opportunity {
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
	out = append(out, unmetValues(unmet[0], unmet[1])...)
	out = append(out, quiet...)
	slices.SortStableFunc(out, func(a, b Opportunity) int { return cmp.Compare(a.Kind, b.Kind) })
	return out
}

// unmetValues compares what prospects value (p) with what customers
// value (c).
func unmetValues(p, c ValueBreakdown) []Opportunity {
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

// quietStages finds the stages (prospects, customers, advocates) where
// under a tenth ordered or heard from the owner in the last quietDays.
func quietStages(rows []fitRow) []Opportunity {
	stages := []Stage{StageAdvocate, StageCustomer, StageProspect}
	var inStage, recent [3]int // by stage: customers, and those active since
	for j := range rows {
		k := -1
		switch rows[j].stage {
		case advocateStage:
			k = 0
		case customerStage:
			k = 1
		case prospectStage:
			k = 2
		}
		if k >= 0 {
			inStage[k]++
			if rows[j].flags&rowRecent != 0 {
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
