package today

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// today is the Today tab: the daily review list, the most urgent entries
// of the queue (the daily size from the settings), most urgent first. Each
// entry says why the customer is there, how to reach them and what they
// value. Entries handled today stay in the list, ticked, so the header's
// "7 of 50 done today" counts what the list shows; after an action the
// cursor moves to the next entry not yet done. The header also says how
// many more are due; m lists another day's worth.
type today struct {
	com     *kit.Context
	store   Store
	keys    TodayKeys
	table   kit.Table
	entries []model.ReviewEntry
	more    string            // "3,204 more due", or ""
	review  model.DailyReview // as last loaded: how many more are due
	done    int               // entries done today, counted when the list loads
	limit   int               // how many to list; 0 for the daily size
	loaded  bool
	seq     int   // the newest load asked for
	acted   int64 // the customer last acted on: the cursor moves past it
	w, h    int
}

// The pane under the list shows the entry under the cursor in full: a
// rule, the name and contact, each reason on a line of its own (wrapped),
// and what they value (or what was done today). It has room for
// whyLines lines of reasons, more in a tall terminal.
const (
	whyLines     = 2
	whyLinesTall = 5
	tallFrom     = 30 // the screen's height from which the pane is tall
)

// New is the Today tab.
func New(com *kit.Context, store Store) kit.Screen { return newToday(com, store) }

func newToday(com *kit.Context, store Store) *today {
	t := &today{com: com, store: store, keys: DefaultTodayKeys(), table: kit.NewTable(
		kit.Column{Title: "", Width: 1},
		kit.Column{Title: "customer", Width: 14, Flex: 1, Max: 24},
		kit.Column{Title: "why", Width: 20, Flex: 4},
		// A short contact lends the reason its room, row by row.
		kit.Column{Title: "reach", Width: 12, Flex: 1, Max: 28, Right: true, Lend: true},
	)}
	t.table.CacheRows() // a row changes only when the list loads again
	return t
}

// Title implements screen.
func (t *today) Title() string { return "Today" }

// Init loads the queue.
func (t *today) Init() tea.Cmd { return t.load(false) }

// load builds today's list in a command.
func (t *today) load(start bool) tea.Cmd {
	t.seq++
	return loadReview(t.com, t.store, t.limit, start, t.seq)
}

// LoadReview builds today's list of limit entries (0: the daily size) on
// the app's clock, in a command; start marks the load the app makes when
// it opens.
func LoadReview(com *kit.Context, store model.ReviewStore, limit int, start bool) tea.Cmd {
	return loadReview(com, store, limit, start, 0)
}

// loadReview is LoadReview numbered seq.
func loadReview(com *kit.Context, store model.ReviewStore, limit int, start bool, seq int) tea.Cmd {
	day := com.Today()
	return func() tea.Msg {
		r, err := store.DailyReview(kit.Bg(), day, limit)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return ReviewLoadedMsg{Review: r, Start: start, Seq: seq}
	}
}

// SetSize implements screen.
func (t *today) SetSize(w, h int) {
	t.w, t.h = w, h
	t.table.SetSize(w, max(h-1-t.paneHeight(), 2))
}

// paneHeight is the detail pane's height, with its rule; none when short.
func (t *today) paneHeight() int {
	if t.h < 12 {
		return 0
	}
	return 3 + t.whyRoom()
}

// whyRoom is how many lines the pane gives the reasons.
func (t *today) whyRoom() int {
	if t.h >= tallFrom {
		return whyLinesTall
	}
	return whyLines
}

// selected returns the entry under the cursor.
func (t *today) selected() (*model.ReviewEntry, bool) {
	if len(t.entries) == 0 {
		return nil, false
	}
	return &t.entries[t.table.Cursor()], true
}

// Update implements screen.
func (t *today) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ReviewLoadedMsg:
		if msg.Seq != t.seq {
			return nil // an older load: a newer one is on its way
		}
		next := t.nextID()
		t.entries, t.loaded = msg.Review.Entries, true
		t.more, t.done, t.review = msg.Review.MoreText(), model.CountDone(t.entries), msg.Review
		t.table.SetLen(len(t.entries))
		t.table.Fit(t.cells)
		t.moveOn(next)
		return nil
	case reviewActedMsg:
		t.acted = msg.id
		// The words once the list shows it: the cursor has moved on.
		return tea.Sequence(t.load(false), kit.Status("%s", msg.text))
	case kit.DataChangedMsg, kit.SettingsLoadedMsg:
		return t.load(false)
	case tea.BackgroundColorMsg:
		t.table.Forget() // drawn in the old styles
	case tea.MouseMsg:
		if t.table.HandleMouse(msg, msg.Mouse().Y-1) {
			return t.open()
		}
	case tea.KeyPressMsg:
		return t.handleKey(msg)
	}
	return nil
}

