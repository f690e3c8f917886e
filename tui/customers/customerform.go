package customers

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// customerForm adds or edits a customer: a form body over huh. Every
// field is checked as the user leaves it, with the message beside it; the
// values live in this struct, so a failed save rebuilds the form with
// everything still typed.
type customerForm struct {
	com   *kit.Context
	store formStore

	orig     model.Customer     // the stored customer (zero when adding)
	names    map[string][]int64 // folded name → ids
	nameList []string           // names offered as completions (small books only)
	segments []string

	// Field values, as typed.
	name, email, phone, social, company, country string
	channel                                      model.Channel
	stage                                        model.Stage
	fit, tier                                    int
	segmentsText, valuesText                     string
	referredBy, source, acqCost, nextReview      string
	language, notes, letGo                       string
	// How to reach them: the postal address, the birthday, marketing
	// consent per channel, the owner's own fields (by defs).
	line1, line2, town, region, postcode, birthday string
	consent                                        [3]bool // by model.ConsentChannels
	defs                                           []model.CustomField
	custom                                         []string // by defs
}

// customerFormData is what a customer form needs before it opens: the
// customer to edit and the names it checks "referred by" against.
type customerFormData struct {
	customer model.Customer
	names    []model.CustomerName
	segments []string
	fields   []model.CustomField // the owner's custom fields
}

// openCustomerForm loads what the form needs (the customer, the names it
// checks "referred by" against) and opens it; id 0 adds a customer.
func openCustomerForm(com *kit.Context, store formStore, id int64) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		var msg customerFormData
		if id != 0 {
			c, err := store.Customer(ctx, id)
			if err != nil {
				return kit.ErrMsg{Err: err}
			}
			msg.customer = c
		}
		names, err := store.CustomerNames(ctx)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		msg.names = names
		segs, err := store.Segments(ctx)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		for _, s := range segs {
			msg.segments = append(msg.segments, kit.Clean(s.Name))
		}
		if msg.fields, err = store.CustomFields(ctx); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return kit.PushMsg{Open: func() kit.Screen { return kit.NewForm(com, newCustomerForm(com, store, msg)) }}
	}
}

func newCustomerForm(com *kit.Context, store formStore, data customerFormData) *customerForm {
	c := data.customer
	f := &customerForm{com: com, store: store, orig: c, segments: data.segments,
		names: map[string][]int64{}}
	for _, n := range data.names {
		k := kit.Fold(n.Name)
		f.names[k] = append(f.names[k], n.ID)
		if len(data.names) <= kit.MaxCompletions && n.ID != c.ID {
			f.nameList = append(f.nameList, kit.Clean(n.Name))
		}
	}
	// Stored text is edited as it is shown: control characters visible.
	c = editableCustomer(c)
	f.name, f.email, f.phone, f.social = c.Name, c.Email, c.Phone, c.Social
	f.company, f.country, f.channel, f.stage = c.Company, c.Country, c.Channel, c.Stage
	if f.stage == "" {
		f.stage = model.StageCustomer
	}
	f.fit, f.tier = c.Fit, c.Tier
	f.segmentsText = strings.Join(c.Segments, ", ")
	f.valuesText = strings.Join(c.Values, ", ")
	if c.ReferredBy != 0 {
		f.referredBy = "#" + strconv.FormatInt(c.ReferredBy, 10)
		for _, n := range data.names {
			if n.ID == c.ReferredBy && len(f.names[kit.Fold(n.Name)]) == 1 {
				f.referredBy = kit.Clean(n.Name)
			}
		}
	}
	f.source = c.Source
	if c.AcquisitionCost != 0 {
		f.acqCost = c.AcquisitionCost.Decimal()
	}
	f.nextReview = f.com.Date(c.NextReview)
	f.language, f.notes, f.letGo = c.Language, c.Notes, c.LetGoReason
	f.line1, f.line2, f.town, f.region, f.postcode = c.Address.Line1, c.Address.Line2, c.Address.Town,
		c.Address.Region, c.Address.Postcode
	if b := birthday(c.Occasions); b >= 0 {
		f.birthday = occasionDay(f.com, &c.Occasions[b])
	}
	for i, ch := range model.ConsentChannels {
		f.consent[i] = c.Consent.Given(ch)
	}
	f.defs = data.fields
	f.custom = make([]string, len(f.defs))
	for i, d := range f.defs {
		f.custom[i] = fieldValue(c.Fields, d.ID)
	}
	return f
}

