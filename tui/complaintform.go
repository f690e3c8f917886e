package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
)

// complaintForm opens or edits a complaint: what went wrong first, then
// what made it right (the remedy, its cost, the guarantee, the status),
// then what stops it happening again. enter moves on and saves after the
// last field; ctrl+s saves from anywhere, so a new complaint is recorded
// as soon as what went wrong is typed. The values live here, so a failed
// save opens the form again, on the field in error, with everything typed.
type complaintForm struct {
	checkedForm
	keys       ComplaintFormKeys
	id         int64 // the complaint edited; 0 for a new one
	customerID int64
	orderID    int64
	data       *complaintFormDataMsg

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

// The complaint form's fields by group, named as the errors name them.
var complaintFields = [][]string{
	{"what went wrong", "category", "severity", "customer", "order", "opened"},
	{"remedy", "remedy cost", "guarantee", "honoured", "status", "remedied"},
	{"prevention", "outcome", "closed"},
}

// complaintOrders is how many of the customer's orders the form offers.
const complaintOrders = 20

func newComplaintForm(com *common, customerID, orderID int64) *complaintForm {
	keys := DefaultComplaintFormKeys()
	return &complaintForm{checkedForm: checkedForm{formChrome: newFormChrome(), com: com}, keys: keys,
		customerID: customerID, orderID: orderID}
}

func editComplaintForm(com *common, id int64) *complaintForm {
	f := newComplaintForm(com, 0, 0)
	f.id = id
	return f
}

// Init loads the complaint, its customer and their recent orders.
func (f *complaintForm) Init() tea.Cmd {
	if f.form != nil {
		return f.form.Init()
	}
	store, id, customerID := f.com.store, f.id, f.customerID
	return func() tea.Msg {
		ctx := bg()
		var msg complaintFormDataMsg
		if id != 0 {
			c, err := store.Complaint(ctx, id)
			if err != nil {
				return errMsg{err}
			}
			msg.complaint, customerID = c, c.CustomerID
		}
		var err error
		if msg.pick, err = loadCustomerPick(ctx, store, customerID); err != nil {
			return errMsg{err}
		}
		if customerID != 0 {
			if msg.orders, err = store.RecentOrders(ctx, customerID, complaintOrders); err != nil {
				return errMsg{err}
			}
		}
		return msg
	}
}

// fill takes the values from the loaded complaint, or the defaults of a
// new one.
func (f *complaintForm) fill(d *complaintFormDataMsg) {
	c := d.complaint
	if f.id == 0 {
		c = model.Complaint{OpenedOn: f.com.today(), CustomerID: f.customerID, OrderID: f.orderID,
			Category: model.ComplaintQuality, Severity: model.SeverityMedium, Status: model.ComplaintOpen}
	}
	// Stored text is shown in one-line fields, so it is made printable
	// (control characters visible, line breaks spaces); a field saves what
	// was typed only when it was changed (complaint).
	f.what, f.customer, f.opened = clean(c.WhatWentWrong), d.pick.text, model.FormatDate(c.OpenedOn)
	f.category, f.severity, f.order = c.Category, c.Severity, c.OrderID
	f.remedy, f.guarantee, f.status = clean(c.Remedy), c.Guarantee, c.Status
	if c.RemedyCost != 0 {
		f.cost = c.RemedyCost.Decimal()
	}
	f.honoured, f.remedied = model.FormatDate(c.HonouredOn), model.FormatDate(c.RemediedOn)
	f.prevention, f.outcome, f.closed = clean(c.Prevention), clean(c.Outcome), model.FormatDate(c.ClosedOn)
	f.initial = f.snapshot()
}

func (f *complaintForm) snapshot() string {
	return strings.Join([]string{f.what, f.customer, f.opened, string(f.category), string(f.severity),
		sprintf("%d", f.order), f.remedy, f.cost, f.honoured, f.remedied, sprintf("%v", f.guarantee),
		string(f.status), f.prevention, f.outcome, f.closed}, "\x00")
}

// build makes the huh form over the values.
func (f *complaintForm) build() {
	f.inputs = namedInputs{}
	in := f.input
	categories := make([]huh.Option[model.ComplaintCategory], len(model.ComplaintCategories))
	for i, c := range model.ComplaintCategories {
		categories[i] = huh.NewOption(string(c), c)
	}
	severities := make([]huh.Option[model.Severity], len(model.Severities))
	for i, s := range model.Severities {
		severities[i] = huh.NewOption(sprintf("%s (%dd)", s, model.TargetDays(f.com.settings, s)), s)
	}
	statuses := make([]huh.Option[model.ComplaintStatus], len(model.ComplaintStatuses))
	for i, s := range model.ComplaintStatuses {
		statuses[i] = huh.NewOption(string(s), s)
	}
	orders := []huh.Option[int64]{huh.NewOption("none", int64(0))}
	found := f.order == 0
	for _, o := range f.data.orders {
		label := model.FormatDate(o.OrderedAt) + " · " + model.Printable(o.Summary) + " · " + f.com.money(o.Total)
		if o.Kind != model.OrderSale {
			label += " (" + string(o.Kind) + ")"
		}
		orders = append(orders, huh.NewOption(label, o.ID))
		found = found || o.ID == f.order
	}
	if !found {
		orders = append(orders, huh.NewOption(sprintf("order #%d", f.order), f.order))
	}
	dateHelp := "YYYY-MM-DD, today, yesterday, -3"
	f.finish(huh.NewForm(
		huh.NewGroup(
			in("what went wrong", "What went wrong", &f.what),
			huh.NewSelect[model.ComplaintCategory]().Title("Category").Options(categories...).Value(&f.category).Inline(true),
			huh.NewSelect[model.Severity]().Title("Severity (days to remedy)").Options(severities...).Value(&f.severity).Inline(true),
			in("customer", "Customer", &f.customer).Suggestions(f.data.pick.list).Placeholder("a name or #id; blank for none"),
			huh.NewSelect[int64]().Title("About the order").Options(orders...).Value(&f.order).Inline(true),
			in("opened", "Opened", &f.opened).Placeholder(dateHelp),
		).Title("The complaint"),
		huh.NewGroup(
			in("remedy", "Remedy: what made it right", &f.remedy),
			in("remedy cost", "Remedy cost (a cost to serve)", &f.cost).Placeholder("0.00"),
			huh.NewSelect[bool]().Title("Guarantee invoked").Options(huh.NewOption("no", false), huh.NewOption("yes", true)).
				Value(&f.guarantee).Inline(true),
			in("honoured", "Guarantee honoured on", &f.honoured).Placeholder("blank: the remedy date"),
			huh.NewSelect[model.ComplaintStatus]().Title("Status").Options(statuses...).Value(&f.status).Inline(true),
			in("remedied", "Remedied on", &f.remedied).Placeholder("blank: today, once remedied"),
		).Title("Making it right"),
		huh.NewGroup(
			in("prevention", "Prevention: what stops it happening again", &f.prevention),
			in("outcome", "Outcome", &f.outcome),
			in("closed", "Closed on", &f.closed).Placeholder("blank: today, once closed"),
		).Title("So it does not happen again"),
	).WithKeyMap(choiceKeyMap()), complaintFields)
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
		if typed != clean(*dst) {
			*dst = typed
		}
	}
	keep(&c.WhatWentWrong, f.what)
	keep(&c.Remedy, f.remedy)
	keep(&c.Prevention, f.prevention)
	keep(&c.Outcome, f.outcome)
	c.Category, c.Severity, c.OrderID, c.Guarantee, c.Status = f.category, f.severity, f.order, f.guarantee, f.status
	id, lookup, err := f.data.pick.resolve(f.customer)
	if err != nil {
		errs["customer"] = err.Error()
	}
	c.CustomerID = id
	now := f.com.now()
	date := func(field, s string, required bool) time.Time {
		if strings.TrimSpace(s) == "" {
			if required {
				errs[field] = "is required (" + "YYYY-MM-DD or today)"
			}
			return time.Time{}
		}
		d, err := model.ParseDate(s, now)
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
		if es, ok := fieldErrors(c.Validate()); ok {
			errs = es
		}
	}
	return c, lookup, errs
}

