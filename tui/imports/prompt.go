package imports

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// prompt asks for the file to import. Tab completes the path from the
// folder typed (each match in turn when several fit, listed under the
// field); a path pasted in quotes, with backslashes before its spaces or
// as a file:// URL is read as the file it names. enter looks the file up
// and opens the preview over the prompt, so that esc there comes back to
// the path as typed.
type prompt struct {
	com   *kit.Context
	store model.SettingsStore
	keys  PromptKeys
	input textinput.Model
	w, h  int

	err     string     // why the path was refused, naming it
	note    string     // what Tab found, when it found no name to show
	list    *listedMsg // the names Tab found, while they are shown
	pick    int        // the name Tab went to in list, -1 before the first
	last    string     // the field's value when list was shown or last picked from
	finding bool       // the file is looked up
	// literal is the path Tab completed when the field cannot hold it as
	// it is (a name with control characters, which the field drops), and
	// literalShown what the field shows of it: while the field shows
	// that, the path is literal.
	literal, literalShown string
}

// Open asks for a file to import; without an importer it says how to
// import from the command line.
func Open(com *kit.Context, store model.SettingsStore) tea.Cmd {
	if com.Import == nil {
		return kit.Status("Import a file with: clientele import FILE (see clientele import --help).")
	}
	return kit.Push(func() kit.Screen { return newPrompt(com, store) })
}

func newPrompt(com *kit.Context, store model.SettingsStore) *prompt {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "~/Downloads/orders.csv"
	in.Focus()
	return &prompt{com: com, store: store, keys: DefaultPromptKeys(), input: in, pick: -1}
}

// Title implements kit.Screen.
func (p *prompt) Title() string { return "Import" }

// Init implements kit.Screen.
func (p *prompt) Init() tea.Cmd { return nil }

// SetSize implements kit.Screen.
func (p *prompt) SetSize(w, h int) { p.w, p.h = w, h }

// Typing implements kit.Typer: the path field always has focus.
func (p *prompt) Typing() bool { return true }

// Update implements kit.Screen.
func (p *prompt) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case foundMsg:
		if msg.p != p {
			return nil
		}
		p.finding = false
		if msg.typed != p.input.Value() {
			return nil // typed on meanwhile
		}
		if msg.err != nil {
			p.err = msg.err.Error()
			return nil
		}
		com, store, path := p.com, p.store, msg.path
		return kit.Push(func() kit.Screen { return newPreview(com, store, path) })
	case listedMsg:
		if msg.p == p && msg.typed == p.input.Value() {
			p.listed(msg)
		}
		return nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, p.keys.Back):
			return kit.Back
		case key.Matches(msg, p.keys.Read):
			if p.finding {
				return nil
			}
			p.finding, p.list, p.note = true, nil, ""
			return find(p, p.input.Value())
		case key.Matches(msg, p.keys.Complete):
			if p.cycling() {
				p.step(1)
				return nil
			}
			return complete(p, p.input.Value())
		case key.Matches(msg, p.keys.Previous):
			if p.cycling() {
				p.step(-1)
			}
			return nil
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.err, p.note, p.list = "", "", nil
	}
	return cmd
}

// cycling reports whether Tab goes on through the names it listed: the
// field holds what the list last put there.
func (p *prompt) cycling() bool {
	return p.list != nil && len(p.list.names) > 1 && p.input.Value() == p.last
}

// listed takes a completion's names: one fills the field; several fill
// it with what they share and are listed, for Tab to go through; none
// says so.
func (p *prompt) listed(l listedMsg) {
	p.err, p.note, p.list, p.pick = "", "", nil, -1
	switch {
	case l.err != nil:
		p.note = "cannot list " + l.dir + ": " + reason(l.err)
	case len(l.names) == 0:
		p.note = "nothing in " + l.dir + " starts with “" + l.base + "”"
	case len(l.names) == 1:
		p.set(l.value(l.names[0]))
	default:
		if c := common(l.names); len(c) > len(l.base) && strings.HasPrefix(c, l.base) {
			p.set(l.prefix + c)
		}
		p.list, p.last = &l, p.input.Value()
	}
}

// step fills the field with the next (or previous) name listed.
func (p *prompt) step(d int) {
	n := len(p.list.names)
	p.pick = ((p.pick+d)%n + n) % n
	p.set(p.list.value(p.list.names[p.pick]))
	p.last = p.input.Value()
}

