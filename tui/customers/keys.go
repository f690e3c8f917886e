package customers

import (
	"clientele/tui/kit"

	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// CustomerListKeys are the customer list's own bindings.
type CustomerListKeys struct {
	kit.ListKeys
	kit.CustomerActionKeys // o, r, c, f, C, n, F on the customer under the cursor
	Open                   key.Binding
	Filter                 key.Binding
	Sort                   key.Binding
	Add                    key.Binding
	Edit                   key.Binding
	Archive                key.Binding
	Unarchive              key.Binding // the same key on an archived customer
	ShowArchive            key.Binding
	Duplicates             key.Binding // the book's likely duplicates
	// On the welcome panel of an empty database.
	Demo   key.Binding
	Import key.Binding
}

// DefaultCustomerListKeys returns the customer list's bindings.
func DefaultCustomerListKeys() CustomerListKeys {
	return CustomerListKeys{
		ListKeys:           kit.DefaultListKeys(),
		CustomerActionKeys: kit.DefaultCustomerActionKeys(),
		Open:               key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Filter:             key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Sort:               key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Add:                key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Edit:               key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Archive:            key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "archive")),
		Unarchive:          unarchiveKey,
		ShowArchive:        key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "show archived")),
		Duplicates:         key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "likely duplicates")),
		Demo:               key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "load demo")),
		Import:             key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "import")),
	}
}

// DetailKeys are the customer detail's bindings. The cursor is on the
// customer (the card at the top) or on an entry of their timeline; e and
// x act on what it is on.
type DetailKeys struct {
	kit.CustomerActionKeys
	Up        key.Binding
	Down      key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	Top       key.Binding // the customer, at the top
	Bottom    key.Binding // the oldest entry
	Timeline  key.Binding // the newest entry
	Edit      key.Binding // on the customer
	Archive   key.Binding // on the customer
	Unarchive key.Binding // the same key on an archived customer
	// On a timeline entry.
	EditEntry key.Binding
	Void      key.Binding
	Restore   key.Binding // the same key on a voided entry
	// Voided entries stay in the timeline, struck; one key hides them.
	HideVoided key.Binding
	ShowVoided key.Binding
	Paid       key.Binding // an unpaid order paid today: the one, or pick among several
	PaidThis   key.Binding // the same key on an unpaid order in the timeline
	History    key.Binding // the changes to their records
	Erase      key.Binding // their personal data, for good
	Reminders  key.Binding
	Occasions  key.Binding // birthday and named dates
}

// unarchiveKey is x on an archived customer: it brings them back.
var unarchiveKey = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "unarchive"))

// DefaultDetailKeys returns the customer detail's bindings.
func DefaultDetailKeys() DetailKeys {
	return DetailKeys{
		CustomerActionKeys: kit.DefaultCustomerActionKeys(),
		Up:                 key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:               key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down the timeline")),
		PageUp:             key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:           key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "space"), key.WithHelp("pgdn", "page down")),
		Top:                key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "the customer")),
		Bottom:             key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "oldest entry")),
		Timeline:           key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "timeline")),
		Edit:               key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Archive:            key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "archive")),
		Unarchive:          unarchiveKey,
		EditEntry:          key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Void:               key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "void")),
		Restore:            key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "restore")),
		HideVoided:         key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "hide voided")),
		ShowVoided:         key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "show voided")),
		Paid:               key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "mark paid")),
		PaidThis:           key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "mark this order paid")),
		Reminders:          key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "reminders")),
		Occasions:          key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "occasions")),
		History:            key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "their history")),
		Erase:              key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "erase their data")),
	}
}

// OrderFormKeys move through the order form; every other key is typed
// into the focused field.
type OrderFormKeys struct {
	kit.FormKeys // ctrl+s saves from any field, esc cancels
	Next         key.Binding
	Prev         key.Binding
	Up           key.Binding
	Down         key.Binding
	Kind         key.Binding // on the kind field: sale ↔ refund
	Refund       key.Binding // on the kind field: refund
	Sale         key.Binding // on the kind field: sale
	Complete     key.Binding // take the offering the item field suggests
	// TakeOffering is tab, as it moves on: it takes the offering too.
	TakeOffering key.Binding
	// The other offerings the item field could complete to.
	NextSuggestion key.Binding
	PrevSuggestion key.Binding
	SaveOnNote     key.Binding // enter on the note, the last field
}

