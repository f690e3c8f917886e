package imports

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// phase is where a preview is: reading the file, showing what it would
// do, importing it, or showing what it did.
type phase int

const (
	reading phase = iota
	ready
	importing
	imported
)

// previewSamples is how many of the first records a preview asks for;
// the table shows as many as the terminal has room for.
const previewSamples = 40

// preview shows what a file will do before anything is written: the
// format found (f goes through the others its header fits), how it is
// read (e the encoding, d the order of day and month when every date
// reads either way, m which column holds what), what will be added,
// changed and skipped, the warnings, and the first records as they will
// be stored. enter imports, in one transaction; esc leaves the book as it
// was. Reading and importing run in the background with the rows read so
// far on screen.
type preview struct {
	com   *kit.Context
	store model.SettingsStore
	keys  PreviewKeys
	path  string
	opt   model.ImportOptions
	w, h  int

	phase    phase
	job      *job
	rows     int // read so far
	pv       model.ImportPreview
	err      error // why the file is refused
	failed   error // why the last import was not done
	stopping bool  // esc was pressed while importing
	result   model.ImportPreview
	formats  []string // what f goes through: the format first found, then the others the header fits
	mapped   bool     // the column mapping opened by itself once
	covered  bool     // the column mapping is over the preview
	table    kit.Table
	tableOf  []column // the table's columns, and where each cell comes from
	scroll   int      // the first line shown of what was imported
}

func newPreview(com *kit.Context, store model.SettingsStore, path string) *preview {
	return &preview{com: com, store: store, keys: DefaultPreviewKeys(), path: path,
		opt: model.ImportOptions{Samples: previewSamples}}
}

// Title implements kit.Screen.
func (p *preview) Title() string { return "Preview" }

// Init reads the file.
func (p *preview) Init() tea.Cmd { return p.plan() }

// SetSize implements kit.Screen.
func (p *preview) SetSize(w, h int) {
	p.w, p.h = w, h
	p.layout()
}

// plan reads the file again with the options as they are now.
func (p *preview) plan() tea.Cmd {
	p.job.stop()
	p.phase, p.rows, p.failed = reading, 0, nil
	var cmd tea.Cmd
	p.job, cmd = start(p.com.Import, p.path, p.opt, false)
	return cmd
}

// Update implements kit.Screen.
func (p *preview) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case progressMsg:
		if msg.j != p.job {
			return nil
		}
		p.rows = msg.rows
		return msg.j.next
	case doneMsg:
		if msg.j != p.job {
			return nil
		}
		p.job = nil
		if p.phase == importing {
			return p.importDone(msg)
		}
		return p.planned(msg)
	case kit.DataChangedMsg:
		return p.changed()
	case columnsMsg:
		if msg.p != p {
			return nil
		}
		p.opt.Columns, p.opt.Format = msg.columns, msg.kind
		return p.plan()
	case tea.KeyPressMsg:
		switch p.phase {
		case ready:
			return p.key(msg)
		case imported:
			return p.scrollKey(msg)
		}
	}
	return nil
}

// planned shows what the file would do, or why it is refused; a header
// that matches no format opens the column mapping the first time.
func (p *preview) planned(d doneMsg) tea.Cmd {
	p.phase, p.pv, p.err = ready, d.pv, d.err
	if p.formats == nil && p.opt.Columns == "" && d.pv.Mapping == "" {
		if f := d.pv.Summary.Format; f != "" && d.err == nil {
			p.formats = append([]string{f}, d.pv.Alternatives...)
		} else if len(d.pv.Alternatives) > 1 {
			p.formats = slices.Clone(d.pv.Alternatives) // a header that fits these equally
		}
	}
	p.layout()
	if d.err != nil && d.pv.Unmatched && !p.mapped {
		p.mapped = true
		return p.openMapping()
	}
	if d.err != nil {
		return func() tea.Msg {
			return kit.ErrMsg{Err: fmt.Errorf("cannot import %s: %w", filepath.Base(p.path), d.err)}
		}
	}
	return nil
}

// importDone shows what the import did; a failed or stopped import wrote
// nothing, and the preview stays.
func (p *preview) importDone(d doneMsg) tea.Cmd {
	stopped := p.stopping
	p.stopping = false
	if d.err != nil {
		p.phase, p.failed = ready, d.err
		if stopped && errors.Is(d.err, context.Canceled) {
			p.failed = errors.New("stopped")
			return kit.Status("Stopped: nothing was imported.")
		}
		return func() tea.Msg { return kit.ErrMsg{Err: fmt.Errorf("nothing was imported: %w", d.err)} }
	}
	p.phase, p.result, p.scroll = imported, d.pv, 0
	return tea.Batch(kit.Status("%s", d.pv.Summary.String()), kit.ReloadSettings(p.store))
}

