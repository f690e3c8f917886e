package customers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"clientele/tui/tuitest"
)

// E on the detail erases the customer's personal data once their number
// is typed; another number erases nothing. Their figures stay.
func TestEraseAsksForTheCustomersNumber(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	ben := customerNamed(t, db, "Ben Okafor")
	d := newDriver(t, db, 80, 24)
	d.Keys("2", "/", "Ben", "enter", "enter", "E")
	tuitest.MustContain(t, d.Screen(), fmt.Sprintf("This erases the personal data of Ben Okafor (customer %d)", ben.ID),
		fmt.Sprintf("Type %d to erase", ben.ID))
	d.Keys("999999", "enter")
	tuitest.MustContain(t, d.Screen(), "not erased: the number typed was not the customer's")
	if c, err := db.Customer(ctx, ben.ID); err != nil || c.Name != "Ben Okafor" || c.Phone != ben.Phone {
		t.Fatalf("erased on a wrong number: %+v, %v", c, err)
	}
	for range 6 {
		d.Keys("backspace")
	}
	d.Keys(fmt.Sprint(ben.ID), "enter")
	tuitest.MustContain(t, d.Screen(), fmt.Sprintf("Erased the personal data of customer %d", ben.ID))
	c, err := db.Customer(ctx, ben.ID)
	if err != nil || strings.Contains(c.Name, "Ben") || c.Phone != "" || c.Revenue != ben.Revenue || c.Orders != ben.Orders {
		t.Fatalf("after the erasure: %+v, %v (before %+v)", c, err, ben)
	}
	tuitest.MustLack(t, d.Screen(), "Ben Okafor", "555-0142")
}
