package importer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"clientele/model"
)

// Etsy's "Sold Orders" CSV: one order a row, its header beginning
//
//	Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,...
//
// with Order Value, Discount Amount, Shipping, Sales Tax, Card Processing
// Fees, Order Net and Buyer further on. The order value less discounts is
// revenue (shipping and sales tax are not); the card processing fees are a
// payment-fee cost to serve on the order. Buyers become customers with
// the Buyer User ID as their ref. Sale dates are MM/DD/YY.
var etsyRequired = []string{"Sale Date", "Order ID", "Order Value"}

type etsyCols struct {
	date, id, buyerID, fullName, first, last, items, value, discount, fees, country, buyer int
}

// etsyRow is one parsed sold order.
type etsyRow struct {
	day     time.Time
	id      string
	buyerID string
	name    string
	buyer   string // the Etsy username
	country string
	items   int64
	revenue model.Money // order value less discounts
	fees    model.Money
}

type etsyParser struct {
	cols etsyCols
	head header
}

func newEtsyParser(h header) (*etsyParser, error) {
	idx, err := h.require(etsyRequired...)
	if err != nil {
		return nil, err
	}
	return &etsyParser{head: h, cols: etsyCols{date: idx[0], id: idx[1], value: idx[2],
		buyerID: h.find("Buyer User ID"), fullName: h.find("Full Name"), first: h.find("First Name"),
		last: h.find("Last Name"), items: h.find("Number of Items"), discount: h.find("Discount Amount"),
		fees: h.find("Card Processing Fees"), country: h.find("Ship Country"), buyer: h.find("Buyer")}}, nil
}

func (p *etsyParser) parse(rec []string, line int) (etsyRow, error) {
	c := p.cols
	bad := func(i int, err error) error { return &LineError{Line: line, Column: p.head.names[i], Err: err} }
	r := etsyRow{id: field(rec, c.id), buyerID: field(rec, c.buyerID), buyer: field(rec, c.buyer),
		country: field(rec, c.country), name: field(rec, c.fullName), items: 1}
	if r.id == "" {
		return r, bad(c.id, errors.New("the order id is empty"))
	}
	var err error
	if r.day, err = parseEtsyDate(field(rec, c.date)); err != nil {
		return r, bad(c.date, err)
	}
	if r.name == "" {
		r.name = strings.TrimSpace(field(rec, c.first) + " " + field(rec, c.last))
	}
	if r.name == "" {
		r.name = r.buyer
	}
	if s := field(rec, c.items); s != "" {
		if r.items, err = strconv.ParseInt(s, 10, 64); err != nil || r.items < 1 {
			return r, bad(c.items, fmt.Errorf("%q is not a number of items", s))
		}
	}
	value, err := model.ParseMoney(field(rec, c.value))
	if err != nil {
		return r, bad(c.value, err)
	}
	var discount model.Money
	if s := field(rec, c.discount); s != "" {
		if discount, err = model.ParseMoney(s); err != nil {
			return r, bad(c.discount, err)
		}
	}
	// Etsy writes the discount as a positive amount taken off.
	r.revenue = value - max(discount, -discount)
	if value < 0 || value > model.MaxMoney || r.revenue < 0 {
		return r, bad(c.value, fmt.Errorf("order value %s less discount %s is not a sale amount",
			value.Decimal(), discount.Decimal()))
	}
	if s := field(rec, c.fees); s != "" {
		if r.fees, err = model.ParseMoney(s); err != nil {
			return r, bad(c.fees, err)
		}
		r.fees = max(r.fees, -r.fees) // some exports write fees as negative
	}
	if r.buyerID != "" && r.name == "" {
		r.name = "Etsy buyer " + r.buyerID
	}
	return r, nil
}

// parseEtsyDate reads MM/DD/YY (and MM/DD/YYYY).
func parseEtsyDate(s string) (time.Time, error) {
	for _, layout := range []string{"1/2/06", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (Etsy writes MM/DD/YY)", s)
}

// readEtsy imports a Sold Orders file.
func readEtsy(s *session) error {
	p, err := newEtsyParser(s.in.head)
	if err != nil {
		return err
	}
	if err := s.loadKnown(); err != nil {
		return err
	}
	return s.rows(func(rec []string, line int) error {
		r, err := p.parse(rec, line)
		if err != nil {
			return err
		}
		skip, err := s.startOrder(r.id, line, p.head.names[p.cols.id])
		if err != nil || skip {
			return err
		}
		o := &pending{first: line, lines: []int{line}, order: model.Order{OrderedAt: r.day, Kind: model.OrderSale,
			Source: s.source, ExternalID: r.id}}
		if r.buyerID != "" {
			o.order.CustomerID, err = s.customer(r.buyerID, func() model.Customer {
				return model.Customer{Name: r.name, Country: r.country, Social: r.buyer, Source: "Etsy"}
			})
			if err != nil {
				return &LineError{Line: line, Column: p.head.names[p.cols.buyerID], Err: err}
			}
		}
		desc := "Etsy order " + r.id
		if r.items > 1 {
			desc += fmt.Sprintf(" (%d items)", r.items)
		}
		o.order.Lines = []model.OrderLine{model.NewLine(desc, 1, r.revenue, 0)}
		if err := s.add(o); err != nil {
			return err
		}
		if r.fees > 0 {
			c := model.Cost{On: r.day, CustomerID: o.order.CustomerID, OrderID: o.order.ID, Category: model.CostFees,
				Amount: r.fees, Note: "Etsy card processing fees"}
			if err := s.l.Cost(&c); err != nil {
				return &LineError{Line: line, Column: p.head.names[p.cols.fees], Err: err}
			}
			s.sum.Costs++
		}
		return nil
	})
}
