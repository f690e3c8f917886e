package customers

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// The likely duplicates: the warning before a new customer who may be one
// already in the book is added, the list of the book's likely pairs, and
// merging two customers into one.

// dupWarning stands over the customer form when the customer being added
// may be one already in the book: the owner opens the other, merges the
// new details into them, or adds the new customer anyway. esc goes back
// to the form, with everything typed.
type dupWarning struct {
	com     *kit.Context
	store   formStore
	keys    DupWarningKeys
	c       model.Customer // as typed, not yet added
	matches []model.DuplicateMatch
	sel     int
	busy    bool
	w, h    int
}

// dupWarningOf is the save's answer when c may be a duplicate: the form
// says it was not added yet (keeping what was typed), and the warning
// opens over it.
func dupWarningOf(com *kit.Context, store formStore, c model.Customer, matches []model.DuplicateMatch) tea.Msg {
	first := matches[0]
	err := fmt.Errorf("%s (#%d) may be the same customer (%s)", kit.Clean(first.Customer.Name), first.Customer.ID,
		first.ReasonText())
	return tea.Sequence(kit.Send(kit.SaveFailedMsg{Err: err}), kit.Push(func() kit.Screen {
		return &dupWarning{com: com, store: store, keys: DefaultDupWarningKeys(), c: c, matches: matches}
	}))()
}

// dupAddedMsg reports the new customer added (and merged into the match,
// when merged is set).
type dupAddedMsg struct {
	id, into int64
	text     string
}

// dupFailedMsg reports the add or the merge failed: the warning stays.
type dupFailedMsg struct{ err error }

// Title implements kit.Screen.
func (s *dupWarning) Title() string { return "Already in the book?" }

// Init implements kit.Screen.
func (s *dupWarning) Init() tea.Cmd { return nil }

// SetSize implements kit.Screen.
func (s *dupWarning) SetSize(w, h int) { s.w, s.h = w, h }

// Update implements kit.Screen.
func (s *dupWarning) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case dupAddedMsg:
		// Close the warning and the form under it; then the customer.
		status := kit.Status("%s", msg.text)
		then := kit.Send(customerAddedMsg{id: msg.id})
		if msg.into != 0 {
			then = kit.Send(kit.OpenCustomerMsg{ID: msg.into})
		}
		return kit.Send(kit.PopMsg{Then: kit.Send(kit.PopMsg{Then: tea.Sequence(then, status)})})
	case dupFailedMsg:
		s.busy = false
		return kit.Send(kit.ErrMsg{Err: msg.err})
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		switch {
		case key.Matches(msg, s.keys.Up):
			s.sel = max(s.sel-1, 0)
		case key.Matches(msg, s.keys.Down):
			s.sel = min(s.sel+1, len(s.matches)-1)
		case key.Matches(msg, s.keys.Open):
			return kit.Send(kit.OpenCustomerMsg{ID: s.matches[s.sel].Customer.ID})
		case key.Matches(msg, s.keys.KeepBoth):
			s.busy = true
			return addCustomer(s.store, s.c, 0)
		case key.Matches(msg, s.keys.Merge):
			s.busy = true
			return addCustomer(s.store, s.c, s.matches[s.sel].Customer.ID)
		}
	}
	return nil
}

// addCustomer adds c, and with into set merges them into that customer
// (their values where into has none; into's where both have one, c's then
// kept in into's notes), in a command.
func addCustomer(store formStore, c model.Customer, into int64) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		if err := store.CreateCustomer(ctx, &c); err != nil {
			return dupFailedMsg{err}
		}
		if into == 0 {
			return dupAddedMsg{id: c.ID, text: "Added " + kit.Clean(c.Name) + " beside the one who may be them."}
		}
		plan, err := store.MergeCustomers(ctx, into, c.ID, nil)
		if err != nil {
			return dupFailedMsg{err}
		}
		return dupAddedMsg{id: c.ID, into: into, text: "Merged the new details into " + kit.Clean(plan.Merged.Name) +
			mergeConflictWords(plan) + " u undoes the merge."}
	}
}

// mergeConflictWords says where the values not kept went: ".", or " (the
// other values of email, phone are in the notes)."
func mergeConflictWords(p model.MergePlan) string {
	if len(p.Conflicts) == 0 {
		return "."
	}
	var fields []string
	for _, c := range p.Conflicts {
		fields = append(fields, c.Field)
	}
	return " (the other values of " + strings.Join(fields, ", ") + " are in the notes)."
}

// View implements kit.Screen.
func (s *dupWarning) View() string {
	st := s.com.Styles
	var lines []string
	add := func(l string) { lines = append(lines, kit.Truncate(l, s.w)) }
	for _, l := range kit.Wrap(kit.Clean(s.c.Name)+" may already be in the book:", s.w) {
		add(st.Title.Render(l))
	}
	add("")
	for i, m := range s.matches {
		k := m.Customer
		line := fmt.Sprintf("%s (#%d) · %s", kit.Clean(k.Name), k.ID, m.ReasonText())
		if k.Archived {
			line += " · archived"
		}
		if i == s.sel {
			add(st.Selected.Render("▸ " + line))
		} else {
			add("  " + line)
		}
	}
	add("")
	for _, l := range []string{
		"o opens the one under the cursor (the form waits under it);",
		"m adds the new details to them: empty fields filled, the rest kept in their notes;",
		"a adds a new customer anyway; esc goes back to the form.",
	} {
		for _, w := range kit.Wrap(l, s.w) {
			add(st.Muted.Render(w))
		}
	}
	if s.busy {
		add(st.Muted.Render("Saving…"))
	}
	return strings.Join(lines, "\n")
}

// ShortHelp implements help.KeyMap.
func (s *dupWarning) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Open, s.keys.Merge, s.keys.KeepBoth}
}

// FullHelp implements help.KeyMap.
func (s *dupWarning) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.keys.Up, s.keys.Down}, {s.keys.Open, s.keys.Merge, s.keys.KeepBoth}}
}
