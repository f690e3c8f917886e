package importer

import (
	"strings"

	"clientele/model"
)

// A generic orders CSV: one line of an order a row. Column names are
// matched ignoring case, spaces and punctuation, under any of these names
// (or those a column mapping gives):
const Orders = "orders"

var (
	dateColumns     = []string{"date", "order date", "ordered at", "ordered on", "sale date", "invoice date", "purchase date", "created at", "created"}
	amountColumns   = []string{"amount", "total", "line total", "order total", "revenue", "value", "order value"}
	priceColumns    = []string{"unit price", "price", "unit_price", "price each"}
	qtyColumns      = []string{"quantity", "qty", "units"}
	orderIDColumns  = []string{"order id", "order", "order no", "order number", "invoice", "invoice no", "invoice number"}
	itemColumns     = []string{"item", "product", "description", "offering", "service", "item name", "product name"}
	skuColumns      = []string{"sku", "stock code", "product code", "item code"}
	kindColumns     = []string{"kind", "type", "order type"}
	unitCostColumns = []string{"unit cost", "cost each", "cost"}
	currencyColumns = []string{"currency", "currency code"}
)

var ordersFormat = &format{name: Orders, label: "orders (a list of your own)", kind: ordersKind, generic: true,
	needs: []need{{what: "a date column (date, order date, created at…)", aliases: dateColumns},
		{what: "an amount or unit price column (amount, total, price…)", aliases: append(amountColumns, priceColumns...)}},
	orders: func(h *header, nb numbers) (orderFormat, error) {
		c := &orderParser{date: h.col("date", dateColumns...), amount: h.col("amount", amountColumns...),
			price: h.col("price", priceColumns...), qty: h.col("quantity", qtyColumns...),
			id: h.col("order", orderIDColumns...), name: h.col("customer", nameColumns...),
			email: h.col("email", emailColumns...), item: h.col("item", itemColumns...), sku: h.col("sku", skuColumns...),
			kind: h.col("kind", kindColumns...), cost: h.col("cost", unitCostColumns...),
			currency: h.col("currency", currencyColumns...)}
		switch {
		case c.date < 0:
			return nil, &LineError{Line: 1, Err: errorf("the header has no date column (date, order date, created at…)")}
		case c.amount < 0 && c.price < 0:
			return nil, &LineError{Line: 1, Err: errorf("the header has neither an amount column (amount, total…) " +
				"nor a unit price column (unit price, price)")}
		}
		return c, nil
	}}

type orderParser struct {
	date, amount, price, qty, id, name, email, item, sku, kind, cost, currency int
}

func (p *orderParser) keyCol() int     { return p.id }
func (p *orderParser) dateCols() []int { return []int{p.date} }

func (p *orderParser) parse(r *row) ([]part, error) {
	at, err := r.date(p.date)
	if err != nil {
		return nil, err
	}
	pt := part{key: r.get(p.id), at: at}
	if pt.currency, err = r.currency(p.currency); err != nil {
		return nil, err
	}
	email := strings.ToLower(r.get(p.email))
	if email != "" {
		if err := model.ValidateEmail(email); err != nil {
			return nil, r.bad(p.email, "%s", fieldMsg(err))
		}
	}
	if name := r.get(p.name); name != "" || email != "" {
		pt.who = &person{name: name, email: email}
	}
	switch k := strings.ToLower(r.get(p.kind)); k {
	case "", "sale", "order", "sold":
	case "refund", "return", "returned", "refunded", "cancellation", "cancelled", "canceled":
		pt.refund = true
	default:
		return nil, r.bad(p.kind, "%q is neither sale nor refund", k)
	}
	qty := int64(1)
	if r.get(p.qty) != "" {
		if qty, err = r.qty(p.qty); err != nil {
			return nil, err
		}
		if qty == 0 {
			return nil, r.bad(p.qty, "the quantity is 0")
		}
	}
	var amount model.Money
	var price model.Decimal
	if r.get(p.price) != "" {
		if price, err = r.decimal(p.price); err != nil {
			return nil, err
		}
		var ok bool
		if amount, ok = price.Times(qty); !ok {
			return nil, r.bad(p.qty, "%d × %s is too large an amount", qty, r.get(p.price))
		}
	} else {
		if r.get(p.amount) == "" {
			col := p.amount
			if col < 0 {
				col = p.price
			}
			return nil, r.bad(col, "no amount or unit price")
		}
		if amount, err = r.money(p.amount); err != nil {
			return nil, err
		}
		// The amount is the line's: the unit price is what it divides to
		// when it divides exactly, else the quantity becomes 1.
		if amount%model.Money(qty) != 0 {
			qty = 1
		}
		price = model.Decimal{Units: int64(amount / model.Money(qty)), Scale: 2}
	}
	// A refund is a line of negative quantity and amount, however the
	// file writes it: "refund" with positive figures, or negative figures.
	if amount < 0 || qty < 0 {
		pt.refund = true
	}
	if pt.refund {
		qty, amount = -abs(qty), -max(amount, -amount)
		price = model.Decimal{Units: abs(price.Units), Scale: price.Scale}
	}
	var cost model.Money
	if r.get(p.cost) != "" && p.cost != p.amount {
		if cost, err = r.money(p.cost); err != nil || cost < 0 {
			return nil, r.bad(p.cost, "unit cost %q is not an amount of zero or more", r.get(p.cost))
		}
	}
	desc := r.get(p.item)
	if desc == "" {
		desc = r.get(p.sku)
	}
	pt.lines = []lineIn{{desc: desc, sku: r.get(p.sku), qty: qty, price: price, amount: amount, unitCost: cost,
		line: r.line}}
	return []part{pt}, nil
}

func abs(n int64) int64 { return max(n, -n) }
