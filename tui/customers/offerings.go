package customers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// offeringList shows the products and services on sale, with their tier,
// price and unit cost, pushed from the customer list with O. Retired
// offerings stay listed, last, so old orders still name them.
type offeringList struct {
	com    *kit.Context
	store  model.OfferingStore
	keys   OfferingKeys
	table  kit.Table
	rows   []model.Offering
	loaded bool
	follow int64 // the offering just retired or restored: the cursor goes where it moved
	w, h   int
}

func newOfferingList(com *kit.Context, store model.OfferingStore) *offeringList {
	return &offeringList{com: com, store: store, keys: DefaultOfferingKeys(), table: kit.NewTable(
		// Small minimums: Fit widens each to its text; an offering with no
		// tier lends the tier's room to its name (most have none).
		kit.Column{Title: "sku", Width: 3, Flex: 1, Max: 14},
		kit.Column{Title: "name", Width: 14, Flex: 4},
		kit.Column{Title: "tier", Width: 4, Right: true, Lend: true},
		kit.Column{Title: "kind", Width: 4},
		kit.Column{Title: "price", Width: 6, Right: true},
		kit.Column{Title: "unit cost", Width: 9, Right: true},
		kit.Column{Title: "margin", Width: 7, Right: true},
		kit.Column{Title: "", Width: 1},
	)}
}

// Title implements screen.
func (l *offeringList) Title() string { return "Offerings" }

