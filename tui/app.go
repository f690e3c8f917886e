// Package tui is clientele's terminal interface, built on Bubble Tea v2.
//
// One root model (App) owns the tabs, a stack of screens pushed over them,
// the status bar and the help, and routes the requests one area makes for
// another's screens (routes.go). The screens live in one package per area
// (tui/customers, tui/today, tui/segments, tui/feedback, tui/complaints,
// tui/profit, tui/settings), on what they share in tui/kit: screens are
// pointers with Update methods that return only commands; all I/O happens
// in those commands, which answer with messages.
package tui

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"reflect"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"clientele/model"
	"clientele/tui/complaints"
	"clientele/tui/customers"
	"clientele/tui/desktop"
	"clientele/tui/feedback"
	"clientele/tui/history"
	"clientele/tui/kit"
	"clientele/tui/profit"
	"clientele/tui/segments"
	"clientele/tui/settings"
	"clientele/tui/today"
)

// Options configure the app.
type Options struct {
	// Now is the clock; nil means the wall clock.
	Now func() time.Time
	// NoColor draws without colour (the NO_COLOR convention).
	NoColor bool
	// LoadDemo fills an empty database with the demo business and says
	// what it wrote; nil hides the offer.
	LoadDemo func(ctx context.Context) (string, error)
	// OpenDemo opens the demo business in its own file, DemoFile (writing
	// it first when the file is new), and says what it did; the app then
	// works on that file and the owner's book stays as it was. It takes
	// the place of LoadDemo; nil leaves the offer to LoadDemo.
	OpenDemo func(ctx context.Context) (model.Store, string, error)
	DemoFile string
	// Import reads files into the store, all or nothing, after showing
	// what they would do (store/importer.For); nil hides the import.
	Import model.Importer
	// Copier keeps the book's continuous copy while the interface is
	// open, to the destination its settings name; nil keeps none.
	Copier Copier
	// FollowedFrom is the destination a followed copy comes from
	// (clientele --follow URL); the store is then open read-only, and every
	// write key says where the book is written instead.
	FollowedFrom string
	// Followed says how current a followed copy is (main reads the
	// follower's -txid file: replica.Followed): the position of the last
	// change it holds, and when it was last known current; ok is false
	// until the follower has made the copy. It does I/O: the root calls it
	// in a command every followEvery, shows the time on the condition
	// line, and when the position moves every screen shown reloads, as
	// after a write. Nil for a book that is not followed.
	Followed func() (position uint64, at time.Time, ok bool)
	// Desktop is the owner's programs messages are handed to (main gives
	// desktop.System()); nil starts no program (OSC 52 still copies).
	Desktop *desktop.Desktop
	// Exec lends the terminal to the editor; nil is tea.ExecProcess.
	Exec func(c *exec.Cmd, fn tea.ExecCallback) tea.Cmd
}

// Copier keeps a continuous copy of the book (main gives one on
// store/replica, clientele replicate's engine).
type Copier interface {
	// CopyTo copies to dest from now on, after a final copy to the
	// destination it copied to before ("" stops copying). It does I/O: run
	// it in a command.
	CopyTo(dest string) error
	// Status says how copying goes; it does no I/O.
	Status() kit.Copies
}

// copiesEvery is how often the root asks the Copier how copying goes.
const copiesEvery = 2 * time.Second

// copiesMsg carries how copying goes; err is what starting it said.
type copiesMsg struct {
	status kit.Copies
	err    error
}

// copiesTickMsg asks the Copier again.
type copiesTickMsg struct{}

// followEvery is how often the root looks at how current a followed copy
// is: as often as the follower looks for changes.
const followEvery = time.Second

// followedMsg carries how current a followed copy is (Options.Followed).
type followedMsg struct {
	position uint64
	at       time.Time
	ok       bool
}

// followTickMsg asks Options.Followed again.
type followTickMsg struct{}

// followMovedMsg carries the settings read after the followed copy moved:
// the writing machine may have changed them too.
type followMovedMsg struct{ settings model.Settings }

// tab is a top-level screen reached with its digit.
type tab struct {
	key    string // the digit, as the header shows it
	bind   key.Binding
	screen kit.Screen
}

