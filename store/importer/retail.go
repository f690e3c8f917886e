package importer

import (
	"errors"
	"fmt"
	"strconv"
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
var retailColumns = []string{"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
	"CustomerID", "Country"}

// countryNote begins the note that keeps an invoice's country.
const countryNote = "Country: "

// retailCols are the positions of retailColumns in a file.
type retailCols struct {
	invoice, stock, desc, qty, date, price, customer, country int
}

// retailRow is one parsed invoice line.
type retailRow struct {
	invoice     string
	stock, desc string
	qty         int64
	at          time.Time
	price       model.Money
	priceExact  string // the price as written when it has more than 2 decimals
	amount      model.Money
	customer    string // the ref, "" for none
	country     string
}

// retailParser parses rows, remembering the last date so that the lines of
// one invoice parse it once.
type retailParser struct {
	cols     retailCols
	head     header
	lastDate string
	lastAt   time.Time
}

func newRetailParser(h header) (*retailParser, error) {
	idx, err := h.require(retailColumns[:7]...)
	if err != nil {
		return nil, err
	}
	return &retailParser{head: h, cols: retailCols{idx[0], idx[1], idx[2], idx[3], idx[4], idx[5], idx[6],
		h.find("Country")}}, nil
}

// parse reads one row, or says which column is wrong and why.
func (p *retailParser) parse(rec []string, line int) (retailRow, error) {
	c := p.cols
	bad := func(i int, err error) error { return &LineError{Line: line, Column: p.head.names[i], Err: err} }
	r := retailRow{invoice: field(rec, c.invoice), stock: field(rec, c.stock), desc: field(rec, c.desc),
		country: field(rec, c.country)}
	if r.invoice == "" {
		return r, bad(c.invoice, errors.New("the invoice number is empty"))
	}
	if r.stock == "" {
		return r, bad(c.stock, errors.New("the stock code is empty"))
	}
	qty, err := strconv.ParseInt(field(rec, c.qty), 10, 64)
	if err != nil {
		return r, bad(c.qty, fmt.Errorf("%q is not a whole number", field(rec, c.qty)))
	}
	switch {
	case qty == 0:
		return r, bad(c.qty, errors.New("the quantity is 0"))
	case isCancellation(r.invoice) && qty > 0:
		return r, bad(c.qty, fmt.Errorf("invoice %s is a cancellation, so its quantity must be negative, not %d", r.invoice, qty))
	}
	r.qty = qty
	if d := field(rec, c.date); d == p.lastDate && d != "" {
		r.at = p.lastAt
	} else {
		if r.at, err = parseRetailDate(d); err != nil {
			return r, bad(c.date, err)
		}
		p.lastDate, p.lastAt = d, r.at
	}
	priceText := field(rec, c.price)
	price, err := model.ParseDecimal(priceText)
	if err != nil {
		return r, bad(c.price, err)
	}
	amount, ok := price.Times(qty)
	if !ok {
		return r, bad(c.qty, fmt.Errorf("%d × %s is too large an amount", qty, priceText))
	}
	r.price, r.amount = price.Round(), amount
	r.priceExact = price.Exact()
	if r.customer, err = customerRef(field(rec, c.customer)); err != nil {
		return r, bad(c.customer, err)
	}
	return r, nil
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

// parseRetailDate reads "2010-12-01 08:26:00", or the spreadsheet form
// "12/1/2010 8:26" of the data set's original.
func parseRetailDate(s string) (time.Time, error) {
	if t, err := model.ParseDateTime(s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("1/2/2006 15:04", s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time (use YYYY-MM-DD HH:MM:SS)", s)
}

// readRetail imports Online Retail invoice lines.
func readRetail(s *session) error {
	p, err := newRetailParser(s.in.head)
	if err != nil {
		return err
	}
	if err := s.loadKnown(); err != nil {
		return err
	}
	if err := s.loadOfferings(); err != nil {
		return err
	}
	var cur *pending
	skipping, invoice := false, ""
	err = s.rows(func(rec []string, line int) error {
		r, err := p.parse(rec, line)
		if err != nil {
			return err
		}
		if r.invoice != invoice || (cur == nil && !skipping) {
			if err := s.add(cur); err != nil {
				return err
			}
			cur, invoice = nil, r.invoice
			if skipping, err = s.startOrder(r.invoice, line, p.head.names[p.cols.invoice]); err != nil || skipping {
				return err
			}
			kind := model.OrderSale
			if isCancellation(r.invoice) {
				kind = model.OrderRefund
			}
			cur = &pending{first: line, order: model.Order{OrderedAt: r.at, Kind: kind, Source: s.source,
				ExternalID: r.invoice}}
			if r.country != "" {
				// Orders have no country column; the note keeps where an
				// unattributed sale went.
				cur.order.Notes = countryNote + r.country
			}
			if r.customer != "" {
				id, err := s.customer(r.customer, func() model.Customer {
					return model.Customer{Name: "Customer " + r.customer, Country: r.country}
				})
				if err != nil {
					return &LineError{Line: line, Column: p.head.names[p.cols.customer], Err: err}
				}
				cur.order.CustomerID = id
			}
		}
		if skipping {
			return nil
		}
		o, err := s.offering(r.stock, r.desc, r.price)
		if err != nil {
			return &LineError{Line: line, Column: p.head.names[p.cols.stock], Err: err}
		}
		cur.order.Lines = append(cur.order.Lines, model.OrderLine{OfferingID: o.ID, Description: r.desc,
			Quantity: r.qty, UnitPrice: r.price, UnitPriceExact: r.priceExact, Amount: r.amount, UnitCost: o.UnitCost})
		cur.lines = append(cur.lines, line)
		return nil
	})
	if err != nil {
		return err
	}
	return s.add(cur)
}
