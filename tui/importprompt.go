package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
)

// importPrompt asks for the path of a CSV file and imports it with the
// same code as `clientele import` (auto format), in a command: a form
// body. Why a file was refused stands beside the path, which stays typed
// to correct.
type importPrompt struct {
	com  *common
	keys ImportKeys
	path string
}

func newImportPrompt(com *common) *importPrompt {
	return &importPrompt{com: com, keys: DefaultImportKeys()}
}

// importTitle is the path field's title, and the name its errors give it.
const importTitle = "CSV file to import"

func (p *importPrompt) snapshot() string { return p.path }

func (p *importPrompt) build(b *builder) fields {
	in := b.input(importTitle, &p.path).Placeholder("~/Downloads/orders.csv").
		Validate(requiredText).Description("Online Retail invoice lines, Etsy Sold Orders, or a CSV of " +
		"orders or of customers. Nothing is written unless every line reads; importing a file twice adds nothing.")
	return b.huh(huh.NewForm(huh.NewGroup(in)))
}

// Title implements screen.
func (p *importPrompt) Title() string { return "Import" }

// banner names the form.
func (p *importPrompt) banner(w int) string {
	return truncate(p.com.styles.Title.Render("Import a CSV file"), w)
}

// savingText says the import runs, all or nothing.
func (p *importPrompt) savingText() string {
	return "Importing " + clean(p.path) + "… (one transaction: all or nothing)"
}

// shortHelp is enter to import.
func (p *importPrompt) shortHelp([]key.Binding) []key.Binding { return []key.Binding{p.keys.Import} }

// save imports the file in a command; why it was refused is said beside
// the path.
func (p *importPrompt) save() (tea.Cmd, error) {
	path, importFile := expandHome(strings.TrimSpace(p.path)), p.com.importFile
	return func() tea.Msg {
		sum, err := importFile(bg(), path)
		if err != nil {
			return saveFailedMsg{err: model.Invalid(strings.ToLower(importTitle), "%s", errorText(err))}
		}
		return savedMsg{text: sum.String()}
	}, nil
}
