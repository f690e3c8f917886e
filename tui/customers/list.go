package customers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// customerList is the Customers tab: every customer, sorted and filtered,
// paged from the database a window at a time so that a key press costs the
// same at 100 customers as at 100,000. On an empty database it shows a
// welcome panel instead.
type customerList struct {
	com    *kit.Context
	store  ListStore
	keys   CustomerListKeys
	fkeys  kit.FilterKeys
	table  kit.Table
	filter textinput.Model

	query     model.CustomerQuery // sort, filter and archived; offset and limit per load
	filtering bool                // the filter line has focus

	// The loaded window: rows[i] is list row offset+i.
	offset   int
	rows     []model.CustomerRow
	loaded   bool // the first window has arrived
	seq      int  // the newest load asked for; older answers are dropped
	inFlight bool

	empty       bool // the database holds no customers at all
	importHelp  bool // the welcome panel shows how to import
	loadingDemo bool

	pending int // the row the cursor goes to when the window loads; -1 for none

	mkeys  MarkKeys
	marked map[int64]bool // customers marked with space, by id; kept across reloads
	width  int
	height int
}

// followUpWide is the table width from which the list shows the follow-up
// day in a column of its own; narrower, a mark beside the last order says
// one is set (· later, ! due) and the detail gives the day.
const followUpWide = 94

// NewList is the Customers tab.
func NewList(com *kit.Context, store ListStore) kit.Screen { return newCustomerList(com, store) }

func newCustomerList(com *kit.Context, store ListStore) *customerList {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = "name, email, phone, company, notes, segment"
	ti.CharLimit = 200
	l := &customerList{com: com, store: store, keys: DefaultCustomerListKeys(), fkeys: kit.DefaultFilterKeys(), filter: ti,
		mkeys: DefaultMarkKeys(), marked: map[int64]bool{}, pending: -1,
		table: kit.NewTable(
			kit.Column{Title: "name", Width: 14, Flex: 3, Max: 34},
			kit.Column{Title: "stage", Width: 8},
			kit.Column{Title: "segments", Width: 8, Flex: 2},
			kit.Column{Title: "last order", Width: 10},
			kit.Column{Title: "", Width: 1, Below: followUpWide},          // ! follow-up due, · one set
			kit.Column{Title: "follow-up", Width: 10, From: followUpWide}, // the day, when wide enough
			kit.Column{Title: "orders", Width: 6, Right: true},
			kit.Column{Title: "revenue", Width: 11, Right: true},
			kit.Column{Title: "fit", Width: 3, Right: true},
		)}
	return l
}

// Title implements screen.
func (l *customerList) Title() string { return "Customers" }

// Init loads the window around the cursor.
func (l *customerList) Init() tea.Cmd { return l.reload() }

// SetSize implements screen.
func (l *customerList) SetSize(w, h int) {
	l.width, l.height = w, h
	l.filter.SetWidth(max(w-4, 10))
	l.table.SetSize(w, h-l.chromeHeight())
}

// chromeHeight is the lines above the table: the filter line when shown.
func (l *customerList) chromeHeight() int {
	if l.filtering || l.query.Filter != "" {
		return 1
	}
	return 0
}

// Typing implements typer: the filter line takes printable keys.
func (l *customerList) Typing() bool { return l.filtering }

// Back implements backer: esc closes the import help, then clears the
// marks, then a filter.
func (l *customerList) Back() (bool, tea.Cmd) {
	if l.importHelp {
		l.importHelp = false
		return true, nil
	}
	if len(l.marked) > 0 {
		n := len(l.marked)
		clear(l.marked)
		return true, kit.Status("Cleared %s.", model.Plural(n, "mark", "marks"))
	}
	if l.query.Filter != "" {
		return true, l.setFilter("")
	}
	return false, nil
}

// reload starts a new load of the window around the cursor, superseding
// any load in flight.
func (l *customerList) reload() tea.Cmd {
	l.seq++
	return l.load(max(0, l.table.Cursor()-kit.WindowRows/3))
}

// load reads the window starting at offset for the current query.
func (l *customerList) load(offset int) tea.Cmd {
	l.inFlight = true
	seq, q, store := l.seq, l.query, l.store
	q.Offset, q.Limit = offset, kit.WindowRows
	return func() tea.Msg {
		rows, total, err := store.ListCustomers(kit.Bg(), q)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		msg := customersLoadedMsg{seq: seq, offset: offset, rows: rows, total: total}
		return msg
	}
}

