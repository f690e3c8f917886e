package model

import (
	"context"
	"time"
)

// CustomerSort is an order the customer list can be sorted in.
type CustomerSort int

// The customer list's sort orders, in the order `s` cycles through them.
const (
	SortByName      CustomerSort = iota // A to Z
	SortByLastOrder                     // most recent first
	SortByRevenue                       // highest first
	SortByOrders                        // most first
	SortByFit                           // best first
	SortByStage                         // prospect, customer, advocate, former
	sortCount
)

// Next returns the sort after s, wrapping around.
func (s CustomerSort) Next() CustomerSort { return (s + 1) % sortCount }

// String names the sort for the list header.
func (s CustomerSort) String() string {
	switch s {
	case SortByLastOrder:
		return "last order"
	case SortByRevenue:
		return "revenue"
	case SortByOrders:
		return "orders"
	case SortByFit:
		return "fit"
	case SortByStage:
		return "stage"
	}
	return "name"
}

// CustomerQuery selects a page of the customer list.
type CustomerQuery struct {
	Filter   string // words that must all appear in name, email, phone, company, notes or segments
	Sort     CustomerSort
	Archived bool // include archived customers
	Offset   int
	Limit    int
}

// CustomerRow is one row of the customer list: just what the list shows.
type CustomerRow struct {
	ID        int64
	Name      string
	Stage     Stage
	Segments  string // comma-separated names
	LastOrder time.Time
	Orders    int
	Revenue   Money
	Fit       int
	Archived  bool
	// NextReview is the next follow-up day the owner set; zero for none.
	NextReview time.Time
}

// ContactQuery selects the customers an export of contacts writes: not
// archived, by name.
type ContactQuery struct {
	// Segment, when set, keeps the members of the segment of that name
	// (any case); a name no segment has is ErrNotFound, naming those there
	// are.
	Segment string
	// Consented, when set, keeps those who consented to marketing by it.
	Consented ConsentChannel
}

// CustomerName is a customer's id and name, for pickers.
type CustomerName struct {
	ID   int64
	Name string
}

// CustomerStore keeps customers. Methods return ErrNotFound for a missing
// id, a FieldError (ErrInvalid) for a bad field, and ErrConflict when the
// write clashes with stored data.
type CustomerStore interface {
	// Customer returns one customer with their segments and values.
	Customer(ctx context.Context, id int64) (Customer, error)
	// CreateCustomer validates c, stores it and sets c.ID.
	CreateCustomer(ctx context.Context, c *Customer) error
	// UpdateCustomer validates c and replaces the stored customer,
	// segments and values included.
	UpdateCustomer(ctx context.Context, c *Customer) error
	// ArchiveCustomer hides a customer from lists; UnarchiveCustomer undoes it.
	ArchiveCustomer(ctx context.Context, id int64) error
	UnarchiveCustomer(ctx context.Context, id int64) error
	// ListCustomers returns one page of the list and the number of rows the
	// query matches in all.
	ListCustomers(ctx context.Context, q CustomerQuery) (rows []CustomerRow, total int, err error)
	// CustomerPosition returns the row customer id is on in the list q
	// reads (from 0; Offset and Limit are ignored), or -1 when q does not
	// list them.
	CustomerPosition(ctx context.Context, q CustomerQuery, id int64) (int, error)
	// Referrals returns the customers id referred.
	Referrals(ctx context.Context, id int64) ([]CustomerRow, error)
	// CustomerCount counts all customers, archived ones included.
	CustomerCount(ctx context.Context) (int, error)
	// CustomerNames lists every customer's id and name, by name.
	CustomerNames(ctx context.Context) ([]CustomerName, error)
	// CustomerNamesByID returns the names of the customers ids, for lists
	// that show a few of many rows; ids with no customer are left out.
	CustomerNamesByID(ctx context.Context, ids []int64) (map[int64]string, error)
}

