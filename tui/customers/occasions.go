package customers

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// occasions is the occasions screen: a customer's birthday and the other
// dates that matter to them (an anniversary, their mum's birthday, the
// shop's opening), every year or once. Each is a reason on Today the
// days before that Settings gives.
var occasions = recordKind[model.Occasion]{
	title: "Occasions",
	note:  "  each comes up on Today the days before it",
	empty: "None yet: a adds one (an anniversary, their mum's birthday…).",
	keys:  DefaultOccasionKeys(),
	of:    func(c *model.Customer) []model.Occasion { return c.Occasions },
	row:   func(com *kit.Context, o *model.Occasion) string { return occasionText(o, com.Today()) },
	blank: func(com *kit.Context, id int64) model.Occasion {
		return model.Occasion{CustomerID: id, Kind: model.OccasionOther, Yearly: true}
	},
	form: func(com *kit.Context, store ReminderStore, o model.Occasion, name string) kit.Body {
		return newOccasionForm(com, store, o, name)
	},
	del: func(store ReminderStore, _ *kit.Context, o model.Occasion) (string, error) {
		_, err := store.DeleteOccasion(kit.Bg(), o.ID)
		return kit.Clean(o.Title()), err
	},
}

// occasionForm adds or changes an occasion: its name, its day (the year
// left out when not known), every year or once, a note. A form body.
type occasionForm struct {
	com               *kit.Context
	store             ReminderStore
	orig              model.Occasion
	name              string // the customer's
	title, date, note string
	yearly            bool
}

func newOccasionForm(com *kit.Context, store ReminderStore, o model.Occasion, name string) *occasionForm {
	return &occasionForm{com: com, store: store, orig: o, name: name, title: kit.Clean(o.Name),
		date: occasionDay(com, &o), note: kit.Clean(o.Note), yearly: o.Yearly}
}

// Title implements kit.Body.
func (f *occasionForm) Title() string {
	if f.orig.ID == 0 {
		return "New occasion · " + kit.Clean(f.name)
	}
	return kit.Clean(f.orig.Title()) + " · " + kit.Clean(f.name)
}

// Snapshot implements kit.Body.
func (f *occasionForm) Snapshot() string {
	return strings.Join([]string{f.title, f.date, f.note, fmt.Sprint(f.yearly)}, "\x00")
}

// Build implements kit.Body. A birthday is every year: it has no choice.
func (f *occasionForm) Build(b *kit.Builder) kit.Fields {
	name := "Name"
	if f.orig.Kind == model.OccasionBirthday {
		name = "Name (a birthday may leave it empty)"
	}
	fields := []huh.Field{
		b.Named("name", name, &f.title).Placeholder("Anniversary, Mum's birthday"),
		b.Named("date", "Day", &f.date).Description(occasionHint(f.com)),
	}
	names := []string{"name", "date"}
	if f.orig.Kind != model.OccasionBirthday {
		fields = append(fields, huh.NewSelect[bool]().Title("Repeats").Inline(true).Value(&f.yearly).
			Options(huh.NewOption("every year", true), huh.NewOption("once", false)))
		names = append(names, "")
	}
	fields = append(fields, b.Input("Note", &f.note).Placeholder("what to do: post a card"))
	return b.Huh(huh.NewForm(huh.NewGroup(fields...)), append(names, "note"))
}

// occasion reads the typed values; an error names the field.
func (f *occasionForm) occasion() (model.Occasion, error) {
	o := f.orig
	var err error
	if o.Month, o.Day, o.Year, err = parseOccasionDay(f.com, f.date); err != nil {
		return o, model.Invalid("date", "%s", kit.FieldMsg(err))
	}
	if f.title != kit.Clean(f.orig.Name) {
		o.Name = f.title
	}
	if f.note != kit.Clean(f.orig.Note) {
		o.Note = f.note
	}
	o.Yearly = f.yearly
	o.Normalize()
	return o, o.Validate()
}

// Save implements kit.Body.
func (f *occasionForm) Save() (tea.Cmd, error) {
	o, err := f.occasion()
	if err != nil {
		return nil, err
	}
	store := f.store
	return func() tea.Msg {
		if err := store.SaveOccasion(kit.Bg(), &o); err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		return kit.SavedMsg{Text: fmt.Sprintf("Saved %s. ctrl+z undoes.", kit.Clean(o.Title()))}
	}, nil
}

// An occasion's day is typed as other dates are, in the book's order,
// with the year left out when it is not known: 26/11 (day first), 11/26
// (month first), --11-26 or 11-26 (year first).

// occasionHint is the day field's description.
func occasionHint(com *kit.Context) string {
	if o := com.Settings.DateOrder; o == model.DateOrderDMY || o == model.DateOrderMDY {
		return o.Example() + ", or " + o.Example()[:5] + " without the year"
	}
	return model.DateOrderISO.Example() + ", or 12-24 without the year"
}

// occasionDay writes o's day for its form: "" for a new one.
func occasionDay(com *kit.Context, o *model.Occasion) string {
	if o.Month == 0 {
		return ""
	}
	if o.Year != 0 {
		return com.Date(time.Date(o.Year, o.Month, o.Day, 0, 0, 0, 0, time.UTC))
	}
	switch com.Settings.DateOrder {
	case model.DateOrderDMY:
		return fmt.Sprintf("%02d/%02d", o.Day, int(o.Month))
	case model.DateOrderMDY:
		return fmt.Sprintf("%02d/%02d", int(o.Month), o.Day)
	}
	return o.DateText()
}

// parseOccasionDay reads an occasion's day: a date as the book writes
// them (or today, +7…), or day and month alone (year 0), or --MM-DD
// (MM-DD in a book that writes the year first).
func parseOccasionDay(com *kit.Context, s string) (time.Month, int, int, error) {
	s = strings.TrimSpace(s)
	iso := com.Settings.DateOrder != model.DateOrderDMY && com.Settings.DateOrder != model.DateOrderMDY
	if strings.HasPrefix(s, "--") || iso && dayAndMonth(s) && strings.Contains(s, "-") {
		return model.ParseOccasionDate(s) // MM-DD, month first as the year-first order writes it
	}
	if dayAndMonth(s) {
		// Read in a leap year, so that the 29th of February is a day.
		t, err := com.Settings.DateOrder.Parse(s, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
		return t.Month(), t.Day(), 0, err
	}
	t, err := com.ParseDate(s)
	return t.Month(), t.Day(), t.Year(), err
}

// dayAndMonth reports whether s is two numbers with one separator
// between them: a day and a month without the year.
func dayAndMonth(s string) bool {
	i := strings.IndexAny(s, "/.-")
	if i <= 0 {
		return false
	}
	parts := strings.Split(s, s[i:i+1])
	if len(parts) != 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}