// App is the root model.
type App struct {
	opt    Options // what the app was made with, for a book opened later
	com    *kit.Context
	store  model.Store
	keys   GlobalKeys
	tabs   []tab
	active int
	stack  []kit.Screen // screens pushed over the active tab; the last is on top
	help   help.Model

	width, height int
	showHelp      bool
	moved         bool // a key was pressed: the first screen is the user's choice now
	status        string
	statusErr     bool
	statusID      int
	chrome        int // lines not given to the screen: header, condition, status, help
	copier        Copier
	copyingTo     string // the destination the copier was last given
	followed      func() (uint64, time.Time, bool)
	followPos     uint64 // the followed copy's position the screens show
	followSeen    bool   // followPos has been read
	// What u and U would take back now, for the full help; read when ?
	// opens it.
	undoNext, redoNext *model.Change
}

// undoStateMsg carries what u and U would take back now.
type undoStateMsg struct{ undo, redo *model.Change }

// resumedMsg says the process was stopped (SIGTSTP) and has been
// continued: see HandleSuspend.
type resumedMsg struct{}

// clearStatusMsg clears the status bar if it still shows message id.
type clearStatusMsg struct{ id int }

// startedMsg carries what the first review answered: the first screen is
// chosen and drawn, so the file's quick check may start.
type startedMsg struct{ review tea.Msg }

// healthMsg carries the verdict of the file's quick check.
type healthMsg struct{ err error }

// statusFor is how long a message that is not an error stays in the
// status bar; an error stays until the next key (or click), and goes then.
const statusFor = 5 * time.Second

// Layout: a header line on top, a status line and a help line below, and
// the condition line over the status line when there is one.
const chromeLines = 3

// New builds the app over a store.
func New(store model.Store, opt Options) *App {
	now := opt.Now
	if now == nil {
		now = func() time.Time { return model.WallClock(time.Now()) }
	}
	com := &kit.Context{Now: now, Settings: model.DefaultSettings(), NoColor: opt.NoColor, IsDark: true,
		LoadDemo: opt.LoadDemo, OpenDemo: opt.OpenDemo, DemoFile: opt.DemoFile, Import: opt.Import,
		Desktop: opt.Desktop, Exec: opt.Exec}
	com.Styles = kit.NewStyles(com.IsDark, com.NoColor)
	com.Period = kit.DefaultPeriod(com.Today())
	// Whether the book can be written is known from the open (no I/O);
	// whether it is sound, from the quick check that starts once the
	// first screen is drawn.
	com.Book = kit.Book{Path: store.Path(), Locked: store.ReadOnly(), FollowedFrom: opt.FollowedFrom}
	if com.Book.FollowedFrom != "" && com.Book.Locked == nil {
		com.Book.Locked = model.ErrReadOnly
	}
	a := &App{opt: opt, com: com, store: store, keys: DefaultGlobalKeys(), help: help.New(), copier: opt.Copier,
		followed: opt.Followed}
	a.chrome = a.chromeLines()
	a.help.Styles = com.Styles.Help
	for i, s := range []kit.Screen{today.New(com, store), customers.NewList(com, store), segments.New(com, store),
		feedback.New(com, store), complaints.New(com, store), profit.New(com, store), settings.New(com, store)} {
		b := a.keys.GoTo[i]
		a.tabs = append(a.tabs, tab{key: b.Help().Key, bind: b, screen: s})
	}
	a.active = a.tabIndex("2") // until the review says someone needs the owner
	return a
}

// tabIndex returns the index of the tab reached with k, or 0.
func (a *App) tabIndex(k string) int {
	for i, t := range a.tabs {
		if t.key == k {
			return i
		}
	}
	return 0
}

// Init asks the terminal for its background, loads the settings and the
// first screen, and builds today's review, which decides the first screen;
// once it has, the file's quick check starts (healthCheck).
func (a *App) Init() tea.Cmd {
	review := today.LoadReview(a.com, a.store, 0, true)
	return tea.Batch(tea.RequestBackgroundColor, a.loadSettings(), a.top().Init(), a.copiesTick(),
		a.pollFollowed(), func() tea.Msg { return startedMsg{review()} }, a.findRecords())
}

// recordDaysMsg carries the days of the book's last record.
type recordDaysMsg struct{ last time.Time }

