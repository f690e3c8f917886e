package feedback

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// feedbackForm records feedback in a handful of keys: a form body. One
// key picks the kind (a digit is an NPS score and starts it); the fields
// then open with sensible defaults (the customer, their preferred
// channel, the question that kind answers), the first one to type in
// focused; enter saves from any field and tab moves between them. The
// common cases from a customer: f 9 enter (NPS 9), f 1 0 enter (NPS 10),
// f w <the wish> enter.
type feedbackForm struct {
	com        *kit.Context
	store      FormStore
	keys       FeedbackFormKeys
	customerID int64
	data       feedbackFormData
	kind       model.FeedbackKind // "" while the kind is being chosen
	// orig is the stored feedback the form corrects; nil for new.
	orig *model.Feedback

	// Field values, as typed.
	score, answer, question, customer, offering string
	channel                                     model.Channel

	order []string // the fields in form order, by name
}

// feedbackFormData is what the feedback form needs before it opens.
type feedbackFormData struct {
	pick      kit.CustomerPick
	questions []model.SavedQuestion
	offerings []model.Offering
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

// FormStore is what the feedback form reads and writes: the customer
// field's names, the saved questions, the offerings, the feedback.
type FormStore interface {
	model.CustomerStore
	model.SetupStore
	model.OfferingStore
	model.FeedbackStore
	model.CorrectionStore // correcting an entry
}

// OpenForm loads the customer (0 for anonymous feedback), the saved
// questions and the offerings, then opens the feedback form.
func OpenForm(com *kit.Context, store FormStore, customerID int64) tea.Cmd {
	return openForm(com, store, customerID, nil)
}

// OpenEdit loads feedback id, then opens the feedback form filled with it:
// saving corrects it (an NPS answer entered as 6 instead of 9, a wish on
// the wrong customer).
func OpenEdit(com *kit.Context, store FormStore, id int64) tea.Cmd {
	return func() tea.Msg {
		r, err := store.Feedback(kit.Bg(), id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return openForm(com, store, r.CustomerID, &r)()
	}
}

func openForm(com *kit.Context, store FormStore, customerID int64, edit *model.FeedbackRow) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		pick, err := kit.LoadCustomerPick(ctx, store, customerID)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		data := feedbackFormData{pick: pick}
		if data.questions, err = store.SavedQuestions(ctx); err != nil {
			return kit.ErrMsg{Err: err}
		}
		if data.offerings, err = store.Offerings(ctx); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return kit.PushMsg{Open: func() kit.Screen {
			f := &feedbackForm{com: com, store: store, keys: DefaultFeedbackFormKeys(), customerID: customerID, data: data}
			if edit != nil {
				f.fill(edit)
			}
			return kit.NewForm(com, f)
		}}
	}
}

// fill takes the values from the stored entry r: its kind is chosen, its
// fields hold what it says, made printable.
func (f *feedbackForm) fill(r *model.FeedbackRow) {
	f.orig = &r.Feedback
	score := ""
	if r.HasScore {
		score = strconv.Itoa(r.Score)
	}
	f.choose(r.Kind, score)
	f.answer, f.question, f.channel = kit.Clean(r.Answer), kit.Clean(r.Question), r.Channel
	f.offering = kit.Clean(r.Offering)
}

// Title implements screen.
func (f *feedbackForm) Title() string {
	if f.orig != nil {
		if f.data.pick.Customer.ID != 0 {
			return "Edit feedback from " + f.data.pick.Customer.Name
		}
		return "Edit feedback"
	}
	if f.data.pick.Customer.ID != 0 {
		return "Feedback from " + f.data.pick.Customer.Name
	}
	return "New feedback"
}

// choose starts the form for a kind; a digit typed for an NPS score is
// the score's first digit.
func (f *feedbackForm) choose(kind model.FeedbackKind, digit string) {
	f.kind, f.score = kind, digit
	p := f.data.pick
	f.customer = p.Text
	f.channel = p.Customer.Channel
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
}

