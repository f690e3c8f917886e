package imports

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"clientele/model"
	"clientele/tui/kit"
)

// labelWidth is the width of the facts' labels; factLines the most lines
// one fact takes, refusalLines the most a refusal takes (it may quote a
// long cell).
const (
	labelWidth   = 10
	factLines    = 3
	refusalLines = 5
)

// wrapAtMost wraps s to w in at most n lines, the last ending with what
// fits of the rest and an ellipsis.
func wrapAtMost(s string, w, n int) []string {
	lines := kit.Wrap(s, w)
	if len(lines) <= n {
		return lines
	}
	return append(lines[:n-1], kit.TruncateWords(strings.Join(lines[n-1:], " "), w))
}

// column is a column of the sample table and the text of its cells.
type column struct {
	kit.Column
	cell func(s model.ImportSample) string
}

// cellAt returns cell i of a sample, "" when it has none.
func cellAt(i int) func(model.ImportSample) string {
	return func(s model.ImportSample) string {
		if i < len(s.Cells) {
			return s.Cells[i]
		}
		return ""
	}
}

// sampleColumns lays out the table of the first records: the line, the
// outcome and the id, then the importer's cells, each at a width that
// suits what it holds; a wider terminal shows more of them.
func sampleColumns(names []string) []column {
	cols := []column{
		{kit.Column{Title: "line", Width: 5, Right: true}, func(s model.ImportSample) string { return model.Commas(s.Line) }},
		{kit.Column{Title: "outcome", Width: 9, Flex: 1, Max: 24}, func(s model.ImportSample) string { return s.Outcome }},
		{kit.Column{Title: "id", Width: 6, Flex: 1, Max: 14, From: 100}, func(s model.ImportSample) string { return s.ID }},
	}
	for i, n := range names {
		c := kit.Column{Title: n, Width: 8, Flex: 1}
		cell := cellAt(i)
		switch n {
		case "date":
			day := func(s model.ImportSample) string { return strings.SplitN(cell(s), " ", 2)[0] }
			cols = append(cols, column{kit.Column{Title: n, Width: 10, Below: 110}, day})
			c = kit.Column{Title: n, Width: 16, From: 110}
		case "amount":
			c = kit.Column{Title: n, Width: 10, Right: true}
		case "lines":
			c = kit.Column{Title: n, Width: 5, Right: true, From: 90}
		case "kind":
			c = kit.Column{Title: n, Width: 6, From: 100}
		case "customer", "name", "first line":
			c = kit.Column{Title: n, Width: 10, Flex: 2}
		case "email":
			c = kit.Column{Title: n, Width: 10, Flex: 2, From: 70}
		case "phone":
			c = kit.Column{Title: n, Width: 14, From: 95}
		case "company":
			c.From = 110
		case "segments":
			c.From = 125
		case "notes":
			c.From = 135
		}
		cols = append(cols, column{c, cell})
	}
	return cols
}

// sampleRows are the records the table lists, in the file's order: the
// first ones, and the orders left alone as edited here that are not
// among them.
func (p *preview) sampleRows() []model.ImportSample {
	rows := slices.Clone(p.pv.Samples)
	for _, c := range p.pv.Conflicts {
		if !slices.ContainsFunc(rows, func(s model.ImportSample) bool { return s.Line == c.Line }) {
			rows = append(rows, c)
		}
	}
	// The importer keeps orders as their groups close, which for rows
	// apart is not the file's order: the table is.
	slices.SortStableFunc(rows, func(a, b model.ImportSample) int { return a.Line - b.Line })
	return rows
}

// layout builds the table for what the preview shows at its size, the
// cursor kept.
func (p *preview) layout() {
	cursor := p.table.Cursor()
	p.tableOf = sampleColumns(p.pv.Columns)
	cols := make([]kit.Column, len(p.tableOf))
	for i, c := range p.tableOf {
		cols[i] = c.Column
	}
	p.table = kit.NewTable(cols...)
	p.table.SetLen(len(p.sampleRows()))
	p.table.SetSize(max(p.w, 1), max(p.h-len(p.head(p.w))-len(p.facts(p.w))-4, 2))
	p.table.SetCursor(cursor)
}