// findRecords reads where the book's records end (four index lookups),
// while the owner has not chosen a period: the figures open where the
// records are (kit.PeriodWhereRecordsAre).
func (a *App) findRecords() tea.Cmd {
	if a.com.Period.Chosen {
		return nil
	}
	store := a.store
	return func() tea.Msg {
		_, last, err := store.RecordDays(kit.Bg())
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return recordDaysMsg{last: last}
	}
}

// setPeriod makes p the period of the figures and tells the screens shown.
func (a *App) setPeriod(p kit.Period) tea.Cmd {
	a.com.Period = p
	return a.broadcast(kit.PeriodMsg{Period: p})
}

// healthCheck runs the file's quick check (a second at 100,000
// customers, on a reader) and answers its verdict. It starts after the
// first screen, which it would slow by half on two cores; a save made
// before the verdict waits for it in the store.
func (a *App) healthCheck() tea.Cmd {
	store := a.store
	return func() tea.Msg { return healthMsg{store.Health(kit.Bg())} }
}

func (a *App) loadSettings() tea.Cmd {
	store := a.store
	return func() tea.Msg {
		s, err := store.Settings(kit.Bg())
		if err != nil {
			return kit.ErrMsg{Err: fmt.Errorf("reading settings: %w", err)}
		}
		return kit.SettingsLoadedMsg{Settings: s}
	}
}

// Top is the screen in view: the top of the stack, else the active tab.
func (a *App) Top() kit.Screen { return a.top() }

// top is the screen on screen: the top of the stack, else the active tab.
func (a *App) top() kit.Screen {
	if n := len(a.stack); n > 0 {
		return a.stack[n-1]
	}
	return a.tabs[a.active].screen
}

// bodySize is the size screens draw in.
func (a *App) bodySize() (int, int) { return a.width, max(a.height-a.chrome, 1) }

// chromeLines is how many lines the header, the condition line, the status
// line (one or two rows) and the help take.
func (a *App) chromeLines() int {
	return chromeLines + a.conditionRows() + a.statusRows() - 1
}

// conditionRows is 1 when the condition line shows, else 0.
func (a *App) conditionRows() int {
	if a.condition() != nil {
		return 1
	}
	return 0
}

