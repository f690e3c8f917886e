package kit

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"clientele/model"
)

// Form is the one form kit: every form screen is a Form around a Body.
// The body keeps the values in its own struct and says how they are laid
// out (Build), whether they changed (Snapshot) and how they are checked
// and written (Save). The Form owns the Update cycle around them:
//
//   - ctrl+s saves from any field;
//   - esc closes an untouched form at once and asks before discarding an
//     edited one; y discards, n (or esc) keeps editing; ctrl+c (the app's
//     quit) asks the same before quitting an edited form (HoldQuit);
//   - a letter typed on a choice moves nothing: the status line says how
//     a choice is changed;
//   - keys are swallowed while a save runs;
//   - a save answers SavedMsg, which closes the form (the screen under it
//     reloads as it shows again) and says what was saved, or
//     SaveFailedMsg, whose error is shown over the form and in the status
//     bar while the form is built again with everything typed, each field
//     error beside its field (until the value is changed), the first such
//     field focused;
//   - the banner line over the fields: the discard question, "Saving…",
//     what failed, or the body's own line.
type Form struct {
	c      *Context
	body   Body
	fields Fields
	keys   FormKeys
	w, h   int

	confirming bool   // the discard question is asked
	quitting   bool   // ... about quitting the app (ctrl+c), not closing the form
	saving     bool   // a save command runs
	saveErr    string // why the last save failed, for the banner
	initial    string // body.Snapshot() when the form opened
}

// Body is a form's own part: a small interface, the values behind it.
type Body interface {
	// Title names the form in the header.
	Title() string
	// Build lays the fields out over the values: when the form opens and
	// again after a failed save, with everything typed.
	Build(b *Builder) Fields
	// Snapshot joins the values, to tell an edited form from an untouched
	// one.
	Snapshot() string
	// Save checks the values and returns the command that writes them,
	// which answers SavedMsg or SaveFailedMsg. Values that do not check
	// return the error (a model.FieldError or model.Errors names the
	// fields) and nothing is written.
	Save() (tea.Cmd, error)
}

// A body may also have any of these.
type (
	// Bannered words the line over the fields when the form has nothing
	// else to say there (default: the title).
	Bannered interface{ Banner(w int) string }
	// Headed draws lines between the banner and the fields (the let-go
	// form's figures).
	Headed interface{ Head(w int) []string }
	// Keyed sees keys before the fields do: the feedback form's kind keys
	// and save keys that work from any field.
	Keyed interface {
		Key(msg tea.KeyPressMsg) (KeyAction, tea.Cmd)
	}
	// Helped lists its own keys for the help line, given the focused
	// field's (the default is ctrl+s and those).
	Helped interface {
		Keys(field []key.Binding) []key.Binding
	}
	// FullHelped lists every key of the form for ? (default: the help
	// line's).
	FullHelped interface{ AllKeys() [][]key.Binding }
	// Discarding names what esc would throw away ("this order").
	Discarding interface{ Discards() string }
	// SavingTexter says what the banner says while a save runs.
	SavingTexter interface{ SavingText() string }
)

// KeyAction is what a body's key hook did with a key.
type KeyAction int

// What a body's Key did with a key.
const (
	KeyPass    KeyAction = iota // not the body's: the fields get it
	KeyUsed                     // the body used it
	KeySave                     // save now, from whatever field
	KeyRebuild                  // the values changed shape: lay the fields out again
)

// Fields are what a form's values are typed into: a huh form (huhFields)
// or a body's own (the order form's lines).
type Fields interface {
	Init() tea.Cmd
	// Update passes msg on; submitted reports the last field was left:
	// time to save.
	Update(msg tea.Msg) (cmd tea.Cmd, submitted bool)
	View() string
	SetSize(w, h int)
	// KeyBinds are the keys of the field in focus.
	KeyBinds() []key.Binding
	// ShowErrors writes errs (field → message) beside the fields they
	// name, each until its value changes, and focuses the first.
	ShowErrors(errs map[string]string) tea.Cmd
}

// NewForm opens a form over body.
func NewForm(c *Context, body Body) *Form {
	f := &Form{c: c, body: body, keys: DefaultFormKeys()}
	f.initial = body.Snapshot()
	f.fields = body.Build(&Builder{c: c})
	return f
}

