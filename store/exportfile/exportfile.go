// Package exportfile holds what clientele's exports share: their formats,
// CSV cells a spreadsheet will not run as formulas, Markdown table cells,
// and files written whole or not at all.
package exportfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"clientele/model"
)

// Format is an export format.
type Format string

// The formats.
const (
	CSV      Format = "csv"
	Markdown Format = "md"
	JSON     Format = "json"
)

// ParseFormat reads a --format value among formats: csv, md (or
// markdown), json.
func ParseFormat(s string, formats ...Format) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if f == "markdown" {
		f = Markdown
	}
	for _, ok := range formats {
		if f == ok {
			return f, nil
		}
	}
	names := make([]string, len(formats))
	for i, ok := range formats {
		names[i] = string(ok)
	}
	return "", fmt.Errorf("unknown --format %q: use %s", s, orList(names))
}

// orList writes "csv or md", "csv, md or json".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// FormatOf is the format a file's name ends in: .md and .markdown are
// Markdown, .csv CSV, .json JSON; ok is false for any other ending. It is
// the one place an ending names a format (the TUI refuses the others).
func FormatOf(path string) (f Format, ok bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return Markdown, true
	case ".json":
		return JSON, true
	case ".csv":
		return CSV, true
	}
	return "", false
}

// FormatFor guesses the format of a file from its name among formats (see
// FormatOf); any other ending is the first of formats.
func FormatFor(path string, formats ...Format) Format {
	f, _ := FormatOf(path)
	for _, ok := range formats {
		if f == ok {
			return f
		}
	}
	if len(formats) == 0 {
		return CSV
	}
	return formats[0]
}

// Pick is the format an export writes: the one flag (--format) names
// when it was given or there is no out file, else the one out's name
// suggests.
func Pick(flag string, given bool, out string, formats ...Format) (Format, error) {
	if given || out == "" {
		return ParseFormat(flag, formats...)
	}
	return FormatFor(out, formats...), nil
}

// Neutralise makes a text cell safe to open in a spreadsheet: one that
// begins with =, +, -, @, a tab or a carriage return would be read as a
// formula, so it gets a leading apostrophe. Numbers are written by the
// caller without it, so they stay numbers.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// CSVCell is a text cell of a CSV export: nothing in it acts on a
// terminal or a spreadsheet. Control characters but tab and line feed,
// C1 controls, bidi overrides and invalid UTF-8 are made visible
// (model.PrintableCell), and a cell a spreadsheet would run is
// neutralised (Neutralise). CSV has no escapes, so this is the one place
// an export changes text: a person reading the file sees ␛ where the
// book holds ESC.
func CSVCell(s string) string { return Neutralise(model.PrintableCell(s)) }

// MarkdownCell makes text one Markdown table cell: control characters
// visible, line breaks spaces, pipes escaped.
func MarkdownCell(s string) string {
	return strings.ReplaceAll(model.Printable(s), "|", `\|`)
}

// Write writes a file with write atomically: into a temporary file in the
// same folder, synced, then renamed over path, so a crash or an error
// leaves the old file or the new one, never half of one. The file is
// private (0600): exports hold personal data. A path CheckTarget refuses
// (a book, its -wal or -shm, any SQLite database) is refused before
// anything is created.
func Write(path string, write func(io.Writer) error) error {
	if err := CheckTarget(path); err != nil {
		return err
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("cannot write %s: it is a folder: add a file name", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return model.WriteError(path, err) // not the temporary file's name: the user never typed it
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	err = tmp.Chmod(0o600)
	if err == nil {
		err = write(tmp)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