// Update handles the app's own messages and keys, routes the areas'
// requests (route), and passes the rest to the screen on top.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.SetWidth(msg.Width)
		a.chrome = a.chromeLines() // a long status takes two rows or one
		a.resize()
		return a, nil

	case tea.BackgroundColorMsg:
		a.com.IsDark = msg.IsDark()
		a.com.Styles = kit.NewStyles(a.com.IsDark, a.com.NoColor)
		a.help.Styles = a.com.Styles.Help
		// Screens with cached renderings redraw on the new styles.
		return a, a.broadcast(msg)

	case kit.SettingsLoadedMsg:
		a.com.Settings = msg.Settings
		return a, tea.Batch(a.broadcast(msg), a.copyTo(msg.Settings.ReplicateTo))
	case copiesMsg:
		a.com.Copies = msg.status
		a.relayout()
		if msg.err != nil {
			return a, a.setStatus("Not copying to "+kit.Clean(msg.status.Destination)+": "+kit.ErrorText(msg.err), true)
		}
		return a, nil
	case copiesTickMsg:
		return a, tea.Batch(a.pollCopies(), a.copiesTick())
	case followedMsg:
		return a, tea.Batch(a.followedMoved(msg), a.followTick())
	case followTickMsg:
		return a, a.pollFollowed()
	case followMovedMsg:
		// Every screen shown reads the book again, as after a write; the
		// settings too, when the writing machine changed them.
		reload := a.broadcast(kit.DataChangedMsg{})
		if !reflect.DeepEqual(msg.settings, a.com.Settings) {
			_, cmd := a.Update(kit.SettingsLoadedMsg{Settings: msg.settings})
			reload = tea.Batch(reload, cmd)
		}
		return a, reload

	case kit.StatusMsg:
		return a, a.setStatus(msg.Text, msg.Err)
	case kit.ErrMsg:
		a.learn(msg.Err)
		return a, a.setStatus(kit.ErrorText(msg.Err), true)

	case startedMsg:
		_, cmd := a.Update(msg.review)
		return a, tea.Batch(cmd, a.healthCheck())
	case healthMsg:
		if msg.err == nil || errors.Is(msg.err, context.Canceled) || a.com.Damaged() {
			return a, nil
		}
		a.lock(msg.err)
		return a, a.setStatus(a.com.Refusal(), true)
	case resumedMsg:
		// The terminal was the shell's while the process was stopped:
		// draw the whole screen again.
		return a, tea.ClearScreen
	case clearStatusMsg:
		if msg.id == a.statusID {
			a.showStatus("", false)
		}
		return a, nil

	case kit.OpenBookMsg:
		return a, a.openBook(msg)

	case kit.UndoneMsg:
		return a, a.undone(msg.Result)
	case undoStateMsg:
		a.undoNext, a.redoNext = msg.undo, msg.redo
		return a, nil

	case kit.PushMsg:
		s := msg.Open()
		if kit.WritesBook(s) {
			if cmd, refused := a.com.Refuse(); refused {
				return a, cmd
			}
		}
		return a, a.push(s)
	case kit.PopMsg:
		return a, tea.Sequence(a.pop(), msg.Then)

	case today.ReviewLoadedMsg:
		// The app opens on Today when someone needs the owner, unless they
		// already went elsewhere.
		t := a.tabIndex("1")
		if msg.Start && len(msg.Review.Entries) > 0 && len(a.stack) == 0 && !a.moved {
			a.active = t
		}
		return a, a.tabs[t].screen.Update(msg)

	case kit.PeriodMsg:
		return a, a.setPeriod(msg.Period)
	case recordDaysMsg:
		p := kit.PeriodWhereRecordsAre(a.com.Today(), msg.last, a.com.Date)
		if a.com.Period.Chosen || p.Same(a.com.Period) {
			return a, nil
		}
		return a, a.setPeriod(p)

	case kit.Broadcast:
		// A change every screen shown may need to know of: the form closes
		// itself, the list under it clears its marks, the Segments tab
		// remembers what u undoes. New records (an import) may move the
		// period the figures open on.
		if _, ok := msg.(kit.DataChangedMsg); ok {
			return a, tea.Batch(a.broadcast(msg), a.findRecords())
		}
		return a, a.broadcast(msg)

	case tea.KeyPressMsg:
		a.moved = true
		a.clearError() // an error stays until the next key
		return a, a.handleKey(msg)

	case tea.MouseMsg:
		if _, ok := msg.(tea.MouseClickMsg); ok {
			a.clearError()
		}
		// Screens see coordinates relative to their own top-left corner.
		return a, a.top().Update(offsetMouse(msg, 1))
	}
	if _, ok := msg.(kit.WriteRequest); ok {
		if cmd, refused := a.com.Refuse(); refused {
			return a, cmd
		}
	}
	if cmd, ok := a.route(msg); ok {
		return a, cmd
	}
	return a, a.top().Update(msg)
}

// openBook works on another book from now on (the demo business, in its
// own file): the app starts again on it, at the size it has, saying what
// was opened. The demo's book offers no demo and is not copied anywhere:
// the Copier keeps the owner's book.
func (a *App) openBook(msg kit.OpenBookMsg) tea.Cmd {
	opt := a.opt
	opt.LoadDemo, opt.OpenDemo, opt.DemoFile, opt.Copier, opt.FollowedFrom, opt.Followed = nil, nil, "", nil, "", nil
	fresh := New(msg.Store, opt)
	fresh.width, fresh.height = a.width, a.height
	fresh.help.SetWidth(a.width)
	fresh.resize()
	*a = *fresh
	return tea.Batch(a.Init(), a.setStatus(msg.Text, false))
}

// copyTo has the Copier copy to dest when the settings name another
// destination than it copies to: at start, and after a save. A book that
// cannot be written is not copied (it does not change here, and Litestream
// would write its tables into it).
func (a *App) copyTo(dest string) tea.Cmd {
	if a.copier == nil || dest == a.copyingTo || (dest != "" && !a.com.Writable()) {
		return nil
	}
	a.copyingTo = dest
	c := a.copier
	return func() tea.Msg {
		err := c.CopyTo(dest)
		return copiesMsg{status: c.Status(), err: err}
	}
}

// pollCopies asks the Copier how copying goes.
func (a *App) pollCopies() tea.Cmd {
	c := a.copier
	if c == nil {
		return nil
	}
	return func() tea.Msg { return copiesMsg{status: c.Status()} }
}

