package customers

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// remindersScreen lists a customer's reminders (the follow-up date is F's):
// a adds one, enter changes one, x deletes one (ctrl+z brings it back).
// Each due one is a reason on Today until the customer is next contacted.
type remindersScreen struct {
	com    *kit.Context
	store  ReminderStore
	keys   ReminderKeys
	id     int64
	name   string
	rs     []model.Reminder
	loaded bool
	cursor int
	w, h   int
}

// openReminders opens customer id's reminders.
func openReminders(com *kit.Context, store ReminderStore, id int64, name string) tea.Cmd {
	return kit.Push(func() kit.Screen {
		return &remindersScreen{com: com, store: store, keys: DefaultReminderKeys(), id: id, name: name}
	})
}

// Title implements kit.Screen.
func (s *remindersScreen) Title() string { return "Reminders · " + s.name }

// Init implements kit.Screen: the customer's reminders, in a command.
func (s *remindersScreen) Init() tea.Cmd {
	store, id := s.store, s.id
	return func() tea.Msg {
		c, err := store.Customer(kit.Bg(), id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		var rs []model.Reminder
		for _, r := range c.Reminders {
			if r.Kind == model.ReminderNote {
				rs = append(rs, r)
			}
		}
		return remindersLoadedMsg{id: id, reminders: rs}
	}
}

// SetSize implements kit.Screen.
func (s *remindersScreen) SetSize(w, h int) { s.w, s.h = w, h }

// Update implements kit.Screen.
func (s *remindersScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case remindersLoadedMsg:
		if msg.id == s.id {
			s.rs, s.loaded = msg.reminders, true
			s.cursor = max(0, min(s.cursor, len(s.rs)-1))
		}
	case kit.DataChangedMsg:
		return s.Init()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Add):
			return s.edit(model.Reminder{CustomerID: s.id, Kind: model.ReminderNote, Start: s.com.Today(),
				Unit: model.RepeatOnce, Every: 1})
		case len(s.rs) == 0:
		case key.Matches(msg, s.keys.Up):
			s.cursor = max(s.cursor-1, 0)
		case key.Matches(msg, s.keys.Down):
			s.cursor = min(s.cursor+1, len(s.rs)-1)
		case key.Matches(msg, s.keys.Edit):
			return s.edit(s.rs[s.cursor])
		case key.Matches(msg, s.keys.Delete):
			r, store := s.rs[s.cursor], s.store
			return func() tea.Msg {
				if _, err := store.DeleteReminder(kit.Bg(), r.ID); err != nil {
					return kit.ErrMsg{Err: err}
				}
				return tea.BatchMsg{kit.Changed, kit.Status("Deleted the reminder of %s. ctrl+z undoes.",
					model.FormatDate(r.Start))}
			}
		}
	}
	return nil
}

// edit opens the form on r (a new reminder when its ID is 0).
func (s *remindersScreen) edit(r model.Reminder) tea.Cmd {
	com, store, name := s.com, s.store, s.name
	return kit.Push(func() kit.Screen { return kit.NewForm(com, newReminderForm(com, store, r, name)) })
}

// View implements kit.Screen.
func (s *remindersScreen) View() string {
	st := s.com.Styles
	if !s.loaded {
		return st.Muted.Render("Loading…")
	}
	lines := []string{kit.Truncate(st.Title.Render("Reminders for "+kit.Clean(s.name))+
		st.Muted.Render("  each due one is on Today until you next contact them"), s.w)}
	if len(s.rs) == 0 {
		lines = append(lines, st.Muted.Render("None yet: a adds one (the follow-up date is F on the detail)."))
	}
	today := s.com.Today()
	for i := range s.rs {
		row := kit.Truncate(kit.Clean(reminderText(&s.rs[i], today)), max(s.w-2, 1))
		if i == s.cursor {
			lines = append(lines, st.Selected.Render("▸ ")+row)
		} else {
			lines = append(lines, "  "+row)
		}
	}
	if len(lines) > s.h {
		lines = append(lines[:max(s.h-1, 0)], st.Muted.Render("…"))
	}
	return strings.Join(lines, "\n")
}

// ShortHelp implements help.KeyMap.
func (s *remindersScreen) ShortHelp() []key.Binding {
	if len(s.rs) == 0 {
		return []key.Binding{s.keys.Add}
	}
	return []key.Binding{s.keys.Edit, s.keys.Add, s.keys.Delete}
}

// FullHelp implements help.KeyMap.
func (s *remindersScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.keys.Up, s.keys.Down}, {s.keys.Edit, s.keys.Add, s.keys.Delete}}
}

// reminderForm adds or changes a reminder: its first day, how it
// repeats, its note. A form body.
type reminderForm struct {
	com                *kit.Context
	store              ReminderStore
	orig               model.Reminder
	name               string // the customer's
	date, repeat, note string
}

func newReminderForm(com *kit.Context, store ReminderStore, r model.Reminder, name string) *reminderForm {
	repeat := r.RepeatText()
	if repeat == "" {
		repeat = "once"
	}
	return &reminderForm{com: com, store: store, orig: r, name: name, date: model.FormatDate(r.Start),
		repeat: repeat, note: kit.Clean(r.Note)}
}

// Title implements kit.Body.
func (f *reminderForm) Title() string {
	if f.orig.ID == 0 {
		return "New reminder · " + kit.Clean(f.name)
	}
	return "Reminder · " + kit.Clean(f.name)
}

// Snapshot implements kit.Body.
func (f *reminderForm) Snapshot() string { return f.date + "\x00" + f.repeat + "\x00" + f.note }

// Build implements kit.Body.
func (f *reminderForm) Build(b *kit.Builder) kit.Fields {
	return b.Huh(huh.NewForm(huh.NewGroup(
		b.Named("date", "First day", &f.date).Description("YYYY-MM-DD, today, tomorrow, +7, +2w"),
		b.Input("Repeat", &f.repeat).Description("once, weekly, every 2 weeks, monthly, every 3 months, yearly"),
		b.Input("Note", &f.note).Placeholder("what to do: send the winter catalogue"),
	)), []string{"date", "repeat", "note"})
}

// reminder reads the typed values; an error names the field.
func (f *reminderForm) reminder() (model.Reminder, error) {
	r := f.orig
	day, err := model.ParseDate(f.date, f.com.Now())
	if err != nil {
		return r, model.Invalid("date", "%s", kit.FieldMsg(err))
	}
	r.Start = day
	if r.Unit, r.Every, err = model.ParseRepeat(f.repeat); err != nil {
		return r, err
	}
	if f.note != kit.Clean(f.orig.Note) {
		r.Note = f.note
	}
	r.Normalize()
	return r, r.Validate()
}

// Save implements kit.Body.
func (f *reminderForm) Save() (tea.Cmd, error) {
	r, err := f.reminder()
	if err != nil {
		return nil, err
	}
	store := f.store
	return func() tea.Msg {
		if err := store.SaveReminder(kit.Bg(), &r); err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		return kit.SavedMsg{Text: fmt.Sprintf("Saved the reminder of %s. ctrl+z undoes.", model.FormatDate(r.Start))}
	}, nil
}

// WriteKeys implements kit.Writer.
func (s *remindersScreen) WriteKeys() []key.Binding { return []key.Binding{s.keys.Delete} }
