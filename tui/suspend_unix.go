//go:build unix

package tui

import (
	"io"
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/sys/unix"
)

// HandleSuspend makes a SIGTSTP sent from outside (kill -s TSTP PID, a
// shell's job control) suspend the interface as a terminal program
// should: the terminal is given back (line mode, the main screen, the
// cursor shown, no mouse reporting) before the process stops, and taken
// again, the screen drawn afresh, when it is continued (fg). Without it the
// process stopped with the terminal raw under the shell, and after fg the
// interface was drawn on a screen it no longer owned. (In raw mode ctrl+z
// is a key, not a signal: inside clientele it is undo.)
//
// The stop runs in Bubble Tea's own loop, as a tea.Exec: the loop gives
// the terminal back, the process group stops itself with SIGSTOP, and the
// loop takes the terminal again once SIGCONT arrives. (Bubble Tea's
// tea.Suspend cannot be used here: it stops the group with SIGTSTP, which
// the Go runtime ignores in a program that has ever listened for it.) A
// group the kernel counts as orphaned ignores the stop, as the kernel
// itself would: nothing would ever continue it.
//
// Call it once the program is made; the function it returns stops
// listening.
func HandleSuspend(p *tea.Program) (stop func()) {
	tstp := make(chan os.Signal, 1)
	signal.Notify(tstp, syscall.SIGTSTP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-tstp:
			}
			if orphaned() {
				continue
			}
			p.Send(tea.Exec(stopGroup{}, func(error) tea.Msg { return resumedMsg{} })())
		}
	}()
	return func() {
		signal.Stop(tstp)
		close(done)
	}
}

// orphaned reports whether this process's group is orphaned as far as
// its parent shows: the parent is in another session (a setsid launch),
// so no shell can continue a stopped group. A parent in the same group
// (sh -c without job control) is taken to have a shell above it.
func orphaned() bool {
	parent := os.Getppid()
	psid, err := unix.Getsid(parent)
	if err != nil {
		return true
	}
	sid, err := unix.Getsid(0)
	return err != nil || psid != sid
}

// stopGroup stops this process's group (the follower a --follow run
// starts with it too) until it is continued. Bubble Tea runs it with the
// terminal given back.
type stopGroup struct{}

// Run implements tea.ExecCommand: it returns once SIGCONT has arrived.
// It waits for it: kill returns before the stop reaches every thread, and
// the terminal must not be taken back before it has.
func (stopGroup) Run() error {
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	defer signal.Stop(cont)
	if err := syscall.Kill(0, syscall.SIGSTOP); err != nil {
		return err
	}
	<-cont
	return nil
}

// SetStdin implements tea.ExecCommand.
func (stopGroup) SetStdin(io.Reader) {}

// SetStdout implements tea.ExecCommand.
func (stopGroup) SetStdout(io.Writer) {}

// SetStderr implements tea.ExecCommand.
func (stopGroup) SetStderr(io.Writer) {}
