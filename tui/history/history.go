// Package history is the book's change history on screen: every change,
// newest first, or one customer's; what a change did, record by record;
// and u to take back the change under the cursor.
package history

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// Store is what the History screens read and write: the history, undoing
// a change, and the customers the filter names.
type Store interface {
	model.HistoryStore
	model.CustomerStore
}

// pageSize is how many changes one read brings; the next page is read as
// the cursor nears the end of those shown.
const pageSize = 200

// historyScreen lists the changes, newest first, a page at a time (keyset:
// the next page is the changes older than the last shown).
type historyScreen struct {
	com   *kit.Context
	store Store
	keys  HistoryKeys
	fkeys kit.FilterKeys
	w, h  int

	customerID int64  // only this customer's changes; 0 for all
	name       string // their name, once read
	// fixed is set when the screen was opened for one customer (their
	// detail's h): esc closes it rather than widening it.
	fixed bool

	table     kit.Table
	changes   []model.Change
	loaded    bool
	more      bool // the last page was full
	loading   bool
	seq       int
	filter    textinput.Model
	filtering bool
}

// Open is the History screen: every change, or customer id's (0 for all).
func Open(com *kit.Context, store Store, customerID int64) tea.Cmd {
	return kit.Push(func() kit.Screen { return newHistoryScreen(com, store, customerID) })
}

func newHistoryScreen(com *kit.Context, store Store, customerID int64) *historyScreen {
	fi := textinput.New()
	fi.Prompt = "customer: "
	fi.Placeholder = "a name, then enter"
	fi.CharLimit = 200
	return &historyScreen{com: com, store: store, keys: DefaultHistoryKeys(), fkeys: kit.DefaultFilterKeys(),
		customerID: customerID, fixed: customerID != 0, filter: fi,
		table: kit.NewTable(
			kit.Column{Title: "#", Width: 6, Right: true},
			kit.Column{Title: "when", Width: 16},
			kit.Column{Title: "", Width: 6}, // undone, redone
			kit.Column{Title: "what", Width: 20, Flex: 1},
			kit.Column{Title: "records", Width: 7, Right: true, From: 70},
		)}
}

// Title implements kit.Screen.
func (s *historyScreen) Title() string {
	if s.customerID != 0 && s.name != "" {
		return "History · " + s.name
	}
	return "History"
}

// Init reads the newest page.
func (s *historyScreen) Init() tea.Cmd { return s.load(false) }

// load reads the newest page, or with next the page after the last change
// shown, in a command.
func (s *historyScreen) load(next bool) tea.Cmd {
	if !next {
		s.seq++
	}
	s.loading = true
	q := model.HistoryQuery{CustomerID: s.customerID, Limit: pageSize}
	if next && len(s.changes) > 0 {
		q.Before = s.changes[len(s.changes)-1].ID
	}
	store, seq, named := s.store, s.seq, s.name != "" || s.customerID == 0
	return func() tea.Msg {
		ctx := kit.Bg()
		cs, err := store.History(ctx, q)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		msg := pageLoadedMsg{seq: seq, changes: cs, next: next, more: len(cs) == q.Limit}
		if !named {
			msg.name = kit.StoredName(ctx, store, q.CustomerID)
		}
		return msg
	}
}

// SetSize implements kit.Screen.
func (s *historyScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.table.SetSize(w, h-s.headLines())
}

// headLines is the height over the table: the line that says whose
// changes show, and the filter while it is typed.
func (s *historyScreen) headLines() int {
	if s.filtering {
		return 2
	}
	return 1
}

// Typing implements kit.Typer.
func (s *historyScreen) Typing() bool { return s.filtering }

// Back clears the customer filter before esc closes the screen.
func (s *historyScreen) Back() (bool, tea.Cmd) {
	switch {
	case s.filtering:
		s.filtering = false
		s.filter.Blur()
		s.SetSize(s.w, s.h)
		return true, nil
	case s.customerID != 0 && !s.fixed:
		s.customerID, s.name = 0, ""
		s.table.SetCursor(0)
		return true, s.load(false)
	}
	return false, nil
}

