package tui

import (
	"errors"
	"time"

	"clientele/model"
	"clientele/tui/kit"
)

// condition is what holds for the whole book and stays in view, on its
// own line over the status line, whatever the screen: nothing can be
// saved (the file is damaged, read-only, a followed copy). Messages come
// and go in the status line under it.
type condition struct {
	// texts say it, the longest first; the first that fits the width is
	// drawn, the last cut between words.
	texts []string
	bad   bool // red, not amber: the file is damaged
}

// condition returns the book's condition, or nil when there is none.
func (a *App) condition() *condition {
	b := a.com.Book
	switch {
	case b.Locked == nil:
		return a.copiesCondition()
	case b.FollowedFrom != "":
		from, as := kit.Clean(b.FollowedFrom), a.com.CurrentAs()
		if as == "" {
			return &condition{texts: []string{
				"Followed from " + from + ": read-only here; it is written on the machine that replicates it",
				"Followed from " + from + ": read-only here",
				"Followed copy: read-only here",
			}}
		}
		if a.com.FollowStale() {
			// No look at the copies has gone through for a minute.
			return &condition{bad: true, texts: []string{
				"Followed from " + from + ", only " + as + ": the copies cannot be read (the follower's log " +
					"beside the copy says why)",
				"Followed from " + from + ", only " + as + ": the copies cannot be read",
				"Followed copy, only " + as + ": the copies cannot be read",
				"Followed copy, only " + as,
			}}
		}
		return &condition{texts: []string{
			"Followed from " + from + ", " + as + ": read-only here; it is written on the machine that replicates it",
			"Followed from " + from + ", " + as + ": read-only here",
			"Followed copy, " + as + ": read-only here",
			"Followed copy, " + as,
		}}
	case a.com.Damaged():
		return &condition{bad: true, texts: []string{
			"Damaged file: nothing is saved. Recover with clientele check, your latest backup or sqlite3 .recover " +
				"(Settings says more)",
			"Damaged file: nothing is saved. Recover: clientele check, your backup, sqlite3 .recover",
			"Damaged file: nothing is saved; Settings (,) says how to recover",
			"Damaged file: nothing is saved",
		}}
	}
	why := kit.Clean(model.Why(b.Locked))
	if !errors.Is(b.Locked, model.ErrReadOnly) {
		// The check could not run to the end (a disk error): the store
		// writes nothing until it has.
		return &condition{bad: true, texts: []string{"Nothing is saved: " + why}}
	}
	return &condition{texts: []string{
		"Read-only: " + why + ". Reading, exports and backups work",
		"Read-only: " + why,
	}}
}

// conditionLine draws c in the width.
func (a *App) conditionLine(c *condition) string {
	style := a.com.Styles.Condition
	if c.bad {
		style = a.com.Styles.StatusErr
	}
	for _, t := range c.texts {
		if kit.Width(t) <= a.width {
			return style.Render(t)
		}
	}
	return style.Render(kit.TruncateWords(c.texts[len(c.texts)-1], a.width))
}

// copiesFailingFor is how long copying may fail before the condition line
// says so: a network that drops for a moment is not worth a word.
const copiesFailingFor = time.Minute

// copiesCondition says that copying the book has failed for a while, or
// returns nil.
func (a *App) copiesCondition() *condition {
	c := a.com.Copies
	if !c.Failing(a.com.Now(), copiesFailingFor) {
		return nil
	}
	dest, since := kit.Clean(c.Destination), c.FailingSince.Format("15:04")
	if a.com.Now().Sub(c.FailingSince) >= 24*time.Hour {
		since = c.FailingSince.Format("2006-01-02 15:04")
	}
	return &condition{bad: true, texts: []string{
		"Copying to " + dest + " has failed since " + since + ": " + kit.Clean(c.Err.Error()),
		"Copying to " + dest + " has failed since " + since,
		"Copies failing since " + since + " (Settings says why)",
	}}
}
