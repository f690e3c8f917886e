package tui

import (
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// importPrompt asks for the path of a CSV file and imports it with the
// same code as `clientele import` (auto format), in a command. Why a file
// was refused stands beside the path, which stays typed to correct.
type importPrompt struct {
	com    *common
	keys   FormKeys
	form   *huh.Form
	inputs []titledInput // the path, to show its messages in its title
	w, h   int

	path      string
	err       string
	importing bool
}

func newImportPrompt(com *common) *importPrompt {
	p := &importPrompt{com: com, keys: DefaultFormKeys()}
	p.build()
	return p
}

// build makes the form; why the last file was refused stands beside the
// path until the path is changed.
func (p *importPrompt) build() {
	const title = "CSV file to import"
	in := huh.NewInput().Title(title).Value(&p.path).Placeholder("~/Downloads/orders.csv").
		Validate(requiredText).Description("Online Retail invoice lines, Etsy Sold Orders, or a CSV of " +
		"orders or of customers. Nothing is written unless every line reads; importing a file twice adds nothing.")
	p.inputs = []titledInput{{field: in, title: title, shown: title, saveErr: p.err, saveValue: p.path}}
	p.form = huh.NewForm(huh.NewGroup(in)).WithShowHelp(false).WithShowErrors(false).
		WithTheme(formTheme(p.com))
	if p.w > 0 {
		p.form = p.form.WithWidth(formWidth(p.w)).WithHeight(max(p.h-1, 3))
	}
	markErrors(p.form, p.inputs, p.com.styles)
}

// Title implements screen.
func (p *importPrompt) Title() string { return "Import" }

// Init focuses the path.
func (p *importPrompt) Init() tea.Cmd { return p.form.Init() }

// SetSize implements screen.
func (p *importPrompt) SetSize(w, h int) {
	p.w, p.h = w, h
	p.form = p.form.WithWidth(formWidth(w)).WithHeight(max(h-1, 3))
}

// Typing implements typer.
func (p *importPrompt) Typing() bool { return !p.importing }

// Update implements screen.
func (p *importPrompt) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case importDoneMsg:
		return tea.Batch(back, status("%s", msg.summary.String()))
	case importFailedMsg:
		p.importing = false
		p.err = errorText(msg.err)
		p.build()
		return p.form.Init()
	case tea.KeyPressMsg:
		if p.importing {
			return nil
		}
		if key.Matches(msg, p.keys.Cancel) {
			return back
		}
	}
	m, cmd := p.form.Update(msg)
	if form, ok := m.(*huh.Form); ok {
		p.form = form
	}
	markErrors(p.form, p.inputs, p.com.styles)
	if p.form.State == huh.StateCompleted && !p.importing {
		return p.run()
	}
	return cmd
}

// run imports the file in a command.
func (p *importPrompt) run() tea.Cmd {
	p.importing = true
	path, importFile := strings.TrimSpace(p.path), p.com.importFile
	return func() tea.Msg {
		if strings.HasPrefix(path, "~/") {
			if home, err := os.UserHomeDir(); err == nil {
				path = filepath.Join(home, path[2:])
			}
		}
		sum, err := importFile(bg(), path)
		if err != nil {
			return importFailedMsg{err}
		}
		return importDoneMsg{sum}
	}
}

// View implements screen.
func (p *importPrompt) View() string {
	st := p.com.styles
	banner := st.Title.Render("Import a CSV file")
	if p.importing {
		banner = st.Muted.Render("Importing " + clean(p.path) + "… (one transaction: all or nothing)")
	}
	return truncate(banner, p.w) + "\n" + p.form.View()
}

// ShortHelp implements help.KeyMap.
func (p *importPrompt) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "import")), p.keys.Cancel}
}

// FullHelp implements help.KeyMap.
func (p *importPrompt) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