// SegmentStore keeps segments and who is in them. Every write keeps the
// members' filter text current, so the list's filter finds a renamed or
// merged segment at once. A name another segment already has (in any
// case) is ErrConflict; a missing id is ErrNotFound.
type SegmentStore interface {
	// Segments lists every segment with its member count, by name.
	Segments(ctx context.Context) ([]Segment, error)
	// CreateSegment validates s, stores it and sets s.ID.
	CreateSegment(ctx context.Context, s *Segment) error
	// RenameSegment gives segment id a new name.
	RenameSegment(ctx context.Context, id int64, name string) error
	// MergeSegments moves every member of segment from into segment into
	// and deletes from, in one transaction; it returns how many customers
	// joined into (members of both count once).
	MergeSegments(ctx context.Context, from, into int64) (joined int, err error)
	// DeleteSegment deletes a segment; its customers stay, out of it.
	DeleteSegment(ctx context.Context, id int64) error
	// AddToSegment puts the customers in the segment called name (any
	// case), creating it when there is none; it returns the segment and
	// how many customers joined (members already in it do not count).
	AddToSegment(ctx context.Context, name string, ids []int64) (seg Segment, joined int, err error)
	// RemoveFromSegment takes the customers out of segment id and returns
	// how many were in it.
	RemoveFromSegment(ctx context.Context, id int64, ids []int64) (left int, err error)
	// SegmentNames lists every segment's id and name, by name, without
	// counting members: for pickers and filters.
	SegmentNames(ctx context.Context) ([]Segment, error)
}

// SettingsStore keeps the settings.
type SettingsStore interface {
	Settings(ctx context.Context) (Settings, error)
	SaveSettings(ctx context.Context, s Settings) error
}

// TimelineKind says what a timeline entry records.
type TimelineKind string

// The timeline kinds.
const (
	TimelineOrder     TimelineKind = "order"
	TimelineRefund    TimelineKind = "refund"
	TimelineCost      TimelineKind = "cost"
	TimelineFeedback  TimelineKind = "feedback"
	TimelineComplaint TimelineKind = "complaint"
	TimelineTouch     TimelineKind = "touch"
)

// TimelineEntry is one event in a customer's history.
type TimelineEntry struct {
	At        time.Time
	Kind      TimelineKind
	ID        int64 // the order, cost, feedback, complaint or touch
	Summary   string
	Amount    Money
	HasAmount bool
	Void      // set on a voided entry (TimelineWithVoided lists them)
}

// TimelineStore reads a customer's history.
type TimelineStore interface {
	// Timeline returns the customer's newest entries first, at most limit,
	// voided ones left out.
	Timeline(ctx context.Context, customerID int64, limit int) ([]TimelineEntry, error)
	// TimelineWithVoided is Timeline with the voided entries too, each
	// marked with when and why it was voided.
	TimelineWithVoided(ctx context.Context, customerID int64, limit int) ([]TimelineEntry, error)
}

// FeedbackStore keeps feedback and the wishlist themes (the saved
// questions are the SetupStore's). Writes return a FieldError
// (ErrInvalid) for a bad field and ErrNotFound for a missing id.
type FeedbackStore interface {
	// CreateFeedback validates f, stores it, sets f.ID, and saves its
	// question among the saved questions if it is new.
	CreateFeedback(ctx context.Context, f *Feedback) error
	// ListFeedback returns one page of the log, newest first, and the
	// number of entries the query matches in all.
	ListFeedback(ctx context.Context, q FeedbackQuery) (rows []FeedbackRow, total int, err error)
	// SetFeedbackStatus moves feedback to status (see Feedback.SetStatus),
	// dated on the store's clock.
	SetFeedbackStatus(ctx context.Context, id int64, status FeedbackStatus) error
	// NPSCounts returns the NPS answers counted by day and score, overall
	// and per segment of the customers who gave them.
	NPSCounts(ctx context.Context) (overall, bySegment []NPSCount, err error)
	// NPSPerCustomer tallies each customer's NPS answers received in
	// period p; a zero end is open.
	NPSPerCustomer(ctx context.Context, p Period) (map[int64]NPS, error)
	// PromoterSuggestions lists customers whose latest NPS answer makes
	// them an advocate candidate (AdvocateCandidate), newest answer
	// first, at most limit, and how many there are in all.
	PromoterSuggestions(ctx context.Context, limit int) ([]PromoterSuggestion, int, error)
	// UnansweredDetractors counts detractors nobody replied to.
	UnansweredDetractors(ctx context.Context) (int, error)
	// Wishes returns every wish, newest first.
	Wishes(ctx context.Context) ([]Wish, error)
	// SetWishTheme gives the wishes ids the theme ("" clears it).
	SetWishTheme(ctx context.Context, theme string, ids ...int64) error
	// EachFeedback calls fn with every entry of the log, newest first,
	// for exports; it stops at fn's first error.
	EachFeedback(ctx context.Context, fn func(FeedbackRow) error) error
}

