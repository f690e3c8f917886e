package importer

import (
	"fmt"
	"strings"

	"clientele/model"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

const (
	SquareItems = "square-items"
	WooCommerce = "woocommerce"
	Stripe      = "stripe"
	PayPal      = "paypal"
)

// Square's item sales export (Reports › Item Sales › Export, "Item Detail
// CSV"): one item sold a row, grouped by Transaction ID.
//
//	Date,Time,Time Zone,Category,Item,Qty,Price Point Name,SKU,Modifiers Applied,Gross Sales,Discounts,
//	Net Sales,Tax,Transaction ID,Payment ID,Device Name,Notes,Details,Event Type,Location,Dining Option,
//	Customer ID,Customer Name,Customer Reference ID,Unit,Count,Itemization Type,Fulfillment Note,Channel,Token
//
// Net Sales (gross less discounts, no tax) is the line's amount; an Event
// Type of Refund is a refund. The customer is the Customer ID, named by
// Customer Name; a sale with no customer is unattributed. Dates are
// MM/DD/YYYY when they read either way (Square's US export).
var squareItemsFormat = &format{name: SquareItems, label: "Square item sales", kind: ordersKind, src: "square",
	needs: []need{needOf("Date"), needOf("Item"), needOf("Qty"), needOf("Net Sales"), needOf("Transaction ID")},
	marks: []string{"Net Sales", "Gross Sales", "Price Point Name", "Event Type", "Payment ID"},
	dates: model.DateOrderMDY,
	orders: func(h *header, nb numbers) (orderFormat, error) {
		return &squareParser{date: h.find("Date"), tm: h.find("Time"), item: h.find("Item"), qty: h.find("Qty"),
			sku: h.find("SKU"), net: h.find("Net Sales"), tx: h.find("Transaction ID"), event: h.find("Event Type"),
			custID: h.find("Customer ID"), custName: h.find("Customer Name")}, nil
	}}

type squareParser struct{ date, tm, item, qty, sku, net, tx, event, custID, custName int }

func (p *squareParser) keyCol() int     { return p.tx }
func (p *squareParser) dateCols() []int { return []int{p.date} }

func (p *squareParser) parse(r *row) ([]part, error) {
	id := r.get(p.tx)
	if id == "" {
		return nil, r.bad(p.tx, "the transaction id is empty")
	}
	d := r.get(p.date)
	if t := r.get(p.tm); t != "" {
		d += " " + t
	}
	at, err := r.dates.parse(d)
	if err != nil {
		return nil, r.bad(p.date, "%v", err)
	}
	qty, err := r.qty(p.qty)
	if err != nil || qty == 0 {
		return nil, r.bad(p.qty, "%q is not a quantity", r.get(p.qty))
	}
	net, err := r.money(p.net)
	if err != nil {
		return nil, err
	}
	refund := strings.EqualFold(r.get(p.event), "refund") || net < 0
	qty, net = abs(qty), max(net, -net)
	if refund {
		qty, net = -qty, -net
	}
	price := model.Decimal{Units: int64(net), Scale: 2}
	if net%model.Money(qty) == 0 {
		price.Units /= qty
	} else {
		qty = map[bool]int64{true: -1, false: 1}[refund]
		price.Units = abs(int64(net))
	}
	price.Units = abs(price.Units)
	pt := part{key: id, at: at, refund: refund, lines: []lineIn{{desc: r.get(p.item), sku: r.get(p.sku), qty: qty,
		price: price, amount: net, line: r.line}}}
	if cid, name := r.get(p.custID), r.get(p.custName); cid != "" {
		pt.who = &person{ref: cid, name: name, acquired: "Square"}
	}
	return []part{pt}, nil
}

// WooCommerce's built-in order export (WooCommerce › Orders › Export, the
// CSV of the Analytics › Orders report in older versions is not this):
//
//	Order Number,Order Status,Order Date,Customer Note,First Name (Billing),Last Name (Billing),
//	Company (Billing),…,Country Code (Billing),Email (Billing),Phone (Billing),…,Payment Method Title,
//	Cart Discount Amount,Order Subtotal Amount,Shipping Method Title,Order Shipping Amount,
//	Order Refund Amount,Order Total Amount,Order Total Tax Amount,SKU,Item #,Item Name,Quantity (- Refund),
//	Item Cost,Coupon Code,Discount Amount,Discount Amount Tax
//
// One row per item, the order's columns repeated. Each item is a line of
// quantity × item cost; the order's Cart Discount Amount is a discount
// line; shipping and tax are not revenue. Order Refund Amount is a refund.
// Cancelled, failed and pending orders are not sales. The customer is the
// billing email, else the billing name; the billing address their postal
// address.
var wooFormat = &format{name: WooCommerce, label: "WooCommerce orders", kind: ordersKind, src: "woocommerce",
	needs: []need{needOf("Order Number"), needOf("Order Status"), needOf("Order Date"), needOf("Item Name"),
		needOf("Quantity (- Refund)", "Quantity"), needOf("Item Cost")},
	marks: []string{"Order Subtotal Amount", "Email (Billing)", "Item Cost", "Cart Discount Amount"},
	orders: func(h *header, nb numbers) (orderFormat, error) {
		return &wooParser{id: h.find("Order Number"), status: h.find("Order Status"), date: h.find("Order Date"),
			first: h.find("First Name (Billing)"), last: h.find("Last Name (Billing)"),
			company: h.find("Company (Billing)"), country: h.find("Country Code (Billing)"),
			email: h.find("Email (Billing)"), phone: h.find("Phone (Billing)"),
			cart: h.find("Cart Discount Amount"), refund: h.find("Order Refund Amount"), sku: h.find("SKU"),
			item: h.find("Item Name"), qty: h.find("Quantity (- Refund)", "Quantity"), cost: h.find("Item Cost"),
			currency: h.find("Order Currency", "Currency"),
			addr: addrOf(h, []string{"Address 1&2 (Billing)", "Address 1 (Billing)"}, []string{"Address 2 (Billing)"},
				[]string{"City (Billing)"}, []string{"State Code (Billing)", "State (Billing)"},
				[]string{"Postcode (Billing)"})}, nil
	}}

type wooParser struct {
	id, status, date, first, last, company, country, email, phone, cart, refund, sku, item, qty, cost, currency int
	addr                                                                                                        addrCols
}

func (p *wooParser) keyCol() int     { return p.id }
func (p *wooParser) dateCols() []int { return []int{p.date} }

// wooNotSales are the order statuses that are not sales.
var wooNotSales = map[string]string{"cancelled": "cancelled", "failed": "failed payments",
	"pending": "pending payments", "pending payment": "pending payments", "draft": "drafts",
	"checkout-draft": "drafts", "trash": "cancelled"}

func (p *wooParser) parse(r *row) ([]part, error) {
	id := r.get(p.id)
	if id == "" {
		return nil, r.bad(p.id, "the order number is empty")
	}
	if why, ok := wooNotSales[strings.ToLower(strings.TrimPrefix(r.get(p.status), "wc-"))]; ok {
		return []part{{key: id, skip: why}}, nil
	}
	at, err := r.date(p.date)
	if err != nil {
		return nil, err
	}
	qty, err := r.qty(p.qty)
	if err != nil {
		return nil, err
	}
	price, err := r.decimal(p.cost)
	if err != nil {
		return nil, err
	}
	amount, ok := price.Times(qty)
	if !ok || price.Units < 0 {
		return nil, r.bad(p.cost, "%d × %s is not a sale amount", qty, r.get(p.cost))
	}
	pt := part{key: id, at: at}
	if pt.currency, err = r.currency(p.currency); err != nil {
		return nil, err
	}
	if qty > 0 {
		pt.lines = []lineIn{{desc: r.get(p.item), sku: r.get(p.sku), qty: qty, price: price, amount: amount,
			line: r.line}}
	}
	email, name := strings.ToLower(r.get(p.email)), strings.TrimSpace(r.get(p.first)+" "+r.get(p.last))
	if email != "" || name != "" {
		pt.who = &person{email: email, name: name, compy: r.get(p.company), country: r.get(p.country),
			phone: r.get(p.phone), acquired: "WooCommerce", addr: p.addr.read(r, false)}
	}
	parts := []part{pt}
	// The order's columns repeat on each of its rows: the discount and the
	// refund are the order's, kept once under their own keys.
	cart, err := r.optMoney(p.cart)
	if err != nil {
		return nil, err
	}
	if d := max(cart, -cart); d > 0 {
		parts = append(parts, part{key: id, at: at, who: pt.who, currency: pt.currency, lines: []lineIn{{
			desc: "Cart discount", qty: 1, price: model.Decimal{Units: -int64(d), Scale: 2}, amount: -d, line: r.line}},
			once: "discount"})
	}
	back, err := r.optMoney(p.refund)
	if err != nil {
		return nil, err
	}
	if back = max(back, -back); back > 0 {
		parts = append(parts, part{key: id + "/refund", at: at, refund: true, who: pt.who, currency: pt.currency,
			lines: []lineIn{{desc: "Refund on order " + id, qty: -1, price: model.Decimal{Units: int64(back), Scale: 2},
				amount: -back, line: r.line}}, once: "refund"})
	}
	return parts, nil
}

// Stripe's payments export (Payments › Export, the default columns):
//
//	id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,
//	Converted Amount Refunded,Fee,Tax,Converted Currency,Mode,Status,Statement Descriptor,Customer ID,
//	Customer Description,Customer Email,Captured,Card ID,…,Invoice ID,Transfer,…
//
// Each paid charge (Status Paid, or Refunded, Captured) is an order of its
// amount for the customer of its Customer Email (else its Customer ID);
// its Fee is a payment-fee cost to serve; its Amount Refunded a refund.
// Failed and uncaptured charges are not sales.
var stripeFormat = &format{name: Stripe, label: "Stripe payments", kind: ordersKind, src: "stripe",
	needs: []need{needOf("id"), needOf("Created (UTC)", "Created date (UTC)", "Created"), needOf("Amount"),
		needOf("Status"), needOf("Fee")},
	marks: []string{"Created (UTC)", "Amount Refunded", "Seller Message", "Customer Email", "Converted Amount"},
	orders: func(h *header, nb numbers) (orderFormat, error) {
		return &stripeParser{id: h.find("id"), desc: h.find("Description"),
			created: h.find("Created (UTC)", "Created date (UTC)", "Created"), amount: h.find("Amount"),
			refunded: h.find("Amount Refunded"), currency: h.find("Currency"), fee: h.find("Fee"),
			status: h.find("Status"), custID: h.find("Customer ID"), email: h.find("Customer Email"),
			custDesc: h.find("Customer Description"), captured: h.find("Captured")}, nil
	}}

type stripeParser struct {
	id, desc, created, amount, refunded, currency, fee, status, custID, email, custDesc, captured int
}

func (p *stripeParser) keyCol() int     { return p.id }
func (p *stripeParser) dateCols() []int { return []int{p.created} }

func (p *stripeParser) parse(r *row) ([]part, error) {
	id := r.get(p.id)
	if id == "" {
		return nil, r.bad(p.id, "the payment id is empty")
	}
	st := strings.ToLower(r.get(p.status))
	switch {
	case st == "failed":
		return []part{{key: id, skip: "failed payments"}}, nil
	case strings.EqualFold(r.get(p.captured), "false"):
		return []part{{key: id, skip: "uncaptured payments"}}, nil
	case st != "paid" && st != "refunded" && st != "succeeded" && st != "partially refunded":
		return []part{{key: id, skip: "payments " + st}}, nil
	}
	at, err := r.date(p.created)
	if err != nil {
		return nil, err
	}
	amount, err := r.money(p.amount)
	if err != nil {
		return nil, err
	}
	if amount <= 0 {
		return nil, r.bad(p.amount, "a paid charge of %s is not a sale", amount.Decimal())
	}
	fee, err := r.optMoney(p.fee)
	if err != nil {
		return nil, err
	}
	desc := r.get(p.desc)
	if desc == "" {
		desc = "Stripe payment " + id
	}
	pt := part{key: id, at: at, lines: []lineIn{{desc: desc, qty: 1, price: model.Decimal{Units: int64(amount), Scale: 2},
		amount: amount, line: r.line}}, costs: []costIn{{cat: model.CostFees, amount: max(fee, -fee),
		note: "Stripe fee"}}}
	if pt.currency, err = r.currency(p.currency); err != nil {
		return nil, err
	}
	if email, cid := strings.ToLower(r.get(p.email)), r.get(p.custID); email != "" || cid != "" {
		name := r.get(p.custDesc)
		if name == "" {
			name = email
		}
		pt.who = &person{email: email, ref: map[bool]string{true: cid, false: ""}[email == ""], name: name,
			acquired: "Stripe"}
	}
	parts := []part{pt}
	back, err := r.optMoney(p.refunded)
	if err != nil {
		return nil, err
	}
	if back = min(max(back, -back), amount); back > 0 {
		parts = append(parts, part{key: id + "/refund", at: at, refund: true, who: pt.who, currency: pt.currency,
			lines: []lineIn{{desc: "Refund of " + desc, qty: -1, price: model.Decimal{Units: int64(back), Scale: 2},
				amount: -back, line: r.line}}})
	}
	return parts, nil
}

// PayPal's activity download (Activity › Statements › Activity download,
// CSV, "Balance affecting"):
//
//	"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address",
//	"To Email Address","Transaction ID","Shipping Address","Address Status","Item Title","Item ID",
//	"Shipping and Handling Amount","Insurance Amount","Sales Tax","Option 1 Name",…,
//	"Reference Txn ID","Invoice Number","Custom Number","Quantity","Receipt ID","Balance",…,
//	"Contact Phone Number","Subject","Note","Balance Impact"
//
// A payment received (a credit of a payment type, completed) is a sale of
// its gross to the payer (From Email Address, Name), its fee a payment-fee
// cost to serve; a refund sent is a refund (to the To Email Address). The
// Shipping Address, one line as PayPal writes it, is kept as written as
// the first line of the payer's postal address (it is not split into
// parts: that would be a guess).
// Everything else (the business's own purchases, holds and their
// releases, authorisations, transfers, withdrawals, currency conversions,
// invoices sent, pending or denied payments) is neither a sale nor a
// customer, counted by its type in the summary. PayPal writes dates day or
// month first by the account's country: the file's values decide.
var paypalFormat = &format{name: PayPal, label: "PayPal activity", kind: ordersKind, src: "paypal",
	needs: []need{needOf("Date"), needOf("Type"), needOf("Status"), needOf("Gross"), needOf("Fee"),
		needOf("Transaction ID")},
	marks: []string{"From Email Address", "To Email Address", "Balance Impact", "TimeZone", "Reference Txn ID"},
	orders: func(h *header, nb numbers) (orderFormat, error) {
		return &paypalParser{date: h.find("Date"), tm: h.find("Time"), name: h.find("Name"), typ: h.find("Type"),
			status: h.find("Status"), currency: h.find("Currency"), gross: h.find("Gross"), fee: h.find("Fee"),
			from: h.find("From Email Address"), to: h.find("To Email Address"), id: h.find("Transaction ID"),
			item: h.find("Item Title"), impact: h.find("Balance Impact"), phone: h.find("Contact Phone Number"),
			ship: h.find("Shipping Address")}, nil
	}}

type paypalParser struct {
	date, tm, name, typ, status, currency, gross, fee, from, to, id, item, impact, phone, ship int
}

func (p *paypalParser) keyCol() int     { return p.id }
func (p *paypalParser) dateCols() []int { return []int{p.date} }

// paypalSales are the types of payment received that are sales.
var paypalSales = []string{"express checkout payment", "website payment", "payment received", "mobile payment",
	"subscription payment", "invoice payment", "general payment", "pos payment", "payment", "donation payment",
	"preapproved payment bill user payment", "shopping cart payment"}

func (p *paypalParser) parse(r *row) ([]part, error) {
	id := r.get(p.id)
	if id == "" {
		return nil, r.bad(p.id, "the transaction id is empty")
	}
	typ := strings.ToLower(r.get(p.typ))
	gross, err := r.money(p.gross)
	if err != nil {
		return nil, err
	}
	st := strings.ToLower(r.get(p.status))
	credit := gross > 0
	if imp := strings.ToLower(r.get(p.impact)); imp != "" {
		credit = imp == "credit"
	}
	refund := strings.Contains(typ, "refund") && !credit && gross < 0
	sale := credit && gross > 0 && slicesContains(paypalSales, typ)
	if !sale && !refund {
		why := typ
		if why == "" {
			why = "untyped"
		}
		return []part{{key: id, skip: why}}, nil
	}
	if st != "completed" && st != "" {
		return []part{{key: id, skip: typ + " " + st}}, nil
	}
	d := r.get(p.date)
	if t := r.get(p.tm); t != "" {
		d += " " + t
	}
	at, err := r.dates.parse(d)
	if err != nil {
		return nil, r.bad(p.date, "%v", err)
	}
	fee, err := r.optMoney(p.fee)
	if err != nil {
		return nil, err
	}
	desc := r.get(p.item)
	if desc == "" {
		desc = "PayPal " + r.get(p.typ)
	}
	email := strings.ToLower(r.get(p.from))
	if refund {
		email = strings.ToLower(r.get(p.to))
	}
	pt := part{key: id, at: at, refund: refund}
	if pt.currency, err = r.currency(p.currency); err != nil {
		return nil, err
	}
	if refund {
		pt.lines = []lineIn{{desc: desc, qty: -1, price: model.Decimal{Units: -int64(gross), Scale: 2}, amount: gross,
			line: r.line}}
	} else {
		pt.lines = []lineIn{{desc: desc, qty: 1, price: model.Decimal{Units: int64(gross), Scale: 2}, amount: gross,
			line: r.line}}
		pt.costs = []costIn{{cat: model.CostFees, amount: max(fee, -fee), note: "PayPal fee"}}
	}
	if name := r.get(p.name); name != "" || email != "" {
		pt.who = &person{email: email, name: name, phone: r.get(p.phone), acquired: "PayPal",
			addr: model.Address{Line1: r.get(p.ship)}}
	}
	return []part{pt}, nil
}

func slicesContains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
