package kit

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// RecordList is the list-with-cursor of a screen that lists a few records
// of one kind to add, change and delete (a customer's reminders and
// occasions, the custom fields, the message templates). It keeps the
// records, the cursor and the size, moves the cursor, draws a heading and
// a row per record cut to the screen's height, and gives the help. The
// screen keeps what is its own: where the records are read from (Load),
// what a row says and what adding, changing and deleting one do.
type RecordList[T any] struct {
	Keys   RecordKeys
	Items  []T
	Loaded bool
	Cursor int
	W, H   int
}

// Set takes the records loaded; the cursor stays where it was, or on the
// last when fewer came back.
func (l *RecordList[T]) Set(items []T) {
	l.Items, l.Loaded = items, true
	l.Cursor = max(0, min(l.Cursor, len(items)-1))
}

// RecordsLoadedMsg carries the records a RecordList's Load read, to that
// list (another screen's list of the same kind leaves it alone).
type RecordsLoadedMsg[T any] struct {
	list  *RecordList[T]
	Items []T
}

// Load reads the records with read, in a command; the screen gives what
// comes back to Take.
func (l *RecordList[T]) Load(read func(context.Context) ([]T, error)) tea.Cmd {
	return func() tea.Msg {
		items, err := read(Bg())
		if err != nil {
			return ErrMsg{Err: err}
		}
		return RecordsLoadedMsg[T]{list: l, Items: items}
	}
}

// Take sets the records msg carries when it answers this list's Load,
// and reports whether it did.
func (l *RecordList[T]) Take(msg tea.Msg) bool {
	m, ok := msg.(RecordsLoadedMsg[T])
	if ok && m.list == l {
		l.Set(m.Items)
		return true
	}
	return false
}

// SetSize takes the screen's size.
func (l *RecordList[T]) SetSize(w, h int) { l.W, l.H = w, h }

// Selected is the record under the cursor; false when there is none.
func (l *RecordList[T]) Selected() (T, bool) {
	if l.Cursor < 0 || l.Cursor >= len(l.Items) {
		var zero T
		return zero, false
	}
	return l.Items[l.Cursor], true
}

// Update moves the cursor on up and down and answers add, edit and delete
// with their functions: edit and delete with the record under the cursor,
// when there is one. A nil function is a key the screen does not have.
func (l *RecordList[T]) Update(msg tea.KeyPressMsg, add func() tea.Cmd, edit, del func(T) tea.Cmd) tea.Cmd {
	r, ok := l.Selected()
	switch {
	case key.Matches(msg, l.Keys.Add) && add != nil:
		return add()
	case !ok:
	case key.Matches(msg, l.Keys.Up):
		l.Cursor = max(l.Cursor-1, 0)
	case key.Matches(msg, l.Keys.Down):
		l.Cursor = min(l.Cursor+1, len(l.Items)-1)
	case key.Matches(msg, l.Keys.Edit) && edit != nil:
		return edit(r)
	case key.Matches(msg, l.Keys.Delete) && del != nil:
		return del(r)
	}
	return nil
}

// Lines draws the heading (title, then a muted note beside it), then a
// row per record after the cursor's gutter, or empty when there are none.
// row writes one record's row in the width given.
func (l *RecordList[T]) Lines(st Styles, title, note, empty string, row func(r *T, w int) string) []string {
	lines := []string{Truncate(st.Title.Render(title)+st.Muted.Render(note), l.W)}
	if len(l.Items) == 0 {
		lines = append(lines, st.Muted.Render(empty))
	}
	for i := range l.Items {
		r := row(&l.Items[i], max(l.W-2, 1))
		if i == l.Cursor {
			lines = append(lines, st.Selected.Render("▸ ")+r)
		} else {
			lines = append(lines, "  "+r)
		}
	}
	return lines
}

// View is the screen's View: "Loading…" until the records came, then
// Lines cut to the height.
func (l *RecordList[T]) View(st Styles, title, note, empty string, row func(r *T, w int) string) string {
	if !l.Loaded {
		return st.Muted.Render("Loading…")
	}
	return l.Fit(st, l.Lines(st, title, note, empty, row))
}

// Fit joins lines cut to the screen's height, "…" last when they do not
// all fit.
func (l *RecordList[T]) Fit(st Styles, lines []string) string {
	if len(lines) > l.H {
		lines = append(lines[:max(l.H-1, 0)], st.Muted.Render("…"))
	}
	return strings.Join(lines, "\n")
}

// ShortHelp is the help line: add alone while there is nothing to change.
func (l *RecordList[T]) ShortHelp() []key.Binding {
	if len(l.Items) == 0 {
		return []key.Binding{l.Keys.Add}
	}
	return []key.Binding{l.Keys.Edit, l.Keys.Add, l.Keys.Delete}
}

// FullHelp is the full help.
func (l *RecordList[T]) FullHelp() [][]key.Binding {
	return [][]key.Binding{{l.Keys.Up, l.Keys.Down}, {l.Keys.Edit, l.Keys.Add, l.Keys.Delete}}
}