// ComplaintStore keeps complaints. A complaint's remedy cost lives in the
// costs table as category remedy linked to the complaint, written in the
// same transaction as the complaint, so profit reflects it.
type ComplaintStore interface {
	// Complaint returns one complaint, its remedy cost summed from its
	// remedy cost rows.
	Complaint(ctx context.Context, id int64) (Complaint, error)
	// CreateComplaint validates c, stores it with its remedy cost and sets
	// c.ID.
	CreateComplaint(ctx context.Context, c *Complaint) error
	// UpdateComplaint validates c and replaces the stored complaint,
	// bringing its remedy cost rows to c.RemedyCost.
	UpdateComplaint(ctx context.Context, c *Complaint) error
	// ListComplaints returns every complaint, in no particular order, with
	// the fields the complaints list reads: its dates, customer, category,
	// severity, status, guarantee and what went wrong. The other texts and
	// the remedy cost are left empty: Complaint reads them.
	ListComplaints(ctx context.Context) ([]Complaint, error)
	// LastComplaints returns the n newest complaints (by opening day, then
	// id) in full, newest first.
	LastComplaints(ctx context.Context, n int) ([]Complaint, error)
	// LastSales returns the latest sale of every customer whose latest
	// sale falls on or after since, by customer id: what the recovery
	// rate asks of customers whose complaints closed since then.
	LastSales(ctx context.Context, since time.Time) (map[int64]time.Time, error)
	// ComplaintsPerCustomer counts each customer's complaints opened in
	// period p; a zero end is open.
	ComplaintsPerCustomer(ctx context.Context, p Period) (map[int64]ComplaintCount, error)
}

// ReviewStore reads the daily review and records what the owner did about
// it: touches, follow-up dates and snoozes.
type ReviewStore interface {
	// Review builds the whole review queue for today (see ReviewQueue):
	// every customer due, which at scale takes long; for scripts.
	Review(ctx context.Context, today time.Time) ([]ReviewEntry, error)
	// DailyReview builds today's list: the first limit entries of the
	// queue (the settings' ReviewSize when limit ≤ 0), read from the most
	// urgent end, and how many more are due.
	DailyReview(ctx context.Context, today time.Time, limit int) (DailyReview, error)
	// AddTouch validates t, stores it and sets t.ID.
	AddTouch(ctx context.Context, t *Touch) error
	// SetFollowUp sets a customer's next follow-up day; zero clears it.
	SetFollowUp(ctx context.Context, customerID int64, day time.Time) error
	// Snooze hides a customer from the review until a day; zero wakes them.
	Snooze(ctx context.Context, customerID int64, until time.Time) error
}

// SetupStore keeps what the settings screen edits beside the settings:
// saved feedback questions and segment cadences.
type SetupStore interface {
	SavedQuestions(ctx context.Context) ([]SavedQuestion, error)
	AddSavedQuestion(ctx context.Context, text string) error
	DeleteSavedQuestion(ctx context.Context, id int64) error
	// SetSegmentCadences sets stay-in-touch cadences (days, 0 for none) by segment id.
	SetSegmentCadences(ctx context.Context, cadences map[int64]int) error
}

// StageChange is a customer moved from one stage to another, with what
// the let-go reason was and became, so that it can be undone.
type StageChange struct {
	ID                 int64
	Name               string
	From, To           Stage
	FromReason, Reason string
}

