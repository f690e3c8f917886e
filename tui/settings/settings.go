package settings

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// settingsTab is the Settings tab: the settings at a glance, the saved
// feedback questions (add, delete), and e to edit the rest in a form.
type settingsTab struct {
	com    *kit.Context
	store  Store
	keys   SettingsKeys
	data   *setupLoadedMsg
	cursor int // the question under the cursor
	adding bool
	input  textinput.Model
	w, h   int
}

// Store is what the Settings tab and its form read and write.
type Store interface {
	model.SettingsStore
	model.SegmentStore
	model.SetupStore
	model.OutreachStore
	model.CustomFieldStore
}

// New is the Settings tab.
func New(com *kit.Context, store Store) kit.Screen { return newSettingsTab(com, store) }

func newSettingsTab(com *kit.Context, store Store) *settingsTab {
	ti := textinput.New()
	ti.Prompt = "New question: "
	ti.CharLimit = 500
	return &settingsTab{com: com, store: store, keys: DefaultSettingsKeys(), input: ti}
}

// Title implements screen.
func (s *settingsTab) Title() string { return "Settings" }

// Init loads the settings, segments and questions.
func (s *settingsTab) Init() tea.Cmd { return loadSetup(s.store) }

func loadSetup(store Store) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		var msg setupLoadedMsg
		var err error
		if msg.settings, err = store.Settings(ctx); err != nil {
			return kit.ErrMsg{Err: err}
		}
		if msg.segments, err = store.Segments(ctx); err != nil {
			return kit.ErrMsg{Err: err}
		}
		if msg.questions, err = store.SavedQuestions(ctx); err != nil {
			return kit.ErrMsg{Err: err}
		}
		if msg.templates, err = store.Templates(ctx); err != nil {
			return kit.ErrMsg{Err: err}
		}
		if msg.fields, err = store.CustomFields(ctx); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return msg
	}
}

// SetSize implements screen.
func (s *settingsTab) SetSize(w, h int) {
	s.w, s.h = w, h
	s.input.SetWidth(max(w-16, 10))
}

// Typing implements typer: the new-question line takes every key.
func (s *settingsTab) Typing() bool { return s.adding }

// Update implements screen.
func (s *settingsTab) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case setupLoadedMsg:
		s.data = &msg
		s.cursor = max(0, min(s.cursor, len(msg.questions)-1))
	case kit.DataChangedMsg, kit.SettingsLoadedMsg:
		return s.Init()
	case tea.KeyPressMsg:
		if s.adding {
			return s.handleAddKey(msg)
		}
		if s.data == nil {
			return nil
		}
		switch {
		case key.Matches(msg, s.keys.Up):
			s.cursor = max(s.cursor-1, 0)
		case key.Matches(msg, s.keys.Down):
			s.cursor = min(s.cursor+1, len(s.data.questions)-1)
		case key.Matches(msg, s.keys.Edit):
			d := *s.data
			return kit.Push(func() kit.Screen { return kit.NewForm(s.com, newSettingsForm(s.com, s.store, d)) })
		case key.Matches(msg, s.keys.Templates):
			com, store := s.com, s.store
			return kit.Push(func() kit.Screen { return newTemplatesScreen(com, store) })
		case key.Matches(msg, s.keys.Fields):
			com, store := s.com, s.store
			return kit.Push(func() kit.Screen { return newFieldsScreen(com, store) })
		case key.Matches(msg, s.keys.Add):
			s.adding = true
			s.input.SetValue("")
			return s.input.Focus()
		case key.Matches(msg, s.keys.Delete):
			if len(s.data.questions) > 0 {
				q := s.data.questions[s.cursor]
				store := s.store
				return func() tea.Msg {
					if err := store.DeleteSavedQuestion(kit.Bg(), q.ID); err != nil {
						return kit.ErrMsg{Err: err}
					}
					return tea.BatchMsg{kit.Changed, kit.Status("Deleted the question %q.", kit.Clean(q.Text))}
				}
			}
		}
	}
	return nil
}

