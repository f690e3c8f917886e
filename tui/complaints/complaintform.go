package complaints

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// complaintForm opens or edits a complaint, a form body: what went wrong
// first, then what made it right (the remedy, its cost, the guarantee,
// the status), then what stops it happening again. enter moves on and
// saves after the last field; ctrl+s saves from anywhere, so a new
// complaint is recorded as soon as what went wrong is typed.
type complaintForm struct {
	com        *kit.Context
	store      Store
	id         int64 // the complaint edited; 0 for a new one
	customerID int64
	orderID    int64
	data       complaintFormData

	// Field values, as typed.
	what, customer, opened           string
	category                         model.ComplaintCategory
	severity                         model.Severity
	order                            int64
	remedy, cost, honoured, remedied string
	guarantee                        bool
	status                           model.ComplaintStatus
	prevention, outcome, closed      string
}

// complaintFormData is what the complaint form needs before it opens.
type complaintFormData struct {
	complaint model.Complaint // the stored complaint; zero when opening one
	pick      kit.CustomerPick
	orders    []model.OrderSummary // the customer's recent orders
}

// The complaint form's fields by group, named as the errors name them.
var complaintFields = [][]string{
	{"what went wrong", "remedy", "status", "category", "severity", "customer", "order", "opened"},
	{"remedy cost", "guarantee", "honoured", "remedied"},
	{"prevention", "outcome", "closed"},
}

// complaintOrders is how many of the customer's orders the form offers.
const complaintOrders = 20

// openComplaintForm loads complaint id (0 for a new one, about the
// customer and the order given, either 0 for none), its customer and
// their recent orders, then opens the form.
func openComplaintForm(com *kit.Context, store Store, id, customerID, orderID int64) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		var data complaintFormData
		cid := customerID
		if id != 0 {
			c, err := store.Complaint(ctx, id)
			if err != nil {
				return kit.ErrMsg{Err: err}
			}
			data.complaint, cid = c, c.CustomerID
		}
		var err error
		if data.pick, err = kit.LoadCustomerPick(ctx, store, cid); err != nil {
			return kit.ErrMsg{Err: err}
		}
		if cid != 0 {
			if data.orders, err = store.RecentOrders(ctx, cid, complaintOrders); err != nil {
				return kit.ErrMsg{Err: err}
			}
		}
		return kit.PushMsg{Open: func() kit.Screen {
			f := &complaintForm{com: com, store: store, id: id, customerID: customerID,
				orderID: orderID, data: data}
			f.fill()
			return kit.NewForm(com, f)
		}}
	}
}

// fill takes the values from the loaded complaint, or the defaults of a
// new one.
func (f *complaintForm) fill() {
	d := f.data
	c := d.complaint
	if f.id == 0 {
		c = model.Complaint{OpenedOn: f.com.Today(), CustomerID: f.customerID, OrderID: f.orderID,
			Category: model.ComplaintQuality, Severity: model.SeverityMedium, Status: model.ComplaintOpen}
	}
	// Stored text is shown in one-line fields, so it is made printable
	// (control characters visible, line breaks spaces); a field saves what
	// was typed only when it was changed (complaint).
	f.what, f.customer, f.opened = kit.Clean(c.WhatWentWrong), d.pick.Text, f.com.Date(c.OpenedOn)
	f.category, f.severity, f.order = c.Category, c.Severity, c.OrderID
	f.remedy, f.guarantee, f.status = kit.Clean(c.Remedy), c.Guarantee, c.Status
	if c.RemedyCost != 0 {
		f.cost = c.RemedyCost.Decimal()
	}
	f.honoured, f.remedied = f.com.Date(c.HonouredOn), f.com.Date(c.RemediedOn)
	f.prevention, f.outcome, f.closed = kit.Clean(c.Prevention), kit.Clean(c.Outcome), f.com.Date(c.ClosedOn)
}

// Snapshot implements kit.Body.
func (f *complaintForm) Snapshot() string {
	return strings.Join([]string{f.what, f.customer, f.opened, string(f.category), string(f.severity),
		fmt.Sprintf("%d", f.order), f.remedy, f.cost, f.honoured, f.remedied, fmt.Sprintf("%v", f.guarantee),
		string(f.status), f.prevention, f.outcome, f.closed}, "\x00")
}