// find looks up the row customer id is on, in the list as it is sorted and
// filtered, or unfiltered when the filter leaves them out.
func (l *customerList) find(id int64) tea.Cmd {
	q, store := l.query, l.store
	return func() tea.Msg {
		pos, err := store.CustomerPosition(kit.Bg(), q, id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		if pos >= 0 || q.Filter == "" {
			return positionFoundMsg{pos: pos}
		}
		q.Filter = ""
		if pos, err = store.CustomerPosition(kit.Bg(), q, id); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return positionFoundMsg{pos: pos, unfilter: true}
	}
}

// ensureWindow loads a new window when the rows on screen, or the next
// screenful, are not loaded; one load at a time.
func (l *customerList) ensureWindow() tea.Cmd {
	if l.inFlight || !l.loaded || !l.table.NeedsWindow(l.offset, len(l.rows)) {
		return nil
	}
	return l.load(l.table.WindowStart())
}

// row returns list row i if it is loaded.
func (l *customerList) row(i int) (model.CustomerRow, bool) {
	j := i - l.offset
	if j < 0 || j >= len(l.rows) {
		return model.CustomerRow{}, false
	}
	return l.rows[j], true
}

// selected returns the customer under the cursor.
func (l *customerList) selected() (model.CustomerRow, bool) {
	if l.table.Len() == 0 {
		return model.CustomerRow{}, false
	}
	return l.row(l.table.Cursor())
}

// Update implements screen.
func (l *customerList) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case customersLoadedMsg:
		if msg.seq != l.seq {
			return nil // an older query's answer
		}
		l.inFlight = false
		l.loaded = true
		l.offset, l.rows = msg.offset, msg.rows
		l.table.SetLen(msg.total)
		if l.pending >= 0 {
			l.table.SetCursor(l.pending)
			l.pending = -1
		}
		if msg.total == 0 && l.query.Filter == "" && !l.query.Archived {
			return l.checkEmpty()
		}
		l.empty = false
		return l.ensureWindow()

	case customerAddedMsg:
		return l.find(msg.id)

	case positionFoundMsg:
		if msg.pos < 0 {
			return nil
		}
		if msg.unfilter {
			l.query.Filter = ""
			l.filter.SetValue("")
			l.SetSize(l.width, l.height)
		}
		l.seq++
		l.pending = msg.pos
		return l.load(max(0, msg.pos-kit.WindowRows/3))

	case emptyCheckedMsg:
		l.empty = msg.empty
		return nil

	case kit.DataChangedMsg, kit.SettingsLoadedMsg:
		return l.reload()

	case segmentAssignedMsg:
		clear(l.marked)
		return nil

	case archivedMsg:
		if !msg.back {
			return tea.Batch(l.reload(), kit.Status("Archived %s. Press u to undo.", kit.Clean(msg.name)))
		}
		return tea.Batch(l.reload(), kit.Status("%s is back.", kit.Clean(msg.name)))

	case demoFailedMsg:
		l.loadingDemo = false
		return kit.Send(kit.ErrMsg{Err: msg.err})

	case demoLoadedMsg:
		// The demo writes its own settings (the business, its currency and
		// tiers): every screen reads them again, which reloads this list.
		l.loadingDemo = false
		return tea.Batch(kit.ReloadSettings(l.store), kit.Status("%s", msg.summary))

	case tea.MouseMsg:
		if l.empty {
			return nil
		}
		if l.table.HandleMouse(msg, msg.Mouse().Y-l.chromeHeight()) {
			return l.open()
		}
		return l.ensureWindow()

	case tea.KeyPressMsg:
		if l.filtering {
			return l.handleFilterKey(msg)
		}
		if l.empty {
			return l.handleWelcomeKey(msg)
		}
		return l.handleKey(msg)
	}
	return nil
}

func (l *customerList) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if l.table.HandleKey(l.keys.ListKeys, msg) {
		return l.ensureWindow()
	}
	switch {
	case key.Matches(msg, l.keys.Open):
		return l.open()
	case key.Matches(msg, l.keys.Filter):
		l.filtering = true
		l.SetSize(l.width, l.height)
		return l.filter.Focus()
	case key.Matches(msg, l.keys.Sort):
		l.query.Sort = l.query.Sort.Next()
		l.table.SetCursor(0)
		return l.reload()
	case key.Matches(msg, l.keys.ShowArchive):
		l.query.Archived = !l.query.Archived
		if l.query.Archived {
			return tea.Batch(l.reload(), kit.Status("Showing archived customers too."))
		}
		return tea.Batch(l.reload(), kit.Status("Hiding archived customers."))
	case key.Matches(msg, l.keys.Add):
		return openCustomerForm(l.com, l.store, 0)
	case key.Matches(msg, l.keys.Duplicates):
		return openDupList(l.com, l.store)
	case key.Matches(msg, l.keys.Edit):
		if r, ok := l.selected(); ok {
			return openCustomerForm(l.com, l.store, r.ID)
		}
	case key.Matches(msg, l.keys.Archive):
		if r, ok := l.selected(); ok {
			return archiveCustomer(l.store, r, !r.Archived)
		}
	case key.Matches(msg, l.keys.Import):
		return l.openImport()
	case key.Matches(msg, OfferingsKey):
		return kit.Push(func() kit.Screen { return newOfferingList(l.com, l.store) })
	case key.Matches(msg, l.mkeys.Mark):
		return l.toggleMark()
	case key.Matches(msg, l.mkeys.Segment):
		return l.assignSegment()
	}
	if r, ok := l.selected(); ok {
		if m := l.keys.Message(msg, r.ID); m != nil {
			return func() tea.Msg { return m }
		}
	}
	return nil
}