// birthday is the index of the birthday among os, -1 when none.
func birthday(os []model.Occasion) int {
	return slices.IndexFunc(os, func(o model.Occasion) bool { return o.Kind == model.OccasionBirthday })
}

// fieldValue is the value of custom field id among vs, "" when none.
func fieldValue(vs []model.FieldValue, id int64) string {
	for _, v := range vs {
		if v.FieldID == id {
			return v.Value
		}
	}
	return ""
}

// Snapshot joins the field values, to tell an edited form from an untouched one.
func (f *customerForm) Snapshot() string {
	return strings.Join([]string{f.name, f.email, f.phone, f.social, f.company, f.country, string(f.channel),
		string(f.stage), strconv.Itoa(f.fit), strconv.Itoa(f.tier), f.segmentsText, f.valuesText, f.referredBy,
		f.source, f.acqCost, f.nextReview, f.language, f.notes, f.letGo, f.line1, f.line2, f.town, f.region,
		f.postcode, f.birthday, fmt.Sprint(f.consent), strings.Join(f.custom, "\x01")}, "\x00")
}

// build makes the huh form over the field values.
func (f *customerForm) Build(b *kit.Builder) kit.Fields {
	channels := []huh.Option[model.Channel]{huh.NewOption("not set", model.Channel(""))}
	for _, c := range model.Channels {
		channels = append(channels, huh.NewOption(string(c), c))
	}
	stages := make([]huh.Option[model.Stage], len(model.Stages))
	for i, s := range model.Stages {
		stages[i] = huh.NewOption(string(s), s)
	}
	fits := []huh.Option[int]{huh.NewOption("not rated", 0), huh.NewOption("1 poor", 1), huh.NewOption("2", 2),
		huh.NewOption("3", 3), huh.NewOption("4", 4), huh.NewOption("5 perfect", 5)}
	tiers := []huh.Option[int]{huh.NewOption("none", 0)}
	for i := 1; i <= model.Tiers; i++ {
		tiers = append(tiers, huh.NewOption(model.Printable(f.com.Settings.TierName(i)), i))
	}
	in := b.Input
	return b.Huh(huh.NewForm(append([]*huh.Group{
		huh.NewGroup(
			in("Name", &f.name).Validate(kit.MsgOnly(model.ValidateName)).CharLimit(200),
			in("Email", &f.email).Validate(kit.MsgOnly(model.ValidateEmail)),
			huh.NewSelect[model.Channel]().Title("Preferred channel").Options(channels...).Value(&f.channel).Inline(true),
			in("Phone", &f.phone).Validate(kit.MsgOnly(model.ValidatePhone)),
			in("Social handle", &f.social).Placeholder("@handle"),
			in("Company", &f.company),
			in("Country", &f.country),
		).Title("Who they are"),
		huh.NewGroup(
			huh.NewSelect[model.Stage]().Title("Stage").Options(stages...).Value(&f.stage).Inline(true),
			huh.NewSelect[int]().Title("Fit (how well you work together)").Options(fits...).Value(&f.fit).Inline(true),
			huh.NewSelect[int]().Title("Package tier").Options(tiers...).Value(&f.tier).Inline(true),
			in("Segments", &f.segmentsText).Description("comma-separated; a new name creates a segment").
				Validate(validateSegments).Suggestions(f.segments),
			in("What they value", &f.valuesText).Description("comma-separated: price, quality, style, fit, speed…").
				Suggestions(model.CommonValues),
		).Title("The relationship"),
		huh.NewGroup(
			in("Referred by", &f.referredBy).Description("a customer's name, or #id").
				Validate(f.validateReferrer).Suggestions(f.nameList),
			in("How they found you", &f.source).Placeholder("Etsy, craft fair, Instagram…"),
			in("Acquisition cost", &f.acqCost).Validate(kit.ValidateCost).Placeholder("0.00"),
			in("Next follow-up", &f.nextReview).Description(f.com.DateHint()+", +2w").
				Validate(f.validateDate),
		).Title("Where they came from"),
		huh.NewGroup(
			in("How they speak", &f.language).Placeholder("words and tone to use with them"),
			huh.NewText().Title("Notes").Value(&f.notes).Lines(4).CharLimit(20000),
			in("Reason for letting go", &f.letGo).Description("for former customers"),
		).Title("Notes"),
		f.reachGroup(b),
	}, f.fieldsGroup(b)...)...))
}

