package profit

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/store/exportfile"
	"clientele/store/profitexport"
	"clientele/tui/kit"
)

// exportPrompt asks where to write the profit summary on screen and
// writes it there in a command, atomically; the format follows the name's
// ending (.md, .csv or .json). A path that cannot be written is refused
// beside the field, still typed, to correct. A form body.
type exportPrompt struct {
	com     *kit.Context
	summary model.ProfitSummary
	path    string
}

func newExportPrompt(com *kit.Context, s model.ProfitSummary) *exportPrompt {
	return &exportPrompt{com: com, summary: s, path: "~/clientele-profit-" + periodSlug(s.Period) + ".md"}
}

// periodSlug names a period in a file name: "2025", "all-time",
// "2025-12-01-to-2026-11-23", "since-2024-03-01".
func periodSlug(p model.Period) string {
	switch {
	case p.From.IsZero() && p.To.IsZero():
		return "all-time"
	case p.Kind == model.PeriodYear:
		return p.From.Format("2006")
	case p.From.IsZero():
		return "until-" + model.FormatDate(p.To)
	case p.To.IsZero():
		return "since-" + model.FormatDate(p.From)
	}
	return model.FormatDate(p.From) + "-to-" + model.FormatDate(p.To)
}

// Snapshot implements kit.Body.
func (f *exportPrompt) Snapshot() string { return f.path }

// Build implements kit.Body.
func (f *exportPrompt) Build(b *kit.Builder) kit.Fields {
	in := b.Input("File ", &f.path).Inline(true).Placeholder("~/profit.md").CharLimit(4096)
	return b.Huh(huh.NewForm(huh.NewGroup(in).Title("Export the profit summary · " + f.summary.Period.String())))
}

// Title implements screen.
func (f *exportPrompt) Title() string { return "Export profit" }

// ReadsOnly implements kit.Reading: the export writes a file of its own,
// never the book, so it works on a book that can only be read.
func (f *exportPrompt) ReadsOnly() {}

// save writes the summary in a command, in the format the name's ending
// names (exportfile.FormatOf).
func (f *exportPrompt) Save() (tea.Cmd, error) {
	path := strings.TrimSpace(f.path)
	format, ok := exportfile.FormatOf(path)
	if !ok {
		return nil, model.Invalid("file", "end the name in .md (a page to read), .csv (a spreadsheet) or .json")
	}
	sum := f.summary
	return func() tea.Msg {
		full := kit.ExpandHome(path)
		if err := profitexport.WriteFile(full, sum, string(format)); err != nil {
			return kit.SaveFailedMsg{Err: model.Invalid("file", "%v", err)}
		}
		return kit.SavedMsg{Text: fmt.Sprintf("Wrote the profit summary for %s to %s.", sum.Period.String(), kit.Clean(full))}
	}, nil
}

// banner says how the file is written.
func (f *exportPrompt) Banner(w int) string {
	return kit.Truncate(f.com.Styles.Muted.Render("The file is written whole or not at all; one already there is replaced."), w)
}