// selected is the change under the cursor.
func (s *historyScreen) selected() (model.Change, bool) {
	if !s.loaded || len(s.changes) == 0 {
		return model.Change{}, false
	}
	return s.changes[s.table.Cursor()], true
}

// Undo implements kit.Undoer: u takes back the change under the cursor
// (ctrl+z stays the book's latest).
func (s *historyScreen) Undo(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if !key.Matches(msg, s.keys.Undo) {
		return false, nil
	}
	c, ok := s.selected()
	if !ok {
		return true, nil
	}
	return true, undoChange(s.store, c)
}

// undoChange takes back change c in a command, or says why it cannot be.
func undoChange(store model.HistoryStore, c model.Change) tea.Cmd {
	switch {
	case c.Kind == model.ChangeErase:
		return kit.Status("An erasure is for good: it cannot be undone.")
	case c.ReversedBy != 0:
		return kit.Status("That change was undone already (U redoes the latest undo).")
	case c.Kind == model.ChangeUndo:
		return kit.Status("That is an undo: U redoes the latest undo.")
	}
	id := c.ID
	return kit.RunUndo(func(ctx context.Context) (model.UndoResult, error) { return store.UndoChange(ctx, id) },
		"That change is gone from the history.")
}

// Update implements kit.Screen.
func (s *historyScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pageLoadedMsg:
		if msg.seq != s.seq {
			return nil
		}
		s.loading, s.loaded, s.more = false, true, msg.more
		if msg.name != "" {
			s.name = msg.name
		}
		if msg.next {
			s.changes = append(s.changes, msg.changes...)
		} else {
			s.changes = msg.changes
		}
		s.table.SetLen(len(s.changes))
		return s.ensureMore()
	case customerFoundMsg:
		if msg.id == 0 {
			return kit.Status("No customer is called %q.", kit.Clean(msg.typed))
		}
		s.customerID, s.name = msg.id, msg.name
		s.table.SetCursor(0)
		return s.load(false)
	case kit.DataChangedMsg:
		return s.load(false)
	case tea.MouseMsg:
		if s.table.HandleMouse(msg, msg.Mouse().Y-s.headLines()) {
			return s.open()
		}
		return s.ensureMore()
	case tea.KeyPressMsg:
		if s.filtering {
			return s.handleFilterKey(msg)
		}
		if s.table.HandleKey(s.keys.ListKeys, msg) {
			return s.ensureMore()
		}
		switch {
		case key.Matches(msg, s.keys.Open):
			return s.open()
		case key.Matches(msg, s.keys.Customer):
			if s.fixed {
				return nil
			}
			s.filtering = true
			s.filter.SetValue("")
			s.SetSize(s.w, s.h)
			return s.filter.Focus()
		}
	default:
		if s.filtering {
			var cmd tea.Cmd
			s.filter, cmd = s.filter.Update(msg)
			return cmd
		}
	}
	return nil
}

// ensureMore reads the next page when the cursor is within a screenful of
// the end of the changes shown and there may be more.
func (s *historyScreen) ensureMore() tea.Cmd {
	if s.loading || !s.more || s.table.Cursor()+s.table.Height() < len(s.changes) {
		return nil
	}
	return s.load(true)
}

// open shows what the change under the cursor did.
func (s *historyScreen) open() tea.Cmd {
	c, ok := s.selected()
	if !ok {
		return nil
	}
	return openChange(s.com, s.store, c.ID)
}

func (s *historyScreen) handleFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.fkeys.Clear):
		_, cmd := s.Back()
		return cmd
	case key.Matches(msg, s.fkeys.Apply):
		typed := strings.TrimSpace(s.filter.Value())
		s.filtering = false
		s.filter.Blur()
		s.SetSize(s.w, s.h)
		if typed == "" {
			_, cmd := s.Back()
			return cmd
		}
		return findCustomer(s.store, typed)
	}
	var cmd tea.Cmd
	s.filter, cmd = s.filter.Update(msg)
	return cmd
}

