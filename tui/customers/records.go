package customers

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// recordsScreen lists one kind of a customer's own records, those the
// store keeps one at a time (their reminders, their occasions): a adds
// one, enter changes one, x deletes one (ctrl+z brings it back, as it
// takes back every write).
type recordsScreen[T any] struct {
	com   *kit.Context
	store ReminderStore
	id    int64
	name  string
	kind  recordKind[T]
	list  kit.RecordList[T]
}

// recordKind is what a recordsScreen needs to know of its records.
type recordKind[T any] struct {
	title       string // "Reminders": the screen's title, before the name
	note, empty string // beside the heading; when there are none
	keys        kit.RecordKeys
	of          func(c *model.Customer) []T
	row         func(com *kit.Context, r *T) string
	blank       func(com *kit.Context, customerID int64) T // what a adds
	form        func(com *kit.Context, store ReminderStore, r T, name string) kit.Body
	// del deletes r and says what it deleted, for the status line.
	del func(store ReminderStore, com *kit.Context, r T) (string, error)
}

// openRecords opens customer id's records of a kind.
func openRecords[T any](com *kit.Context, store ReminderStore, kind recordKind[T], id int64, name string) tea.Cmd {
	return kit.Push(func() kit.Screen {
		return &recordsScreen[T]{com: com, store: store, kind: kind, id: id, name: name,
			list: kit.RecordList[T]{Keys: kind.keys}}
	})
}

// Title implements kit.Screen.
func (s *recordsScreen[T]) Title() string { return s.kind.title + " · " + s.name }

// Init implements kit.Screen: the customer's records, in a command.
func (s *recordsScreen[T]) Init() tea.Cmd {
	store, id, of := s.store, s.id, s.kind.of
	return s.list.Load(func(ctx context.Context) ([]T, error) {
		c, err := store.Customer(ctx, id)
		return of(&c), err
	})
}

// SetSize implements kit.Screen.
func (s *recordsScreen[T]) SetSize(w, h int) { s.list.SetSize(w, h) }

// Update implements kit.Screen.
func (s *recordsScreen[T]) Update(msg tea.Msg) tea.Cmd {
	if s.list.Take(msg) {
		return nil
	}
	switch msg := msg.(type) {
	case kit.DataChangedMsg:
		return s.Init()
	case tea.KeyPressMsg:
		return s.list.Update(msg, func() tea.Cmd { return s.edit(s.kind.blank(s.com, s.id)) }, s.edit, s.delete)
	}
	return nil
}

// edit opens the form on r (a new record when its ID is 0).
func (s *recordsScreen[T]) edit(r T) tea.Cmd {
	com, store, name, form := s.com, s.store, s.name, s.kind.form
	return kit.Push(func() kit.Screen { return kit.NewForm(com, form(com, store, r, name)) })
}

// delete deletes r in a command.
func (s *recordsScreen[T]) delete(r T) tea.Cmd {
	com, store, del := s.com, s.store, s.kind.del
	return func() tea.Msg {
		what, err := del(store, com, r)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return tea.BatchMsg{kit.Changed, kit.Status("Deleted %s. ctrl+z undoes.", what)}
	}
}

// View implements kit.Screen.
func (s *recordsScreen[T]) View() string {
	return s.list.View(s.com.Styles, s.kind.title+" for "+kit.Clean(s.name), s.kind.note, s.kind.empty,
		func(r *T, w int) string { return kit.Truncate(kit.Clean(s.kind.row(s.com, r)), w) })
}

// ShortHelp implements help.KeyMap.
func (s *recordsScreen[T]) ShortHelp() []key.Binding { return s.list.ShortHelp() }

// FullHelp implements help.KeyMap.
func (s *recordsScreen[T]) FullHelp() [][]key.Binding { return s.list.FullHelp() }

// WriteKeys implements kit.Writer.
func (s *recordsScreen[T]) WriteKeys() []key.Binding { return []key.Binding{s.list.Keys.Delete} }
