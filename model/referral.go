package model

import (
	"cmp"
	"slices"
	"strings"
)

// Referrals: who brought whom. Referrals bring new customers cheaply, and
// a customer who refers others is worth more than their own orders.

// Referrer is a customer who referred others, with what came through them.
type Referrer struct {
	ID    int64
	Name  string
	Stage Stage
	// Referred counts the customers they referred themselves; Network
	// counts everyone down their referral tree.
	Referred int
	Network  int
	// Revenue is the all-time revenue of the customers they referred;
	// NetworkRevenue that of their whole tree.
	Revenue        Money
	NetworkRevenue Money
}

// bestReferrers lists every customer who referred someone, the most
// referrals first, then the most revenue through them, then by name.
func bestReferrers(cs []FitCustomer, kids map[int64][]int, at map[int64]int) []Referrer {
	var out []Referrer
	for id, children := range kids {
		i, ok := at[id]
		if !ok {
			continue // referred by an archived customer
		}
		r := Referrer{ID: id, Name: cs[i].Name, Stage: cs[i].Stage, Referred: len(children)}
		for _, k := range children {
			r.Revenue += cs[k].LifetimeRevenue
		}
		walkTree(cs, kids, id, func(k, _ int) {
			r.Network++
			r.NetworkRevenue += cs[k].LifetimeRevenue
		})
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Referrer) int {
		if c := cmp.Or(cmp.Compare(b.Referred, a.Referred), cmp.Compare(b.Revenue, a.Revenue)); c != 0 {
			return c // names only on a tie: cmp.Or would compare them always
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// referralChildren maps each referrer's id to the indexes of the customers
// they referred, by name.
func referralChildren(cs []FitCustomer) map[int64][]int {
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

// walkTree calls fn for every customer below id, depth first, with their
// depth (1 for those id referred). The store refuses referral loops; a
// loop in the data anyway is walked once.
func walkTree(cs []FitCustomer, kids map[int64][]int, id int64, fn func(i, depth int)) {
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

// TreeLine is one line of a referral tree as the screen draws it.
type TreeLine struct {
	Prefix   string // "├─ ", "│  └─ " …
	ID       int64
	Name     string
	Stage    Stage
	Revenue  Money // all time
	Referred int   // customers they referred in turn
}

// ReferralTree returns the tree below customer id as lines: the customer
// first (with no prefix), then everyone they brought, directly or not.
func (f *SegmentFit) ReferralTree(id int64) []TreeLine {
	cs := f.Customers
	i, ok := f.at[id]
	if !ok {
		return nil
	}
	kids := f.kids
	line := func(i int, prefix string) TreeLine {
		return TreeLine{Prefix: prefix, ID: cs[i].ID, Name: cs[i].Name, Stage: cs[i].Stage,
			Revenue: cs[i].LifetimeRevenue, Referred: len(kids[cs[i].ID])}
	}
	out := []TreeLine{line(i, "")}
	seen := map[int64]bool{id: true}
	var walk func(id int64, indent string)
	walk = func(id int64, indent string) {
		children := kids[id]
		for n, k := range children {
			if seen[cs[k].ID] {
				continue
			}
			seen[cs[k].ID] = true
			branch, next := "├─ ", "│  "
			if n == len(children)-1 {
				branch, next = "└─ ", "   "
			}
			out = append(out, line(k, indent+branch))
			walk(cs[k].ID, indent+next)
		}
	}
	walk(id, "")
	return out
}

// AdvocateSuggestion is a customer who should be an advocate, and why.
type AdvocateSuggestion struct {
	Index  int // in SegmentFit.Customers
	ID     int64
	Name   string
	Reason string // "referred 2 customers and scored 10 in NPS"
}

// SuggestAdvocate says whether a customer at stage, who referred
// referrals customers and whose latest NPS answer is nps (when hasNPS),
// should be suggested for stage advocate, and why: a customer (not a
// prospect, not already an advocate, not let go) who referred someone or
// whose latest answer makes them an AdvocateCandidate (a promoter, 9–10).
func SuggestAdvocate(stage Stage, referrals, nps int, hasNPS bool) (string, bool) {
	if stage != StageCustomer {
		return "", false
	}
	var why []string
	if referrals > 0 {
		why = append(why, "referred "+Plural(referrals, "customer", "customers"))
	}
	if hasNPS && AdvocateCandidate(stage, nps) {
		why = append(why, "scored "+itoa(int64(nps))+" in NPS")
	}
	if len(why) == 0 {
		return "", false
	}
	return strings.Join(why, " and "), true
}

// suggestAdvocates lists the customers SuggestAdvocate picks, the most
// referrals first, then the highest score, then by name.
func suggestAdvocates(cs []FitCustomer) []AdvocateSuggestion {
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
			return c // names only on a tie: cmp.Or would compare them always
		}
		return cmp.Or(cmp.Compare(ca.Name, cb.Name), cmp.Compare(ca.ID, cb.ID))
	})
	return out
}

func npsOrder(c *FitCustomer) int {
	if !c.HasNPS {
		return -1
	}
	return c.NPS
}