// toggleMark marks or unmarks the customer under the cursor and moves
// down, so that space space space marks a run of rows.
func (l *customerList) toggleMark() tea.Cmd {
	r, ok := l.selected()
	if !ok {
		return nil
	}
	if l.marked[r.ID] {
		delete(l.marked, r.ID)
	} else {
		l.marked[r.ID] = true
	}
	l.table.Move(1)
	return l.ensureWindow()
}

// assignSegment opens the segment form for the marked customers, or for
// the one under the cursor when none is marked.
func (l *customerList) assignSegment() tea.Cmd {
	if len(l.marked) > 0 {
		ids := make([]int64, 0, len(l.marked))
		for id := range l.marked {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		return openSegmentForm(l.com, l.store, ids, model.Plural(len(ids), "marked customer", "marked customers"))
	}
	if r, ok := l.selected(); ok {
		return openSegmentForm(l.com, l.store, []int64{r.ID}, r.Name)
	}
	return nil
}

// isMarked reports whether list row i is marked.
func (l *customerList) isMarked(i int) bool {
	r, ok := l.row(i)
	return ok && l.marked[r.ID]
}

// open shows the selected customer's detail.
func (l *customerList) open() tea.Cmd {
	if r, ok := l.selected(); ok {
		id := r.ID
		return func() tea.Msg { return kit.OpenCustomerMsg{ID: id} }
	}
	return nil
}

func (l *customerList) handleFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, l.fkeys.Clear):
		l.filtering = false
		l.filter.Blur()
		return l.setFilter("")
	case key.Matches(msg, l.fkeys.Apply):
		l.filtering = false
		l.filter.Blur()
		l.SetSize(l.width, l.height)
		l.table.HandleKey(l.keys.ListKeys, msg) // down or up also moves on
		return nil
	}
	var cmd tea.Cmd
	l.filter, cmd = l.filter.Update(msg)
	if v := l.filter.Value(); v != l.query.Filter {
		return tea.Batch(cmd, l.setFilter(v))
	}
	return cmd
}

// setFilter applies a new filter and reloads from the first row.
func (l *customerList) setFilter(f string) tea.Cmd {
	l.query.Filter = f
	if f == "" {
		l.filter.SetValue("")
	}
	l.SetSize(l.width, l.height)
	l.table.SetCursor(0)
	return l.reload()
}

func (l *customerList) handleWelcomeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, l.keys.Demo) && l.com.OpenDemo != nil && !l.loadingDemo:
		// The demo opens in its own file: the owner's book is never
		// filled with it unasked.
		l.loadingDemo = true
		open := l.com.OpenDemo
		return tea.Batch(kit.Status("Opening the demo business in its own file…"), func() tea.Msg {
			s, text, err := open(kit.Bg())
			if err != nil {
				return demoFailedMsg{err}
			}
			return kit.OpenBookMsg{Store: s, Text: text}
		})
	case key.Matches(msg, l.keys.Demo) && l.com.LoadDemo != nil && !l.loadingDemo:
		l.loadingDemo = true
		load := l.com.LoadDemo
		return tea.Batch(kit.Status("Writing the demo business…"), func() tea.Msg {
			summary, err := load(kit.Bg())
			if err != nil {
				return kit.ErrMsg{Err: err}
			}
			return demoLoadedMsg{summary}
		})
	case key.Matches(msg, l.keys.Add):
		return openCustomerForm(l.com, l.store, 0)
	case key.Matches(msg, l.keys.Import):
		if l.com.Import != nil {
			return l.openImport()
		}
		l.importHelp = !l.importHelp
	}
	return nil
}

// openImport asks for the import (tui/imports), which says how to import
// from the command line when the app has no importer.
func (l *customerList) openImport() tea.Cmd { return kit.Send(kit.ImportMsg{}) }

