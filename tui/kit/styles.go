package kit

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"clientele/model"
)

// Styles is every style the TUI draws with, built once per background
// (light or dark) and colour setting. Screens read it from the Context;
// nothing else creates styles.
type Styles struct {
	noColor bool

	Header    lipgloss.Style // the top line
	AppName   lipgloss.Style
	Tab       lipgloss.Style
	ActiveTab lipgloss.Style

	Title    lipgloss.Style // a screen or section title
	Section  lipgloss.Style // a heading inside a screen
	Label    lipgloss.Style // "email" before a value
	Muted    lipgloss.Style // secondary text
	Accent   lipgloss.Style
	Good     lipgloss.Style // profit, promoters, done
	Bad      lipgloss.Style // losses, detractors, overdue
	Warn     lipgloss.Style // due soon, needs attention
	Selected lipgloss.Style // the row under the cursor
	Marked   lipgloss.Style // rows marked with space
	ColHead  lipgloss.Style // table column titles
	// Voided is a record entered by mistake and voided: struck through
	// and faded. Strikethrough may not show (NO_COLOR, some terminals):
	// whoever draws one also says "void" in words.
	Voided lipgloss.Style

	Status    lipgloss.Style
	StatusErr lipgloss.Style
	Condition lipgloss.Style // the line that says the book cannot be written, or its copies fail
	Panel     lipgloss.Style // a bordered box, e.g. the welcome panel
	Key       lipgloss.Style // a key in running text: "press d"

	Help help.Styles
}

// NewStyles builds the styles for a dark or light background; noColor
// keeps only bold, faint, underline and reverse (NO_COLOR).
func NewStyles(isDark, noColor bool) Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color {
		if noColor {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(dark))
	}
	accent := c("#5A3FC0", "#B9A6FF")
	muted := c("#6E6E6E", "#8C8C8C")
	good := c("#1A7F37", "#5BD98A")
	bad := c("#C0262D", "#FF7070")
	warn := c("#8A5A00", "#F5C04A")
	selBg := c("#E6E0FF", "#3A3260")

	s := Styles{noColor: noColor}
	s.Header = lipgloss.NewStyle()
	s.AppName = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Tab = lipgloss.NewStyle().Foreground(muted)
	s.ActiveTab = lipgloss.NewStyle().Bold(true).Foreground(accent).Underline(true)
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Section = lipgloss.NewStyle().Bold(true)
	s.Label = lipgloss.NewStyle().Foreground(muted)
	s.Muted = lipgloss.NewStyle().Foreground(muted)
	s.Accent = lipgloss.NewStyle().Foreground(accent)
	s.Good = lipgloss.NewStyle().Foreground(good)
	s.Bad = lipgloss.NewStyle().Foreground(bad)
	s.Warn = lipgloss.NewStyle().Foreground(warn)
	s.Selected = lipgloss.NewStyle().Background(selBg).Bold(true)
	s.Marked = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.ColHead = lipgloss.NewStyle().Bold(true).Foreground(muted)
	s.Voided = lipgloss.NewStyle().Strikethrough(true).Foreground(muted)
	s.Status = lipgloss.NewStyle().Foreground(muted)
	s.StatusErr = lipgloss.NewStyle().Foreground(bad).Bold(true)
	s.Condition = lipgloss.NewStyle().Foreground(warn).Bold(true)
	s.Panel = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(1, 2)
	s.Key = lipgloss.NewStyle().Bold(true).Foreground(accent)
	if noColor {
		s.Selected = lipgloss.NewStyle().Reverse(true)
		s.ActiveTab = lipgloss.NewStyle().Bold(true).Underline(true)
		s.StatusErr = lipgloss.NewStyle().Bold(true)
		s.Bad = lipgloss.NewStyle().Bold(true)
		s.Marked = lipgloss.NewStyle().Bold(true)
		s.Voided = lipgloss.NewStyle().Strikethrough(true).Faint(true)
	}
	s.Help = help.DefaultStyles(isDark)
	if noColor {
		plain := lipgloss.NewStyle()
		s.Help = help.Styles{ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain,
			Ellipsis: plain, FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain}
	}
	return s
}

// Stage styles a stage name: advocates stand out, former customers fade.
func (s Styles) Stage(st model.Stage) lipgloss.Style {
	switch st {
	case model.StageAdvocate:
		return s.Good
	case model.StageFormer, model.StageProspect:
		return s.Muted
	}
	return lipgloss.NewStyle()
}

// Money styles an amount: losses in the bad colour.
func (s Styles) Money(m model.Money) lipgloss.Style {
	if m < 0 {
		return s.Bad
	}
	return lipgloss.NewStyle()
}

// Colours that bubbles' text input picks for itself and that no option of
// huh's reaches: huh styles only the focused field's input from its
// theme, so every other field keeps the input's defaults, which are made
// for a dark background. Each is a style of one colour and nothing else,
// so lipgloss writes it as a sequence of its own.
const (
	InputPlaceholder = "\x1b[38;5;240m" // its placeholder, under any theme
	InputText        = "\x1b[37m"       // a blurred field's value and prompt: ANSI white
)

// The rewrites Recolour makes: faint for the grey placeholder without
// colour, the terminal's own foreground for ANSI white on a light
// background.
var (
	recolourNoColor = strings.NewReplacer(InputPlaceholder, "\x1b[2m")
	recolourLight   = strings.NewReplacer(InputText, "\x1b[39m")
	recolourBoth    = strings.NewReplacer(InputPlaceholder, "\x1b[2m", InputText, "\x1b[39m")
)

// Recolour rewrites those inherited colours in a frame. Under NO_COLOR a
// placeholder drawn in grey would lose its grey and read like a typed
// value: it is drawn faint instead. On a light background ANSI white is
// all but invisible: the terminal's own foreground stands in for it.
// Frames on a dark background, in colour, pass unchanged.
func Recolour(frame string, isDark, noColor bool) string {
	switch {
	case noColor && !isDark:
		return recolourBoth.Replace(frame)
	case noColor:
		return recolourNoColor.Replace(frame)
	case !isDark:
		return recolourLight.Replace(frame)
	}
	return frame
}