// Snapshot implements kit.Body.
func (f *feedbackForm) Snapshot() string {
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

// build makes the huh form over the values; before the kind is chosen,
// the list of kinds.
func (f *feedbackForm) Build(b *kit.Builder) kit.Fields {
	if f.kind == "" {
		return &kindChoice{f: f}
	}
	// Stored text reaches the terminal as completions: made printable.
	var offerings, questions []string
	for _, o := range f.data.offerings {
		offerings = append(offerings, kit.Clean(o.Name))
	}
	for _, q := range f.data.questions {
		questions = append(questions, kit.Clean(q.Text))
	}
	channels := []huh.Option[model.Channel]{huh.NewOption("not set", model.Channel(""))}
	for _, c := range model.Channels {
		channels = append(channels, huh.NewOption(string(c), c))
	}
	in := func(name, title string, v *string) *huh.Input { return b.Named(name, title, v).CharLimit(2000) }
	byName := map[string]huh.Field{
		fieldScore:  in(fieldScore, "Score, 0 to 10", &f.score).CharLimit(2),
		fieldAnswer: in(fieldAnswer, answerTitle(f.kind), &f.answer),
		fieldCustomer: in(fieldCustomer, "Customer", &f.customer).Suggestions(f.data.pick.List).
			Placeholder("blank for anonymous; a name or #id"),
		fieldQuestion: in(fieldQuestion, "Question asked", &f.question).Suggestions(questions).
			Placeholder("a saved question (ctrl+e completes) or a new one"),
		fieldChannel: huh.NewSelect[model.Channel]().Title("Channel").Options(channels...).Value(&f.channel).Inline(true),
		fieldOffering: in(fieldOffering, "About (optional)", &f.offering).Suggestions(offerings).
			Placeholder("an offering"),
	}
	var group []huh.Field
	for _, name := range f.order {
		group = append(group, byName[name])
	}
	return b.KeyMap(kit.QuickKeyMap()).Huh(huh.NewForm(huh.NewGroup(group...)), f.order)
}

// feedback returns the feedback the values describe, the name to look the
// customer up by when only the store can resolve it, and the field errors.
func (f *feedbackForm) feedback() (model.Feedback, string, map[string]string) {
	errs := map[string]string{}
	fb := model.Feedback{On: f.com.Today(), Kind: f.kind, Channel: f.channel, Question: strings.TrimSpace(f.question),
		Answer: strings.TrimSpace(f.answer), Status: model.FeedbackNew}
	if o := f.orig; o != nil {
		// What the form does not show stays as stored; text left as it
		// was shown stays as stored (it was shown printable).
		fb.ID, fb.On, fb.Status, fb.Theme, fb.RepliedOn = o.ID, o.On, o.Status, o.Theme, o.RepliedOn
		if fb.Answer == strings.TrimSpace(kit.Clean(o.Answer)) {
			fb.Answer = o.Answer
		}
		if fb.Question == strings.TrimSpace(kit.Clean(o.Question)) {
			fb.Question = o.Question
		}
	}
	if f.kind == model.FeedbackNPS {
		s := strings.TrimSpace(f.score)
		n, err := strconv.Atoi(s)
		switch {
		case s == "":
			errs[fieldScore] = "type a score from 0 to 10"
		case err != nil || n < 0 || n > 10:
			errs[fieldScore] = fmt.Sprintf("%q is not a score from 0 to 10", s)
		default:
			fb.Score, fb.HasScore = n, true
		}
	}
	id, lookup, err := f.data.pick.Resolve(f.customer)
	if err != nil {
		errs[fieldCustomer] = err.Error()
	}
	fb.CustomerID = id
	if name := strings.TrimSpace(f.offering); name != "" {
		fb.OfferingID = -1
		for _, o := range f.data.offerings {
			if kit.Fold(o.Name) == kit.Fold(name) || kit.Fold(kit.Clean(o.Name)) == kit.Fold(name) {
				fb.OfferingID = o.ID
				break
			}
		}
		if fb.OfferingID < 0 {
			errs[fieldOffering] = fmt.Sprintf("no offering is called %q", name)
		}
	}
	if len(errs) == 0 {
		if es, ok := kit.FieldErrors(fb.Validate()); ok {
			errs = es
		}
	}
	return fb, lookup, errs
}

// save checks the values and writes the feedback in a command.
func (f *feedbackForm) Save() (tea.Cmd, error) {
	fb, lookup, errs := f.feedback()
	if err := kit.ErrorsIn(errs, f.order); err != nil {
		return nil, err
	}
	store := f.store
	return func() tea.Msg {
		if err := kit.LookupInto(kit.Bg(), store, lookup, &fb.CustomerID); err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		if fb.ID != 0 {
			if err := store.UpdateFeedback(kit.Bg(), &fb); err != nil {
				return kit.SaveFailedMsg{Err: err}
			}
			return kit.SavedMsg{Text: "Corrected the feedback: now " + feedbackSummary(fb, kit.StoredName(kit.Bg(), store, fb.CustomerID)) + ". u undoes."}
		}
		if err := store.CreateFeedback(kit.Bg(), &fb); err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		return kit.SavedMsg{Text: "Recorded " + feedbackSummary(fb, kit.StoredName(kit.Bg(), store, fb.CustomerID)) + "."}
	}, nil
}

// key picks the kind from one key before the fields open, and saves on
// enter from any field once they have.
func (f *feedbackForm) Key(msg tea.KeyPressMsg) (kit.KeyAction, tea.Cmd) {
	if f.kind != "" {
		if key.Matches(msg, f.keys.SaveEnter) {
			return kit.KeySave, nil
		}
		return kit.KeyPass, nil
	}
	switch {
	case key.Matches(msg, f.keys.Score):
		f.choose(model.FeedbackNPS, msg.String())
	case key.Matches(msg, f.keys.NPS):
		f.choose(model.FeedbackNPS, "")
	case key.Matches(msg, f.keys.Wish):
		f.choose(model.FeedbackWish, "")
	case key.Matches(msg, f.keys.Praise):
		f.choose(model.FeedbackPraise, "")
	case key.Matches(msg, f.keys.Suggestion):
		f.choose(model.FeedbackSuggestion, "")
	case key.Matches(msg, f.keys.Question):
		f.choose(model.FeedbackQuestion, "")
	default:
		return kit.KeyUsed, nil
	}
	return kit.KeyRebuild, nil
}

// feedbackSummary says what was recorded: "NPS 9 from Ada Lovelace".
func feedbackSummary(fb model.Feedback, customer string) string {
	what := "a " + string(fb.Kind)
	switch fb.Kind {
	case model.FeedbackNPS:
		what = fmt.Sprintf("NPS %d", fb.Score)
	case model.FeedbackPraise:
		what = "praise" // uncountable: no article
	}
	if customer == "" {
		return what + " (anonymous)"
	}
	return what + " from " + kit.Clean(customer)
}

// banner is the title, and once the kind is chosen the kind and how to
// save.
func (f *feedbackForm) Banner(w int) string {
	st := f.com.Styles
	if f.kind == "" {
		return kit.Truncate(st.Title.Render(kit.Clean(f.Title())), w)
	}
	return kit.Truncate(st.Title.Render(kit.Clean(f.Title())+" · "+f.kind.Label())+st.Muted.Render("  enter saves"), w)
}

// kindChoice is the feedback form before its kind is chosen: the kinds and
// their keys, in place of fields.
type kindChoice struct {
	f *feedbackForm
	w int
}

// Init implements kit.Fields.
func (k *kindChoice) Init() tea.Cmd { return nil }

// Update implements kit.Fields.
func (k *kindChoice) Update(tea.Msg) (tea.Cmd, bool) { return nil, false }

// SetSize implements kit.Fields.
func (k *kindChoice) SetSize(w, _ int) { k.w = w }

// KeyBinds implements kit.Fields.
func (k *kindChoice) KeyBinds() []key.Binding { return nil }

// ShowErrors implements kit.Fields.
func (k *kindChoice) ShowErrors(map[string]string) tea.Cmd { return nil }

// View lists the kinds under the banner.
func (k *kindChoice) View() string {
	f := k.f
	st := f.com.Styles
	key := func(b key.Binding) string { return st.Key.Render(kit.FitCell(b.Help().Key, 4, false)) }
	lines := []string{
		"", "What kind of feedback?", "",
		key(f.keys.Score) + " an NPS score: type it (9, or 1 0 for ten), then enter",
		key(f.keys.NPS) + " NPS, score next",
		key(f.keys.Wish) + " a wish: “" + model.WishQuestion + "”",
		key(f.keys.Praise) + " praise",
		key(f.keys.Suggestion) + " a suggestion",
		key(f.keys.Question) + " a question they asked",
	}
	for i, l := range lines {
		lines[i] = kit.Truncate(l, k.w)
	}
	return strings.Join(lines, "\n")
}

// shortHelp is the kind keys, then the form's.
func (f *feedbackForm) Keys([]key.Binding) []key.Binding {
	if f.kind == "" {
		return []key.Binding{f.keys.Score, f.keys.Wish, f.keys.Praise, f.keys.Suggestion, f.keys.Question}
	}
	return []key.Binding{f.keys.SaveEnter, f.keys.Next, f.keys.Prev, f.keys.Complete}
}

// fullHelp lists every key of the form.
func (f *feedbackForm) AllKeys() [][]key.Binding {
	return [][]key.Binding{
		{f.keys.Score, f.keys.NPS, f.keys.Wish, f.keys.Praise, f.keys.Suggestion, f.keys.Question},
		{f.keys.SaveEnter, f.keys.Next, f.keys.Prev, f.keys.Complete, f.keys.Cancel},
	}
}
