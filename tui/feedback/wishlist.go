package feedback

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// The wishlist view of the Feedback screen: wishes grouped by theme, most
// asked first. enter shows who asked and when; t names the theme under the
// cursor (or one wish's theme), and a name another theme has merges the
// two; space marks themes and m merges the marked ones into the cursor's.

// flatten lays out the wishlist's rows: every theme, and under the open
// one its wishes.
func (s *feedbackScreen) flatten() {
	s.flat = s.flat[:0]
	for i, t := range s.themes {
		s.flat = append(s.flat, wishRow{theme: i, wish: -1})
		if t.Key == s.open {
			for j := range t.Wishes {
				s.flat = append(s.flat, wishRow{theme: i, wish: j})
			}
		}
	}
	s.wishes.SetLen(len(s.flat))
}

// themeIndex is the index of the theme with key k, or -1.
func (s *feedbackScreen) themeIndex(k string) int {
	for i, t := range s.themes {
		if t.Key == k {
			return i
		}
	}
	return -1
}

// toggleTheme shows or hides the wishes of the theme with key k, keeping
// the cursor on the theme.
func (s *feedbackScreen) toggleTheme(k string) {
	if s.open == k {
		s.open = ""
	} else {
		s.open = k
	}
	s.flatten()
	for i, r := range s.flat {
		if r.wish < 0 && s.themes[r.theme].Key == k {
			s.wishes.SetCursor(i)
		}
	}
}

// selectedWish returns the wishlist row under the cursor.
func (s *feedbackScreen) selectedWish() (wishRow, bool) {
	if len(s.flat) == 0 {
		return wishRow{}, false
	}
	return s.flat[s.wishes.Cursor()], true
}

func (s *feedbackScreen) handleWishKey(msg tea.KeyPressMsg) tea.Cmd {
	if s.wishes.HandleKey(s.keys.ListKeys, msg) {
		return nil
	}
	r, ok := s.selectedWish()
	if !ok {
		return nil
	}
	t := s.themes[r.theme]
	switch {
	case key.Matches(msg, s.keys.Expand):
		s.toggleTheme(t.Key)
	case key.Matches(msg, s.keys.Mark):
		if s.marked[t.Key] {
			delete(s.marked, t.Key)
		} else {
			s.marked[t.Key] = true
		}
		s.wishes.Move(1)
	case key.Matches(msg, s.keys.Theme):
		s.naming = true
		if r.wish >= 0 {
			w := t.Wishes[r.wish]
			s.nameIDs = []int64{w.ID}
			s.name.SetValue(strings.TrimSpace(w.Theme))
		} else {
			s.nameIDs = model.WishIDs(s.themes, t.Key)
			s.name.SetValue(t.Label)
		}
		s.SetSize(s.w, s.h)
		return s.name.Focus()
	case key.Matches(msg, s.keys.Merge):
		var keys []string
		for k := range s.marked {
			keys = append(keys, k)
		}
		if len(keys) == 0 || len(keys) == 1 && keys[0] == t.Key {
			return kit.Status("Mark themes with space first, then press m on the theme to merge them into.")
		}
		ids := model.WishIDs(s.themes, append(keys, t.Key)...)
		s.marked = map[string]bool{}
		return s.setTheme(t.Label, ids)
	}
	return nil
}

func (s *feedbackScreen) handleNameKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.CancelTheme):
		s.naming = false
		s.name.Blur()
		s.SetSize(s.w, s.h)
		return nil
	case key.Matches(msg, s.keys.SaveTheme):
		s.naming = false
		s.name.Blur()
		s.SetSize(s.w, s.h)
		return s.setTheme(s.name.Value(), s.nameIDs)
	}
	var cmd tea.Cmd
	s.name, cmd = s.name.Update(msg)
	return cmd
}

// setTheme gives the wishes ids the theme, in a command.
func (s *feedbackScreen) setTheme(theme string, ids []int64) tea.Cmd {
	store := s.store
	theme = strings.Join(strings.Fields(theme), " ")
	return func() tea.Msg {
		if err := store.SetWishTheme(kit.Bg(), theme, ids...); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return themeSetMsg{theme: theme, count: len(ids)}
	}
}

// wishView draws the theme name line (while typing) and the wishlist.
func (s *feedbackScreen) wishView() string {
	st := s.com.Styles
	if !s.wishesOK {
		return st.Muted.Render("Loading the wishlist…")
	}
	if len(s.themes) == 0 {
		return st.Muted.Render("  No wishes yet. Ask “" + model.WishQuestion + "”\n  and record the answers with a w.")
	}
	var b strings.Builder
	if s.naming {
		b.WriteString(s.name.View() + "\n")
	}
	b.WriteString(s.wishes.View(&st, s.wishCells, func(i int) bool {
		r := s.flat[i]
		return r.wish < 0 && s.marked[s.themes[r.theme].Key]
	}))
	return b.String()
}

// wishCells formats wishlist row i: a theme with its counts and askers,
// or one wish under an open theme.
func (s *feedbackScreen) wishCells(i int) []kit.Cell {
	st := &s.com.Styles
	r := s.flat[i]
	t := s.themes[r.theme]
	if r.wish >= 0 {
		w := t.Wishes[r.wish]
		who := w.Customer
		if w.CustomerID == 0 {
			who = "anonymous"
		}
		return []kit.Cell{{Text: "  └ " + w.Answer, Style: &st.Muted}, {}, {}, {Text: s.com.Date(w.On)}, {Text: who}}
	}
	label := t.Label
	if t.Owned {
		label = "◆ " + label
	}
	var who []string
	seen := map[string]bool{}
	for _, w := range t.Wishes {
		name := w.Customer
		if w.CustomerID == 0 {
			name = "anonymous"
		}
		if !seen[name] {
			seen[name] = true
			who = append(who, name)
		}
		if len(who) == 4 {
			break
		}
	}
	return []kit.Cell{
		{Text: label},
		{Text: model.Commas(t.Askers)},
		{Text: model.Commas(len(t.Wishes)), Style: &st.Muted},
		{Text: s.com.Date(t.Latest)},
		{Text: strings.Join(who, ", "), Style: &st.Muted},
	}
}
