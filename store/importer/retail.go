package importer

import (
	"fmt"
	"strings"
	"time"

	"clientele/model"
)

// The Online Retail layout: one invoice line a row.
//
//	InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
//
// An invoice becomes an order with the invoice number as its external id;
// one starting with C is a cancellation, a refund whose quantities are
// negative. CustomerID "17850.0" is the customer with ref 17850, named
// "Customer 17850"; an empty one is an unattributed sale. StockCode and
// Description become offerings. The invoice's Country is kept on the
// customer and in the order's note ("Country: EIRE").
const OnlineRetail = "online-retail"

var retailColumns = []string{"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
	"CustomerID", "Country"}

// countryNote begins the note that keeps an invoice's country.
const countryNote = "Country: "

var retailFormat = &format{name: OnlineRetail, label: "Online Retail invoice lines", kind: ordersKind,
	needs: []need{needOf("InvoiceNo"), needOf("StockCode"), needOf("Quantity"), needOf("InvoiceDate"),
		needOf("UnitPrice"), needOf("CustomerID")},
	marks: []string{"InvoiceNo", "StockCode"}, dates: model.DateOrderMDY,
	orders: func(h *header, nb numbers) (orderFormat, error) { return newRetailParser(h) }}

// retailParser parses rows, remembering the last date, customer and
// country so that the lines of one invoice read them once.
type retailParser struct {
	invoice, stock, desc, qty, date, price, customer, country int
	lastDate                                                  string
	lastAt                                                    time.Time
	lastCustomer, lastCountry, lastNote                       string
	lastWho                                                   *person
	// out is the one part parse returns, which group copies before it
	// parses the next row; lines hands out the parts' lines, a row's own
	// line each, from arrays shared by many rows, the same again once a
	// group is stored (reuse).
	out   [1]part
	lines []lineIn
}

// retailLines is how many rows' lines one array holds.
const retailLines = 256

func newRetailParser(h *header) (*retailParser, error) {
	idx := make([]int, 7)
	for i, n := range retailColumns[:7] {
		if idx[i] = h.find(n); idx[i] < 0 {
			return nil, &LineError{Line: 1, Err: fmt.Errorf("the header has no %s column", n)}
		}
	}
	return &retailParser{invoice: idx[0], stock: idx[1], desc: idx[2], qty: idx[3], date: idx[4], price: idx[5],
		customer: idx[6], country: h.find("Country")}, nil
}

func (p *retailParser) keyCol() int     { return p.invoice }
func (p *retailParser) reuse()          { p.lines = p.lines[:0] }
func (p *retailParser) dateCols() []int { return []int{p.date} }

// parse reads one invoice line, or says which column is wrong and why.
func (p *retailParser) parse(r *row) ([]part, error) {
	invoice, stock := r.get(p.invoice), r.get(p.stock)
	if invoice == "" {
		return nil, r.bad(p.invoice, "the invoice number is empty")
	}
	if stock == "" {
		return nil, r.bad(p.stock, "the stock code is empty")
	}
	qty, err := r.qty(p.qty)
	if err != nil {
		return nil, err
	}
	refund := isCancellation(invoice)
	switch {
	case qty == 0:
		return nil, r.bad(p.qty, "the quantity is 0")
	case refund && qty > 0:
		return nil, r.bad(p.qty, "invoice %s is a cancellation, so its quantity must be negative, not %d", invoice, qty)
	}
	var at time.Time
	if d := r.get(p.date); d == p.lastDate && d != "" {
		at = p.lastAt
	} else {
		if at, err = r.date(p.date); err != nil {
			return nil, err
		}
		p.lastDate, p.lastAt = d, at
	}
	price, err := r.decimal(p.price)
	if err != nil {
		return nil, err
	}
	if price.Units < 0 {
		return nil, r.bad(p.price, "the unit price %s is negative", r.get(p.price))
	}
	amount, ok := price.Times(qty)
	if !ok {
		return nil, r.bad(p.qty, "%d × %s is too large an amount", qty, r.get(p.price))
	}
	if len(p.lines) == cap(p.lines) {
		p.lines = make([]lineIn, 0, retailLines)
	}
	p.lines = append(p.lines, lineIn{desc: r.get(p.desc), sku: stock, qty: qty, price: price, amount: amount,
		line: r.line})
	n := len(p.lines)
	p.out[0] = part{key: invoice, at: at, refund: refund, lines: p.lines[n-1 : n : n]}
	pt := &p.out[0]
	if c := r.get(p.country); c != "" {
		// Orders have no country column; the note keeps where an
		// unattributed sale went.
		if c != p.lastCountry {
			p.lastCountry, p.lastNote = c, countryNote+c
		}
		pt.notes = p.lastNote
	}
	if cust := r.get(p.customer); cust != p.lastCustomer || p.lastWho == nil || p.lastWho.country != r.get(p.country) {
		ref, err := customerRef(cust)
		if err != nil {
			return nil, r.bad(p.customer, "%v", err)
		}
		p.lastCustomer, p.lastWho = cust, nil
		if ref != "" {
			p.lastWho = &person{ref: ref, name: "Customer " + ref, country: r.get(p.country)}
		}
	}
	pt.who = p.lastWho
	return p.out[:], nil
}

// isCancellation reports an invoice number of a cancellation: C536379.
func isCancellation(invoice string) bool {
	return strings.HasPrefix(invoice, "C") || strings.HasPrefix(invoice, "c")
}

// customerRef turns "17850.0" into "17850"; "" stays "".
func customerRef(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if strings.Trim(frac, "0") != "" || whole == "" {
		return "", fmt.Errorf("customer id %q is not a whole number", s)
	}
	for _, r := range whole {
		if r < '0' || r > '9' {
			return "", fmt.Errorf("customer id %q is not a number", s)
		}
	}
	return whole, nil
}