// nextID is the customer listed after the one under the cursor, before
// the list loads again: where the cursor goes when the one acted on moves
// away (0 when there is none).
func (t *today) nextID() int64 {
	if i := t.table.Cursor() + 1; t.acted != 0 && i < len(t.entries) {
		return t.entries[i].Customer.ID
	}
	return 0
}

// index is the row of customer id in the list, or -1.
func (t *today) index(id int64) int {
	for i, e := range t.entries {
		if e.Customer.ID == id {
			return i
		}
	}
	return -1
}

// moveOn puts the cursor on the first entry after the one acted on that is
// not done yet, so that the review is a steady walk down the list. One
// acted on that is not done but moved (a follow-up set re-sorts it) is
// not followed: the cursor stays in its row, on the entry that was next
// (next, its customer before the load).
func (t *today) moveOn(next int64) {
	if t.acted == 0 {
		return
	}
	id := t.acted
	t.acted = 0
	at := t.table.Cursor() // the row it was in: the list loaded under it
	from := t.index(id)
	switch {
	case from >= 0 && from != at && !t.entries[from].Done:
		if i := t.index(next); i >= 0 {
			t.table.SetCursor(i)
			return
		}
		from = at - 1 // the next one is gone too: stay in the row
	case from < 0:
		from = at - 1 // it left the queue: the next one slid up
	case !t.entries[from].Done:
		t.table.SetCursor(from) // nothing was done after all (a form cancelled)
		return
	}
	for i := from + 1; i < len(t.entries); i++ {
		if !t.entries[i].Done {
			t.table.SetCursor(i)
			return
		}
	}
	t.table.SetCursor(min(from+1, len(t.entries)-1))
}

func (t *today) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if t.table.HandleKey(t.keys.ListKeys, msg) {
		return nil
	}
	e, ok := t.selected()
	if !ok {
		return nil
	}
	id := e.Customer.ID
	switch {
	case key.Matches(msg, t.keys.Open):
		return t.open()
	case key.Matches(msg, t.keys.Done):
		return reviewDone(t.com, t.store, *e)
	case key.Matches(msg, t.keys.Snooze):
		t.acted = id
		return openReviewForm(t.com, t.store, id, formSnooze)
	case key.Matches(msg, t.keys.Paid):
		return t.markPaid(e)
	case key.Matches(msg, t.keys.Write) && len(e.Reasons) > 0:
		// The message answers the entry's first (most urgent) reason.
		t.acted = id
		return kit.Send(kit.NewMessageMsg{CustomerID: id, Kind: model.TemplateFor(e.Reasons[0].Kind)})
	case key.Matches(msg, t.keys.More):
		if t.more == "" {
			return kit.Status("Nobody else is due today.")
		}
		n := t.com.Settings.ReviewSize
		if t.review.MoreExact && t.review.More < n {
			n = t.review.More // "Listing 50 more." with 10 left misled
		}
		t.limit = len(t.entries) + t.com.Settings.ReviewSize
		return tea.Batch(t.load(false), kit.Status("Listing %d more.", n))
	}
	if m := t.keys.CustomerActionKeys.Message(msg, id); m != nil {
		t.acted = id
		return func() tea.Msg { return m }
	}
	return nil
}

// markPaid marks the entry's oldest unpaid order paid today (the one its
// payment reason speaks of when it is overdue).
func (t *today) markPaid(e *model.ReviewEntry) tea.Cmd {
	var oldest *model.ReviewPayment
	for i := range e.Customer.Unpaid {
		if p := &e.Customer.Unpaid[i]; oldest == nil || p.Due.Before(oldest.Due) {
			oldest = p
		}
	}
	if oldest == nil {
		return kit.Status("%s owes nothing.", kit.Clean(e.Customer.Name))
	}
	more := ""
	if n := len(e.Customer.Unpaid); n > 1 {
		more = fmt.Sprintf(", the oldest of %d", n) // the detail picks another
	}
	what := fmt.Sprintf("%s (due %s%s)", t.com.Money(oldest.Amount), t.com.Date(oldest.Due), more)
	return kit.MarkPaid(t.store, oldest.OrderID, what, e.Customer.Name, "ctrl+z", t.com)
}