// build makes the huh form over the values.
func (f *complaintForm) Build(b *kit.Builder) kit.Fields {
	in := func(name, title string, v *string) *huh.Input { return b.Named(name, title, v).CharLimit(2000) }
	categories := make([]huh.Option[model.ComplaintCategory], len(model.ComplaintCategories))
	for i, c := range model.ComplaintCategories {
		categories[i] = huh.NewOption(string(c), c)
	}
	severities := make([]huh.Option[model.Severity], len(model.Severities))
	for i, s := range model.Severities {
		severities[i] = huh.NewOption(fmt.Sprintf("%s (%dd)", s, model.TargetDays(f.com.Settings, s)), s)
	}
	statuses := make([]huh.Option[model.ComplaintStatus], len(model.ComplaintStatuses))
	for i, s := range model.ComplaintStatuses {
		statuses[i] = huh.NewOption(string(s), s)
	}
	orders := []huh.Option[int64]{huh.NewOption("none", int64(0))}
	found := f.order == 0
	for _, o := range f.data.orders {
		label := f.com.Date(o.OrderedAt) + " · " + model.Printable(o.Summary) + " · " + f.com.Money(o.Total)
		if o.Kind != model.OrderSale {
			label += " (" + string(o.Kind) + ")"
		}
		orders = append(orders, huh.NewOption(label, o.ID))
		found = found || o.ID == f.order
	}
	if !found {
		orders = append(orders, huh.NewOption(fmt.Sprintf("order #%d", f.order), f.order))
	}
	dateHelp := f.com.DateHint() + ", -3"
	return b.Huh(huh.NewForm(
		huh.NewGroup(
			in("what went wrong", "What went wrong", &f.what),
			// What made it right and where the case stands come next: a
			// complaint settled on the spot is typed in these three.
			in("remedy", "Remedy: what made it right", &f.remedy).Placeholder("blank while it is open"),
			huh.NewSelect[model.ComplaintStatus]().Title("Status").Options(statuses...).Value(&f.status).Inline(true),
			huh.NewSelect[model.ComplaintCategory]().Title("Category").Options(categories...).Value(&f.category).Inline(true),
			huh.NewSelect[model.Severity]().Title("Severity (days to remedy)").Options(severities...).Value(&f.severity).Inline(true),
			in("customer", "Customer", &f.customer).Suggestions(f.data.pick.List).Placeholder("a name or #id; blank for none"),
			f.orderField(orders),
			in("opened", "Opened", &f.opened).Placeholder(dateHelp),
		).Title("The complaint"),
		huh.NewGroup(
			in("remedy cost", "Remedy cost (a cost to serve)", &f.cost).Placeholder("0.00"),
			huh.NewSelect[bool]().Title("Guarantee invoked").Options(huh.NewOption("no", false), huh.NewOption("yes", true)).
				Value(&f.guarantee).Inline(true),
			in("honoured", "Guarantee honoured on", &f.honoured).Placeholder("blank: the remedy date"),
			in("remedied", "Remedied on", &f.remedied).Placeholder("blank: today, once remedied"),
		).Title("Making it right"),
		huh.NewGroup(
			in("prevention", "Prevention: what stops it happening again", &f.prevention),
			in("outcome", "Outcome", &f.outcome),
			in("closed", "Closed on", &f.closed).Placeholder("blank: today, once closed"),
		).Title("So it does not happen again"),
	), complaintFields...)
}

// orderField is the choice of the customer's order. The orders are read
// with the customer: a complaint started without one (from the Complaints
// tab) is linked to an order once saved with its customer, by enter on it
// there, and the field says so rather than offering only "none".
func (f *complaintForm) orderField(orders []huh.Option[int64]) *huh.Select[int64] {
	sel := huh.NewSelect[int64]().Title("About the order").Options(orders...).Value(&f.order).Inline(true)
	if f.data.pick.Customer.ID == 0 {
		sel.Description("their orders are offered once it is saved with the customer: enter on it then")
	}
	return sel
}

