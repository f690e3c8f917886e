package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// offeringList shows the products and services on sale, with their tier,
// price and unit cost, pushed from the customer list with O. Retired
// offerings stay listed, last, so old orders still name them.
type offeringList struct {
	com    *common
	keys   OfferingKeys
	table  table
	rows   []model.Offering
	loaded bool
	follow int64 // the offering just retired or restored: the cursor goes where it moved
	w, h   int
}

func newOfferingList(com *common) *offeringList {
	return &offeringList{com: com, keys: DefaultOfferingKeys(), table: newTable(
		column{title: "sku", width: 8, flex: 1, max: 14},
		column{title: "name", width: 14, flex: 4},
		column{title: "kind", width: 7},
		column{title: "tier", width: 8},
		column{title: "price", width: 10, right: true},
		column{title: "unit cost", width: 10, right: true},
		column{title: "", width: 7},
	)}
}

// Title implements screen.
func (l *offeringList) Title() string { return "Offerings" }

// Init loads the offerings.
func (l *offeringList) Init() tea.Cmd {
	store := l.com.store
	return func() tea.Msg {
		rows, err := store.Offerings(bg())
		if err != nil {
			return errMsg{err}
		}
		return offeringsLoadedMsg{rows}
	}
}

// SetSize implements screen.
func (l *offeringList) SetSize(w, h int) {
	l.w, l.h = w, h
	l.table.SetSize(w, h)
}

// Update implements screen.
func (l *offeringList) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case offeringsLoadedMsg:
		l.rows, l.loaded = msg.offerings, true
		l.table.SetLen(len(l.rows))
		if i := slices.IndexFunc(l.rows, func(o model.Offering) bool { return o.ID == l.follow }); i >= 0 {
			l.table.SetCursor(i)
		}
		l.follow = 0
	case dataChangedMsg, settingsLoadedMsg:
		return l.Init()
	case offeringSavedMsg:
		// Retired offerings are listed last: the cursor follows the one
		// changed, so a second x puts it back.
		l.follow = msg.offering.ID
		return tea.Batch(l.Init(), status("%s %s.", map[bool]string{true: "Retired", false: "Restored"}[!msg.offering.Active],
			clean(msg.offering.Name)))
	case tea.MouseMsg:
		if l.table.HandleMouse(msg, msg.Mouse().Y) {
			return l.edit()
		}
	case tea.KeyPressMsg:
		if l.table.HandleKey(l.keys.ListKeys, msg) {
			return nil
		}
		switch {
		case key.Matches(msg, l.keys.Add):
			return push(func() screen {
				return newForm(l.com, newOfferingForm(l.com, model.Offering{Kind: model.KindProduct, Active: true}))
			})
		case key.Matches(msg, l.keys.Edit):
			return l.edit()
		case key.Matches(msg, l.keys.Retire):
			if o, ok := l.selected(); ok {
				o.Active = !o.Active
				return saveOffering(l.com, o, func(o model.Offering, _ bool) tea.Msg { return offeringSavedMsg{offering: o} },
					func(err error) tea.Msg { return errMsg{err} })
			}
		}
	}
	return nil
}

func (l *offeringList) selected() (model.Offering, bool) {
	if l.table.Len() == 0 {
		return model.Offering{}, false
	}
	return l.rows[l.table.Cursor()], true
}

func (l *offeringList) edit() tea.Cmd {
	if o, ok := l.selected(); ok {
		return push(func() screen { return newForm(l.com, newOfferingForm(l.com, o)) })
	}
	return nil
}

// saveOffering writes o in a command, answering with what saved makes of
// the offering as stored, or with what failed makes of the error.
func saveOffering(com *common, o model.Offering, saved func(o model.Offering, created bool) tea.Msg,
	failed func(error) tea.Msg) tea.Cmd {
	store := com.store
	return func() tea.Msg {
		created := o.ID == 0
		var err error
		if created {
			err = store.CreateOffering(bg(), &o)
		} else {
			err = store.UpdateOffering(bg(), &o)
		}
		if err != nil {
			return failed(err)
		}
		return saved(o, created)
	}
}

// View implements screen.
func (l *offeringList) View() string {
	st := l.com.styles
	if l.loaded && len(l.rows) == 0 {
		return st.Title.Render("No offerings yet") + "\n\n" +
			"List what you sell, with its price and what one costs you, and\n" +
			"orders can pick it by name: press " + st.Key.Render("a") + " to add one.\n\n" +
			st.Muted.Render("Tiers are "+clean(l.com.settings.TierName(1))+", "+clean(l.com.settings.TierName(2))+
				" and "+clean(l.com.settings.TierName(3))+" (their names are in the settings).")
	}
	return l.table.View(&st, l.cells, nil)
}

// cells formats row i.
func (l *offeringList) cells(i int) []cell {
	o := l.rows[i]
	st := &l.com.styles
	state := ""
	if !o.Active {
		state = "retired"
	}
	return []cell{
		{text: o.SKU, style: &st.Muted},
		{text: o.Name},
		{text: string(o.Kind)},
		{text: l.com.settings.TierName(o.Tier)},
		{text: l.com.money(o.Price)},
		{text: l.com.money(o.UnitCost)},
		{text: state, style: &st.Warn},
	}
}

// Info implements informer.
func (l *offeringList) Info() string {
	if !l.loaded {
		return ""
	}
	return sprintf("%s offerings", commas(len(l.rows)))
}

// ShortHelp implements help.KeyMap.
func (l *offeringList) ShortHelp() []key.Binding {
	return []key.Binding{l.keys.Add, l.keys.Edit, l.keys.Retire}
}

// FullHelp implements help.KeyMap.
func (l *offeringList) FullHelp() [][]key.Binding {
	return [][]key.Binding{l.keys.ListKeys.Bindings(), {l.keys.Add, l.keys.Edit, l.keys.Retire}}
}
