package imports

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// The kinds of file a column mapping reads (the importer's generic
// formats).
const (
	ordersKind    = "orders"
	customersKind = "customers"
)

// mapping asks which of a file's columns holds each field: each field of
// the kind of file (orders or customers) is given a column of the header
// or none, with the column's first values beside it. Every change reads
// the file again with the columns so far, and says what it would import
// or why not. enter takes the columns back to the preview, which imports
// with them and keeps them for the next file with this header.
type mapping struct {
	com    *kit.Context
	keys   MappingKeys
	owner  *preview
	header []string
	rows   [][]string
	kind   string
	chosen map[string]int // field → column, of either kind
	table  kit.Table
	w, h   int

	job      *job
	planning bool
	pv       model.ImportPreview
	err      error
	planned  bool // a plan has answered since the last change
}

// columnsMsg takes the columns chosen back to the preview.
type columnsMsg struct {
	p             *preview
	columns, kind string
}

// newMapping starts from the columns given (the ones the file was read
// with), else from the columns named as a field is.
func newMapping(owner *preview, columns string) *mapping {
	m := &mapping{com: owner.com, keys: DefaultMappingKeys(), owner: owner, header: owner.pv.Header,
		rows: owner.pv.Rows, kind: ordersKind, chosen: map[string]int{}}
	pairs, err := model.ParseColumns(columns)
	if err != nil || len(pairs) == 0 {
		for _, f := range m.com.Import.Fields() {
			if i := slices.IndexFunc(m.header, func(h string) bool { return kit.Fold(h) == f.Name }); i >= 0 {
				m.chosen[f.Name] = i
			}
		}
		if m.met(customersKind) == "" && m.met(ordersKind) != "" {
			m.kind = customersKind
		}
	} else {
		m.kind = customersKind
		for _, p := range pairs {
			if i := slices.IndexFunc(m.header, func(h string) bool { return strings.EqualFold(h, p.Column) }); i >= 0 {
				m.chosen[p.Field] = i
			}
			if p.Field == "date" || p.Field == "amount" || p.Field == "price" {
				m.kind = ordersKind
			}
		}
	}
	m.table = kit.NewTable(kit.Column{Title: "field", Width: 15}, kit.Column{Title: "column", Width: 10, Flex: 1, Max: 28},
		kit.Column{Title: "its first values", Width: 10, Flex: 2})
	m.table.SetLen(len(m.fields()))
	return m
}

// Title implements kit.Screen.
func (m *mapping) Title() string { return "Columns" }

// Init reads the file with the columns guessed, if they are enough.
func (m *mapping) Init() tea.Cmd { return m.plan() }

// SetSize implements kit.Screen.
func (m *mapping) SetSize(w, h int) {
	m.w, m.h = w, h
	m.table.SetSize(max(w, 1), max(h-len(m.top(w))-4, 2))
}

// fields are the fields of the kind of file chosen.
func (m *mapping) fields() []model.ImportField {
	var out []model.ImportField
	for _, f := range m.com.Import.Fields() {
		if f.Kind == m.kind {
			out = append(out, f)
		}
	}
	return out
}

// met says what the columns chosen lack for a kind of file ("a date"), ""
// when nothing.
func (m *mapping) met(kind string) string {
	needs := map[string]bool{}
	var order []string
	for _, f := range m.com.Import.Fields() {
		if f.Kind != kind || f.Need == "" {
			continue
		}
		if _, seen := needs[f.Need]; !seen {
			order = append(order, f.Need)
			needs[f.Need] = false
		}
		if _, ok := m.chosen[f.Name]; ok {
			needs[f.Need] = true
		}
	}
	var lack []string
	for _, n := range order {
		if !needs[n] {
			lack = append(lack, n)
		}
	}
	return strings.Join(lack, " and ")
}

// columns writes the columns chosen for the kind's fields, in the fields'
// order.
func (m *mapping) columns() string {
	var pairs []model.ColumnPair
	for _, f := range m.fields() {
		if i, ok := m.chosen[f.Name]; ok {
			pairs = append(pairs, model.ColumnPair{Field: f.Name, Column: m.header[i]})
		}
	}
	return model.FormatColumns(pairs)
}

// plan reads the file with the columns chosen, when they are enough.
func (m *mapping) plan() tea.Cmd {
	m.job.stop()
	m.job, m.planned, m.planning = nil, false, false
	if m.met(m.kind) != "" {
		return nil
	}
	opt := m.owner.opt
	opt.Columns, opt.Format, opt.Samples = m.columns(), m.kind, 1
	m.planning = true
	var cmd tea.Cmd
	m.job, cmd = start(m.com.Import, m.owner.path, opt, false)
	return cmd
}

// Update implements kit.Screen.
func (m *mapping) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case progressMsg:
		if msg.j == m.job {
			return msg.j.next
		}
	case doneMsg:
		if msg.j == m.job {
			m.job, m.planning, m.planned, m.pv, m.err = nil, false, true, msg.pv, msg.err
		}
	case kit.DataChangedMsg:
		// The book changed (u): what the columns would import may too.
		return m.plan()
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return nil
}

