package customers

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// fitForm rates how well the owner works with one customer, 1 to 5: one
// digit rates and saves (the Unscored view asks this of many customers in
// a row), or ← → and ctrl+s. A form body.
type fitForm struct {
	com      *kit.Context
	store    model.CustomerStore
	keys     FitFormKeys
	customer model.Customer
	fit      int
}

// OpenFit loads the customer and opens the fit rating over the screen.
func OpenFit(com *kit.Context, store model.CustomerStore, customerID int64) tea.Cmd {
	return func() tea.Msg {
		c, err := store.Customer(kit.Bg(), customerID)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return kit.PushMsg{Open: func() kit.Screen {
			return kit.NewForm(com, &fitForm{com: com, store: store, keys: DefaultFitFormKeys(), customer: c, fit: c.Fit})
		}}
	}
}

// Title implements kit.Body.
func (f *fitForm) Title() string { return "Fit of " + kit.Clean(f.customer.Name) }

// Snapshot implements kit.Body.
func (f *fitForm) Snapshot() string { return strconv.Itoa(f.fit) }

// Build implements kit.Body.
func (f *fitForm) Build(b *kit.Builder) kit.Fields {
	opts := make([]huh.Option[int], 0, model.MaxFit+1)
	opts = append(opts, huh.NewOption("not rated", 0))
	for i := 1; i <= model.MaxFit; i++ {
		label := strconv.Itoa(i)
		switch i {
		case 1:
			label += " poor"
		case model.MaxFit:
			label += " perfect"
		}
		opts = append(opts, huh.NewOption(label, i))
	}
	return b.Huh(huh.NewForm(huh.NewGroup(
		huh.NewSelect[int]().Title("How well you work together").Options(opts...).Value(&f.fit).Inline(true),
	)))
}

// Key rates and saves with one digit.
func (f *fitForm) Key(msg tea.KeyPressMsg) (kit.KeyAction, tea.Cmd) {
	if !key.Matches(msg, f.keys.Rate) {
		return kit.KeyPass, nil
	}
	f.fit = int(msg.Code - '0')
	return kit.KeySave, nil
}

// Keys puts the digits first on the help line.
func (f *fitForm) Keys(field []key.Binding) []key.Binding {
	return append([]key.Binding{f.keys.Rate}, field...)
}

// Save implements kit.Body: the customer as loaded, with the new fit.
func (f *fitForm) Save() (tea.Cmd, error) {
	c := f.customer
	c.Fit = f.fit
	if err := c.Validate(); err != nil {
		return nil, err
	}
	store := f.store
	return func() tea.Msg {
		if err := store.UpdateCustomer(kit.Bg(), &c); err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		text := "Rated " + kit.Clean(c.Name) + "'s fit " + strconv.Itoa(c.Fit) + " of " + strconv.Itoa(model.MaxFit) + "."
		if c.Fit == 0 {
			text = kit.Clean(c.Name) + "'s fit is not rated."
		}
		return kit.SavedMsg{Text: text}
	}, nil
}
