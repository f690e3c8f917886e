package store

import (
	"context"

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
	sp := spanOf(p.From, p.To)
	type read struct {
		query string
		args  []any
	}
	reads := []read{{factsCustomers, nil}, {factsSegments, nil}, {factsValues, nil}, {factsComplaints, []any{lo, hi}},
		{factsNPS, nil}}
	for _, r := range []struct{ query, column string }{{salesQuery(false), "ordered_at"}, {sumsRefunds, "ordered_at"},
		{sumsCosts, "incurred_on"}, {sumsLooseCosts, "c.incurred_on"}} {
		q, args := sp.where(r.query, r.column)
		reads = append(reads, read{q, args})
	}
	for _, r := range reads {
		if err := db.eachRow(ctx, r.query, r.args, func(row) error { return nil }); err != nil {
			return err
		}
	}
	_, err := db.Segments(ctx)
	return err
}
