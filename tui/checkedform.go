package tui

import (
	"errors"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
)

// checkedForm is what the feedback and complaint forms share beyond the
// formChrome every form has (the discard question, saving, the last
// error): a huh form over values kept in the screen struct and checked
// when saved. A failed check or save writes each field's message into its
// title and builds the form again on the first field in error, with
// everything typed; messages about fields without a title of their own go
// to the banner.
type checkedForm struct {
	formChrome
	com     *common
	form    *huh.Form // nil until the form is built
	w, h    int
	inputs  namedInputs
	errs    map[string]string // field name → what is wrong with it
	initial string            // the values when the form opened
}

// namedInputs are a form's text fields by the name errors give them.
type namedInputs map[string]titledInput

// Typing implements typer: every key belongs to the form.
func (c *checkedForm) Typing() bool { return true }

// SetSize implements screen.
func (c *checkedForm) SetSize(w, h int) {
	c.w, c.h = w, h
	if c.form != nil {
		c.form = c.form.WithWidth(w).WithHeight(c.formHeight())
	}
}

// formHeight is the height left under the banner.
func (c *checkedForm) formHeight() int { return max(c.h-1, 3) }

// input makes a text field whose errors, under name, go in its title.
func (c *checkedForm) input(name, title string, v *string) *huh.Input {
	i := huh.NewInput().Title(title).Value(v).CharLimit(2000)
	c.inputs[name] = titledInput{field: i, title: title, shown: title}
	return i
}

// finish sizes a freshly built form, shows the errors and focuses the
// first field in error; fields lists each group's field names in order.
func (c *checkedForm) finish(form *huh.Form, fields [][]string) {
	c.form = form.WithShowHelp(false).WithShowErrors(false).WithTheme(formTheme(c.com))
	if c.w > 0 {
		c.form = c.form.WithWidth(c.w).WithHeight(c.formHeight())
	}
	c.showErrors()
	for g, names := range fields {
		i := slices.IndexFunc(names, func(n string) bool { return c.errs[n] != "" })
		if i < 0 {
			continue
		}
		for range g {
			c.form.NextGroup()
		}
		for range i {
			c.form.NextField()
		}
		return
	}
}

// showErrors writes each field's message into its title and lays the
// form out again when a title changed.
func (c *checkedForm) showErrors() {
	changed := false
	for name, t := range c.inputs {
		title := t.title
		if msg := c.errs[name]; msg != "" {
			title = titleWithError(t.title, msg, c.com.styles)
		}
		if title != t.shown {
			t.field.Title(title)
			t.shown = title
			c.inputs[name] = t
			changed = true
		}
	}
	if changed {
		// huh lays a group out at the end of its Update; one more pass
		// with a message no field uses lays out the new titles.
		if m, _ := c.form.Update(relayoutMsg{}); m != nil {
			if f, ok := m.(*huh.Form); ok {
				c.form = f
			}
		}
	}
}

// fail shows errs, rebuilding the form with build, and focuses the first
// field in error.
func (c *checkedForm) fail(errs map[string]string, build func()) tea.Cmd {
	c.errs = errs
	var other []string
	for name, msg := range errs {
		if _, ok := c.inputs[name]; !ok {
			other = append(other, name+": "+msg)
		}
	}
	sort.Strings(other)
	c.saveErr = strings.Join(other, "; ")
	build()
	return c.form.Init()
}

// saveFailed handles an error from a save command: a field error reopens
// the form on the field, anything else is said in the banner and the
// status bar, and the form stays as typed.
func (c *checkedForm) saveFailed(err error, build func()) tea.Cmd {
	c.saving = false
	if errs, ok := fieldErrors(err); ok {
		return c.fail(errs, build)
	}
	c.saveErr = errorText(err)
	return func() tea.Msg { return errMsg{err} }
}

// fieldErrors turns a validation error into field → message; ok is false
// for any other error.
func fieldErrors(err error) (errs map[string]string, ok bool) {
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

// guard answers esc, the discard question and any key while saving (see
// formChrome.key); snapshot is the values now, to tell an edited form.
func (c *checkedForm) guard(msg tea.KeyPressMsg, snapshot string) (handled bool, cmd tea.Cmd) {
	return c.key(msg, c.form != nil && snapshot != c.initial)
}

// update passes msg to huh; completed reports that the form was finished
// (enter or tab past its last field) and should be saved.
func (c *checkedForm) update(msg tea.Msg) (cmd tea.Cmd, completed bool) {
	m, cmd := c.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		c.form = f
	}
	return cmd, c.form.State == huh.StateCompleted && !c.saving
}

// show draws the banner (title, or the discard question, saving, or what
// failed) over the form.
func (c *checkedForm) show(title string) string {
	b := c.banner(c.com.styles, title, c.w)
	if c.form == nil {
		return b
	}
	return b + "\n" + c.form.View()
}

// keysHelp is the form's own keys and esc, or y and n while the discard
// question shows.
func (c *checkedForm) keysHelp(own ...key.Binding) []key.Binding {
	if h := c.discardGuard.help(); h != nil {
		return h
	}
	return append(own, c.keys.Cancel)
}
