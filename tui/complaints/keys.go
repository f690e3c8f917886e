package complaints

import (
	"clientele/tui/kit"

	"charm.land/bubbles/v2/key"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// ComplaintKeys are the Complaints screen's bindings.
type ComplaintKeys struct {
	kit.ListKeys
	Add  key.Binding
	Edit key.Binding
	Open key.Binding
	// Voiding a complaint entered by mistake.
	Void       key.Binding
	Restore    key.Binding // the same key on a voided complaint
	HideVoided key.Binding
	ShowVoided key.Binding
	// Write opens the complaint check-in message to its customer.
	Write key.Binding
	// OpenOnly lists only the open complaints; AllComplaints, the same
	// key, every one again.
	OpenOnly      key.Binding
	AllComplaints key.Binding
	// Search filters the list by words of what went wrong, the category
	// or the customer's name.
	Search key.Binding
}

// DefaultComplaintKeys returns the Complaints screen's bindings.
func DefaultComplaintKeys() ComplaintKeys {
	return ComplaintKeys{
		ListKeys:      kit.DefaultListKeys(),
		Add:           key.NewBinding(key.WithKeys("a", "C"), key.WithHelp("a", "new")),
		Edit:          key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "edit")),
		Open:          key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "customer")),
		Void:          key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "void")),
		Restore:       key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "restore")),
		HideVoided:    key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "hide voided")),
		ShowVoided:    key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "show voided")),
		Write:         key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "message")),
		OpenOnly:      key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "open only")),
		AllComplaints: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "all")),
		Search:        key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
	}
}
