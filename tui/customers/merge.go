package customers

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// dupPairsLimit is how many of the book's likely pairs the list holds.
const dupPairsLimit = 500

// dupList is the book's likely duplicates, most certain first: a pair a
// row, and why. The whole book is paired in one command (about a second
// at 100,000 customers), kept until something changes.
type dupList struct {
	com   *kit.Context
	store ListStore
	keys  DupListKeys
	table kit.Table
	pairs []model.DuplicatePair
	total int
	ready bool
	w, h  int
}

// dupsLoadedMsg carries the likely pairs.
type dupsLoadedMsg struct {
	pairs []model.DuplicatePair
	total int
}

func openDupList(com *kit.Context, store ListStore) tea.Cmd {
	return kit.Push(func() kit.Screen {
		return &dupList{com: com, store: store, keys: DefaultDupListKeys(), table: kit.NewTable(
			kit.Column{Title: "older", Width: 14, Flex: 2},
			kit.Column{Title: "newer", Width: 14, Flex: 2},
			kit.Column{Title: "why", Width: 12, Flex: 3},
		)}
	})
}

// Title implements kit.Screen.
func (s *dupList) Title() string { return "Likely duplicates" }

// Init pairs the book, in a command.
func (s *dupList) Init() tea.Cmd {
	store := s.store
	return func() tea.Msg {
		pairs, total, err := store.Duplicates(kit.Bg(), dupPairsLimit)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return dupsLoadedMsg{pairs: pairs, total: total}
	}
}

// SetSize implements kit.Screen.
func (s *dupList) SetSize(w, h int) {
	s.w, s.h = w, h
	s.table.SetSize(w, h-1)
}

// Update implements kit.Screen.
func (s *dupList) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case dupsLoadedMsg:
		s.pairs, s.total, s.ready = msg.pairs, msg.total, true
		s.table.SetLen(len(s.pairs))
	case kit.DataChangedMsg:
		return s.Init()
	case tea.MouseMsg:
		s.table.HandleMouse(msg, msg.Mouse().Y-1)
	case tea.KeyPressMsg:
		if s.table.HandleKey(s.keys.ListKeys, msg) || !s.ready || len(s.pairs) == 0 {
			return nil
		}
		p := s.pairs[s.table.Cursor()]
		switch {
		case key.Matches(msg, s.keys.Merge):
			return openMerge(s.com, s.store, p.A.ID, p.B.ID)
		case key.Matches(msg, s.keys.MergeOther):
			return openMerge(s.com, s.store, p.B.ID, p.A.ID)
		case key.Matches(msg, s.keys.OpenOlder):
			return kit.Send(kit.OpenCustomerMsg{ID: p.A.ID})
		case key.Matches(msg, s.keys.OpenNewer):
			return kit.Send(kit.OpenCustomerMsg{ID: p.B.ID})
		}
	}
	return nil
}

// View implements kit.Screen.
func (s *dupList) View() string {
	st := s.com.Styles
	switch {
	case !s.ready:
		return st.Muted.Render("Looking for likely duplicates…")
	case len(s.pairs) == 0:
		return st.Muted.Render(strings.Join(kit.Wrap("No likely duplicates: no two customers share an email, a "+
			"phone or a name, or have names one letter apart.", s.w), "\n"))
	}
	head := fmt.Sprintf("%s, most certain first", model.Plural(s.total, "likely pair", "likely pairs"))
	if s.total > len(s.pairs) {
		head += fmt.Sprintf(" (the first %s)", model.Commas(len(s.pairs)))
	}
	return kit.Truncate(st.Muted.Render(head), s.w) + "\n" + s.table.View(&st, s.cells, nil)
}

func (s *dupList) cells(i int) []kit.Cell {
	p := s.pairs[i]
	name := func(k model.DuplicateKeys) string {
		n := fmt.Sprintf("%s #%d", k.Name, k.ID)
		if k.Archived {
			n += " (archived)"
		}
		return n
	}
	return []kit.Cell{{Text: name(p.A)}, {Text: name(p.B)}, {Text: p.ReasonText(), Style: &s.com.Styles.Muted}}
}

// Info implements kit.Informer.
func (s *dupList) Info() string {
	if len(s.pairs) == 0 {
		return ""
	}
	return fmt.Sprintf("%s of %s", model.Commas(s.table.Cursor()+1), model.Commas(len(s.pairs)))
}

