package model

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// The change history: every write to the book is one Change, recorded by
// the store in the same transaction as the write, with what each record
// it touched was before and became. A change can be undone; the undo is a
// change of its own, and undoing that is a redo.

// ChangeKind says where a change came from.
type ChangeKind string

// The change kinds.
const (
	ChangeEdit    ChangeKind = "change"  // a write made in clientele
	ChangeUndo    ChangeKind = "undo"    // an undo of an earlier change
	ChangeRedo    ChangeKind = "redo"    // an undo of an undo
	ChangeOutside ChangeKind = "outside" // an edit made with another program (the sqlite3 shell)
	ChangeErase   ChangeKind = "erase"   // a customer's personal data erased: never undone
)

// Action names what a change did, for the screens that look for one kind
// ("review.done" on Today) and for scripts; What says it in words.
type Action string

// The actions the store records.
const (
	ActionCustomerAdd     Action = "customer.add"
	ActionCustomerEdit    Action = "customer.edit"
	ActionCustomerArchive Action = "customer.archive"
	ActionCustomerStage   Action = "customer.stage"
	ActionCustomerMerge   Action = "customer.merge"
	ActionCustomerErase   Action = "customer.erase"
	ActionOrderAdd        Action = "order.add"
	ActionOrderEdit       Action = "order.edit"
	ActionCostAdd         Action = "cost.add"
	ActionCostEdit        Action = "cost.edit"
	ActionTouchAdd        Action = "touch.add"
	ActionTouchEdit       Action = "touch.edit"
	ActionFeedbackAdd     Action = "feedback.add"
	ActionFeedbackEdit    Action = "feedback.edit"
	ActionComplaintAdd    Action = "complaint.add"
	ActionComplaintEdit   Action = "complaint.edit"
	ActionVoid            Action = "record.void"
	ActionRestore         Action = "record.restore"
	ActionFollowUp        Action = "review.follow-up"
	ActionReviewDone      Action = "review.done"
	ActionSnooze          Action = "review.snooze"
	ActionSegment         Action = "segment.edit"
	ActionOffering        Action = "offering.edit"
	ActionSettings        Action = "settings.edit"
	ActionField           Action = "field.edit"
	ActionTemplate        Action = "template.edit"
	ActionReminder        Action = "reminder.edit"
	ActionOccasion        Action = "occasion.edit"
	ActionPayment         Action = "order.payment"
	ActionImport          Action = "import"
	ActionFixFigures      Action = "figures.fix"
	ActionUndo            Action = "undo"
	ActionRedo            Action = "redo"
	ActionOutside         Action = "outside"
)

// Change is one entry of the history.
type Change struct {
	ID     int64
	At     time.Time
	Kind   ChangeKind
	Action Action
	What   string // in words: "Added an order of £12.00 for Poppy Byrne"
	// Reverses is the change an undo or a redo reversed; 0 for others.
	Reverses int64
	// ReversedBy is the undo (or redo) that reversed this change; 0 while
	// its effect stands.
	ReversedBy int64
	// Records counts the records the change touched, the rows of a bulk
	// change (an import) included.
	Records int
}

// Stands reports whether the change's effect is in the book: it was not
// reversed, and it is not an undo (whose effect is to cancel another).
func (c *Change) Stands() bool { return c.ReversedBy == 0 && c.Kind != ChangeUndo }

// Undoable reports whether Undo may take this change back: it stands and
// it is not an erasure, which is for good.
func (c *Change) Undoable() bool { return c.Stands() && c.Kind != ChangeErase }

// Summary is the change as one line of the history: what, and what became
// of it.
func (c *Change) Summary() string {
	s := c.What
	switch {
	case c.Kind == ChangeUndo && c.ReversedBy != 0:
		s += " (redone)"
	case c.ReversedBy != 0:
		s += " (undone)"
	}
	return s
}

