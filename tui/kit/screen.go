// Package kit is the room every part of clientele's terminal interface
// shares: the screen contract, the context a screen reads (clock,
// settings, styles), the messages screens and the root send each other,
// the keymaps, the table, the text helpers and the one form kit.
//
// An area of the interface (tui/customers, tui/today, ...) imports kit and
// model, never another area: it asks for another area's screen with a
// request message (OpenCustomerMsg, NewOrderMsg, ...) that the root
// routes, and opens its own with Push.
package kit

import (
	"context"
	"fmt"
	"os/exec"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/desktop"
)

// Screen is one page of the app: a tab such as the customer list, or a
// page pushed on top of one, such as a customer's detail or a form.
// Screens are pointers; Update returns only a command (the root owns the
// stack), and View draws exactly the size given by SetSize.
type Screen interface {
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

// Typer is a screen that may have a text field focused; while it does,
// printable keys (q, digits, ?) are typed rather than obeyed.
type Typer interface{ Typing() bool }

// QuitHolder is a screen that may hold what the user typed and not yet
// saved (a form): HoldQuit reports whether it asked before the app quits
// with ctrl+c, and will answer y itself.
type QuitHolder interface{ HoldQuit() bool }

// Backer is a screen that uses esc itself (to clear a filter, say) before
// the root closes it. Back reports whether it handled the key.
type Backer interface{ Back() (bool, tea.Cmd) }

// Undoer is a screen whose u undoes something of its own, under the
// cursor, before the book's history does (Today: the done or snooze of
// the entry; History: the change). The root asks it first whenever u or
// ctrl+z is pressed; it checks its own binding (u only, so ctrl+z stays
// the history's undo) and reports whether it used the key.
type Undoer interface {
	Undo(msg tea.KeyPressMsg) (bool, tea.Cmd)
}

// Informer is a screen with a line of facts for the status bar when no
// message is showing ("1,204 customers · sorted by name").
type Informer interface{ Info() string }

// Context is what every screen reads besides its store: the clock, the
// settings, the styles and the terminal's background. The root owns it
// and keeps it current; screens read it in Update and View, and copy what
// a command needs before the command runs.
type Context struct {
	Now      func() time.Time
	Settings model.Settings
	Styles   Styles
	IsDark   bool
	NoColor  bool
	// LoadDemo fills an empty database with the demo business; nil hides
	// the offer.
	LoadDemo func(context.Context) (string, error)
	// OpenDemo opens the demo business in its own file, DemoFile, writing
	// it there first when the file is new, and says what it did: the
	// owner's book is never filled with it. It takes the place of
	// LoadDemo; nil leaves the offer to LoadDemo.
	OpenDemo func(context.Context) (model.Store, string, error)
	DemoFile string
	// Import reads files into the book (tui/imports shows what a file
	// would do, then imports it); nil hides the import.
	Import model.Importer
	// Copies is how the book's continuous copy goes (see Copies).
	Copies Copies
	// Period is the period the Profit and Segments tabs and a customer's
	// detail show their figures over (see Period and PeriodMsg).
	Period Period
	// Book is whether the book can be written, and why not (see Book and
	// Refuse: every write checks it before it does anything).
	Book Book
	// Desktop is the owner's programs a message is handed to (the mail
	// program, the phone link, the editor, the clipboard); nil is none.
	Desktop *desktop.Desktop
	// Exec lends the terminal to a program (the editor) and answers what
	// fn makes of how it ended; nil is tea.ExecProcess.
	Exec func(c *exec.Cmd, fn tea.ExecCallback) tea.Cmd
}

// Programs is the desktop messages are handed to: Desktop, or one with
// no programs.
func (c *Context) Programs() *desktop.Desktop {
	if c.Desktop == nil {
		return desktop.None()
	}
	return c.Desktop
}

// ExecProcess runs cmd with the terminal lent to it (Exec).
func (c *Context) ExecProcess(cmd *exec.Cmd, fn tea.ExecCallback) tea.Cmd {
	if c.Exec == nil {
		return tea.ExecProcess(cmd, fn)
	}
	return c.Exec(cmd, fn)
}

// Money formats an amount in the business's currency.
func (c *Context) Money(m model.Money) string { return m.Format(c.Settings.CurrencySymbol()) }

// MoneyShort formats an amount rounded to whole units, for narrow columns.
func (c *Context) MoneyShort(m model.Money) string { return m.Short(c.Settings.CurrencySymbol()) }

// Date writes a day in the book's date order (Settings: how dates are
// written); the zero time is "".
func (c *Context) Date(t time.Time) string { return c.Settings.DateOrder.FormatDate(t) }

// DateTime writes a moment as its day in the book's date order and its
// time, "24/12/2026 15:04"; the zero time is "".
func (c *Context) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return c.Date(t) + " " + t.Format("15:04")
}

// ParseDate reads a day as the owner types it: in the book's date order,
// ISO always, or words ("today", "+2w", "fri") counted from today.
func (c *Context) ParseDate(s string) (time.Time, error) {
	return c.Settings.DateOrder.Parse(s, c.Now())
}

// DateHint is the placeholder of a date field: "24/12/2026, today, +7, fri".
func (c *Context) DateHint() string { return c.Settings.DateOrder.Example() + ", today, +7, fri" }

// Today is the current day on the injected clock.
func (c *Context) Today() time.Time { return model.Day(c.Now()) }

// Bg is the context commands run their store calls in. Calls are local
// and short; quitting abandons them and SQLite rolls back what was not
// committed.
func Bg() context.Context { return context.Background() }

// Status returns a command that shows text in the status bar.
func Status(format string, args ...any) tea.Cmd {
	text := format
	if len(args) > 0 {
		text = fmt.Sprintf(format, args...)
	}
	return func() tea.Msg { return StatusMsg{Text: text} }
}

// Back is a command that closes the top screen.
func Back() tea.Msg { return PopMsg{} }

// Push returns a command that opens the screen open builds on top of the
// stack: the one way a screen opens another. A command that loads what a
// screen needs first answers with a PushMsg of its own, whose Open builds
// the screen over the data in Update, where the context may be read.
func Push(open func() Screen) tea.Cmd { return func() tea.Msg { return PushMsg{Open: open} } }

// Changed is a command that tells the screens data changed.
func Changed() tea.Msg { return DataChangedMsg{} }

// Send returns a command that answers msg: a request for the root to
// route, a message for the screen under a form, or one every screen shown
// sees (a Broadcast).
func Send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
