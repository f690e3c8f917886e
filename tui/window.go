package tui

// Lists too long to hold in memory (the customer list, the feedback log)
// keep a window of rows loaded around the cursor; these say when the
// window no longer covers the screen and where the next one starts.

// needsWindow reports whether the rows on screen, or the next screenful
// either way, fall outside the loaded window [offset, offset+n).
func (t *table) needsWindow(offset, n int) bool {
	from, to := t.Visible()
	margin := to - from
	end := offset + n
	needLow := from < offset || (from-margin < offset && offset > 0)
	needHigh := to > end || (to+margin > end && end < t.Len())
	return needLow || needHigh
}

// windowStart is where a new window starts: a third of a window above the
// top row on screen, so scrolling either way seldom waits.
func (t *table) windowStart() int {
	from, _ := t.Visible()
	return max(0, from-windowRows/3)
}
