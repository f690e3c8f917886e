// Package reviewexport writes the daily review list for scripts and cron,
// as text or JSON: `clientele review`.
package reviewexport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"clientele/model"
	"clientele/store/exportfile"
)

// Format is an output format.
type Format string

// The formats.
const (
	Text Format = "text"
	JSON Format = "json"
)

// Options say which list to write and how.
type Options struct {
	// Day is the day reviewed.
	Day time.Time
	// Format is Text or JSON.
	Format Format
	// Limit is how many customers to list; 0 is the daily size in the
	// settings.
	Limit int
	// All lists every customer due, which on a large book takes longer.
	All bool
	// Past says Day is before today: the list is the day's as it stood at
	// its end (Store.PastReview), not today's book seen on another day.
	Past bool
}

// Store is what the list is read from.
type Store interface {
	model.ReviewStore
	// PastReview is the list of a day gone by as it stood then, the
	// first limit entries (all when limit < 0, the daily size when 0).
	PastReview(ctx context.Context, day time.Time, limit int) (model.DailyReview, error)
}

// Check says, in the command's own flags, what is wrong with o; it needs
// no store, so a command can refuse bad flags before opening one.
func (o Options) Check() error {
	if o.Format != Text && o.Format != JSON {
		return fmt.Errorf("--format: %q is not text or json", string(o.Format))
	}
	if o.Limit < 0 {
		return fmt.Errorf("--limit: %d is not a number of customers", o.Limit)
	}
	if o.All && o.Limit > 0 {
		return errors.New("--all and --limit: choose one")
	}
	return nil
}

// Write builds the list o asks for from s and writes it to w.
func Write(ctx context.Context, w io.Writer, s Store, o Options) error {
	if err := o.Check(); err != nil {
		return err
	}
	var r model.DailyReview
	var err error
	switch {
	case o.Past && o.All:
		r, err = s.PastReview(ctx, o.Day, -1)
	case o.Past:
		r, err = s.PastReview(ctx, o.Day, o.Limit)
	case o.All:
		r.Entries, err = s.Review(ctx, o.Day)
		r.MoreExact = true
	default:
		r, err = s.DailyReview(ctx, o.Day, o.Limit)
	}
	if err != nil {
		return err
	}
	if o.Format == JSON {
		return writeJSON(w, o.Day, r)
	}
	return writeText(w, o.Day, r)
}

// writeText writes a header, then one block per entry: name, contact,
// reasons, values.
func writeText(w io.Writer, day time.Time, r model.DailyReview) error {
	q := r.Entries
	fmt.Fprintf(w, "Review for %s: %d due, %d done today", model.FormatDate(day), len(q), model.CountDone(q))
	if more := r.MoreText(); more != "" {
		fmt.Fprintf(w, "; %s (--all lists them)", more)
	}
	fmt.Fprintln(w)
	for i, e := range q {
		c := e.Customer
		mark := " "
		if e.Done {
			mark = "✓"
		}
		line := fmt.Sprintf("\n%s %d. %s (%s)", mark, i+1, model.Printable(c.Name), c.Stage)
		if r := c.Contact(); r != "" {
			line += " · " + model.Printable(r)
		}
		fmt.Fprintln(w, line)
		for _, r := range e.Reasons {
			fmt.Fprintf(w, "     - %s\n", model.Printable(r.Text))
		}
		if len(c.Values) > 0 {
			fmt.Fprintf(w, "     values: %s\n", model.Printable(strings.Join(c.Values, ", ")))
		}
	}
	return nil
}

// entryJSON is one entry as JSON.
type entryJSON struct {
	ID      int64        `json:"id"`
	Name    string       `json:"name"`
	Stage   string       `json:"stage"`
	Channel string       `json:"channel,omitempty"`
	Contact string       `json:"contact,omitempty"`
	Values  []string     `json:"values,omitempty"`
	Done    bool         `json:"done"`
	Handled string       `json:"handled_today,omitempty"`
	Reasons []reasonJSON `json:"reasons"`
}

// reasonJSON is one reason an entry is listed.
type reasonJSON struct {
	Kind    string `json:"kind"`
	Overdue int    `json:"overdue_days"`
	Text    string `json:"text"`
}

// writeJSON writes the list as one object: the day, how many are listed
// and done, how many more are due (more_exact false: at least that many),
// and the entries.
func writeJSON(w io.Writer, day time.Time, r model.DailyReview) error {
	out := struct {
		Date      string      `json:"date"`
		Due       int         `json:"due"`
		Done      int         `json:"done"`
		More      int         `json:"more"`
		MoreExact bool        `json:"more_exact"`
		Entries   []entryJSON `json:"entries"`
	}{Date: model.FormatDate(day), Due: len(r.Entries), Done: model.CountDone(r.Entries), More: r.More,
		MoreExact: r.MoreExact, Entries: []entryJSON{}}
	for _, e := range r.Entries {
		c := e.Customer
		j := entryJSON{ID: c.ID, Name: c.Name, Stage: string(c.Stage), Channel: string(c.Channel), Contact: c.Contact(),
			Values: c.Values, Done: e.Done, Handled: c.HandledToday}
		for _, r := range e.Reasons {
			j.Reasons = append(j.Reasons, reasonJSON{Kind: r.Kind.String(), Overdue: r.Overdue, Text: r.Text})
		}
		out.Entries = append(out.Entries, j)
	}
	return exportfile.WriteJSON(w, out, "  ")
}