// copiesTick asks again in a while.
func (a *App) copiesTick() tea.Cmd {
	if a.copier == nil {
		return nil
	}
	return tea.Tick(copiesEvery, func(time.Time) tea.Msg { return copiesTickMsg{} })
}

// pollFollowed asks how current the followed copy is.
func (a *App) pollFollowed() tea.Cmd {
	f := a.followed
	if f == nil {
		return nil
	}
	return func() tea.Msg {
		pos, at, ok := f()
		return followedMsg{position: pos, at: at, ok: ok}
	}
}

// followTick asks again in a while.
func (a *App) followTick() tea.Cmd {
	if a.followed == nil {
		return nil
	}
	return tea.Tick(followEvery, func(time.Time) tea.Msg { return followTickMsg{} })
}

// followedMoved keeps how current the followed copy is, and when it has
// moved since the screens read it, reads the settings again to reload
// every screen shown (followMovedMsg).
func (a *App) followedMoved(msg followedMsg) tea.Cmd {
	if !msg.ok {
		return nil
	}
	a.com.Book.CurrentAt = msg.at
	moved := a.followSeen && msg.position != a.followPos
	a.followPos, a.followSeen = msg.position, true
	if !moved {
		return nil
	}
	store := a.store
	return func() tea.Msg {
		s, err := store.Settings(kit.Bg())
		if err != nil {
			return kit.ErrMsg{Err: fmt.Errorf("reading settings: %w", err)}
		}
		return followMovedMsg{settings: s}
	}
}

// learn locks the book when a write met damage: the store refuses every
// later write, and so does every key. (A read-only or full disk found by
// a write is not kept: the owner may free space or mend the permissions
// and try again.)
func (a *App) learn(err error) {
	if errors.Is(err, model.ErrDamaged) && !a.com.Damaged() {
		a.lock(err)
	}
}

// lock records why nothing can be saved; the condition line says it.
func (a *App) lock(err error) {
	a.com.Book.Locked = err
	a.relayout()
}

// relayout gives the screens the lines the chrome leaves when the
// condition line comes or goes.
func (a *App) relayout() {
	if c := a.chromeLines(); c != a.chrome {
		a.chrome = c
		a.resize()
	}
}

// resize gives every screen the body's size.
func (a *App) resize() {
	w, h := a.bodySize()
	for _, t := range a.tabs {
		t.screen.SetSize(w, h)
	}
	for _, s := range a.stack {
		s.SetSize(w, h)
	}
}

// broadcast passes msg to the active tab and every stacked screen, so that
// what is on screen and what esc returns to are both current.
func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	cmds := []tea.Cmd{a.tabs[a.active].screen.Update(msg)}
	for _, s := range a.stack {
		cmds = append(cmds, s.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (a *App) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, a.keys.ForceQuit) {
		if q, ok := a.top().(kit.QuitHolder); ok && !a.showHelp && q.HoldQuit() {
			return nil // an edited form asks first; ctrl+c again quits
		}
		return tea.Quit
	}
	if a.showHelp {
		// Any key closes the help; q and esc only close it.
		a.showHelp = false
		return nil
	}
	top := a.top()
	if t, ok := top.(kit.Typer); ok && t.Typing() {
		return top.Update(msg)
	}
	switch {
	case key.Matches(msg, a.keys.Quit):
		return tea.Quit
	case key.Matches(msg, a.keys.Help):
		a.showHelp = true
		a.undoNext, a.redoNext = nil, nil
		return a.loadUndoState()
	case key.Matches(msg, a.keys.Undo, a.keys.Redo) && !a.com.Writable():
		// An undo or a redo is a change of its own.
		cmd, _ := a.com.Refuse()
		return cmd
	case key.Matches(msg, a.keys.Undo):
		if u, ok := top.(kit.Undoer); ok {
			if used, cmd := u.Undo(msg); used {
				return cmd
			}
		}
		if _, ok := top.(*kit.Form); ok {
			return nil // a form saving: its keys wait, and so does undo
		}
		return kit.RunUndo(a.store.Undo, "Nothing to undo.")
	case key.Matches(msg, a.keys.Redo):
		if _, ok := top.(*kit.Form); ok {
			return nil
		}
		return kit.RunUndo(a.store.Redo, "Nothing to redo.")
	case key.Matches(msg, a.keys.Back):
		if b, ok := top.(kit.Backer); ok {
			if handled, cmd := b.Back(); handled {
				return cmd
			}
		}
		return a.pop()
	case key.Matches(msg, a.keys.NextTab):
		return a.switchTab(a.active + 1)
	case key.Matches(msg, a.keys.PrevTab):
		return a.switchTab(a.active - 1 + len(a.tabs))
	}
	for i, t := range a.tabs {
		if key.Matches(msg, t.bind) {
			return a.switchTab(i)
		}
	}
	if key.Matches(msg, a.keys.Settings) {
		return a.switchTab(a.tabIndex("7"))
	}
	if key.Matches(msg, a.keys.History) {
		return history.Open(a.com, a.store, 0)
	}
	if kit.IsWriteKey(top, msg) {
		if cmd, refused := a.com.Refuse(); refused {
			return cmd
		}
	}
	return top.Update(msg)
}

