package tui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/store/profitexport"
)

// periodForm asks for the days of a custom period on the Profit tab: from
// and to, either left empty for an open end. It is an editForm: a date it
// cannot read is refused beside its field, with everything typed kept.
type periodForm struct {
	editForm
	from, to string
}

func newPeriodForm(com *common, from, to string) *periodForm {
	f := &periodForm{editForm: newEditForm(com), from: from, to: to}
	f.editForm.build, f.editForm.snapshot, f.editForm.save = f.build, f.snapshot, f.save
	f.start()
	return f
}

func (f *periodForm) snapshot() string { return f.from + "\x00" + f.to }

func (f *periodForm) build() {
	f.inputs = nil
	in := f.input
	f.form = f.finish(huh.NewForm(huh.NewGroup(
		in("From ", &f.from).Placeholder("YYYY-MM-DD; empty: since the first order").Validate(f.validateDate),
		in("To ", &f.to).Placeholder("YYYY-MM-DD, today; empty: up to the last").Validate(f.validateDate),
	).Title("Profit over your own dates")))
}

// validateDate accepts a date ParseDate reads, or nothing.
func (f *periodForm) validateDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := model.ParseDate(s, f.com.now())
	return err
}

// period reads the values into a period.
func (f *periodForm) period() (model.Period, error) {
	var days [2]time.Time
	for i, v := range []struct{ field, text string }{{"from", f.from}, {"to", f.to}} {
		if strings.TrimSpace(v.text) == "" {
			continue
		}
		d, err := model.ParseDate(v.text, f.com.now())
		if err != nil {
			return model.Period{}, model.Invalid(v.field, "%v", err)
		}
		days[i] = d
	}
	return model.CustomPeriod(days[0], days[1])
}

// Title implements screen.
func (f *periodForm) Title() string { return "Custom period" }

// Update implements screen.
func (f *periodForm) Update(msg tea.Msg) tea.Cmd { return f.update(msg) }

// save hands the period to the Profit tab, once this form has closed.
func (f *periodForm) save() tea.Cmd {
	p, err := f.period()
	if err != nil {
		return func() tea.Msg { return saveFailedMsg{err: err} }
	}
	chosen := periodChosenMsg{period: p, from: strings.TrimSpace(f.from), to: strings.TrimSpace(f.to)}
	return tea.Sequence(back, func() tea.Msg { return chosen })
}

// View implements screen.
func (f *periodForm) View() string {
	return f.view("Dates as YYYY-MM-DD, today, yesterday or -30 (days ago); both days are included.")
}

// exportPrompt asks where to write the profit summary on screen and
// writes it there in a command, atomically; the format follows the name's
// ending (.md, .csv or .json). A path that cannot be written is refused
// beside the field, still typed, to correct.
type exportPrompt struct {
	editForm
	summary model.ProfitSummary
	path    string
}

func newExportPrompt(com *common, s model.ProfitSummary) *exportPrompt {
	f := &exportPrompt{editForm: newEditForm(com), summary: s,
		path: "~/clientele-profit-" + periodSlug(s.Period) + ".md"}
	f.editForm.build, f.editForm.snapshot, f.editForm.save = f.build, f.snapshot, f.save
	f.start()
	return f
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

func (f *exportPrompt) snapshot() string { return f.path }

func (f *exportPrompt) build() {
	f.inputs = nil
	in := f.input("File ", &f.path).Placeholder("~/profit.md").CharLimit(4096)
	f.form = f.finish(huh.NewForm(huh.NewGroup(in).Title("Export the profit summary · " + f.summary.Period.String())))
}

// Title implements screen.
func (f *exportPrompt) Title() string { return "Export profit" }

// Update implements screen.
func (f *exportPrompt) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(profitExportedMsg); ok {
		return tea.Batch(back, status("Wrote the profit summary for %s to %s.", m.period, clean(m.path)))
	}
	return f.update(msg)
}

// exportFormats are the endings a summary is written by, and their format.
var exportFormats = map[string]string{".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json"}

// save writes the summary in a command.
func (f *exportPrompt) save() tea.Cmd {
	path := strings.TrimSpace(f.path)
	format, ok := exportFormats[strings.ToLower(filepath.Ext(path))]
	if !ok {
		err := model.Invalid("file", "end the name in .md (a page to read), .csv (a spreadsheet) or .json")
		return func() tea.Msg { return saveFailedMsg{err: err} }
	}
	f.saving = true
	sum := f.summary
	return func() tea.Msg {
		full := expandHome(path)
		if err := profitexport.WriteFile(full, sum, format); err != nil {
			return saveFailedMsg{err: model.Invalid("file", "%s", writeError(full, err))}
		}
		return profitExportedMsg{path: full, period: sum.Period.String()}
	}
}

// View implements screen.
func (f *exportPrompt) View() string {
	return f.view("The file is written whole or not at all; one already there is replaced.")
}

// expandHome turns a leading ~/ into the home folder.
func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// writeError says why path could not be written, in words to act on:
// the folder it names is missing, or it is a folder itself. Otherwise the
// writer's own words say it (see exportfile.Write).
func writeError(path string, err error) string {
	dir := filepath.Dir(path)
	if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
		return "there is no folder " + dir
	}
	if info, serr := os.Stat(path); serr == nil && info.IsDir() {
		return path + " is a folder: add a file name"
	}
	return err.Error()
}
