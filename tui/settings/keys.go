package settings

import (
	"charm.land/bubbles/v2/key"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// SettingsKeys are the Settings tab's bindings.
type SettingsKeys struct {
	Up     key.Binding
	Down   key.Binding
	Edit   key.Binding
	Add    key.Binding
	Delete key.Binding
	Save   key.Binding // the new question
	Cancel key.Binding
}

// DefaultSettingsKeys returns the Settings tab's bindings.
func DefaultSettingsKeys() SettingsKeys {
	return SettingsKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Edit:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit settings")),
		Add:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add a question")),
		Delete: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete the question")),
		Save:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}
