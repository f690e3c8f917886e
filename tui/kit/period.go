package kit

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
)

// Period is the period the figures are shown over: one picker (the
// Profit tab's p, P, ←/→ on a year and d for dates) drives the Profit
// tab, the Segments tab and a customer's detail, so choosing it on one is
// choosing it on the others. The root keeps it in the Context and changes
// it on a PeriodMsg, which it passes to the screens shown; a screen reads
// it (On) when it loads.
type Period struct {
	Kind     model.PeriodKind
	Year     int          // of the calendar-year kind
	Custom   model.Period // the days of the custom kind
	From, To string       // the custom dates as last typed, offered again
	// Chosen: the owner picked it, so the root no longer moves it to
	// where the book's records are.
	Chosen bool
	// Note says why the screens opened on this period rather than the
	// last 12 months ("your records end on 23 Dec 2010"); "" when they did not.
	Note string
}

// DefaultPeriod is the last 12 months, the calendar year offered being
// the last whole one.
func DefaultPeriod(today time.Time) Period {
	return Period{Kind: model.PeriodLast12Months, Year: today.Year() - 1}
}

// PeriodWhereRecordsAre is the period the screens open on when the owner
// has not chosen one, the book's last record being on last (zero: none):
// the last 12 months, unless every record is older, when it is the
// calendar year of the last record, with a note that says so.
func PeriodWhereRecordsAre(today, last time.Time, date func(time.Time) string) Period {
	p := DefaultPeriod(today)
	if last.IsZero() || !model.Day(last).Before(model.Last12Months(today).From) {
		return p
	}
	p.Kind, p.Year = model.PeriodYear, last.Year()
	p.Note = "your records end on " + date(last)
	return p
}

// On is the period's days on today: the rolling kinds move with it.
func (p Period) On(today time.Time) model.Period {
	switch p.Kind {
	case model.PeriodYear:
		return model.CalendarYear(p.Year)
	case model.PeriodCustom:
		return p.Custom
	}
	return model.PeriodOf(p.Kind, today)
}

// Same reports whether p and o are the same period, noted alike.
func (p Period) Same(o Period) bool {
	return p.Kind == o.Kind && p.Year == o.Year && p.Note == o.Note && p.Custom.Same(o.Custom)
}

// PeriodMsg sets the period the figures are shown over (the root keeps
// it in the Context, then passes the message to the screens shown, which
// compute again in a command).
type PeriodMsg struct{ Period Period }

// PickPeriod handles the period keys for the screen that shows them: p
// and P move to the next and previous kind (never into the custom one,
// which only d opens, so a p typed next is not typed into its form), ←
// and → the calendar year on screen, d asks for dates. It reports whether
// msg was one of them.
func PickPeriod(com *Context, k PeriodKeys, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	p := com.Period
	p.Chosen, p.Note = true, ""
	today := com.Today()
	switch {
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		step := 1
		if key.Matches(msg, k.Prev) {
			step = -1
		}
		kinds := model.PeriodKinds
		i := 0
		for j, kind := range kinds {
			if kind == p.Kind {
				i = j
			}
		}
		for {
			i = (i + step + len(kinds)) % len(kinds)
			if kinds[i] != model.PeriodCustom {
				break
			}
		}
		p.Kind = kinds[i]
	case key.Matches(msg, k.PrevYear, k.NextYear) && p.Kind == model.PeriodYear:
		step := 1
		if key.Matches(msg, k.PrevYear) {
			step = -1
		}
		y := p.Year + step
		if y < 1 || y > today.Year() {
			return nil, true
		}
		p.Year = y
	case key.Matches(msg, k.Dates):
		from, to := p.From, p.To
		if from == "" && to == "" {
			on := com.Period.On(today)
			from, to = com.Date(on.From), com.Date(on.To)
		}
		return Push(func() Screen { return NewForm(com, &periodForm{com: com, from: from, to: to, base: p}) }), true
	default:
		return nil, false
	}
	return Send(PeriodMsg{Period: p}), true
}