// DefaultOrderFormKeys returns the order form's bindings.
func DefaultOrderFormKeys() OrderFormKeys {
	return OrderFormKeys{
		FormKeys:       kit.DefaultFormKeys(),
		Next:           key.NewBinding(key.WithKeys("tab", "enter"), key.WithHelp("tab/enter", "next field")),
		Prev:           key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Up:             key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "line above")),
		Down:           key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "line below")),
		Kind:           key.NewBinding(key.WithKeys("space", "left", "right"), key.WithHelp("space", "sale/refund")),
		Refund:         key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refund")),
		Sale:           key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sale")),
		Complete:       key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "complete offering")),
		TakeOffering:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "take the offering, next field")),
		NextSuggestion: key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "next offering")),
		PrevSuggestion: key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "previous offering")),
		SaveOnNote:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save (on the note)")),
	}
}

// OfferingKeys are the offerings list's bindings.
type OfferingKeys struct {
	kit.ListKeys
	Add    key.Binding
	Edit   key.Binding
	Retire key.Binding
}

// DefaultOfferingKeys returns the offerings list's bindings.
func DefaultOfferingKeys() OfferingKeys {
	return OfferingKeys{
		ListKeys: kit.DefaultListKeys(),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Edit:     key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e/enter", "edit")),
		Retire:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "retire/restore")),
	}
}

// OfferingsKey opens the offerings list from the customer list.
var OfferingsKey = key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "offerings"))

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

// FitFormKeys rate a customer's fit in one key.
type FitFormKeys struct {
	Rate key.Binding // 0 clears, 1–5 rate; either saves
}

// DefaultFitFormKeys returns the fit rating's bindings.
func DefaultFitFormKeys() FitFormKeys {
	return FitFormKeys{
		Rate: key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5"), key.WithHelp("1–5", "rate and save (0 clears)")),
	}
}

// DupWarningKeys are the bindings of the warning over a new customer who
// may be one already in the book.
type DupWarningKeys struct {
	kit.ListKeys // up and down move between the customers it may be
	Open         key.Binding
	Merge        key.Binding
	KeepBoth     key.Binding
}

// DefaultDupWarningKeys returns the duplicate warning's bindings.
func DefaultDupWarningKeys() DupWarningKeys {
	return DupWarningKeys{
		ListKeys: kit.DefaultListKeys(),
		Open:     key.NewBinding(key.WithKeys("o", "enter"), key.WithHelp("o", "open them")),
		Merge:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "merge into them")),
		KeepBoth: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add anyway")),
	}
}

// mergeKeyMap is the merge form's huh keymap: space picks a conflicting
// value to take, and no letter does anything (as on every choice).
func mergeKeyMap() *huh.KeyMap {
	km := kit.ChoiceKeyMap()
	km.MultiSelect.Toggle = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "take it"))
	km.MultiSelect.Filter.SetEnabled(false)
	return km
}

// DupListKeys are the bindings of the list of likely duplicates.
type DupListKeys struct {
	kit.ListKeys
	Merge      key.Binding // the newer into the older
	MergeOther key.Binding // the older into the newer
	OpenOlder  key.Binding
	OpenNewer  key.Binding
}

// DefaultDupListKeys returns the duplicates list's bindings.
func DefaultDupListKeys() DupListKeys {
	return DupListKeys{
		ListKeys:   kit.DefaultListKeys(),
		Merge:      key.NewBinding(key.WithKeys("m", "enter"), key.WithHelp("m", "merge newer into older")),
		MergeOther: key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "older into newer")),
		OpenOlder:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open older")),
		OpenNewer:  key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "open newer")),
	}
}

// MessageKeys are the message screen's bindings.
type MessageKeys struct {
	Send    key.Binding
	Edit    key.Binding
	Next    key.Binding
	Prev    key.Binding
	Channel key.Binding
}

// DefaultMessageKeys returns the message screen's bindings.
func DefaultMessageKeys() MessageKeys {
	return MessageKeys{
		Send:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open & log")),
		Edit:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit first")),
		Next:    key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "template")),
		Prev:    key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous template")),
		Channel: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "channel")),
	}
}

// DefaultReminderKeys returns the reminders screen's bindings.
func DefaultReminderKeys() kit.RecordKeys { return kit.DefaultRecordKeys("add a reminder") }

// DefaultOccasionKeys returns the occasions screen's bindings.
func DefaultOccasionKeys() kit.RecordKeys { return kit.DefaultRecordKeys("add an occasion") }