// checkEmpty asks whether the database has any customer at all, archived
// ones included, to choose between "no match" and the welcome panel.
func (l *customerList) checkEmpty() tea.Cmd {
	store := l.store
	return func() tea.Msg {
		n, err := store.CustomerCount(kit.Bg())
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return emptyCheckedMsg{empty: n == 0}
	}
}

// archiveCustomer archives (or brings back) a customer in a command.
func archiveCustomer(store model.CustomerStore, r model.CustomerRow, archive bool) tea.Cmd {
	return func() tea.Msg {
		var err error
		if archive {
			err = store.ArchiveCustomer(kit.Bg(), r.ID)
		} else {
			err = store.UnarchiveCustomer(kit.Bg(), r.ID)
		}
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return archivedMsg{id: r.ID, name: r.Name, back: !archive}
	}
}

// View implements screen.
func (l *customerList) View() string {
	if l.empty {
		return l.welcome()
	}
	var b strings.Builder
	if l.chromeHeight() > 0 {
		if l.filtering {
			b.WriteString(l.filter.View())
		} else {
			b.WriteString(l.com.Styles.Muted.Render("/ " + kit.Clean(l.query.Filter)))
		}
		b.WriteByte('\n')
	}
	if l.loaded && l.table.Len() == 0 {
		b.WriteString(l.com.Styles.Muted.Render("  No customer matches. Press esc to clear the filter."))
		return b.String()
	}
	b.WriteString(l.table.View(&l.com.Styles, l.cells, l.isMarked))
	return b.String()
}

// cells formats list row i, or a placeholder while its window loads.
func (l *customerList) cells(i int) []kit.Cell {
	r, ok := l.row(i)
	if !ok {
		return []kit.Cell{{Text: "…"}}
	}
	st := &l.com.Styles
	stage := st.Stage(r.Stage)
	name := kit.MarkedName(r.Name, r.Stage)
	if r.Archived {
		name += " (archived)"
	}
	last, orders, fit := "", "", "–"
	var lastStyle *lipgloss.Style
	if !r.LastOrder.IsZero() {
		last = l.com.Date(r.LastOrder)
	}
	if r.Orders > 0 {
		orders = strconv.Itoa(r.Orders)
	} else if r.Revenue != 0 {
		// Refunds and no sale: say so, not blanks beside an amount.
		orders, last, lastStyle = "0", "refunds", &st.Muted
	}
	if r.Fit > 0 {
		fit = strconv.Itoa(r.Fit)
	}
	mark, follow := "", ""
	var markStyle *lipgloss.Style
	if !r.NextReview.IsZero() {
		follow, mark, markStyle = l.com.Date(r.NextReview), "·", &st.Muted
		if !r.NextReview.After(l.com.Today()) {
			mark, markStyle = "!", &st.Warn
		}
	}
	revenue := ""
	var revStyle *lipgloss.Style
	if r.Revenue != 0 || r.Orders > 0 {
		revenue = l.com.Money(r.Revenue)
		if r.Revenue < 0 {
			revStyle = &st.Bad
		}
	}
	return []kit.Cell{
		{Text: name},
		{Text: string(r.Stage), Style: &stage},
		{Text: r.Segments, Style: &st.Muted},
		{Text: last, Style: lastStyle},
		{Text: mark, Style: markStyle},
		{Text: follow, Style: markStyle},
		{Text: orders},
		{Text: revenue, Style: revStyle},
		{Text: fit},
	}
}

// Info implements informer.
func (l *customerList) Info() string {
	if l.empty || !l.loaded {
		return ""
	}
	n := l.table.Len()
	what := "customers"
	if n == 1 {
		what = "customer"
	}
	s := fmt.Sprintf("%s %s · sorted by %s", model.Commas(n), what, l.query.Sort)
	if l.query.Filter != "" {
		s += " · filtered"
	}
	if l.query.Archived {
		s += " · archived shown"
	}
	if n := len(l.marked); n > 0 {
		s += " · " + model.Commas(n) + " marked"
	}
	if n > 0 {
		s += " · " + model.Commas(l.table.Cursor()+1) + " of " + model.Commas(n)
	}
	// Narrower than followUpWide the list marks a follow-up with · or !
	// and no day: the line says what the mark under the cursor means.
	if r, ok := l.selected(); ok && l.width < followUpWide && !r.NextReview.IsZero() {
		s += " · follow-up " + l.com.Date(r.NextReview)
		if !r.NextReview.After(l.com.Today()) {
			s += " (due)"
		}
	}
	return s
}

