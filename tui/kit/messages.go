package kit

import (
	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// The messages every part of the interface shares. Commands answer with
// one of these or a message of their area's own; Update never does I/O.

// StatusMsg shows text in the status bar for a few seconds; Err shows it
// as an error, for longer.
type StatusMsg struct {
	Text string
	Err  bool
}

// ErrMsg reports a failed command; the status bar shows it in red, in
// words a person can act on (ErrorText).
type ErrMsg struct{ Err error }

// SettingsLoadedMsg carries the settings read at start or after a save;
// the root keeps them in the Context and passes the message to every
// screen shown.
type SettingsLoadedMsg struct{ Settings model.Settings }

// PushMsg asks the root to build a screen with Open and put it on top of
// the stack (see Push).
type PushMsg struct{ Open func() Screen }

// PopMsg asks the root to close the top screen of the stack; the screen
// under it gets a DataChangedMsg, since what was on top may have changed
// its data, and Then runs once that screen has reloaded (a saved form's
// words in the status line, said when the screen shows what was saved).
type PopMsg struct{ Then tea.Cmd }

// Broadcast is a message every screen on the stack and the tab under them
// sees, not only the one on top: the root passes it to all of them.
type Broadcast interface{ Broadcast() }

// OpenBookMsg asks the root to work on another book from now on: the
// demo business, opened in its own file (Context.OpenDemo). Text says
// what was opened, for the status line.
type OpenBookMsg struct {
	Store model.Store
	Text  string
}

// DataChangedMsg tells the screens shown that stored data changed and
// what they show may be stale; they reload in a command.
type DataChangedMsg struct{}

// Broadcast implements Broadcast.
func (DataChangedMsg) Broadcast() {}

// StageChangedMsg reports a customer moved to another stage (let go, made
// an advocate); u (the book's history) undoes it like any change.
type StageChangedMsg struct {
	Change model.StageChange
}

// Broadcast implements Broadcast: the let-go form has closed by the time
// it lands, and the Segments tab under it reloads and says what happened.
func (StageChangedMsg) Broadcast() {}

// UndoneMsg reports an undo or a redo made (the history's u and U, Today's
// u on an entry, History's u on a change): the root says what it took
// back in the status line and every screen shown reloads, since any
// record may have changed.
type UndoneMsg struct{ Result model.UndoResult }

// SavedMsg reports a form's values written: the form closes (the screen
// under it reloads as it shows again), the status bar says Text, and Then
// runs (a message for the screen under the form, the settings read
// again).
type SavedMsg struct {
	Text string
	Then tea.Cmd
}

// SaveFailedMsg reports a form whose save failed; the form is shown again
// with everything the user typed and why, beside the fields it names.
type SaveFailedMsg struct{ Err error }

// Requests for another area's screen, which the root routes: any screen
// where a customer is selected (the detail, the list, the daily review,
// the Segments and Profit lists) asks for the customer's detail or a form
// about them with one of these.

// OpenCustomerMsg asks for a customer's detail on top.
type OpenCustomerMsg struct{ ID int64 }

// NewOrderMsg asks for a new order for a customer; Repeat prefills it with
// a copy of their last order ("make reordering easy").
type NewOrderMsg struct {
	CustomerID int64
	Repeat     bool
}

// NewCostMsg asks for a cost to serve for a customer, or for one of their
// orders when OrderID is set.
type NewCostMsg struct{ CustomerID, OrderID int64 }

// NewFeedbackMsg asks for the feedback form; CustomerID 0 is anonymous.
type NewFeedbackMsg struct{ CustomerID int64 }

// NewComplaintMsg asks for a new complaint for a customer (0 for none),
// about one of their orders when OrderID is set.
type NewComplaintMsg struct{ CustomerID, OrderID int64 }

// NewTouchMsg asks for the form that logs a contact (channel and a line).
type NewTouchMsg struct{ CustomerID int64 }

// NewMessageMsg asks for a message to a customer from a template: Kind
// is the reason's template ("" lets the owner pick, starting on the
// follow-up).
type NewMessageMsg struct {
	CustomerID int64
	Kind       model.TemplateKind
}

// FollowUpMsg asks for a customer's next follow-up date.
type FollowUpMsg struct{ CustomerID int64 }

// RateFitMsg asks for a customer's fit rating (1–5, one key).
type RateFitMsg struct{ CustomerID int64 }

// HistoryMsg asks for the history of the changes to one customer's
// records.
type HistoryMsg struct{ CustomerID int64 }

// EditRecordMsg asks for the form that corrects one record (an order, a
// cost, a contact, feedback, a complaint), filled with it as stored; each
// kind's form is its area's.
type EditRecordMsg struct {
	Kind model.RecordKind
	ID   int64
}

// ImportMsg asks for the import: a file's path, then what it would do.
type ImportMsg struct{}

// The requests for a form that writes to the book: the root refuses them
// while the book cannot be written (see Book).

// WritesBook implements WriteRequest.
func (NewOrderMsg) WritesBook() {}

// WritesBook implements WriteRequest.
func (NewCostMsg) WritesBook() {}

// WritesBook implements WriteRequest.
func (NewFeedbackMsg) WritesBook() {}

// WritesBook implements WriteRequest.
func (NewComplaintMsg) WritesBook() {}

// WritesBook implements WriteRequest.
func (NewTouchMsg) WritesBook() {}

// WritesBook implements WriteRequest.
func (FollowUpMsg) WritesBook() {}

// WritesBook implements WriteRequest: the message logs the contact.
func (NewMessageMsg) WritesBook() {}

// WritesBook implements WriteRequest.
func (ImportMsg) WritesBook() {}

// WritesBook implements WriteRequest: the rating is saved at once.
func (RateFitMsg) WritesBook() {}

// WritesBook implements WriteRequest: the form corrects the record.
func (EditRecordMsg) WritesBook() {}