// PeriodBar lists the periods p walks through, the one on screen
// highlighted (the calendar year with its arrows when chosen, the custom
// days when they are), then d for dates; when they do not fit in w, it
// names the one on screen.
func PeriodBar(com *Context, w int) string {
	st := com.Styles
	p := com.Period
	var parts []string
	on := ""
	for _, k := range model.PeriodKinds {
		name := Capitalise(k.String())
		switch k {
		case model.PeriodYear:
			name = strconv.Itoa(p.Year)
			if p.Kind == k {
				name = "◂ " + name + " ▸"
			}
		case model.PeriodCustom:
			if p.Kind != k {
				parts = append(parts, st.Muted.Render("d dates…"))
				continue
			}
			name = p.Custom.Span()
		}
		if k == p.Kind {
			on = name
			parts = append(parts, st.ActiveTab.Render(name))
		} else {
			parts = append(parts, st.Tab.Render(name))
		}
	}
	bar := strings.Join(parts, "  ")
	if Width(bar) > w {
		bar = st.ActiveTab.Render(on) + st.Muted.Render(" · p period · d dates")
	}
	if p.Note != "" && Width(bar)+3+len([]rune(p.Note)) <= w {
		bar += st.Muted.Render(" · " + p.Note)
	}
	return Truncate(bar, w)
}

// Capitalise upper-cases the first letter of s.
func Capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// periodForm asks for the days of a custom period: from and to, either
// left empty for an open end. A form body: a date it cannot read is
// refused beside its field, with everything typed kept.
type periodForm struct {
	com      *Context
	from, to string
	base     Period // the period it changes
}

// Snapshot implements Body.
func (f *periodForm) Snapshot() string { return f.from + "\x00" + f.to }

// Build implements Body.
func (f *periodForm) Build(b *Builder) Fields {
	in := func(title string, v *string) *huh.Input { return b.Input(title, v).Inline(true) }
	return b.Huh(huh.NewForm(huh.NewGroup(
		in("From ", &f.from).Placeholder(f.com.Settings.DateOrder.Layout()+", -30; empty: since the first order").Validate(f.validateDate),
		in("To ", &f.to).Placeholder(f.com.Settings.DateOrder.Layout()+", today; empty: up to the last").Validate(f.validateDate),
	).Title("Figures over your own dates")))
}

// validateDate accepts a date ParseDate reads, or nothing.
func (f *periodForm) validateDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := f.com.ParseDate(s)
	return err
}

// period reads the values into a period.
func (f *periodForm) period() (model.Period, error) {
	var days [2]time.Time
	for i, v := range []struct{ field, text string }{{"from", f.from}, {"to", f.to}} {
		if strings.TrimSpace(v.text) == "" {
			continue
		}
		d, err := f.com.ParseDate(v.text)
		if err != nil {
			return model.Period{}, model.Invalid(v.field, "%v", err)
		}
		days[i] = d
	}
	return model.CustomPeriod(days[0], days[1])
}

// Title implements Screen.
func (f *periodForm) Title() string { return "Custom period" }

// ReadsOnly implements Reading: choosing a period writes nothing.
func (f *periodForm) ReadsOnly() {}

// Save hands the period to the root, once this form has closed.
func (f *periodForm) Save() (tea.Cmd, error) {
	cp, err := f.period()
	if err != nil {
		return nil, err
	}
	p := f.base
	p.Kind, p.Custom = cp.Kind, cp
	p.From, p.To = strings.TrimSpace(f.from), strings.TrimSpace(f.to)
	if cp.Kind == model.PeriodAllTime {
		p.Custom = model.Period{}
	}
	chosen := PeriodMsg{Period: p}
	return func() tea.Msg { return SavedMsg{Then: func() tea.Msg { return chosen }} }, nil
}

// Banner says how dates are typed.
func (f *periodForm) Banner(w int) string {
	return Truncate(f.com.Styles.Muted.Render("Dates as "+f.com.DateHint()+" or -30 (days ago); both days are included."), w)
}
