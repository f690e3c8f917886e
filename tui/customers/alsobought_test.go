package customers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
	"clientele/store"
	"clientele/tui/tuitest"
)

// alsoBoughtFixture is fixtureStore with other customers' orders beside
// Ada's lavender soap and beeswax candle: of the four with lavender, three
// had rose soap and two a gift box; the one with a candle had wicks.
func alsoBoughtFixture(t *testing.T) *store.DB {
	t.Helper()
	db := tuitest.FixtureStore(t)
	ids := tuitest.IDs(t, db)
	err := db.Load(context.Background(), func(l *store.Loader) error {
		for i, items := range [][]string{
			{"Lavender soap", "Rose soap", "Gift box"},
			{"Lavender soap", "Rose soap"},
			{"Lavender soap", "Rose soap", "Gift box"},
			{"Lavender soap"},
			{"Beeswax candle", "Wicks"},
		} {
			o := model.Order{CustomerID: ids[fmt.Sprintf("Customer %02d", i)], Kind: model.OrderSale,
				OrderedAt: time.Date(2026, 11, 1+i, 10, 0, 0, 0, time.UTC)}
			for _, it := range items {
				o.Lines = append(o.Lines, model.NewLine(it, 1, 500, 100))
			}
			if err := l.Order(&o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// The detail of a customer suggests what others bought with the same
// items: rose soap (3 of the 4 orders with lavender soap, 75%) and the gift
// box (2 of 4); the wicks came once, too few to say anything.
func TestDetailSuggestsWhatOthersAlsoBought(t *testing.T) {
	t.Parallel()
	// 25 lines: at 24 the detail's last line says what is below it.
	d := newDriver(t, alsoBoughtFixture(t), 80, 25)
	d.Keys("2", "enter") // Ada
	tuitest.MustContain(t, d.Screen(), "Also bought",
		"Rose soap", " 75% 3 of 4 orders with Lavender soap", "Gift box", " 50% 2 of 4 orders with Lavender soap")
	if s := d.Screen(); strings.Contains(s, "Wicks") {
		t.Errorf("a co-purchase seen once is suggested:\n%s", s)
	}
	golden.RequireEqual(t, d.Screen())

	d.Keys("esc", "down", "down", "enter") // Chloé, a prospect: nothing bought yet
	tuitest.MustContain(t, d.Screen(), "Chloé Martin", "Suggestions come with their first order.")
}