// set puts v in the field, the cursor at its end; a v the field cannot
// hold as it is (a name with control characters) is kept aside as the
// path the field means.
func (p *prompt) set(v string) {
	p.input.SetValue(v)
	p.input.CursorEnd()
	p.literal, p.literalShown = "", ""
	if p.input.Value() != v {
		p.literal, p.literalShown = v, p.input.Value()
	}
}

// real is the path the field's value means: the one Tab completed, while
// the field shows what it could hold of it.
func (p *prompt) real(typed string) string {
	if p.literal != "" && typed == p.literalShown {
		return p.literal
	}
	return typed
}

// View implements kit.Screen.
func (p *prompt) View() string {
	st := p.com.Styles
	w := max(p.w, 1)
	var lines []string
	lines = append(lines, kit.Truncate(st.Title.Render("Import a file"), w), "")
	for _, l := range kit.Wrap("Orders, payments or contacts exported from Etsy, Shopify, Square, WooCommerce, Stripe, "+
		"PayPal, Google, Outlook or a vCard file, or a CSV of your own. Nothing is written until you have seen "+
		"what the file will do.", w) {
		lines = append(lines, st.Muted.Render(l))
	}
	lines = append(lines, "", st.Section.Render("File to import"), p.field(w))
	switch {
	case p.err != "":
		for _, l := range wrapAtMost("✗ "+p.err, w, refusalLines) {
			lines = append(lines, st.Bad.Render(l))
		}
	case p.finding:
		lines = append(lines, st.Muted.Render("Looking…"))
	case p.note != "":
		lines = append(lines, kit.Truncate(st.Muted.Render(kit.Clean(p.note)), w))
	case p.list != nil:
		lines = append(lines, p.names(w, p.h-len(lines))...)
	}
	return strings.Join(lines, "\n")
}

// field draws the path as typed, made printable, with the cursor; a path
// wider than the screen shows its end around the cursor.
func (p *prompt) field(w int) string {
	st := p.com.Styles
	v := []rune(p.input.Value())
	if len(v) == 0 {
		return "> " + st.Selected.Render(" ") + st.Muted.Render(kit.Truncate(p.input.Placeholder, max(w-3, 0)))
	}
	pos := min(p.input.Position(), len(v))
	at := " "
	after := ""
	if pos < len(v) {
		at, after = kit.Clean(string(v[pos])), kit.Clean(string(v[pos+1:]))
	}
	full := kit.Clean(string(v[:pos]))
	before, room := full, max(w-4, 1)
	for before != "" && kit.Width(before)+kit.Width(at) > room {
		before = string([]rune(before)[1:])
	}
	if before != full {
		before = "…" + before
	}
	return kit.Truncate("> "+before+st.Selected.Render(at)+after, w)
}

// names lists the names Tab found in columns, the one it went to marked,
// in at most h lines.
func (p *prompt) names(w, h int) []string {
	st := p.com.Styles
	h = max(h, 1)
	l := p.list
	cells := make([]string, len(l.names))
	widest := 0
	for i, e := range l.names {
		n := kit.Clean(e.name)
		if e.dir {
			n += "/"
		}
		cells[i] = n
		widest = max(widest, kit.Width(n))
	}
	colW := min(widest+2, w)
	cols := max(w/max(colW, 1), 1)
	rows := (len(cells) + cols - 1) / cols
	more := 0
	if rows > h {
		rows = h
		more = len(cells) - (rows*cols - 1)
	}
	var out []string
	for r := range rows {
		var b strings.Builder
		for c := range cols {
			i := r*cols + c
			if i >= len(cells) || (more > 0 && r == rows-1 && c == cols-1) {
				break
			}
			cell := kit.FitCell(cells[i], colW, false)
			if i == p.pick {
				cell = st.Selected.Render(cell)
			}
			b.WriteString(cell)
		}
		out = append(out, b.String())
	}
	if more > 0 {
		out[len(out)-1] += st.Muted.Render(kit.Truncate("… "+model.Commas(more)+" more", colW))
	}
	return out
}

// ShortHelp implements help.KeyMap.
func (p *prompt) ShortHelp() []key.Binding {
	keys := []key.Binding{p.keys.Read, p.keys.Complete}
	if p.cycling() {
		keys = append(keys, p.keys.Previous)
	}
	return append(keys, p.keys.Back)
}

// FullHelp implements help.KeyMap.
func (p *prompt) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.keys.Read, p.keys.Complete, p.keys.Previous, p.keys.Back}}
}
