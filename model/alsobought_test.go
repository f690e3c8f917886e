package model

import (
	"fmt"
	"strings"
	"testing"
)

func offering(id int64, name string) Item { return Item{OfferingID: id, Name: name} }

// A customer who bought oat soap and a candle. Of the 10 latest orders of
// others with oat soap, 6 had lavender, 3 rose, 4 the candle, 1 a wick; of
// the 4 with the candle, 2 had lavender, 3 rose, 2 balm, and 2 gift wrap
// (a line with no offering). Rose is offered for the candle (3 of 4, 75%)
// rather than for the soap (3 of 10); lavender for the soap (6 of 10, 60%)
// rather than for the candle (2 of 4); balm and gift wrap tie at 2 of 4
// and go by name; the wick (one order) and what they bought are left out.
func TestAlsoBoughtWorkedExample(t *testing.T) {
	t.Parallel()
	oat, candle := offering(1, "Oat soap"), offering(2, "Beeswax candle")
	lavender, rose, wick, balm := offering(3, "Lavender soap"), offering(4, "Rose soap"), offering(5, "Wick"),
		offering(6, "Lip balm")
	wrap := Item{Description: "gift wrap", Name: "gift wrap"}
	co := []CoPurchases{
		{Item: oat, Orders: 10, With: []ItemCount{{oat, 10}, {lavender, 6}, {rose, 3}, {candle, 4}, {wick, 1}}},
		{Item: candle, Orders: 4, With: []ItemCount{{candle, 4}, {lavender, 2}, {rose, 3}, {balm, 2}, {wrap, 2}}},
	}
	got := AlsoBought([]Item{oat, candle}, co, 10)
	var lines []string
	for _, s := range got {
		lines = append(lines, fmt.Sprintf("%s ← %s %d/%d %d%%", s.Item.Name, s.Because.Name, s.Support, s.Orders, s.Percent()))
	}
	want := []string{
		"Rose soap ← Beeswax candle 3/4 75%",
		"Lavender soap ← Oat soap 6/10 60%",
		"gift wrap ← Beeswax candle 2/4 50%",
		"Lip balm ← Beeswax candle 2/4 50%",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("suggestions:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if top := AlsoBought([]Item{oat, candle}, co, 2); len(top) != 2 || top[1].Item != lavender {
		t.Errorf("the first two: %+v", top)
	}
	if none := AlsoBought(nil, nil, 5); len(none) != 0 {
		t.Errorf("nothing bought, suggestions %+v", none)
	}
}

// Equal confidence: the better supported rule wins, for an item and in the
// ranking; equal support too: the reason first by name.
func TestAlsoBoughtTies(t *testing.T) {
	t.Parallel()
	a, b, y, z := offering(1, "Apple soap"), offering(2, "Birch soap"), offering(3, "Yarrow"), offering(4, "Zest")
	co := []CoPurchases{
		{Item: b, Orders: 4, With: []ItemCount{{y, 2}, {z, 2}}}, // 50%, 2 orders
		{Item: a, Orders: 8, With: []ItemCount{{y, 4}, {z, 2}}}, // yarrow 50% on 4 orders; zest 25%
		{Item: z, Orders: 6, With: []ItemCount{{y, 3}, {a, 6}}}, // yarrow 50% on 3; z is not the customer's
		{Item: y, Orders: 2, With: []ItemCount{{z, 1}, {a, 0}}}, // under the minimum
		{Item: a, Orders: 0, With: []ItemCount{{z, 5}, {y, 5}}}, // no orders read: no rule
		{Item: b, Orders: 4, With: []ItemCount{{z, 2}, {y, 0}}}, // the same rule again: no change
		{Item: a, Orders: 4, With: []ItemCount{{z, 2}}},         // zest 50% on 2, as from birch: apple first by name
		{Item: offering(9, "aardvark"), Orders: 4, With: nil},   // no co-purchase at all
		{Item: offering(8, "Zebra"), Orders: 4, With: []ItemCount{}},
	}
	got := AlsoBought([]Item{a, b}, co, 5)
	var lines []string
	for _, s := range got {
		lines = append(lines, fmt.Sprintf("%s ← %s %d/%d", s.Item.Name, s.Because.Name, s.Support, s.Orders))
	}
	want := "Yarrow ← Apple soap 4/8, Zest ← Apple soap 2/4"
	if strings.Join(lines, ", ") != want {
		t.Errorf("got %s, want %s", strings.Join(lines, ", "), want)
	}
}

func TestSuggestionPercent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ support, orders, want int }{
		{1, 3, 33}, {2, 3, 67}, {1, 8, 13}, {3, 8, 38}, {0, 5, 0}, {5, 5, 100}, {1, 0, 0},
	} {
		if got := (Suggestion{Support: tc.support, Orders: tc.orders}).Percent(); got != tc.want {
			t.Errorf("%d of %d: %d%%, want %d%%", tc.support, tc.orders, got, tc.want)
		}
	}
}
