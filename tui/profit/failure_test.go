package profit_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"clientele/model"
	"clientele/tui/tuitest"
)

// failingBook is a store whose profit reads fail while fail is set, as a
// book edited past clientele's bounds with the sqlite3 shell fails to add
// up.
type failingBook struct {
	model.Store
	fail atomic.Bool
}

func (s *failingBook) ProfitBook(ctx context.Context, p model.Period) (model.ProfitBook, error) {
	if s.fail.Load() {
		return model.ProfitBook{}, errors.New("the amounts add up to more than clientele can hold; " +
			"`clientele check` names the amounts beyond its limits")
	}
	return s.Store.ProfitBook(ctx, p)
}

// When the period cannot be added up, the tab says so and why, offers r
// and leaves "Adding up…"; r tries again.
func TestProfitSaysWhenItCannotAddUpAndTriesAgain(t *testing.T) {
	t.Parallel()
	s := &failingBook{Store: tuitest.FixtureStore(t)}
	s.fail.Store(true)
	d := newDriver(t, s, 80, 24)
	d.Keys("6")
	screen := d.Screen()
	tuitest.MustLack(t, screen, "Adding up")
	tuitest.MustContain(t, screen, "Could not add up last 12 months", "clientele check", "Press r to try again",
		"r try again")
	d.Keys("p") // another period fails too, and says so
	tuitest.MustContain(t, d.Screen(), "Could not add up year to date")
	s.fail.Store(false)
	d.Keys("r")
	screen = d.Screen()
	tuitest.MustLack(t, screen, "Could not add up", "Adding up", "r try again")
	if !strings.Contains(screen, "Revenue") {
		t.Errorf("after r the figures should show:\n%s", screen)
	}
}