// welcome is the panel an empty database opens on.
func (l *customerList) welcome() string {
	st := l.com.Styles
	k := func(b key.Binding) string { return st.Key.Render(b.Help().Key) }
	var b strings.Builder
	b.WriteString(st.Title.Render("Welcome to clientele") + "\n\n")
	b.WriteString("Your customer book is empty. Start one of three ways:\n\n")
	switch {
	case l.com.OpenDemo != nil:
		b.WriteString("  " + k(l.keys.Demo) + "  open the demo business, a soap-and-candle maker with 80 customers,\n" +
			"     14 months of orders, feedback and complaints, to try things out, in a\n" +
			"     file of its own; this book stays empty (start clientele again for it):\n" +
			"     " + kit.Clean(kit.HomePath(l.com.DemoFile)) + "\n")
	case l.com.LoadDemo != nil:
		b.WriteString("  " + k(l.keys.Demo) + "  load the demo business: a soap-and-candle maker with 80\n" +
			"     customers, 14 months of orders, feedback and complaints, to try things out\n")
	}
	b.WriteString("  " + k(l.keys.Add) + "  add your first customer\n")
	b.WriteString("  " + k(l.keys.Import) + "  import your orders, payments or contacts from a file\n")
	// The file in use is always findable.
	b.WriteString("\n" + st.Muted.Render("This book is the file") + "\n     " + st.Muted.Render(kit.Clean(kit.HomePath(l.com.Book.Path))) + "\n")
	if l.importHelp {
		b.WriteString("\n" + st.Section.Render("Importing") + "\n" +
			"  Quit (q) and run, in this folder:\n\n" +
			"    clientele import orders.csv\n\n" +
			"  It reads the exports of Etsy, Shopify, Square, WooCommerce, Stripe, PayPal,\n" +
			"  Google and Outlook contacts and vCard files, or any CSV with a date, a\n" +
			"  customer and an amount. Add --dry-run to see what it would add first.\n" +
			"  Nothing is written unless every line reads.\n")
	}
	if l.loadingDemo {
		b.WriteString("\n" + st.Muted.Render("Writing the demo business…"))
	}
	return b.String()
}

// ShortHelp implements help.KeyMap.
func (l *customerList) ShortHelp() []key.Binding {
	if l.filtering {
		return []key.Binding{l.fkeys.Apply, l.fkeys.Clear}
	}
	if l.empty {
		if l.com.OpenDemo != nil {
			demo := l.keys.Demo
			demo.SetHelp("d", "open demo")
			return []key.Binding{demo, l.keys.Add, l.keys.Import}
		}
		if l.com.LoadDemo != nil {
			return []key.Binding{l.keys.Demo, l.keys.Add, l.keys.Import}
		}
		return []key.Binding{l.keys.Add, l.keys.Import}
	}
	if len(l.marked) > 0 {
		return []key.Binding{l.mkeys.Segment, l.mkeys.Mark, l.mkeys.Clear, l.keys.Open, l.keys.Filter, l.keys.Sort}
	}
	// The commonest first: the footer drops the last keys when narrow, and
	// at 80 columns adding a customer and an order must still show.
	return []key.Binding{l.keys.Open, l.keys.Add, l.keys.Order, l.keys.Filter, l.keys.Sort, l.mkeys.Mark,
		l.mkeys.Segment, l.keys.Edit, l.archiveKey()}
}

// archiveKey is x as it works on the row under the cursor: archive, or
// bring back an archived customer (shown with A).
func (l *customerList) archiveKey() key.Binding {
	if r, ok := l.selected(); ok && r.Archived {
		return l.keys.Unarchive
	}
	return l.keys.Archive
}

// FullHelp implements help.KeyMap.
func (l *customerList) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		l.keys.ListKeys.Bindings(),
		{l.keys.Open, l.keys.Filter, l.keys.Sort, l.keys.ShowArchive, l.keys.Duplicates},
		{l.mkeys.Mark, l.mkeys.Segment, l.mkeys.Clear},
		{l.keys.Add, l.keys.Edit, l.keys.Fit, l.archiveKey(), l.keys.Import, OfferingsKey},
		l.keys.CustomerActionKeys.Bindings(),
	}
}

// WriteKeys implements kit.Writer: the keys that write, or open a form
// that does, on the welcome panel or the list.
func (l *customerList) WriteKeys() []key.Binding {
	k := l.keys
	if l.empty {
		return []key.Binding{k.Demo, k.Add, k.Import}
	}
	return append([]key.Binding{k.Add, k.Edit, k.Archive, k.Import, l.mkeys.Segment}, k.CustomerActionKeys.Bindings()...)
}