// FitStore reads what the Segment fit analysis weighs and moves customers
// between stages from it.
type FitStore interface {
	// FitBook reads every customer not archived, in the list's order (by
	// name), with what the fit analysis weighs: segments, values, fit
	// rating, referrer, complaints opened in period p, latest NPS answer,
	// last activity, and their figures "in the period" (sale orders,
	// revenue, direct cost, cost to serve, profit) over p as the
	// profitability rules define them.
	FitBook(ctx context.Context, p Period) ([]FitCustomer, error)
	// TimeSpent sums the minutes of time logged for a customer in period
	// p.
	TimeSpent(ctx context.Context, customerID int64, p Period) (int, error)
	// SetStage moves a customer to stage, keeping reason as their let-go
	// reason (cleared when reason is empty and stage is not former), and
	// returns the change; ErrNotFound for a missing id, ErrInvalid for a
	// let go without a reason.
	SetStage(ctx context.Context, id int64, stage Stage, reason string) (StageChange, error)
}

// ReminderStore keeps reminders and occasions one at a time (the
// customer form saves them all with UpdateCustomer). Deletes return what
// they deleted, so that saving it again (its id cleared) undoes them.
type ReminderStore interface {
	// SaveReminder stores r: new when r.ID is 0, else replacing the
	// customer's reminder r.ID; r.Due is read back.
	SaveReminder(ctx context.Context, r *Reminder) error
	DeleteReminder(ctx context.Context, id int64) (Reminder, error)
	// SaveOccasion stores o: new when o.ID is 0, else replacing it.
	SaveOccasion(ctx context.Context, o *Occasion) error
	DeleteOccasion(ctx context.Context, id int64) (Occasion, error)
}

// CustomFieldStore keeps the owner's custom fields and customers' values
// one at a time (the customer form saves them with UpdateCustomer).
type CustomFieldStore interface {
	// CustomFields lists the definitions, in their order.
	CustomFields(ctx context.Context) ([]CustomField, error)
	// SaveCustomField stores f: new when f.ID is 0, else changing it (a
	// kind or choices the stored values would not fit is ErrInvalid).
	SaveCustomField(ctx context.Context, f *CustomField) error
	// DeleteCustomField deletes a field and every value of it.
	DeleteCustomField(ctx context.Context, id int64) error
	// SetFieldValue sets one customer's value ("" clears it) and returns
	// the value before, for undo.
	SetFieldValue(ctx context.Context, customerID, fieldID int64, value string) (was string, err error)
	// OrderFields lists the fields shown when taking an order, with the
	// customer's values ("" for none).
	OrderFields(ctx context.Context, customerID int64) ([]FieldValue, error)
}

// PaymentStore keeps which orders are billed for later and paid.
type PaymentStore interface {
	// SetPaid marks an order billed for later paid on day (zero: unpaid
	// again) and returns the day it was paid before, for undo.
	SetPaid(ctx context.Context, orderID int64, day time.Time) (was time.Time, err error)
	// SetPaymentDue bills an order for later, due on day (zero: paid when
	// made), and returns the due day before.
	SetPaymentDue(ctx context.Context, orderID int64, day time.Time) (was time.Time, err error)
	// UnpaidOrders lists a customer's orders waiting for payment (0: all
	// customers'), the oldest due first.
	UnpaidOrders(ctx context.Context, customerID int64) ([]Order, error)
}

// OutreachStore keeps the message templates and logs the messages the
// owner sends from them; composing a message is pure (Render, TargetFor)
// over what MessageFacts reads.
type OutreachStore interface {
	// Templates returns every kind's template, the owner's or the default.
	Templates(ctx context.Context) ([]Template, error)
	// SaveTemplate keeps t as its kind's template and returns the one it
	// replaced; ResetTemplate goes back to the default.
	SaveTemplate(ctx context.Context, t Template) (was Template, err error)
	ResetTemplate(ctx context.Context, kind TemplateKind) (was Template, err error)
	// MessageFacts reads what a template of kind is filled with for a
	// customer as at today.
	MessageFacts(ctx context.Context, customerID int64, kind TemplateKind, today time.Time) (MessageFacts, error)
	// LogMessage records the message as a contact by channel, with the
	// template's name; DeleteTouch undoes it.
	LogMessage(ctx context.Context, customerID int64, ch Channel, m Message) (Touch, error)
	DeleteTouch(ctx context.Context, id int64) (Touch, error)
}