// reachGroup is the postal address, the birthday and marketing consent.
func (f *customerForm) reachGroup(b *kit.Builder) *huh.Group {
	in := b.Input
	fields := []huh.Field{
		in("Street", &f.line1).Placeholder("house and street"),
		in("Street, line 2", &f.line2).Placeholder("flat, building, PO box"),
		in("Town", &f.town),
		in("Region", &f.region).Placeholder("county, state"),
		in("Postcode", &f.postcode),
		in("Birthday", &f.birthday).Description(occasionHint(f.com)).Validate(f.validateBirthday),
	}
	for i, ch := range model.ConsentChannels {
		since := "yes, from today"
		if day := f.orig.Consent.On(ch); !day.IsZero() {
			since = "yes, since " + f.com.Date(day)
		}
		fields = append(fields, huh.NewSelect[bool]().Title("Marketing by "+string(ch)).Inline(true).
			Options(huh.NewOption("no", false), huh.NewOption(since, true)).Value(&f.consent[i]))
	}
	return huh.NewGroup(fields...).Title("Reaching them")
}

// fieldsGroup is the owner's custom fields, each checked by its kind;
// none when the owner has none.
func (f *customerForm) fieldsGroup(b *kit.Builder) []*huh.Group {
	if len(f.defs) == 0 {
		return nil
	}
	var fields []huh.Field
	for i := range f.defs {
		d := &f.defs[i]
		today := f.com.Now()
		fields = append(fields, b.Input(kit.Clean(d.Name), &f.custom[i]).Description(fieldHint(d)).
			Validate(func(s string) error {
				_, err := d.NormalizeValue(s, today)
				return kit.MsgOnly(func(string) error { return err })(s)
			}))
	}
	return []*huh.Group{huh.NewGroup(fields...).Title("Your fields")}
}

// fieldHint says what a custom field takes.
func fieldHint(d *model.CustomField) string {
	switch d.Kind {
	case model.FieldNumber:
		return "a number"
	case model.FieldDate:
		return "YYYY-MM-DD"
	case model.FieldYesNo:
		return "yes or no"
	case model.FieldChoice:
		return "one of " + kit.Clean(strings.Join(d.Choices, ", "))
	}
	return ""
}

// validateBirthday checks a birthday as it is left: in the book's date
// order, the year left out when it is not known.
func (f *customerForm) validateBirthday(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, _, _, err := parseOccasionDay(f.com, s)
	return kit.MsgOnly(func(string) error { return err })(s)
}

func validateSegments(s string) error {
	for _, name := range model.NormalizeNames(strings.Split(s, ",")) {
		if err := kit.MsgOnly(model.ValidateSegmentName)(name); err != nil {
			return err
		}
	}
	return nil
}

func (f *customerForm) validateDate(s string) error {
	_, err := f.followUp(s)
	return err
}

// followUp reads the next follow-up: a day to come, or the one stored
// (which may have passed: the review lists it as late). A new day in the
// past was taken silently ("705 days ago") where a typo was meant.
func (f *customerForm) followUp(s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, nil
	}
	d, err := f.com.ParseDate(s)
	if err != nil {
		return d, err
	}
	if d.Before(f.com.Today()) && !d.Equal(model.Day(f.orig.NextReview)) {
		return d, fmt.Errorf("%s is in the past: a follow-up is a day to come (today, +7, fri)", f.com.Date(d))
	}
	return d, nil
}

