package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"clientele/model"
)

func TestDuplicatesOfACustomerBeingSaved(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	for _, c := range []model.Customer{
		{Name: "Poppy Byrne", Email: "poppy@example.com", Phone: "07700 900123"},
		{Name: "Ivo Marsh", Email: "ivo@example.com", Country: "IE"},
		{Name: "Byrne, Poppy", Country: "UK"},
		{Name: "Popy Byrne"},
		{Name: "Ann Lee", Country: "IE"},
	} {
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.DuplicatesOf(ctx, model.Customer{Name: "poppy BYRNE", Email: "POPPY@example.com ",
		Phone: "+44 7700 900 123"})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, m := range got {
		lines = append(lines, fmt.Sprintf("%d %s: %s", m.Customer.ID, m.Customer.Name, m.ReasonText()))
	}
	want := []string{"1 Poppy Byrne: same email, same phone, same name and country",
		"3 Byrne, Poppy: same name and country", "4 Popy Byrne: names one letter apart"}
	if !slices.Equal(lines, want) {
		t.Errorf("matches:\n%q\nwant\n%q", lines, want)
	}
	// Saving a customer finds others, never themselves.
	c, _ := db.Customer(ctx, 2)
	if got, _ := db.DuplicatesOf(ctx, c); len(got) != 0 {
		t.Errorf("Ivo Marsh matched %+v", got)
	}
	if got, _ := db.DuplicatesOf(ctx, model.Customer{Name: "Ann Lee", Country: "UK"}); len(got) != 0 {
		t.Errorf("the same name in another country matched %+v", got)
	}
}

// TestDuplicatesOfTheBookAreEveryPairTheRulesFind compares the whole
// book's pairs with every pair of customers judged one by one.
func TestDuplicatesOfTheBookAreEveryPairTheRulesFind(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 7))
	first := []string{"Poppy", "Ivo", "Émile", "Ada", "Bea", "Catherine", "Jon", "John", "Ann", "Anne"}
	last := []string{"Byrne", "Marsh", "Roux", "Quint", "Lund", "Orr", "Fay", "Byrnes", "Smith", "Smyth"}
	typo := func(s string) string {
		r := []rune(s)
		i := rng.IntN(len(r))
		switch rng.IntN(3) {
		case 0:
			return string(append(r[:i:i], r[i+1:]...))
		case 1:
			if i+1 < len(r) {
				r[i], r[i+1] = r[i+1], r[i]
			}
			return string(r)
		}
		return string(r[:i]) + "x" + string(r[i:])
	}
	err := db.Load(ctx, func(l *Loader) error {
		for i := range 300 {
			c := model.Customer{Name: first[rng.IntN(len(first))] + " " + last[rng.IntN(len(last))],
				Country: []string{"", "UK", "IE"}[rng.IntN(3)]}
			if rng.IntN(4) == 0 {
				c.Name = typo(c.Name)
			}
			if rng.IntN(5) == 0 {
				c.Email = fmt.Sprintf("shared%d@example.com", rng.IntN(30))
			}
			if rng.IntN(5) == 0 {
				c.Phone = fmt.Sprintf("0770 900 %03d", rng.IntN(40))
			}
			c.Notes = fmt.Sprint(i)
			if err := l.Customer(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pairs, total, err := db.Duplicates(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []model.DuplicateKeys
	err = db.eachRow(ctx, "SELECT "+dupColumns+" FROM customers ORDER BY id", nil, func(r row) error {
		keys = append(keys, model.DuplicateKeys{ID: r.int(0), Name: r.text(1), Email: r.text(2), Phone: r.text(3),
			NameKey: r.text(4), Country: r.text(5)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []model.DuplicatePair
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if p, ok := model.NewDuplicatePair(keys[i], keys[j]); ok {
				want = append(want, p)
			}
		}
	}
	slices.SortFunc(want, model.CompareDuplicates)
	if total != len(want) || len(pairs) != len(want) {
		t.Fatalf("%d pairs (total %d), judged one by one %d", len(pairs), total, len(want))
	}
	for i := range want {
		if pairs[i].A.ID != want[i].A.ID || pairs[i].B.ID != want[i].B.ID || !slices.Equal(pairs[i].Reasons, want[i].Reasons) {
			t.Fatalf("pair %d: %+v, want %+v", i, pairs[i], want[i])
		}
	}
	if some, n, _ := db.Duplicates(ctx, 10); len(some) != 10 || n != total {
		t.Errorf("a page of 10: %d of %d", len(some), n)
	}
}
