package today

import (
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// reviewForm says which small form a reviewFormScreen is: log a touch, set
// the next follow-up, or snooze.
type reviewForm int

// The review forms.
const (
	formTouch reviewForm = iota
	formFollowUp
	formSnooze
)

// openReviewForm loads the customer and opens the form about them.
func openReviewForm(com *kit.Context, store Store, id int64, which reviewForm) tea.Cmd {
	return func() tea.Msg {
		c, err := store.Customer(kit.Bg(), id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return kit.PushMsg{Open: func() kit.Screen { return kit.NewForm(com, newReviewForm(com, store, c, which)) }}
	}
}

// dayPick is one quick choice of day; typed asks for a typed date, and the
// zero day (with typed false) clears.
type dayPick struct {
	label string
	day   time.Time
	typed bool
}

// reviewFormScreen is a small form body about one customer: a contact to
// log (channel and a line of notes), or a day to follow up or to snooze
// until (a quick pick or a typed date).
type reviewFormScreen struct {
	com      *kit.Context
	store    Store
	which    reviewForm
	customer model.Customer
	// orig is the stored contact the touch form corrects; nil for a new
	// one. Correcting one adds its date to the fields.
	orig *model.Touch

	// Values as typed.
	channel model.Channel
	summary string
	picks   []dayPick
	pick    int
	typed   string
	on      string // the contact's date, when correcting one
}

func newReviewForm(com *kit.Context, store Store, c model.Customer, which reviewForm) *reviewFormScreen {
	f := &reviewFormScreen{com: com, store: store, which: which, customer: c, channel: c.Channel}
	now := com.Today()
	switch which {
	case formFollowUp:
		f.picks = []dayPick{{label: "in a week", day: model.AddDays(now, 7)}, {label: "in two weeks", day: model.AddDays(now, 14)},
			{label: "in a month", day: now.AddDate(0, 1, 0)}, {label: "another day…", typed: true}, {label: "no follow-up"}}
		if !c.NextReview.IsZero() {
			f.pick, f.typed = 3, model.FormatDate(c.NextReview)
		}
	case formSnooze:
		f.picks = []dayPick{{label: "tomorrow", day: model.AddDays(now, 1)}, {label: "next week", day: model.AddDays(now, 7)},
			{label: "another day…", typed: true}}
	}
	return f
}

// Snapshot implements kit.Body.
func (f *reviewFormScreen) Snapshot() string {
	return strings.Join([]string{string(f.channel), f.summary, itoa(f.pick), f.typed, f.on}, "\x00")
}

func itoa(n int) string { return fmt.Sprintf("%d", n) }

// build makes the huh form over the values.
func (f *reviewFormScreen) Build(b *kit.Builder) kit.Fields {
	in := b.Input
	var groups []*huh.Group
	switch f.which {
	case formTouch:
		channels := []huh.Option[model.Channel]{huh.NewOption("not said", model.Channel(""))}
		for _, c := range model.Channels {
			channels = append(channels, huh.NewOption(string(c), c))
		}
		fields := []huh.Field{
			huh.NewSelect[model.Channel]().Title("Channel").Options(channels...).Value(&f.channel).Inline(true),
			in("What happened", &f.summary).Placeholder("called about the spring order").CharLimit(500).
				Validate(func(s string) error {
					if strings.TrimSpace(s) == "" {
						return errors.New("say in a line what was said or done")
					}
					return nil
				}),
		}
		if f.orig != nil {
			fields = append(fields, in("Date", &f.on).Description("YYYY-MM-DD, yesterday, -3").Validate(func(s string) error {
				_, err := model.ParseDate(s, f.com.Now())
				return err
			}))
		}
		groups = append(groups, huh.NewGroup(fields...))
	default:
		opts := make([]huh.Option[int], len(f.picks))
		for i, p := range f.picks {
			label := p.label
			if !p.day.IsZero() {
				label += " (" + model.FormatDate(p.day) + ")"
			}
			opts[i] = huh.NewOption(label, i)
		}
		groups = append(groups,
			huh.NewGroup(huh.NewSelect[int]().Title(f.question()).Options(opts...).Value(&f.pick)),
			huh.NewGroup(in("Day", &f.typed).Description("YYYY-MM-DD, tomorrow, +10, +3w, +2m").Validate(f.validateDay)).
				WithHideFunc(func() bool { return !f.picks[f.pick].typed }),
		)
	}
	return b.Huh(huh.NewForm(groups...))
}

func (f *reviewFormScreen) question() string {
	if f.which == formSnooze {
		return "Snooze " + model.Printable(f.customer.Name) + " until"
	}
	return "Next follow-up with " + model.Printable(f.customer.Name)
}

// validateDay accepts a day after today.
func (f *reviewFormScreen) validateDay(s string) error {
	_, err := f.day(s)
	return err
}

func (f *reviewFormScreen) day(s string) (time.Time, error) {
	d, err := model.ParseDate(s, f.com.Now())
	if err != nil {
		return d, err
	}
	if f.which == formSnooze && !d.After(f.com.Today()) {
		return d, errors.New("a snooze ends after today")
	}
	return d, nil
}

// Title implements screen.
func (f *reviewFormScreen) Title() string {
	switch f.which {
	case formFollowUp:
		return "Follow-up with " + f.customer.Name
	case formSnooze:
		return "Snooze " + f.customer.Name
	}
	if f.orig != nil {
		return "Edit a contact with " + f.customer.Name
	}
	return "Log a contact with " + f.customer.Name
}

// save writes the touch, follow-up or snooze in a command.
func (f *reviewFormScreen) Save() (tea.Cmd, error) {
	store, id, name := f.store, f.customer.ID, kit.Clean(f.customer.Name)
	var write func() (string, error)
	switch f.which {
	case formTouch:
		t := model.Touch{CustomerID: id, At: f.com.Now(), Channel: f.channel, Kind: model.TouchContact,
			Summary: strings.TrimSpace(f.summary)}
		if o := f.orig; o != nil {
			// What the form does not show stays as stored; a day kept
			// keeps its time.
			t.ID, t.At, t.Kind, t.Template = o.ID, o.At, o.Kind, o.Template
			if t.Summary == strings.TrimSpace(kit.Clean(o.Summary)) {
				t.Summary = o.Summary // shown printable, left as it was: kept as stored
			}
			day, err := model.ParseDate(f.on, f.com.Now())
			if err != nil {
				return nil, model.Invalid("date", "%v", err)
			}
			if !day.Equal(model.Day(o.At)) {
				t.At = day
			}
		}
		if err := t.Validate(); err != nil {
			return nil, err
		}
		if t.ID != 0 {
			write = func() (string, error) {
				return "Corrected the contact with " + name + ". u undoes.", store.UpdateTouch(kit.Bg(), &t)
			}
			break
		}
		write = func() (string, error) { return "Logged a contact with " + name + ".", store.AddTouch(kit.Bg(), &t) }
	default:
		p := f.picks[f.pick]
		day := p.day
		if p.typed {
			var err error
			if day, err = f.day(f.typed); err != nil {
				return nil, model.Invalid("day", "%v", err)
			}
		}
		if f.which == formSnooze {
			write = func() (string, error) {
				return "Snoozed " + name + " until " + model.FormatDate(day) + ".", store.Snooze(kit.Bg(), id, day)
			}
		} else {
			write = func() (string, error) {
				text := "Next follow-up with " + name + ": " + model.FormatDate(day) + "."
				if day.IsZero() {
					text = "No follow-up set for " + name + "."
				}
				return text, store.SetFollowUp(kit.Bg(), id, day)
			}
		}
	}
	return kit.Write(write), nil
}

// Store is what the Today tab and its forms read and write: the review,
// touches, follow-ups and snoozes, payments, and the customer a form is
// about.
type Store interface {
	model.ReviewStore
	model.CustomerStore
	model.PaymentStore
	model.HistoryStore    // u takes back a done or a snooze
	model.CorrectionStore // correcting a contact
}

// OpenTouchEdit loads contact id and its customer, then opens the contact
// form filled with it: saving corrects it.
func OpenTouchEdit(com *kit.Context, store Store, id int64) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		t, err := store.Touch(ctx, id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		c, err := store.Customer(ctx, t.CustomerID)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return kit.PushMsg{Open: func() kit.Screen {
			f := newReviewForm(com, store, c, formTouch)
			f.orig, f.channel, f.summary, f.on = &t, t.Channel, kit.Clean(t.Summary), model.FormatDate(t.At)
			return kit.NewForm(com, f)
		}}
	}
}

// OpenTouch opens the form that logs a contact with customer id.
func OpenTouch(com *kit.Context, store Store, id int64) tea.Cmd {
	return openReviewForm(com, store, id, formTouch)
}

// OpenFollowUp opens the form that sets customer id's next follow-up.
func OpenFollowUp(com *kit.Context, store Store, id int64) tea.Cmd {
	return openReviewForm(com, store, id, formFollowUp)
}