// referrer resolves the "referred by" field to a customer id: a name
// (any case) or #id. 0 means nobody.
func (f *customerForm) referrer(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if strings.HasPrefix(s, "#") {
		id, err := strconv.ParseInt(s[1:], 10, 64)
		if err != nil || id <= 0 {
			return 0, fmt.Errorf("%q is not a customer number", s)
		}
		for _, ids := range f.names {
			for _, x := range ids {
				if x == id {
					return f.notSelf(id)
				}
			}
		}
		return 0, fmt.Errorf("there is no customer %s", s)
	}
	ids := f.names[kit.Fold(s)]
	switch len(ids) {
	case 0:
		return 0, fmt.Errorf("no customer is called %q", s)
	case 1:
		return f.notSelf(ids[0])
	}
	return 0, fmt.Errorf("%d customers are called %q: type #id instead", len(ids), s)
}

func (f *customerForm) notSelf(id int64) (int64, error) {
	if id == f.orig.ID && id != 0 {
		return 0, errors.New("a customer cannot refer themselves")
	}
	return id, nil
}

func (f *customerForm) validateReferrer(s string) error {
	_, err := f.referrer(s)
	return err
}

// customer returns the stored customer with the typed values applied;
// fields the form does not show (snooze, import refs) are kept.
//
// A stored text the form showed with its control characters made visible
// is saved as it was stored unless the user changed it: opening and saving
// a form never rewrites what it did not touch.
func (f *customerForm) customer() (model.Customer, error) {
	c, shown := f.orig, editableCustomer(f.orig)
	keep := func(dst *string, typed, shownAs string) {
		if typed != shownAs {
			*dst = typed
		}
	}
	keep(&c.Name, f.name, shown.Name)
	keep(&c.Email, f.email, shown.Email)
	keep(&c.Phone, f.phone, shown.Phone)
	keep(&c.Social, f.social, shown.Social)
	keep(&c.Company, f.company, shown.Company)
	keep(&c.Country, f.country, shown.Country)
	keep(&c.Source, f.source, shown.Source)
	keep(&c.Language, f.language, shown.Language)
	keep(&c.Notes, f.notes, shown.Notes)
	keep(&c.LetGoReason, f.letGo, shown.LetGoReason)
	c.Channel, c.Stage, c.Fit, c.Tier = f.channel, f.stage, f.fit, f.tier
	if f.segmentsText != strings.Join(shown.Segments, ", ") {
		c.Segments = model.NormalizeNames(strings.Split(f.segmentsText, ","))
	}
	if f.valuesText != strings.Join(shown.Values, ", ") {
		c.Values = model.SplitTags(f.valuesText)
	}
	var err error
	if c.ReferredBy, err = f.referrer(f.referredBy); err != nil {
		return c, model.Invalid("referred by", "%v", err)
	}
	c.AcquisitionCost = 0
	if strings.TrimSpace(f.acqCost) != "" {
		if c.AcquisitionCost, err = model.ParseMoney(f.acqCost); err != nil {
			return c, model.Invalid("acquisition cost", "%v", err)
		}
	}
	if c.NextReview, err = f.followUp(f.nextReview); err != nil {
		return c, model.Invalid("next follow-up", "%v", err)
	}
	return c, f.reach(&c, shown)
}

