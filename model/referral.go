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
func bestReferrers(cs []FitCustomer, rows []fitRow, kids *referralKids) []Referrer {
	net := kids.networks(rows)
	var out []Referrer
	for i := range rows {
		children := kids.of(i)
		if len(children) == 0 {
			continue
		}
		r := Referrer{ID: cs[i].ID, Name: cs[i].Name, Stage: cs[i].Stage, Referred: len(children),
			Network: int(net.size[i]), NetworkRevenue: net.revenue[i]}
		for _, k := range children {
			r.Revenue += rows[k].lifetime
		}
		if net.size[i] < 0 { // in a loop: walked, each once
			r.Network, r.NetworkRevenue = 0, 0
			kids.walk(cs, i, func(k, _ int) {
				r.Network++
				r.NetworkRevenue += rows[k].lifetime
			})
		}
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

// referralKids holds the customers each customer referred, by name: the
// indexes of customer i's are list[start[i]:start[i+1]].
type referralKids struct {
	start  []int32
	list   []int32
	parent []int32 // who referred customer i, when they are here; else -1
}

// referralChildren finds the customers each one referred, by name.
func referralChildren(cs []FitCustomer, rows []fitRow) referralKids {
	k := referralKids{start: make([]int32, len(cs)+1), parent: make([]int32, len(cs))}
	for i := range rows {
		k.parent[i] = rows[i].parent
		if p := rows[i].parent; p >= 0 {
			k.start[p+1]++
		}
	}
	for i := range cs {
		k.start[i+1] += k.start[i]
	}
	k.list = make([]int32, k.start[len(cs)])
	next := slices.Clone(k.start[:len(cs)])
	for i, p := range k.parent {
		if p >= 0 {
			k.list[next[p]] = int32(i)
			next[p]++
		}
	}
	for i := range cs {
		if c := k.of(i); len(c) > 1 {
			slices.SortFunc(c, func(a, b int32) int { return cmp.Or(cmp.Compare(cs[a].Name, cs[b].Name), cmp.Compare(a, b)) })
		}
	}
	return k
}

// of returns the indexes of the customers customer i referred.
func (k *referralKids) of(i int) []int32 {
	if i < 0 || i+1 >= len(k.start) {
		return nil
	}
	return k.list[k.start[i]:k.start[i+1]]
}

// network is everyone down each customer's referral tree: how many
// (size) and their all-time revenue; size −1 for a customer in a loop,
// whose tree is to be walked.
type network struct {
	size    []int32
	revenue []Money
}

// networks sums every customer's tree at once, from the leaves up: a
// customer's tree is summed when all the trees of those they referred
// are. The customers of a loop (the store refuses one, but the data may
// hold one) are never summed so, and are left to walk.
func (k *referralKids) networks(rows []fitRow) network {
	n := network{size: make([]int32, len(rows)), revenue: make([]Money, len(rows))}
	waiting := make([]int32, len(rows)) // the trees below i not summed yet
	ready := make([]int32, 0, len(rows))
	for i := range rows {
		waiting[i] = int32(len(k.of(i)))
		if waiting[i] == 0 {
			ready = append(ready, int32(i))
		}
	}
	for len(ready) > 0 {
		i := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		p := k.parent[i]
		if p < 0 {
			continue
		}
		n.size[p] += 1 + n.size[i]
		n.revenue[p] += rows[i].lifetime + n.revenue[i]
		if waiting[p]--; waiting[p] == 0 {
			ready = append(ready, p)
		}
	}
	for i := range waiting {
		if waiting[i] > 0 {
			n.size[i] = -1
		}
	}
	return n
}

// walk calls fn for every customer below customer i, depth first, with
// their depth (1 for those i referred). The store refuses referral loops;
// a loop in the data anyway is walked once.
func (k *referralKids) walk(cs []FitCustomer, i int, fn func(i, depth int)) {
	seen := map[int64]bool{cs[i].ID: true}
	var walk func(i, depth int)
	walk = func(i, depth int) {
		for _, c := range k.of(i) {
			if seen[cs[c].ID] {
				continue
			}
			seen[cs[c].ID] = true
			fn(int(c), depth)
			walk(int(c), depth+1)
		}
	}
	walk(i, 1)
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
	i, ok := f.at.find(id)
	if !ok {
		return nil
	}
	kids := &f.kids
	line := func(i int, prefix string) TreeLine {
		return TreeLine{Prefix: prefix, ID: cs[i].ID, Name: cs[i].Name, Stage: cs[i].Stage,
			Revenue: cs[i].LifetimeRevenue, Referred: len(kids.of(i))}
	}
	out := []TreeLine{line(i, "")}
	seen := map[int64]bool{id: true}
	var walk func(i int, indent string)
	walk = func(i int, indent string) {
		children := kids.of(i)
		for n, k := range children {
			if seen[cs[k].ID] {
				continue
			}
			seen[cs[k].ID] = true
			branch, next := "├─ ", "│  "
			if n == len(children)-1 {
				branch, next = "└─ ", "   "
			}
			out = append(out, line(int(k), indent+branch))
			walk(int(k), indent+next)
		}
	}
	walk(i, "")
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
// referrals first, then the highest score, then by name. Customers with
// the same referrals and answer have the same reason, written once.
func suggestAdvocates(cs []FitCustomer, rows []fitRow) []AdvocateSuggestion {
	type key struct {
		referrals, nps int
		i              int32
	}
	var keys []key
	for i := range rows {
		r := &rows[i]
		hasNPS := r.flags&rowNPS != 0
		if r.stage != customerStage || (r.referrals <= 0 && !(hasNPS && BandOf(r.npsOrder) == Promoter)) {
			continue // what SuggestAdvocate refuses
		}
		keys = append(keys, key{r.referrals, r.npsOrder, int32(i)})
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Or(cmp.Compare(b.referrals, a.referrals), cmp.Compare(b.nps, a.nps)); c != 0 {
			return c // names only on a tie
		}
		return byName(cs, int(a.i), int(b.i))
	})
	out := make([]AdvocateSuggestion, 0, len(keys))
	reasons := map[[3]int]string{}
	for _, k := range keys {
		c := &cs[k.i]
		said := [3]int{k.referrals, k.nps, int(rows[k.i].flags & rowNPS)}
		why, ok := reasons[said]
		if !ok {
			why, _ = SuggestAdvocate(StageCustomer, k.referrals, k.nps, rows[k.i].flags&rowNPS != 0)
			reasons[said] = why
		}
		out = append(out, AdvocateSuggestion{Index: int(k.i), ID: c.ID, Name: c.Name, Reason: why})
	}
	return out
}

func npsOrder(c *FitCustomer) int {
	if !c.HasNPS {
		return -1
	}
	return c.NPS
}
