package store

import (
	"context"
	"math"

	"clientele/model"
)

// SetReviewLookahead sets how many due entries past the daily list the
// build counts, for a test, and returns the function that restores it.
func SetReviewLookahead(n int) (restore func()) {
	old := reviewLookahead
	reviewLookahead = n
	return func() { reviewLookahead = old }
}

// SetReviewPages sets the size of the pages streams are read in, for a
// test, and returns the function that restores it.
func SetReviewPages(first, most int) (restore func()) {
	oldFirst, oldMost, oldChunk := reviewPage, reviewPageMax, reviewChunk
	reviewPage, reviewPageMax, reviewChunk = first, most, first
	return func() { reviewPage, reviewPageMax, reviewChunk = oldFirst, oldMost, oldChunk }
}

// Exec runs a statement on the writer, for tests outside the package that
// set up data the API has no method for.
func (db *DB) Exec(query string, args ...any) error {
	_, err := db.w.Exec(query, args...)
	return err
}

// FitReads runs every query the Segments tab reads with, over period p,
// one after another, handing each row over and keeping nothing: what the
// reading costs before any work in Go.
func (db *DB) FitReads(ctx context.Context, p model.Period) error {
	lo, hi := periodDays(p.From, p.To)
	bounds, err := db.readBounds(ctx)
	if err != nil {
		return err
	}
	type read struct {
		query string
		args  []any
	}
	for _, q := range []string{cardsRead, monthsRead} {
		if err := db.eachLine(ctx, q, 0, math.MaxInt64, func(int64, string) error { return nil }); err != nil {
			return err
		}
	}
	reads := []read{{liveByName, nil}, {"SELECT id, name FROM segments ORDER BY name, id", nil},
		{complaintsOpened, []any{lo, hi}}}
	for _, e := range planOf(spanOf(p.From, p.To), bounds.first, bounds.last).edges {
		reads = append(reads, read{edgeOrders, []any{e.lo, e.hi}}, read{edgeCosts, []any{e.lo, e.hi}})
	}
	for _, r := range reads {
		if err := db.eachRow(ctx, r.query, r.args, func(row) error { return nil }); err != nil {
			return err
		}
	}
	_, err = db.Segments(ctx)
	return err
}
