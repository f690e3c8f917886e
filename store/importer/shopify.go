package importer

import (
	"strings"

	"clientele/model"
)

// Shopify's orders export (Orders › Export, CSV for Excel or plain CSV):
// one row per line item; the order's own columns are filled on its first
// row only.
//
//	Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,
//	Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,
//	Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,
//	Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,
//	Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,
//	Billing Country,Billing Phone,Shipping Name,…,Notes,Note Attributes,Cancelled at,Payment Method,
//	Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,
//	Risk Level,Source,Lineitem discount,…,Phone,Receipt Number,Duties,…
//
// An order (Name, "#1001") is a sale of its line items (quantity × price)
// less the order's Discount Amount: its Subtotal, which the lines must add
// up to; shipping and taxes are not revenue. A Refunded Amount is a refund
// of that much (no more than the subtotal), dated with the order. A
// cancelled order (Cancelled at) is not a sale. The customer is the
// order's Email, else its Billing Name; Billing Company, Country and Phone
// go with them, the billing address is their postal address, and Accepts
// Marketing "yes" is consent to email.
const (
	ShopifyOrders    = "shopify-orders"
	ShopifyCustomers = "shopify-customers"
)

var shopifyOrdersFormat = &format{name: ShopifyOrders, label: "Shopify orders", kind: ordersKind, src: "shopify",
	needs: []need{needOf("Name"), needOf("Created at"), needOf("Lineitem quantity"), needOf("Lineitem name"),
		needOf("Lineitem price"), needOf("Subtotal")},
	marks: []string{"Lineitem quantity", "Lineitem price", "Financial Status", "Billing Name"},
	orders: func(h *header, nb numbers) (orderFormat, error) {
		return &shopifyParser{name: h.find("Name"), email: h.find("Email"), status: h.find("Financial Status"),
			currency: h.find("Currency"), subtotal: h.find("Subtotal"), discount: h.find("Discount Amount"),
			created: h.find("Created at"), qty: h.find("Lineitem quantity"), item: h.find("Lineitem name"),
			price: h.find("Lineitem price"), sku: h.find("Lineitem sku"), billName: h.find("Billing Name"),
			billCompany: h.find("Billing Company"), billCountry: h.find("Billing Country"),
			billPhone: h.find("Billing Phone"), cancelled: h.find("Cancelled at"), refunded: h.find("Refunded Amount"),
			discountCode: h.find("Discount Code"),
			addr: addrOf(h, []string{"Billing Address1"}, []string{"Billing Address2"}, []string{"Billing City"},
				[]string{"Billing Province"}, []string{"Billing Zip"}),
			marketing: consentCols{h.find("Accepts Marketing", "Accepts Email Marketing"), -1}}, nil
	}}

type shopifyParser struct {
	name, email, status, currency, subtotal, discount, created, qty, item, price, sku int
	billName, billCompany, billCountry, billPhone, cancelled, refunded, discountCode  int
	addr                                                                              addrCols
	marketing                                                                         consentCols
}

func (p *shopifyParser) keyCol() int     { return p.name }
func (p *shopifyParser) dateCols() []int { return []int{p.created} }

