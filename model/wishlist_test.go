package model

import (
	"reflect"
	"testing"
)

func TestThemeKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Gift wrapping", "gift wrapping"},
		{"  gift   WRAPPING!! ", "gift wrapping"},
		{"Gift-wrapping.", "gift wrapping"},
		{"Gift boxes", "gift box"},
		{"gift box", "gift box"},
		{"Candle-making classes", "candle making class"},
		{"a candle making class", "a candle making class"},
		{"Kids' workshops", "kid workshop"},
		{"kid's workshop", "kid workshop"},
		{"Refill berries", "refill berry"},
		{"bus tours", "bus tour"},
		{"soaps & brushes", "soap brush"},
		{"Vegan options?", "vegan option"},
		{"yes", "yes"}, // short words keep their s
		{"analysis", "analysis"},
		{"", ""},
		{"?!", ""},
	}
	for _, tt := range tests {
		if got := ThemeKey(tt.in); got != tt.want {
			t.Errorf("ThemeKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGroupWishes(t *testing.T) {
	t.Parallel()
	wishes := []Wish{
		{ID: 1, On: on("2026-10-01"), CustomerID: 1, Customer: "Ada", Answer: "Gift wrapping"},
		{ID: 2, On: on("2026-10-05"), CustomerID: 2, Customer: "Ben", Answer: "gift wrapping!"},
		{ID: 3, On: on("2026-10-07"), CustomerID: 1, Customer: "Ada", Answer: "Gift  Wrapping"}, // Ada again
		{ID: 4, On: on("2026-09-01"), CustomerID: 3, Customer: "Cleo", Answer: "Candle-making classes"},
		{ID: 5, On: on("2026-11-01"), CustomerID: 0, Answer: "candle making class"}, // anonymous
		{ID: 6, On: on("2026-11-02"), CustomerID: 4, Customer: "Dev", Answer: "Workshops for kids", Theme: "Classes"},
		{ID: 7, On: on("2026-11-03"), CustomerID: 5, Customer: "Eve", Answer: "Soap subscription"},
		{ID: 8, On: on("2026-11-04"), CustomerID: 6, Customer: "Fay", Answer: "classes", Theme: ""}, // joins the owner's "Classes"
		{ID: 9, On: on("2026-11-05"), CustomerID: 7, Customer: "Gus", Answer: "   "},                // nothing said: left out
	}
	got := GroupWishes(wishes)
	type summary struct {
		Label  string
		Owned  bool
		Askers int
		IDs    []int64
	}
	var sum []summary
	for _, g := range got {
		s := summary{Label: g.Label, Owned: g.Owned, Askers: g.Askers}
		for _, w := range g.Wishes {
			s.IDs = append(s.IDs, w.ID)
		}
		sum = append(sum, s)
	}
	want := []summary{
		// Gift wrapping: three wishes from two customers (Ada asked twice),
		// spelt three ways, each once: the newest spelling is the label.
		{"Gift Wrapping", false, 2, []int64{3, 2, 1}},
		// Two askers and two wishes each: the newer latest wish goes first.
		// The owner's theme "Classes" and the answer "classes" are one group.
		{"Classes", true, 2, []int64{8, 6}},
		// One customer and one anonymous wish: two askers.
		{"candle making class", false, 2, []int64{5, 4}},
		{"Soap subscription", false, 1, []int64{7}},
	}
	if !reflect.DeepEqual(sum, want) {
		t.Errorf("groups\n got %+v\nwant %+v", sum, want)
	}
	if !got[0].Latest.Equal(on("2026-10-07")) {
		t.Errorf("latest %v", got[0].Latest)
	}
}

func TestMergingThemes(t *testing.T) {
	t.Parallel()
	wishes := []Wish{
		{ID: 1, On: on("2026-10-01"), CustomerID: 1, Answer: "Gift wrapping"},
		{ID: 2, On: on("2026-10-02"), CustomerID: 2, Answer: "wrap my presents"},
		{ID: 3, On: on("2026-10-03"), CustomerID: 3, Answer: "Gift boxes"},
	}
	themes := GroupWishes(wishes)
	if len(themes) != 3 {
		t.Fatalf("%d themes before merging", len(themes))
	}
	// The owner merges "wrap my presents" and "Gift boxes" into "Gift
	// wrapping": every wish of the merged themes takes the target's label.
	target := themes[0]
	for _, th := range themes {
		if th.Label == "Gift wrapping" {
			target = th
		}
	}
	var others []string
	for _, th := range themes {
		if th.Key != target.Key {
			others = append(others, th.Key)
		}
	}
	ids := WishIDs(themes, others...)
	if len(ids) != 2 {
		t.Fatalf("ids to retheme %v", ids)
	}
	for i := range wishes {
		for _, id := range ids {
			if wishes[i].ID == id {
				wishes[i].Theme = target.Label
			}
		}
	}
	merged := GroupWishes(wishes)
	if len(merged) != 1 || merged[0].Label != "Gift wrapping" || !merged[0].Owned || merged[0].Askers != 3 {
		t.Errorf("after merging: %+v", merged)
	}
}

// A new wish that holds a theme the owner named joins it: "Refill pouches
// for the candles" did not join "refill pouches". A one-word theme takes
// only its own wording, and the longest theme that fits wins.
func TestAWishJoinsTheThemeItsWordsHold(t *testing.T) {
	t.Parallel()
	wishes := []Wish{
		{ID: 1, On: on("2026-10-01"), CustomerID: 1, Answer: "refills", Theme: "Refill pouches"},
		{ID: 2, On: on("2026-10-02"), CustomerID: 2, Answer: "Refill pouches for the candles"},
		{ID: 3, On: on("2026-10-03"), CustomerID: 3, Answer: "Soap", Theme: "Classes"},
		{ID: 4, On: on("2026-10-04"), CustomerID: 4, Answer: "Candle-making classes"},
		{ID: 5, On: on("2026-10-05"), CustomerID: 5, Answer: "x", Theme: "refill pouches for candles"},
		{ID: 6, On: on("2026-10-06"), CustomerID: 6, Answer: "Big refill pouches for candles please"},
		{ID: 7, On: on("2026-10-07"), CustomerID: 7, Answer: "prefill pouches"}, // not the word
	}
	groupOf := map[int64]string{}
	for _, g := range GroupWishes(wishes) {
		for _, w := range g.Wishes {
			groupOf[w.ID] = g.Label
		}
	}
	for id, want := range map[int64]string{1: "Refill pouches", 2: "Refill pouches", 3: "Classes",
		4: "Candle-making classes", 5: "refill pouches for candles", 6: "refill pouches for candles", 7: "prefill pouches"} {
		if groupOf[id] != want {
			t.Errorf("wish %d is in %q, want %q", id, groupOf[id], want)
		}
	}
}
