package kit

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Column describes one column of a table.
type Column struct {
	Title string
	Width int  // fixed width; the minimum when Flex > 0
	Flex  int  // share of the width left after fixed columns
	Max   int  // the most a flex column grows to; 0 for no limit
	Right bool // right-aligned (numbers, money)
	// Lend gives the width a row's text leaves unused in this column to
	// the column before it, in that row: a short contact lets a long
	// reason show whole. Lend with Right, so the columns still line up.
	Lend bool
	// The column is shown only when the table is at least From columns
	// wide, or narrower than Below (0: always): a wide layout and its
	// narrow stand-in.
	From, Below int
}

// Cell is one table cell: its text, and a style for rows that are not
// under the cursor (the cursor row is drawn in one style so its background
// runs unbroken).
type Cell struct {
	Text  string
	Style *lipgloss.Style
}

// Table is a cursor over n rows that draws only the rows on screen. It
// holds no rows itself: View asks for the visible ones, so the same table
// serves a slice in memory and a window paged from the database.
type Table struct {
	cols   []Column
	widths []int
	width  int
	height int // rows shown, not counting the header
	n      int
	cursor int
	top    int
	header string // cached, rebuilt by SetSize
	needs  []int  // each column's widest text, from Fit; nil: not measured
	// blurred: another table on the page has the keys, so this one draws
	// no cursor (SetBlurred).
	blurred bool
	// overflow, when set, is how many columns row i's last column may run
	// on past the table's width (SetOverflow).
	overflow func(i int) int

	// With CacheRows, the rows drawn away from the cursor, by index, until
	// Forget, SetSize or SetLen.
	caching bool
	rows    map[int]string
}

// gutter is the space between columns and before the first.
const gutter = 1

// NewTable is a table of the columns given, sized by SetSize.
func NewTable(cols ...Column) Table { return Table{cols: cols} }

// SetSize fits the table to w columns and h lines, header included.
func (t *Table) SetSize(w, h int) {
	t.width, t.height = w, max(h-1, 1)
	t.widths = layoutColumns(t.cols, w-2) // two columns for the cursor mark
	if t.needs != nil {
		fitNeeds(t.cols, t.widths, t.needs, w-2)
	}
	t.clamp()
	t.header = ""
	t.Forget()
}

// CacheRows makes View keep every row it draws away from the cursor and
// draw it again from there, so that a key press draws one or two rows, not
// a screenful. The screen calls Forget when what its rows show changes.
func (t *Table) CacheRows() { t.caching = true }

// Forget drops the rows kept by CacheRows.
func (t *Table) Forget() { clear(t.rows) }

// layoutColumns shares width w among the columns: fixed ones first, the
// rest to flex columns by weight; columns that do not fit get width 0.
func layoutColumns(cols []Column, w int) []int {
	widths := make([]int, len(cols))
	left := w
	flexTotal := 0
	for i, c := range cols {
		need := c.Width + gutter
		if i == 0 {
			need = c.Width
		}
		if left < need || w < c.From || c.Below > 0 && w >= c.Below {
			continue
		}
		widths[i] = c.Width
		left -= need
		flexTotal += c.Flex
	}
	for pass := 0; pass < 2 && left > 0 && flexTotal > 0; pass++ {
		share := left
		spent := 0
		for i, c := range cols {
			if c.Flex == 0 || widths[i] == 0 {
				continue
			}
			add := share * c.Flex / flexTotal
			if c.Max > 0 && widths[i]+add > c.Max {
				add = max(c.Max-widths[i], 0)
			}
			widths[i] += add
			spent += add
		}
		left -= spent
		if spent == 0 {
			break
		}
	}
	return widths
}

// Fit measures every row's cells (and the titles) and lays the columns
// out again so that width a column does not need goes to a column whose
// text would be cut: on a wide terminal the reasons, emails and names are
// shown whole rather than cut beside blank columns. A screen calls it
// after SetLen when its rows are in memory.
func (t *Table) Fit(cells func(i int) []Cell) {
	needs := make([]int, len(t.cols))
	for i, c := range t.cols {
		needs[i] = ansi.StringWidth(c.Title)
	}
	for i := range min(t.n, maxMeasured) {
		for j, c := range cells(i) {
			if j < len(needs) {
				needs[j] = max(needs[j], ansi.StringWidth(Clean(c.Text)))
			}
		}
	}
	t.needs = needs
	if t.width > 0 {
		t.SetSize(t.width, t.height+1)
	}
}

// maxMeasured is the most rows Fit reads: a screen's rows in memory are
// fewer; past it, the widest of the first ones stands for the rest.
const maxMeasured = 2000

