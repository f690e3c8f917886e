package store

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