// View implements kit.Screen.
func (p *preview) View() string {
	w := max(p.w, 1)
	st := p.com.Styles
	lines := p.head(w)
	switch p.phase {
	case reading:
		lines = append(lines, st.Accent.Render(kit.Truncate("Reading the file…"+rowsRead(p.rows), w)))
		lines = append(lines, kit.Wrap("Nothing is written while it is read. esc stops.", w)...)
		return strings.Join(lines, "\n")
	case imported:
		all := p.resultLines(w)
		room := max(p.h-len(lines), 1)
		p.scroll = max(0, min(p.scroll, len(all)-room))
		return strings.Join(append(lines, all[p.scroll:min(len(all), p.scroll+room)]...), "\n")
	case importing:
		text := "Importing…" + rowsRead(p.rows) + " (one transaction: all or nothing; esc stops)"
		if p.stopping {
			text = "Stopping: nothing will be written…"
		}
		lines = append(lines, kit.Truncate(st.Accent.Render(text), w))
	}
	if p.failed != nil {
		for _, l := range wrapAtMost("✗ Not imported: "+kit.ErrorText(p.failed)+". Nothing was written.", w, refusalLines) {
			lines = append(lines, st.Bad.Render(l))
		}
	}
	lines = append(lines, p.facts(w)...)
	if p.err != nil {
		return strings.Join(lines, "\n")
	}
	rows := p.sampleRows()
	lines = append(lines, "")
	if len(rows) == 0 {
		lines = append(lines, st.Muted.Render(kit.Truncate("The file has no records to import.", w)))
		return strings.Join(lines, "\n")
	}
	what := "customers"
	if slices.Contains(p.pv.Columns, "customer") {
		what = "orders"
	}
	lines = append(lines, kit.Truncate(st.Section.Render("The first "+what+" as they will be stored"), w))
	lines = append(lines, p.table.View(&st, func(i int) []kit.Cell {
		cells := make([]kit.Cell, len(p.tableOf))
		for j, c := range p.tableOf {
			cells[j] = kit.Cell{Text: c.cell(rows[i])}
			if j == 1 && strings.HasPrefix(rows[i].Outcome, "conflict") {
				cells[j].Style = &st.Warn
			}
		}
		return cells
	}, nil))
	if i := p.table.Cursor(); i < len(rows) {
		words := kit.WrapParts(p.sampleWords(rows[i]), w)
		for _, l := range words[:min(2, len(words))] {
			lines = append(lines, st.Muted.Render(l))
		}
	}
	return strings.Join(lines, "\n")
}

// head is the title and the file's path.
func (p *preview) head(w int) []string {
	st := p.com.Styles
	return []string{kit.Truncate(st.Title.Render("Import "+kit.Clean(filepath.Base(p.path))), w),
		kit.Truncate(st.Muted.Render(kit.Clean(shown(p.path))), w), ""}
}

// rowsRead says how far a read has come, after a space; nothing before
// the first count.
func rowsRead(n int) string {
	if n == 0 {
		return ""
	}
	return " " + model.Plural(n, "row", "rows")
}

// sampleWords are every cell of a record, named, for the line under the
// table (cells are cut in the table).
func (p *preview) sampleWords(s model.ImportSample) []string {
	parts := []string{"line " + model.Commas(s.Line), s.Outcome}
	if s.ID != "" {
		parts = append(parts, "id "+s.ID)
	}
	for i, c := range s.Cells {
		if c != "" && i < len(p.pv.Columns) {
			parts = append(parts, p.pv.Columns[i]+" "+c)
		}
	}
	return parts
}

// facts are the lines that say how the file is read and what it will do:
// what a refused file was read as and why it is refused, with the
// choices that may read it.
func (p *preview) facts(w int) []string {
	if p.phase == reading || p.phase == imported {
		return nil
	}
	st := p.com.Styles
	sum := p.pv.Summary
	var out []string
	// line gives a fact its label, and the hint of the key that changes
	// it when there is room; a long value wraps under itself, in at most
	// factLines lines.
	line := func(label, value, hint string) {
		l := st.Label.Render(fmt.Sprintf("%-*s", labelWidth, label))
		room := w - labelWidth
		v := kit.Clean(value)
		if hint != "" && kit.Width(v)+2+kit.Width(hint) <= room {
			out = append(out, l+v+"  "+st.Muted.Render(hint))
			return
		}
		if room < 10 {
			out = append(out, kit.Truncate(l+v, w))
			return
		}
		for i, part := range wrapAtMost(v, room, factLines) {
			if i > 0 {
				l = strings.Repeat(" ", labelWidth)
			}
			out = append(out, kit.Truncate(l+part, w))
		}
	}
	format := p.pv.Label
	if p.pv.Mapping != "" || p.opt.Columns != "" {
		format += ", with your columns"
	}
	formatHint := ""
	if _, ok := p.nextFormat(); ok {
		formatHint = "f: " + model.Plural(len(p.formats)-1, "other format fits", "other formats fit")
	}
	if format != "" {
		line("Format", format, formatHint)
	}
	if sum.Encoding != "" {
		read := sum.Encoding
		if p.opt.Encoding != "" {
			read += " (chosen)"
		}
		if sum.Separator != "" {
			read += ", " + sum.Separator + "-separated"
		}
		line("Read as", read, "e: encoding")
	}
	if p.err != nil {
		return append(out, p.refusal(w)...)
	}
	dates := "none in the file"
	if sum.DateOrder != "" {
		dates = sum.DateOrder
		if sum.DateWhy != "" {
			dates += ": " + sum.DateWhy
		}
	}
	datesHint := ""
	if p.pv.DatesEitherWay {
		datesHint = "d: day/month"
	}
	line("Dates", dates, datesHint)
	currency := sum.Currency
	switch book := p.com.Settings.Currency; {
	case currency == "":
		currency = "none named: the book's (" + book + ")"
	case currency != book:
		currency += ": the book takes it (it holds no orders yet; it was " + book + ")"
	}
	line("Currency", currency, "")
	line("Adds", adds(sum), "")
	if sum.Changed > 0 {
		line("Replaces", model.Plural(sum.Changed, "order", "orders")+" changed in the file since "+
			model.Noun(sum.Changed, "its", "their")+" import", "")
	}
	if skips := skipped(sum); skips != "" {
		line("Skips", skips, "")
	}
	if sum.CutShort != "" {
		for i, l := range kit.Wrap("The file looks cut short: "+sum.CutShort, max(w-labelWidth, 1)) {
			label := ""
			if i == 0 {
				label = "Warning"
			}
			if i == 2 {
				break
			}
			out = append(out, st.Warn.Render(fmt.Sprintf("%-*s", labelWidth, label)+l))
		}
	}
	if n := len(sum.Kept); n > 0 {
		line("Kept", model.Plural(n, "optional field did", "optional fields did")+" not read, kept in notes: "+
			strings.Join(sum.Kept, "; "), "")
	}
	return out
}