// Title implements Screen.
func (f *Form) Title() string { return f.body.Title() }

// Body is the form's own part: what kind of form this is.
func (f *Form) Body() Body { return f.body }

// Init focuses the first field.
func (f *Form) Init() tea.Cmd { return f.fields.Init() }

// SetSize implements screen.
func (f *Form) SetSize(w, h int) {
	f.w, f.h = w, h
	f.size()
}

// size gives the fields the lines under the banner and the body's head.
func (f *Form) size() {
	if f.w <= 0 {
		return
	}
	h := f.h
	if hd, ok := f.body.(Headed); ok {
		h = max(h-len(hd.Head(f.w))-1, 4)
	}
	f.fields.SetSize(formWidth(f.w), max(h-1, 3))
}

// Typing implements Typer: every key belongs to the form, but while it
// saves no field has focus.
func (f *Form) Typing() bool { return !f.saving }

// edited reports whether anything was typed since the form opened.
func (f *Form) edited() bool { return f.body.Snapshot() != f.initial }

// Update implements screen.
func (f *Form) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case SavedMsg:
		f.saving = false
		var said tea.Cmd
		if msg.Text != "" {
			said = Status("%s", msg.Text)
		}
		// The words wait for the screen under the form to reload; Then
		// (a message for that screen) goes as soon as the form is closed.
		return tea.Sequence(func() tea.Msg { return PopMsg{Then: said} }, msg.Then)
	case SaveFailedMsg:
		return f.failed(msg.Err)
	case tea.KeyPressMsg:
		if f.saving {
			return nil
		}
		if used, cmd := f.guard(msg); used {
			return cmd
		}
		if k, ok := f.body.(Keyed); ok {
			switch action, cmd := k.Key(msg); action {
			case KeyUsed:
				return cmd
			case KeySave:
				return tea.Batch(cmd, f.submit())
			case KeyRebuild:
				f.initial = f.body.Snapshot()
				f.fields = f.body.Build(&Builder{c: f.c})
				f.size()
				return tea.Batch(cmd, f.fields.Init())
			}
		}
		if key.Matches(msg, f.keys.Save) {
			return f.submit()
		}
	}
	cmd, submitted := f.fields.Update(msg)
	if submitted && !f.saving {
		return f.submit()
	}
	return cmd
}

// guard answers esc and the discard question; it reports whether it used
// the key.
func (f *Form) guard(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if f.confirming {
		switch {
		case f.quitting && key.Matches(msg, f.keys.ConfirmQuit):
			return true, tea.Quit
		case !f.quitting && key.Matches(msg, f.keys.Confirm):
			return true, Back
		case key.Matches(msg, f.keys.Deny):
			f.confirming, f.quitting = false, false
		case key.Matches(msg, f.keys.Save):
			f.confirming, f.quitting = false, false
			return true, f.submit()
		}
		return true, nil
	}
	if key.Matches(msg, f.keys.Cancel) {
		if !f.edited() {
			return true, Back
		}
		f.confirming = true
		return true, nil
	}
	return false, nil
}

// HoldQuit implements QuitHolder: ctrl+c on an edited form asks first,
// as esc does; a second ctrl+c (or y) quits.
func (f *Form) HoldQuit() bool {
	if !f.edited() || f.saving || f.confirming && f.quitting {
		return false
	}
	f.confirming, f.quitting = true, true
	return true
}

// save checks the values and runs the body's save command.
func (f *Form) submit() tea.Cmd {
	if _, reading := f.body.(Reading); !reading {
		// The book may have been found damaged since the form opened:
		// nothing is written, everything typed stays.
		if err := f.c.RefusedError(); err != nil {
			return f.failed(err)
		}
	}
	cmd, err := f.body.Save()
	if err != nil {
		return f.failed(err)
	}
	f.saving, f.saveErr = true, ""
	return cmd
}

