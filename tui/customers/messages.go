package customers

import (
	"os/exec"

	"clientele/model"
)

// The messages the customers area sends itself. Commands answer with one
// of these (or a kit message); Update never does I/O.

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
	unpaid    []model.Order // waiting for their payment, the oldest due first
	// What they earned the business over the period of the figures (the
	// Context's, which the Profit tab picks) and all time.
	period         model.Period
	inPeriod, ever model.CustomerProfit
}

// customerGoneMsg says customer id is no longer in the book (an undo
// took them back, a merge or an erasure): their detail says so.
type customerGoneMsg struct{ id int64 }

// archivedMsg reports a customer archived (or brought back, back true).
type archivedMsg struct {
	id   int64
	name string
	back bool
}

// customerAddedMsg reports a customer added with the customer form: the
// list under the form puts its cursor on them.
type customerAddedMsg struct{ id int64 }

// positionFoundMsg carries the row a customer just added is on (-1: none),
// and whether the filter had to go for the list to show them.
type positionFoundMsg struct {
	pos      int
	unfilter bool
}

// demoFailedMsg reports the demo's file could not be opened or written.
type demoFailedMsg struct{ err error }

// demoLoadedMsg reports the demo business written into an empty database.
type demoLoadedMsg struct{ summary string }

// emptyCheckedMsg says whether the database holds no customer at all.
type emptyCheckedMsg struct{ empty bool }

// offeringsLoadedMsg carries the offerings list.
type offeringsLoadedMsg struct{ offerings []model.Offering }

// offeringSavedMsg reports an offering retired or brought back.
type offeringSavedMsg struct{ offering model.Offering }

// segmentAssignedMsg reports customers put in, or taken out of, a segment.
type segmentAssignedMsg struct {
	segment string
	asked   int    // customers the form was about
	who     string // their name, when the form was about one customer
	changed int    // of those, how many joined or left
	removed bool
}

// Broadcast implements kit.Broadcast: the list under the form clears its
// marks, wherever the form was opened from.
func (segmentAssignedMsg) Broadcast() {}

// alsoBoughtLoadedMsg carries what to suggest to customer id: what others
// who bought the same items also bought. bought is false when the customer
// has bought nothing yet.
type alsoBoughtLoadedMsg struct {
	id          int64
	suggestions []model.Suggestion
	bought      bool
}

// messageLoadedMsg carries what a message is written from: the customer,
// every template, and each template's facts.
type messageLoadedMsg struct {
	customer  model.Customer
	templates []model.Template
	facts     map[model.TemplateKind]model.MessageFacts
}

// draftReadyMsg carries the draft written and the editor to open on it.
type draftReadyMsg struct {
	path string
	cmd  *exec.Cmd
}

// draftEditedMsg reports the editor closed on the draft at path.
type draftEditedMsg struct {
	path string
	err  error
}

// messageHandedMsg reports a message handed over and logged (status), or
// nothing done and why (note); clip is the text for the clipboard.
type messageHandedMsg struct {
	status, note, clip string
}
