package imports

import (
	"charm.land/bubbles/v2/key"

	"clientele/tui/kit"
)

// Every key binding of the import lives here, each with its help text.

// PromptKeys are the file prompt's: the path field has focus, so every
// other key is typed.
type PromptKeys struct {
	Read     key.Binding
	Complete key.Binding
	Previous key.Binding // the previous match while Tab goes through them
	Back     key.Binding
}

// DefaultPromptKeys returns the file prompt's bindings.
func DefaultPromptKeys() PromptKeys {
	return PromptKeys{
		Read:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read the file")),
		Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
		Previous: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous match")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// PreviewKeys are the preview's: nothing is written before enter.
type PreviewKeys struct {
	kit.ListKeys // through the first rows
	Import       key.Binding
	Format       key.Binding
	Encoding     key.Binding
	Dates        key.Binding
	Columns      key.Binding
	Stop         key.Binding // while the file is read or imported
	Done         key.Binding // once imported
}

// DefaultPreviewKeys returns the preview's bindings.
func DefaultPreviewKeys() PreviewKeys {
	return PreviewKeys{
		ListKeys: kit.DefaultListKeys(),
		Import:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "import")),
		Format:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "format")),
		Encoding: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "encoding")),
		Dates:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "day/month")),
		Columns:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "columns")),
		Stop:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop")),
		Done:     key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "done")),
	}
}

// MappingKeys are the column mapping's.
type MappingKeys struct {
	Up    key.Binding
	Down  key.Binding
	Next  key.Binding // the next column for the field
	Prev  key.Binding
	Clear key.Binding
	Kind  key.Binding
	Use   key.Binding
}

// DefaultMappingKeys returns the column mapping's bindings.
func DefaultMappingKeys() MappingKeys {
	return MappingKeys{
		Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "field above")),
		Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "field below")),
		Next:  key.NewBinding(key.WithKeys("right", "l", "space"), key.WithHelp("→", "next column")),
		Prev:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←", "previous column")),
		Clear: key.NewBinding(key.WithKeys("x", "backspace", "delete"), key.WithHelp("x", "no column")),
		Kind:  key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "orders/customers")),
		Use:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "use these columns")),
	}
}
