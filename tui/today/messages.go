package today

import (
	"clientele/model"
)

// The messages the Today tab sends itself.

// ReviewLoadedMsg carries today's review list; Start marks the load the
// app makes when it opens (Start), which decides the first screen: the
// root opens on Today when the list holds anyone.
type ReviewLoadedMsg struct {
	Review model.DailyReview
	Start  bool
}

// reviewActedMsg reports an action on a review entry (done, snoozed) that
// was saved; the queue reloads and the cursor moves to the next entry.
type reviewActedMsg struct {
	id   int64
	text string // for the status bar
}
