package store

import (
	"context"
	"testing"
	"time"

	"clientele/model"
)

// The customer list's rows carry the next follow-up day.
func TestListRowsCarryTheFollowUp(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for _, c := range []model.Customer{{Name: "Ada", NextReview: day}, {Name: "Ben"}} {
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	rows, _, err := db.ListCustomers(ctx, model.CustomerQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || !rows[0].NextReview.Equal(day) || !rows[1].NextReview.IsZero() {
		t.Errorf("rows %+v", rows)
	}
}
