package customers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// costForm records a cost to serve for a customer: a category, an amount
// or, for time, minutes priced at the hourly rate, a date, a note, and
// optionally one of their recent orders. A form body: the values live
// here.
type costForm struct {
	com      *kit.Context
	store    CostStore
	customer model.CustomerName
	orders   []model.OrderSummary
	// orig is the stored cost the form corrects; nil for a new one.
	orig *model.Cost

	category                  model.CostCategory
	amount, minutes, on, note string
	orderID                   int64
}

// recentOrders is how many of the customer's orders the cost form offers.
const recentOrders = 12

// costFormData is what the cost form needs: the customer, their
// recent orders to attach the cost to, and the order chosen, if any.
type costFormData struct {
	customer model.CustomerName
	orders   []model.OrderSummary
	orderID  int64
	edit     *model.Cost // the cost corrected
}

// OpenCost loads the customer and their recent orders, then opens the
// cost form with orderID chosen (0 for none).
func OpenCost(com *kit.Context, store CostStore, customerID, orderID int64) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		c, err := store.Customer(ctx, customerID)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		orders, err := store.RecentOrders(ctx, customerID, recentOrders)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		data := costFormData{customer: model.CustomerName{ID: c.ID, Name: c.Name}, orders: orders, orderID: orderID}
		return kit.PushMsg{Open: func() kit.Screen { return kit.NewForm(com, newCostForm(com, store, data)) }}
	}
}

// OpenCostEdit loads cost id, its customer and their recent orders, then
// opens the cost form filled with it: saving corrects the cost.
func OpenCostEdit(com *kit.Context, store CostStore, id int64) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		c, err := store.Cost(ctx, id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		data := costFormData{orderID: c.OrderID, edit: &c}
		if c.CustomerID != 0 {
			cu, err := store.Customer(ctx, c.CustomerID)
			if err != nil {
				return kit.ErrMsg{Err: err}
			}
			data.customer = model.CustomerName{ID: cu.ID, Name: cu.Name}
			if data.orders, err = store.RecentOrders(ctx, c.CustomerID, recentOrders); err != nil {
				return kit.ErrMsg{Err: err}
			}
		}
		if c.OrderID != 0 && !slices.ContainsFunc(data.orders, func(o model.OrderSummary) bool { return o.ID == c.OrderID }) {
			// An older order than the form offers stays on offer.
			o, err := store.Order(ctx, c.OrderID)
			if err != nil {
				return kit.ErrMsg{Err: err}
			}
			sum := model.OrderSummary{ID: o.ID, OrderedAt: o.OrderedAt, Kind: o.Kind, Total: o.Total()}
			if len(o.Lines) > 0 {
				sum.Summary = o.Lines[0].Description
			}
			data.orders = append(data.orders, sum)
		}
		return kit.PushMsg{Open: func() kit.Screen { return kit.NewForm(com, newCostForm(com, store, data)) }}
	}
}

func newCostForm(com *kit.Context, store CostStore, data costFormData) *costForm {
	f := &costForm{com: com, store: store, customer: data.customer, orders: data.orders,
		category: model.CostTime, on: model.FormatDate(com.Today()), orderID: data.orderID}
	if c := data.edit; c != nil {
		f.orig = c
		f.category, f.on, f.note = c.Category, model.FormatDate(c.On), kit.Clean(c.Note)
		if c.Minutes > 0 {
			f.minutes = strconv.Itoa(c.Minutes)
		}
		// Time priced at today's rate stays priced by its minutes: the
		// amount is left empty so that new minutes are priced again.
		if c.Category != model.CostTime || c.Amount != model.TimeCost(c.Minutes, com.Settings.HourlyRate) {
			f.amount = c.Amount.Decimal()
		}
	}
	return f
}

// Snapshot implements kit.Body.
func (f *costForm) Snapshot() string {
	return strings.Join([]string{string(f.category), f.amount, f.minutes, f.on, f.note,
		strconv.FormatInt(f.orderID, 10)}, "\x00")
}

// build makes the huh form over the values.
func (f *costForm) Build(b *kit.Builder) kit.Fields {
	cats := make([]huh.Option[model.CostCategory], len(model.CostCategories))
	for i, c := range model.CostCategories {
		cats[i] = huh.NewOption(string(c), c)
	}
	orders := []huh.Option[int64]{huh.NewOption("none: the customer as a whole", int64(0))}
	for _, o := range f.orders {
		label := fmt.Sprintf("%s %s %s · %s", model.FormatDate(o.OrderedAt), o.Kind, f.com.Money(o.Total), kit.Clean(o.Summary))
		orders = append(orders, huh.NewOption(label, o.ID))
	}
	in := func(title string, v *string) *huh.Input { return b.Input(title, v).Inline(true) }
	rate := "at " + f.com.Money(f.com.Settings.HourlyRate) + " an hour (Settings)"
	return b.Huh(huh.NewForm(huh.NewGroup(
		huh.NewSelect[model.CostCategory]().Title("Category").Options(cats...).Value(&f.category).Inline(true),
		in("Minutes ", &f.minutes).Placeholder("for time: 30, 1h30 · "+rate).Validate(validateMinutes),
		in("Amount ", &f.amount).Placeholder("0.00; empty for time").Validate(kit.ValidateCost),
		in("Date ", &f.on).Validate(f.validateDate).Placeholder("YYYY-MM-DD, today, -3"),
		huh.NewSelect[int64]().Title("Order").Options(orders...).Value(&f.orderID).Height(min(len(orders)+1, 6)),
		in("Note ", &f.note).Placeholder("what it was for").CharLimit(2000),
	)))
}

