package feedback

import (
	"clientele/tui/kit"

	"charm.land/bubbles/v2/key"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// FeedbackKeys are the Feedback screen's bindings; some work in one view
// only (the help line shows those of the view on screen).
type FeedbackKeys struct {
	kit.ListKeys
	Add      key.Binding
	View     key.Binding
	Open     key.Binding
	Replied  key.Binding
	ActedOn  key.Binding
	Kind     key.Binding
	Status   key.Binding
	Segment  key.Binding
	Offering key.Binding
	Customer key.Binding
	// Correcting an entry of the log.
	Edit       key.Binding
	Void       key.Binding
	Restore    key.Binding // the same key on a voided entry
	HideVoided key.Binding
	ShowVoided key.Binding
	// The NPS view.
	Promote key.Binding
	// The wishlist.
	Expand key.Binding
	Theme  key.Binding
	Mark   key.Binding
	Merge  key.Binding
	// While a theme's name is typed.
	SaveTheme   key.Binding
	CancelTheme key.Binding
}

// DefaultFeedbackKeys returns the Feedback screen's bindings.
func DefaultFeedbackKeys() FeedbackKeys {
	return FeedbackKeys{
		ListKeys:   kit.DefaultListKeys(),
		Add:        key.NewBinding(key.WithKeys("a", "f"), key.WithHelp("a", "add")),
		View:       key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "log/NPS/wishlist")),
		Open:       key.NewBinding(key.WithKeys("o", "enter"), key.WithHelp("o", "open customer")),
		Replied:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "replied")),
		ActedOn:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "acted on")),
		Kind:       key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "by kind")),
		Status:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "by status")),
		Segment:    key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "by segment")),
		Offering:   key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "by offering")),
		Customer:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Void:       key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "void")),
		Restore:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "restore")),
		HideVoided: key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "hide voided")),
		ShowVoided: key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "show voided")),
		Promote:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "make advocate")),
		Expand:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "who asked")),
		Theme:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "name theme")),
		Mark:       key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "mark")),
		Merge:      key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "merge marked here")),
		// The help line said "enter keep filter" here: the keys are the
		// filter's, but what they do is name the theme.
		SaveTheme:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "name the theme")),
		CancelTheme: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// FeedbackFormKeys pick the kind of feedback with one key, then save from
// any field.
type FeedbackFormKeys struct {
	kit.FormKeys
	Score      key.Binding
	NPS        key.Binding
	Wish       key.Binding
	Praise     key.Binding
	Suggestion key.Binding
	Question   key.Binding
	SaveEnter  key.Binding // enter, from any field (ctrl+s too, as in every form)
	Next       key.Binding
	Prev       key.Binding
	Complete   key.Binding
}

// DefaultFeedbackFormKeys returns the feedback form's bindings.
func DefaultFeedbackFormKeys() FeedbackFormKeys {
	return FeedbackFormKeys{
		FormKeys:   kit.DefaultFormKeys(),
		Score:      key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0–9", "NPS score")),
		NPS:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "NPS")),
		Wish:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "wish")),
		Praise:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "praise")),
		Suggestion: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "suggestion")),
		Question:   key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "question")),
		SaveEnter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Next:       key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Prev:       key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		Complete:   key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "complete")),
	}
}
