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

// fieldsText sums the custom fields up for the Settings tab.
func (s *settingsTab) fieldsText() string {
	if len(s.data.fields) == 0 {
		return "no fields"
	}
	return model.Plural(len(s.data.fields), "field", "fields")
}

// fieldsScreen lists the owner's custom fields: a adds one, enter
// changes one, x deletes one with its values (ctrl+z brings both back).
type fieldsScreen struct {
	com   *kit.Context
	store Store
	list  kit.RecordList[model.CustomField]
}

func newFieldsScreen(com *kit.Context, store Store) *fieldsScreen {
	return &fieldsScreen{com: com, store: store, list: kit.RecordList[model.CustomField]{Keys: DefaultFieldKeys()}}
}

// Title implements kit.Screen.
func (s *fieldsScreen) Title() string { return "Custom fields" }

// Init implements kit.Screen: the fields, in a command.
func (s *fieldsScreen) Init() tea.Cmd {
	return s.list.Load(s.store.CustomFields)
}

// SetSize implements kit.Screen.
func (s *fieldsScreen) SetSize(w, h int) { s.list.SetSize(w, h) }

// Update implements kit.Screen.
func (s *fieldsScreen) Update(msg tea.Msg) tea.Cmd {
	if s.list.Take(msg) {
		return nil
	}
	switch msg := msg.(type) {
	case kit.DataChangedMsg, kit.SettingsLoadedMsg: // an undo of a field reloads the settings
		return s.Init()
	case tea.KeyPressMsg:
		return s.list.Update(msg, func() tea.Cmd { return s.edit(model.CustomField{Kind: model.FieldText}) },
			s.edit, s.delete)
	}
	return nil
}

// edit opens the form on f (a new field when its ID is 0).
func (s *fieldsScreen) edit(f model.CustomField) tea.Cmd {
	com, store := s.com, s.store
	return kit.Push(func() kit.Screen { return kit.NewForm(com, newFieldForm(store, f)) })
}

// delete deletes field f and its values, in a command.
func (s *fieldsScreen) delete(f model.CustomField) tea.Cmd {
	store := s.store
	return func() tea.Msg {
		if err := store.DeleteCustomField(kit.Bg(), f.ID); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return tea.BatchMsg{kit.Changed,
			kit.Status("Deleted the field %s and its values. ctrl+z undoes.", kit.Clean(f.Name))}
	}
}

// View implements kit.Screen.
func (s *fieldsScreen) View() string {
	st := s.com.Styles
	const nameW = 24
	return s.list.View(st, "Custom fields", "  on every customer's form and detail, searched by the list's filter",
		"None yet: a adds one (Allergies, Skin type, Gate code…).", func(f *model.CustomField, w int) string {
			kind := string(f.Kind)
			if f.Kind == model.FieldChoice {
				kind += ": " + strings.Join(f.Choices, ", ")
			}
			if f.OnOrder {
				kind += " · shown when taking an order"
			}
			return kit.FitCell(kit.Clean(f.Name), nameW, false) + " " +
				st.Muted.Render(kit.Truncate(kit.Clean(kind), max(w-nameW-1, 1)))
		})
}

// ShortHelp implements help.KeyMap.
func (s *fieldsScreen) ShortHelp() []key.Binding { return s.list.ShortHelp() }

// FullHelp implements help.KeyMap.
func (s *fieldsScreen) FullHelp() [][]key.Binding { return s.list.FullHelp() }

// fieldForm adds or changes a custom field: its name, kind, options (a
// choice's) and whether the order form shows it. A form body.
type fieldForm struct {
	store         Store
	orig          model.CustomField
	name, choices string
	kind          model.FieldKind
	onOrder       bool
}

func newFieldForm(store Store, f model.CustomField) *fieldForm {
	return &fieldForm{store: store, orig: f, name: kit.Clean(f.Name), kind: f.Kind, onOrder: f.OnOrder,
		choices: kit.Clean(strings.Join(f.Choices, ", "))}
}

// Title implements kit.Body.
func (f *fieldForm) Title() string {
	if f.orig.ID == 0 {
		return "New custom field"
	}
	return "Field · " + kit.Clean(f.orig.Name)
}

// Snapshot implements kit.Body.
func (f *fieldForm) Snapshot() string {
	return strings.Join([]string{f.name, string(f.kind), f.choices, fmt.Sprint(f.onOrder)}, "\x00")
}

// Build implements kit.Body.
func (f *fieldForm) Build(b *kit.Builder) kit.Fields {
	kinds := make([]huh.Option[model.FieldKind], len(model.FieldKinds))
	for i, k := range model.FieldKinds {
		kinds[i] = huh.NewOption(string(k), k)
	}
	return b.Huh(huh.NewForm(huh.NewGroup(
		b.Input("Name", &f.name),
		huh.NewSelect[model.FieldKind]().Title("Kind").Inline(true).Options(kinds...).Value(&f.kind),
		b.Input("Choices", &f.choices).Description("for a choice: the options, comma-separated"),
		huh.NewSelect[bool]().Title("Show when taking an order").Inline(true).Value(&f.onOrder).
			Options(huh.NewOption("no", false), huh.NewOption("yes", true)),
	)), []string{"name", "", "choices"})
}

// Save implements kit.Body.
func (f *fieldForm) Save() (tea.Cmd, error) {
	c := f.orig
	c.Name, c.Kind, c.OnOrder = f.name, f.kind, f.onOrder
	c.Choices = strings.Split(f.choices, ",")
	c.Normalize()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	store := f.store
	return func() tea.Msg {
		if err := store.SaveCustomField(kit.Bg(), &c); err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		return kit.SavedMsg{Text: fmt.Sprintf("Saved the field %s. ctrl+z undoes.", kit.Clean(c.Name))}
	}, nil
}

// WriteKeys implements kit.Writer.
func (s *fieldsScreen) WriteKeys() []key.Binding { return []key.Binding{s.list.Keys.Delete} }