func validateMinutes(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := parseMinutes(s)
	return err
}

// parseMinutes reads time as people write it: minutes (90), hours and
// minutes (1h30, 1h 30m, 1:30), or hours (2h, 1.5h).
func parseMinutes(s string) (int, error) {
	in := s
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	bad := fmt.Errorf("%q is not a time: give minutes (90) or hours and minutes (1h30)", in)
	var n int
	switch h, m, ok := strings.Cut(strings.TrimSuffix(strings.TrimSuffix(s, "min"), "m"), "h"); {
	case ok && strings.Contains(h, ".") && m == "":
		f, err := strconv.ParseFloat(h, 64)
		if err != nil || f <= 0 || f > 10_000 {
			return 0, bad
		}
		n = int(f*60 + 0.5)
	case ok:
		hh, err := strconv.Atoi(h)
		mm := 0
		if m != "" {
			mm, err = strconv.Atoi(m)
		}
		if err != nil || hh < 0 || mm < 0 || mm >= 60 && hh > 0 || hh > 1_000 {
			return 0, bad
		}
		n = hh*60 + mm
	default:
		if h, m, ok := strings.Cut(s, ":"); ok {
			hh, err1 := strconv.Atoi(h)
			mm, err2 := strconv.Atoi(m)
			if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm >= 60 || hh > 1_000 {
				return 0, bad
			}
			n = hh*60 + mm
			break
		}
		v, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(s, "min"), "m"))
		if err != nil {
			return 0, bad
		}
		n = v
	}
	if n <= 0 || n > 100_000 {
		return 0, bad
	}
	return n, nil
}

func (f *costForm) validateDate(s string) error {
	_, err := model.ParseDate(s, f.com.Now())
	return err
}

// cost builds the cost from the values; a time entry with minutes and no
// amount is priced by the store at the hourly rate.
func (f *costForm) cost() (model.Cost, error) {
	c := model.Cost{CustomerID: f.customer.ID, OrderID: f.orderID, Category: f.category,
		Note: strings.TrimSpace(f.note)}
	if o := f.orig; o != nil {
		// What the form does not show stays as stored.
		c.ID, c.CustomerID, c.ComplaintID = o.ID, o.CustomerID, o.ComplaintID
		if c.Note == strings.TrimSpace(kit.Clean(o.Note)) {
			c.Note = o.Note // shown printable, left as it was: kept as stored
		}
	}
	var err error
	if c.On, err = model.ParseDate(f.on, f.com.Now()); err != nil {
		return c, model.Invalid("date", "%v", err)
	}
	if s := strings.TrimSpace(f.minutes); s != "" {
		if c.Minutes, err = parseMinutes(s); err != nil {
			return c, model.Invalid("minutes", "%v", err)
		}
	}
	if s := strings.TrimSpace(f.amount); s != "" {
		if c.Amount, err = model.ParseMoney(s); err != nil {
			return c, model.Invalid("amount", "%v", err)
		}
		if c.Amount < 0 {
			return c, model.Invalid("amount", "must be zero or more")
		}
	}
	switch {
	case c.Category == model.CostTime && c.Minutes == 0:
		return c, model.Invalid("minutes", "a time entry needs minutes")
	case c.Category != model.CostTime && c.Amount == 0:
		return c, model.Invalid("amount", "how much did it cost?")
	}
	return c, nil
}

// Title implements screen.
func (f *costForm) Title() string {
	what := "Cost to serve"
	if f.orig != nil {
		what = "Edit cost"
	}
	if f.customer.ID == 0 {
		return what + " · no customer"
	}
	return what + " · " + f.customer.Name
}

// Discards names what esc would throw away.
func (f *costForm) Discards() string {
	if f.orig != nil {
		return "these corrections"
	}
	return "this cost"
}

// save writes the cost in a command.
func (f *costForm) Save() (tea.Cmd, error) {
	c, err := f.cost()
	if err != nil {
		return nil, err
	}
	store, name, symbol := f.store, f.customer.Name, f.com.Settings.CurrencySymbol()
	return func() tea.Msg {
		if c.ID != 0 {
			if err := store.UpdateCost(kit.Bg(), &c); err != nil {
				return kit.SaveFailedMsg{Err: err}
			}
			return kit.SavedMsg{Text: fmt.Sprintf("Corrected the cost: now %s (%s). u undoes.", c.Amount.Format(symbol), c.Category)}
		}
		if err := store.CreateCost(kit.Bg(), &c); err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		return kit.SavedMsg{Text: fmt.Sprintf("Saved a %s cost of %s for %s.", c.Category, c.Amount.Format(symbol), kit.Clean(name))}
	}, nil
}
