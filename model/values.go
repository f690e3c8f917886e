package model

import (
	"cmp"
	"slices"
)

// What customers value: tags on each customer (price, quality, style, fit,
// speed, convenience and the owner's own). Different customers value
// different things; the breakdown shows, per group, what its customers
// care about, so the owner can speak to each group in its terms.

// ValueShare is one value and how many of a group's customers hold it.
type ValueShare struct {
	Value     string
	Customers int
	Share     float64 // of the group's customers who said what they value
}

// ValueBreakdown is what one group's customers value, most held first.
type ValueBreakdown struct {
	Group     string
	Customers int // in the group
	Known     int // of those, how many have a value recorded
	Values    []ValueShare
}

// valuesOf breaks each group's values down.
func valuesOf(cs []FitCustomer, groups []group) []ValueBreakdown {
	out := make([]ValueBreakdown, 0, len(groups))
	for _, g := range groups {
		out = append(out, breakdown(g.name, cs, g.idx))
	}
	return out
}

func breakdown(name string, cs []FitCustomer, idx []int) ValueBreakdown {
	b := ValueBreakdown{Group: name, Customers: len(idx)}
	counts := map[string]int{}
	for _, i := range idx {
		if len(cs[i].Values) > 0 {
			b.Known++
		}
		for _, v := range cs[i].Values {
			counts[v]++
		}
	}
	for v, n := range counts {
		b.Values = append(b.Values, ValueShare{Value: v, Customers: n, Share: float64(n) / float64(b.Known)})
	}
	slices.SortFunc(b.Values, func(a, c ValueShare) int {
		return cmp.Or(cmp.Compare(c.Customers, a.Customers), cmp.Compare(a.Value, c.Value))
	})
	return b
}
