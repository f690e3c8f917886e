package customers_test

import (
	"context"
	"sync/atomic"
	"testing"

	"clientele/model"
	"clientele/tui/tuitest"
)

// countingStore counts the reads of a customer's timeline: one per load
// of their detail.
type countingStore struct {
	model.Store
	timelines atomic.Int32
}

func (s *countingStore) Timeline(ctx context.Context, id int64, limit int) ([]model.TimelineEntry, error) {
	s.timelines.Add(1)
	return s.Store.Timeline(ctx, id, limit)
}

func (s *countingStore) TimelineWithVoided(ctx context.Context, id int64, limit int) ([]model.TimelineEntry, error) {
	s.timelines.Add(1)
	return s.Store.TimelineWithVoided(ctx, id, limit)
}

// TestSavingFromTheDetailReloadsItOnce: closing a form that saved shows
// the screen under it reloaded once, not once for the close and again
// for a "data changed" sent beside it.
func TestSavingFromTheDetailReloadsItOnce(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	withOfferings(t, db)
	s := &countingStore{Store: db}
	d := newDriver(t, s, 80, 24)
	d.Keys("down", "down", "enter", "o", "lavender soap", "tab")
	before := s.timelines.Load()
	d.Keys("ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved an order of £4.50 for Chloé Martin.", "Chloé Martin")
	if n := s.timelines.Load() - before; n != 1 {
		t.Errorf("saving an order reloaded the detail %d times; want once", n)
	}
}
