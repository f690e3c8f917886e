package importer

import (
	"errors"
	"io"
	"strings"
	"testing"

	"clientele/model"
)

// Each format's line parser is fuzzed with one data line under its header:
// it must never panic, must refuse with a LineError on line 2, and what it
// accepts must hold together. Seeds live in testdata/fuzz.

// fuzzLine reads line under head and hands the parser the record.
func fuzzLine(t *testing.T, head, line string, parse func(h header, rec []string, n int) error) {
	in, err := newReader(strings.NewReader(head + "\n" + line))
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
	if err := parse(in.head, rec, n); err != nil {
		var le *LineError
		if !errors.As(err, &le) || le.Line != n || le.Line < 2 {
			t.Fatalf("error %v does not name line %d", err, n)
		}
	}
}

func FuzzRetailLine(f *testing.F) {
	f.Add("536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom")
	f.Add("C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom")
	f.Add(`536370,22728,"ALARM CLOCK, ""PINK""",24,12/1/2010 8:45,0.085,,France`)
	head := strings.Join(retailColumns, ",")
	f.Fuzz(func(t *testing.T, line string) {
		fuzzLine(t, head, line, func(h header, rec []string, n int) error {
			p, err := newRetailParser(h)
			if err != nil {
				t.Fatal(err)
			}
			r, err := p.parse(rec, n)
			if err != nil {
				return err
			}
			if r.qty == 0 || (isCancellation(r.invoice) && r.qty > 0) || r.invoice == "" || r.stock == "" {
				t.Fatalf("accepted %+v", r)
			}
			if r.amount > model.MaxMoney || r.amount < -model.MaxMoney {
				t.Fatalf("amount %d out of range", r.amount)
			}
			if strings.HasSuffix(r.customer, ".0") {
				t.Fatalf("customer ref %q kept its .0", r.customer)
			}
			return nil
		})
	})
}

func FuzzEtsyLine(f *testing.F) {
	f.Add("01/05/24,1001,777,Ann Lee,Ann,Lee,2,Card,01/06/24,United Kingdom,GBP,24.00,4.00,3.50,1.20,0.89,18.41,annlee")
	f.Add("12/31/2024,1003,,,,,1,Card,,France,GBP,5.00,,0,0,-0.20,5.00,")
	f.Fuzz(func(t *testing.T, line string) {
		fuzzLine(t, strings.TrimSpace(etsyHead), line, func(h header, rec []string, n int) error {
			p, err := newEtsyParser(h)
			if err != nil {
				t.Fatal(err)
			}
			r, err := p.parse(rec, n)
			if err != nil {
				return err
			}
			if r.revenue < 0 || r.fees < 0 || r.id == "" || r.day.IsZero() || r.items < 1 {
				t.Fatalf("accepted %+v", r)
			}
			return nil
		})
	})
}

func FuzzOrdersLine(f *testing.F) {
	f.Add("2026-01-02,Ann Lee,ann@example.com,Soap,3,4.50,A1,sale,1.20,")
	f.Add("2026-01-09 10:30,,,Soap,1,0.085,A3,refund,,")
	f.Add("2026-01-10,Bob,,Gift box,,,,,,(35.00)")
	head := "date,customer,email,item,qty,unit price,order id,kind,unit cost,amount"
	f.Fuzz(func(t *testing.T, line string) {
		fuzzLine(t, head, line, func(h header, rec []string, n int) error {
			p, err := newOrderParser(h)
			if err != nil {
				t.Fatal(err)
			}
			r, err := p.parse(rec, n)
			if err != nil {
				return err
			}
			l := r.line
			if l.Quantity == 0 || (r.refund && (l.Quantity > 0 || l.Amount > 0)) || l.UnitCost < 0 ||
				l.Amount > model.MaxMoney || l.Amount < -model.MaxMoney || l.Description == "" {
				t.Fatalf("accepted %+v", r)
			}
			return nil
		})
	})
}

func FuzzCustomersLine(f *testing.F) {
	f.Add("Ann Lee,ann@example.com,555-0100,Lee & Co,likes lavender,Wholesale; Gift buyers,UK,advocate,c-1")
	f.Add(",bob@example.com,,,,,,,")
	head := "name,email,phone,company,notes,segment,country,stage,id"
	f.Fuzz(func(t *testing.T, line string) {
		fuzzLine(t, head, line, func(h header, rec []string, n int) error {
			p, err := newCustomerParser(h)
			if err != nil {
				t.Fatal(err)
			}
			c, _, err := p.parse(rec, n)
			if err != nil {
				return err
			}
			if err := c.Validate(); err != nil {
				t.Fatalf("accepted an invalid customer %+v: %v", c, err)
			}
			return nil
		})
	})
}
