package model

import "context"

// The store interfaces of correcting the book: the history and undo,
// editing and voiding records, duplicates, merging and erasing. Each is
// one call from a screen's command; see store for what each does and the
// errors it returns.

// HistoryStore reads the change history and takes changes back.
type HistoryStore interface {
	// History returns a page of the changes, newest first (HistoryQuery:
	// one customer's, since a time, before an id).
	History(ctx context.Context, q HistoryQuery) ([]Change, error)
	// Change returns one change with every record it touched.
	Change(ctx context.Context, id int64) (ChangeDetail, error)
	// Undo takes back the latest change that stands; Redo the latest
	// undo. ErrNotFound when there is nothing to take back.
	Undo(ctx context.Context) (UndoResult, error)
	Redo(ctx context.Context) (UndoResult, error)
	// UndoChange takes back one chosen change; ErrConflict when a change
	// standing since touched its records.
	UndoChange(ctx context.Context, id int64) (UndoResult, error)
	// UndoLatest takes back the latest standing change of one of actions
	// on a customer's records (Today's u: ActionReviewDone, ActionSnooze).
	UndoLatest(ctx context.Context, customerID int64, actions ...Action) (UndoResult, error)
	// UndoState says what Undo and Redo would take back now; nil for
	// nothing.
	UndoState(ctx context.Context) (undo, redo *Change, err error)
}

// CorrectionStore edits and voids the records entered by mistake.
type CorrectionStore interface {
	// UpdateOrder replaces order o.ID (its customer, date, kind, notes,
	// lines, payment days), keeping its identity.
	UpdateOrder(ctx context.Context, o *Order) error
	Cost(ctx context.Context, id int64) (Cost, error)
	UpdateCost(ctx context.Context, c *Cost) error
	Touch(ctx context.Context, id int64) (Touch, error)
	UpdateTouch(ctx context.Context, t *Touch) error
	Feedback(ctx context.Context, id int64) (FeedbackRow, error)
	UpdateFeedback(ctx context.Context, f *Feedback) error
	// Void voids a record with an optional reason; Restore brings it back.
	Void(ctx context.Context, kind RecordKind, id int64, reason string) error
	Restore(ctx context.Context, kind RecordKind, id int64) error
	// VoidedComplaints lists the voided complaints, for the list's toggle.
	VoidedComplaints(ctx context.Context) ([]Complaint, error)
}

// DuplicateStore finds likely duplicates, merges two customers into one,
// and reads or erases all of one customer.
type DuplicateStore interface {
	// DuplicatesOf lists the customers who may be c, being saved.
	DuplicatesOf(ctx context.Context, c Customer) ([]DuplicateMatch, error)
	// Duplicates lists the book's likely pairs, most certain first, at
	// most limit, and how many there are.
	Duplicates(ctx context.Context, limit int) ([]DuplicatePair, int, error)
	// PlanMerge says what merging other into keep would do, conflicts
	// included; MergeCustomers does it, taking other's value of the
	// conflicting fields in take.
	PlanMerge(ctx context.Context, keep, other int64) (MergePlan, error)
	MergeCustomers(ctx context.Context, keep, other int64, take map[string]bool) (MergePlan, error)
	// CustomerRecord reads everything held about one customer.
	CustomerRecord(ctx context.Context, id int64) (CustomerRecord, error)
	// Erase removes one customer's personal data for good.
	Erase(ctx context.Context, id int64) (EraseResult, error)
}