// Undo implements kit.Undoer: u takes back the done or the snooze of the
// entry under the cursor, however many changes were made since (other
// keys than u go to the book's undo).
func (t *today) Undo(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if !key.Matches(msg, t.keys.Undo) {
		return false, nil
	}
	e, ok := t.selected()
	if !ok {
		return true, kit.Status("Nobody is listed: nothing to undo here.")
	}
	store, id := t.store, e.Customer.ID
	t.acted = id // the cursor stays on them once the list reloads
	nothing := fmt.Sprintf("%s was neither marked done nor snoozed: nothing to undo here.", kit.Clean(e.Customer.Name))
	return true, kit.RunUndo(func(ctx context.Context) (model.UndoResult, error) {
		return store.UndoLatest(ctx, id, model.ActionReviewDone, model.ActionSnooze)
	}, nothing)
}

// open shows the selected customer's detail.
func (t *today) open() tea.Cmd {
	if e, ok := t.selected(); ok {
		id := e.Customer.ID
		return func() tea.Msg { return kit.OpenCustomerMsg{ID: id} }
	}
	return nil
}

// reviewDone logs a review touch for the entry, on the customer's
// preferred channel, naming the reasons it answered.
func reviewDone(com *kit.Context, store model.ReviewStore, e model.ReviewEntry) tea.Cmd {
	now := com.Now()
	kinds := make([]string, len(e.Reasons))
	for i, r := range e.Reasons {
		kinds[i] = r.Kind.String()
	}
	t := model.Touch{CustomerID: e.Customer.ID, At: now, Channel: e.Customer.Channel, Kind: model.TouchReview,
		Summary: "review done: " + strings.Join(kinds, ", ")}
	name := e.Customer.Name
	return func() tea.Msg {
		if err := store.AddTouch(kit.Bg(), &t); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return reviewActedMsg{id: t.CustomerID, text: "Done: " + kit.Clean(name) + "."}
	}
}

