package model

import (
	"testing"
	"time"
)

// TestFingerprintIsStable pins the value of an order's fingerprint: books
// keep it (orders.import_hash) to know a re-imported order unchanged, so
// a fingerprint computed otherwise must come out the same to the bit.
func TestFingerprintIsStable(t *testing.T) {
	t.Parallel()
	o := Order{CustomerID: 17850, OrderedAt: time.Date(2010, 12, 1, 8, 26, 0, 0, time.UTC), Kind: OrderSale,
		Notes: "Country: United Kingdom", Lines: []OrderLine{
			{OfferingID: 1, Description: "WHITE HANGING HEART T-LIGHT HOLDER", Quantity: 6, UnitPrice: 255, Amount: 1530},
			{OfferingID: 2, Description: "CAFÉ « Ünïcode »", Quantity: -3, UnitPrice: 1, UnitPriceExact: "0.085",
				Amount: -26},
			{Description: "", Quantity: 1 << 40, UnitPrice: -7, Amount: 1 << 50},
		}}
	costs := []Cost{{On: time.Date(2011, 1, 2, 0, 0, 0, 0, time.UTC), Category: CostFees, Amount: 35,
		Note: "fee"}}
	for _, c := range []struct {
		costs []Cost
		want  int64
	}{{nil, 8923339078877706365}, {costs, -8204773937296094307}} {
		if got := o.Fingerprint(c.costs); got != c.want {
			t.Errorf("Fingerprint with %d costs = %d, want %d", len(c.costs), got, c.want)
		}
	}
}
