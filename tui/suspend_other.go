//go:build !unix

package tui

import tea "charm.land/bubbletea/v2"

// HandleSuspend does nothing where there is no SIGTSTP.
func HandleSuspend(*tea.Program) (stop func()) { return func() {} }