// findCustomer looks up the customer whose name holds the words typed
// (the best match of the customer list's filter), in a command.
func findCustomer(store model.CustomerStore, typed string) tea.Cmd {
	return func() tea.Msg {
		rows, _, err := store.ListCustomers(kit.Bg(), model.CustomerQuery{Filter: typed, Archived: true, Limit: 1})
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		if len(rows) == 0 {
			return customerFoundMsg{typed: typed}
		}
		return customerFoundMsg{id: rows[0].ID, name: rows[0].Name, typed: typed}
	}
}

// View implements kit.Screen.
func (s *historyScreen) View() string {
	st := s.com.Styles
	var b strings.Builder
	b.WriteString(kit.Truncate(s.headline(), s.w) + "\n")
	if s.filtering {
		b.WriteString(s.filter.View() + "\n")
	}
	switch {
	case !s.loaded:
		b.WriteString(st.Muted.Render("Loading…"))
	case len(s.changes) == 0 && s.customerID != 0:
		b.WriteString(st.Muted.Render("  Nothing changed about this customer yet."))
	case len(s.changes) == 0:
		b.WriteString(st.Muted.Render("  No changes yet: every change to the book will show here."))
	default:
		b.WriteString(s.table.View(&st, s.cells, nil))
	}
	return b.String()
}

// headline says whose changes show and how to narrow or widen them.
func (s *historyScreen) headline() string {
	st := s.com.Styles
	switch {
	case s.customerID != 0 && s.fixed:
		return st.Muted.Render("Changes to " + kit.Clean(s.name) + "'s records, newest first")
	case s.customerID != 0:
		return st.Muted.Render("Changes to " + kit.Clean(s.name) + "'s records, newest first · esc shows every change")
	}
	return st.Muted.Render("Every change to the book, newest first · / shows one customer's")
}

// cells formats change i: an undone change is muted and says so.
func (s *historyScreen) cells(i int) []kit.Cell {
	st := &s.com.Styles
	c := s.changes[i]
	var style *lipgloss.Style
	if !c.Stands() {
		style = &st.Muted
	}
	records := ""
	if c.Records > 0 {
		records = model.Commas(c.Records)
	}
	state := ""
	switch {
	case c.ReversedBy != 0 && c.Kind == model.ChangeUndo:
		state = "redone"
	case c.ReversedBy != 0:
		state = "undone"
	}
	return []kit.Cell{
		{Text: fmt.Sprintf("%d", c.ID), Style: &st.Muted},
		{Text: s.com.DateTime(c.At), Style: &st.Muted},
		{Text: state, Style: &st.Warn},
		{Text: c.What, Style: style},
		{Text: records, Style: &st.Muted},
	}
}

// Info implements kit.Informer.
func (s *historyScreen) Info() string {
	if !s.loaded || len(s.changes) == 0 {
		return ""
	}
	n := model.Commas(len(s.changes))
	if s.more {
		n += "+"
	}
	return fmt.Sprintf("%s of %s", model.Commas(s.table.Cursor()+1), n)
}

// ShortHelp implements help.KeyMap.
func (s *historyScreen) ShortHelp() []key.Binding {
	switch {
	case s.filtering:
		return []key.Binding{s.fkeys.Apply, s.fkeys.Clear}
	case len(s.changes) == 0 && s.fixed:
		return nil
	case len(s.changes) == 0:
		return []key.Binding{s.keys.Customer}
	case s.fixed:
		return []key.Binding{s.keys.Open, s.keys.Undo}
	}
	return []key.Binding{s.keys.Open, s.keys.Undo, s.keys.Customer}
}

// FullHelp implements help.KeyMap.
func (s *historyScreen) FullHelp() [][]key.Binding {
	if s.fixed {
		return [][]key.Binding{s.keys.ListKeys.Bindings(), {s.keys.Open, s.keys.Undo}}
	}
	return [][]key.Binding{s.keys.ListKeys.Bindings(), {s.keys.Open, s.keys.Undo, s.keys.Customer}}
}
