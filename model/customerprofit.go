package model

import "time"

// One customer's profitability, for their detail: the same rules as the
// Profit book, folded from their own orders and costs.

// ProfitRecord is one of a customer's orders or costs, as FoldProfit
// reads it: an order with its kind and the sums of its lines, or a cost
// with its category.
type ProfitRecord struct {
	On       time.Time
	Order    bool
	Kind     OrderKind // an order's
	Amount   Money     // an order's line total (negative for a refund), or the cost
	Direct   Money     // an order's direct cost
	Category CostCategory
}

// FoldProfit adds records to f's sums: those dated in p to the period's,
// every one to the lifetime sums, and costs of category acquisition to
// Acquisition, apart from the cost to serve.
func FoldProfit(f *ProfitFacts, records []ProfitRecord, p Period) {
	for _, r := range records {
		in := p.Contains(r.On)
		switch {
		case r.Order:
			f.LifetimeRevenue += r.Amount
			f.LifetimeDirectCost += r.Direct
			if !in {
				continue
			}
			f.DirectCost += r.Direct
			if r.Kind == OrderRefund {
				f.RefundOrders++
				f.Refunds += r.Amount
				continue
			}
			f.SaleOrders++
			f.Sales += r.Amount
			if f.FirstSale.IsZero() || r.On.Before(f.FirstSale) {
				f.FirstSale = r.On
			}
			if r.On.After(f.LastSale) {
				f.LastSale = r.On
			}
		case r.Category == CostAcquisition:
			f.Acquisition += r.Amount
			if in {
				f.Costs++
			}
		default:
			f.LifetimeCostToServe += r.Amount
			if in {
				f.Costs++
				f.CostToServe += r.Amount
			}
		}
	}
}

// ProfitOf is one customer's row of a summary: their revenue, profit,
// margin and lifetime profit, recency counted to asOf. Their RFM scores
// need the other buyers and stay 0.
func ProfitOf(f ProfitFacts, asOf time.Time) CustomerProfit { return customerProfit(&f, Day(asOf)) }