// save checks the values and writes the complaint, and its remedy cost,
// in a command.
func (f *complaintForm) save() tea.Cmd {
	c, lookup, errs := f.complaint()
	if len(errs) > 0 {
		return f.fail(errs, f.build)
	}
	f.saving, f.saveErr = true, ""
	store, created := f.com.store, f.id == 0
	return func() tea.Msg {
		err := lookupInto(bg(), store, lookup, &c.CustomerID)
		switch {
		case err != nil:
		case created:
			err = store.CreateComplaint(bg(), &c)
		default:
			err = store.UpdateComplaint(bg(), &c)
		}
		if err != nil {
			return complaintSaveFailedMsg{err}
		}
		return complaintSavedMsg{complaint: c, customer: storedName(bg(), store, c.CustomerID), created: created}
	}
}

// Title implements screen.
func (f *complaintForm) Title() string {
	title := "Complaint"
	if f.id != 0 {
		title = sprintf("Complaint #%d", f.id)
	}
	switch {
	case f.data != nil && f.data.pick.customer.ID != 0:
		return title + " from " + f.data.pick.customer.Name
	case f.id == 0:
		return "New complaint"
	}
	return title
}

// Update implements screen.
func (f *complaintForm) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case complaintFormDataMsg:
		if f.data != nil {
			return nil
		}
		f.data = &msg
		f.fill(f.data)
		f.build()
		return f.form.Init()
	case complaintSavedMsg:
		verb := "Saved the complaint"
		if msg.created {
			verb = "Opened a complaint"
		}
		if msg.customer != "" {
			verb += " from " + clean(msg.customer)
		}
		return tea.Batch(back, status("%s (%s, %s).", verb, msg.complaint.Category, msg.complaint.Status))
	case complaintSaveFailedMsg:
		return f.saveFailed(msg.err, f.build)
	case tea.KeyPressMsg:
		if handled, cmd := f.guard(msg, f.snapshot()); handled {
			return cmd
		}
		if f.form != nil && key.Matches(msg, f.keys.Save) {
			return f.save()
		}
	}
	if f.form == nil {
		return nil
	}
	cmd, completed := f.update(msg)
	if completed {
		return f.save()
	}
	return cmd
}

// View implements screen.
func (f *complaintForm) View() string {
	st := f.com.styles
	if f.form == nil {
		return st.Muted.Render("Loading…")
	}
	return f.show(st.Title.Render(clean(f.Title())) + st.Muted.Render("  ctrl+s saves from any field"))
}

// ShortHelp implements help.KeyMap.
func (f *complaintForm) ShortHelp() []key.Binding {
	if f.form == nil {
		return f.keysHelp()
	}
	return f.keysHelp(append([]key.Binding{f.keys.Save}, f.form.KeyBinds()...)...)
}

// FullHelp implements help.KeyMap.
func (f *complaintForm) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
