// Package importer reads the files a solo business already has (its shop's
// orders, its payments, its contacts) into the store, exactly or not at
// all. Every import is one transaction through store.DB.Load: a bad line
// stops it with "line N, column X: why" and nothing is written.
//
// A file is read in two passes. The first finds how it is written (its
// encoding, separator and date order, from all its values) and which
// orders have rows apart from each other; the second reads each order's
// rows as one group, wherever they are: rows of an order that lie together
// are read as they come, the others are set aside in a temporary table
// and read, grouped, at the end. Memory stays flat with the size of the
// file.
//
// Re-imports are exact: an order keeps the fingerprint of what its import
// wrote (store.StoredOrder); the same order read again is skipped when the
// file has not changed, replaced when it has ("changed"), and left alone
// when it was edited here since ("conflict").
//
// Plan reads a file and says what it would do (a Preview) without
// writing; Apply does it. The TUI shows the first and runs the second.
package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"clientele/model"
	"clientele/store"
)

// Options tune an import (model.ImportOptions).
type Options = model.ImportOptions

// Preview is what an import does or would do (model.ImportPreview).
type Preview = model.ImportPreview

// Sample is one order or customer as the import stores it.
type Sample = model.ImportSample

// previewRows is how many of a file's first rows a preview keeps as
// written, for a column mapping's samples.
const previewRows = 5

// progressEvery is how many rows pass between progress calls.
const progressEvery = 8192

// LineError is a bad line: where it is and what is wrong with it.
type LineError struct {
	Line   int    // the line of the file, 1 for the header
	Column string // the column's name in the header, "" for the whole line
	Err    error
}

// Error implements error: "line 42, column UnitPrice: amount "1,5O" is not a number".
func (e *LineError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d, column %s: %v", e.Line, e.Column, e.Err)
}

// Unwrap returns the cause.
func (e *LineError) Unwrap() error { return e.Err }

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// Plan reads the file at path and says what importing it would do,
// writing nothing.
func Plan(ctx context.Context, db *store.DB, path string, opt Options) (Preview, error) {
	opt.DryRun = true
	return runImport(ctx, db, path, nil, opt)
}

// Apply imports the file at path (a dry run when opt.DryRun).
func Apply(ctx context.Context, db *store.DB, path string, opt Options) (Preview, error) {
	return runImport(ctx, db, path, nil, opt)
}

// For is the importer of db as the interface's import screens call it.
func For(db *store.DB) model.Importer { return book{db} }

// book is For's importer.
type book struct{ db *store.DB }

func (b book) Plan(ctx context.Context, path string, opt Options) (Preview, error) {
	return Plan(ctx, b.db, path, opt)
}

func (b book) Apply(ctx context.Context, path string, opt Options) (Preview, error) {
	return Apply(ctx, b.db, path, opt)
}

func (book) Formats() []model.ImportFormat {
	out := make([]model.ImportFormat, len(formats))
	for i, f := range formats {
		out[i] = model.ImportFormat{Name: f.name, Label: f.label}
	}
	return out
}

func (book) Encodings() []string { return slices.Clone(Encodings) }

func (book) Fields() []model.ImportField { return slices.Clone(fields) }

// ImportFile imports the file at path and returns the summary.
func ImportFile(ctx context.Context, db *store.DB, path string, opt Options) (model.ImportSummary, error) {
	p, err := runImport(ctx, db, path, nil, opt)
	return p.Summary, err
}

// Import reads a file from r and adds what it holds to db in one
// transaction; nothing is written unless every line reads.
func Import(ctx context.Context, db *store.DB, r io.Reader, opt Options) (model.ImportSummary, error) {
	p, err := runImport(ctx, db, "", r, opt)
	return p.Summary, err
}

// importGCPercent is the garbage collector's GOGC while a file is read:
// an import allocates hundreds of megabytes (a year's file, two passes)
// over a live heap of a few, which the default of 100 collected some 70
// times, a fifth of a second of collecting and write barriers on every
// record's fields. At 400 it collects 14 times, for about 13 MB more at
// the peak (a year's file in no order peaks at ~131 MB of the 150 MB
// budget).
const importGCPercent = 400

// raiseGCPercent sets the garbage collector's GOGC to at least p and
// returns what sets it back; a higher setting, or collection turned off
// (GOGC=off), is left as it is.
func raiseGCPercent(p int) (restore func()) {
	prev := debug.SetGCPercent(p)
	if prev < 0 || prev >= p {
		debug.SetGCPercent(prev)
		return func() {}
	}
	return func() { debug.SetGCPercent(prev) }
}

// fileError says why a file cannot be read, in words, without repeating
// its path: the command and the import prompt show the path beside it.
func fileError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("there is no such file")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("the file cannot be read (permission denied)")
	}
	return err
}

