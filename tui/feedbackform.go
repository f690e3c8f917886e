package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
)

// feedbackForm records feedback in a handful of keys. One key picks the
// kind (a digit is an NPS score and starts it); the fields then open with
// sensible defaults (the customer, their preferred channel, the question
// that kind answers), the first one to type in focused; enter saves from
// any field and tab moves between them. The common cases from a customer:
// f 9 enter (NPS 9), f 1 0 enter (NPS 10), f w <the wish> enter.
type feedbackForm struct {
	checkedForm
	keys       FeedbackFormKeys
	customerID int64
	data       *feedbackFormDataMsg
	kind       model.FeedbackKind // "" while the kind is being chosen

	// Field values, as typed.
	score, answer, question, customer, offering string
	channel                                     model.Channel

	order []string // the fields in form order, by name
}

// Field names, as errors name them.
const (
	fieldScore    = "score"
	fieldAnswer   = "answer"
	fieldCustomer = "customer"
	fieldQuestion = "question"
	fieldChannel  = "channel"
	fieldOffering = "offering"
)

func newFeedbackForm(com *common, customerID int64) *feedbackForm {
	keys := DefaultFeedbackFormKeys()
	return &feedbackForm{checkedForm: checkedForm{formChrome: newFormChrome(), com: com}, keys: keys, customerID: customerID}
}

// Init loads the customer, the saved questions and the offerings.
func (f *feedbackForm) Init() tea.Cmd {
	if f.form != nil {
		return f.form.Init()
	}
	if f.data != nil {
		return nil
	}
	store, id := f.com.store, f.customerID
	return func() tea.Msg {
		ctx := bg()
		pick, err := loadCustomerPick(ctx, store, id)
		if err != nil {
			return errMsg{err}
		}
		msg := feedbackFormDataMsg{pick: pick}
		if msg.questions, err = store.SavedQuestions(ctx); err != nil {
			return errMsg{err}
		}
		if msg.offerings, err = store.Offerings(ctx); err != nil {
			return errMsg{err}
		}
		return msg
	}
}

// Title implements screen.
func (f *feedbackForm) Title() string {
	if f.data != nil && f.data.pick.customer.ID != 0 {
		return "Feedback from " + f.data.pick.customer.Name
	}
	return "New feedback"
}

// choose starts the form for a kind; a digit typed for an NPS score is
// the score's first digit.
func (f *feedbackForm) choose(kind model.FeedbackKind, digit string) tea.Cmd {
	f.kind, f.score = kind, digit
	p := f.data.pick
	f.customer = p.text
	f.channel = p.customer.Channel
	switch kind {
	case model.FeedbackNPS:
		f.question = model.NPSQuestion
	case model.FeedbackWish:
		f.question = model.WishQuestion
	}
	first := []string{fieldAnswer}
	if kind == model.FeedbackNPS {
		first = []string{fieldScore, fieldAnswer}
	}
	if f.customerID == 0 {
		// Who gave it comes right after what they said.
		f.order = append(append(first[:1:1], fieldCustomer), first[1:]...)
		f.order = append(f.order, fieldQuestion, fieldChannel, fieldOffering)
	} else {
		f.order = append(first, fieldQuestion, fieldChannel, fieldOffering, fieldCustomer)
	}
	f.initial = f.snapshot()
	f.build()
	return f.form.Init()
}

func (f *feedbackForm) snapshot() string {
	return strings.Join([]string{f.score, f.answer, f.question, f.customer, f.offering, string(f.channel)}, "\x00")
}

// answerTitle asks for the answer in the words of its kind.
func answerTitle(kind model.FeedbackKind) string {
	switch kind {
	case model.FeedbackNPS:
		return "Why that score? (optional)"
	case model.FeedbackWish:
		return "What do they wish you offered?"
	case model.FeedbackPraise:
		return "What did they praise?"
	case model.FeedbackSuggestion:
		return "What do they suggest?"
	}
	return "What did they ask?"
}

