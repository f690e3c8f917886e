package profit

import (
	"clientele/tui/kit"

	"charm.land/bubbles/v2/key"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// ProfitKeys are the Profit tab's bindings; the year and open keys work
// where they apply (a calendar year; the top and bottom lists).
type ProfitKeys struct {
	kit.ListKeys
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
	Retry       key.Binding // after the period could not be added up
}

// DefaultProfitKeys returns the Profit tab's bindings.
func DefaultProfitKeys() ProfitKeys {
	return ProfitKeys{
		ListKeys:    kit.DefaultListKeys(),
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
		Retry:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "try again")),
	}
}
