package importer

import (
	"errors"
	"io"
	"strings"
	"testing"

	"clientele/model"
)

// Each format's row parser is fuzzed with one data line under its header:
// it must never panic, must refuse with a LineError on line 2, and what it
// accepts must hold together. Seeds live in testdata/fuzz.

// fuzzRow reads line under head as format f and checks what it accepts.
func fuzzRow(t *testing.T, f *format, head, line string) {
	lay, err := findLayout([]byte(head+"\n"+line), "")
	if err != nil {
		return
	}
	in, err := newReader(strings.NewReader(head+"\n"+line), lay)
	if err != nil {
		t.Fatalf("header: %v", err)
	}
	rec, n, err := in.next()
	if errors.Is(err, io.EOF) {
		return
	}
	if err != nil {
		var le *LineError
		if !errors.As(err, &le) {
			t.Fatalf("a CSV error that is not a LineError: %v", err)
		}
		return
	}
	nb := numbers{decimalComma: lay.sep == ';'}
	var sn dateSniffer
	r := &row{rec: rec, line: n, head: &in.head, nb: nb}
	checkErr := func(err error) {
		var le *LineError
		if !errors.As(err, &le) || le.Line != n {
			t.Fatalf("error %v does not name line %d", err, n)
		}
	}
	if f.kind == customersKind {
		p, err := f.customers(&in.head, nb)
		if err != nil {
			t.Fatal(err)
		}
		ci, err := p.parse(r)
		if err != nil {
			checkErr(err)
			return
		}
		if ci.skip == "" && ci.c.Name == "" && ci.c.Email == "" {
			t.Fatalf("accepted a customer with no name: %+v", ci.c)
		}
		return
	}
	p, err := f.orders(&in.head, nb)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range p.dateCols() {
		sn.add(field(rec, c), n)
	}
	if r.dates, err = sn.decide("", f.dates, model.DateOrderDMY, f.label); err != nil {
		return
	}
	parts, err := p.parse(r)
	if err != nil {
		checkErr(err)
		return
	}
	for _, pt := range parts {
		if pt.skip != "" {
			continue
		}
		for _, l := range pt.lines {
			if l.amount > model.MaxMoney || l.amount < -model.MaxMoney || (pt.refund && l.amount > 0) {
				t.Fatalf("accepted %+v", pt)
			}
		}
		for _, c := range pt.costs {
			if c.amount < 0 {
				t.Fatalf("a negative cost %+v", c)
			}
		}
	}
}

func fuzzFormat(f *testing.F, name, head string, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	fm := formatNamed(name)
	f.Fuzz(func(t *testing.T, line string) { fuzzRow(t, fm, head, line) })
}

func FuzzRetailLine(f *testing.F) {
	fuzzFormat(f, OnlineRetail, strings.Join(retailColumns, ","),
		"536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
		"C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom",
		`536370,22728,"ALARM CLOCK, ""PINK""",24,12/1/2010 8:45,0.085,,France`)
}

func FuzzEtsyLine(f *testing.F) {
	fuzzFormat(f, Etsy, strings.TrimSpace(etsyHead),
		"01/05/24,1001,777,Ann Lee,Ann,Lee,2,Card,01/06/24,United Kingdom,GBP,24.00,4.00,3.50,1.20,0.89,18.41,annlee",
		"12/31/2024,1003,,,,,1,Card,,France,GBP,5.00,,0,0,-0.20,5.00,")
}

func FuzzEtsyItemsLine(f *testing.F) {
	fuzzFormat(f, EtsyItems, etsyItemsHead, etsyItemsRows...)
}

func FuzzShopifyOrdersLine(f *testing.F) {
	fuzzFormat(f, ShopifyOrders, shopifyOrdersHead, shopifyOrdersRows...)
}

func FuzzSquareItemsLine(f *testing.F) {
	fuzzFormat(f, SquareItems, squareItemsHead, squareItemsRows...)
}

func FuzzWooCommerceLine(f *testing.F) {
	fuzzFormat(f, WooCommerce, wooHead, wooRows...)
}

