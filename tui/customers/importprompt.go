package customers

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// importPrompt asks for the path of a CSV file and imports it with the
// same code as `clientele import` (auto format), in a command: a form
// body. Why a file was refused stands beside the path, which stays typed
// to correct.
type importPrompt struct {
	com  *kit.Context
	keys ImportKeys
	path string
}

func newImportPrompt(com *kit.Context) *importPrompt {
	return &importPrompt{com: com, keys: DefaultImportKeys()}
}

// importTitle is the path field's title, and the name its errors give it.
const importTitle = "CSV file to import"

// Snapshot implements kit.Body.
func (p *importPrompt) Snapshot() string { return p.path }

// Build implements kit.Body.
func (p *importPrompt) Build(b *kit.Builder) kit.Fields {
	in := b.Input(importTitle, &p.path).Placeholder("~/Downloads/orders.csv").
		Validate(kit.RequiredText).Description("Online Retail invoice lines, Etsy Sold Orders, or a CSV of " +
		"orders or of customers. Nothing is written unless every line reads; importing a file twice adds nothing.")
	return b.Huh(huh.NewForm(huh.NewGroup(in)))
}

// Title implements screen.
func (p *importPrompt) Title() string { return "Import" }

// banner names the form.
func (p *importPrompt) Banner(w int) string {
	return kit.Truncate(p.com.Styles.Title.Render("Import a CSV file"), w)
}

// savingText says the import runs, all or nothing.
func (p *importPrompt) SavingText() string {
	return "Importing " + kit.Clean(p.path) + "… (one transaction: all or nothing)"
}

// shortHelp is enter to import.
func (p *importPrompt) Keys([]key.Binding) []key.Binding { return []key.Binding{p.keys.Import} }

// save imports the file in a command; why it was refused is said beside
// the path.
func (p *importPrompt) Save() (tea.Cmd, error) {
	path, importFile := kit.ExpandHome(strings.TrimSpace(p.path)), p.com.Import
	return func() tea.Msg {
		sum, err := importFile(kit.Bg(), path)
		if err != nil {
			return kit.SaveFailedMsg{Err: model.Invalid(strings.ToLower(importTitle), "%s", kit.ErrorText(err))}
		}
		return kit.SavedMsg{Text: sum.String()}
	}, nil
}