// open returns the file to read twice: the file at path, or r (read into
// memory when it cannot seek).
func open(path string, r io.Reader) (io.ReadSeeker, func(), error) {
	if path == "" {
		if rs, ok := r.(io.ReadSeeker); ok {
			return rs, func() {}, nil
		}
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, nil, err
		}
		return bytes.NewReader(b), func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fileError(err)
	}
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		f.Close()
		return nil, nil, errors.New("that is a folder, not a file to import")
	}
	return f, func() { f.Close() }, nil
}

// runImport is Plan and Apply.
func runImport(ctx context.Context, db *store.DB, path string, r io.Reader, opt Options) (Preview, error) {
	defer raiseGCPercent(importGCPercent)()
	pv := Preview{Summary: model.ImportSummary{DryRun: opt.DryRun}}
	// A book that cannot be written refuses before the file is read: a
	// plan is a load rolled back, and would be refused at its end.
	if err := db.ReadOnly(); err != nil {
		return pv, err
	}
	file, done, err := open(path, r)
	if err != nil {
		return pv, err
	}
	defer done()
	settings, err := db.Settings(ctx)
	if err != nil {
		return pv, err
	}
	asked := model.DateOrder("")
	if opt.DateOrder != "" {
		if asked, err = model.ParseDateOrder(opt.DateOrder); err != nil || asked == model.DateOrderISO {
			return pv, fmt.Errorf("--date-order %q is not dmy or mdy", opt.DateOrder)
		}
	}
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(file, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return pv, err
	}
	if looksLikeVCard(head[:n]) {
		return runVCard(ctx, db, file, head[:n], opt, settings)
	}
	lay, err := findLayout(head[:n], opt.Encoding)
	if err != nil {
		return pv, err
	}
	rewind := func() (*reader, error) {
		if _, err := file.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		return newReader(file, lay)
	}
	in, err := rewind()
	if err != nil {
		return pv, err
	}
	pv.Header = in.head.names
	pv.Rows = in.peek(previewRows)
	if in, err = rewind(); err != nil {
		return pv, err
	}
	f, alts, err := choose(ctx, db, &in.head, opt)
	pv.Alternatives, pv.Unmatched = alts, errors.Is(err, errUnmatched)
	if err != nil {
		return pv, err
	}
	pv.Label, pv.Mapping = f.label, in.head.mapping
	sum := &pv.Summary
	sum.Format, sum.Encoding, sum.Separator = f.name, lay.encoding, sepName(lay.sep)
	s := &session{ctx: ctx, db: db, sum: sum, pv: &pv, f: f, source: f.source(), opt: opt, settings: settings,
		nb: numbers{decimalComma: lay.sep == ';'}, samples: max(opt.Samples, 5), start: time.Now()}
	if opt.Samples < 0 {
		s.samples = 0
	}
	if err := s.prepare(in); err != nil {
		return pv, err
	}
	if err := s.scan(in); err != nil {
		return pv, err
	}
	s.dates, err = s.sniff.decide(asked, f.dates, settings.DateOrder, f.label)
	pv.DatesEitherWay = s.dates.eitherWay || errors.Is(err, errEitherWay)
	if err != nil {
		return pv, err
	}
	sum.DateOrder, sum.DateWhy = s.dates.name, s.dates.why
	// A file of orders from a source the book has none of only adds
	// records: it loads without foreign keys, proving its references
	// itself (store.LoadNew).
	load := db.Load
	if s.of != nil {
		known, err := db.HasOrders(ctx, s.source)
		if err != nil {
			return pv, err
		}
		if !known {
			load = db.LoadNew
		}
	}
	err = load(ctx, func(l *store.Loader) error {
		s.l = l
		in, err := rewind()
		if err != nil {
			return err
		}
		if err := s.read(in); err != nil {
			return err
		}
		if opt.Progress != nil {
			opt.Progress(sum.Rows, time.Since(s.start))
		}
		if opt.DryRun {
			return errDryRun
		}
		if err := l.Describe(historyWords(*sum, path)); err != nil {
			return err
		}
		if s.mapping != "" {
			return l.SaveColumnMap(in.head.names, s.mapping)
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return Preview{Summary: model.ImportSummary{Format: f.name, DryRun: opt.DryRun}, Label: f.label,
			Header: pv.Header, Rows: pv.Rows, Alternatives: alts, Mapping: pv.Mapping,
			DatesEitherWay: pv.DatesEitherWay}, err
	}
	return pv, nil
}

// field returns rec[i] trimmed, or "" when the column is absent (i < 0).
func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// historyWords is what an import is in the history: its summary, and the
// file it read.
func historyWords(sum model.ImportSummary, path string) string {
	s := strings.TrimSuffix(sum.String(), ".")
	if path != "" && path != "-" {
		s += " (" + filepath.Base(path) + ")"
	}
	return s
}