// failed shows why a save failed and builds the form again with
// everything typed, each field error beside its field.
func (f *Form) failed(err error) tea.Cmd {
	f.saving, f.saveErr = false, ErrorText(err)
	f.fields = f.body.Build(&Builder{c: f.c})
	f.size()
	var shown tea.Cmd
	if errs, ok := FieldErrors(err); ok {
		shown = f.fields.ShowErrors(errs)
	}
	return tea.Batch(f.fields.Init(), shown, func() tea.Msg { return ErrMsg{err} })
}

// View implements screen: the banner, the body's head, the fields.
func (f *Form) View() string {
	var b strings.Builder
	b.WriteString(f.banner())
	if hd, ok := f.body.(Headed); ok {
		for _, l := range hd.Head(f.w) {
			b.WriteString("\n" + l)
		}
	}
	b.WriteString("\n" + f.fields.View())
	return b.String()
}

// banner is the line over the fields: the discard question, saving, the
// last error, or the body's own line.
func (f *Form) banner() string {
	st := f.c.Styles
	switch {
	case f.confirming:
		what := "your changes"
		if d, ok := f.body.(Discarding); ok {
			what = d.Discards()
		}
		if f.quitting {
			return Truncate(st.Warn.Render("Quit and lose "+what+"? y quits, n keeps editing, ctrl+s saves."), f.w)
		}
		return Truncate(st.Warn.Render("Discard "+what+"? y discards, n keeps editing."), f.w)
	case f.saving:
		text := "Saving…"
		if s, ok := f.body.(SavingTexter); ok {
			text = s.SavingText()
		}
		return Truncate(st.Muted.Render(text), f.w)
	case f.saveErr != "":
		return Truncate(st.Bad.Render("Not saved: "+Clean(f.saveErr)), f.w)
	}
	if b, ok := f.body.(Bannered); ok {
		return b.Banner(f.w)
	}
	return Truncate(st.Title.Render(Clean(f.body.Title())), f.w)
}

// ShortHelp implements help.KeyMap: y and n while the discard question
// shows; else the body's keys, or the focused field's, then esc.
func (f *Form) ShortHelp() []key.Binding {
	if f.confirming {
		if f.quitting {
			return []key.Binding{f.keys.ConfirmQuit, f.keys.Deny}
		}
		return []key.Binding{f.keys.Confirm, f.keys.Deny}
	}
	own := append([]key.Binding{f.keys.Save}, f.fields.KeyBinds()...)
	if h, ok := f.body.(Helped); ok {
		own = h.Keys(own[1:])
	}
	return append(slices.Clip(own), f.keys.Cancel)
}

// FullHelp implements help.KeyMap.
func (f *Form) FullHelp() [][]key.Binding {
	if h, ok := f.body.(FullHelped); ok && !f.confirming {
		return h.AllKeys()
	}
	return [][]key.Binding{f.ShortHelp()}
}

// Write returns a save command: it runs write and answers SavedMsg with
// the text write returns, or SaveFailedMsg with its error.
func Write(write func() (string, error)) tea.Cmd {
	return func() tea.Msg {
		text, err := write()
		if err != nil {
			return SaveFailedMsg{Err: err}
		}
		return SavedMsg{Text: text}
	}
}

// FieldErrors turns a validation error into field → message; ok is false
// for any other error.
func FieldErrors(err error) (errs map[string]string, ok bool) {
	var es model.Errors
	var fe *model.FieldError
	switch {
	case errors.As(err, &es):
		errs = map[string]string{}
		for _, e := range es {
			errs[e.Field] = e.Msg
		}
		return errs, true
	case errors.As(err, &fe):
		return map[string]string{fe.Field: fe.Msg}, true
	}
	return nil, false
}

