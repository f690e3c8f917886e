package settings

import (
	"charm.land/bubbles/v2/key"

	"clientele/tui/kit"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// SettingsKeys are the Settings tab's bindings.
type SettingsKeys struct {
	Up        key.Binding
	Down      key.Binding
	Edit      key.Binding
	Add       key.Binding
	Delete    key.Binding
	Save      key.Binding // the new question
	Cancel    key.Binding
	Templates key.Binding
	Fields    key.Binding
}

// DefaultSettingsKeys returns the Settings tab's bindings.
func DefaultSettingsKeys() SettingsKeys {
	return SettingsKeys{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit settings")),
		Add:       key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add a question")),
		Delete:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete the question")),
		Save:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Templates: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "message templates")),
		Fields:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "custom fields")),
	}
}

// TemplateKeys are the message templates screen's bindings: there is
// one template per reason, so none is added or deleted; r resets one.
type TemplateKeys struct {
	kit.RecordKeys
	Reset key.Binding
}

// DefaultTemplateKeys returns the templates screen's bindings.
func DefaultTemplateKeys() TemplateKeys {
	k := TemplateKeys{RecordKeys: kit.DefaultRecordKeys(""),
		Reset: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "back to the one shipped"))}
	k.Edit.SetHelp("enter", "rewrite")
	k.Add.SetEnabled(false)
	k.Delete.SetEnabled(false)
	return k
}

// DefaultFieldKeys returns the custom fields screen's bindings.
func DefaultFieldKeys() kit.RecordKeys {
	k := kit.DefaultRecordKeys("add a field")
	k.Delete.SetHelp("x", "delete with its values")
	return k
}
