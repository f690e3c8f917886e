package model

import "testing"

func TestImportSummaryString(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s    ImportSummary
		want string
	}{
		{ImportSummary{Format: "online-retail", Orders: 2025, Lines: 42481, Unattributed: 317, Customers: 948, Offerings: 2822},
			"Imported 2,025 orders (42,481 lines, 317 unattributed), 948 customers, 2,822 offerings from online-retail."},
		{ImportSummary{Format: "etsy", Orders: 1, Lines: 1, Customers: 1, Costs: 1, DryRun: true},
			"Would import 1 order (1 line), 1 customer, 1 cost from etsy."},
		{ImportSummary{Format: "customers", Customers: 3, Skipped: 2}, "Imported 3 customers from customers; skipped 2 already imported."},
		{ImportSummary{Format: "orders", Skipped: 4}, "Nothing new in this orders file: its 4 records were already imported."},
		{ImportSummary{Format: "orders"}, "Nothing to import: the orders file has no rows."},
	} {
		if got := c.s.String(); got != c.want {
			t.Errorf("%+v:\n got %s\nwant %s", c.s, got, c.want)
		}
	}
}

func TestDecimalExact(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"0.085": "0.085", "1.250": "", "2.55": "", "3": "", "-0.125": "-0.125", "0.000001": "0.000001"} {
		d, err := ParseDecimal(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Exact(); got != want {
			t.Errorf("Exact(%s) = %q, want %q", in, got, want)
		}
	}
}