// fitNeeds lays the columns shown out again when a text would be cut
// while another column holds width its text does not need (needs: each
// column's widest text). Every column starts at its minimum; the width
// left rises like water among the columns still short of their text, so
// the shorter needs are met whole and the longest texts share what
// remains. A column may grow past its Max: Max keeps a table tidy, and a
// cut text beside blank columns is worse. Width still left when every
// text fits goes to the flex columns as before.
func fitNeeds(cols []Column, widths, needs []int, w int) {
	var open []int
	left := w + gutter
	for i, x := range widths {
		if x == 0 {
			continue
		}
		left -= gutter
		if needs[i] > x {
			open = append(open, i) // cut as laid out
		}
	}
	if len(open) == 0 {
		return
	}
	open = open[:0]
	for i, x := range widths {
		if x == 0 {
			continue
		}
		widths[i] = max(cols[i].Width, 1)
		left -= widths[i]
		if needs[i] > widths[i] {
			open = append(open, i)
		}
	}
	for left > 0 && len(open) > 0 {
		share := max(left/len(open), 1)
		still := open[:0]
		for _, i := range open {
			add := min(share, needs[i]-widths[i], left)
			widths[i] += add
			left -= add
			if widths[i] < needs[i] {
				still = append(still, i)
			}
		}
		open = still
	}
	flexTotal := 0
	for i, c := range cols {
		if widths[i] > 0 {
			flexTotal += c.Flex
		}
	}
	if left <= 0 || flexTotal == 0 {
		return
	}
	share := left
	for i, c := range cols {
		if c.Flex == 0 || widths[i] == 0 {
			continue
		}
		add := share * c.Flex / flexTotal
		if c.Max > 0 {
			add = min(add, max(c.Max-widths[i], 0))
		}
		widths[i] += add
	}
}

// SetLen sets the number of rows and keeps the cursor on one of them.
func (t *Table) SetLen(n int) {
	t.n = n
	t.clamp()
	t.Forget()
}

// SetBlurred says whether another table on the page has the keys: a
// blurred table draws no cursor, so only the list the keys move shows one.
func (t *Table) SetBlurred(b bool) { t.blurred = b }

// Len is the number of rows.
func (t *Table) Len() int { return t.n }

// Cursor is the index of the row under the cursor.
func (t *Table) Cursor() int { return t.cursor }

// SetCursor moves the cursor to row i, scrolling it into view.
func (t *Table) SetCursor(i int) {
	t.cursor = i
	t.clamp()
}

// Move moves the cursor by d rows.
func (t *Table) Move(d int) { t.SetCursor(t.cursor + d) }

// Scroll moves the view by d rows, dragging the cursor along when it would
// leave the screen (the mouse wheel).
func (t *Table) Scroll(d int) {
	t.top = max(0, min(t.top+d, t.n-t.height))
	if t.cursor < t.top {
		t.cursor = t.top
	}
	if t.cursor >= t.top+t.height {
		t.cursor = t.top + t.height - 1
	}
	t.clamp()
}

func (t *Table) clamp() {
	t.cursor = max(0, min(t.cursor, t.n-1))
	if t.cursor < t.top {
		t.top = t.cursor
	}
	if t.cursor >= t.top+t.height {
		t.top = t.cursor - t.height + 1
	}
	t.top = max(0, min(t.top, t.n-t.height))
}

// Visible returns the rows on screen, [from, to).
func (t *Table) Visible() (from, to int) { return t.top, min(t.top+t.height, t.n) }

// RowAt returns the row drawn y lines below the table's top (the header is
// line 0).
func (t *Table) RowAt(y int) (int, bool) {
	i := t.top + y - 1
	if y < 1 || i >= t.n || y > t.height {
		return 0, false
	}
	return i, true
}

// HandleKey moves the cursor for the list keys and reports whether msg
// was one of them.
func (t *Table) HandleKey(k ListKeys, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.Up):
		t.Move(-1)
	case key.Matches(msg, k.Down):
		t.Move(1)
	case key.Matches(msg, k.PageUp):
		t.Move(-t.height)
	case key.Matches(msg, k.PageDown):
		t.Move(t.height)
	case key.Matches(msg, k.Top):
		t.SetCursor(0)
	case key.Matches(msg, k.Bottom):
		t.SetCursor(t.n - 1)
	default:
		return false
	}
	return true
}

// HandleMouse scrolls on the wheel and selects on a click; y is relative
// to the table's top line. It reports whether the cursor row was clicked
// again (a double action such as open).
func (t *Table) HandleMouse(msg tea.MouseMsg, y int) (clickedCursor bool) {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			t.Scroll(-3)
		case tea.MouseWheelDown:
			t.Scroll(3)
		}
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft {
			return false
		}
		if i, ok := t.RowAt(y); ok {
			again := i == t.cursor
			t.SetCursor(i)
			return again
		}
	}
	return false
}

