package importer

import (
	"fmt"
	"strings"

	"clientele/model"
)

// Etsy's two order exports (Shop Manager › Settings › Options › Download
// Data), in every vintage seen: with or without the buyer's columns (Etsy
// dropped some for privacy), comma- or tab-separated (a re-save).
//
// Sold Orders, one order a row:
//
//	Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,
//	Date Shipped,Street 1,Street 2,Ship City,Ship State,Ship Zipcode,Ship Country,Currency,Order Value,
//	Coupon Code,Coupon Details,Discount Amount,Shipping Discount,Shipping,Sales Tax,Order Total,Status,
//	Card Processing Fees,Order Net,Adjusted Order Total,Adjusted Card Processing Fees,
//	Adjusted Net Order Amount,Buyer,Order Type,Payment Type,InPerson Discount,InPerson Location,SKU
//
// The order value less discounts is revenue (shipping and sales tax are
// not); card processing fees are a payment-fee cost to serve on the order;
// an adjusted order total below the order total is a refund of the
// difference, as far as it goes into revenue. The buyer is a customer by
// their Buyer User ID, else (a guest, or a file without buyer ids) by
// name, the shipping address (Street 1 and 2, Ship City, State, Zipcode)
// their postal address. A cancelled order is not a sale. Dates are
// MM/DD/YY.
//
// Sold Order Items, one item a row, grouped by Order ID:
//
//	Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,Discount Amount,
//	Delivery Discount,Delivery,Delivery Price,Item Total,Currency,Transaction ID,Listing ID,Date Paid,
//	Date Posted,Delivery Name,Delivery Address1,Delivery Address2,Delivery City,Delivery County,
//	Delivery Zipcode,Delivery Country,Order ID,Variations,Order Type,Listings Type,Payment Type,
//	InPerson Discount,InPerson Location,VAT Paid by Buyer,SKU
//
// (older files: Ship Name, Ship Country…). Each item is a line of
// quantity × price less its discount; the buyer is their Etsy username
// (Buyer), else the name it was delivered to (a guest), the delivery
// address their postal address. Both files keep their orders under the
// source "etsy" by Order ID, so an order read from both is one order,
// never counted twice.
const (
	Etsy      = "etsy"
	EtsyItems = "etsy-items"
)

var etsyFormat = &format{name: Etsy, label: "Etsy Sold Orders", kind: ordersKind, src: Etsy,
	needs: []need{needOf("Sale Date"), needOf("Order ID"), needOf("Order Value")},
	marks: []string{"Order Value", "Card Processing Fees", "Order Net", "Number of Items", "Buyer User ID"},
	dates: model.DateOrderMDY,
	orders: func(h *header, nb numbers) (orderFormat, error) {
		return &etsyParser{date: h.find("Sale Date"), id: h.find("Order ID"), value: h.find("Order Value"),
			buyerID: h.find("Buyer User ID"), fullName: h.find("Full Name"), first: h.find("First Name"),
			last: h.find("Last Name"), items: h.find("Number of Items"), discount: h.find("Discount Amount"),
			fees: h.find("Card Processing Fees"), country: h.find("Ship Country"), buyer: h.find("Buyer"),
			currency: h.find("Currency"), status: h.find("Status"), total: h.find("Order Total"),
			adjusted: h.find("Adjusted Order Total"),
			addr: addrOf(h, []string{"Street 1"}, []string{"Street 2"}, []string{"Ship City"}, []string{"Ship State"},
				[]string{"Ship Zipcode"})}, nil
	}}

type etsyParser struct {
	date, id, value, buyerID, fullName, first, last, items, discount, fees, country, buyer int
	currency, status, total, adjusted                                                      int
	addr                                                                                   addrCols
}

func (p *etsyParser) keyCol() int     { return p.id }
func (p *etsyParser) dateCols() []int { return []int{p.date} }

