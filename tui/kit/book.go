package kit

import (
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// Book is what the interface knows of the book's file: whether anything
// can be saved to it and, when not, why. The root keeps it in the Context
// and keeps it current (the file's quick check answers a second or so
// after the start; a write that meets damage locks it too); screens only
// read it.
//
// Every write goes through one guard, which refuses with the reason before
// any I/O: nothing is typed into a form that cannot be saved, and no key
// fails later with a storage error. Most of the guard costs a screen
// nothing:
//
//   - a request for another area's form (NewOrderMsg, ...) says it writes
//     (WriteRequest), and the root refuses it;
//   - a Form is refused as it is pushed and again as it saves, unless its
//     body writes nothing to the book (Reading: the period form, the Profit tab's
//     export prompt);
//   - a key that writes by itself (archive, done, let go, a question added)
//     is listed by its screen (Writer), and the root refuses it before the
//     screen sees it;
//   - anything else that writes calls Context.Refuse first.
type Book struct {
	// Path is the book's file.
	Path string
	// Locked is why nothing can be saved: the book opened read-only (an
	// error matching model.ErrReadOnly), failed its check or met damage
	// (model.ErrDamaged). Nil while the book can be written.
	Locked error
	// FollowedFrom is where a followed copy comes from (clientele --follow
	// URL): the destination another machine replicates the book to. Such a
	// book is always Locked.
	FollowedFrom string
	// CurrentAt is when a followed copy was last known to hold every
	// change the writing machine had copied; zero until the root has
	// read it.
	CurrentAt time.Time
}

// CurrentAs says how current a followed copy is, "current as of 17:42"
// (with the day when it is not today), or "" before it is known.
func (c *Context) CurrentAs() string {
	at := c.Book.CurrentAt
	if at.IsZero() {
		return ""
	}
	// The clock is the wall clock's digits (model.WallClock); so is at.
	at = model.WallClock(at)
	if !model.Day(at).Equal(model.Day(c.Now())) {
		return "current as of " + at.Format("2006-01-02 15:04")
	}
	return "current as of " + at.Format("15:04")
}

// FollowStaleAfter is how long a followed copy may go without being
// known current before the interface says it is not: a follower that
// reaches the copies marks its copy current every second.
const FollowStaleAfter = time.Minute

// FollowStale reports a followed copy not known current for
// FollowStaleAfter: the follower cannot read the copies, or has stopped.
func (c *Context) FollowStale() bool {
	at := c.Book.CurrentAt
	return c.Book.FollowedFrom != "" && !at.IsZero() && c.Now().Sub(model.WallClock(at)) >= FollowStaleAfter
}

// Writable reports whether anything can be saved to the book now.
func (c *Context) Writable() bool { return c.Book.Locked == nil }

// State says what can be done with the book, in a few parts for the
// Settings tab's File row; Recovery says in full how to recover a damaged
// one ("" otherwise).
func (c *Context) State() (parts []string, recovery string) {
	b := c.Book
	switch {
	case b.Locked == nil:
		return []string{"saved as you go"}, ""
	case b.FollowedFrom != "":
		parts = []string{"a followed copy of " + Clean(b.FollowedFrom)}
		if as := c.CurrentAs(); as != "" {
			parts = append(parts, as)
		}
		return append(parts, "read-only here", "it is written on the machine that replicates it"), ""
	case errors.Is(b.Locked, model.ErrDamaged):
		return []string{"damaged: nothing is saved to it"}, ErrorText(b.Locked)
	case errors.Is(b.Locked, model.ErrReadOnly):
		return []string{"read-only: " + strings.TrimSuffix(Clean(model.Why(b.Locked)), "."),
			"reading, exports and backups work"}, ""
	}
	return []string{"nothing is saved: " + ErrorText(b.Locked)}, ""
}

// Damaged reports whether the book failed its check or a write met damage.
func (c *Context) Damaged() bool { return errors.Is(c.Book.Locked, model.ErrDamaged) }

// Refusal says why nothing can be saved, in words for the status line:
// "" while the book can be written.
func (c *Context) Refusal() string {
	b := c.Book
	switch {
	case b.Locked == nil:
		return ""
	case b.FollowedFrom != "":
		return "This book is followed from " + Clean(b.FollowedFrom) + ": read-only here; it is written on the " +
			"machine that replicates it."
	case errors.Is(b.Locked, model.ErrDamaged):
		return "The file is damaged, so nothing is saved: recover with clientele check, your latest backup or " +
			"sqlite3 .recover (Settings shows how)."
	}
	if errors.Is(b.Locked, model.ErrReadOnly) {
		// The reason alone: the file's name would push it off the line.
		return "Nothing can be saved: " + strings.TrimSuffix(Clean(model.Why(b.Locked)), ".") +
			". Reading, exports and backups still work."
	}
	return "Nothing can be saved: " + ErrorText(b.Locked)
}

// Refuse is the guard a write checks before it does anything: while the
// book cannot be written it returns the command that says why (an error
// in the status line, until the next key) and true.
//
//	if cmd, refused := s.com.Refuse(); refused {
//		return cmd
//	}
func (c *Context) Refuse() (tea.Cmd, bool) {
	if c.Writable() {
		return nil, false
	}
	text := c.Refusal()
	return func() tea.Msg { return StatusMsg{Text: text, Err: true} }, true
}

// RefusedError is the guard's refusal as an error, for a form's save: the
// form says it over its fields and keeps everything typed.
func (c *Context) RefusedError() error {
	if c.Writable() {
		return nil
	}
	return refusedError{c.Refusal()}
}

// refusedError is a refusal the guard made: its text is already in words.
type refusedError struct{ text string }

func (e refusedError) Error() string { return e.text }

// Writer is a screen with keys that write to the book by themselves
// (archive, done, let go, add a question: not those that open a form or
// ask for another area's, which the root guards already). WriteKeys lists
// the ones that write in the screen's present state; while the book cannot
// be written the root refuses them, with the reason, before the screen
// sees them. List them in the screen's keys.go.
type Writer interface{ WriteKeys() []key.Binding }

// WriteRequest is a request for another area's screen that writes to the
// book (a new order, a contact logged): the root refuses it while the book
// cannot be written, before anything is loaded.
type WriteRequest interface{ WritesBook() }

// Reading is a form body that writes nothing to the book (the custom
// period form, the Profit tab's export prompt, which writes a file of its own):
// it opens and saves on a book that cannot be written. Every other form is
// refused there.
type Reading interface{ ReadsOnly() }

// WritesBook reports whether screen s, about to be shown, is a form that
// writes to the book.
func WritesBook(s Screen) bool {
	f, ok := s.(*Form)
	if !ok {
		return false
	}
	_, reading := f.body.(Reading)
	return !reading
}

// IsWriteKey reports whether msg is one of the keys s lists as writing.
func IsWriteKey(s Screen, msg tea.KeyPressMsg) bool {
	w, ok := s.(Writer)
	return ok && key.Matches(msg, w.WriteKeys()...)
}

// sentence makes text a sentence: a capital first letter and a full stop.
func sentence(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return text
	}
	r, n := utf8.DecodeRuneInString(text)
	text = string(unicode.ToUpper(r)) + text[n:]
	if !strings.HasSuffix(text, ".") {
		text += "."
	}
	return text
}