// Init loads the offerings.
func (l *offeringList) Init() tea.Cmd {
	store := l.store
	return func() tea.Msg {
		rows, err := store.Offerings(kit.Bg())
		if err != nil {
			return kit.ErrMsg{Err: err}
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
		l.table.Fit(l.cells)
		if i := slices.IndexFunc(l.rows, func(o model.Offering) bool { return o.ID == l.follow }); i >= 0 {
			l.table.SetCursor(i)
		}
		l.follow = 0
	case kit.DataChangedMsg, kit.SettingsLoadedMsg:
		return l.Init()
	case offeringSavedMsg:
		// Retired offerings are listed last: the cursor follows the one
		// changed, so a second x puts it back.
		l.follow = msg.offering.ID
		return tea.Batch(l.Init(), kit.Status("%s %s.", map[bool]string{true: "Retired", false: "Restored"}[!msg.offering.Active],
			kit.Clean(msg.offering.Name)))
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
			return kit.Push(func() kit.Screen {
				return kit.NewForm(l.com, newOfferingForm(l.com, l.store, model.Offering{Kind: model.KindProduct, Active: true}))
			})
		case key.Matches(msg, l.keys.Edit):
			return l.edit()
		case key.Matches(msg, l.keys.Retire):
			if o, ok := l.selected(); ok {
				o.Active = !o.Active
				return saveOffering(l.store, o, func(o model.Offering, _ bool) tea.Msg { return offeringSavedMsg{offering: o} },
					func(err error) tea.Msg { return kit.ErrMsg{Err: err} })
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
		return kit.Push(func() kit.Screen { return kit.NewForm(l.com, newOfferingForm(l.com, l.store, o)) })
	}
	return nil
}

// saveOffering writes o in a command, answering with what saved makes of
// the offering as stored, or with what failed makes of the error.
func saveOffering(store model.OfferingStore, o model.Offering, saved func(o model.Offering, created bool) tea.Msg,
	failed func(error) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		created := o.ID == 0
		var err error
		if created {
			err = store.CreateOffering(kit.Bg(), &o)
		} else {
			err = store.UpdateOffering(kit.Bg(), &o)
		}
		if err != nil {
			return failed(err)
		}
		return saved(o, created)
	}
}

// View implements screen.
func (l *offeringList) View() string {
	st := l.com.Styles
	if l.loaded && len(l.rows) == 0 {
		return st.Title.Render("No offerings yet") + "\n\n" +
			"List what you sell, with its price and what one costs you, and\n" +
			"orders can pick it by name: press " + st.Key.Render("a") + " to add one.\n\n" +
			st.Muted.Render("Tiers are "+kit.Clean(l.com.Settings.TierName(1))+", "+kit.Clean(l.com.Settings.TierName(2))+
				" and "+kit.Clean(l.com.Settings.TierName(3))+" (their names are in the settings).")
	}
	return l.table.View(&st, l.cells, nil)
}

// cells formats row i.
func (l *offeringList) cells(i int) []kit.Cell {
	o := l.rows[i]
	st := &l.com.Styles
	state := ""
	if !o.Active {
		state = "retired"
	}
	return []kit.Cell{
		{Text: o.SKU, Style: &st.Muted},
		{Text: o.Name},
		{Text: l.com.Settings.TierName(o.Tier)},
		{Text: string(o.Kind)},
		{Text: l.com.Money(o.Price)},
		{Text: l.com.Money(o.UnitCost)},
		offeringMargin(o, st),
		{Text: state, Style: &st.Warn},
	}
}

// offeringMargin is what is left of the price once one unit is paid for,
// as a share of the price; "no cost" (a warning) while the unit cost is
// not known, since every sale would look like pure margin.
func offeringMargin(o model.Offering, st *kit.Styles) kit.Cell {
	switch {
	case o.Price <= 0:
		return kit.Cell{Text: "–", Style: &st.Muted}
	case o.UnitCost == 0:
		return kit.Cell{Text: "no cost", Style: &st.Warn}
	}
	c := kit.Cell{Text: kit.Percent(float64(o.Price-o.UnitCost) / float64(o.Price))}
	if o.UnitCost > o.Price {
		c.Style = &st.Bad
	}
	return c
}

// Info implements informer.
func (l *offeringList) Info() string {
	if !l.loaded {
		return ""
	}
	return fmt.Sprintf("%s offerings", model.Commas(len(l.rows)))
}

// ShortHelp implements help.KeyMap.
func (l *offeringList) ShortHelp() []key.Binding {
	return []key.Binding{l.keys.Add, l.keys.Edit, l.keys.Retire}
}

// FullHelp implements help.KeyMap.
func (l *offeringList) FullHelp() [][]key.Binding {
	return [][]key.Binding{l.keys.ListKeys.Bindings(), {l.keys.Add, l.keys.Edit, l.keys.Retire}}
}

// offeringForm adds or edits an offering: SKU, name, product or service,
// tier, price and unit cost. A SKU another offering has is refused beside
// the SKU field, with everything typed kept. A form body.
type offeringForm struct {
	com                    *kit.Context
	store                  model.OfferingStore
	orig                   model.Offering
	sku, name, price, cost string
	kind                   model.OfferingKind
	tier                   int
}

func newOfferingForm(com *kit.Context, store model.OfferingStore, o model.Offering) *offeringForm {
	f := &offeringForm{com: com, store: store, orig: o, sku: kit.Clean(o.SKU),
		name: kit.Clean(o.Name), kind: o.Kind, tier: o.Tier}
	if o.ID != 0 || o.Price != 0 {
		f.price = o.Price.Decimal()
	}
	if o.UnitCost != 0 {
		f.cost = o.UnitCost.Decimal()
	}
	if f.kind == "" {
		f.kind = model.KindProduct
	}
	return f
}

// Snapshot implements kit.Body.
func (f *offeringForm) Snapshot() string {
	return strings.Join([]string{f.sku, f.name, f.price, f.cost, string(f.kind), strconv.Itoa(f.tier)}, "\x00")
}

// Build implements kit.Body.
func (f *offeringForm) Build(b *kit.Builder) kit.Fields {
	tiers := []huh.Option[int]{huh.NewOption("none", 0)}
	for i := 1; i <= model.Tiers; i++ {
		tiers = append(tiers, huh.NewOption(kit.Clean(f.com.Settings.TierName(i)), i))
	}
	in := func(title string, v *string) *huh.Input { return b.Input(title, v).Inline(true) }
	return b.Huh(huh.NewForm(huh.NewGroup(
		in("Name ", &f.name).Validate(kit.RequiredText).CharLimit(500),
		in("SKU ", &f.sku).Placeholder("optional stock code, unique").CharLimit(100),
		huh.NewSelect[model.OfferingKind]().Title("Kind").Inline(true).Value(&f.kind).Options(
			huh.NewOption("product", model.KindProduct), huh.NewOption("service", model.KindService)),
		huh.NewSelect[int]().Title("Package tier").Inline(true).Options(tiers...).Value(&f.tier),
		in("Price ", &f.price).Placeholder("0.00").Validate(kit.ValidateCost),
		in("Unit cost ", &f.cost).Placeholder("what one costs you to make or deliver").Validate(kit.ValidateCost),
	).Title(f.Title())))
}

// offering is the offering with the typed values.
func (f *offeringForm) offering() (model.Offering, error) {
	o := f.orig
	o.Kind, o.Tier = f.kind, f.tier
	// Stored text shown with control characters made visible is kept as
	// stored unless the user changed it.
	if f.sku != kit.Clean(f.orig.SKU) {
		o.SKU = strings.TrimSpace(f.sku)
	}
	if f.name != kit.Clean(f.orig.Name) {
		o.Name = strings.TrimSpace(f.name)
	}
	var err error
	o.Price, o.UnitCost = 0, 0
	if s := strings.TrimSpace(f.price); s != "" {
		if o.Price, err = model.ParseMoney(s); err != nil {
			return o, model.Invalid("price", "%v", err)
		}
	}
	if s := strings.TrimSpace(f.cost); s != "" {
		if o.UnitCost, err = model.ParseMoney(s); err != nil {
			return o, model.Invalid("unit cost", "%v", err)
		}
	}
	return o, o.Validate()
}

// Title implements screen.
func (f *offeringForm) Title() string {
	if f.orig.ID == 0 {
		return "New offering"
	}
	return "Edit " + kit.Clean(f.orig.Name)
}

// save checks the values and writes the offering in a command.
func (f *offeringForm) Save() (tea.Cmd, error) {
	o, err := f.offering()
	if err != nil {
		return nil, err
	}
	saved := func(o model.Offering, created bool) tea.Msg {
		if created {
			return kit.SavedMsg{Text: "Added " + kit.Clean(o.Name) + "."}
		}
		return kit.SavedMsg{Text: "Saved " + kit.Clean(o.Name) + "."}
	}
	return saveOffering(f.store, o, saved, func(err error) tea.Msg { return kit.SaveFailedMsg{Err: err} }), nil
}

// banner says what the prices do.
func (f *offeringForm) Banner(w int) string {
	return kit.Truncate(f.com.Styles.Muted.Render("The price fills in order lines; the unit cost counts against profit."), w)
}

// WriteKeys implements kit.Writer.
func (l *offeringList) WriteKeys() []key.Binding {
	return []key.Binding{l.keys.Add, l.keys.Edit, l.keys.Retire}
}
