package history

import (
	"charm.land/bubbles/v2/key"

	"clientele/tui/kit"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// HistoryKeys are the History screen's bindings.
type HistoryKeys struct {
	kit.ListKeys
	Open     key.Binding // what the change did, record by record
	Undo     key.Binding // take back the change under the cursor
	Customer key.Binding // only one customer's changes
}

// DefaultHistoryKeys returns the History screen's bindings.
func DefaultHistoryKeys() HistoryKeys {
	return HistoryKeys{
		ListKeys: kit.DefaultListKeys(),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "what it changed")),
		Undo:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo this change")),
		Customer: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "one customer's")),
	}
}

// ChangeKeys are the bindings of one change's page.
type ChangeKeys struct {
	kit.ListKeys
	Undo key.Binding
}

// DefaultChangeKeys returns the change page's bindings.
func DefaultChangeKeys() ChangeKeys {
	return ChangeKeys{
		ListKeys: kit.DefaultListKeys(),
		Undo:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo this change")),
	}
}