// ErrorsIn turns field → message into one error, the fields in the order
// given (fields not listed last, by name); nil for none.
func ErrorsIn(errs map[string]string, order []string) error {
	if len(errs) == 0 {
		return nil
	}
	names := make([]string, 0, len(errs))
	for name := range errs {
		names = append(names, name)
	}
	rank := func(n string) int {
		if i := slices.Index(order, n); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	es := make(model.Errors, len(names))
	for i, n := range names {
		es[i] = &model.FieldError{Field: n, Msg: errs[n]}
	}
	return es
}

// Builder makes a body's huh form: inputs whose titles show their errors,
// and the settings every form shares.
type Builder struct {
	c      *Context
	inputs []titledInput
	keymap *huh.KeyMap
}

// KeyMap sets the huh keymap the form is finished with (default:
// ChoiceKeyMap).
func (b *Builder) KeyMap(km *huh.KeyMap) *Builder {
	b.keymap = km
	return b
}

// titledInput is a huh input, the name its errors give it, and its plain
// title.
type titledInput struct {
	field *huh.Input
	name  string
	title string
	shown string // the title as last set, message included
	// saveErr is why the last save refused the value saveValue; it stays
	// beside the field until the value is changed.
	saveErr, saveValue string
}

// Input makes a huh input over v whose title shows its messages; errors
// name it by its title, in lower case.
func (b *Builder) Input(title string, v *string) *huh.Input {
	return b.Named(strings.ToLower(strings.TrimSpace(title)), title, v)
}

// Named makes a huh input over v whose errors name it name.
func (b *Builder) Named(name, title string, v *string) *huh.Input {
	i := huh.NewInput().Title(title).Value(v)
	b.inputs = append(b.inputs, titledInput{field: i, name: name, title: title, shown: title})
	return i
}

// Huh finishes a body's huh form with the shared settings: no help or
// errors of huh's own (the help line and the titles say them), our theme.
// order lists the field names of each group, to focus the first field in
// error after a failed save; without it the form opens on its first field.
func (b *Builder) Huh(form *huh.Form, order ...[]string) Fields {
	km := b.keymap
	if km == nil {
		km = ChoiceKeyMap()
	}
	return &huhFields{c: b.c, inputs: b.inputs, order: order,
		form: form.WithShowHelp(false).WithShowErrors(false).WithTheme(formTheme(b.c)).WithKeyMap(km)}
}

// huhFields are a body's fields as a huh form.
type huhFields struct {
	c      *Context
	form   *huh.Form
	inputs []titledInput
	order  [][]string
}

// Init focuses the first field.
func (h *huhFields) Init() tea.Cmd { return h.form.Init() }

// SetSize lays the form out; huh measures its fields while laying them
// out, so never narrower than formWidth.
func (h *huhFields) SetSize(w, hh int) {
	h.form = h.form.WithWidth(w).WithHeight(hh)
}

// View draws the form.
func (h *huhFields) View() string { return h.form.View() }

// KeyBinds are the focused field's keys.
func (h *huhFields) KeyBinds() []key.Binding { return h.form.KeyBinds() }

// Update passes msg to huh and writes the fields' messages into their
// titles; submitted reports the form was completed.
func (h *huhFields) Update(msg tea.Msg) (tea.Cmd, bool) {
	if k, ok := msg.(tea.KeyPressMsg); ok && typedOnChoice(k, h.form.GetFocusedField()) {
		return Status("%s", "A choice takes no typing: ← → change it, tab goes to the next field."), false
	}
	m, cmd := h.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		h.form = f
	}
	h.markErrors()
	return cmd, h.form.State == huh.StateCompleted
}

// typedOnChoice reports whether k is text typed while a choice has focus:
// it is dropped, and the status line says how a choice is changed, so
// that what was meant for a text field is not taken for a move.
func typedOnChoice(k tea.KeyPressMsg, f huh.Field) bool {
	if k.Text == "" || k.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
		return false
	}
	switch f.(type) {
	case *huh.Input, *huh.Text, *huh.Confirm, nil:
		return false
	case *huh.MultiSelect[string]:
		// Its own keys (space picks an option) are not typing.
		for _, b := range f.KeyBinds() {
			if key.Matches(k, b) {
				return false
			}
		}
	}
	return true
}

// markErrors writes each input's message into its title (its validation
// message, else a failed save's while the value is as it was), and lays
// the form out again when a title changed.
func (h *huhFields) markErrors() {
	changed := false
	for i, t := range h.inputs {
		title := t.title
		if err := t.field.Error(); err != nil {
			title = titleWithError(t.title, err.Error(), h.c.Styles)
		} else if t.saveErr != "" && fmt.Sprint(t.field.GetValue()) == t.saveValue {
			title = titleWithError(t.title, t.saveErr, h.c.Styles)
		}
		if title != t.shown {
			t.field.Title(title)
			h.inputs[i].shown = title
			changed = true
		}
	}
	if changed {
		// huh lays a group out at the end of its Update; one more pass
		// with a message no field uses lays out the new titles.
		if m, _ := h.form.Update(relayoutMsg{}); m != nil {
			if f, ok := m.(*huh.Form); ok {
				h.form = f
			}
		}
	}
}

