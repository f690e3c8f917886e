package model

import (
	"context"
	"time"
)

// BookVersionStore tells whether the book changed.
type BookVersionStore interface {
	// BookVersion returns a number that changes with every change to
	// the data the whole-book analyses read (customers, their segments
	// and values, orders, costs, complaints, feedback, contacts,
	// offerings, settings), made by any program, the sqlite3 shell
	// included. It costs one row read.
	BookVersion(ctx context.Context) (int64, error)
}

// RecordDaysStore tells where the book's records lie in time.
type RecordDaysStore interface {
	// RecordDays returns the days of the first and the last order or
	// cost that stands (not voided); zero when there is none. It costs
	// four index lookups.
	RecordDays(ctx context.Context) (first, last time.Time, err error)
}

// AnalysisKey is what a whole-book analysis (AnalyseFit, AnalyseProfit)
// was computed from besides the rules: the book's version, the period and
// the day. A screen keeps it beside the analysis; while the key it would
// compute now is the Same, the kept analysis is the one it would compute,
// and it shows that instead. The settings are part of the book: saving
// them changes the version.
type AnalysisKey struct {
	Version int64
	Period  Period
	Today   time.Time
}

// KeyOf is the key of an analysis of period p on today at version.
func KeyOf(version int64, p Period, today time.Time) AnalysisKey {
	return AnalysisKey{Version: version, Period: p, Today: Day(today)}
}

// Same reports whether an analysis computed with k is the one o asks for.
func (k AnalysisKey) Same(o AnalysisKey) bool {
	return k.Version == o.Version && k.Period.Same(o.Period) && Day(k.Today).Equal(Day(o.Today))
}
