package store

import (
	"context"
	"reflect"
	"testing"

	"clientele/model"
)

// TestCustomerProfitAgreesWithTheBook reads each customer of the profit
// fixture alone, as their detail does, and checks the figures are the
// book's, in March and all time: two reads, one set of rules.
func TestCustomerProfitAgreesWithTheBook(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	fx := writeProfitFixture(t, db)
	ctx := context.Background()
	for _, p := range []model.Period{fx.march, model.AllTime()} {
		book, err := db.ProfitBook(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range book.Customers {
			fs, err := db.CustomerProfit(ctx, want.ID, p)
			if err != nil {
				t.Fatal(err)
			}
			got := fs[0]
			// What names them in a list the detail has already.
			got.Ref, got.Segments, got.Archived = want.Ref, want.Segments, want.Archived
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s:\n got %+v\nwant %+v", want.Name, p, got, want)
			}
		}
	}
	// Both periods from one read are each period's alone.
	both, err := db.CustomerProfit(ctx, fx.ann.ID, fx.march, model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range []model.Period{fx.march, model.AllTime()} {
		one, _ := db.CustomerProfit(ctx, fx.ann.ID, p)
		if !reflect.DeepEqual(both[i], one[0]) {
			t.Errorf("%s read with another period:\n got %+v\nwant %+v", p, both[i], one[0])
		}
	}
	if _, err := db.CustomerProfit(ctx, 999, model.AllTime()); err == nil {
		t.Error("a customer who does not exist has figures")
	}
}
