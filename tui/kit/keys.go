package kit

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// The keymaps the areas share: every binding lives in a keys.go file,
// one KeyMap per screen, each binding with its help text, so that ? and
// the help line always tell the truth (TestKeysLiveInKeyMaps).

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

// PeriodKeys pick the period the figures are shown over (PickPeriod):
// the Profit tab's, which Segments shares.
type PeriodKeys struct {
	Next     key.Binding
	Prev     key.Binding
	PrevYear key.Binding
	NextYear key.Binding
	Year     key.Binding // ← and →, for the help line
	Dates    key.Binding // a custom period
}

// DefaultPeriodKeys returns the period bindings.
func DefaultPeriodKeys() PeriodKeys {
	return PeriodKeys{
		Next:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "next period")),
		Prev:     key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "previous period")),
		PrevYear: key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "year before")),
		NextYear: key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "year after")),
		Year:     key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "year")),
		Dates:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "custom dates")),
	}
}

// Bindings lists the period bindings for the full help.
func (k PeriodKeys) Bindings() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.PrevYear, k.NextYear, k.Dates}
}

// FilterKeys work while the filter line has focus.
type FilterKeys struct {
	Apply key.Binding
	Clear key.Binding
}

// TypeFilter passes a key to a filter line that has the focus: Apply
// keeps what was typed, Clear empties it, both give the focus back (done);
// any other key is typed. changed says whether the words changed.
func TypeFilter(fk FilterKeys, ti *textinput.Model, msg tea.KeyPressMsg) (cmd tea.Cmd, changed, done bool) {
	before := ti.Value()
	switch {
	case key.Matches(msg, fk.Clear):
		ti.Blur()
		ti.SetValue("")
		return nil, before != "", true
	case key.Matches(msg, fk.Apply):
		ti.Blur()
		return nil, false, true
	}
	*ti, cmd = ti.Update(msg)
	return cmd, ti.Value() != before, false
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
	Fit       key.Binding
	Write     key.Binding // a message from a template, handed to the owner's programs
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
		Fit:       key.NewBinding(key.WithKeys("*"), key.WithHelp("*", "rate fit")),
		Write:     key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "message")),
	}
}

// Bindings lists the action bindings for the full help, but Fit: a
// column of nine ran the help off a 24-row screen, so each screen lists
// Fit among its own keys about the customer.
func (k CustomerActionKeys) Bindings() []key.Binding {
	return []key.Binding{k.Order, k.Repeat, k.Cost, k.Feedback, k.Complaint, k.Touch, k.FollowUp, k.Write}
}

// Message returns the request an action key makes for customer id, or nil
// when msg is not an action key.
func (k CustomerActionKeys) Message(msg tea.KeyPressMsg, id int64) tea.Msg {
	switch {
	case key.Matches(msg, k.Order):
		return NewOrderMsg{CustomerID: id}
	case key.Matches(msg, k.Repeat):
		return NewOrderMsg{CustomerID: id, Repeat: true}
	case key.Matches(msg, k.Cost):
		return NewCostMsg{CustomerID: id}
	case key.Matches(msg, k.Feedback):
		return NewFeedbackMsg{CustomerID: id}
	case key.Matches(msg, k.Complaint):
		return NewComplaintMsg{CustomerID: id}
	case key.Matches(msg, k.Touch):
		return NewTouchMsg{CustomerID: id}
	case key.Matches(msg, k.FollowUp):
		return FollowUpMsg{CustomerID: id}
	case key.Matches(msg, k.Fit):
		return RateFitMsg{CustomerID: id}
	case key.Matches(msg, k.Write):
		return NewMessageMsg{CustomerID: id}
	}
	return nil
}

// FormKeys are the bindings every form adds to its fields' own.
type FormKeys struct {
	Save        key.Binding // from any field
	Cancel      key.Binding
	Confirm     key.Binding // "discard changes?" answered yes
	ConfirmQuit key.Binding // "quit and lose the changes?" answered yes
	Deny        key.Binding
}

// DefaultFormKeys returns the form bindings.
func DefaultFormKeys() FormKeys {
	return FormKeys{
		Save:        key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Confirm:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "discard")),
		ConfirmQuit: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "quit")),
		Deny:        key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "keep editing")),
	}
}

// ChoiceKeyMap is every form's huh keymap: left and right change a
// choice, and no letter does anything on one (huh's j, k, g, G, h, l and
// x moved a choice under text meant for the next field, which was lost),
// nor does / filter it (on a one-line choice the filter replaced the
// field's title with what was typed). ctrl+c is the app's: it asks before
// throwing away what was typed.
func ChoiceKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	km.Select.Left = key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous choice"))
	km.Select.Right = key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next choice"))
	km.Select.Up = key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up"))
	km.Select.Down = key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down"))
	km.Select.GotoTop = key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first"))
	km.Select.GotoBottom = key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last"))
	km.Select.Filter.SetEnabled(false)
	km.Confirm.Toggle = key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "toggle"))
	return km
}

// QuickKeyMap is huh's keymap for forms that save on enter: tab and
// shift+tab move between fields, left and right change a choice.
func QuickKeyMap() *huh.KeyMap {
	km := ChoiceKeyMap()
	next := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field"))
	km.Input.Next, km.Input.Submit = next, next
	km.Select.Next, km.Select.Submit = next, next
	return km
}

// RecordKeys are a RecordList's bindings: move, add, change, delete.
type RecordKeys struct {
	Up     key.Binding
	Down   key.Binding
	Add    key.Binding
	Edit   key.Binding
	Delete key.Binding
}

// DefaultRecordKeys returns a RecordList's bindings; add says what a adds
// ("add a reminder").
func DefaultRecordKeys(add string) RecordKeys {
	return RecordKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Add:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", add)),
		Edit:   key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "change")),
		Delete: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete")),
	}
}