func (p *shopifyParser) parse(r *row) ([]part, error) {
	id := r.get(p.name)
	if id == "" {
		return nil, r.bad(p.name, "the order name is empty")
	}
	pt := part{key: id}
	var err error
	if r.get(p.created) != "" {
		if pt.at, err = r.date(p.created); err != nil {
			return nil, err
		}
	}
	if r.get(p.qty) != "" || r.get(p.item) != "" {
		qty, err := r.qty(p.qty)
		if err != nil {
			return nil, err
		}
		if qty < 1 {
			return nil, r.bad(p.qty, "the quantity %d is not a number of items sold", qty)
		}
		price, err := r.decimal(p.price)
		if err != nil {
			return nil, err
		}
		amount, ok := price.Times(qty)
		if !ok || price.Units < 0 {
			return nil, r.bad(p.price, "%d × %s is not a sale amount", qty, r.get(p.price))
		}
		pt.lines = append(pt.lines, lineIn{desc: r.get(p.item), sku: r.get(p.sku), qty: qty, price: price,
			amount: amount, line: r.line})
	}
	// The order's own columns, on its first row.
	if r.get(p.subtotal) == "" && r.get(p.status) == "" {
		return []part{pt}, nil
	}
	if r.get(p.cancelled) != "" || strings.EqualFold(r.get(p.status), "voided") {
		return []part{{key: id, skip: "cancelled"}}, nil
	}
	if pt.currency, err = r.currency(p.currency); err != nil {
		return nil, err
	}
	subtotal, err := r.money(p.subtotal)
	if err != nil {
		return nil, err
	}
	pt.total, pt.totalCol = &subtotal, p.subtotal
	discount, err := r.optMoney(p.discount)
	if err != nil {
		return nil, err
	}
	if d := max(discount, -discount); d > 0 {
		desc := "Discount"
		if c := r.get(p.discountCode); c != "" {
			desc += " " + c
		}
		pt.lines = append(pt.lines, lineIn{desc: desc, qty: 1, price: model.Decimal{Units: -int64(d), Scale: 2},
			amount: -d, line: r.line})
	}
	email, name := r.get(p.email), r.get(p.billName)
	if email != "" || name != "" {
		pt.who = &person{email: email, name: name, compy: r.get(p.billCompany), country: r.get(p.billCountry),
			phone: strings.TrimPrefix(r.get(p.billPhone), "'"), acquired: "Shopify", addr: p.addr.read(r, true),
			consent: p.marketing.read(r)}
	}
	parts := []part{pt}
	refunded, err := r.optMoney(p.refunded)
	if err != nil {
		return nil, err
	}
	if back := min(refunded, subtotal); back > 0 {
		parts = append(parts, part{key: id + "/refund", at: pt.at, refund: true, who: pt.who, currency: pt.currency,
			lines: []lineIn{{desc: "Refund on order " + id, qty: -1, price: model.Decimal{Units: int64(back), Scale: 2},
				amount: -back, line: r.line}}})
	}
	return parts, nil
}

// Shopify's customers export (Customers › Export):
//
//	Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,
//	Default Address Address1,Default Address Address2,Default Address City,
//	Default Address Province Code,Default Address Country Code,Default Address Zip,
//	Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags
//
// (older files: Company, Address1, City, Province, Country, Zip, Accepts
// Marketing). Phones and postcodes come with a leading apostrophe (so a
// spreadsheet keeps them as text): it is dropped. Tags become segments,
// Note the notes; the customer is known by their Customer ID. The default
// address is the postal address; Accepts Email Marketing and Accepts SMS
// Marketing "yes" are consent to email and to texts.
var shopifyCustomersFormat = &format{name: ShopifyCustomers, label: "Shopify customers", kind: customersKind,
	src: "shopify", needs: []need{needOf("First Name"), needOf("Last Name"), needOf("Email"),
		needOf("Total Spent", "Total Orders")},
	marks: []string{"Total Spent", "Total Orders", "Accepts Email Marketing", "Accepts Marketing", "Tax Exempt"},
	customers: func(h *header, nb numbers) (customerFormat, error) {
		return &columnCustomers{h: h, name: -1, first: h.find("First Name"), last: h.find("Last Name"),
			email: h.find("Email"), phone: h.find("Phone", "Default Address Phone"),
			company: h.find("Default Address Company", "Company"),
			country: h.find("Default Address Country Code", "Country Code", "Country"), notes: h.find("Note"),
			segments: h.find("Tags"), ref: h.find("Customer ID", "ID"), stage: -1, apostrophes: true,
			addr: addrOf(h, []string{"Default Address Address1", "Address1"}, []string{"Default Address Address2", "Address2"},
				[]string{"Default Address City", "City"}, []string{"Default Address Province Code", "Province Code", "Province"},
				[]string{"Default Address Zip", "Zip"}),
			birthday: -1, consent: consentCols{h.find("Accepts Email Marketing", "Accepts Marketing"),
				h.find("Accepts SMS Marketing")}}, nil
	}}