// HistoryQuery selects a page of the history, newest first.
type HistoryQuery struct {
	CustomerID int64     // only the changes that touched this customer's records; 0 for all
	Since      time.Time // only changes made at or after this time; zero for all
	Before     int64     // only changes older than this id (the next page); 0 for the newest
	Limit      int       // at most this many; ≤ 0 means 50
}

// ChangeRecord is one record a change touched: what it was before and
// after, each nil when the record did not exist (added, or removed).
type ChangeRecord struct {
	Table  string
	Key    string // the record's key as JSON: [id], or [customer, segment] …
	Before map[string]any
	After  map[string]any
}

// ChangedFields lists the fields whose value differs between Before and
// After, in name order; every field of the one there is when the record
// was added or removed.
func (r ChangeRecord) ChangedFields() []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range []map[string]any{r.Before, r.After} {
		for k := range m {
			if seen[k] {
				continue
			}
			seen[k] = true
			b, _ := json.Marshal(r.Before[k])
			a, _ := json.Marshal(r.After[k])
			if r.Before == nil || r.After == nil || string(a) != string(b) {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// ChangeRange is a run of records a bulk change (an import) added or
// removed, by key: the records of Table whose Column lies in [Lo, Hi].
type ChangeRange struct {
	Table   string
	Column  string
	Lo, Hi  int64
	Added   bool // the change added them; else it removed them (an undone import)
	Records int
}

// ChangeDetail is one change with every record it touched.
type ChangeDetail struct {
	Change
	Records []ChangeRecord
	Ranges  []ChangeRange
}

// UndoResult is what an undo or a redo did: the change it made and the
// change it reversed, for the status line ("Undone: added an order …").
type UndoResult struct {
	Change   Change // the undo or redo itself
	Reversed Change // the change it took back
}

// Message is the result for a status line: "Undone: added an order of
// 12.00 for Poppy Byrne", "Redone: …".
func (u UndoResult) Message() string {
	verb := "Undone: "
	if u.Change.Kind == ChangeRedo {
		verb = "Redone: "
	}
	return verb + lowerFirst(u.Reversed.Subject())
}

// The words an undo and a redo put before the words of the change they
// reversed.
const (
	UndidPrefix = "Undid: "
	RedidPrefix = "Redid: "
)

// Subject is what a change did in the end, in words: an undo or a redo
// of an undo or a redo … is named by the change at the start of the
// chain.
func (c *Change) Subject() string {
	s := c.What
	for {
		t := strings.TrimPrefix(strings.TrimPrefix(s, UndidPrefix), RedidPrefix)
		if t == s {
			return s
		}
		s = t
	}
}

// lowerFirst lower-cases the first letter of s, so a description can
// follow a verb.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	// A name or an abbreviation keeps its case: only a capital followed by
	// a lower-case letter is lowered ("Added" but not "NPS").
	if len(r) > 1 && strings.ToUpper(string(r[1])) == string(r[1]) {
		return s
	}
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// CustomerRecord is everything the book holds about one customer: what
// `clientele customers show` prints, their right of access.
type CustomerRecord struct {
	Customer   Customer
	Refs       []CustomerRef // the ids imports know them by, besides Customer.Ref
	Orders     []Order       // with their lines, voided ones too
	Costs      []Cost
	Contacts   []Touch
	Feedback   []Feedback
	Complaints []Complaint
	Referred   []CustomerName // the customers they referred
	History    []Change       // the changes that touched their records, newest first
}

// CustomerRef is an id an import knows a customer by.
type CustomerRef struct {
	Source, Ref string
}

// EraseResult is what erasing a customer did.
type EraseResult struct {
	CustomerID int64
	// Scrubbed counts the images and descriptions in the history the
	// customer's text was taken out of.
	Scrubbed int
	// Compacted is set when the file was rewritten with nothing of the
	// old text left in it, its -wal file included; when another program
	// holds the book open, the old pages may stay in the -wal file until
	// it closes, and the erasure says so.
	Compacted bool
}
