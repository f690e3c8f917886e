package history

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// changeScreen shows what one change did: each record it touched, added,
// removed, or each field that changed from what to what; an import's runs
// of rows. The lines are laid out when it loads or the size changes; keys
// only scroll.
type changeScreen struct {
	com   *kit.Context
	store Store
	keys  ChangeKeys
	id    int64
	data  *model.ChangeDetail
	lines []string
	top   int
	w, h  int
}

// openChange opens change id's page.
func openChange(com *kit.Context, store Store, id int64) tea.Cmd {
	return kit.Push(func() kit.Screen {
		return &changeScreen{com: com, store: store, keys: DefaultChangeKeys(), id: id}
	})
}

// Title implements kit.Screen.
func (s *changeScreen) Title() string { return fmt.Sprintf("Change #%d", s.id) }

// Init reads the change.
func (s *changeScreen) Init() tea.Cmd {
	store, id := s.store, s.id
	return func() tea.Msg {
		d, err := store.Change(kit.Bg(), id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return changeLoadedMsg{detail: d}
	}
}

// SetSize implements kit.Screen.
func (s *changeScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.layout()
}

// Undo implements kit.Undoer: u takes this change back.
func (s *changeScreen) Undo(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if !key.Matches(msg, s.keys.Undo) || s.data == nil {
		return key.Matches(msg, s.keys.Undo), nil
	}
	return true, undoChange(s.store, s.data.Change)
}

// Update implements kit.Screen.
func (s *changeScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changeLoadedMsg:
		if msg.detail.ID == s.id {
			s.data = &msg.detail
			s.layout()
		}
	case kit.DataChangedMsg:
		return s.Init()
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			s.scroll(-3)
		case tea.MouseWheelDown:
			s.scroll(3)
		}
	case tea.KeyPressMsg:
		k := s.keys.ListKeys
		switch {
		case key.Matches(msg, k.Up):
			s.scroll(-1)
		case key.Matches(msg, k.Down):
			s.scroll(1)
		case key.Matches(msg, k.PageUp):
			s.scroll(-s.h)
		case key.Matches(msg, k.PageDown):
			s.scroll(s.h)
		case key.Matches(msg, k.Top):
			s.top = 0
		case key.Matches(msg, k.Bottom):
			s.scroll(len(s.lines))
		}
	}
	return nil
}

func (s *changeScreen) scroll(n int) { s.top = max(0, min(s.top+n, len(s.lines)-s.h)) }

// layout writes the lines: the change, then each record.
func (s *changeScreen) layout() {
	if s.data == nil || s.w <= 0 {
		return
	}
	st := s.com.Styles
	d := s.data
	var lines []string
	add := func(l string) { lines = append(lines, kit.Truncate(l, s.w)) }
	for _, l := range kit.Wrap(d.Summary(), s.w) {
		add(st.Title.Render(l))
	}
	state := "stands"
	switch {
	case d.Kind == model.ChangeErase:
		state = "an erasure: for good"
	case d.ReversedBy != 0:
		state = fmt.Sprintf("undone by #%d", d.ReversedBy)
	case d.Kind == model.ChangeUndo:
		state = fmt.Sprintf("an undo of #%d", d.Reverses)
	case d.Kind == model.ChangeRedo:
		state = fmt.Sprintf("a redo (it took back #%d)", d.Reverses)
	}
	kind := string(d.Kind)
	if string(d.Action) != kind {
		kind += " · " + string(d.Action)
	}
	add(st.Muted.Render(fmt.Sprintf("#%d · %s · %s · %s", d.ID, s.com.Date(d.At)+d.At.Format(" 15:04:05"), kind, state)))
	if len(d.Records) == 0 && len(d.Ranges) == 0 {
		add("")
		add(st.Muted.Render("It touched no record that is kept."))
	}
	for _, r := range d.Ranges {
		verb := "added"
		if !r.Added {
			verb = "removed"
		}
		add("")
		add(fmt.Sprintf("%s %s (%s %d–%d)", model.Plural(r.Records, "row of "+r.Table, "rows of "+r.Table), verb,
			r.Column, r.Lo, r.Hi))
	}
	s.lines = append(lines, recordLines(&st, d.Records, s.w)...)
	s.scroll(0)
}

// View implements kit.Screen.
func (s *changeScreen) View() string {
	if s.data == nil {
		return s.com.Styles.Muted.Render("Loading…")
	}
	end := min(s.top+s.h, len(s.lines))
	return strings.Join(s.lines[s.top:end], "\n")
}

// recordLines draws each record a change touched: "orders [12] changed",
// then "  field: before → after" for each field that differs.
func recordLines(st *kit.Styles, records []model.ChangeRecord, w int) []string {
	var lines []string
	add := func(l string) { lines = append(lines, kit.Truncate(l, w)) }
	for _, r := range records {
		what := "changed"
		switch {
		case r.Before == nil:
			what = "added"
		case r.After == nil:
			what = "removed"
		}
		add("")
		add(st.Section.Render(kit.Clean(r.Table+" "+r.Key)) + " " + st.Muted.Render(what))
		fields := r.ChangedFields()
		sort.Strings(fields)
		for _, f := range fields {
			switch {
			case r.Before == nil:
				add("  " + kit.Clean(f) + ": " + value(r.After[f]))
			case r.After == nil:
				add("  " + kit.Clean(f) + ": " + value(r.Before[f]))
			default:
				add("  " + kit.Clean(f) + ": " + value(r.Before[f]) + st.Muted.Render(" → ") + value(r.After[f]))
			}
		}
	}
	return lines
}

// value writes one stored value for a line: text made printable, nothing
// as "–".
func value(v any) string {
	switch v := v.(type) {
	case nil:
		return "–"
	case string:
		return kit.Clean(fmt.Sprintf("%q", v))
	}
	b, err := json.Marshal(v)
	if err != nil {
		return kit.Clean(fmt.Sprint(v))
	}
	return kit.Clean(string(b))
}

// Info implements kit.Informer.
func (s *changeScreen) Info() string {
	if s.data == nil {
		return ""
	}
	return model.Plural(len(s.data.Records), "record", "records")
}

// ShortHelp implements help.KeyMap.
func (s *changeScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Undo, s.keys.Down, s.keys.Up}
}

// FullHelp implements help.KeyMap.
func (s *changeScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.keys.ListKeys.Bindings(), {s.keys.Undo}}
}
