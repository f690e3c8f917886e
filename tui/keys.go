package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// Every key binding lives here: one KeyMap per screen, each binding with
// its help text, so that `?` and the help line always tell the truth.

// GlobalKeys work on every screen unless a text field has focus (ctrl+c
// works even then).
type GlobalKeys struct {
	ForceQuit key.Binding // ctrl+c, even while typing or reading the help
	Quit      key.Binding
	Help      key.Binding
	Back      key.Binding
	NextTab   key.Binding
	PrevTab   key.Binding
	Tabs      key.Binding   // 1–7: for help only; GoTo holds each tab's own
	GoTo      []key.Binding // the digit of each tab, in order
	Settings  key.Binding   // , from anywhere: the Settings tab
}

// DefaultGlobalKeys returns the global bindings.
func DefaultGlobalKeys() GlobalKeys {
	k := GlobalKeys{
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit, even while typing")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		NextTab:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next screen")),
		PrevTab:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous screen")),
		Tabs:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7"), key.WithHelp("1–7", "go to screen")),
		Settings:  key.NewBinding(key.WithKeys(","), key.WithHelp(",", "settings")),
	}
	for _, d := range k.Tabs.Keys() {
		k.GoTo = append(k.GoTo, key.NewBinding(key.WithKeys(d), key.WithHelp(d, "go to screen "+d)))
	}
	return k
}

// ListKeys move a cursor through any list or table.
type ListKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
}

// DefaultListKeys returns the cursor bindings shared by every list.
func DefaultListKeys() ListKeys {
	return ListKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
	}
}

// Bindings lists the cursor bindings for the full help.
func (k ListKeys) Bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// CustomerListKeys are the customer list's own bindings.
type CustomerListKeys struct {
	ListKeys
	CustomerActionKeys // o, r, c, f, C, n, F on the customer under the cursor
	Open               key.Binding
	Filter             key.Binding
	Sort               key.Binding
	Add                key.Binding
	Edit               key.Binding
	Archive            key.Binding
	Unarchive          key.Binding // the same key on an archived customer
	Undo               key.Binding
	ShowArchive        key.Binding
	// On the welcome panel of an empty database.
	Demo   key.Binding
	Import key.Binding
}

// DefaultCustomerListKeys returns the customer list's bindings.
func DefaultCustomerListKeys() CustomerListKeys {
	return CustomerListKeys{
		ListKeys:           DefaultListKeys(),
		CustomerActionKeys: DefaultCustomerActionKeys(),
		Open:               key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Filter:             key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Sort:               key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Add:                key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Edit:               key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Archive:            key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "archive")),
		Unarchive:          unarchiveKey,
		Undo:               key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo archive")),
		ShowArchive:        key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "show archived")),
		Demo:               key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "load demo")),
		Import:             key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "import")),
	}
}

// FilterKeys work while the filter line has focus.
type FilterKeys struct {
	Apply key.Binding
	Clear key.Binding
}

// DefaultFilterKeys returns the filter line's bindings.
func DefaultFilterKeys() FilterKeys {
	return FilterKeys{
		Apply: key.NewBinding(key.WithKeys("enter", "down", "up"), key.WithHelp("enter", "keep filter")),
		Clear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
	}
}

// CustomerActionKeys open a form about the selected customer; the detail,
// the list and the daily review share them.
type CustomerActionKeys struct {
	Order     key.Binding
	Repeat    key.Binding
	Cost      key.Binding
	Feedback  key.Binding
	Complaint key.Binding
	Touch     key.Binding
	FollowUp  key.Binding
}

// DefaultCustomerActionKeys returns the customer action bindings.
func DefaultCustomerActionKeys() CustomerActionKeys {
	return CustomerActionKeys{
		Order:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "new order")),
		Repeat:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "repeat last order")),
		Cost:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "cost to serve")),
		Feedback:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "feedback")),
		Complaint: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "complaint")),
		Touch:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "log a contact")),
		FollowUp:  key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "follow-up date")),
	}
}

// Bindings lists the action bindings for the full help.
func (k CustomerActionKeys) Bindings() []key.Binding {
	return []key.Binding{k.Order, k.Repeat, k.Cost, k.Feedback, k.Complaint, k.Touch, k.FollowUp}
}

