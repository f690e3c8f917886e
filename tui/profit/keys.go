package profit

import (
	"clientele/tui/kit"

	"charm.land/bubbles/v2/key"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// ProfitKeys are the Profit tab's bindings; the year and open keys work
// where they apply (a calendar year; the top and bottom lists). The
// period keys are the kit's: the period is the Segments tab's and the
// detail's too.
type ProfitKeys struct {
	kit.ListKeys
	Period      kit.PeriodKeys
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
		Period:      kit.DefaultPeriodKeys(),
		NextSection: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "next section")),
		PrevSection: key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "previous section")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Export:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
		Retry:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "try again")),
	}
}
