package store

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"clientele/model"
)

// profitFixture is a small book written by hand: Ann (tier 2,
// two segments) with sales on both edge days of March 2026 and outside
// it, a refund, costs on her and on her orders, acquisition costs; Bob,
// archived, with a March sale; Cat, a prospect with nothing; and the
// unattributed: a sale with no customer, a cost on it and a cost on no
// one.
type profitFixture struct {
	ann, bob, cat model.Customer
	march         model.Period
}

func writeProfitFixture(t *testing.T, db *DB) profitFixture {
	t.Helper()
	at := func(s string) time.Time { return stamp(t, s) }
	var fx profitFixture
	var err error
	if fx.march, err = model.CustomPeriod(at("2026-03-01"), at("2026-03-31")); err != nil {
		t.Fatal(err)
	}
	fx.ann = model.Customer{Name: "Ann", Stage: model.StageCustomer, Tier: 2, AcquisitionCost: 1500,
		RefSource: "etsy", Ref: "A-1", Segments: []string{"wholesale", "Gift buyers"}}
	fx.bob = model.Customer{Name: "Bob", Stage: model.StageFormer, LetGoReason: "moved away",
		ArchivedAt: at("2026-04-02 10:00")}
	fx.cat = model.Customer{Name: "Cat", Stage: model.StageProspect}
	sale := func(customer int64, on string, lines ...model.OrderLine) model.Order {
		return model.Order{CustomerID: customer, OrderedAt: at(on), Kind: model.OrderSale, Lines: lines}
	}
	err = db.Load(context.Background(), func(l *Loader) error {
		for _, c := range []*model.Customer{&fx.ann, &fx.bob, &fx.cat} {
			if err := l.Customer(c); err != nil {
				return err
			}
		}
		ann := fx.ann.ID
		first := sale(ann, "2026-03-01 00:00:00", model.NewLine("Soap", 2, 500, 100), model.NewLine("Dish", 1, 300, 50))
		orders := []model.Order{
			first,
			sale(ann, "2026-03-31 23:59:59", model.NewLine("Candle", 1, 1000, 400)),
			sale(ann, "2026-02-28 23:59:59", model.NewLine("Soap", 1, 700, 0)),
			sale(ann, "2026-04-01 00:00:00", model.NewLine("Soap", 1, 200, 0)),
			{CustomerID: ann, OrderedAt: at("2026-03-15 12:00"), Kind: model.OrderRefund,
				Lines: []model.OrderLine{model.NewLine("Soap", -1, 500, 100)}},
			sale(fx.bob.ID, "2026-03-20 09:00", model.NewLine("Hamper", 1, 2000, 500)),
			sale(0, "2026-03-12 16:30", model.NewLine("Walk-in soap", 1, 400, 100)),
			sale(0, "2026-01-12 16:30", model.NewLine("Walk-in soap", 1, 400, 100)),
		}
		for i := range orders {
			if err := l.Order(&orders[i]); err != nil {
				return err
			}
		}
		annFirst, walkIn, oldWalkIn := orders[0].ID, orders[6].ID, orders[7].ID
		for _, c := range []model.Cost{
			{On: at("2026-03-10"), CustomerID: ann, Category: model.CostShipping, Amount: 250},
			{On: at("2026-03-01"), OrderID: annFirst, Category: model.CostFees, Amount: 45}, // no customer: the order's
			{On: at("2026-03-31"), CustomerID: ann, Category: model.CostTime, Minutes: 30, Amount: 1250},
			{On: at("2026-01-05"), CustomerID: ann, Category: model.CostAcquisition, Amount: 800},
			{On: at("2026-03-05"), CustomerID: ann, Category: model.CostAcquisition, Amount: 200},
			{On: at("2026-04-01"), CustomerID: ann, Category: model.CostShipping, Amount: 999},
			{On: at("2026-02-28"), OrderID: annFirst, Category: model.CostRemedy, Amount: 60},
			{On: at("2026-03-12"), OrderID: walkIn, Category: model.CostShipping, Amount: 30},
			{On: at("2026-03-13"), Category: model.CostOther, Amount: 70},
			{On: at("2026-01-12"), OrderID: oldWalkIn, Category: model.CostShipping, Amount: 35},
			{On: at("2025-12-01"), Category: model.CostAcquisition, Amount: 5000}, // a fair: no one in particular
		} {
			if err := l.Cost(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func TestProfitBookSumsThePeriodAndAllTime(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	fx := writeProfitFixture(t, db)
	book, err := db.ProfitBook(context.Background(), fx.march)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { return stamp(t, s) }
	want := []model.ProfitFacts{
		{ID: fx.ann.ID, Ref: "A-1", Name: "Ann", Stage: model.StageCustomer, Segments: []string{"Gift buyers", "wholesale"},
			Tier: 2, SaleOrders: 2, RefundOrders: 1, Costs: 4,
			Sales: 2300, Refunds: -500, DirectCost: 250 + 400 - 100, CostToServe: 250 + 45 + 1250,
			FirstSale: day("2026-03-01 00:00:00"), LastSale: day("2026-03-31 23:59:59"),
			LifetimeRevenue: 2300 - 500 + 700 + 200, LifetimeDirectCost: 550, LifetimeCostToServe: 250 + 45 + 1250 + 999 + 60,
			Acquisition: 1500 + 800 + 200},
		{ID: fx.bob.ID, Ref: strconv.FormatInt(fx.bob.ID, 10), Name: "Bob", Stage: model.StageFormer, Archived: true, SaleOrders: 1,
			Sales: 2000, DirectCost: 500, FirstSale: day("2026-03-20 09:00"), LastSale: day("2026-03-20 09:00"),
			LifetimeRevenue: 2000, LifetimeDirectCost: 500},
		{ID: fx.cat.ID, Ref: strconv.FormatInt(fx.cat.ID, 10), Name: "Cat", Stage: model.StageProspect},
	}
	if !reflect.DeepEqual(book.Customers, want) {
		t.Errorf("customers\n got %+v\nwant %+v", book.Customers, want)
	}
	un := model.ProfitFacts{SaleOrders: 1, Costs: 2, Sales: 400, DirectCost: 100, CostToServe: 30 + 70,
		FirstSale: day("2026-03-12 16:30"), LastSale: day("2026-03-12 16:30"),
		LifetimeRevenue: 800, LifetimeDirectCost: 200, LifetimeCostToServe: 30 + 70 + 35, Acquisition: 5000}
	if !reflect.DeepEqual(book.Unattributed, un) {
		t.Errorf("unattributed\n got %+v\nwant %+v", book.Unattributed, un)
	}
	months := []model.MonthFacts{{Month: day("2026-03-01"), Revenue: 1800 + 2000 + 400, DirectCost: 550 + 500 + 100,
		CostToServe: 1545 + 100}}
	if !reflect.DeepEqual(book.Months, months) {
		t.Errorf("months\n got %+v\nwant %+v", book.Months, months)
	}
	if book.FirstDay != day("2025-12-01") || book.LastDay != day("2026-04-01") || book.Period != fx.march {
		t.Errorf("first %v, last %v, period %v", book.FirstDay, book.LastDay, book.Period)
	}
	if cat := book.Customers[2]; cat.Active() || !book.Customers[1].Active() {
		t.Error("Cat, who did nothing in March, is active, or Bob, archived but buying, is not")
	}
}

// TestProfitBookReconcilesWithEveryLine checks that the totals of the
// analysis are the sums of every order line and every cost of the period,
// read with plain SQL, for March and for all time (which reads without
// any test of the day).
func TestProfitBookReconcilesWithEveryLine(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	fx := writeProfitFixture(t, db)
	ctx := context.Background()
	for _, p := range []model.Period{fx.march, model.AllTime()} {
		book, err := db.ProfitBook(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := "", "9999-12-31 99"
		if !p.From.IsZero() {
			lo, hi = model.FormatDate(p.From), model.FormatDate(p.To)+" 99"
		}
		var revenue, direct, serve model.Money
		var orders int
		err = db.r.QueryRowContext(ctx, `SELECT coalesce(sum(l.amount), 0), coalesce(sum(l.quantity * l.unit_cost), 0),
			(SELECT count(*) FROM orders WHERE kind = 'sale' AND ordered_at >= ?1 AND ordered_at < ?2),
			(SELECT coalesce(sum(amount), 0) FROM costs WHERE category <> 'acquisition'
				AND incurred_on >= ?1 AND incurred_on < ?2)
			FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.ordered_at >= ?1 AND o.ordered_at < ?2`,
			lo, hi).Scan(&revenue, &direct, &orders, &serve)
		if err != nil {
			t.Fatal(err)
		}
		s := model.AnalyseProfit(book, model.ProfitOptions{Today: fixedNow, Settings: model.DefaultSettings()})
		tt := s.Totals
		if tt.Revenue != revenue || tt.DirectCost != direct || tt.CostToServe != serve || tt.Orders != orders {
			t.Errorf("%s: totals %+v; the lines and costs say revenue %d, direct cost %d, cost to serve %d, %d orders",
				p, tt, revenue, direct, serve, orders)
		}
		var monthly model.MonthFacts
		for _, m := range book.Months {
			monthly.Revenue += m.Revenue
			monthly.DirectCost += m.DirectCost
			monthly.CostToServe += m.CostToServe
		}
		if monthly.Revenue != revenue || monthly.DirectCost != direct || monthly.CostToServe != serve {
			t.Errorf("%s: the months add up to %+v", p, monthly)
		}
	}
}

func TestProfitBookAllTimeIsEveryRecord(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	fx := writeProfitFixture(t, db)
	book, err := db.ProfitBook(context.Background(), model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	ann := book.Customers[0]
	if ann.ID != fx.ann.ID || ann.SaleOrders != 4 || ann.Sales+ann.Refunds != ann.LifetimeRevenue ||
		ann.DirectCost != ann.LifetimeDirectCost || ann.CostToServe != ann.LifetimeCostToServe || ann.Costs != 7 {
		t.Errorf("all time, Ann %+v: the period's sums should be the lifetime ones", ann)
	}
	var months []string
	for _, m := range book.Months {
		months = append(months, m.Month.Format("2006-01"))
	}
	// The first record is the fair of December 2025, the last Ann's
	// April sale: February has no order and is there all the same.
	if want := []string{"2025-12", "2026-01", "2026-02", "2026-03", "2026-04"}; !reflect.DeepEqual(months, want) {
		t.Errorf("months %v, want %v", months, want)
	}
}

func TestProfitBookOfAnEmptyDatabase(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	book, err := db.ProfitBook(context.Background(), model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	if len(book.Customers) != 0 || book.Unattributed.Active() || len(book.Months) != 0 ||
		!book.FirstDay.IsZero() || !book.LastDay.IsZero() {
		t.Errorf("empty book %+v", book)
	}
}

func TestProfitBookWithoutMonthsIsTheBookLessItsMonths(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	fx := writeProfitFixture(t, db)
	ctx := context.Background()
	book, err := db.ProfitBook(ctx, fx.march)
	if err != nil {
		t.Fatal(err)
	}
	lean, err := db.ProfitBookWithoutMonths(ctx, fx.march)
	if err != nil {
		t.Fatal(err)
	}
	if len(book.Months) == 0 || lean.Months != nil {
		t.Fatalf("months %v and %v", book.Months, lean.Months)
	}
	book.Months = nil
	if !reflect.DeepEqual(book, lean) {
		t.Errorf("without months\n got %+v\nwant %+v", lean, book)
	}
}

// The orders of no customer, which only the unattributed row sums, keep
// sums that check compares with their lines and the fix mends, as
// customers' orders do (TestCheckFindsOrderSumsTheLinesDoNotAddUpTo).
func TestCheckFindsSumsOfOrdersOfNoOne(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	writeProfitFixture(t, db)
	ctx := context.Background()
	if err := db.Exec("UPDATE orders SET lines_amount = lines_amount + 1 WHERE customer_id IS NULL"); err != nil {
		t.Fatal(err)
	}
	rep, err := Check(ctx, db.Path())
	if err != nil || rep.OK() || rep.FiguresOff != 1 ||
		!strings.Contains(rep.String(), "2 orders of no customer keep sums their lines do not add up to") {
		t.Fatalf("%v\n%s", err, rep)
	}
	if err := db.FixFigures(ctx); err != nil {
		t.Fatal(err)
	}
	if rep, err := Check(ctx, db.Path()); err != nil || !rep.OK() {
		t.Errorf("after the fix: %v\n%s", err, rep)
	}
}
