package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// editForm is the huh form cycle the cost and offering forms share (the
// pattern of customerForm): the values live in the screen, validation
// messages stand in the field titles, a failed save rebuilds the form with
// everything typed and the message beside the field it names, and esc
// asks before discarding an edited form.
type editForm struct {
	com *common
	formChrome
	form *huh.Form
	w, h int

	inputs  []titledInput // the text inputs, to show their messages
	initial string        // snapshot() when opened

	// The screen's own parts: build makes form over the values, snapshot
	// joins the values, save checks them and writes in a command.
	build    func()
	snapshot func() string
	save     func() tea.Cmd
}

func newEditForm(com *common) editForm {
	return editForm{com: com, formChrome: newFormChrome()}
}

// start builds the form and remembers the values it opened with.
func (e *editForm) start() {
	e.initial = e.snapshot()
	e.build()
	e.size()
}

// input makes an inline huh input over v whose title shows its messages.
func (e *editForm) input(title string, v *string) *huh.Input {
	i := huh.NewInput().Title(title).Value(v).Inline(true)
	e.inputs = append(e.inputs, titledInput{field: i, title: title, shown: title})
	return i
}

// finish applies the shared settings to a form built by build.
func (e *editForm) finish(f *huh.Form) *huh.Form {
	return f.WithShowHelp(false).WithShowErrors(false).WithTheme(formTheme(e.com))
}

func (e *editForm) size() {
	if e.w > 0 {
		e.form = e.form.WithWidth(formWidth(e.w)).WithHeight(max(e.h-1, 3))
	}
}

// Init focuses the first field.
func (e *editForm) Init() tea.Cmd { return e.form.Init() }

// SetSize implements screen.
func (e *editForm) SetSize(w, h int) {
	e.w, e.h = w, h
	e.size()
}

// Typing implements typer: every key belongs to the form.
func (e *editForm) Typing() bool { return true }

// update runs the form; the screen handles its own saved message first.
func (e *editForm) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case saveFailedMsg:
		e.inputs = nil
		e.build()
		e.size()
		markFieldError(e.inputs, msg.err, e.com.styles)
		return e.failed(msg.err, e.form)
	case tea.KeyPressMsg:
		if ok, cmd := e.key(msg, e.snapshot() != e.initial); ok {
			return cmd
		}
	}
	var cmd tea.Cmd
	var done bool
	if e.form, cmd, done = e.step(e.com.styles, e.form, e.inputs, msg); done {
		return e.save()
	}
	return cmd
}

// view draws the banner (what is happening, or hint) above the form.
func (e *editForm) view(hint string) string {
	return e.banner(e.com.styles, e.com.styles.Muted.Render(hint), e.w) + "\n" + e.form.View()
}

// ShortHelp implements help.KeyMap.
func (e *editForm) ShortHelp() []key.Binding { return e.help(e.form) }

// FullHelp implements help.KeyMap.
func (e *editForm) FullHelp() [][]key.Binding { return [][]key.Binding{e.ShortHelp()} }
