package tui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// referralTree shows everyone a customer brought, directly or through the
// people they brought, as a tree, from the analysis already computed.
type referralTree struct {
	com   *common
	keys  SegmentFitKeys
	name  string
	lines []model.TreeLine
	table table
	w, h  int
}

func newReferralTree(com *common, f *model.SegmentFit, id int64) *referralTree {
	t := &referralTree{com: com, keys: DefaultSegmentFitKeys(), lines: f.ReferralTree(id), table: newTable(
		column{title: "who they brought", width: 16, flex: 1},
		column{title: "stage", width: 8},
		column{title: "referred", width: 8, right: true},
		column{title: "revenue", width: 10, right: true},
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
			return func() tea.Msg { return openCustomerMsg{id} }
		}
	case tea.MouseMsg:
		t.table.HandleMouse(msg, msg.Mouse().Y-1)
	}
	return nil
}

// View implements screen.
func (t *referralTree) View() string {
	st := t.com.styles
	head := st.Title.Render(clean(t.Title())) + st.Muted.Render(sprintf(" · %s brought in all", countNoun(len(t.lines)-1, "customer")))
	return truncate(head, t.w) + "\n" + t.table.View(&st, t.cells, nil)
}

func (t *referralTree) cells(i int) []cell {
	st := &t.com.styles
	l := t.lines[i]
	stage := st.Stage(l.Stage)
	return []cell{{text: l.Prefix + markedName(clean(l.Name), l.Stage)}, {text: string(l.Stage), style: &stage},
		{text: strconv.Itoa(l.Referred)}, {text: t.com.moneyShort(l.Revenue)}}
}

// ShortHelp implements help.KeyMap.
func (t *referralTree) ShortHelp() []key.Binding { return []key.Binding{t.keys.Open} }

// FullHelp implements help.KeyMap.
func (t *referralTree) FullHelp() [][]key.Binding {
	return [][]key.Binding{t.keys.ListKeys.Bindings(), {t.keys.Open}}
}