// ShowErrors implements Fields.
func (h *huhFields) ShowErrors(errs map[string]string) tea.Cmd {
	for i, t := range h.inputs {
		for field, msg := range errs {
			if strings.EqualFold(field, t.name) {
				h.inputs[i].saveErr, h.inputs[i].saveValue = msg, fmt.Sprint(t.field.GetValue())
			}
		}
	}
	h.markErrors()
	for g, names := range h.order {
		i := slices.IndexFunc(names, func(n string) bool { return errs[n] != "" })
		if i < 0 {
			continue
		}
		for range g {
			h.form.NextGroup()
		}
		for range i {
			h.form.NextField()
		}
		return nil
	}
	return nil
}

// titleWithError is a field's title with a message beside it. An inline
// field's title ends in the space before its prompt ("Amount "): the space
// stays after the message, so that it does not run into the prompt.
func titleWithError(title, msg string, st Styles) string {
	plain := strings.TrimRight(title, " ")
	return plain + "  " + st.Bad.Render("✗ "+Clean(msg)) + title[len(plain):]
}

// relayoutMsg makes huh lay out its fields again; nothing handles it.
type relayoutMsg struct{}

// formTheme is huh's Charm theme on our background, with fields one line
// apart so that a group fits in 24 rows. huh asks for it on every draw, so
// each background and colour setting's theme is built once and kept
// (themes); huh only reads the styles it is given.
func formTheme(com *Context) huh.Theme {
	return huh.ThemeFunc(func(bool) *huh.Styles {
		k := themeKey{dark: com.IsDark, noColor: com.NoColor}
		if t, ok := themes.Load(k); ok {
			return t.(*huh.Styles)
		}
		t := newFormTheme(k)
		themes.Store(k, t)
		return t
	})
}

// themes holds the form theme of each themeKey.
var themes sync.Map

// themeKey is what a form theme depends on.
type themeKey struct{ dark, noColor bool }

// newFormTheme builds the form theme for k.
func newFormTheme(k themeKey) *huh.Styles {
	t := huh.ThemeCharm(k.dark)
	t.FieldSeparator = t.FieldSeparator.SetString("\n")
	// huh v2's Charm theme swaps its light and dark greys for the options
	// of a choice and the unfocused button (v1 had them right): near-white
	// text on a light background. Put them back.
	ld := lipgloss.LightDark(k.dark)
	normal, button := ld(lipgloss.Color("235"), lipgloss.Color("252")), ld(lipgloss.Color("252"), lipgloss.Color("237"))
	for _, f := range []*huh.FieldStyles{&t.Focused, &t.Blurred} {
		f.Option = f.Option.Foreground(normal)
		f.UnselectedOption = f.UnselectedOption.Foreground(normal)
		f.BlurredButton = f.BlurredButton.Foreground(normal).Background(button)
	}
	if k.noColor {
		// Without colour a grey placeholder reads like a typed value.
		faint := lipgloss.NewStyle().Faint(true)
		t.Focused.TextInput.Placeholder, t.Blurred.TextInput.Placeholder = faint, faint
	}
	return t
}

// MsgOnly adapts a model validator to huh: the field's title already
// names the field, so only the message is shown.
func MsgOnly(v func(string) error) func(string) error {
	return func(s string) error {
		err := v(s)
		var fe *model.FieldError
		if errors.As(err, &fe) {
			return errors.New(fe.Msg)
		}
		return err
	}
}

// formWidth is the width a huh form is laid out at: never below the
// smallest terminal the app draws in, since huh measures its fields while
// laying them out and a text field narrower than its prompt panics. Below
// that width the app shows "too small" instead of the form.
func formWidth(w int) int { return max(w, MinWidth) }
