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
	// Referrals returns the customers id referred.
	Referrals(ctx context.Context, id int64) ([]CustomerRow, error)
	// CustomerCount counts all customers, archived ones included.
	CustomerCount(ctx context.Context) (int, error)
	// CustomerNames lists every customer's id and name, by name.
	CustomerNames(ctx context.Context) ([]CustomerName, error)
}

// SegmentStore keeps segments.
type SegmentStore interface {
	// Segments lists every segment with its member count, by name.
	Segments(ctx context.Context) ([]Segment, error)
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
}

// TimelineStore reads a customer's history.
type TimelineStore interface {
	// Timeline returns the customer's newest entries first, at most limit.
	Timeline(ctx context.Context, customerID int64, limit int) ([]TimelineEntry, error)
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

// Store is everything the TUI and the commands need.
type Store interface {
	CustomerStore
	SegmentStore
	SettingsStore
	TimelineStore
	OfferingStore
	OrderStore
	CostStore
	AlsoBoughtStore
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
	ReviewStore
	SetupStore
}

// AlsoBoughtStore reads co-purchases.
type AlsoBoughtStore interface {
	// CoPurchases returns what the customer bought, and for each of those
	// items (the most bought first, a dozen at most) the co-purchases in
	// the latest orders of other customers that had it.
	CoPurchases(ctx context.Context, customerID int64) (bought []Item, co []CoPurchases, err error)
}