// handleAddKey types the new question; enter saves it, esc drops it.
func (s *settingsTab) handleAddKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.Cancel):
		s.adding = false
		s.input.Blur()
		return nil
	case key.Matches(msg, s.keys.Save):
		if cmd, refused := s.com.Refuse(); refused {
			return cmd // the book was found damaged while the question was typed; it stays typed
		}
		text := s.input.Value()
		if err := model.ValidateQuestion(text); err != nil {
			text := "Not saved: the question " + kit.FieldMsg(err) + "."
			return func() tea.Msg { return kit.StatusMsg{Text: text, Err: true} }
		}
		s.adding = false
		s.input.Blur()
		store := s.store
		return func() tea.Msg {
			if err := store.AddSavedQuestion(kit.Bg(), text); err != nil {
				return kit.ErrMsg{Err: err}
			}
			return tea.BatchMsg{kit.Changed, kit.Status("Saved the question.")}
		}
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd
}

// View implements screen.
func (s *settingsTab) View() string {
	st := s.com.Styles
	if s.data == nil {
		return st.Muted.Render("Loading…")
	}
	set := s.data.settings
	const labelW = 18
	var lines []string
	// row writes a setting: its parts joined by " · ", wrapped under
	// themselves between parts when they do not fit on one line.
	row := func(label string, parts ...string) {
		for i, l := range kit.WrapParts(parts, max(s.w-labelW-1, 10)) {
			if i > 0 {
				label = ""
			}
			lines = append(lines, st.Label.Render(kit.FitCell(label, labelW, false))+" "+l)
		}
	}
	var cad []string
	for _, seg := range s.data.segments {
		if seg.CadenceDays > 0 {
			cad = append(cad, fmt.Sprintf("%s every %d days", seg.Name, seg.CadenceDays))
		}
	}
	if len(cad) == 0 {
		cad = []string{"none has its own; e sets days per segment"}
	}
	// What reaching out adds goes on the title line (t and f open its
	// screens): the saved questions below need the rows at 80x24.
	occ := "occasions on the day"
	if set.OccasionDays > 0 {
		occ = fmt.Sprintf("occasions %s ahead", model.Plural(set.OccasionDays, "day", "days"))
	}
	lines = append(lines, kit.Truncate(st.Title.Render("Settings")+st.Muted.Render("  e edits · "+
		strings.Join([]string{occ, s.templatesText(), s.fieldsText()}, " · ")), s.w))
	state, recovery := s.com.State()
	row("File", append([]string{kit.Clean(s.com.Book.Path)}, state...)...)
	if recovery != "" {
		for _, l := range kit.Wrap(recovery, max(s.w-labelW-1, 10)) {
			lines = append(lines, strings.Repeat(" ", labelW+1)+st.Bad.Render(l))
		}
	}
	row("Business", set.BusinessName, set.Currency, "hourly rate "+s.com.Money(set.HourlyRate),
		"dates as "+set.DateOrder.Example())
	row("Tiers", set.TierNames[:]...)
	row("Stay in touch", "advocates "+daysOrOff(set.AdvocateDays, "every %d days"),
		"customers "+daysOrOff(set.CustomerDays, "every %d days"))
	row("Segments", cad...)
	row("Prospects", "review "+daysOrOff(set.ProspectDays, "when untouched for %d days"),
		"thank-you "+daysOrOff(set.ThankYouDays, "%d days after a first order"))
	row("Reorders", "overdue past "+strconv.FormatFloat(set.ReorderFactor, 'f', -1, 64)+" × the usual gap")
	row("Complaints", fmt.Sprintf("targets: low %d, medium %d, high %d days", set.ComplaintTargetDays[model.SeverityLow],
		set.ComplaintTargetDays[model.SeverityMedium], set.ComplaintTargetDays[model.SeverityHigh]))
	row("Daily review", fmt.Sprintf("lists the %d most urgent customers", set.ReviewSize),
		"suggests as former "+daysOrOff(set.FormerDays, "after %d days without an order or a contact"))
	row("Copies", s.copies(set.ReplicateTo)...)
	lines = append(lines, "", st.Section.Render("Saved feedback questions")+st.Muted.Render("  a adds · x deletes"))
	if len(s.data.questions) == 0 {
		lines = append(lines, st.Muted.Render("None yet."))
	}
	room := max(s.h-len(lines)-1, 1)
	top := max(0, s.cursor-room+1)
	for i := top; i < len(s.data.questions) && i < top+room; i++ {
		text := "  " + kit.FitCell(s.data.questions[i].Text, max(s.w-2, 1), false)
		if i == s.cursor {
			text = st.Selected.Render("▸ " + kit.FitCell(s.data.questions[i].Text, max(s.w-2, 1), false))
		}
		lines = append(lines, text)
	}
	if s.adding {
		lines = append(lines, s.input.View())
	}
	return strings.Join(lines, "\n")
}