// View implements screen.
func (t *today) View() string {
	st := t.com.Styles
	if !t.loaded {
		return st.Muted.Render("Building today's review…")
	}
	n, done := len(t.entries), t.done
	head := st.Title.Render("Today") + st.Muted.Render(" · "+t.com.Today().Format("Monday 2 January 2006"))
	if n == 0 {
		// Wrapped, not cut: at 80 columns the hint is read whole.
		hint := kit.Wrap("Follow-ups, reorders, complaints, feedback and stay-in-touch reminders appear here when due.", t.w)
		return head + "\n\n" + st.Good.Render("Nobody needs you today.") + "\n" + st.Muted.Render(strings.Join(hint, "\n"))
	}
	head += st.Muted.Render(" · ")
	switch {
	case done == n:
		head += st.Good.Render(fmt.Sprintf("all %d done today", n))
	default:
		head += fmt.Sprintf("%d of %d done today", done, n)
	}
	if t.more != "" {
		head += st.Muted.Render(" · " + t.more)
	}
	var b strings.Builder
	b.WriteString(kit.Truncate(head, t.w))
	b.WriteByte('\n')
	b.WriteString(t.table.View(&st, t.cells, nil))
	if t.paneHeight() > 0 {
		from, to := t.table.Visible()
		for i := to - from; i < t.table.Height(); i++ {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
		b.WriteString(t.pane())
	}
	return b.String()
}

// cells formats entry i for the list.
func (t *today) cells(i int) []kit.Cell {
	st := &t.com.Styles
	e := &t.entries[i]
	mark, why := " ", e.Why()
	var style *lipgloss.Style
	if e.Done {
		mark, style = "✓", &st.Muted
		if snoozed(e) {
			mark = "z" // a letter, so that NO_COLOR tells it from done
		}
	} else if e.Reasons[0].Kind <= model.ReasonDetractor {
		style = &st.Bad
	}
	reach := e.Customer.Contact()
	if reach == "" {
		reach = "no contact detail"
	}
	return []kit.Cell{{Text: mark, Style: &st.Good}, {Text: kit.MarkedName(e.Customer.Name, e.Customer.Stage), Style: style}, {Text: why, Style: style},
		{Text: reach, Style: &st.Muted}}
}

// snoozed reports whether the entry was handled today by a snooze rather
// than marked done.
func snoozed(e *model.ReviewEntry) bool {
	return strings.HasPrefix(e.Customer.HandledToday, model.SnoozeNote)
}

// pane shows the entry under the cursor in full: every reason, how to
// reach them, what they value, what was done today.
func (t *today) pane() string {
	st := t.com.Styles
	e, ok := t.selected()
	if !ok {
		return ""
	}
	c := e.Customer
	var lines []string
	lines = append(lines, st.Muted.Render(strings.Repeat("─", t.w)))
	title := st.Section.Render(kit.Clean(c.Name)) + "  " + st.Stage(c.Stage).Render(string(c.Stage))
	if r := c.Contact(); r != "" {
		title += st.Muted.Render(" · ") + kit.Clean(r)
	} else if c.Channel != "" {
		title += st.Muted.Render(" · prefers " + string(c.Channel) + ", no detail for it")
	}
	lines = append(lines, kit.Truncate(title, t.w))
	const labelW = 8
	values := "not known yet: ask them"
	if len(c.Values) > 0 {
		values = strings.Join(c.Values, ", ")
	}
	why := whyLinesOf(e.Reasons, t.whyRoom(), max(t.w-labelW-1, 10))
	for i, l := range why {
		lab := strings.Repeat(" ", labelW)
		if i == 0 {
			lab = st.Label.Render(kit.FitCell("why", labelW, false))
		}
		lines = append(lines, lab+" "+l)
	}
	last := st.Label.Render(kit.FitCell("values", labelW, false)) + " " + kit.Clean(values)
	switch {
	case e.Done && snoozed(e):
		last = st.Warn.Render(kit.FitCell("snoozed", labelW, false)) + " " + kit.Clean(c.HandledToday) +
			st.Muted.Render(" · u undoes")
	case e.Done:
		last = st.Good.Render(kit.FitCell("done", labelW, false)) + " " + kit.Clean(c.HandledToday) +
			st.Muted.Render(" · u undoes")
	}
	lines = append(lines, kit.Truncate(last, t.w))
	return strings.Join(lines, "\n")
}

// whyLinesOf lays the reasons out in room lines of width w: each wrapped
// when that fits, else each on one line cut short, and when even that
// does not fit, the last line says how many more there are.
func whyLinesOf(rs []model.Reason, room, w int) []string {
	var wrapped []string
	for _, r := range rs {
		wrapped = append(wrapped, kit.Wrap(r.Text, w)...)
	}
	if len(wrapped) <= room {
		return wrapped
	}
	var lines []string
	for i, r := range rs {
		if i == room-1 && len(rs) > room {
			more := fmt.Sprintf(" (+%d more)", len(rs)-i-1)
			return append(lines, kit.Truncate(kit.Clean(r.Text), w-len(more))+more)
		}
		lines = append(lines, kit.Truncate(kit.Clean(r.Text), w))
	}
	return lines
}

// Info implements informer.
func (t *today) Info() string {
	if !t.loaded || len(t.entries) == 0 {
		return ""
	}
	return fmt.Sprintf("%s of %s", model.Commas(t.table.Cursor()+1), model.Commas(len(t.entries)))
}

// ShortHelp implements help.KeyMap: nothing of its own on an empty day,
// where no key would act on anyone.
func (t *today) ShortHelp() []key.Binding {
	if len(t.entries) == 0 {
		return nil
	}
	keys := []key.Binding{t.keys.Open, t.keys.Done, t.keys.Write, t.keys.Touch, t.keys.Snooze, t.keys.FollowUp,
		t.keys.Order, t.keys.Feedback, t.keys.More}
	e, ok := t.selected()
	if ok && len(e.Customer.Unpaid) > 0 {
		keys = append(keys[:2:2], append([]key.Binding{t.keys.Paid}, keys[2:]...)...)
	}
	if ok && e.Done {
		keys = append([]key.Binding{t.keys.Undo}, keys...)
	}
	return keys
}

// FullHelp implements help.KeyMap.
func (t *today) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		t.keys.ListKeys.Bindings(),
		{t.keys.Open, t.keys.Done, t.keys.Snooze, t.keys.Undo, t.keys.More, t.keys.Paid, t.keys.Fit},
		t.keys.CustomerActionKeys.Bindings(),
	}
}

// WriteKeys implements kit.Writer.
func (t *today) WriteKeys() []key.Binding {
	return append([]key.Binding{t.keys.Done, t.keys.Snooze, t.keys.Undo, t.keys.Paid}, t.keys.CustomerActionKeys.Bindings()...)
}
