package tui

import (
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

// startMsg tells the root which screen to open first: the number of
// customers decides between the list and its welcome panel.
type startMsg struct{ customers int }

// openCustomerMsg asks the root to show a customer's detail on top.
type openCustomerMsg struct{ id int64 }

// pushMsg asks the root to put a screen on top of the stack.
type pushMsg struct{ screen screen }

// popMsg asks the root to close the top screen of the stack.
type popMsg struct{}

// dataChangedMsg tells the visible screens that stored data changed and
// what they show may be stale; they reload in a command.
type dataChangedMsg struct{}

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

// customerSavedMsg reports a customer written by a form.
type customerSavedMsg struct {
	customer model.Customer
	created  bool
}

// saveFailedMsg reports a form whose save failed; the form is shown again
// with everything the user typed.
type saveFailedMsg struct {
	err  error
	form screen
}

// archivedMsg reports a customer archived (or brought back, undo true).
type archivedMsg struct {
	id   int64
	name string
	undo bool
}

// formDataMsg carries what a customer form needs before it opens: the
// customer to edit and the names it checks "referred by" against.
type formDataMsg struct {
	customer model.Customer
	names    []model.CustomerName
	segments []string
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

// feedbackFormDataMsg carries what the feedback form needs.
type feedbackFormDataMsg struct {
	pick      customerPick
	questions []model.SavedQuestion
	offerings []model.Offering
}

// feedbackSavedMsg reports feedback recorded by the form.
type feedbackSavedMsg struct {
	feedback model.Feedback
	customer string // "" for anonymous
}

// feedbackSaveFailedMsg reports a failed save; the form keeps its values.
type feedbackSaveFailedMsg struct{ err error }

// complaintsLoadedMsg carries everything the Complaints screen shows.
type complaintsLoadedMsg struct{ data *complaintData }

// complaintFormDataMsg carries what the complaint form needs.
type complaintFormDataMsg struct {
	complaint model.Complaint // the stored complaint; zero when opening one
	pick      customerPick
	orders    []model.OrderSummary // the customer's recent orders
}

// complaintSavedMsg reports a complaint written by the form.
type complaintSavedMsg struct {
	complaint model.Complaint
	customer  string // their name; "" for none
	created   bool
}

// complaintSaveFailedMsg reports a failed save; the form keeps its values.
type complaintSaveFailedMsg struct{ err error }

// complaintNamesMsg carries customers' names for the complaints on screen.
type complaintNamesMsg struct{ names map[int64]string }

// orderFormDataMsg carries what the order form needs before it opens: the
// customer, the offerings to choose from and, to repeat an order, the
// customer's last one.
type orderFormDataMsg struct {
	customer  model.CustomerName
	offerings []model.Offering
	repeat    *model.Order
}

// orderSavedMsg reports an order written by the order form.
type orderSavedMsg struct {
	order    model.Order
	customer string
}

// costFormDataMsg carries what the cost form needs: the customer, their
// recent orders to attach the cost to, and the order chosen, if any.
type costFormDataMsg struct {
	customer model.CustomerName
	orders   []model.OrderSummary
	orderID  int64
}

// costSavedMsg reports a cost to serve written by the cost form.
type costSavedMsg struct {
	cost     model.Cost
	customer string
}

// offeringsLoadedMsg carries the offerings list.
type offeringsLoadedMsg struct{ offerings []model.Offering }

// offeringSavedMsg reports an offering written by its form or retired.
type offeringSavedMsg struct {
	offering model.Offering
	created  bool
}

// importDoneMsg reports a finished import with what it added.
type importDoneMsg struct{ summary model.ImportSummary }

// importFailedMsg reports an import that wrote nothing, and why.
type importFailedMsg struct{ err error }

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

// reviewFormMsg carries the customer a touch, follow-up or snooze form is
// about, loaded before the form opens.
type reviewFormMsg struct {
	customer model.Customer
	form     reviewForm
}

// daySavedMsg reports a touch, follow-up or snooze saved by a form.
type daySavedMsg struct {
	id   int64
	text string
}

// setupLoadedMsg carries what the Settings tab shows.
type setupLoadedMsg struct {
	settings  model.Settings
	segments  []model.Segment
	questions []model.SavedQuestion
}

// settingsSavedMsg reports the settings form saved.
type settingsSavedMsg struct{}

// segmentFormMsg carries what the segment form needs before it opens: the
// customers it puts in (or takes out of) a segment, who they are in words,
// and the segments to choose from.
type segmentFormMsg struct {
	ids      []int64
	who      string // "Ada Lovelace" or "3 marked customers"
	segments []model.Segment
}

// segmentAssignedMsg reports customers put in, or taken out of, a segment.
type segmentAssignedMsg struct {
	segment string
	asked   int    // customers the form was about
	who     string // their name, when the form was about one customer
	changed int    // of those, how many joined or left
	removed bool
}

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

// segmentEditedMsg reports a segment created, renamed, merged or deleted.
type segmentEditedMsg struct{ text string }

// segmentEditMsg carries what the segment edit form needs: what to do, to
// which segment, and every segment (to merge into).
type segmentEditMsg struct {
	mode     segmentEditMode
	segment  model.Segment
	segments []model.Segment
}

// letGoDataMsg carries what the let-go form shows besides the analysis:
// the minutes of the owner's time the customer took over the period.
type letGoDataMsg struct {
	customer model.FitCustomer
	period   model.Period
}

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

// profitExportedMsg reports the profit summary written to path.
type profitExportedMsg struct {
	path   string
	period string
}
