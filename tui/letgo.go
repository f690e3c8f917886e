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
// with the reason; u on the Segments tab undoes it.
type letGoForm struct {
	editForm
	customer model.FitCustomer
	impact   []string
	reason   string
}

func newLetGoForm(com *common, c model.FitCustomer, p model.Period) *letGoForm {
	f := &letGoForm{editForm: newEditForm(com), customer: c}
	f.impact = append([]string{"Over " + model.FormatDate(p.From) + " to " + model.FormatDate(p.To) + ":"},
		model.NewLetGoImpact(c).Lines(com.settings.CurrencySymbol())...)
	f.editForm.build, f.editForm.snapshot, f.editForm.save = f.build, f.snapshot, f.save
	f.start()
	return f
}

func (f *letGoForm) snapshot() string { return f.reason }

func (f *letGoForm) build() {
	f.inputs = nil
	in := huh.NewInput().Title("Reason").Value(&f.reason).CharLimit(500).
		Placeholder("endless returns; wants what we do not make…").
		Description("kept on their record; enter lets them go, esc keeps them")
	f.inputs = append(f.inputs, titledInput{field: in, title: "Reason", shown: "Reason"})
	f.form = f.finish(huh.NewForm(huh.NewGroup(in)))
}

// Title implements screen.
func (f *letGoForm) Title() string { return "Let " + f.customer.Name + " go" }

// SetSize implements screen: the figures take the lines over the form.
func (f *letGoForm) SetSize(w, h int) { f.editForm.SetSize(w, max(h-len(f.impact)-1, 4)) }

// Update implements screen.
func (f *letGoForm) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(stageChangedMsg); ok && m.change.ID == f.customer.ID {
		return back // the Segments tab says what happened
	}
	return f.update(msg)
}

// save moves the customer to stage former in a command.
func (f *letGoForm) save() tea.Cmd {
	reason := strings.TrimSpace(f.reason)
	if reason == "" {
		return func() tea.Msg {
			return saveFailedMsg{err: model.Invalid("reason", "say why you let them go: it helps when you look back")}
		}
	}
	f.saving = true
	store, id := f.com.store, f.customer.ID
	return func() tea.Msg {
		ch, err := store.SetStage(bg(), id, model.StageFormer, reason)
		if err != nil {
			return saveFailedMsg{err: err}
		}
		return stageChangedMsg{change: ch}
	}
}

// View implements screen.
func (f *letGoForm) View() string {
	st := f.com.styles
	lines := make([]string, len(f.impact))
	for i, l := range f.impact {
		lines[i] = truncate(clean(l), f.w)
	}
	lines[0] = st.Muted.Render(lines[0])
	title := st.Title.Render(clean(f.Title()))
	return f.banner(st, title, f.w) + "\n" + strings.Join(lines, "\n") + "\n" + f.form.View()
}
