package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// screen is one page of the app: a tab such as the customer list, or a
// page pushed on top of one, such as a customer's detail or a form.
// Screens are pointers; Update returns only a command (the root owns the
// stack), and View draws exactly the size given by SetSize.
type screen interface {
	// Init loads what the screen shows, in a command. The root calls it
	// when the screen appears and again when a tab is revisited.
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	// Title names the screen in the header.
	Title() string
	help.KeyMap
}

// typer is a screen that may have a text field focused; while it does,
// printable keys (q, digits, ?) are typed rather than obeyed.
type typer interface{ Typing() bool }

// backer is a screen that uses esc itself (to clear a filter, say) before
// the root closes it. Back reports whether it handled the key.
type backer interface{ Back() (bool, tea.Cmd) }

// informer is a screen with a line of facts for the status bar when no
// message is showing ("1,204 customers · sorted by name").
type informer interface{ Info() string }

// common is what every screen shares: the store, the clock, the settings,
// the styles and the terminal's background. The root owns it and keeps it
// current; screens read it.
type common struct {
	store    model.Store
	now      func() time.Time
	settings model.Settings
	styles   Styles
	isDark   bool
	noColor  bool
	// loadDemo fills an empty database with the demo business; nil hides
	// the offer.
	loadDemo func(context.Context) (string, error)
	// importFile imports a CSV file; nil hides the import prompt.
	importFile func(context.Context, string) (model.ImportSummary, error)
}

// money formats an amount in the business's currency.
func (c *common) money(m model.Money) string { return m.Format(c.settings.CurrencySymbol()) }

// moneyShort formats an amount rounded to whole units, for narrow columns.
func (c *common) moneyShort(m model.Money) string { return m.Short(c.settings.CurrencySymbol()) }

// today is the current day on the injected clock.
func (c *common) today() time.Time { return model.Day(c.now()) }

// bg is the context commands run their store calls in. Calls are local
// and short; quitting abandons them and SQLite rolls back what was not
// committed.
func bg() context.Context { return context.Background() }

// fail wraps an error as a message for the status bar.
func fail(err error) tea.Msg { return errMsg{err} }

// status returns a command that shows text in the status bar.
func status(format string, args ...any) tea.Cmd {
	text := format
	if len(args) > 0 {
		text = sprintf(format, args...)
	}
	return func() tea.Msg { return statusMsg{text: text} }
}

// back returns a command that closes the top screen.
func back() tea.Msg { return popMsg{} }

// push returns a command that opens the screen open builds on top of the
// stack: the one way a screen opens another. A command that loads what a
// screen needs first answers with a pushMsg of its own, whose open builds
// the screen over the data in Update, where the context may be read.
func push(open func() screen) tea.Cmd { return func() tea.Msg { return pushMsg{open} } }

// changed returns a command that tells the screens data changed.
func changed() tea.Msg { return dataChangedMsg{} }
