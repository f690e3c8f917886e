package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"clientele/model"
)

// The parts every form screen shares. A form keeps its values in its own
// struct; a field's validation message is written into the field's title,
// so it stands beside the field; a failed save shows the reason over the
// rebuilt form with everything typed kept; esc closes an untouched form at
// once and asks before discarding an edited one.

// titledInput is a huh input and its plain title.
type titledInput struct {
	field *huh.Input
	title string
	shown string // the title as last set, message included
	// saveErr is why the last save refused the value saveValue; it stays
	// beside the field until the value is changed.
	saveErr, saveValue string
}

// markErrors writes each input's message into its title (its validation
// message, else a failed save's while the value is as it was), and lays
// the form out again when a title changed.
func markErrors(form *huh.Form, inputs []titledInput, st Styles) {
	changed := false
	for i, t := range inputs {
		title := t.title
		if err := t.field.Error(); err != nil {
			title = titleWithError(t.title, err.Error(), st)
		} else if t.saveErr != "" && fmt.Sprint(t.field.GetValue()) == t.saveValue {
			title = titleWithError(t.title, t.saveErr, st)
		}
		if title != t.shown {
			t.field.Title(title)
			inputs[i].shown = title
			changed = true
		}
	}
	if changed {
		// huh lays a group out at the end of its Update; one more pass
		// with a message no field uses lays out the new titles.
		form.Update(relayoutMsg{})
	}
}

// markFieldError writes a failed save's field error into the title of the
// input it names (model.FieldError's field, matched without case).
func markFieldError(inputs []titledInput, err error, st Styles) {
	var fe *model.FieldError
	if !errors.As(err, &fe) {
		return
	}
	for i, t := range inputs {
		if strings.EqualFold(strings.TrimSpace(t.title), fe.Field) {
			shown := titleWithError(t.title, fe.Msg, st)
			t.field.Title(shown)
			inputs[i].shown = shown
			inputs[i].saveErr, inputs[i].saveValue = fe.Msg, fmt.Sprint(t.field.GetValue())
		}
	}
}

// titleWithError is a field's title with a message beside it. An inline
// field's title ends in the space before its prompt ("Amount "): the space
// stays after the message, so that it does not run into the prompt.
func titleWithError(title, msg string, st Styles) string {
	plain := strings.TrimRight(title, " ")
	return plain + "  " + st.Bad.Render("✗ "+clean(msg)) + title[len(plain):]
}

// choiceKeyMap is huh's keymap for forms whose choices are short: left and
// right change a choice, and / does not filter it (on a one-line choice
// the filter replaced the field's title with what was typed).
func choiceKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Select.Left = key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous choice"))
	km.Select.Right = key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next choice"))
	km.Select.Filter.SetEnabled(false)
	return km
}

// relayoutMsg makes huh lay out its fields again; nothing handles it.
type relayoutMsg struct{}

// formTheme is huh's Charm theme on our background, with fields one line
// apart so that a group fits in 24 rows.
func formTheme(com *common) huh.Theme {
	return huh.ThemeFunc(func(bool) *huh.Styles {
		t := huh.ThemeCharm(com.isDark)
		t.FieldSeparator = t.FieldSeparator.SetString("\n")
		// huh v2's Charm theme swaps its light and dark greys for the
		// options of a choice and the unfocused button (v1 had them right):
		// near-white text on a light background. Put them back.
		ld := lipgloss.LightDark(com.isDark)
		normal, button := ld(lipgloss.Color("235"), lipgloss.Color("252")), ld(lipgloss.Color("252"), lipgloss.Color("237"))
		for _, f := range []*huh.FieldStyles{&t.Focused, &t.Blurred} {
			f.Option = f.Option.Foreground(normal)
			f.UnselectedOption = f.UnselectedOption.Foreground(normal)
			f.BlurredButton = f.BlurredButton.Foreground(normal).Background(button)
		}
		if com.noColor {
			// Without colour a grey placeholder reads like a typed value.
			faint := lipgloss.NewStyle().Faint(true)
			t.Focused.TextInput.Placeholder, t.Blurred.TextInput.Placeholder = faint, faint
		}
		return t
	})
}