// switchTab shows tab i (modulo the number of tabs), closing any pushed
// screens, and reloads it.
func (a *App) switchTab(i int) tea.Cmd {
	i %= len(a.tabs)
	if i == a.active && len(a.stack) == 0 {
		return nil
	}
	a.active = i
	a.stack = nil
	return a.tabs[i].screen.Init()
}

// undone says what an undo or a redo took back and reloads every screen
// shown: any record may have changed (the settings, when it was theirs).
func (a *App) undone(res model.UndoResult) tea.Cmd {
	reload := tea.Batch(a.broadcast(kit.DataChangedMsg{}), a.findRecords())
	switch res.Reversed.Action {
	case model.ActionSettings, model.ActionTemplate, model.ActionField:
		reload = kit.ReloadSettings(a.store)
	}
	return tea.Batch(reload, a.setStatus(res.Message(), false))
}

// loadUndoState reads what u and U would take back now, for the help.
func (a *App) loadUndoState() tea.Cmd {
	store := a.store
	return func() tea.Msg {
		undo, redo, err := store.UndoState(kit.Bg())
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return undoStateMsg{undo: undo, redo: redo}
	}
}

func (a *App) push(s kit.Screen) tea.Cmd {
	if _, ok := s.(*kit.Form); ok {
		// What the status line said was about the screen under the form
		// ("Saved …" of the last one): under a new form it read as the
		// form's own.
		a.showStatus("", false)
	}
	s.SetSize(a.bodySize())
	a.stack = append(a.stack, s)
	return s.Init()
}

// pop closes the top screen; the screen below reloads, since what was on
// top may have changed its data (an import: where the records end, too).
func (a *App) pop() tea.Cmd {
	if len(a.stack) == 0 {
		return nil
	}
	a.stack = a.stack[:len(a.stack)-1]
	return tea.Batch(a.top().Update(kit.DataChangedMsg{}), a.findRecords())
}

// setStatus shows a message in the status line until the next key; a
// message that is not an error also goes after statusFor.
func (a *App) setStatus(text string, isErr bool) tea.Cmd {
	a.statusID++
	a.showStatus(text, isErr)
	if isErr {
		return nil
	}
	id := a.statusID
	return tea.Tick(statusFor, func(time.Time) tea.Msg { return clearStatusMsg{id} })
}

// clearError takes an error away: a key was pressed.
func (a *App) clearError() {
	if a.statusErr {
		a.statusID++
		a.showStatus("", false)
	}
}

// showStatus puts text in the status line, which takes a second row (and
// the screens one line less) while a message is too long for one: a
// message that matters is read whole at 80 columns.
func (a *App) showStatus(text string, isErr bool) {
	a.status, a.statusErr = text, isErr
	a.relayout()
}

// statusRows is how many rows the status line takes: two while the
// message is wider than the terminal, when the screen keeps three lines.
func (a *App) statusRows() int {
	if a.status == "" || kit.Width(model.Printable(a.status)) <= a.width ||
		a.height-chromeLines-a.conditionRows()-1 < 3 {
		return 1
	}
	return 2
}

// View draws the header, the screen on top, the status line and the help.
func (a *App) View() tea.View {
	v := tea.NewView(kit.Recolour(a.render(), a.com.IsDark, a.com.NoColor))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "clientele · " + model.Printable(a.com.Settings.BusinessName)
	return v
}