// build makes the huh form over the values, focused on field focus (the
// first field when "").
func (f *feedbackForm) build() {
	f.inputs = namedInputs{}
	// Stored text reaches the terminal as completions: made printable.
	var offerings, questions []string
	for _, o := range f.data.offerings {
		offerings = append(offerings, clean(o.Name))
	}
	for _, q := range f.data.questions {
		questions = append(questions, clean(q.Text))
	}
	channels := []huh.Option[model.Channel]{huh.NewOption("not set", model.Channel(""))}
	for _, c := range model.Channels {
		channels = append(channels, huh.NewOption(string(c), c))
	}
	fields := map[string]huh.Field{
		fieldScore:  f.input(fieldScore, "Score, 0 to 10", &f.score).CharLimit(2),
		fieldAnswer: f.input(fieldAnswer, answerTitle(f.kind), &f.answer),
		fieldCustomer: f.input(fieldCustomer, "Customer", &f.customer).Suggestions(f.data.pick.list).
			Placeholder("blank for anonymous; a name or #id"),
		fieldQuestion: f.input(fieldQuestion, "Question asked", &f.question).Suggestions(questions).
			Placeholder("a saved question (ctrl+e completes) or a new one"),
		fieldChannel: huh.NewSelect[model.Channel]().Title("Channel").Options(channels...).Value(&f.channel).Inline(true),
		fieldOffering: f.input(fieldOffering, "About (optional)", &f.offering).Suggestions(offerings).
			Placeholder("an offering"),
	}
	var group []huh.Field
	for _, name := range f.order {
		group = append(group, fields[name])
	}
	f.finish(huh.NewForm(huh.NewGroup(group...)).WithKeyMap(quickKeyMap()), [][]string{f.order})
}

// quickKeyMap is huh's keymap for forms that save on enter: tab and
// shift+tab move between fields, left and right change a choice.
func quickKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	next := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field"))
	km.Input.Next, km.Input.Submit = next, next
	km.Select.Next, km.Select.Submit = next, next
	km.Select.Left = key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous choice"))
	km.Select.Right = key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next choice"))
	km.Select.Filter.SetEnabled(false)
	return km
}

// feedback returns the feedback the values describe, the name to look the
// customer up by when only the store can resolve it, and the field errors.
func (f *feedbackForm) feedback() (model.Feedback, string, map[string]string) {
	errs := map[string]string{}
	fb := model.Feedback{On: f.com.today(), Kind: f.kind, Channel: f.channel, Question: strings.TrimSpace(f.question),
		Answer: strings.TrimSpace(f.answer), Status: model.FeedbackNew}
	if f.kind == model.FeedbackNPS {
		s := strings.TrimSpace(f.score)
		n, err := strconv.Atoi(s)
		switch {
		case s == "":
			errs[fieldScore] = "type a score from 0 to 10"
		case err != nil || n < 0 || n > 10:
			errs[fieldScore] = sprintf("%q is not a score from 0 to 10", s)
		default:
			fb.Score, fb.HasScore = n, true
		}
	}
	id, lookup, err := f.data.pick.resolve(f.customer)
	if err != nil {
		errs[fieldCustomer] = err.Error()
	}
	fb.CustomerID = id
	if name := strings.TrimSpace(f.offering); name != "" {
		fb.OfferingID = -1
		for _, o := range f.data.offerings {
			if fold(o.Name) == fold(name) || fold(clean(o.Name)) == fold(name) {
				fb.OfferingID = o.ID
				break
			}
		}
		if fb.OfferingID < 0 {
			errs[fieldOffering] = sprintf("no offering is called %q", name)
		}
	}
	if len(errs) == 0 {
		if es, ok := fieldErrors(fb.Validate()); ok {
			errs = es
		}
	}
	return fb, lookup, errs
}

// save checks the values and writes the feedback in a command; a field
// in error keeps the form open on it.
func (f *feedbackForm) save() tea.Cmd {
	fb, lookup, errs := f.feedback()
	if len(errs) > 0 {
		return f.fail(errs, f.build)
	}
	f.saving, f.saveErr = true, ""
	store := f.com.store
	return func() tea.Msg {
		if err := lookupInto(bg(), store, lookup, &fb.CustomerID); err != nil {
			return feedbackSaveFailedMsg{err}
		}
		if err := store.CreateFeedback(bg(), &fb); err != nil {
			return feedbackSaveFailedMsg{err}
		}
		return feedbackSavedMsg{feedback: fb, customer: storedName(bg(), store, fb.CustomerID)}
	}
}