// complaint returns the complaint the values describe, the name to look
// the customer up by when only the store can resolve it, and the field
// errors.
func (f *complaintForm) complaint() (model.Complaint, string, map[string]string) {
	errs := map[string]string{}
	c := f.data.complaint
	c.ID = f.id
	// A stored text the form showed made printable is saved as stored
	// unless the user changed it: opening and saving never rewrites what it
	// did not touch.
	keep := func(dst *string, typed string) {
		if typed != kit.Clean(*dst) {
			*dst = typed
		}
	}
	keep(&c.WhatWentWrong, f.what)
	keep(&c.Remedy, f.remedy)
	keep(&c.Prevention, f.prevention)
	keep(&c.Outcome, f.outcome)
	c.Category, c.Severity, c.OrderID, c.Guarantee, c.Status = f.category, f.severity, f.order, f.guarantee, f.status
	id, lookup, err := f.data.pick.Resolve(f.customer)
	if err != nil {
		errs["customer"] = err.Error()
	}
	c.CustomerID = id
	now := f.com.Now()
	date := func(field, s string, required bool) time.Time {
		if strings.TrimSpace(s) == "" {
			if required {
				errs[field] = "is required (" + f.com.Settings.DateOrder.Example() + " or today)"
			}
			return time.Time{}
		}
		d, err := f.com.ParseDate(s)
		if err != nil {
			errs[field] = err.Error()
		}
		return d
	}
	c.OpenedOn = date("opened", f.opened, true)
	c.HonouredOn = date("honoured", f.honoured, false)
	c.RemediedOn = date("remedied", f.remedied, false)
	c.ClosedOn = date("closed", f.closed, false)
	c.RemedyCost = 0
	if s := strings.TrimSpace(f.cost); s != "" {
		m, err := model.ParseMoney(s)
		switch {
		case err != nil:
			errs["remedy cost"] = err.Error()
		case m < 0:
			errs["remedy cost"] = "must be zero or more"
		}
		c.RemedyCost = m
	}
	if len(errs) == 0 {
		c.SettleDates(now)
		if es, ok := kit.FieldErrors(c.Validate()); ok {
			errs = es
		}
	}
	return c, lookup, errs
}

// save checks the values and writes the complaint, and its remedy cost,
// in a command.
func (f *complaintForm) Save() (tea.Cmd, error) {
	c, lookup, errs := f.complaint()
	if err := kit.ErrorsIn(errs, slices.Concat(complaintFields...)); err != nil {
		return nil, err
	}
	store, created := f.store, f.id == 0
	return func() tea.Msg {
		err := kit.LookupInto(kit.Bg(), store, lookup, &c.CustomerID)
		switch {
		case err != nil:
		case created:
			err = store.CreateComplaint(kit.Bg(), &c)
		default:
			err = store.UpdateComplaint(kit.Bg(), &c)
		}
		if err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		verb := "Saved the complaint"
		switch {
		case created && c.Status == model.ComplaintOpen:
			verb = "Opened a complaint"
		case created:
			// Settled on the spot: it was never open here.
			verb = "Recorded a " + string(c.Status) + " complaint"
		}
		if who := kit.StoredName(kit.Bg(), store, c.CustomerID); who != "" {
			verb += " from " + kit.Clean(who)
		}
		return kit.SavedMsg{Text: fmt.Sprintf("%s (%s, %s).", verb, c.Category, c.Status)}
	}, nil
}

// Title implements screen.
func (f *complaintForm) Title() string {
	title := "Complaint"
	if f.id != 0 {
		title = fmt.Sprintf("Complaint #%d", f.id)
	}
	switch {
	case f.data.pick.Customer.ID != 0:
		return title + " from " + f.data.pick.Customer.Name
	case f.id == 0:
		return "New complaint"
	}
	return title
}

// banner is the title and how to save.
func (f *complaintForm) Banner(w int) string {
	st := f.com.Styles
	return kit.Truncate(st.Title.Render(kit.Clean(f.Title()))+st.Muted.Render("  ctrl+s saves from any field"), w)
}

// OpenEdit opens complaint id in the complaint form, to correct it.
func OpenEdit(com *kit.Context, store Store, id int64) tea.Cmd {
	return openComplaintForm(com, store, id, 0, 0)
}

// OpenForm opens a new complaint for a customer (0 for none), about one of
// their orders when orderID is set.
func OpenForm(com *kit.Context, store Store, customerID, orderID int64) tea.Cmd {
	return openComplaintForm(com, store, 0, customerID, orderID)
}
