package customers

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/desktop"
	"clientele/tui/kit"
)

// messageScreen writes a message to a customer from a template: the
// reason's template filled in with their record, for their preferred
// channel. enter hands it to the owner's own programs (the mail program
// by mailto:, the phone link by sms:, else the clipboard) and logs the
// contact with its channel and the template's name; e lets the owner
// rewrite it in $EDITOR first. Nothing is ever sent from here: what
// leaves the machine, the owner sends. Marketing templates are offered
// only by a channel the customer consented to.
type messageScreen struct {
	com   *kit.Context
	store MessageStore
	keys  MessageKeys
	want  model.TemplateKind // the reason's template, "" for the owner to pick
	data  *messageLoadedMsg
	chans []model.Channel // the channels to pick from, the likeliest first
	ch    int             // index into chans
	tpl   model.TemplateKind
	busy  bool // handing over or in the editor: keys wait
	w, h  int
}

// OpenMessage opens a message to customer id from the template of kind
// ("" to pick one, starting on the follow-up), once its facts are read.
func OpenMessage(com *kit.Context, store MessageStore, id int64, kind model.TemplateKind) tea.Cmd {
	today := com.Today()
	return func() tea.Msg {
		ctx := kit.Bg()
		c, err := store.Customer(ctx, id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		ts, err := store.Templates(ctx)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		msg := messageLoadedMsg{customer: c, templates: ts, facts: map[model.TemplateKind]model.MessageFacts{}}
		for _, t := range ts {
			if msg.facts[t.Kind], err = store.MessageFacts(ctx, id, t.Kind, today); err != nil {
				return kit.ErrMsg{Err: err}
			}
		}
		return kit.PushMsg{Open: func() kit.Screen { return newMessageScreen(com, store, kind, &msg) }}
	}
}

func newMessageScreen(com *kit.Context, store MessageStore, kind model.TemplateKind, data *messageLoadedMsg) *messageScreen {
	m := &messageScreen{com: com, store: store, keys: DefaultMessageKeys(), want: kind, data: data}
	m.chans = messageChannels(&data.customer)
	m.pick(kind)
	return m
}

// messageChannels are the channels a message may go by: the preferred
// one first (else the first the record has the details for), then the
// rest.
func messageChannels(c *model.Customer) []model.Channel {
	first := c.Channel
	if first == "" {
		first = model.ChannelEmail
		switch {
		case c.Email != "":
		case model.SMSNumber(c.Phone) != "":
			first = model.ChannelText
		case !c.Address.IsZero():
			first = model.ChannelMail
		}
	}
	out := []model.Channel{first}
	for _, ch := range model.Channels {
		if ch != first {
			out = append(out, ch)
		}
	}
	return out
}

// channel is the channel picked.
func (m *messageScreen) channel() model.Channel { return m.chans[m.ch] }

// offered are the templates the customer may be sent by the channel
// picked.
func (m *messageScreen) offered() []model.Template {
	return model.OfferedTemplates(m.data.templates, m.data.customer.Consent, m.channel())
}

// pick selects the template of kind when it is offered, else keeps the
// one selected if it still is, else the follow-up (always offered: it is
// not marketing unless the owner made it so), else the first offered.
func (m *messageScreen) pick(kind model.TemplateKind) {
	ts := m.offered()
	for _, k := range []model.TemplateKind{kind, m.tpl, model.TemplateFollowUp} {
		if slices.ContainsFunc(ts, func(t model.Template) bool { return t.Kind == k }) {
			m.tpl = k
			return
		}
	}
	m.tpl = ""
	if len(ts) > 0 {
		m.tpl = ts[0].Kind
	}
}

// template is the template selected; false when none is offered.
func (m *messageScreen) template() (model.Template, bool) {
	for _, t := range m.offered() {
		if t.Kind == m.tpl {
			return t, true
		}
	}
	return model.Template{}, false
}

// refusal says why the reason's own template is not offered, "" when
// it is (or there was none).
func (m *messageScreen) refusal() string {
	if m.want == "" || m.want == m.tpl {
		return ""
	}
	for _, t := range m.data.templates {
		if t.Kind == m.want {
			if ok, why := model.MayOffer(t, m.data.customer.Consent, m.channel()); !ok {
				return fmt.Sprintf("%s is not offered: %s.", kit.Clean(t.Name), why)
			}
		}
	}
	return ""
}

// message is the selected template filled in, and where it goes.
func (m *messageScreen) message() (model.Message, model.MessageTarget, bool) {
	t, ok := m.template()
	if !ok {
		return model.Message{}, model.MessageTarget{}, false
	}
	msg := model.Render(t, m.data.facts[t.Kind])
	return msg, model.TargetFor(&m.data.customer, m.channel(), msg), true
}

// Title implements kit.Screen.
func (m *messageScreen) Title() string { return "Message · " + m.data.customer.Name }

// Init implements kit.Screen: the data came with the screen.
func (m *messageScreen) Init() tea.Cmd { return nil }

// SetSize implements kit.Screen.
func (m *messageScreen) SetSize(w, h int) { m.w, m.h = w, h }

// Update implements kit.Screen.
func (m *messageScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case draftReadyMsg:
		path := msg.path
		return m.com.ExecProcess(msg.cmd, func(err error) tea.Msg { return draftEditedMsg{path: path, err: err} })
	case draftEditedMsg:
		if msg.err != nil {
			m.busy = false
			path := msg.path
			return func() tea.Msg {
				os.Remove(path) // personal data: not left behind
				return kit.ErrMsg{Err: fmt.Errorf("the editor: %w", msg.err)}
			}
		}
		return m.sendDraft(msg.path)
	case messageHandedMsg:
		m.busy = false
		if msg.status == "" { // nothing handed over (an empty draft)
			return kit.Status("%s", msg.note)
		}
		cmds := []tea.Cmd{func() tea.Msg { return kit.PopMsg{Then: kit.Status("%s", msg.status)} }}
		if msg.clip != "" {
			cmds = append(cmds, tea.SetClipboard(msg.clip))
		}
		return tea.Batch(cmds...)
	case kit.ErrMsg:
		m.busy = false // the root shows it; the owner may try again
	case tea.KeyPressMsg:
		if m.busy {
			return nil
		}
		return m.handleKey(msg)
	}
	return nil
}