// BookStore says what state the book's file is in: whether it can be
// written and, when it cannot, why. The TUI reads it at start and shows it,
// and refuses every write key with the reason before any write is tried.
type BookStore interface {
	// Path is the book's file.
	Path() string
	// ReadOnly returns why the book cannot be written (an error matching
	// ErrReadOnly whose text gives the reason), or nil when it can. It does
	// no I/O: the reason was found when the book was opened.
	ReadOnly() error
	// Health runs SQLite's quick check of the whole file once, in the
	// background, and waits for its verdict: nil for a sound file, an
	// error matching ErrDamaged (its text says how to recover) for a
	// damaged one. Every write waits for it; it takes about a second at
	// 100,000 customers.
	Health(ctx context.Context) error
}

// Store is everything the TUI and the commands need: every narrow store
// above, which each screen and command takes only the parts of that it
// uses.
type Store interface {
	BookStore
	CustomerStore
	SegmentStore
	FitStore
	SettingsStore
	TimelineStore
	FeedbackStore
	ComplaintStore
	OfferingStore
	OrderStore
	CostStore
	ReviewStore
	SetupStore
	AlsoBoughtStore
	ProfitStore
	ReminderStore
	CustomFieldStore
	PaymentStore
	OutreachStore
	HistoryStore
	CorrectionStore
	DuplicateStore
	BookVersionStore
	RecordDaysStore
}

// OfferingStore keeps the products and services on sale.
type OfferingStore interface {
	// Offerings lists every offering, active ones first, then by name.
	Offerings(ctx context.Context) ([]Offering, error)
	// CreateOffering validates o, stores it and sets o.ID; a SKU already
	// taken is ErrConflict.
	CreateOffering(ctx context.Context, o *Offering) error
	// UpdateOffering validates o and replaces the stored offering;
	// ErrNotFound for a missing id, ErrConflict for a SKU already taken.
	UpdateOffering(ctx context.Context, o *Offering) error
}

// OrderSummary is one order in a short list: when, what kind, how much.
type OrderSummary struct {
	ID        int64
	OrderedAt time.Time
	Kind      OrderKind
	Lines     int
	Total     Money
	Summary   string // the first line's description, and how many more
	// PaymentDue and PaidOn: see Order. An unpaid order shows its due day.
	PaymentDue time.Time
	PaidOn     time.Time
}

// OrderStore keeps orders and their lines.
type OrderStore interface {
	// CreateOrder validates o and stores it with its lines in one
	// transaction, keeping the customer's figures true; it sets o.ID and
	// the lines' ids. ErrNotFound when the customer does not exist.
	CreateOrder(ctx context.Context, o *Order) error
	// Order returns one order with its lines; ErrNotFound when missing.
	Order(ctx context.Context, id int64) (Order, error)
	// LastOrder returns the customer's newest sale with its lines;
	// ErrNotFound when they have none.
	LastOrder(ctx context.Context, customerID int64) (Order, error)
	// RecentOrders lists the customer's newest orders, at most limit.
	RecentOrders(ctx context.Context, customerID int64, limit int) ([]OrderSummary, error)
}

// CostStore keeps costs to serve.
type CostStore interface {
	// CreateCost validates c, prices a time entry at the hourly rate in
	// the settings when c.Amount is zero, stores it and sets c.ID.
	// ErrNotFound when the customer or order does not exist.
	CreateCost(ctx context.Context, c *Cost) error
}

// AlsoBoughtStore reads co-purchases.
type AlsoBoughtStore interface {
	// CoPurchases returns what the customer bought, and for each of those
	// items (the most bought first, a dozen at most) the co-purchases in
	// the latest orders of other customers that had it.
	CoPurchases(ctx context.Context, customerID int64) (bought []Item, co []CoPurchases, err error)
}

// ProfitStore reads what the profitability rules need.
type ProfitStore interface {
	// ProfitBook sums the orders and costs of period p for every customer,
	// archived ones included (flagged), and for the unattributed: orders
	// with no customer and costs that belong to no one. It adds the
	// period's months and the first and last day of any record.
	ProfitBook(ctx context.Context, p Period) (ProfitBook, error)
	// CustomerProfit reads one customer's figures over each of periods by
	// the same rules, for their detail, in the order asked.
	CustomerProfit(ctx context.Context, id int64, periods ...Period) ([]ProfitFacts, error)
}
