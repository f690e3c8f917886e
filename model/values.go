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

// valueIndex numbers the values customers hold, so that counting them per
// group is indexing a slice rather than hashing strings. The numbers of
// customer i's values are held[start[i]:start[i+1]], all in one array.
type valueIndex struct {
	names []string // value number → value
	start []int32
	held  []int32
}

func internValues(cs []FitCustomer) valueIndex {
	v := valueIndex{start: make([]int32, len(cs)+1)}
	n := 0
	for i := range cs {
		n += len(cs[i].Values)
	}
	v.held = make([]int32, 0, n)
	num := map[string]int32{}
	last, lastN := "", int32(-1) // customers often list the same values in turn
	for i := range cs {
		for _, val := range cs[i].Values {
			if lastN < 0 || val != last {
				var ok bool
				if lastN, ok = num[val]; !ok {
					lastN = int32(len(v.names))
					num[val] = lastN
					v.names = append(v.names, val)
				}
				last = val
			}
			v.held = append(v.held, lastN)
		}
		v.start[i+1] = int32(len(v.held))
	}
	return v
}

// of returns the numbers of customer i's values.
func (v *valueIndex) of(i int) []int32 { return v.held[v.start[i]:v.start[i+1]] }

// by breaks each group's values down.
func (v valueIndex) by(groups []group) []ValueBreakdown {
	out := make([]ValueBreakdown, 0, len(groups))
	counts := make([]int, len(v.names))
	for _, g := range groups {
		out = append(out, v.breakdown(g.name, g.idx, counts))
	}
	return out
}

// breakdown counts the values of the customers at idx; counts is scratch
// space, one per value, left zeroed.
func (v valueIndex) breakdown(name string, idx []int, counts []int) ValueBreakdown {
	b := ValueBreakdown{Group: name, Customers: len(idx)}
	for _, i := range idx {
		held := v.of(i)
		if len(held) > 0 {
			b.Known++
		}
		for _, n := range held {
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
