package tui

import (
	"errors"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
)

// offeringForm adds or edits an offering: SKU, name, product or service,
// tier, price and unit cost. A SKU another offering has is refused beside
// the SKU field, with everything typed kept. A form body.
type offeringForm struct {
	com                    *common
	orig                   model.Offering
	sku, name, price, cost string
	kind                   model.OfferingKind
	tier                   int
}

func newOfferingForm(com *common, o model.Offering) *offeringForm {
	f := &offeringForm{com: com, orig: o, sku: clean(o.SKU),
		name: clean(o.Name), kind: o.Kind, tier: o.Tier}
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

func (f *offeringForm) snapshot() string {
	return strings.Join([]string{f.sku, f.name, f.price, f.cost, string(f.kind), strconv.Itoa(f.tier)}, "\x00")
}

func (f *offeringForm) build(b *builder) fields {
	tiers := []huh.Option[int]{huh.NewOption("none", 0)}
	for i := 1; i <= model.Tiers; i++ {
		tiers = append(tiers, huh.NewOption(clean(f.com.settings.TierName(i)), i))
	}
	in := func(title string, v *string) *huh.Input { return b.input(title, v).Inline(true) }
	return b.huh(huh.NewForm(huh.NewGroup(
		in("Name ", &f.name).Validate(requiredText).CharLimit(500),
		in("SKU ", &f.sku).Placeholder("optional stock code, unique").CharLimit(100),
		huh.NewSelect[model.OfferingKind]().Title("Kind").Inline(true).Value(&f.kind).Options(
			huh.NewOption("product", model.KindProduct), huh.NewOption("service", model.KindService)),
		huh.NewSelect[int]().Title("Package tier").Inline(true).Options(tiers...).Value(&f.tier),
		in("Price ", &f.price).Placeholder("0.00").Validate(validateCost),
		in("Unit cost ", &f.cost).Placeholder("what one costs you to make or deliver").Validate(validateCost),
	).Title(f.Title())).WithKeyMap(choiceKeyMap()))
}

func requiredText(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("is required")
	}
	return nil
}

// offering is the offering with the typed values.
func (f *offeringForm) offering() (model.Offering, error) {
	o := f.orig
	o.Kind, o.Tier = f.kind, f.tier
	// Stored text shown with control characters made visible is kept as
	// stored unless the user changed it.
	if f.sku != clean(f.orig.SKU) {
		o.SKU = strings.TrimSpace(f.sku)
	}
	if f.name != clean(f.orig.Name) {
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
	return "Edit " + clean(f.orig.Name)
}

// save checks the values and writes the offering in a command.
func (f *offeringForm) save() (tea.Cmd, error) {
	o, err := f.offering()
	if err != nil {
		return nil, err
	}
	saved := func(o model.Offering, created bool) tea.Msg {
		if created {
			return savedMsg{text: "Added " + clean(o.Name) + "."}
		}
		return savedMsg{text: "Saved " + clean(o.Name) + "."}
	}
	return saveOffering(f.com, o, saved, func(err error) tea.Msg { return saveFailedMsg{err: err} }), nil
}

// banner says what the prices do.
func (f *offeringForm) banner(w int) string {
	return truncate(f.com.styles.Muted.Render("The price fills in order lines; the unit cost counts against profit."), w)
}