// View draws the header and the visible rows. cells returns row i's cells;
// marked reports rows marked for a bulk action (nil for none).
func (t *Table) View(st *Styles, cells func(i int) []Cell, marked func(i int) bool) string {
	var b strings.Builder
	if t.header == "" {
		var h strings.Builder
		h.WriteString("  ")
		for i, c := range t.cols {
			if t.widths[i] == 0 {
				continue
			}
			if h.Len() > 2 {
				h.WriteString(" ")
			}
			h.WriteString(FitCell(c.Title, t.widths[i], c.Right))
		}
		t.header = st.ColHead.Render(h.String())
	}
	b.WriteString(t.header)
	from, to := t.Visible()
	var row strings.Builder
	for i := from; i < to; i++ {
		b.WriteByte('\n')
		selected := i == t.cursor && !t.blurred
		mark := "  "
		if marked != nil && marked(i) {
			mark = "● "
		}
		if line, ok := t.rows[i]; ok && !selected && mark == "  " {
			b.WriteString(line)
			continue
		}
		cs := cells(i)
		row.Reset()
		first := true
		for j, c := range t.cols {
			w := t.widths[j]
			if w == 0 {
				continue
			}
			w += t.lent(j, cs)
			if t.overflow != nil && t.lastShown(j) {
				w += t.overflow(i)
			}
			if c.Lend && j < len(cs) {
				w = min(w, ansi.StringWidth(Clean(cs[j].Text)))
			}
			if !first {
				row.WriteByte(' ')
			}
			first = false
			text := ""
			var style *lipgloss.Style
			if j < len(cs) {
				text, style = cs[j].Text, cs[j].Style
			}
			s := FitCell(text, w, c.Right)
			if style != nil && !selected {
				s = style.Render(s)
			}
			row.WriteString(s)
		}
		line := row.String()
		switch {
		case selected && mark != "  ":
			b.WriteString(st.Selected.Render("▸●" + line)) // the cursor on a marked row keeps its mark
		case selected:
			b.WriteString(st.Selected.Render("▸ " + line))
		case mark != "  ":
			b.WriteString(st.Marked.Render(mark) + line)
		default:
			b.WriteString(mark + line)
			if t.caching {
				if t.rows == nil {
					t.rows = map[int]string{}
				}
				t.rows[i] = mark + line
			}
		}
	}
	return b.String()
}

// SetOverflow lets row i's last column run on past the table's width by
// f(i) columns: a page that knows the space beside a row is blank lends
// it to the text there. nil ends it. Rows kept by CacheRows are drawn
// again only after Forget.
func (t *Table) SetOverflow(f func(i int) int) { t.overflow = f }

// lastShown reports whether column j is the last one drawn.
func (t *Table) lastShown(j int) bool {
	for k := j + 1; k < len(t.widths); k++ {
		if t.widths[k] > 0 {
			return false
		}
	}
	return true
}

// lent is the width the column after j leaves unused in a row of cells
// and lends to j (Column.Lend).
func (t *Table) lent(j int, cs []Cell) int {
	for k := j + 1; k < len(t.cols); k++ {
		if t.widths[k] == 0 {
			continue
		}
		if !t.cols[k].Lend || k >= len(cs) {
			return 0
		}
		return max(t.widths[k]-ansi.StringWidth(Clean(cs[k].Text)), 0)
	}
	return 0
}

// NeedsWindow reports whether the rows on screen, or the next screenful
// either way, fall outside the loaded window [offset, offset+n).
func (t *Table) NeedsWindow(offset, n int) bool {
	from, to := t.Visible()
	margin := to - from
	end := offset + n
	needLow := from < offset || (from-margin < offset && offset > 0)
	needHigh := to > end || (to+margin > end && end < t.Len())
	return needLow || needHigh
}

// WindowStart is where a new window starts: a third of a window above the
// top row on screen, so scrolling either way seldom waits.
func (t *Table) WindowStart() int {
	from, _ := t.Visible()
	return max(0, from-WindowRows/3)
}

// WindowRows is how many rows one load of a paged list reads: a few
// screens, so that scrolling seldom waits and never reads the whole table.
const WindowRows = 240

// Height is the number of rows shown, not counting the header.
func (t *Table) Height() int { return t.height }

// Columns are the table's columns.
func (t *Table) Columns() []Column { return t.cols }

// ColumnWidth is the width column i is drawn at; 0 when it is hidden.
func (t *Table) ColumnWidth(i int) int { return t.widths[i] }
