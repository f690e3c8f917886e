package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
)

// letGoForm lets a customer go: it shows what letting them go means in
// figures over the period (revenue lost against cost of goods, cost to
// serve and time saved), then asks why. Saving moves them to stage former
// with the reason; u on the Segments tab undoes it. A form body.
type letGoForm struct {
	com      *common
	customer model.FitCustomer
	impact   []string
	reason   string
}

func newLetGoForm(com *common, c model.FitCustomer, p model.Period) *letGoForm {
	f := &letGoForm{com: com, customer: c}
	f.impact = append([]string{"Over " + model.FormatDate(p.From) + " to " + model.FormatDate(p.To) + ":"},
		model.NewLetGoImpact(c).Lines(com.settings.CurrencySymbol())...)
	return f
}

func (f *letGoForm) snapshot() string { return f.reason }

func (f *letGoForm) build(b *builder) fields {
	in := b.input("Reason", &f.reason).CharLimit(500).
		Placeholder("endless returns; wants what we do not make…").
		Description("kept on their record; enter lets them go, esc keeps them")
	return b.huh(huh.NewForm(huh.NewGroup(in)))
}

// Title implements screen.
func (f *letGoForm) Title() string { return "Let " + f.customer.Name + " go" }

// head is the figures, between the title and the reason.
func (f *letGoForm) head(w int) []string {
	lines := make([]string, len(f.impact))
	for i, l := range f.impact {
		lines[i] = truncate(clean(l), w)
	}
	lines[0] = f.com.styles.Muted.Render(lines[0])
	return lines
}

// save moves the customer to stage former in a command; the Segments tab
// says what happened and remembers what u undoes.
func (f *letGoForm) save() (tea.Cmd, error) {
	reason := strings.TrimSpace(f.reason)
	if reason == "" {
		return nil, model.Invalid("reason", "say why you let them go: it helps when you look back")
	}
	store, id := f.com.store, f.customer.ID
	return func() tea.Msg {
		ch, err := store.SetStage(bg(), id, model.StageFormer, reason)
		if err != nil {
			return saveFailedMsg{err: err}
		}
		return savedMsg{then: func() tea.Msg { return stageChangedMsg{change: ch} }}
	}, nil
}
