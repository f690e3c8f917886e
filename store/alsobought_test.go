package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"clientele/model"
)

// coFixture: Ada bought oat soap twice and a candle. Other people's sale
// orders, oldest first: Ben oat + lavender + gift wrap (no offering), Cy
// oat + lavender, an unattributed sale of oat + rose, Cy's refund of oat +
// rose (not a purchase), Di candle + rose, Ada's own oat + rose (hers, so
// not counted), and Cy gift wrap + lavender.
func coFixture(t *testing.T) (*DB, map[string]int64) {
	t.Helper()
	db := openTest(t)
	ids := map[string]int64{}
	err := db.Load(context.Background(), func(l *Loader) error {
		for _, name := range []string{"Oat soap", "Candle", "Lavender soap", "Rose soap"} {
			o := model.Offering{Name: name, Kind: model.KindProduct, Price: 500, Active: true}
			if err := l.Offering(&o); err != nil {
				return err
			}
			ids[name] = o.ID
		}
		for _, name := range []string{"Ada", "Ben", "Cy", "Di"} {
			c := model.Customer{Name: name}
			if err := l.Customer(&c); err != nil {
				return err
			}
			ids[name] = c.ID
		}
		day := 0
		order := func(who string, kind model.OrderKind, items ...string) error {
			day++
			o := model.Order{CustomerID: ids[who], Kind: kind, OrderedAt: time.Date(2026, 10, day, 10, 0, 0, 0, time.UTC)}
			for _, it := range items {
				qty := int64(1)
				if kind == model.OrderRefund {
					qty = -1
				}
				ln := model.NewLine(it, qty, 500, 100)
				ln.OfferingID = ids[it]
				o.Lines = append(o.Lines, ln)
			}
			return l.Order(&o)
		}
		for _, o := range []struct {
			who   string
			kind  model.OrderKind
			items []string
		}{
			{"Ada", model.OrderSale, []string{"Oat soap"}},
			{"Ada", model.OrderSale, []string{"Oat soap", "Candle"}},
			{"Ben", model.OrderSale, []string{"Oat soap", "Lavender soap", "gift wrap"}},
			{"Cy", model.OrderSale, []string{"Oat soap", "Lavender soap"}},
			{"", model.OrderSale, []string{"Oat soap", "Rose soap"}},
			{"Cy", model.OrderRefund, []string{"Oat soap", "Rose soap"}},
			{"Di", model.OrderSale, []string{"Candle", "Rose soap"}},
			{"Ada", model.OrderSale, []string{"Oat soap", "Rose soap"}},
			{"Cy", model.OrderSale, []string{"gift wrap", "Lavender soap"}},
		} {
			if err := order(o.who, o.kind, o.items...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, ids
}

// counts writes co-purchases as "item: orders (with …)".
func counts(co []model.CoPurchases) string {
	var lines []string
	for _, c := range co {
		var with []string
		for _, w := range c.With {
			with = append(with, fmt.Sprintf("%s %d", w.Item.Name, w.Orders))
		}
		lines = append(lines, fmt.Sprintf("%s: %d (%s)", c.Item.Name, c.Orders, strings.Join(with, ", ")))
	}
	return strings.Join(lines, "\n")
}

func TestCoPurchasesCountOthersSales(t *testing.T) {
	t.Parallel()
	db, ids := coFixture(t)
	bought, co, err := db.CoPurchases(context.Background(), ids["Ada"])
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range bought {
		names = append(names, b.Name)
	}
	if got := strings.Join(names, ", "); got != "Oat soap, Rose soap, Candle" {
		t.Errorf("bought %s (the most bought first, then the latest)", got)
	}
	want := strings.Join([]string{
		"Oat soap: 3 (Oat soap 3, Lavender soap 2, Rose soap 1, gift wrap 1)",
		"Rose soap: 2 (Rose soap 2, Candle 1, Oat soap 1)",
		"Candle: 1 (Candle 1, Rose soap 1)",
	}, "\n")
	if got := counts(co); got != want {
		t.Errorf("co-purchases:\n%s\nwant\n%s", got, want)
	}
	// Ben's view: gift wrap is an item of its own, found by its description.
	_, co, err = db.CoPurchases(context.Background(), ids["Ben"])
	if err != nil {
		t.Fatal(err)
	}
	if got := counts(co); !strings.Contains(got, "gift wrap: 1 (Lavender soap 1, gift wrap 1)") ||
		!strings.Contains(got, "Lavender soap: 2 (Lavender soap 2, Oat soap 1, gift wrap 1)") {
		t.Errorf("Ben's co-purchases:\n%s", got)
	}
	// What the detail offers Ada: lavender, for the oat soap (2 of 3).
	_, co, _ = db.CoPurchases(context.Background(), ids["Ada"])
	s := model.AlsoBought(bought, co, 5)
	if len(s) != 1 || s[0].Item.Name != "Lavender soap" || s[0].Because.Name != "Oat soap" || s[0].Percent() != 67 {
		t.Errorf("suggestions for Ada %+v", s)
	}
}

// Only the latest orders with an item are read, and only the items a
// customer bought most.
func TestCoPurchasesReadTheLatestOrders(t *testing.T) {
	t.Parallel()
	db, ids := coFixture(t)
	defer func(items, orders int) { alsoBoughtItems, alsoBoughtOrders = items, orders }(alsoBoughtItems, alsoBoughtOrders)
	alsoBoughtItems, alsoBoughtOrders = 1, 2
	_, co, err := db.CoPurchases(context.Background(), ids["Ada"])
	if err != nil {
		t.Fatal(err)
	}
	// Oat soap's latest two orders by others: the unattributed one (rose)
	// and Cy's (lavender); Ben's is older.
	if got := counts(co); got != "Oat soap: 2 (Oat soap 2, Lavender soap 1, Rose soap 1)" {
		t.Errorf("co-purchases:\n%s", got)
	}
}
