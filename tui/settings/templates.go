package settings

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// templatesText sums the message templates up for the Settings tab.
func (s *settingsTab) templatesText() string {
	yours := 0
	for _, t := range s.data.templates {
		if t.Edited {
			yours++
		}
	}
	if yours == 0 {
		return "templates as shipped"
	}
	return fmt.Sprintf("%s yours", model.Plural(yours, "template", "templates"))
}

// templatesScreen lists the message templates, one per reason, with the
// one under the cursor in full: enter rewrites it, r goes back to the
// one shipped.
type templatesScreen struct {
	com   *kit.Context
	store Store
	keys  TemplateKeys
	list  kit.RecordList[model.Template]
}

func newTemplatesScreen(com *kit.Context, store Store) *templatesScreen {
	k := DefaultTemplateKeys()
	return &templatesScreen{com: com, store: store, keys: k, list: kit.RecordList[model.Template]{Keys: k.RecordKeys}}
}

// Title implements kit.Screen.
func (s *templatesScreen) Title() string { return "Message templates" }

// Init implements kit.Screen: the templates, in a command.
func (s *templatesScreen) Init() tea.Cmd {
	return s.list.Load(s.store.Templates)
}

// SetSize implements kit.Screen.
func (s *templatesScreen) SetSize(w, h int) { s.list.SetSize(w, h) }

// Update implements kit.Screen.
func (s *templatesScreen) Update(msg tea.Msg) tea.Cmd {
	if s.list.Take(msg) {
		return nil
	}
	switch msg := msg.(type) {
	case kit.DataChangedMsg, kit.SettingsLoadedMsg: // an undo of a template reloads the settings
		return s.Init()
	case tea.KeyPressMsg:
		if t, ok := s.list.Selected(); ok && key.Matches(msg, s.keys.Reset) {
			return s.reset(t)
		}
		return s.list.Update(msg, nil, func(t model.Template) tea.Cmd {
			com, store := s.com, s.store
			return kit.Push(func() kit.Screen { return kit.NewForm(com, newTemplateForm(store, t)) })
		}, nil)
	}
	return nil
}

// reset puts the template shipped back in t's place, in a command.
func (s *templatesScreen) reset(t model.Template) tea.Cmd {
	if !t.Edited {
		return kit.Status("%s is the one shipped.", kit.Clean(t.Name))
	}
	store := s.store
	return func() tea.Msg {
		if _, err := store.ResetTemplate(kit.Bg(), t.Kind); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return tea.BatchMsg{kit.Changed,
			kit.Status("%s is back to the one shipped. ctrl+z undoes.", kit.Clean(t.Name))}
	}
}

// View implements kit.Screen: the list, then the template under the
// cursor in full.
func (s *templatesScreen) View() string {
	st := s.com.Styles
	t, ok := s.list.Selected()
	if !ok {
		return st.Muted.Render("Loading…")
	}
	const markW = 22
	w := s.list.W
	lines := s.list.Lines(st, "Message templates", "  one per reason; M on Today, the detail or a complaint writes one",
		"", func(t *model.Template, rw int) string {
			var marks []string
			if t.Marketing {
				marks = append(marks, "marketing")
			}
			if t.Edited {
				marks = append(marks, "yours")
			}
			return kit.FitCell(kit.Clean(t.Name), max(rw-markW, 10), false) + " " +
				st.Muted.Render(kit.FitCell(strings.Join(marks, " · "), markW, false))
		})
	lines = append(lines, st.Muted.Render(strings.Repeat("─", max(w, 1))))
	if t.Subject != "" {
		lines = append(lines, st.Label.Render("subject ")+kit.Truncate(kit.Clean(t.Subject), max(w-8, 1)))
	}
	lines = append(lines, kit.Wrap(t.Body, max(w, 10))...)
	return s.list.Fit(st, lines)
}

// ShortHelp implements help.KeyMap.
func (s *templatesScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Edit, s.keys.Reset}
}

// FullHelp implements help.KeyMap.
func (s *templatesScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.keys.Up, s.keys.Down}, {s.keys.Edit, s.keys.Reset}}
}

// templateForm rewrites one template: its name (what the contact log
// records), subject, body and whether it is marketing. A form body.
type templateForm struct {
	store              Store
	kind               model.TemplateKind
	name, subject, txt string
	marketing          bool
}

func newTemplateForm(store Store, t model.Template) *templateForm {
	return &templateForm{store: store, kind: t.Kind, name: kit.Clean(t.Name), subject: kit.Clean(t.Subject),
		txt: model.PrintableLines(t.Body), marketing: t.Marketing}
}

// Title implements kit.Body.
func (f *templateForm) Title() string { return "Template · " + f.name }

// Snapshot implements kit.Body.
func (f *templateForm) Snapshot() string {
	return strings.Join([]string{f.name, f.subject, f.txt, fmt.Sprint(f.marketing)}, "\x00")
}

// Build implements kit.Body.
func (f *templateForm) Build(b *kit.Builder) kit.Fields {
	var names []string
	for _, p := range model.Placeholders {
		names = append(names, "{"+p.Name+"}")
	}
	return b.Huh(huh.NewForm(huh.NewGroup(
		b.Input("Name", &f.name).Description("what the contact log records"),
		b.Input("Subject", &f.subject).Description("an email's subject; placeholders work here too"),
		huh.NewSelect[bool]().Title("Marketing").Inline(true).Value(&f.marketing).Options(
			huh.NewOption("no: to everyone", false), huh.NewOption("yes: only to those who consented", true)),
		huh.NewText().Title("Body").Value(&f.txt).Lines(8).CharLimit(20000).
			Description("alt+enter starts a new line · "+strings.Join(names, " ")),
	)), []string{"name", "subject"})
}

// Save implements kit.Body.
func (f *templateForm) Save() (tea.Cmd, error) {
	t := model.Template{Kind: f.kind, Name: f.name, Subject: f.subject, Body: f.txt, Marketing: f.marketing}
	t.Normalize()
	if err := t.Validate(); err != nil {
		return nil, err
	}
	store := f.store
	return func() tea.Msg {
		if _, err := store.SaveTemplate(kit.Bg(), t); err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		return kit.SavedMsg{Text: fmt.Sprintf("Saved the template %s. ctrl+z undoes.", kit.Clean(t.Name))}
	}, nil
}

// WriteKeys implements kit.Writer.
func (s *templatesScreen) WriteKeys() []key.Binding { return []key.Binding{s.keys.Reset} }
