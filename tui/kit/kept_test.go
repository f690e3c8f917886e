package kit

import (
	"context"
	"testing"
	"time"

	"clientele/model"
)

// version is a book whose version the test sets.
type version int64

func (v *version) BookVersion(context.Context) (int64, error) { return int64(*v), nil }

func TestKeptComputesOnlyWhenTheKeyMoves(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	p := model.Last12Months(today)
	v := version(1)
	var k, other Kept
	check := func(k *Kept, p model.Period, today time.Time) CheckedMsg {
		t.Helper()
		return k.Check(&v, p, today)().(CheckedMsg)
	}

	first := check(&k, p, today)
	if _, _, ok := other.Checked(first); ok {
		t.Fatal("another screen's check made this one compute")
	}
	_, load, ok := k.Checked(first)
	if !ok {
		t.Fatal("nothing kept, and no computation")
	}
	// Shown again while it computes: the computation under way is the
	// book's.
	if _, _, ok := k.Checked(check(&k, p, today)); ok || !k.Busy() {
		t.Fatal("a second computation of the same key")
	}
	if !k.Done(load, true) || k.Busy() {
		t.Fatal("the computation's answer was dropped")
	}
	if _, _, ok := k.Checked(check(&k, p, today.Add(time.Hour))); ok {
		t.Fatal("computed again later the same day with nothing changed")
	}

	// A change, a new day, a new period: each computes; an older check's
	// answer does not.
	v++
	old := check(&k, p, today)
	if _, _, ok := k.Checked(check(&k, p, today)); !ok {
		t.Fatal("the book changed, and no computation")
	}
	if _, _, ok := k.Checked(old); ok {
		t.Fatal("an older check's answer computed")
	}
	_, load, _ = k.Checked(check(&k, model.AllTime(), today))
	if !k.Done(load, true) {
		t.Fatal("the latest computation's answer was dropped")
	}
	tomorrow := today.AddDate(0, 0, 1)
	if _, _, ok := k.Checked(check(&k, model.AllTime(), tomorrow)); !ok {
		t.Fatal("a new day, and no computation")
	}

	// A failed computation keeps nothing: the next check computes again.
	k = Kept{}
	_, load, _ = k.Checked(check(&k, p, today))
	k.Done(load, false)
	if _, _, ok := k.Checked(check(&k, p, today)); !ok {
		t.Fatal("a failed computation was kept")
	}

	// Forgotten (the settings changed): the computation under way is
	// dropped, and the next check computes.
	k = Kept{}
	_, load, _ = k.Checked(check(&k, p, today))
	k.Forget()
	if k.Done(load, true) {
		t.Fatal("a computation of the settings before was shown")
	}
	if _, _, ok := k.Checked(check(&k, p, today)); !ok {
		t.Fatal("forgotten, and no computation")
	}
}