// copies says where the book is copied continuously and how it goes.
func (s *settingsTab) copies(dest string) []string {
	c := s.com.Copies
	switch {
	case s.com.Book.FollowedFrom != "" && dest == "":
		return []string{"none here: the machine that writes the book copies it"}
	case s.com.Book.FollowedFrom != "":
		return []string{"to " + dest, "by the machine that writes the book, not here"}
	case dest == "":
		return []string{"none: e names a folder, SFTP, WebDAV or S3 to copy the book to as it changes"}
	case !s.com.Writable():
		return []string{"to " + dest, "not while the book cannot be written here"}
	case c.Destination == "":
		return []string{"to " + dest, "not copied while clientele runs here (clientele replicate copies it)"}
	}
	parts := []string{"to " + c.Destination}
	if c.LastCopy.IsZero() {
		parts = append(parts, "no copy yet")
	} else {
		parts = append(parts, "last copy "+when(c.LastCopy, s.com.Now()))
	}
	if c.Err != nil {
		parts = append(parts, "failing since "+when(c.FailingSince, s.com.Now())+": "+c.Err.Error())
	}
	return parts
}

// when writes t as a time of day, with its date when it is not today.
func when(t, now time.Time) string {
	if y, m, d := t.Date(); now.Year() == y && now.Month() == m && now.Day() == d {
		return t.Format("15:04:05")
	}
	return t.Format("2006-01-02 15:04")
}

// daysOrOff writes a rule's days with format, or "off" for 0: a rule
// with no days is switched off.
func daysOrOff(days int, format string) string {
	if days == 0 {
		return "off"
	}
	return fmt.Sprintf(format, days)
}

// ShortHelp implements help.KeyMap.
func (s *settingsTab) ShortHelp() []key.Binding {
	if s.adding {
		return []key.Binding{s.keys.Save, s.keys.Cancel}
	}
	return []key.Binding{s.keys.Edit, s.keys.Templates, s.keys.Fields, s.keys.Add, s.keys.Delete}
}

// FullHelp implements help.KeyMap.
func (s *settingsTab) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.keys.Up, s.keys.Down}, {s.keys.Edit, s.keys.Templates, s.keys.Fields, s.keys.Add, s.keys.Delete}}
}

// settingsForm edits the settings and the segments' cadences: a form
// body. Every field is checked as it is left; a failed save keeps
// everything typed.
type settingsForm struct {
	com      *kit.Context
	store    Store
	segments []model.Segment
	orig     model.Settings // as loaded: what the form does not show is kept

	name, currency, rate                string
	dateOrder                           model.DateOrder
	tiers                               [model.Tiers]string
	advocate, customer, prospect, thank string
	factor                              string
	size                                string    // the daily review's size
	replicateTo                         string    // where the book is copied as it changes
	former                              string    // days before one is suggested as former
	occasion                            string    // days before an occasion it is listed
	targets                             [3]string // low, medium, high
	cadences                            []string  // per segment
}

func newSettingsForm(com *kit.Context, store Store, d setupLoadedMsg) *settingsForm {
	s := d.settings
	f := &settingsForm{com: com, store: store, segments: d.segments, orig: s, former: strconv.Itoa(s.FormerDays),
		occasion: strconv.Itoa(s.OccasionDays),
		name:     s.BusinessName, currency: s.Currency, rate: s.HourlyRate.Decimal(), tiers: s.TierNames,
		dateOrder: s.DateOrder,
		advocate:  strconv.Itoa(s.AdvocateDays), customer: strconv.Itoa(s.CustomerDays),
		prospect: strconv.Itoa(s.ProspectDays), thank: strconv.Itoa(s.ThankYouDays),
		factor: strconv.FormatFloat(s.ReorderFactor, 'f', -1, 64), size: strconv.Itoa(s.ReviewSize),
		replicateTo: s.ReplicateTo}
	for i, sev := range model.Severities {
		f.targets[i] = strconv.Itoa(s.ComplaintTargetDays[sev])
	}
	for _, seg := range d.segments {
		c := ""
		if seg.CadenceDays > 0 {
			c = strconv.Itoa(seg.CadenceDays)
		}
		f.cadences = append(f.cadences, c)
	}
	return f
}

