package today

import (
	"clientele/tui/kit"

	"charm.land/bubbles/v2/key"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// TodayKeys are the daily review's bindings: walk the queue, act on the
// entry under the cursor.
type TodayKeys struct {
	kit.ListKeys
	kit.CustomerActionKeys
	Open   key.Binding
	Done   key.Binding
	Snooze key.Binding
	// Undo takes back the done or the snooze of the entry under the
	// cursor (ctrl+z stays the book's undo of its latest change).
	Undo key.Binding
	More key.Binding // list another day's worth of the backlog
	Paid key.Binding // the oldest overdue payment paid today
}

// DefaultTodayKeys returns the daily review's bindings.
func DefaultTodayKeys() TodayKeys {
	return TodayKeys{
		ListKeys:           kit.DefaultListKeys(),
		CustomerActionKeys: kit.DefaultCustomerActionKeys(),
		Open:               key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Done:               key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "done")),
		Snooze:             key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "snooze")),
		Undo:               key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo done/snooze")),
		More:               key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "list more")),
		Paid:               key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "mark paid")),
	}
}