func FuzzStripeLine(f *testing.F) {
	fuzzFormat(f, Stripe, stripeHead, stripeRows...)
}

func FuzzPayPalLine(f *testing.F) {
	fuzzFormat(f, PayPal, paypalHead, paypalRows...)
}

func FuzzOrdersLine(f *testing.F) {
	fuzzFormat(f, Orders, "date,customer,email,item,qty,unit price,order id,kind,unit cost,amount",
		"2026-01-02,Ann Lee,ann@example.com,Soap,3,4.50,A1,sale,1.20,",
		"2026-01-09 10:30,,,Soap,1,0.085,A3,refund,,",
		"2026-01-10,Bob,,Gift box,,,,,,(35.00)")
}

func FuzzCustomersLine(f *testing.F) {
	fuzzFormat(f, Customers, "name,email,phone,company,notes,segment,country,stage,id",
		"Ann Lee,ann@example.com,555-0100,Lee & Co,likes lavender,Wholesale; Gift buyers,UK,advocate,c-1",
		",bob@example.com,,,,,,,")
}

func FuzzContactsLine(f *testing.F) {
	for _, s := range append(append(shopifyCustomersRows, googleRows...), outlookRows...) {
		f.Add(s)
	}
	heads := []struct{ name, head string }{{ShopifyCustomers, shopifyCustomersHead}, {GoogleContacts, googleHead},
		{OutlookContacts, outlookHead}, {SquareCustomers, squareCustomersHead}}
	f.Fuzz(func(t *testing.T, line string) {
		for _, h := range heads {
			fuzzRow(t, formatNamed(h.name), h.head, line)
		}
	})
}

// FuzzDates: a date either reads or is refused; one that reads is a real
// time, and the same text reads the same way again.
func FuzzDates(f *testing.F) {
	for _, s := range []string{"2026-04-05 21:06:21 +0400", "04/01/2022 06:09:53 PDT", "2026-04-05T21:06:21Z",
		"12/17/22", "5 April 2026", "Apr 5, 2026 9:05 PM", "31.12.2025", "2026-02-30"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, dayFirst bool) {
		p, err := splitDate(s)
		if err != nil {
			return
		}
		tm, ok := p.build(dayFirst)
		if !ok {
			return
		}
		if tm.Year() < 1900 || tm.Year() > 2999 {
			t.Fatalf("%q read as %v", s, tm)
		}
		var sn dateSniffer
		sn.add(s, 2)
		o, err := sn.decide(map[bool]model.DateOrder{true: model.DateOrderDMY, false: model.DateOrderMDY}[dayFirst], "", "", "")
		if err != nil {
			return
		}
		if _, err := o.parse(s); err != nil {
			t.Fatalf("%q sniffed as %s but does not parse: %v", s, o.name, err)
		}
	})
}

// FuzzDetect: any header is read as one format, or refused on line 1;
// never as customers when it has order columns.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{"Order ID,Created At,Customer,Total", shopifyOrdersHead, stripeHead, paypalHead,
		googleHead, "name,email", "a,b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		h := newHeader(strings.Split(line, ","))
		fm, _, err := detect(&h)
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) || le.Line != 1 {
				t.Fatalf("refusal %v is not about line 1", err)
			}
			return
		}
		if fm.kind == customersKind && h.ordersLike() {
			t.Fatalf("%q read as %s though it has order columns %v", line, fm.name, h.orderColumns())
		}
	})
}

// FuzzVCard: a .vcf file is read card by card or refused at a line.
func FuzzVCard(f *testing.F) {
	f.Add(vcard3)
	f.Add(vcard4)
	f.Add("BEGIN:VCARD\nFN:Ann\n")
	f.Fuzz(func(t *testing.T, s string) {
		err := readCards(strings.NewReader(s), true, func(c vcardCard) error {
			if c.c.Name == "" {
				t.Fatalf("a card with no name: %+v", c)
			}
			return nil
		})
		var le *LineError
		if err != nil && (!errors.As(err, &le) || le.Line < 1) {
			t.Fatalf("error %v names no line", err)
		}
	})
}
