package today

import (
	"clientele/model"
)

// The messages the Today tab sends itself.

// ReviewLoadedMsg carries today's review list; Start marks the load the
// app makes when it opens (Start), which decides the first screen: the
// root opens on Today when the list holds anyone. Seq is the Today tab's
// number for the load it asked for (0 for the app's): several loads can
// be in flight at once (the start, the settings, an action), and only the
// newest may move the cursor on from the entry just acted on.
type ReviewLoadedMsg struct {
	Review model.DailyReview
	Start  bool
	Seq    int
}

// reviewActedMsg reports an action on a review entry (done, snoozed) that
// was saved; the queue reloads and the cursor moves to the next entry.
type reviewActedMsg struct {
	id   int64
	text string // for the status bar
}