// Snapshot implements kit.Body.
func (f *settingsForm) Snapshot() string {
	parts := []string{f.name, f.currency, f.rate, string(f.dateOrder), f.advocate, f.customer, f.prospect, f.thank,
		f.factor, f.size, f.former, f.occasion, f.replicateTo}
	parts = append(parts, f.tiers[:]...)
	parts = append(parts, f.targets[:]...)
	return strings.Join(append(parts, f.cadences...), "\x00")
}

// wholeDays validates a number of days from lo to hi; empty is allowed
// when lo is 0 (for "none").
func wholeDays(lo, hi int) func(string) error {
	return func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" && lo == 0 {
			return nil
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("%q is not a whole number of days", s)
		}
		if n < lo || n > hi {
			return fmt.Errorf("%d is not between %d and %d", n, lo, hi)
		}
		return nil
	}
}

// wholeCount validates a number of customers from lo to hi.
func wholeCount(lo, hi int) func(string) error {
	return func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("%q is not a whole number", s)
		}
		if n < lo || n > hi {
			return fmt.Errorf("%d is not between %d and %d", n, lo, hi)
		}
		return nil
	}
}

func validateFactor(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return fmt.Errorf("%q is not a number such as 1.5", s)
	}
	if v < 1 || v > 10 {
		return fmt.Errorf("%g is not between 1 and 10", v)
	}
	return nil
}

// Build implements kit.Body.
func (f *settingsForm) Build(b *kit.Builder) kit.Fields {
	in := b.Input
	required := func(field string) func(string) error {
		return func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New("is required")
			}
			return nil
		}
	}
	if f.dateOrder == "" {
		f.dateOrder = model.DateOrderISO
	}
	orders := make([]huh.Option[model.DateOrder], len(model.DateOrders))
	for i, o := range model.DateOrders {
		orders[i] = huh.NewOption(o.Example(), o)
	}
	business := huh.NewGroup(
		in("Business name", &f.name).Validate(required("business name")),
		in("Hourly rate", &f.rate).Description("what an hour of your time costs").Validate(kit.ValidateCost),
		in("Currency", &f.currency).Description("its ISO code: GBP, EUR, USD…").Validate(func(s string) error {
			return kit.MsgOnly(model.ValidateCurrency)(strings.ToUpper(strings.TrimSpace(s)))
		}),
		huh.NewSelect[model.DateOrder]().Title("Dates are written").Options(orders...).Value(&f.dateOrder).Inline(true),
		in("Tier 1", &f.tiers[0]).Validate(required("tier 1")),
		in("Tier 2", &f.tiers[1]).Validate(required("tier 2")),
		in("Tier 3", &f.tiers[2]).Validate(required("tier 3")),
	).Title("Business")
	review := huh.NewGroup(
		in("Customers to list each day", &f.size).Description("the most urgent first; m on Today lists more").
			Validate(wholeCount(1, model.MaxReviewSize)),
		in("Advocates: stay in touch every (days, 0 off)", &f.advocate).Validate(wholeDays(0, 3650)),
		in("Customers: stay in touch every (days, 0 off)", &f.customer).Validate(wholeDays(0, 3650)),
		in("Prospects: review when untouched for (days, 0 off)", &f.prospect).Validate(wholeDays(0, 3650)),
		in("Thank-you: days after a first order (0 off)", &f.thank).Validate(wholeDays(0, 3650)),
		in("Reorder factor (× the usual gap)", &f.factor).Validate(validateFactor),
		in("Suggest as former after (days, 0 off)", &f.former).
			Description("no order and no contact for that long: suggested on Today, never moved").
			Validate(wholeDays(0, 3650)),
		in("Low complaint target (days)", &f.targets[0]).Validate(wholeDays(1, 365)),
		in("Medium complaint target (days)", &f.targets[1]).Validate(wholeDays(1, 365)),
		in("High complaint target (days)", &f.targets[2]).Validate(wholeDays(1, 365)),
		in("Occasions: days before (0 on the day)", &f.occasion).
			Description("birthdays and named dates come up on Today until a contact or the day").
			Validate(wholeDays(0, model.MaxOccasionDays)),
	).Title("The daily review")
	copies := huh.NewGroup(
		in("Replicate to (empty: none)", &f.replicateTo).
			Description("file:///folder, sftp://user@host/folder, webdavs://host/folder or s3://bucket/folder; " +
				"never a password").
			Validate(func(s string) error {
				if err := model.ValidateReplicateTo(strings.TrimSpace(s)); err != nil {
					return errors.New(kit.FieldMsg(err))
				}
				return nil
			}),
	).Title("Copies")
	groups := []*huh.Group{business, review}
	if len(f.segments) > 0 {
		var cadences []huh.Field
		for i, seg := range f.segments {
			cadences = append(cadences, in(model.Printable(seg.Name)+": every (days, empty for none)", &f.cadences[i]).
				Validate(wholeDays(0, 3650)))
		}
		groups = append(groups, huh.NewGroup(cadences...).Title("Segments: stay in touch"))
	}
	groups = append(groups, copies) // last: the form walks as it always did
	return b.Huh(huh.NewForm(groups...))
}