// key answers a key.
func (m *mapping) key(msg tea.KeyPressMsg) tea.Cmd {
	fields := m.fields()
	f := fields[min(m.table.Cursor(), len(fields)-1)]
	switch {
	case key.Matches(msg, m.keys.Up):
		m.table.Move(-1)
	case key.Matches(msg, m.keys.Down):
		m.table.Move(1)
	case key.Matches(msg, m.keys.Next), key.Matches(msg, m.keys.Prev):
		d := 1
		if key.Matches(msg, m.keys.Prev) {
			d = -1
		}
		i, ok := m.chosen[f.Name]
		if !ok {
			i = -1
		}
		// -1 is no column: the choices go round through it.
		n := len(m.header) + 1
		if i = ((i+1+d)%n+n)%n - 1; i < 0 {
			delete(m.chosen, f.Name)
		} else {
			m.chosen[f.Name] = i
		}
		return m.plan()
	case key.Matches(msg, m.keys.Clear):
		if _, ok := m.chosen[f.Name]; ok {
			delete(m.chosen, f.Name)
			return m.plan()
		}
	case key.Matches(msg, m.keys.Kind):
		m.kind = map[string]string{ordersKind: customersKind, customersKind: ordersKind}[m.kind]
		m.table.SetLen(len(m.fields()))
		m.table.SetCursor(0)
		return m.plan()
	case key.Matches(msg, m.keys.Use):
		if lack := m.met(m.kind); lack != "" {
			return kit.Status("Say which column holds %s first.", lack)
		}
		back := columnsMsg{p: m.owner, columns: m.columns(), kind: m.kind}
		m.job.stop()
		return func() tea.Msg { return kit.PopMsg{Then: kit.Send(back)} }
	}
	return nil
}

// Back implements kit.Backer: esc stops the plan and leaves the columns
// as they were.
func (m *mapping) Back() (bool, tea.Cmd) {
	m.job.stop()
	return false, nil
}

// top is the title and the kind of file, over the table.
func (m *mapping) top(w int) []string {
	st := m.com.Styles
	out := []string{kit.Truncate(st.Title.Render("Which column holds what?"), w)}
	intro := "Give each field the column of the file that holds it (← →), or none."
	if m.owner.pv.Unmatched {
		intro = "The file's header matches no format clientele knows. " + intro
	}
	for _, l := range kit.Wrap(intro, w) {
		out = append(out, st.Muted.Render(l))
	}
	other := map[string]string{ordersKind: customersKind, customersKind: ordersKind}[m.kind]
	out = append(out, kit.Truncate("Each row is one of your "+st.Section.Render(m.kind)+"  "+
		st.Muted.Render(m.keys.Kind.Help().Key+": "+other), w))
	return out
}

// View implements kit.Screen.
func (m *mapping) View() string {
	w := max(m.w, 1)
	st := m.com.Styles
	lines := m.top(w)
	fields := m.fields()
	lines = append(lines, m.table.View(&st, func(i int) []kit.Cell {
		f := fields[i]
		name := f.Name
		if f.Need != "" {
			name += " *"
		}
		c, ok := m.chosen[f.Name]
		if !ok {
			return []kit.Cell{{Text: name}, {Text: "—", Style: &st.Muted}, {}}
		}
		return []kit.Cell{{Text: name}, {Text: m.header[c]}, {Text: m.values(c), Style: &st.Muted}}
	}, nil))
	f := fields[min(m.table.Cursor(), len(fields)-1)]
	what := f.Name + ": " + f.What
	if f.Need != "" {
		what += " (* a file of " + m.kind + " needs " + f.Need + ")"
	}
	lines = append(lines, kit.Truncate(st.Muted.Render(kit.Clean(what)), w))
	lines = append(lines, m.outcome(w)...)
	return strings.Join(lines, "\n")
}

// values are a column's first values, as written.
func (m *mapping) values(c int) string {
	var vs []string
	for _, r := range m.rows {
		if c < len(r) && strings.TrimSpace(r[c]) != "" {
			vs = append(vs, strings.TrimSpace(r[c]))
		}
	}
	return strings.Join(vs, " · ")
}

// outcome says what the columns would import, or why not yet.
func (m *mapping) outcome(w int) []string {
	st := m.com.Styles
	var text string
	style := st.Muted
	switch {
	case m.met(m.kind) != "":
		text, style = "Still needed: the column that holds "+m.met(m.kind)+".", st.Warn
	case m.planning:
		text = "Reading the file with these columns…"
	case m.err != nil:
		text, style = "✗ "+kit.ErrorText(m.err), st.Bad
	case m.planned:
		text, style = m.pv.Summary.String()+" enter takes these columns.", st.Good
	}
	var out []string
	for _, l := range wrapAtMost(text, w, 2) {
		out = append(out, style.Render(l))
	}
	return out
}

// ShortHelp implements help.KeyMap.
func (m *mapping) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Use, m.keys.Next, m.keys.Prev, m.keys.Down, m.keys.Kind, m.keys.Clear}
}

// FullHelp implements help.KeyMap.
func (m *mapping) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.Next, m.keys.Prev, m.keys.Clear}, {m.keys.Kind, m.keys.Use}}
}