// handleKey obeys a key.
func (m *messageScreen) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Next, m.keys.Prev):
		ts := m.offered()
		i := slices.IndexFunc(ts, func(t model.Template) bool { return t.Kind == m.tpl })
		if len(ts) == 0 {
			return nil
		}
		if key.Matches(msg, m.keys.Next) {
			i = (i + 1) % len(ts)
		} else {
			i = (i - 1 + len(ts)) % len(ts)
		}
		m.tpl = ts[i].Kind
	case key.Matches(msg, m.keys.Channel):
		m.ch = (m.ch + 1) % len(m.chans)
		m.pick(m.want)
	case key.Matches(msg, m.keys.Send):
		out, target, ok := m.message()
		if !ok {
			return kit.Status("No template may go to %s by %s.", kit.Clean(m.data.customer.Name), m.channel())
		}
		m.busy = true
		c, store, d := m.data.customer, m.store, m.com.Programs()
		return func() tea.Msg { return handOver(d, store, &c, target, out) }
	case key.Matches(msg, m.keys.Edit):
		out, _, ok := m.message()
		if !ok {
			return nil
		}
		m.busy = true
		d := m.com.Programs()
		return func() tea.Msg { return writeDraft(d, model.Draft(out)) }
	}
	return nil
}

// sendDraft reads the edited draft back and hands it over, in a command.
func (m *messageScreen) sendDraft(path string) tea.Cmd {
	out, _, _ := m.message()
	c, ch, store, d := m.data.customer, m.channel(), m.store, m.com.Programs()
	return func() tea.Msg {
		text, err := desktop.ReadDraft(path)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		out.Subject, out.Body = model.ParseDraft(text)
		if out.Body == "" {
			return messageHandedMsg{note: "The draft was empty: nothing opened, nothing logged."}
		}
		return handOver(d, store, &c, model.TargetFor(&c, ch, out), out)
	}
}

// writeDraft writes the message to a private file for the editor and
// answers the editor's command line over it.
func writeDraft(d *desktop.Desktop, text string) tea.Msg {
	if _, err := d.Editor(); err != nil {
		return kit.ErrMsg{Err: err}
	}
	path, err := d.WriteDraft(text)
	if err != nil {
		return kit.ErrMsg{Err: err}
	}
	cmd, err := d.EditorCommand(path)
	if err != nil {
		os.Remove(path)
		return kit.ErrMsg{Err: err}
	}
	return draftReadyMsg{path: path, cmd: cmd}
}