// settings reads the typed values; an error names the field.
func (f *settingsForm) settings() (model.Settings, map[int64]int, error) {
	// What the form does not show (the replica's destination …) stays as
	// it was.
	s := f.orig
	s.BusinessName, s.Currency, s.TierNames = strings.TrimSpace(f.name), strings.ToUpper(strings.TrimSpace(f.currency)), f.tiers
	s.ReplicateTo = strings.TrimSpace(f.replicateTo)
	s.DateOrder = f.dateOrder
	var err error
	if s.HourlyRate, err = model.ParseMoney(f.rate); err != nil {
		return s, nil, model.Invalid("hourly rate", "%v", err)
	}
	num := func(field, v string, dst *int) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil && strings.TrimSpace(v) != "" {
			return model.Invalid(field, "%q is not a whole number", v)
		}
		*dst = n
		return nil
	}
	for _, x := range []struct {
		field, v string
		dst      *int
	}{{"advocate days", f.advocate, &s.AdvocateDays}, {"customer days", f.customer, &s.CustomerDays},
		{"prospect days", f.prospect, &s.ProspectDays}, {"thank-you days", f.thank, &s.ThankYouDays},
		{"review size", f.size, &s.ReviewSize}, {"former days", f.former, &s.FormerDays},
		{"occasion days", f.occasion, &s.OccasionDays}} {
		if err := num(x.field, x.v, x.dst); err != nil {
			return s, nil, err
		}
	}
	if s.ReorderFactor, err = strconv.ParseFloat(strings.TrimSpace(f.factor), 64); err != nil {
		return s, nil, model.Invalid("reorder factor", "%q is not a number", f.factor)
	}
	s.ComplaintTargetDays = map[model.Severity]int{}
	for i, sev := range model.Severities {
		var d int
		if err := num(string(sev)+" complaint days", f.targets[i], &d); err != nil {
			return s, nil, err
		}
		s.ComplaintTargetDays[sev] = d
	}
	cad := map[int64]int{}
	for i, seg := range f.segments {
		var d int
		if err := num(seg.Name, f.cadences[i], &d); err != nil {
			return s, nil, err
		}
		cad[seg.ID] = d
	}
	return s, cad, s.Validate()
}

// Title implements screen.
func (f *settingsForm) Title() string { return "Edit settings" }

// save writes the settings and cadences in a command.
func (f *settingsForm) Save() (tea.Cmd, error) {
	s, cad, err := f.settings()
	if err != nil {
		return nil, err
	}
	store := f.store
	return func() tea.Msg {
		if err := store.SaveSettings(kit.Bg(), s); err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		if err := store.SetSegmentCadences(kit.Bg(), cad); err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		return kit.SavedMsg{Text: "Settings saved.", Then: kit.ReloadSettings(store)}
	}, nil
}

// WriteKeys implements kit.Writer.
func (s *settingsTab) WriteKeys() []key.Binding {
	return []key.Binding{s.keys.Edit, s.keys.Add, s.keys.Delete}
}
