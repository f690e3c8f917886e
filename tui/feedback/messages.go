package feedback

import (
	"clientele/model"
)

// The messages the Feedback tab sends itself.

// feedbackLoadedMsg carries one window of the feedback log and, when the
// whole screen was loaded, the facts above it.
type feedbackLoadedMsg struct {
	seq    int // the load it answers; older ones are dropped
	offset int
	rows   []model.FeedbackRow
	total  int
	facts  *feedbackFacts // nil for a window loaded while scrolling
}

// wishesLoadedMsg carries the wishlist, grouped by theme.
type wishesLoadedMsg struct{ themes []model.WishTheme }

// feedbackStatusMsg reports feedback moved to a status.
type feedbackStatusMsg struct {
	id     int64
	status model.FeedbackStatus
}

// themeSetMsg reports wishes given a theme.
type themeSetMsg struct {
	theme string
	count int
}