// Message returns the request an action key makes for customer id, or nil
// when msg is not an action key.
func (k CustomerActionKeys) Message(msg tea.KeyPressMsg, id int64) tea.Msg {
	switch {
	case key.Matches(msg, k.Order):
		return newOrderMsg{customerID: id}
	case key.Matches(msg, k.Repeat):
		return newOrderMsg{customerID: id, repeat: true}
	case key.Matches(msg, k.Cost):
		return newCostMsg{customerID: id}
	case key.Matches(msg, k.Feedback):
		return newFeedbackMsg{customerID: id}
	case key.Matches(msg, k.Complaint):
		return newComplaintMsg{customerID: id}
	case key.Matches(msg, k.Touch):
		return newTouchMsg{customerID: id}
	case key.Matches(msg, k.FollowUp):
		return followUpMsg{customerID: id}
	}
	return nil
}

// DetailKeys are the customer detail's bindings.
type DetailKeys struct {
	CustomerActionKeys
	Up        key.Binding
	Down      key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	Edit      key.Binding
	Archive   key.Binding
	Unarchive key.Binding // the same key on an archived customer
}

// unarchiveKey is x on an archived customer: it brings them back.
var unarchiveKey = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "unarchive"))

// DefaultDetailKeys returns the customer detail's bindings.
func DefaultDetailKeys() DetailKeys {
	return DetailKeys{
		CustomerActionKeys: DefaultCustomerActionKeys(),
		Up:                 key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:               key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:             key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:           key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "space"), key.WithHelp("pgdn", "page down")),
		Edit:               key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Archive:            key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "archive")),
		Unarchive:          unarchiveKey,
	}
}

// FormKeys are the bindings a form adds to huh's own.
type FormKeys struct {
	Cancel  key.Binding
	Confirm key.Binding // "discard changes?" answered yes
	Deny    key.Binding
}

// DefaultFormKeys returns the form bindings.
func DefaultFormKeys() FormKeys {
	return FormKeys{
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Confirm: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "discard")),
		Deny:    key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "keep editing")),
	}
}

// FeedbackKeys are the Feedback screen's bindings; some work in one view
// only (the help line shows those of the view on screen).
type FeedbackKeys struct {
	ListKeys
	Add      key.Binding
	View     key.Binding
	Open     key.Binding
	Replied  key.Binding
	ActedOn  key.Binding
	Kind     key.Binding
	Status   key.Binding
	Segment  key.Binding
	Offering key.Binding
	Customer key.Binding
	// The NPS view.
	Promote key.Binding
	Undo    key.Binding
	// The wishlist.
	Expand key.Binding
	Theme  key.Binding
	Mark   key.Binding
	Merge  key.Binding
	// While a theme's name is typed.
	SaveTheme   key.Binding
	CancelTheme key.Binding
}

// DefaultFeedbackKeys returns the Feedback screen's bindings.
func DefaultFeedbackKeys() FeedbackKeys {
	return FeedbackKeys{
		ListKeys: DefaultListKeys(),
		Add:      key.NewBinding(key.WithKeys("a", "f"), key.WithHelp("a", "add")),
		View:     key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "log/NPS/wishlist")),
		Open:     key.NewBinding(key.WithKeys("o", "enter"), key.WithHelp("o", "open customer")),
		Replied:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "replied")),
		ActedOn:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "acted on")),
		Kind:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "kind")),
		Status:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "status")),
		Segment:  key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "segment")),
		Offering: key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "offering")),
		Customer: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "customer")),
		Promote:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "make advocate")),
		Undo:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo advocate")),
		Expand:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "who asked")),
		Theme:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "name theme")),
		Mark:     key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "mark")),
		Merge:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "merge marked here")),
		// The help line said "enter keep filter" here: the keys are the
		// filter's, but what they do is name the theme.
		SaveTheme:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "name the theme")),
		CancelTheme: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// FeedbackFormKeys pick the kind of feedback with one key, then save from
// any field.
type FeedbackFormKeys struct {
	FormKeys
	Score      key.Binding
	NPS        key.Binding
	Wish       key.Binding
	Praise     key.Binding
	Suggestion key.Binding
	Question   key.Binding
	Save       key.Binding
	Next       key.Binding
	Prev       key.Binding
	Complete   key.Binding
}