// handOver gives the message to the owner's programs — the opener for a
// mailto: or sms: link, else the clipboard (OSC 52 through the terminal
// when the screen gets the answer, and the system's clipboard program
// where there is one) — then logs the contact. A link nothing here can
// open is copied instead, and the status says so. It runs in a command.
func handOver(d *desktop.Desktop, store model.OutreachStore, c *model.Customer, t model.MessageTarget,
	m model.Message) tea.Msg {
	var how string
	if t.Kind != model.TargetClipboard {
		err := d.Open(t.URL)
		switch {
		case err == nil && t.Kind == model.TargetEmail:
			how = "opened in the mail program"
		case err == nil:
			how = "opened in the phone link"
		case errors.Is(err, desktop.ErrNoOpener):
			t.Kind, t.Why = model.TargetClipboard, "nothing here opens links"
		default:
			return kit.ErrMsg{Err: err}
		}
	}
	done := messageHandedMsg{}
	if t.Kind == model.TargetClipboard {
		done.clip = t.Text
		how = "copied"
		if prog, err := d.Copy(kit.Bg(), t.Text); err == nil {
			how = "copied with " + prog
		}
		if t.Why != "" {
			how += " (" + t.Why + ")"
		}
	}
	if _, err := store.LogMessage(kit.Bg(), c.ID, t.Channel, m); err != nil {
		return kit.ErrMsg{Err: fmt.Errorf("the message was %s but not logged: %w", how, err)}
	}
	by := ""
	if t.Channel != "" {
		by = " by " + string(t.Channel)
	}
	done.status = fmt.Sprintf("%s: %s, logged%s. ctrl+z undoes.", m.TemplateName, how, by)
	return done
}

// View implements kit.Screen.
func (m *messageScreen) View() string {
	st := m.com.Styles
	c := &m.data.customer
	const labelW = 9
	var lines []string
	field := func(label, value string) {
		lines = append(lines, st.Label.Render(kit.FitCell(label, labelW, false))+" "+kit.Truncate(value, max(m.w-labelW-1, 1)))
	}
	lines = append(lines, kit.Truncate(st.Title.Render("Message to "+kit.Clean(c.Name)), m.w))
	out, target, ok := m.message()
	field("by", string(m.channel())+" · "+m.whereTo(c, target, ok))
	if !ok {
		field("template", st.Warn.Render("none may go by "+string(m.channel())))
	} else {
		t, _ := m.template()
		kind := ""
		if t.Marketing {
			kind = st.Muted.Render(" · marketing: consented")
		}
		field("template", "← "+out.TemplateName+" →"+kind)
	}
	if why := m.refusal(); why != "" {
		lines = append(lines, kit.Truncate(st.Warn.Render(why), m.w))
	}
	if ok {
		if out.Subject != "" && m.channel() == model.ChannelEmail {
			field("subject", out.Subject)
		}
		lines = append(lines, st.Muted.Render(strings.Repeat("─", max(m.w, 1))))
		body := target.Text
		if target.Kind != model.TargetClipboard {
			body = out.Body
		}
		for _, para := range strings.Split(body, "\n") {
			if para == "" {
				lines = append(lines, "")
				continue
			}
			lines = append(lines, kit.Wrap(para, max(m.w, 10))...)
		}
	}
	if len(lines) > m.h {
		lines = append(lines[:max(m.h-1, 0)], st.Muted.Render("…"))
	}
	return strings.Join(lines, "\n")
}

// whereTo says where enter hands the message.
func (m *messageScreen) whereTo(c *model.Customer, t model.MessageTarget, ok bool) string {
	if !ok {
		return "nothing to write"
	}
	switch t.Kind {
	case model.TargetEmail:
		return "opens in your mail program to " + kit.Clean(c.Email)
	case model.TargetSMS:
		return "opens in your phone link to " + kit.Clean(c.Phone)
	}
	if t.Why != "" {
		return "copied to the clipboard (" + t.Why + ")"
	}
	return "copied to the clipboard"
}

// ShortHelp implements help.KeyMap.
func (m *messageScreen) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Send, m.keys.Edit, m.keys.Next, m.keys.Channel}
}

// FullHelp implements help.KeyMap.
func (m *messageScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Send, m.keys.Edit}, {m.keys.Next, m.keys.Prev, m.keys.Channel}}
}
