package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"clientele/model"
)

// A generic orders CSV: one line of an order a row. Column names are
// matched ignoring case, spaces and punctuation, under any of these names:
var (
	dateColumns     = []string{"date", "order date", "ordered at", "ordered on", "sale date", "invoice date", "purchase date"}
	amountColumns   = []string{"amount", "total", "line total", "order total", "revenue", "value", "order value"}
	priceColumns    = []string{"unit price", "price", "unit_price", "price each"}
	qtyColumns      = []string{"quantity", "qty", "units"}
	orderIDColumns  = []string{"order id", "order", "order no", "order number", "invoice", "invoice no", "invoice number"}
	nameColumns     = []string{"customer", "customer name", "name", "full name", "client", "client name", "buyer"}
	emailColumns    = []string{"email", "e-mail", "customer email", "email address"}
	itemColumns     = []string{"item", "product", "description", "offering", "service", "item name", "product name"}
	skuColumns      = []string{"sku", "stock code", "product code", "item code"}
	kindColumns     = []string{"kind", "type", "order type"}
	unitCostColumns = []string{"unit cost", "cost each", "cost"}
)

type orderCols struct {
	date, amount, price, qty, id, name, email, item, sku, kind, cost int
}

// orderRow is one parsed row of a generic orders file.
type orderRow struct {
	at     time.Time
	id     string
	name   string
	email  string
	item   string
	sku    string
	refund bool
	line   model.OrderLine
}

type orderParser struct {
	cols orderCols
	head header
}

func newOrderParser(h header) (*orderParser, error) {
	c := orderCols{date: h.find(dateColumns...), amount: h.find(amountColumns...), price: h.find(priceColumns...),
		qty: h.find(qtyColumns...), id: h.find(orderIDColumns...), name: h.find(nameColumns...),
		email: h.find(emailColumns...), item: h.find(itemColumns...), sku: h.find(skuColumns...),
		kind: h.find(kindColumns...), cost: h.find(unitCostColumns...)}
	switch {
	case c.date < 0:
		return nil, &LineError{Line: 1, Err: errors.New("the header has no date column (date, order date, sale date…)")}
	case c.amount < 0 && c.price < 0:
		return nil, &LineError{Line: 1, Err: errors.New("the header has neither an amount column (amount, total…) " +
			"nor a unit price column (unit price, price)")}
	}
	return &orderParser{cols: c, head: h}, nil
}