// msgOnly adapts a model validator to huh: the field's title already
// names the field, so only the message is shown.
func msgOnly(v func(string) error) func(string) error {
	return func(s string) error {
		err := v(s)
		var fe *model.FieldError
		if errors.As(err, &fe) {
			return errors.New(fe.Msg)
		}
		return err
	}
}

// discardGuard is the step before losing what was typed: esc closes an
// untouched form at once and asks first about an edited one; y discards,
// n (or esc) keeps editing.
type discardGuard struct {
	keys       FormKeys
	confirming bool
}

func newDiscardGuard() discardGuard { return discardGuard{keys: DefaultFormKeys()} }

// handle reports whether msg was the guard's, and the command to run.
func (g *discardGuard) handle(msg tea.KeyPressMsg, edited bool) (bool, tea.Cmd) {
	if g.confirming {
		switch {
		case key.Matches(msg, g.keys.Confirm):
			return true, back
		case key.Matches(msg, g.keys.Deny):
			g.confirming = false
		}
		return true, nil
	}
	if key.Matches(msg, g.keys.Cancel) {
		if !edited {
			return true, back
		}
		g.confirming = true
		return true, nil
	}
	return false, nil
}

// help is the guard's keys while it asks, else nil.
func (g *discardGuard) help() []key.Binding {
	if g.confirming {
		return []key.Binding{g.keys.Confirm, g.keys.Deny}
	}
	return nil
}

// formChrome is what a huh form screen keeps around its form: the discard
// question, the saving state and the last save error.
type formChrome struct {
	discardGuard
	saving  bool
	saveErr string
}

func newFormChrome() formChrome { return formChrome{discardGuard: newDiscardGuard()} }

// key handles esc and the discard question, and swallows keys while
// saving; it reports whether it used the key. changed says whether
// anything was typed.
func (c *formChrome) key(msg tea.KeyPressMsg, changed bool) (bool, tea.Cmd) {
	if c.saving {
		return true, nil
	}
	return c.handle(msg, changed)
}

// step passes msg to the form, writes field errors into their titles, and
// reports whether the form was just completed: time to save.
func (c *formChrome) step(st Styles, form *huh.Form, inputs []titledInput, msg tea.Msg) (*huh.Form, tea.Cmd, bool) {
	m, cmd := form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		form = f
	}
	markErrors(form, inputs, st)
	return form, cmd, form.State == huh.StateCompleted && !c.saving
}

// failed shows a failed save over the rebuilt form, everything typed kept.
func (c *formChrome) failed(err error, form *huh.Form) tea.Cmd {
	c.saving, c.saveErr = false, errorText(err)
	return tea.Batch(form.Init(), func() tea.Msg { return errMsg{err} })
}

// banner is the line over the form: the question, saving, the last error,
// or the given title.
func (c *formChrome) banner(st Styles, title string, w int) string {
	var b string
	switch {
	case c.confirming:
		b = st.Warn.Render("Discard your changes? y discards, n keeps editing.")
	case c.saving:
		b = st.Muted.Render("Saving…")
	case c.saveErr != "":
		b = st.Bad.Render("Not saved: " + clean(c.saveErr))
	default:
		b = title
	}
	return truncate(b, w)
}

// view draws the banner (with the title styled as one) over the form.
func (c *formChrome) view(st Styles, title string, w int, form *huh.Form) string {
	return c.banner(st, st.Title.Render(clean(title)), w) + "\n" + form.View()
}

// help is the focused field's keys, then esc; or the discard question's.
func (c *formChrome) help(form *huh.Form) []key.Binding {
	if h := c.discardGuard.help(); h != nil {
		return h
	}
	return append(form.KeyBinds(), c.keys.Cancel)
}

// formWidth is the width a huh form is laid out at: never below the
// smallest terminal the app draws in, since huh measures its fields while
// laying them out and a text field narrower than its prompt panics. Below
// that width the app shows "too small" instead of the form.
func formWidth(w int) int { return max(w, minWidth) }
