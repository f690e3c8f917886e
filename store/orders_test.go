package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"clientele/model"
)

func newCustomer(t *testing.T, db *DB, name string) int64 {
	t.Helper()
	c := model.Customer{Name: name, Stage: model.StageCustomer}
	if err := db.CreateCustomer(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func at(s string) time.Time {
	t, err := model.ParseDateTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCreateOrderRefreshesFigures(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	id := newCustomer(t, db, "Ada")
	sale := model.Order{CustomerID: id, OrderedAt: at("2026-11-01 10:00"), Kind: model.OrderSale,
		Lines: []model.OrderLine{model.NewLine("Soap", 3, 450, 100), model.NewLine("Candle", 1, 1200, 400)}}
	if err := db.CreateOrder(ctx, &sale); err != nil {
		t.Fatal(err)
	}
	if sale.ID == 0 || sale.Lines[1].ID == 0 {
		t.Fatalf("ids not set: %+v", sale)
	}
	refund := model.Order{CustomerID: id, OrderedAt: at("2026-11-05 12:00"), Kind: model.OrderRefund,
		Lines: []model.OrderLine{model.NewLine("Soap", -1, 450, 100)}}
	if err := db.CreateOrder(ctx, &refund); err != nil {
		t.Fatal(err)
	}
	// Each keeps the sums of its lines: 3 × 4.50 + 12.00 at a cost of
	// 3 × 1.00 + 4.00; −4.50 at −1.00.
	wantSums(t, db, sale.ID, 2550, 700)
	wantSums(t, db, refund.ID, -450, -100)
	c, err := db.Customer(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// 3 × 4.50 + 12.00 − 4.50 = 21.00, one sale order, last sale 1 Nov.
	if c.Orders != 1 || c.Revenue != 2100 || model.FormatDate(c.LastOrder) != "2026-11-01" {
		t.Errorf("figures: orders %d revenue %d last %v; want 1, 2100, 2026-11-01", c.Orders, c.Revenue, c.LastOrder)
	}
	last, err := db.LastOrder(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if last.ID != sale.ID || len(last.Lines) != 2 || last.Lines[0].Amount != 1350 || last.Lines[1].UnitCost != 400 {
		t.Errorf("last order %+v, want the sale (the refund is not a sale)", last)
	}
	recent, err := db.RecentOrders(ctx, id, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(recent) != 2 || recent[0].ID != refund.ID || recent[0].Total != -450 || recent[1].Summary != "Soap and 1 more" {
		t.Errorf("recent %+v", recent)
	}
	tl, err := db.Timeline(ctx, id, 10)
	if err != nil || len(tl) != 2 || tl[0].Kind != model.TimelineRefund {
		t.Errorf("timeline %+v %v", tl, err)
	}
}

func TestCreateOrderRefusesBadInput(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	o := model.Order{CustomerID: 42, OrderedAt: at("2026-11-01"), Kind: model.OrderSale,
		Lines: []model.OrderLine{model.NewLine("Soap", 1, 450, 0)}}
	if err := db.CreateOrder(ctx, &o); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing customer: %v, want ErrNotFound", err)
	}
	id := newCustomer(t, db, "Ben")
	bad := model.Order{CustomerID: id, OrderedAt: at("2026-11-01"), Kind: model.OrderRefund,
		Lines: []model.OrderLine{model.NewLine("Soap", 1, 450, 0)}}
	if err := db.CreateOrder(ctx, &bad); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("refund adding revenue: %v, want ErrInvalid", err)
	}
	if _, err := db.LastOrder(ctx, id); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("no orders: %v, want ErrNotFound", err)
	}
	if n, _ := db.CustomerCount(ctx); n != 1 {
		t.Errorf("customers = %d", n)
	}
	var orders int
	db.r.QueryRow("SELECT count(*) FROM orders").Scan(&orders)
	if orders != 0 {
		t.Errorf("%d orders stored after refusals", orders)
	}
}

func TestCreateCostPricesTimeAtHourlyRate(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	s := model.DefaultSettings()
	s.HourlyRate = 3000 // £30 an hour
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	id := newCustomer(t, db, "Ada")
	other := newCustomer(t, db, "Ben")
	o := model.Order{CustomerID: id, OrderedAt: at("2026-11-01 10:00"), Kind: model.OrderSale,
		Lines: []model.OrderLine{model.NewLine("Soap", 1, 450, 0)}}
	if err := db.CreateOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	// 25 minutes at £30/h = £12.50.
	c := model.Cost{On: at("2026-11-02"), CustomerID: id, OrderID: o.ID, Category: model.CostTime, Minutes: 25,
		Note: "wrapping"}
	if err := db.CreateCost(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 || c.Amount != 1250 {
		t.Errorf("time cost = %d (id %d), want 1250", c.Amount, c.ID)
	}
	ship := model.Cost{On: at("2026-11-03"), OrderID: o.ID, Category: model.CostShipping, Amount: 395}
	if err := db.CreateCost(ctx, &ship); err != nil || ship.CustomerID != id {
		t.Errorf("cost on an order: %v, customer %d, want %d", err, ship.CustomerID, id)
	}
	wrong := model.Cost{On: at("2026-11-03"), CustomerID: other, OrderID: o.ID, Category: model.CostOther, Amount: 1}
	if err := db.CreateCost(ctx, &wrong); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("another customer's order: %v, want ErrInvalid", err)
	}
	tl, err := db.Timeline(ctx, id, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(tl) != 3 || tl[0].Kind != model.TimelineCost || tl[0].Amount != -395 ||
		tl[1].Summary != "time 25 min: wrapping (order 1)" {
		t.Errorf("timeline %+v", tl)
	}
}

func TestOfferingSKUConflicts(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	a := model.Offering{SKU: "SOAP-1", Name: "Lavender soap", Price: 450, UnitCost: 120, Active: true, Tier: 1}
	if err := db.CreateOffering(ctx, &a); err != nil {
		t.Fatal(err)
	}
	b := model.Offering{SKU: "SOAP-1", Name: "Rose soap", Price: 450, Active: true}
	err := db.CreateOffering(ctx, &b)
	var fe *model.FieldError
	if !errors.Is(err, model.ErrConflict) || !errors.As(err, &fe) || fe.Field != "sku" {
		t.Errorf("same sku: %v, want ErrConflict on the sku field", err)
	}
	// Two offerings without a SKU are fine.
	for _, name := range []string{"Gift wrap", "Consultation"} {
		o := model.Offering{Name: name, Active: true}
		if err := db.CreateOffering(ctx, &o); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	b.SKU = "SOAP-2"
	if err := db.CreateOffering(ctx, &b); err != nil {
		t.Fatal(err)
	}
	b.SKU = "SOAP-1"
	if err := db.UpdateOffering(ctx, &b); !errors.Is(err, model.ErrConflict) {
		t.Errorf("update to a taken sku: %v", err)
	}
	a.Active, a.Price = false, 500
	if err := db.UpdateOffering(ctx, &a); err != nil {
		t.Fatal(err)
	}
	missing := model.Offering{ID: 99, Name: "x"}
	if err := db.UpdateOffering(ctx, &missing); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
	list, err := db.Offerings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 || list[3].Name != "Lavender soap" || list[3].Active || list[3].Price != 500 || list[0].Kind != model.KindProduct {
		t.Errorf("offerings %+v", list)
	}
}