// DefaultFeedbackFormKeys returns the feedback form's bindings.
func DefaultFeedbackFormKeys() FeedbackFormKeys {
	return FeedbackFormKeys{
		FormKeys:   DefaultFormKeys(),
		Score:      key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0–9", "NPS score")),
		NPS:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "NPS")),
		Wish:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "wish")),
		Praise:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "praise")),
		Suggestion: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "suggestion")),
		Question:   key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "question")),
		Save:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Next:       key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Prev:       key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		Complete:   key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "complete")),
	}
}

// ComplaintKeys are the Complaints screen's bindings.
type ComplaintKeys struct {
	ListKeys
	Add  key.Binding
	Edit key.Binding
	Open key.Binding
}

// DefaultComplaintKeys returns the Complaints screen's bindings.
func DefaultComplaintKeys() ComplaintKeys {
	return ComplaintKeys{
		ListKeys: DefaultListKeys(),
		Add:      key.NewBinding(key.WithKeys("a", "C"), key.WithHelp("a", "new complaint")),
		Edit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit")),
		Open:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open customer")),
	}
}

// ComplaintFormKeys add saving from any field to the form keys.
type ComplaintFormKeys struct {
	FormKeys
	Save key.Binding
}

// DefaultComplaintFormKeys returns the complaint form's bindings.
func DefaultComplaintFormKeys() ComplaintFormKeys {
	return ComplaintFormKeys{
		FormKeys: DefaultFormKeys(),
		Save:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save now")),
	}
}

// OrderFormKeys move through the order form; every other key is typed
// into the focused field.
type OrderFormKeys struct {
	Next     key.Binding
	Prev     key.Binding
	Up       key.Binding
	Down     key.Binding
	Kind     key.Binding // on the kind field: sale ↔ refund
	Refund   key.Binding // on the kind field: refund
	Sale     key.Binding // on the kind field: sale
	Complete key.Binding // take the offering the item field suggests
	// The other offerings the item field could complete to.
	NextSuggestion key.Binding
	PrevSuggestion key.Binding
	Save           key.Binding
	SaveOnNote     key.Binding // enter on the note, the last field
	Cancel         key.Binding
}

// DefaultOrderFormKeys returns the order form's bindings.
func DefaultOrderFormKeys() OrderFormKeys {
	return OrderFormKeys{
		Next:           key.NewBinding(key.WithKeys("tab", "enter"), key.WithHelp("tab/enter", "next field")),
		Prev:           key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Up:             key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "line above")),
		Down:           key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "line below")),
		Kind:           key.NewBinding(key.WithKeys("space", "left", "right"), key.WithHelp("space", "sale/refund")),
		Refund:         key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refund")),
		Sale:           key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sale")),
		Complete:       key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "complete offering")),
		NextSuggestion: key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "next offering")),
		PrevSuggestion: key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "previous offering")),
		Save:           key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		SaveOnNote:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save (on the note)")),
		Cancel:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// choiceKeyMap is huh's keymap for forms whose choices are short: left and
// right change a choice, and / does not filter it (on a one-line choice
// the filter replaced the field's title with what was typed).
func choiceKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Select.Left = key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous choice"))
	km.Select.Right = key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next choice"))
	km.Select.Filter.SetEnabled(false)
	return km
}

// quickKeyMap is huh's keymap for forms that save on enter: tab and
// shift+tab move between fields, left and right change a choice.
func quickKeyMap() *huh.KeyMap {
	km := choiceKeyMap()
	next := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field"))
	km.Input.Next, km.Input.Submit = next, next
	km.Select.Next, km.Select.Submit = next, next
	return km
}

// ImportKeys are the import prompt's own: enter on the path imports.
type ImportKeys struct {
	Import key.Binding
}

// DefaultImportKeys returns the import prompt's bindings.
func DefaultImportKeys() ImportKeys {
	return ImportKeys{Import: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "import"))}
}

// OfferingKeys are the offerings list's bindings.
type OfferingKeys struct {
	ListKeys
	Add    key.Binding
	Edit   key.Binding
	Retire key.Binding
}

// DefaultOfferingKeys returns the offerings list's bindings.
func DefaultOfferingKeys() OfferingKeys {
	return OfferingKeys{
		ListKeys: DefaultListKeys(),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Edit:     key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e/enter", "edit")),
		Retire:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "retire/restore")),
	}
}

// OfferingsKey opens the offerings list from the customer list.
var OfferingsKey = key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "offerings"))