// reach applies the address, birthday, consent and custom fields typed
// to c; shown is the stored customer as the form showed it.
func (f *customerForm) reach(c *model.Customer, shown model.Customer) error {
	for _, x := range []struct {
		dst          *string
		typed, shown string
	}{{&c.Address.Line1, f.line1, shown.Address.Line1}, {&c.Address.Line2, f.line2, shown.Address.Line2},
		{&c.Address.Town, f.town, shown.Address.Town}, {&c.Address.Region, f.region, shown.Address.Region},
		{&c.Address.Postcode, f.postcode, shown.Address.Postcode}} {
		if x.typed != x.shown {
			*x.dst = x.typed
		}
	}
	today := f.com.Today()
	for i, ch := range model.ConsentChannels {
		switch {
		case !f.consent[i]:
			c.Consent.Set(ch, time.Time{})
		case !c.Consent.Given(ch):
			c.Consent.Set(ch, today)
		}
	}
	c.Occasions = slices.Clone(c.Occasions)
	b := birthday(c.Occasions)
	switch text := strings.TrimSpace(f.birthday); {
	case text == "" && b >= 0:
		c.Occasions = slices.Delete(c.Occasions, b, b+1)
	case text != "" && (b < 0 || text != occasionDay(f.com, &c.Occasions[b])):
		m, d, y, err := parseOccasionDay(f.com, text)
		if err != nil {
			return model.Invalid("birthday", "%s", kit.FieldMsg(err))
		}
		if b < 0 {
			c.Occasions = append(c.Occasions, model.Occasion{Kind: model.OccasionBirthday, Yearly: true})
			b = len(c.Occasions) - 1
		}
		c.Occasions[b].Month, c.Occasions[b].Day, c.Occasions[b].Year = m, d, y
	}
	var vs []model.FieldValue
	for i, d := range f.defs {
		v := fieldValue(c.Fields, d.ID)
		if f.custom[i] != fieldValue(shown.Fields, d.ID) {
			v = f.custom[i]
		}
		if strings.TrimSpace(v) != "" {
			vs = append(vs, model.FieldValue{FieldID: d.ID, Name: d.Name, Kind: d.Kind, Value: v})
		}
	}
	c.Fields = vs
	return nil
}

// Title implements screen.
func (f *customerForm) Title() string {
	if f.orig.ID == 0 {
		return "New customer"
	}
	return "Edit " + kit.Clean(f.orig.Name)
}

// save writes the customer in a command.
func (f *customerForm) Save() (tea.Cmd, error) {
	c, err := f.customer()
	if err != nil {
		return nil, err
	}
	store, com := f.store, f.com
	return func() tea.Msg {
		verb, err := "Saved", error(nil)
		if c.ID == 0 {
			// A likely duplicate is added only once the owner says so.
			matches, dupErr := store.DuplicatesOf(kit.Bg(), c)
			if dupErr != nil {
				return kit.SaveFailedMsg{Err: dupErr}
			}
			if len(matches) > 0 {
				return dupWarningOf(com, store, c, matches)
			}
			verb, err = "Added", store.CreateCustomer(kit.Bg(), &c)
		} else {
			err = store.UpdateCustomer(kit.Bg(), &c)
		}
		if err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		saved := kit.SavedMsg{Text: verb + " " + kit.Clean(c.Name) + "."}
		if verb == "Added" {
			saved.Then = kit.Send(customerAddedMsg{id: c.ID})
		}
		return saved
	}, nil
}

// editableCustomer is c with its stored text as a form shows it: control
// characters and invisible format characters made visible (notes keep
// their line breaks), so a form never draws them raw. A field the person
// changes is saved as typed; the others keep their stored text
// (customerForm.customer).
func editableCustomer(c model.Customer) model.Customer {
	c.Segments, c.Values = slices.Clone(c.Segments), slices.Clone(c.Values)
	for _, s := range []*string{&c.Name, &c.Email, &c.Phone, &c.Social, &c.Company, &c.Country, &c.Source,
		&c.Language, &c.LetGoReason} {
		*s = kit.Clean(*s)
	}
	c.Notes = model.PrintableLines(c.Notes)
	for _, s := range []*string{&c.Address.Line1, &c.Address.Line2, &c.Address.Town, &c.Address.Region,
		&c.Address.Postcode} {
		*s = kit.Clean(*s)
	}
	c.Fields = slices.Clone(c.Fields)
	for i := range c.Fields {
		c.Fields[i].Value = kit.Clean(c.Fields[i].Value)
	}
	for i := range c.Segments {
		c.Segments[i] = kit.Clean(c.Segments[i])
	}
	for i := range c.Values {
		c.Values[i] = kit.Clean(c.Values[i])
	}
	return c
}
