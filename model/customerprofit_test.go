package model

import (
	"testing"
	"time"
)

func TestFoldProfitSplitsThePeriodFromAllTime(t *testing.T) {
	t.Parallel()
	on := func(s string) time.Time { d, _ := time.Parse(DateLayout, s); return d }
	p := CalendarYear(2026)
	records := []ProfitRecord{
		{On: on("2025-12-31"), Order: true, Kind: OrderSale, Amount: 10000, Direct: 4000}, // before the period
		{On: on("2026-01-01"), Order: true, Kind: OrderSale, Amount: 20000, Direct: 8000},
		{On: on("2026-03-05"), Order: true, Kind: OrderSale, Amount: 5000, Direct: 2000},
		{On: on("2026-03-09"), Order: true, Kind: OrderRefund, Amount: -5000, Direct: -2000},
		{On: on("2026-02-01"), Category: CostShipping, Amount: 700},
		{On: on("2025-06-01"), Category: CostTime, Amount: 2500},        // to serve, before the period
		{On: on("2026-01-02"), Category: CostAcquisition, Amount: 1500}, // winning them, not serving them
	}
	f := ProfitFacts{Acquisition: 1000} // the customer's own acquisition cost
	FoldProfit(&f, records, p)

	want := ProfitFacts{Acquisition: 2500, SaleOrders: 2, RefundOrders: 1, Costs: 2, Sales: 25000, Refunds: -5000,
		DirectCost: 8000, CostToServe: 700, FirstSale: on("2026-01-01"), LastSale: on("2026-03-05"),
		LifetimeRevenue: 30000, LifetimeDirectCost: 12000, LifetimeCostToServe: 3200}
	if f.SaleOrders != want.SaleOrders || f.RefundOrders != want.RefundOrders || f.Costs != want.Costs ||
		f.Sales != want.Sales || f.Refunds != want.Refunds || f.DirectCost != want.DirectCost ||
		f.CostToServe != want.CostToServe || !f.FirstSale.Equal(want.FirstSale) || !f.LastSale.Equal(want.LastSale) ||
		f.LifetimeRevenue != want.LifetimeRevenue || f.LifetimeDirectCost != want.LifetimeDirectCost ||
		f.LifetimeCostToServe != want.LifetimeCostToServe || f.Acquisition != want.Acquisition {
		t.Fatalf("folded\n%+v\nwant\n%+v", f, want)
	}

	// Revenue 200.00, profit 200.00 − 80.00 − 7.00 = 113.00; lifetime
	// 300.00 − 120.00 − 32.00 − 25.00 = 123.00; the last sale 5 March is
	// 301 days before the year's end.
	c := ProfitOf(f, p.End(on("2026-11-23")))
	if c.Revenue != 20000 || c.Profit != 11300 || c.LifetimeProfit != 12300 || c.RecencyDays != 301 {
		t.Fatalf("revenue %v, profit %v, lifetime %v, recency %d", c.Revenue, c.Profit, c.LifetimeProfit, c.RecencyDays)
	}
	if !c.HasMargin || c.Margin != 0.565 {
		t.Fatalf("margin %v (%v), want 0.565", c.Margin, c.HasMargin)
	}
}