func (p *etsyParser) parse(r *row) ([]part, error) {
	id := r.get(p.id)
	if id == "" {
		return nil, r.bad(p.id, "the order id is empty")
	}
	at, err := r.date(p.date)
	if err != nil {
		return nil, err
	}
	pt := part{key: id, at: at}
	if pt.currency, err = r.currency(p.currency); err != nil {
		return nil, err
	}
	if st := strings.ToLower(r.get(p.status)); strings.HasPrefix(st, "cancel") {
		return []part{{key: id, skip: "cancelled"}}, nil
	}
	items := int64(1)
	if r.get(p.items) != "" {
		if items, err = r.qty(p.items); err != nil || items < 1 {
			return nil, r.bad(p.items, "%q is not a number of items", r.get(p.items))
		}
	}
	value, err := r.money(p.value)
	if err != nil {
		return nil, err
	}
	discount, err := r.optMoney(p.discount)
	if err != nil {
		return nil, err
	}
	// Etsy writes the discount as a positive amount taken off.
	revenue := value - max(discount, -discount)
	if value < 0 || value > model.MaxMoney || revenue < 0 {
		return nil, r.bad(p.value, "order value %s less discount %s is not a sale amount", value.Decimal(),
			discount.Decimal())
	}
	fees, err := r.optMoney(p.fees)
	if err != nil {
		return nil, err
	}
	fees = max(fees, -fees) // some vintages write fees as negative
	desc := "Etsy order " + id
	if items > 1 {
		desc += fmt.Sprintf(" (%d items)", items)
	}
	pt.lines = []lineIn{{desc: desc, qty: 1, price: model.Decimal{Units: int64(revenue), Scale: 2}, amount: revenue,
		line: r.line}}
	pt.costs = []costIn{{cat: model.CostFees, amount: fees, note: "Etsy card processing fees"}}
	pt.who = etsyBuyer(r.get(p.buyerID), r.get(p.fullName), r.get(p.first), r.get(p.last), r.get(p.buyer),
		r.get(p.country))
	if pt.who != nil {
		pt.who.addr = p.addr.read(r, false)
	}
	parts := []part{pt}
	if r.get(p.adjusted) != "" && r.get(p.total) != "" {
		total, err := r.money(p.total)
		if err != nil {
			return nil, err
		}
		adjusted, err := r.money(p.adjusted)
		if err != nil {
			return nil, err
		}
		if back := min(total-adjusted, revenue); back > 0 {
			parts = append(parts, part{key: id + "/refund", at: at, refund: true, who: pt.who, currency: pt.currency,
				lines: []lineIn{{desc: "Refund on Etsy order " + id, qty: -1,
					price: model.Decimal{Units: int64(back), Scale: 2}, amount: -back, line: r.line}}})
		}
	}
	return parts, nil
}

// etsyBuyer is the customer of an Etsy order: by Buyer User ID, else by
// name (a guest checkout, or a file without buyer ids); nil when the file
// names nobody.
func etsyBuyer(id, full, first, last, username, country string) *person {
	name := full
	if name == "" {
		name = strings.TrimSpace(first + " " + last)
	}
	if name == "" {
		name = username
	}
	if id == "" && name == "" {
		return nil
	}
	if name == "" {
		name = "Etsy buyer " + id
	}
	return &person{ref: id, name: name, country: country, social: username, acquired: "Etsy"}
}

var etsyItemsFormat = &format{name: EtsyItems, label: "Etsy Sold Order Items", kind: ordersKind, src: Etsy,
	needs: []need{needOf("Sale Date"), needOf("Order ID"), needOf("Item Name"), needOf("Quantity"), needOf("Price")},
	marks: []string{"Item Name", "Listing ID", "Transaction ID", "Item Total"}, dates: model.DateOrderMDY,
	orders: func(h *header, nb numbers) (orderFormat, error) {
		return &etsyItemsParser{date: h.find("Sale Date"), id: h.find("Order ID"), item: h.find("Item Name"),
			qty: h.find("Quantity"), price: h.find("Price"), discount: h.find("Discount Amount"),
			buyer: h.find("Buyer"), shipName: h.find("Delivery Name", "Ship Name"),
			country: h.find("Delivery Country", "Ship Country"), currency: h.find("Currency"), sku: h.find("SKU"),
			tx: h.find("Transaction ID"),
			addr: addrOf(h, []string{"Delivery Address1", "Ship Address1"}, []string{"Delivery Address2", "Ship Address2"},
				[]string{"Delivery City", "Ship City"}, []string{"Delivery County", "Delivery State", "Ship State"},
				[]string{"Delivery Zipcode", "Ship Zipcode"})}, nil
	}}

type etsyItemsParser struct {
	date, id, item, qty, price, discount, buyer, shipName, country, currency, sku, tx int
	addr                                                                              addrCols
}

func (p *etsyItemsParser) keyCol() int     { return p.id }
func (p *etsyItemsParser) dateCols() []int { return []int{p.date} }

func (p *etsyItemsParser) parse(r *row) ([]part, error) {
	id := r.get(p.id)
	if id == "" {
		return nil, r.bad(p.id, "the order id is empty")
	}
	at, err := r.date(p.date)
	if err != nil {
		return nil, err
	}
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
	discount, err := r.optMoney(p.discount)
	if err != nil {
		return nil, err
	}
	pt := part{key: id, at: at, lines: []lineIn{{desc: r.get(p.item), sku: r.get(p.sku), qty: qty, price: price,
		amount: amount, line: r.line}}}
	if d := max(discount, -discount); d > 0 {
		pt.lines = append(pt.lines, lineIn{desc: "Discount on " + r.get(p.item), qty: 1,
			price: model.Decimal{Units: -int64(d), Scale: 2}, amount: -d, line: r.line})
	}
	if pt.currency, err = r.currency(p.currency); err != nil {
		return nil, err
	}
	if buyer, name := r.get(p.buyer), r.get(p.shipName); buyer != "" || name != "" {
		who := &person{name: name, social: buyer, country: r.get(p.country), acquired: "Etsy", addr: p.addr.read(r, false)}
		if buyer != "" {
			who.ref = "user:" + buyer // Sold Orders' refs are buyer ids: usernames are kept apart
			if who.name == "" {
				who.name = buyer
			}
		}
		pt.who = who
	}
	return []part{pt}, nil
}
