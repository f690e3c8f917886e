// Package historyexport writes the change history for scripts: `clientele
// history`, as text or JSON.
package historyexport

import (
	"fmt"
	"io"
	"strings"

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

// Check refuses a format that is neither.
func (f Format) Check() error {
	if f != Text && f != JSON {
		return fmt.Errorf("--format: %q is not text or json", string(f))
	}
	return nil
}

// change is one change as JSON writes it.
type change struct {
	ID         int64  `json:"id"`
	At         string `json:"at"`
	Kind       string `json:"kind"`
	Action     string `json:"action"`
	What       string `json:"what"`
	Reverses   int64  `json:"reverses,omitempty"`
	ReversedBy int64  `json:"reversed_by,omitempty"`
	Records    int    `json:"records"`
}

// Write writes the changes, newest first as given: in text one line each
// ("#12  2026-11-23 09:30  Added customer Poppy Byrne (undone)"), with
// stored text made printable; in JSON an array of objects.
func Write(w io.Writer, cs []model.Change, f Format) error {
	if err := f.Check(); err != nil {
		return err
	}
	if f == JSON {
		out := make([]change, len(cs))
		for i, c := range cs {
			out[i] = change{ID: c.ID, At: model.FormatDateTime(c.At), Kind: string(c.Kind), Action: string(c.Action),
				What: c.What, Reverses: c.Reverses, ReversedBy: c.ReversedBy, Records: c.Records}
		}
		return exportfile.WriteJSON(w, out, "  ")
	}
	if len(cs) == 0 {
		_, err := fmt.Fprintln(w, "No changes.")
		return err
	}
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "#%-6d %s  %s\n", c.ID, c.At.Format("2006-01-02 15:04"), model.Printable(c.Summary()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
