package profit

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/store/exportfile"
	"clientele/store/profitexport"
	"clientele/tui/kit"
)

// periodForm asks for the days of a custom period on the Profit tab: from
// and to, either left empty for an open end. A form body: a date it
// cannot read is refused beside its field, with everything typed kept.
type periodForm struct {
	com      *kit.Context
	from, to string
}

func newPeriodForm(com *kit.Context, from, to string) *periodForm {
	return &periodForm{com: com, from: from, to: to}
}

// Snapshot implements kit.Body.
func (f *periodForm) Snapshot() string { return f.from + "\x00" + f.to }

// Build implements kit.Body.
func (f *periodForm) Build(b *kit.Builder) kit.Fields {
	in := func(title string, v *string) *huh.Input { return b.Input(title, v).Inline(true) }
	return b.Huh(huh.NewForm(huh.NewGroup(
		in("From ", &f.from).Placeholder("YYYY-MM-DD; empty: since the first order").Validate(f.validateDate),
		in("To ", &f.to).Placeholder("YYYY-MM-DD, today; empty: up to the last").Validate(f.validateDate),
	).Title("Profit over your own dates")))
}

// validateDate accepts a date ParseDate reads, or nothing.
func (f *periodForm) validateDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := model.ParseDate(s, f.com.Now())
	return err
}

// period reads the values into a period.
func (f *periodForm) period() (model.Period, error) {
	var days [2]time.Time
	for i, v := range []struct{ field, text string }{{"from", f.from}, {"to", f.to}} {
		if strings.TrimSpace(v.text) == "" {
			continue
		}
		d, err := model.ParseDate(v.text, f.com.Now())
		if err != nil {
			return model.Period{}, model.Invalid(v.field, "%v", err)
		}
		days[i] = d
	}
	return model.CustomPeriod(days[0], days[1])
}

// Title implements screen.
func (f *periodForm) Title() string { return "Custom period" }

// ReadsOnly implements kit.Reading: choosing a period writes nothing.
func (f *periodForm) ReadsOnly() {}

// save hands the period to the Profit tab, once this form has closed.
func (f *periodForm) Save() (tea.Cmd, error) {
	p, err := f.period()
	if err != nil {
		return nil, err
	}
	chosen := periodChosenMsg{period: p, from: strings.TrimSpace(f.from), to: strings.TrimSpace(f.to)}
	return func() tea.Msg { return kit.SavedMsg{Then: func() tea.Msg { return chosen }} }, nil
}

// banner says how dates are typed.
func (f *periodForm) Banner(w int) string {
	return kit.Truncate(f.com.Styles.Muted.Render("Dates as YYYY-MM-DD, today, yesterday or -30 (days ago); both days are included."), w)
}

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
