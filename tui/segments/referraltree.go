package segments

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// referralTree shows everyone a customer brought, directly or through the
// people they brought, as a tree, from the analysis already computed.
type referralTree struct {
	com   *kit.Context
	keys  SegmentFitKeys
	name  string
	lines []model.TreeLine
	table kit.Table
	w, h  int
}

func newReferralTree(com *kit.Context, f *model.SegmentFit, id int64) *referralTree {
	t := &referralTree{com: com, keys: DefaultSegmentFitKeys(), lines: f.ReferralTree(id), table: kit.NewTable(
		kit.Column{Title: "who they brought", Width: 16, Flex: 1},
		kit.Column{Title: "stage", Width: 8},
		kit.Column{Title: "referred", Width: 8, Right: true},
		kit.Column{Title: "revenue", Width: 10, Right: true},
	)}
	if len(t.lines) > 0 {
		t.name = t.lines[0].Name
	}
	t.table.SetLen(len(t.lines))
	return t
}

// Title implements screen.
func (t *referralTree) Title() string { return "Referral tree of " + t.name }

// Init implements screen: the tree is already computed.
func (t *referralTree) Init() tea.Cmd { return nil }

// SetSize implements screen.
func (t *referralTree) SetSize(w, h int) {
	t.w, t.h = w, h
	t.table.SetSize(w, h-1)
}

// Update implements screen.
func (t *referralTree) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if t.table.HandleKey(t.keys.ListKeys, msg) {
			return nil
		}
		if key.Matches(msg, t.keys.Open) && t.table.Len() > 0 {
			id := t.lines[t.table.Cursor()].ID
			return func() tea.Msg { return kit.OpenCustomerMsg{ID: id} }
		}
	case tea.MouseMsg:
		t.table.HandleMouse(msg, msg.Mouse().Y-1)
	}
	return nil
}

// View implements screen.
func (t *referralTree) View() string {
	st := t.com.Styles
	head := st.Title.Render(kit.Clean(t.Title())) + st.Muted.Render(fmt.Sprintf(" · %s brought in all", model.Plural(len(t.lines)-1, "customer", "customers")))
	return kit.Truncate(head, t.w) + "\n" + t.table.View(&st, t.cells, nil)
}

func (t *referralTree) cells(i int) []kit.Cell {
	st := &t.com.Styles
	l := t.lines[i]
	stage := st.Stage(l.Stage)
	return []kit.Cell{{Text: l.Prefix + kit.MarkedName(kit.Clean(l.Name), l.Stage)}, {Text: string(l.Stage), Style: &stage},
		{Text: strconv.Itoa(l.Referred)}, {Text: t.com.MoneyShort(l.Revenue)}}
}

// ShortHelp implements help.KeyMap.
func (t *referralTree) ShortHelp() []key.Binding { return []key.Binding{t.keys.Open} }

// FullHelp implements help.KeyMap.
func (t *referralTree) FullHelp() [][]key.Binding {
	return [][]key.Binding{t.keys.ListKeys.Bindings(), {t.keys.Open}}
}
