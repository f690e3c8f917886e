package model

import (
	"strings"
	"time"
)

// OrderKind tells a sale from a refund.
type OrderKind string

// The order kinds. A refund's lines carry negative quantities and amounts,
// so a customer's net revenue is the plain sum of all their line amounts.
const (
	OrderSale   OrderKind = "sale"
	OrderRefund OrderKind = "refund"
)

// Order is one sale or refund. CustomerID 0 is an unattributed sale: a
// walk-in, a market stall, an import line with no customer.
type Order struct {
	ID         int64
	CustomerID int64
	OrderedAt  time.Time
	Kind       OrderKind
	Source     string // "" for orders entered here, else the import format
	ExternalID string // the order's id in Source, unique per source
	Notes      string
	// ImportHash is the Fingerprint an import wrote the order with; 0 for
	// orders entered here (and those imported before fingerprints).
	ImportHash int64
	Lines      []OrderLine
}

// OrderLine is one line of an order. Amount is Quantity × unit price rounded
// once, when the line is entered or imported; it is the figure every total
// sums.
type OrderLine struct {
	ID          int64
	OfferingID  int64 // 0 for a free-text line
	Description string
	Quantity    int64
	UnitPrice   Money
	// UnitPriceExact keeps a source price with more decimals than the
	// currency has ("0.085"); empty when UnitPrice is exact.
	UnitPriceExact string
	Amount         Money
	UnitCost       Money
}

// NewLine returns a line of quantity at price, with its amount computed.
// Refund lines are passed with a negative quantity.
func NewLine(description string, quantity int64, price, unitCost Money) OrderLine {
	return OrderLine{Description: description, Quantity: quantity, UnitPrice: price,
		Amount: Money(quantity) * price, UnitCost: unitCost}
}

// Total is the sum of the order's line amounts (negative for a refund).
func (o *Order) Total() Money {
	var t Money
	for _, l := range o.Lines {
		t += l.Amount
	}
	return t
}

// DirectCost is Σ quantity × unit cost over the lines.
func (o *Order) DirectCost() Money {
	var t Money
	for _, l := range o.Lines {
		t += Money(l.Quantity) * l.UnitCost
	}
	return t
}

// Validate checks the order and its lines; line errors name the line
// ("line 2: quantity …").
func (o *Order) Validate() error {
	var es Errors
	if o.Kind != OrderSale && o.Kind != OrderRefund {
		es.add("kind", Invalid("kind", "%q is not sale or refund", o.Kind))
	}
	if o.OrderedAt.IsZero() {
		es.add("date", Invalid("date", "is required"))
	}
	if len(o.Lines) == 0 {
		es.add("lines", Invalid("lines", "an order needs at least one line"))
	}
	es.add("notes", maxLen(o.Notes, maxText))
	for i, l := range o.Lines {
		field := "line " + itoa(int64(i+1))
		switch {
		case strings.TrimSpace(l.Description) == "" && l.OfferingID == 0:
			es.add(field, Invalid(field, "needs an offering or a description"))
		case l.Quantity == 0:
			es.add(field, Invalid(field, "quantity cannot be zero"))
		case o.Kind == OrderRefund && l.Amount > 0:
			es.add(field, Invalid(field, "a refund line cannot add revenue"))
		case l.Amount > MaxMoney || l.Amount < -MaxMoney:
			es.add(field, Invalid(field, "amount is too large"))
		}
	}
	return es.err()
}

// Fingerprint sums up what an imported order holds, as stored: its
// customer, time, kind, notes, lines (offering, description, quantity,
// price, amount; not the unit cost, which comes from the offering) and the
// costs recorded on it. The lines and costs count in any order. An import
// keeps the fingerprint of what it wrote; a later import compares it with
// the order as it is now to know whether it was edited here since.
func (o *Order) Fingerprint(costs []Cost) int64 {
	h := fnv64()
	h.int(o.CustomerID)
	h.str(o.OrderedAt.Format(DateTimeLayout))
	h.str(string(o.Kind))
	h.str(o.Notes)
	sum := h.v
	for _, l := range o.Lines {
		lh := fnv64()
		lh.int(l.OfferingID)
		lh.str(l.Description)
		lh.int(l.Quantity)
		lh.int(int64(l.UnitPrice))
		lh.str(l.UnitPriceExact)
		lh.int(int64(l.Amount))
		sum += lh.mix()
	}
	for _, c := range costs {
		ch := fnv64()
		ch.str("cost")
		ch.str(c.On.Format(DateLayout))
		ch.str(string(c.Category))
		ch.int(int64(c.Amount))
		ch.str(c.Note)
		sum += ch.mix()
	}
	return int64(sum)
}

// fnvHash is FNV-1a over 64 bits, written out so that a fingerprint never
// changes with a library.
type fnvHash struct{ v uint64 }

func fnv64() fnvHash { return fnvHash{v: 14695981039346656037} }

func (h *fnvHash) byte(b byte) { h.v = (h.v ^ uint64(b)) * 1099511628211 }

func (h *fnvHash) str(s string) {
	for i := 0; i < len(s); i++ {
		h.byte(s[i])
	}
	h.byte(0xff) // a separator no UTF-8 text holds
}

func (h *fnvHash) int(n int64) {
	for i := 0; i < 8; i++ {
		h.byte(byte(n >> (8 * i)))
	}
}

// mix spreads the bits of a part's hash before parts are summed, so that
// sums of similar parts do not cancel.
func (h *fnvHash) mix() uint64 {
	x := h.v
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}