// Update implements screen.
func (f *feedbackForm) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case feedbackFormDataMsg:
		if f.data == nil {
			f.data = &msg
		}
		return nil
	case feedbackSavedMsg:
		return tea.Batch(back, status("Recorded %s.", feedbackSummary(msg.feedback, msg.customer)))
	case feedbackSaveFailedMsg:
		return f.saveFailed(msg.err, f.build)
	case tea.KeyPressMsg:
		return f.handleKey(msg)
	}
	if f.form == nil {
		return nil
	}
	return f.updateForm(msg)
}

func (f *feedbackForm) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if handled, cmd := f.guard(msg, f.snapshot()); handled {
		return cmd
	}
	switch {
	case f.data == nil: // still loading
		return nil
	case f.form == nil:
		return f.chooseKey(msg)
	case key.Matches(msg, f.keys.Save):
		return f.save()
	}
	return f.updateForm(msg)
}

// chooseKey picks the kind from one key.
func (f *feedbackForm) chooseKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, f.keys.Score):
		return f.choose(model.FeedbackNPS, msg.String())
	case key.Matches(msg, f.keys.NPS):
		return f.choose(model.FeedbackNPS, "")
	case key.Matches(msg, f.keys.Wish):
		return f.choose(model.FeedbackWish, "")
	case key.Matches(msg, f.keys.Praise):
		return f.choose(model.FeedbackPraise, "")
	case key.Matches(msg, f.keys.Suggestion):
		return f.choose(model.FeedbackSuggestion, "")
	case key.Matches(msg, f.keys.Question):
		return f.choose(model.FeedbackQuestion, "")
	}
	return nil
}

func (f *feedbackForm) updateForm(msg tea.Msg) tea.Cmd {
	cmd, completed := f.update(msg)
	if completed { // tab past the last field saves too
		return f.save()
	}
	return cmd
}

// feedbackSummary says what was recorded: "NPS 9 from Ada Lovelace".
func feedbackSummary(fb model.Feedback, customer string) string {
	what := "a " + string(fb.Kind)
	switch fb.Kind {
	case model.FeedbackNPS:
		what = sprintf("NPS %d", fb.Score)
	case model.FeedbackPraise:
		what = "praise" // uncountable: no article
	}
	if customer == "" {
		return what + " (anonymous)"
	}
	return what + " from " + clean(customer)
}

// View implements screen.
func (f *feedbackForm) View() string {
	st := f.com.styles
	if f.data == nil {
		return st.Muted.Render("Loading…")
	}
	if f.form != nil {
		return f.show(st.Title.Render(clean(f.Title())+" · "+f.kind.Label()) + st.Muted.Render("  enter saves"))
	}
	k := func(b key.Binding) string { return st.Key.Render(fitCell(b.Help().Key, 4, false)) }
	lines := []string{
		st.Title.Render(clean(f.Title())), "", "What kind of feedback?", "",
		k(f.keys.Score) + " an NPS score: type it (9, or 1 0 for ten), then enter",
		k(f.keys.NPS) + " NPS, score next",
		k(f.keys.Wish) + " a wish: “" + model.WishQuestion + "”",
		k(f.keys.Praise) + " praise",
		k(f.keys.Suggestion) + " a suggestion",
		k(f.keys.Question) + " a question they asked",
	}
	for i, l := range lines {
		lines[i] = truncate(l, f.w)
	}
	return strings.Join(lines, "\n")
}

// ShortHelp implements help.KeyMap.
func (f *feedbackForm) ShortHelp() []key.Binding {
	if f.form == nil {
		return f.keysHelp(f.keys.Score, f.keys.Wish, f.keys.Praise, f.keys.Suggestion, f.keys.Question)
	}
	return f.keysHelp(f.keys.Save, f.keys.Next, f.keys.Prev, f.keys.Complete)
}

// FullHelp implements help.KeyMap.
func (f *feedbackForm) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{f.keys.Score, f.keys.NPS, f.keys.Wish, f.keys.Praise, f.keys.Suggestion, f.keys.Question},
		{f.keys.Save, f.keys.Next, f.keys.Prev, f.keys.Complete, f.checkedForm.keys.Cancel},
	}
}
