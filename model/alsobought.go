package model

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// "Customers who bought X also bought Y": suggestions for one customer from
// what other customers bought together. For each item X the customer
// bought, the store reads the orders of other customers that had X and
// counts the other items in them; a rule X → Y has a support (the orders
// that had both) and a confidence (the share of the orders with X that
// also had Y). A customer is offered the items they never bought, each by
// its most confident rule.

// Item is something sold: an offering, or the description of a line sold
// without one.
type Item struct {
	OfferingID  int64
	Description string // the line's description, when OfferingID is 0
	Name        string // what to call it: the offering's name or the description
}

// Key tells items apart: the offering, else the description.
func (i Item) Key() string {
	if i.OfferingID != 0 {
		return "o" + strconv.FormatInt(i.OfferingID, 10)
	}
	return "d" + i.Description
}

// ItemCount is an item and a number of orders.
type ItemCount struct {
	Item   Item
	Orders int
}

// CoPurchases counts, among Orders orders of other customers that had
// Item, how many had each item in With (Item itself among them, or not).
type CoPurchases struct {
	Item   Item
	Orders int
	With   []ItemCount
}

// Suggestion is one rule: customers who bought Because also bought Item,
// in Support of the Orders orders with Because that were read.
type Suggestion struct {
	Item    Item
	Because Item
	Support int
	Orders  int
}

// Percent is the rule's confidence, Support / Orders, as a whole percentage
// rounded half up.
func (s Suggestion) Percent() int {
	if s.Orders <= 0 {
		return 0
	}
	return (200*s.Support + s.Orders) / (2 * s.Orders)
}

// MinSupport is the fewest orders a rule needs: an item bought once beside
// another says nothing about the next customer.
const MinSupport = 2

// AlsoBought ranks what to offer a customer who bought the items in bought:
// every other item seen with them in co, by its most confident rule (then
// the best supported, then the first by name), at least MinSupport orders;
// most confident first, then best supported, then by name. At most n.
func AlsoBought(bought []Item, co []CoPurchases, n int) []Suggestion {
	own := make(map[string]bool, len(bought))
	for _, it := range bought {
		own[it.Key()] = true
	}
	best := map[string]Suggestion{}
	for _, c := range co {
		for _, w := range c.With {
			k := w.Item.Key()
			if own[k] || w.Orders < MinSupport || c.Orders <= 0 {
				continue
			}
			s := Suggestion{Item: w.Item, Because: c.Item, Support: w.Orders, Orders: c.Orders}
			if b, ok := best[k]; !ok || compareRules(s, b) < 0 {
				best[k] = s
			}
		}
	}
	out := make([]Suggestion, 0, len(best))
	for _, s := range best {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		if c := compareRules(a, b); c != 0 {
			return c
		}
		if c := cmp.Compare(strings.ToLower(a.Item.Name), strings.ToLower(b.Item.Name)); c != 0 {
			return c
		}
		return cmp.Compare(a.Item.Key(), b.Item.Key())
	})
	return out[:min(n, len(out))]
}

// compareRules puts the more confident rule first, then the better
// supported, then the one whose reason comes first by name. Confidences
// are compared as fractions, by cross-multiplying: no rounding decides.
func compareRules(a, b Suggestion) int {
	if c := cmp.Compare(b.Support*a.Orders, a.Support*b.Orders); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Support, a.Support); c != 0 {
		return c
	}
	return cmp.Compare(strings.ToLower(a.Because.Name), strings.ToLower(b.Because.Name))
}