func (p *orderParser) parse(rec []string, line int) (orderRow, error) {
	c := p.cols
	bad := func(i int, err error) error { return &LineError{Line: line, Column: p.head.names[i], Err: err} }
	r := orderRow{id: field(rec, c.id), name: field(rec, c.name), email: strings.ToLower(field(rec, c.email)),
		item: field(rec, c.item), sku: field(rec, c.sku)}
	var err error
	if r.at, err = model.ParseDateTime(field(rec, c.date)); err != nil {
		return r, bad(c.date, fmt.Errorf("%q is not a date (use YYYY-MM-DD, or YYYY-MM-DD HH:MM)", field(rec, c.date)))
	}
	if r.email != "" {
		if err := model.ValidateEmail(r.email); err != nil {
			return r, bad(c.email, errors.New(fieldMsg(err)))
		}
	}
	switch k := strings.ToLower(field(rec, c.kind)); k {
	case "", "sale", "order", "sold":
	case "refund", "return", "returned", "refunded", "cancellation", "cancelled", "canceled":
		r.refund = true
	default:
		return r, bad(c.kind, fmt.Errorf("%q is neither sale nor refund", k))
	}
	qty := int64(1)
	if s := field(rec, c.qty); s != "" {
		if qty, err = strconv.ParseInt(s, 10, 64); err != nil || qty == 0 {
			return r, bad(c.qty, fmt.Errorf("%q is not a whole number other than 0", s))
		}
	}
	var amount model.Money
	var price model.Decimal
	if s := field(rec, c.price); s != "" {
		if price, err = model.ParseDecimal(s); err != nil {
			return r, bad(c.price, err)
		}
		var ok bool
		if amount, ok = price.Times(qty); !ok {
			return r, bad(c.qty, fmt.Errorf("%d × %s is too large an amount", qty, s))
		}
	} else {
		s := field(rec, c.amount)
		if s == "" {
			col := c.amount
			if col < 0 {
				col = c.price
			}
			return r, bad(col, errors.New("no amount or unit price"))
		}
		if amount, err = model.ParseMoney(s); err != nil {
			return r, bad(c.amount, err)
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
		r.refund = true
	}
	if r.refund {
		qty, amount = -abs(qty), -max(amount, -amount)
		price = model.Decimal{Units: abs(price.Units), Scale: price.Scale}
	}
	var cost model.Money
	if s := field(rec, c.cost); s != "" && c.cost != c.amount {
		if cost, err = model.ParseMoney(s); err != nil || cost < 0 {
			return r, bad(c.cost, fmt.Errorf("unit cost %q is not an amount of zero or more", s))
		}
	}
	desc := r.item
	if desc == "" {
		desc = r.sku
	}
	if desc == "" {
		desc = "Imported sale"
	}
	r.line = model.OrderLine{Description: desc, Quantity: qty, UnitPrice: price.Round(), UnitPriceExact: price.Exact(),
		Amount: amount, UnitCost: cost}
	return r, nil
}

func abs(n int64) int64 { return max(n, -n) }

// fieldMsg is a model field error's message without the field's name.
func fieldMsg(err error) string {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}

// rowKey identifies a row of a file without order ids, so that importing
// the file again finds it: a digest of what the row says, and which copy
// of identical rows it is.
func rowKey(rec []string, copies map[string]int) string {
	h := sha256.New()
	for _, f := range rec {
		h.Write([]byte(strings.TrimSpace(f)))
		h.Write([]byte{0})
	}
	k := hex.EncodeToString(h.Sum(nil)[:10])
	copies[k]++
	return "row:" + k + "#" + strconv.Itoa(copies[k])
}

// readOrders imports a generic orders file. Rows with the same order id,
// one after another, are the lines of one order; without an order id
// column every row is an order of its own.
func readOrders(s *session) error {
	p, err := newOrderParser(s.in.head)
	if err != nil {
		return err
	}
	if err := s.loadKnown(); err != nil {
		return err
	}
	if err := s.loadPeople(); err != nil {
		return err
	}
	if err := s.loadOfferings(); err != nil {
		return err
	}
	copies := map[string]int{}
	var cur *pending
	skipping, current := false, ""
	err = s.rows(func(rec []string, line int) error {
		r, err := p.parse(rec, line)
		if err != nil {
			return err
		}
		id := r.id
		if p.cols.id < 0 || id == "" {
			id = rowKey(rec, copies)
		}
		if id != current || p.cols.id < 0 {
			if err := s.add(cur); err != nil {
				return err
			}
			cur, current = nil, id
			col := p.head.names[max(p.cols.id, p.cols.date)]
			if skipping, err = s.startOrder(id, line, col); err != nil || skipping {
				return err
			}
			cur = &pending{first: line, order: model.Order{OrderedAt: r.at, Kind: model.OrderSale, Source: s.source,
				ExternalID: id}}
			if cur.order.CustomerID, err = s.person(r.name, r.email, line, p.cols.name, p.cols.email); err != nil {
				return err
			}
		}
		if skipping {
			return nil
		}
		if r.sku != "" {
			o, err := s.offering(r.sku, r.item, r.line.UnitPrice)
			if err != nil {
				return &LineError{Line: line, Column: p.head.names[p.cols.sku], Err: err}
			}
			r.line.OfferingID = o.ID
			if r.line.UnitCost == 0 {
				r.line.UnitCost = o.UnitCost
			}
		}
		cur.order.Lines = append(cur.order.Lines, r.line)
		cur.lines = append(cur.lines, line)
		if r.refund && len(cur.order.Lines) == 1 {
			cur.order.Kind = model.OrderRefund
		} else if !r.refund && cur.order.Kind == model.OrderRefund {
			return &LineError{Line: line, Err: fmt.Errorf("order %s mixes sale and refund lines: "+
				"give the refund an order id of its own", r.id)}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.add(cur)
}
