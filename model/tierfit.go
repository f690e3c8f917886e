package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Package tiers: how each tier fares, and who on the lowest tier is ready
// for more — a good fit who orders often.

// TierFit sums one package tier's customers over the period; Tier 0 is the
// customers in none.
type TierFit struct {
	Tier      int
	Name      string
	Customers int
	Buyers    int // with a sale in the period
	Revenue   Money
	Profit    Money
	Margin    float64
	HasMargin bool
}

// Upgrade candidates are on the lowest tier, rated at least upgradeFit,
// and among the frequent buyers: RFM frequency quintile 4 or 5, and at
// least upgradeOrders orders in the period.
const (
	upgradeFit    = 4
	upgradeOrders = 3
)

// tierFit sums every tier (1–3, then none; empty tiers left out) and
// lists the upgrade candidates, the most orders first.
func tierFit(cs []FitCustomer, rows []fitRow, s Settings) ([]TierFit, []int) {
	var sums [Tiers + 1]TierFit
	var orders []int64
	for i := range rows {
		r := &rows[i]
		t := &sums[r.tier]
		t.Customers++
		t.Revenue += r.revenue
		t.Profit += r.profit
		if r.buyer != 0 {
			t.Buyers++
			orders = append(orders, int64(r.orders))
		}
	}
	tiers := tierRows(&sums, s)
	var up []int
	if len(orders) > 0 {
		cuts := quintileCuts(orders)
		for i := range rows {
			r := &rows[i]
			if r.buyer != 0 && r.tier == 1 && r.orders >= upgradeOrders && r.stage != formerStage &&
				quintileOf(int64(r.orders), &cuts) >= 4 && cs[i].Fit >= upgradeFit {
				up = append(up, i)
			}
		}
	}
	slices.SortFunc(up, func(a, b int) int {
		if c := cmp.Or(cmp.Compare(rows[b].orders, rows[a].orders), cmp.Compare(rows[b].profit, rows[a].profit)); c != 0 {
			return c // names only on a tie: cmp.Or would compare them always
		}
		return cmp.Compare(cs[a].Name, cs[b].Name)
	})
	return tiers, up
}

// UpgradeReason says why a customer is an upgrade candidate: "fit 5, 9
// orders in the period".
func UpgradeReason(c FitCustomer) string {
	return fmt.Sprintf("fit %d, %d orders in the period", c.Fit, c.Orders)
}

// tierRows finishes each tier's sums, indexed by tier (0 for none):
// named, with their margin, tiers 1–3 then none, and a tier nobody is on
// left out.
func tierRows(sums *[Tiers + 1]TierFit, s Settings) []TierFit {
	var tiers []TierFit
	for _, t := range []int{1, 2, 3, 0} {
		f := sums[t]
		if f.Customers == 0 {
			continue
		}
		f.Tier, f.Name = t, s.TierName(t)
		if t == 0 {
			f.Name = NoTier
		}
		f.Margin, f.HasMargin = marginOf(f.Profit, f.Revenue)
		tiers = append(tiers, f)
	}
	return tiers
}
