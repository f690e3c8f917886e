package tui

import (
	"charm.land/bubbles/v2/key"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// GlobalKeys work on every screen unless a text field has focus (ctrl+c
// works even then).
type GlobalKeys struct {
	ForceQuit key.Binding // ctrl+c, even while typing or reading the help
	Quit      key.Binding
	Help      key.Binding
	Back      key.Binding
	NextTab   key.Binding
	PrevTab   key.Binding
	Tabs      key.Binding   // 1–7: for help only; GoTo holds each tab's own
	Cycle     key.Binding   // tab and shift+tab: for help only
	QuitHelp  key.Binding   // q and ctrl+c: for help only
	GoTo      []key.Binding // the digit of each tab, in order
	Settings  key.Binding   // , from anywhere: the Settings tab
	// Undo takes back the latest change to the book, wherever the owner
	// is; again for the one before. ctrl+z is undo inside clientele (as in
	// an editor), not the shell's suspend: suspend it from outside with
	// kill -TSTP and fg (README).
	Undo key.Binding
	// UndoCtrl is Undo's help on a screen whose own u undoes what is under
	// the cursor (Today, History): there ctrl+z is the book's undo.
	UndoCtrl key.Binding
	Redo     key.Binding
	// History shows every change to the book, newest first.
	History key.Binding
}

// DefaultGlobalKeys returns the global bindings.
func DefaultGlobalKeys() GlobalKeys {
	k := GlobalKeys{
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit, even while typing (an edited form asks)")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		NextTab:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next screen")),
		PrevTab:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous screen")),
		Tabs:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7"), key.WithHelp("1–7", "go to screen")),
		Cycle:     key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab/shift+tab", "next/previous screen")),
		QuitHelp:  key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q/ctrl+c", "quit (ctrl+c even while typing)")),
		Settings:  key.NewBinding(key.WithKeys(","), key.WithHelp(",", "settings")),
		Undo:      key.NewBinding(key.WithKeys("u", "ctrl+z"), key.WithHelp("u/ctrl+z", "undo the last change")),
		UndoCtrl:  key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "undo the last change")),
		Redo:      key.NewBinding(key.WithKeys("U", "ctrl+y"), key.WithHelp("U/ctrl+y", "redo")),
		History:   key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "history of changes")),
	}
	for _, d := range k.Tabs.Keys() {
		k.GoTo = append(k.GoTo, key.NewBinding(key.WithKeys(d), key.WithHelp(d, "go to screen "+d)))
	}
	return k
}