// refusal says why the file is refused, and what would read it.
func (p *preview) refusal(w int) []string {
	st := p.com.Styles
	var out []string
	for _, l := range wrapAtMost("✗ "+kit.ErrorText(p.err), w, refusalLines) {
		out = append(out, st.Bad.Render(l))
	}
	k := func(b string, what string) {
		out = append(out, kit.Truncate(st.Key.Render(b)+"  "+what, w))
	}
	out = append(out, "")
	if len(p.pv.Header) > 0 {
		k(p.keys.Columns.Help().Key, "say which of its columns holds what")
	}
	if _, ok := p.nextFormat(); ok {
		k(p.keys.Format.Help().Key, "read it as another format: "+kit.Clean(strings.Join(p.formats, ", ")))
	}
	if p.pv.DatesEitherWay {
		k(p.keys.Dates.Help().Key, "read its dates day first, or month first")
	}
	k(p.keys.Encoding.Help().Key, "read it in another encoding")
	return out
}

// adds says what will be added.
func adds(s model.ImportSummary) string {
	var parts []string
	if s.Orders > 0 {
		o := model.Plural(s.Orders, "order", "orders")
		if s.Lines > 0 {
			o += " (" + model.Plural(s.Lines, "line", "lines")
			if s.Unattributed > 0 {
				o += ", " + model.Commas(s.Unattributed) + " with no customer"
			}
			o += ")"
		}
		parts = append(parts, o)
	}
	for _, c := range []struct {
		n   int
		one string
	}{{s.Customers, "customer"}, {s.Offerings, "offering"}, {s.Costs, "cost"}} {
		if c.n > 0 {
			parts = append(parts, model.Plural(c.n, c.one, c.one+"s"))
		}
	}
	if len(parts) == 0 {
		return "nothing new"
	}
	return strings.Join(parts, ", ")
}

// skipped says what will be left alone, by reason.
func skipped(s model.ImportSummary) string {
	var parts []string
	if s.Skipped > 0 {
		parts = append(parts, model.Commas(s.Skipped)+" already imported")
	}
	if s.Conflicts > 0 {
		parts = append(parts, model.Plural(s.Conflicts, "order", "orders")+" edited here since "+
			model.Noun(s.Conflicts, "its", "their")+" import (conflict)")
	}
	for _, k := range slices.Sorted(maps.Keys(s.Ignored)) {
		parts = append(parts, model.Commas(s.Ignored[k])+" "+k)
	}
	return strings.Join(parts, " · ")
}

// resultLines say what the import did, whole, for any width.
func (p *preview) resultLines(w int) []string {
	st := p.com.Styles
	sum := p.result.Summary
	var out []string
	for _, l := range kit.Wrap("✓ "+sum.String(), w) {
		out = append(out, st.Good.Render(l))
	}
	if details := sum.Details(); len(details) > 0 {
		out = append(out, "")
		for _, d := range details {
			out = append(out, kit.Wrap(d, w)...)
		}
	}
	out = append(out, "")
	for _, l := range kit.Wrap("enter: back to the customer list. The import is one change of the book's history: u "+
		"(or clientele undo) takes it back whole.", w) {
		out = append(out, st.Muted.Render(l))
	}
	return out
}
