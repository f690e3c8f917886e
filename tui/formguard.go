package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// discardGuard is the step the order, cost and offering forms share before
// losing what was typed: esc closes an untouched form at once and asks
// first about an edited one; y discards, n (or esc) keeps editing.
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