// TodayKeys are the daily review's bindings: walk the queue, act on the
// entry under the cursor.
type TodayKeys struct {
	ListKeys
	CustomerActionKeys
	Open   key.Binding
	Done   key.Binding
	Snooze key.Binding
	More   key.Binding // list another day's worth of the backlog
}

// DefaultTodayKeys returns the daily review's bindings.
func DefaultTodayKeys() TodayKeys {
	return TodayKeys{
		ListKeys:           DefaultListKeys(),
		CustomerActionKeys: DefaultCustomerActionKeys(),
		Open:               key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Done:               key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "done")),
		Snooze:             key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "snooze")),
		More:               key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "list more")),
	}
}

// SettingsKeys are the Settings tab's bindings.
type SettingsKeys struct {
	Up     key.Binding
	Down   key.Binding
	Edit   key.Binding
	Add    key.Binding
	Delete key.Binding
	Save   key.Binding // the new question
	Cancel key.Binding
	Open   key.Binding // , from anywhere: for help only
}

// DefaultSettingsKeys returns the Settings tab's bindings.
func DefaultSettingsKeys() SettingsKeys {
	return SettingsKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Edit:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit settings")),
		Add:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add a question")),
		Delete: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete the question")),
		Save:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Open:   key.NewBinding(key.WithKeys(","), key.WithHelp(",", "settings from anywhere")),
	}
}

// MarkKeys mark customers on the customer list and put them in a segment
// together; the segment key also works on one customer's detail.
type MarkKeys struct {
	Mark    key.Binding
	Segment key.Binding
	Clear   key.Binding // esc while rows are marked
}

// DefaultMarkKeys returns the marking bindings.
func DefaultMarkKeys() MarkKeys {
	return MarkKeys{
		Mark:    key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "mark")),
		Segment: key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "segment")),
		Clear:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear marks")),
	}
}

// SegmentFitKeys are the Segments tab's bindings; some work in one view
// only, and the help line shows those of the view on screen.
type SegmentFitKeys struct {
	ListKeys
	NextView key.Binding
	PrevView key.Binding
	By       key.Binding // the grouping, on the groups and values views
	Open     key.Binding
	LetGo    key.Binding // on a drain
	Promote  key.Binding // on a suggested advocate
	Undo     key.Binding
	Tree     key.Binding // on a referrer
	// Managing the owner's segments, on the groups view by segment.
	NewSegment key.Binding
	Rename     key.Binding
	Merge      key.Binding
	Delete     key.Binding
}

// DefaultSegmentFitKeys returns the Segments tab's bindings.
func DefaultSegmentFitKeys() SegmentFitKeys {
	return SegmentFitKeys{
		ListKeys:   DefaultListKeys(),
		NextView:   key.NewBinding(key.WithKeys("v", "right"), key.WithHelp("v/→", "next view")),
		PrevView:   key.NewBinding(key.WithKeys("V", "left"), key.WithHelp("V/←", "previous view")),
		By:         key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "group by")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		LetGo:      key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "let go")),
		Promote:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "make advocate")),
		Undo:       key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Tree:       key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "referral tree")),
		NewSegment: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new segment")),
		Rename:     key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "rename")),
		Merge:      key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "merge into…")),
		Delete:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete")),
	}
}

// ProfitKeys are the Profit tab's bindings; the year and open keys work
// where they apply (a calendar year; the top and bottom lists).
type ProfitKeys struct {
	ListKeys
	NextPeriod  key.Binding
	PrevPeriod  key.Binding
	PrevYear    key.Binding
	NextYear    key.Binding
	Year        key.Binding // ← and →, for the help line
	Dates       key.Binding // a custom period
	NextSection key.Binding
	PrevSection key.Binding
	Open        key.Binding
	Export      key.Binding
}

// DefaultProfitKeys returns the Profit tab's bindings.
func DefaultProfitKeys() ProfitKeys {
	return ProfitKeys{
		ListKeys:    DefaultListKeys(),
		NextPeriod:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "next period")),
		PrevPeriod:  key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "previous period")),
		PrevYear:    key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "year before")),
		NextYear:    key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "year after")),
		Year:        key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "year")),
		Dates:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "custom dates")),
		NextSection: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "next section")),
		PrevSection: key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "previous section")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Export:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
	}
}