// ShortHelp implements help.KeyMap.
func (s *dupList) ShortHelp() []key.Binding {
	if len(s.pairs) == 0 {
		return nil
	}
	return []key.Binding{s.keys.Merge, s.keys.MergeOther, s.keys.OpenOlder, s.keys.OpenNewer}
}

// FullHelp implements help.KeyMap.
func (s *dupList) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.keys.ListKeys.Bindings(), {s.keys.Merge, s.keys.MergeOther, s.keys.OpenOlder, s.keys.OpenNewer}}
}

// mergeForm merges one customer into another: it shows what merging does
// and the fields both have a different value in, to take the other's
// value for; a form body.
type mergeForm struct {
	com   *kit.Context
	store model.DuplicateStore
	plan  model.MergePlan
	take  []string // the conflicting fields whose other value is taken
	sure  bool
}

// openMerge plans merging other into keep, then opens the merge form.
func openMerge(com *kit.Context, store model.DuplicateStore, keep, other int64) tea.Cmd {
	return func() tea.Msg {
		plan, err := store.PlanMerge(kit.Bg(), keep, other)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return kit.PushMsg{Open: func() kit.Screen {
			return kit.NewForm(com, &mergeForm{com: com, store: store, plan: plan, sure: true})
		}}
	}
}

// Title implements kit.Body.
func (f *mergeForm) Title() string {
	return "Merge " + f.plan.Other.Name + " into " + f.plan.Keep.Name
}

// Snapshot implements kit.Body.
func (f *mergeForm) Snapshot() string { return strings.Join(f.take, "\x00") + fmt.Sprint(f.sure) }

// Head says what merging does.
func (f *mergeForm) Head(w int) []string {
	st := f.com.Styles
	k, o := f.plan.Keep, f.plan.Other
	var out []string
	for _, l := range []string{
		fmt.Sprintf("Everything of %s (#%d) moves to %s (#%d): orders, costs, contacts, feedback, complaints, segments, "+
			"reminders, referrals, and the ids imports know them by. Empty fields are filled from %s.",
			kit.Clean(o.Name), o.ID, kit.Clean(k.Name), k.ID, kit.Clean(o.Name)),
		"Values not kept go to the notes. One change: u undoes it.",
	} {
		for _, part := range kit.Wrap(l, w) {
			out = append(out, st.Muted.Render(part))
		}
	}
	return out
}

// Build implements kit.Body: the conflicts to choose, then yes or no.
func (f *mergeForm) Build(b *kit.Builder) kit.Fields {
	var fields []huh.Field
	if cs := f.plan.Conflicts; len(cs) > 0 {
		opts := make([]huh.Option[string], len(cs))
		for i, c := range cs {
			opts[i] = huh.NewOption(fmt.Sprintf("%s: %s, not %s", c.Field, kit.Clean(c.Other), kit.Clean(c.Keep)), c.Field)
		}
		fields = append(fields, huh.NewMultiSelect[string]().Options(opts...).Value(&f.take).
			Title(fmt.Sprintf("Both have a value: space takes %s's instead", kit.Clean(f.plan.Other.Name))).
			Height(min(len(opts)+2, 8)))
	}
	fields = append(fields, huh.NewConfirm().Title("Merge them?").Affirmative("Merge").Negative("Not now").Value(&f.sure))
	return b.KeyMap(mergeKeyMap()).Huh(huh.NewForm(huh.NewGroup(fields...)))
}

// Discards implements kit.Discarding.
func (f *mergeForm) Discards() string { return "the merge" }

// SavingText implements kit.SavingTexter.
func (f *mergeForm) SavingText() string { return "Merging…" }

// Save merges, in a command.
func (f *mergeForm) Save() (tea.Cmd, error) {
	if !f.sure {
		return kit.Send(kit.SavedMsg{Text: "Not merged."}), nil
	}
	take := map[string]bool{}
	for _, t := range f.take {
		take[t] = true
	}
	store, keep, other := f.store, f.plan.Keep.ID, f.plan.Other.ID
	return func() tea.Msg {
		plan, err := store.MergeCustomers(kit.Bg(), keep, other, take)
		if err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		text := fmt.Sprintf("Merged %s into %s", kit.Clean(plan.Other.Name), kit.Clean(plan.Merged.Name))
		kept := slices.DeleteFunc(slices.Clone(plan.Conflicts), func(c model.MergeConflict) bool { return take[c.Field] })
		return kit.SavedMsg{Text: text + mergeConflictWords(model.MergePlan{Conflicts: kept}) + " u undoes it."}
	}, nil
}
