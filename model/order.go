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
	// PaymentDue, when set, is the day an unpaid order's payment is due
	// (a service billed after the job); PaidOn the day it was paid. An
	// order with no PaymentDue was paid when it was made.
	PaymentDue time.Time
	PaidOn     time.Time
	Void
}

// ValidatePaymentDue checks a payment due day for an order of kind made
// at orderedAt: none for a refund, not before the order.
func ValidatePaymentDue(kind OrderKind, orderedAt, due time.Time) error {
	switch {
	case due.IsZero():
		return nil
	case kind == OrderRefund:
		return Invalid("payment due", "a refund is not paid for")
	case !orderedAt.IsZero() && Day(due).Before(Day(orderedAt)):
		return Invalid("payment due", "cannot be before the order")
	}
	return nil
}

// Unpaid reports whether the order waits for its payment.
func (o *Order) Unpaid() bool { return !o.PaymentDue.IsZero() && o.PaidOn.IsZero() }

// PaymentOverdue reports whether the order is unpaid past its due day, as
// at the day of today.
func (o *Order) PaymentOverdue(today time.Time) bool {
	return o.Unpaid() && Day(o.PaymentDue).Before(Day(today))
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
	es.add("source", maxLen(o.Source, maxLine))
	es.add("order id", maxLen(o.ExternalID, maxLine))
	es.add("payment due", ValidatePaymentDue(o.Kind, o.OrderedAt, o.PaymentDue))
	if !o.PaidOn.IsZero() && o.PaymentDue.IsZero() {
		es.add("paid on", Invalid("paid on", "only an order billed for later is marked paid"))
	}
	for i, l := range o.Lines {
		if p := l.problem(o.Kind); p != "" {
			field := "line " + itoa(int64(i+1))
			es.add(field, Invalid(field, "%s", p))
		}
	}
	es.add("void reason", ValidateVoidReason(o.VoidReason))
	return es.err()
}

// problem says what is wrong with one line of an order of kind, "" for
// nothing; it reads after "line N: ". Quantities and amounts are bounded
// (MaxQuantity, MaxMoney) so that every sum of lines fits.
func (l *OrderLine) problem(kind OrderKind) string {
	switch {
	case strings.TrimSpace(l.Description) == "" && l.OfferingID == 0:
		return "needs an offering or a description"
	case l.Quantity == 0:
		return "quantity cannot be zero"
	case l.Quantity > MaxQuantity || l.Quantity < -MaxQuantity:
		return "quantity " + itoa(l.Quantity) + " is more than " + Commas(MaxQuantity) + " units"
	case kind == OrderRefund && l.Amount > 0:
		return "a refund line cannot add revenue"
	}
	// A description is one line of an order, not a document: bounded, so
	// that a customer's detail costs the same whatever was imported.
	if err := maxLen(l.Description, maxLine); err != nil {
		return "description " + err.(*FieldError).Msg
	}
	if err := maxLen(l.UnitPriceExact, 40); err != nil {
		return "exact unit price " + err.(*FieldError).Msg
	}
	for _, m := range []struct {
		what string
		v    Money
	}{{"unit price", l.UnitPrice}, {"unit cost", l.UnitCost}, {"amount", l.Amount},
		// Quantity and unit cost are bounded, so their product fits.
		{"direct cost (quantity × unit cost)", Money(l.Quantity) * l.UnitCost}} {
		if p := amountProblem(m.v, true); p != "" {
			return m.what + " " + p
		}
	}
	return ""
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

// fnvPrime is FNV's 64-bit prime.
const fnvPrime = 1099511628211

// str and int hash in a local variable, which the compiler keeps in a
// register, rather than through h byte by byte: the same value
// (TestFingerprintIsStable) with no load and store of h a byte.
func (h *fnvHash) str(s string) {
	v := h.v
	for i := 0; i < len(s); i++ {
		v = (v ^ uint64(s[i])) * fnvPrime
	}
	h.v = (v ^ 0xff) * fnvPrime // a separator no UTF-8 text holds
}

func (h *fnvHash) int(n int64) {
	v := h.v
	for i := 0; i < 8; i++ {
		v = (v ^ uint64(byte(n>>(8*i)))) * fnvPrime
	}
	h.v = v
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