func (a *App) render() string {
	if a.width == 0 {
		return ""
	}
	if a.width < kit.MinWidth || a.height < kit.MinHeight {
		return kit.FitBlock("too small\nneed 20×5", a.width, a.height)
	}
	w, h := a.bodySize()
	var body string
	if a.showHelp {
		body = a.fullHelp(w)
	} else {
		body = a.top().View()
	}
	var b strings.Builder
	b.WriteString(a.header())
	b.WriteByte('\n')
	b.WriteString(kit.FitBlock(body, w, h))
	b.WriteByte('\n')
	if c := a.condition(); c != nil {
		b.WriteString(a.conditionLine(c))
		b.WriteByte('\n')
	}
	b.WriteString(a.statusLine())
	b.WriteByte('\n')
	b.WriteString(a.helpLine())
	return b.String()
}

// header draws the app name, the business and the tabs: every tab's
// title when that fits beside the business's name, tabs closer together
// before they shrink to their digits, and the name only where it fits.
func (a *App) header() string {
	st := a.com.Styles
	name := st.Muted.Render(model.Printable(a.com.Settings.BusinessName))
	layouts := []string{a.tabLine(false, "  "), a.tabLine(false, " "), a.tabLine(true, "  ")}
	for _, line := range layouts {
		if gap := a.width - kit.Width(line) - kit.Width(name); gap >= 2 {
			return line + strings.Repeat(" ", gap) + name
		}
	}
	for _, line := range layouts {
		if kit.Width(line) <= a.width {
			return line
		}
	}
	return kit.Truncate(layouts[len(layouts)-1], a.width)
}

// tabLine is the app name, the tabs and the title of a pushed screen,
// sep apart; compact names only the tab in view, the others by their
// digit, for when every title does not fit.
func (a *App) tabLine(compact bool, sep string) string {
	st := a.com.Styles
	var b strings.Builder
	b.WriteString(st.AppName.Render("clientele"))
	for i, t := range a.tabs {
		b.WriteString(sep)
		label := t.key + " " + t.screen.Title()
		switch {
		case i == a.active:
			b.WriteString(st.ActiveTab.Render(label))
		case compact:
			b.WriteString(st.Tab.Render(t.key))
		default:
			b.WriteString(st.Tab.Render(label))
		}
	}
	if n := len(a.stack); n > 0 {
		b.WriteString(st.Muted.Render("  › " + model.Printable(a.stack[n-1].Title())))
	}
	return b.String()
}

// statusLine shows the latest message on the left and the screen's facts
// on the right, as far as the width allows; a message too long for the
// line takes two rows (statusRows), and is cut between words only past
// them.
func (a *App) statusLine() string {
	st := a.com.Styles
	var info string
	if i, ok := a.top().(kit.Informer); ok {
		info = i.Info()
	}
	if a.status == "" {
		return kit.Truncate(st.Status.Render(info), a.width)
	}
	text, style := model.Printable(a.status), st.Accent
	if a.statusErr {
		style = st.StatusErr
	}
	// Beside a message the info keeps what fits of its parts, in order
	// ("25 customers · sorted by name · 1 of 25 · follow-up …").
	for info != "" && a.width-kit.Width(text)-kit.Width(info) < 3 && strings.Contains(info, " · ") {
		info = info[:strings.LastIndex(info, " · ")]
	}
	if gap := a.width - kit.Width(text) - kit.Width(info); info != "" && gap >= 3 {
		return style.Render(text) + strings.Repeat(" ", gap) + st.Status.Render(info)
	}
	if a.statusRows() == 2 {
		first, second := splitRows(text, a.width)
		return style.Render(first) + "\n" + style.Render(kit.TruncateWords(second, a.width))
	}
	return style.Render(kit.TruncateWords(text, a.width))
}

