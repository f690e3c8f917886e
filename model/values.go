package model

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
