package customers

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// reminders is the reminders screen: a customer's reminders (the
// follow-up date is F's). Each due one is a reason on Today until the
// customer is next contacted.
var reminders = recordKind[model.Reminder]{
	title: "Reminders",
	note:  "  each due one is on Today until you next contact them",
	empty: "None yet: a adds one (the follow-up date is F on the detail).",
	keys:  DefaultReminderKeys(),
	of: func(c *model.Customer) []model.Reminder {
		var rs []model.Reminder
		for _, r := range c.Reminders {
			if r.Kind == model.ReminderNote {
				rs = append(rs, r)
			}
		}
		return rs
	},
	row: reminderText,
	blank: func(com *kit.Context, id int64) model.Reminder {
		return model.Reminder{CustomerID: id, Kind: model.ReminderNote, Start: com.Today(), Unit: model.RepeatOnce, Every: 1}
	},
	form: func(com *kit.Context, store ReminderStore, r model.Reminder, name string) kit.Body {
		return newReminderForm(com, store, r, name)
	},
	del: func(store ReminderStore, com *kit.Context, r model.Reminder) (string, error) {
		_, err := store.DeleteReminder(kit.Bg(), r.ID)
		return "the reminder of " + com.Date(r.Start), err
	},
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
	return &reminderForm{com: com, store: store, orig: r, name: name, date: com.Date(r.Start),
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
		b.Named("date", "First day", &f.date).Description(f.com.DateHint()),
		b.Input("Repeat", &f.repeat).Description("once, weekly, every 2 weeks, monthly, every 3 months, yearly"),
		b.Input("Note", &f.note).Placeholder("what to do: send the winter catalogue"),
	)), []string{"date", "repeat", "note"})
}

// reminder reads the typed values; an error names the field.
func (f *reminderForm) reminder() (model.Reminder, error) {
	r := f.orig
	day, err := f.com.ParseDate(f.date)
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
		return kit.SavedMsg{Text: fmt.Sprintf("Saved the reminder of %s. ctrl+z undoes.", f.com.Date(r.Start))}
	}, nil
}
