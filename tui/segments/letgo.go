package segments

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// letGoForm lets a customer go: it shows what letting them go means in
// figures over the period (revenue lost against cost of goods, cost to
// serve and time saved), then asks why. Saving moves them to stage former
// with the reason; u (the book's history) undoes it. A form body.
type letGoForm struct {
	com      *kit.Context
	store    model.FitStore
	customer model.FitCustomer
	impact   []string
	reason   string
}

func newLetGoForm(com *kit.Context, store model.FitStore, c model.FitCustomer, p model.Period) *letGoForm {
	f := &letGoForm{com: com, store: store, customer: c}
	f.impact = append([]string{"Over " + com.Date(p.From) + " to " + com.Date(p.To) + ":"},
		model.NewLetGoImpact(c).Lines(com.Settings.CurrencySymbol())...)
	return f
}

// Snapshot implements kit.Body.
func (f *letGoForm) Snapshot() string { return f.reason }

// Build implements kit.Body.
func (f *letGoForm) Build(b *kit.Builder) kit.Fields {
	in := b.Input("Reason", &f.reason).CharLimit(500).
		Placeholder("endless returns; wants what we do not make…").
		Description("kept on their record; enter lets them go, esc keeps them")
	return b.Huh(huh.NewForm(huh.NewGroup(in)))
}

// Title implements screen.
func (f *letGoForm) Title() string { return "Let " + f.customer.Name + " go" }

// head is the figures, between the title and the reason.
func (f *letGoForm) Head(w int) []string {
	lines := make([]string, len(f.impact))
	for i, l := range f.impact {
		lines[i] = kit.Truncate(kit.Clean(l), w)
	}
	lines[0] = f.com.Styles.Muted.Render(lines[0])
	return lines
}

// save moves the customer to stage former in a command; the Segments tab
// says what happened.
func (f *letGoForm) Save() (tea.Cmd, error) {
	reason := strings.TrimSpace(f.reason)
	if reason == "" {
		return nil, model.Invalid("reason", "say why you let them go: it helps when you look back")
	}
	store, id := f.store, f.customer.ID
	return func() tea.Msg {
		ch, err := store.SetStage(kit.Bg(), id, model.StageFormer, reason)
		if err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		return kit.SavedMsg{Then: func() tea.Msg { return kit.StageChangedMsg{Change: ch} }}
	}, nil
}