// key answers the keys of a preview on screen.
func (p *preview) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Import):
		if p.err != nil {
			return nil
		}
		p.phase, p.rows, p.failed = importing, 0, nil
		var cmd tea.Cmd
		p.job, cmd = start(p.com.Import, p.path, p.opt, true)
		return cmd
	case key.Matches(msg, p.keys.Format):
		if next, ok := p.nextFormat(); ok {
			p.opt.Format = next
			return p.plan()
		}
	case key.Matches(msg, p.keys.Encoding):
		encs := append([]string{""}, p.com.Import.Encodings()...)
		i := slices.Index(encs, p.opt.Encoding)
		p.opt.Encoding = encs[(i+1)%len(encs)]
		return p.plan()
	case key.Matches(msg, p.keys.Dates):
		if p.pv.DatesEitherWay {
			p.opt.DateOrder = "dmy"
			if p.pv.Summary.DateOrder == "D/M/Y" {
				p.opt.DateOrder = "mdy"
			}
			return p.plan()
		}
	case key.Matches(msg, p.keys.Columns):
		if len(p.pv.Header) > 0 {
			return p.openMapping()
		}
	default:
		p.table.HandleKey(p.keys.ListKeys, msg)
	}
	return nil
}

// nextFormat is the format f goes to: the one after the format read, in
// the order first found.
func (p *preview) nextFormat() (string, bool) {
	if len(p.formats) < 2 || p.opt.Columns != "" {
		return "", false
	}
	cur := p.opt.Format
	if cur == "" {
		cur = p.pv.Summary.Format
	}
	return p.formats[(slices.Index(p.formats, cur)+1)%len(p.formats)], true
}

// openMapping asks which column holds what, starting from the columns the
// file was read with.
func (p *preview) openMapping() tea.Cmd {
	columns := p.opt.Columns
	if columns == "" {
		columns = p.pv.Mapping
	}
	m := newMapping(p, columns)
	p.covered = true
	return kit.Push(func() kit.Screen { return m })
}

// changed reads the file again when the book changed under the preview
// (u undid the import, or another change): what it would add, replace and
// skip may be other now. Coming back from the column mapping changes
// nothing of the book, and is not read again for itself.
func (p *preview) changed() tea.Cmd {
	if p.covered {
		p.covered = false
		return nil
	}
	switch p.phase {
	case reading, ready, imported:
		p.result = model.ImportPreview{}
		return p.plan()
	}
	return nil
}

// Undo implements kit.Undoer: while the file is read or imported, u and
// ctrl+z wait (the book's latest change would change what is read);
// otherwise they undo as anywhere, and the preview reads the file again.
func (p *preview) Undo(tea.KeyPressMsg) (bool, tea.Cmd) {
	switch p.phase {
	case reading:
		return true, kit.Status("Undo waits until the file is read (esc stops it).")
	case importing:
		return true, kit.Status("Undo waits until the import is done (esc stops it).")
	}
	return false, nil
}

// Back implements kit.Backer: esc stops a plan (and goes back to the
// path), asks an import to stop (it rolls back), and closes the import
// once it is done.
func (p *preview) Back() (bool, tea.Cmd) {
	switch p.phase {
	case importing:
		if !p.stopping {
			p.stopping = true
			p.job.stop()
		}
		return true, nil
	case imported:
		return true, p.close()
	}
	p.job.stop()
	return false, nil
}

// close leaves the import once done: the preview and the prompt under it
// close, and the status line says what was imported.
func (p *preview) close() tea.Cmd {
	said := kit.Status("%s", p.result.Summary.String())
	return tea.Sequence(kit.Back, func() tea.Msg { return kit.PopMsg{Then: said} })
}

// scrollKey moves through what was imported, or closes it.
func (p *preview) scrollKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Done):
		return p.close()
	case key.Matches(msg, p.keys.Up):
		p.scroll--
	case key.Matches(msg, p.keys.Down):
		p.scroll++
	case key.Matches(msg, p.keys.PageUp):
		p.scroll -= p.h - 2
	case key.Matches(msg, p.keys.PageDown):
		p.scroll += p.h - 2
	case key.Matches(msg, p.keys.Top):
		p.scroll = 0
	case key.Matches(msg, p.keys.Bottom):
		p.scroll = len(p.resultLines(p.w))
	}
	return nil
}

// WriteKeys implements kit.Writer: enter imports while a file that reads
// is shown (the root refuses it when the book cannot be written).
func (p *preview) WriteKeys() []key.Binding {
	if p.phase == ready && p.err == nil {
		return []key.Binding{p.keys.Import}
	}
	return nil
}

// ShortHelp implements help.KeyMap: the choices there are now.
func (p *preview) ShortHelp() []key.Binding {
	switch p.phase {
	case reading, importing:
		return nil // the screen says esc stops; the root's esc is in the line
	case imported:
		return []key.Binding{p.keys.Done, p.keys.Down, p.keys.Up}
	}
	var out []key.Binding
	if p.err == nil {
		out = append(out, p.keys.Import)
	}
	if p.err != nil && p.pv.Unmatched {
		out = append(out, p.keys.Columns)
	}
	if _, ok := p.nextFormat(); ok {
		out = append(out, p.keys.Format)
	}
	if p.pv.DatesEitherWay {
		out = append(out, p.keys.Dates)
	}
	out = append(out, p.keys.Encoding)
	if len(p.pv.Header) > 0 && !(p.err != nil && p.pv.Unmatched) {
		out = append(out, p.keys.Columns)
	}
	if p.err == nil && p.table.Len() > 1 {
		out = append(out, p.keys.Down, p.keys.Up)
	}
	return out
}

// FullHelp implements help.KeyMap.
func (p *preview) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{p.keys.Import, p.keys.Format, p.keys.Encoding, p.keys.Dates, p.keys.Columns},
		{p.keys.Up, p.keys.Down, p.keys.PageUp, p.keys.PageDown},
		{p.keys.Stop, p.keys.Done},
	}
}