// splitRows splits text at a space into two rows, the first at most w
// wide, as even as they can be (the second may still be wider than w).
// A text with no space to split at is cut in the first row.
func splitRows(text string, w int) (string, string) {
	words := strings.Split(text, " ")
	best, bestW := -1, 0
	for k := 1; k < len(words); k++ {
		first, second := kit.Width(strings.Join(words[:k], " ")), kit.Width(strings.Join(words[k:], " "))
		if first > w {
			break
		}
		if m := max(first, second); best < 0 || m < bestW {
			best, bestW = k, m
		}
	}
	if best < 0 {
		return kit.Truncate(text, w), ""
	}
	return strings.Join(words[:best], " "), strings.Join(words[best:], " ")
}

// helpLine is the top screen's short help followed by the global keys;
// when it does not fit, the screen's last keys give way (? lists them all).
func (a *App) helpLine() string {
	top := a.top()
	own := top.ShortHelp()
	var global []key.Binding
	if t, ok := top.(kit.Typer); !ok || !t.Typing() {
		if len(a.stack) > 0 {
			global = append(global, a.keys.Back)
		}
		global = append(global, a.keys.Help, a.keys.Quit)
	}
	h := a.help
	h.SetWidth(0) // measure whole lines; the loop does the fitting
	for n := len(own); n >= 0; n-- {
		line := h.ShortHelpView(append(own[:n:n], global...))
		if kit.Width(line) <= a.width {
			return line
		}
	}
	return kit.Truncate(a.help.ShortHelpView(global), a.width)
}

// fullHelp lists every key of the top screen and the global ones, in
// columns that wrap to the width.
func (a *App) fullHelp(w int) string {
	st := a.com.Styles
	undo := a.undoKey()
	groups := append(a.top().FullHelp(), a.globalHelp())
	h := help.New()
	h.Styles = a.help.Styles
	var rows []string
	var row []string
	rowW := 0
	for _, g := range groups {
		col := h.FullHelpView([][]key.Binding{g})
		cw := lipgloss.Width(col)
		if len(row) > 0 && rowW+3+cw > w {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		if len(row) > 0 {
			row = append(row, "   ")
			rowW += 3
		}
		row = append(row, col)
		rowW += cw
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	// The file in use is always findable: on the title line, which every
	// screen's keys leave in view.
	title := kit.Truncate(st.Title.Render("Keys on "+model.Printable(a.top().Title()))+
		st.Muted.Render(" · the book: "+kit.Clean(kit.HomePath(a.com.Book.Path))), w)
	// What u and U would take back now, on one line.
	var next []string
	for _, n := range []struct {
		k    key.Binding
		verb string
		c    *model.Change
	}{{undo, " undoes: ", a.undoNext}, {a.keys.Redo, " redoes: ", a.redoNext}} {
		if n.c != nil {
			next = append(next, n.k.Keys()[0]+n.verb+kit.Clean(n.c.Subject()))
		}
	}
	var note []string
	if len(next) > 0 {
		note = append(note, kit.Truncate(strings.Join(next, " · "), w))
	}
	for _, l := range kit.WrapParts([]string{"q, u and digits type into a text field.",
		"ctrl+z undoes; suspend with kill -s TSTP, then fg.", "Any key closes this."}, w) {
		note = append(note, st.Muted.Render(l))
	}
	return title + "\n\n" + strings.Join(rows, "\n\n") + "\n\n" + strings.Join(note, "\n")
}

// undoKey is how the help names the book's undo: u and ctrl+z, or only
// ctrl+z on a screen whose own u undoes what is under the cursor.
func (a *App) undoKey() key.Binding {
	if _, ok := a.top().(kit.Undoer); ok {
		return a.keys.UndoCtrl
	}
	return a.keys.Undo
}

// globalHelp lists the keys that work on every screen, for ? (not ?
// itself: the help is open).
func (a *App) globalHelp() []key.Binding {
	return []key.Binding{a.keys.Tabs, a.keys.Cycle, a.keys.Settings, a.keys.Back, a.keys.QuitHelp,
		a.undoKey(), a.keys.Redo, a.keys.History}
}

// offsetMouse moves a mouse message's y up by dy lines.
func offsetMouse(msg tea.MouseMsg, dy int) tea.Msg {
	switch m := msg.(type) {
	case tea.MouseClickMsg:
		m.Y -= dy
		return m
	case tea.MouseReleaseMsg:
		m.Y -= dy
		return m
	case tea.MouseWheelMsg:
		m.Y -= dy
		return m
	case tea.MouseMotionMsg:
		m.Y -= dy
		return m
	}
	return msg
}
