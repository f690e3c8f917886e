package model

import "strings"

// OfferingKind tells products from services.
type OfferingKind string

// The offering kinds.
const (
	KindProduct OfferingKind = "product"
	KindService OfferingKind = "service"
)

// Offering is something the business sells: a product or a service, in one
// of the package tiers or none.
type Offering struct {
	ID       int64
	SKU      string // optional stock code, unique when set
	Name     string
	Kind     OfferingKind
	Tier     int // 1–3, 0 for none
	Price    Money
	UnitCost Money // what one unit costs the business to make or deliver
	Active   bool
}

// Validate checks the offering's fields.
func (o *Offering) Validate() error {
	var es Errors
	if strings.TrimSpace(o.Name) == "" {
		es.add("name", Invalid("name", "is required"))
	}
	es.add("name", maxLen(o.Name, maxLine))
	es.add("sku", maxLen(o.SKU, 100))
	if o.Kind != KindProduct && o.Kind != KindService {
		es.add("kind", Invalid("kind", "%q is not product or service", o.Kind))
	}
	if o.Tier < 0 || o.Tier > Tiers {
		es.add("tier", Invalid("tier", "%d is not between 1 and %d", o.Tier, Tiers))
	}
	es.add("price", checkAmount("price", o.Price, false))
	es.add("unit cost", checkAmount("unit cost", o.UnitCost, false))
	return es.err()
}
