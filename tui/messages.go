package tui

import (
	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// Every message the TUI sends itself is declared here. Commands answer
// with one of these; Update never does I/O.

// statusMsg shows text in the status bar for a few seconds.
type statusMsg struct {
	text string
	err  bool
}

// clearStatusMsg clears the status bar if it still shows message id.
type clearStatusMsg struct{ id int }

// errMsg reports a failed command; the status bar shows it in red.
type errMsg struct{ err error }

// settingsLoadedMsg carries the settings read at start or after a save.
type settingsLoadedMsg struct{ settings model.Settings }

// openCustomerMsg asks the root to show a customer's detail on top.
type openCustomerMsg struct{ id int64 }

// pushMsg asks the root to build a screen with open and put it on top of
// the stack.
type pushMsg struct{ open func() screen }

// broadcast is a message every screen on the stack and the tab under them
// sees, not only the one on top: the root passes it to all of them.
type broadcast interface{ broadcast() }

// popMsg asks the root to close the top screen of the stack.
type popMsg struct{}

// dataChangedMsg tells the visible screens that stored data changed and
// what they show may be stale; they reload in a command.
type dataChangedMsg struct{}

func (dataChangedMsg) broadcast() {}

// customersLoadedMsg carries one window of the customer list.
type customersLoadedMsg struct {
	seq    int // the load it answers; older ones are dropped
	offset int
	rows   []model.CustomerRow
	total  int
}

// customerLoadedMsg carries everything the detail screen shows.
type customerLoadedMsg struct {
	customer  model.Customer
	referrer  string // the name of who referred them, "" for nobody
	referrals []model.CustomerRow
	timeline  []model.TimelineEntry
	// What they earned the business over the last 12 months and all time.
	year, ever model.CustomerProfit
}

// savedMsg reports a form's values written: the form closes (the screen
// under it reloads as it shows again), the status bar says text, and then
// runs (a message for the screen under the form, the settings read
// again).
type savedMsg struct {
	text string
	then tea.Cmd
}

// saveFailedMsg reports a form whose save failed; the form is shown again
// with everything the user typed and why, beside the fields it names.
type saveFailedMsg struct{ err error }

// archivedMsg reports a customer archived (or brought back, undo true).
type archivedMsg struct {
	id   int64
	name string
	undo bool
}

// demoLoadedMsg reports the demo business written into an empty database.
type demoLoadedMsg struct{ summary string }

// emptyCheckedMsg says whether the database holds no customer at all.
type emptyCheckedMsg struct{ empty bool }

// Requests to open a form about a customer, sent by any screen where a
// customer is selected (the detail, the list, the daily review). The root
// pushes the form that answers each.

// newOrderMsg opens a new order for a customer; repeat prefills it with a
// copy of their last order ("make reordering easy").
type newOrderMsg struct {
	customerID int64
	repeat     bool
}

// newCostMsg opens a cost to serve for a customer, or for one of their
// orders when orderID is set.
type newCostMsg struct{ customerID, orderID int64 }

// newFeedbackMsg opens the feedback form; customerID 0 is anonymous.
type newFeedbackMsg struct{ customerID int64 }

// newComplaintMsg opens a complaint for a customer, or about one of their
// orders when orderID is set.
type newComplaintMsg struct{ customerID, orderID int64 }

// newTouchMsg opens the form that logs a contact (channel and a line).
type newTouchMsg struct{ customerID int64 }

// followUpMsg asks for a customer's next follow-up date.
type followUpMsg struct{ customerID int64 }

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

// complaintsLoadedMsg carries everything the Complaints screen shows.
type complaintsLoadedMsg struct{ data *complaintData }

// complaintNamesMsg carries customers' names for the complaints on screen.
type complaintNamesMsg struct{ names map[int64]string }

// offeringsLoadedMsg carries the offerings list.
type offeringsLoadedMsg struct{ offerings []model.Offering }

// offeringSavedMsg reports an offering retired or brought back.
type offeringSavedMsg struct{ offering model.Offering }

// reviewLoadedMsg carries today's review list; start marks the load the
// app makes when it opens, which decides the first screen.
type reviewLoadedMsg struct {
	review model.DailyReview
	start  bool
}

// reviewActedMsg reports an action on a review entry (done, snoozed) that
// was saved; the queue reloads and the cursor moves to the next entry.
type reviewActedMsg struct {
	id   int64
	text string // for the status bar
}

// setupLoadedMsg carries what the Settings tab shows.
type setupLoadedMsg struct {
	settings  model.Settings
	segments  []model.Segment
	questions []model.SavedQuestion
}

// segmentAssignedMsg reports customers put in, or taken out of, a segment.
type segmentAssignedMsg struct {
	segment string
	asked   int    // customers the form was about
	who     string // their name, when the form was about one customer
	changed int    // of those, how many joined or left
	removed bool
}

func (segmentAssignedMsg) broadcast() {}

// fitLoadedMsg carries the Segment fit analysis, computed in a command.
type fitLoadedMsg struct {
	seq int // the load it answers; older ones are dropped
	fit *model.SegmentFit
}

// stageChangedMsg reports a customer moved to another stage (let go, made
// an advocate) or, with undo, moved back.
type stageChangedMsg struct {
	change model.StageChange
	undo   bool
}

func (stageChangedMsg) broadcast() {}

// alsoBoughtLoadedMsg carries what to suggest to customer id: what others
// who bought the same items also bought. bought is false when the customer
// has bought nothing yet.
type alsoBoughtLoadedMsg struct {
	id          int64
	suggestions []model.Suggestion
	bought      bool
}

// profitLoadedMsg carries the Profit tab's analysis of one period,
// computed in a command.
type profitLoadedMsg struct {
	seq  int // the load it answers; older ones are dropped
	data *profitData
}

// periodChosenMsg carries the custom period the dates form settled on,
// and the dates as typed, to offer again.
type periodChosenMsg struct {
	period   model.Period
	from, to string
}
