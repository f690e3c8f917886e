package customers

import (
	"fmt"
	"math"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// customerDetail shows one customer: every field, who referred them and
// whom they referred, their figures and their timeline. The text is laid
// out when the data arrives or the size changes, never on a key press.
type customerDetail struct {
	com   *kit.Context
	store DetailStore
	id    int64
	keys  DetailKeys
	seg   key.Binding // S: put the customer in a segment
	data  *customerLoadedMsg
	also  *alsoBoughtLoadedMsg // nil until it arrives
	vp    viewport.Model
	w, h  int
}

// timelineLimit is how many timeline entries the detail reads.
const timelineLimit = 500

func newCustomerDetail(com *kit.Context, store DetailStore, id int64) *customerDetail {
	d := &customerDetail{com: com, store: store, id: id, keys: DefaultDetailKeys(), seg: DefaultMarkKeys().Segment, vp: viewport.New()}
	d.vp.KeyMap = viewport.KeyMap{} // keys are ours (DetailKeys)
	return d
}

// Title implements screen.
func (d *customerDetail) Title() string {
	if d.data == nil {
		return "Customer"
	}
	return d.data.customer.Name
}

// Init loads the customer, and what to suggest to them in a second
// command: the detail shows as soon as the first answers.
func (d *customerDetail) Init() tea.Cmd {
	return tea.Batch(loadCustomer(d.store, d.id, d.com.Today()), loadAlsoBought(d.store, d.id))
}

// loadCustomer reads everything the detail shows, in a command.
func loadCustomer(store DetailStore, id int64, today time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		c, err := store.Customer(ctx, id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		msg := customerLoadedMsg{customer: c}
		if c.ReferredBy != 0 {
			if r, err := store.Customer(ctx, c.ReferredBy); err == nil {
				msg.referrer = r.Name
			}
		}
		if msg.referrals, err = store.Referrals(ctx, id); err != nil {
			return kit.ErrMsg{Err: err}
		}
		if msg.timeline, err = store.Timeline(ctx, id, timelineLimit); err != nil {
			return kit.ErrMsg{Err: err}
		}
		if msg.unpaid, err = store.UnpaidOrders(ctx, id); err != nil {
			return kit.ErrMsg{Err: err}
		}
		year, ever := model.Last12Months(today), model.AllTime()
		fs, err := store.CustomerProfit(ctx, id, year, ever)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		msg.year, msg.ever = model.ProfitOf(fs[0], year.End(today)), model.ProfitOf(fs[1], ever.End(today))
		return msg
	}
}

// SetSize implements screen.
func (d *customerDetail) SetSize(w, h int) {
	d.w, d.h = w, h
	d.vp.SetWidth(w)
	d.vp.SetHeight(h)
	d.layout()
}

// Update implements screen.
func (d *customerDetail) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case customerLoadedMsg:
		if msg.customer.ID != d.id {
			return nil
		}
		d.data = &msg
		d.layout()
	case alsoBoughtLoadedMsg:
		if msg.id == d.id {
			d.also = &msg
			d.layout()
		}
	case kit.DataChangedMsg:
		return d.Init()
	case tea.BackgroundColorMsg, kit.SettingsLoadedMsg:
		d.layout()
	case archivedMsg:
		if msg.id == d.id && msg.back {
			return tea.Batch(d.Init(), kit.Status("%s is back.", kit.Clean(msg.name)))
		}
		if msg.id == d.id {
			return tea.Batch(d.Init(), kit.Status("Archived %s.", kit.Clean(msg.name)))
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			d.vp.ScrollUp(3)
		case tea.MouseWheelDown:
			d.vp.ScrollDown(3)
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, d.keys.Up):
			d.vp.ScrollUp(1)
		case key.Matches(msg, d.keys.Down):
			d.vp.ScrollDown(1)
		case key.Matches(msg, d.keys.PageUp):
			d.vp.PageUp()
		case key.Matches(msg, d.keys.PageDown):
			d.vp.PageDown()
		case key.Matches(msg, d.keys.Edit):
			return openCustomerForm(d.com, d.store, d.id)
		case key.Matches(msg, d.keys.Paid):
			return d.markPaid()
		case key.Matches(msg, d.seg):
			if d.data != nil {
				return openSegmentForm(d.com, d.store, []int64{d.id}, d.data.customer.Name)
			}
		case key.Matches(msg, d.keys.Archive):
			if d.data != nil {
				c := d.data.customer
				return archiveCustomer(d.store, model.CustomerRow{ID: c.ID, Name: c.Name}, !c.Archived())
			}
		default:
			if m := d.keys.Message(msg, d.id); m != nil {
				return func() tea.Msg { return m }
			}
		}
	}
	return nil
}

// View implements screen.
func (d *customerDetail) View() string {
	if d.data == nil {
		return d.com.Styles.Muted.Render("Loading…")
	}
	return d.vp.View()
}

// labelWidth is the width of the label column.
const labelWidth = 15

// layout writes the detail's lines for the current width.
func (d *customerDetail) layout() {
	if d.data == nil || d.w <= 0 {
		return
	}
	st := d.com.Styles
	c := d.data.customer
	today := d.com.Today()
	valueW := max(d.w-labelWidth-1, 10)
	var lines []string
	field := func(label, value string) {
		if value == "" {
			return
		}
		for i, l := range kit.Wrap(value, valueW) {
			if i == 0 {
				lines = append(lines, st.Label.Render(kit.FitCell(label, labelWidth, false))+" "+l)
			} else {
				lines = append(lines, strings.Repeat(" ", labelWidth+1)+l)
			}
		}
	}

	// Heading: name, then what kind of customer at a glance.
	badges := []string{st.Stage(c.Stage).Render(string(c.Stage))}
	if c.Fit > 0 {
		badges = append(badges, fmt.Sprintf("fit %d/5", c.Fit))
	} else {
		badges = append(badges, st.Muted.Render("fit not rated"))
	}
	if t := d.com.Settings.TierName(c.Tier); t != "" {
		badges = append(badges, kit.Clean(t)+" tier")
	}
	if c.Archived() {
		badges = append(badges, st.Warn.Render("archived "+model.FormatDate(c.ArchivedAt)))
	}
	lines = append(lines, kit.Truncate(st.Title.Render(kit.Clean(c.Name))+"  "+strings.Join(badges, st.Muted.Render(" · ")), d.w))
	var org []string
	for _, s := range []string{c.Company, c.Country} {
		if s != "" {
			org = append(org, kit.Clean(s))
		}
	}
	if len(org) > 0 {
		lines = append(lines, st.Muted.Render(kit.Truncate(strings.Join(org, " · "), d.w)))
	}
	lines = append(lines, "")

	// Contact, the preferred channel first and marked.
	var contact []string
	if p := c.Contact(); p != "" {
		contact = append(contact, p+" (preferred)")
	} else if c.Channel != "" {
		contact = append(contact, "prefers "+string(c.Channel)+", but has no contact detail for it")
	}
	for _, x := range []struct{ label, v string }{{"email ", c.Email}, {"phone ", c.Phone}, {"social ", c.Social}} {
		if x.v != "" && !strings.Contains(c.Contact(), x.v) {
			contact = append(contact, x.label+x.v)
		}
	}
	for i, s := range contact {
		if i == 0 {
			field("Contact", s)
		} else {
			field("", s)
		}
	}
	d.reachFields(field)
	field("Values", strings.Join(c.Values, ", "))
	field("How they speak", c.Language)
	field("Segments", strings.Join(c.Segments, ", "))
	source := c.Source
	if c.AcquisitionCost > 0 {
		source = strings.TrimPrefix(source+" · acquisition cost "+d.com.Money(c.AcquisitionCost), " · ")
	}
	field("Source", source)
	field("Referred by", d.data.referrer)
	if n := len(d.data.referrals); n > 0 {
		names := make([]string, 0, n)
		for _, r := range d.data.referrals {
			names = append(names, r.Name)
		}
		field("Referred", fmt.Sprintf("%d: %s", n, strings.Join(names, ", ")))
	}
	if !c.NextReview.IsZero() {
		field("Next follow-up", model.FormatDate(c.NextReview)+" ("+relDays(model.DaysBetween(today, c.NextReview))+")")
	}
	d.dateFields(field)
	if c.Orders > 0 || c.Revenue != 0 {
		since := model.FormatDate(c.FirstOrder)
		field("Orders", fmt.Sprintf("%d since %s · %s net revenue · last %s (%s)", c.Orders, since,
			d.com.Money(c.Revenue), model.FormatDate(c.LastOrder), relDays(model.DaysBetween(today, c.LastOrder))))
	} else {
		field("Orders", "none yet")
	}
	for i, s := range d.profitLines() {
		if i == 0 {
			field("Profit", s)
		} else {
			field("", s)
		}
	}
	if c.Ref != "" {
		field("Imported as", c.RefSource+" "+c.Ref)
	}
	field("Notes", c.Notes)
	if c.Stage == model.StageFormer {
		field("Let go", c.LetGoReason)
	}
	field("Added", model.FormatDate(c.CreatedAt))

	lines = append(lines, d.alsoBought()...)
	lines = append(lines, "", st.Section.Render("Timeline"))
	if len(d.data.timeline) == 0 {
		lines = append(lines, st.Muted.Render("Nothing yet."))
	}
	for _, e := range d.data.timeline {
		lines = append(lines, d.timelineLine(e))
	}
	if len(d.data.timeline) == timelineLimit {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("Only the newest %d entries are shown.", timelineLimit)))
	}
	d.vp.SetContentLines(lines)
}

// timelineLine draws one timeline entry: date, kind, summary, amount.
func (d *customerDetail) timelineLine(e model.TimelineEntry) string {
	st := d.com.Styles
	amount := ""
	if e.HasAmount {
		amount = d.com.Money(e.Amount)
	}
	const dateW, kindW, amountW = 10, 9, 12
	summaryW := max(d.w-dateW-kindW-amountW-3, 5)
	kind := kit.FitCell(string(e.Kind), kindW, false)
	if mark := d.unpaidMark(e); mark != "" {
		kind = st.Bad.Render(kit.FitCell(mark, kindW, false))
	} else if e.Kind == model.TimelineRefund || e.Kind == model.TimelineComplaint {
		kind = st.Warn.Render(kind)
	} else {
		kind = st.Muted.Render(kind)
	}
	amt := kit.FitCell(amount, amountW, true)
	if e.HasAmount && e.Amount < 0 {
		amt = st.Bad.Render(amt)
	}
	return kit.FitCell(model.FormatDate(e.At), dateW, false) + " " + kind + " " + kit.FitCell(e.Summary, summaryW, false) + " " + amt
}

// relDays says how far a day is from today: "today", "in 3 days", "12 days ago".
func relDays(n int) string {
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n > 0:
		return "in " + model.Commas(n) + " days"
	}
	return model.Commas(-n) + " days ago"
}

// archiveKey is x as it works on this customer: archive, or bring back.
func (d *customerDetail) archiveKey() key.Binding {
	if d.data != nil && d.data.customer.Archived() {
		return d.keys.Unarchive
	}
	return d.keys.Archive
}

// ShortHelp implements help.KeyMap.
func (d *customerDetail) ShortHelp() []key.Binding {
	keys := []key.Binding{d.keys.Edit, d.keys.Write, d.keys.Order, d.keys.Repeat, d.keys.Touch, d.keys.Feedback,
		d.keys.Complaint, d.keys.Cost, d.archiveKey(), d.seg}
	if d.data != nil && len(d.data.unpaid) > 0 {
		keys = append([]key.Binding{d.keys.Paid}, keys...)
	}
	return keys
}

// FullHelp implements help.KeyMap.
func (d *customerDetail) FullHelp() [][]key.Binding {
	return [][]key.Binding{{d.keys.Up, d.keys.Down, d.keys.PageUp, d.keys.PageDown}, {d.keys.Edit, d.archiveKey(), d.seg, d.keys.Paid},
		d.keys.CustomerActionKeys.Bindings()}
}

// profitLines say what the customer earned the business, by the Profit
// tab's rules: over the last 12 months, then all time when that differs,
// then less what winning them cost. None for a customer with no order or
// cost.
func (d *customerDetail) profitLines() []string {
	y, e := d.data.year, d.data.ever
	if !e.Active() && e.Acquisition == 0 {
		return nil
	}
	money := d.com.Money
	earned := func(c model.CustomerProfit) string {
		s := fmt.Sprintf("%s on %s revenue", money(c.Profit), money(c.Revenue))
		if c.HasMargin {
			s += fmt.Sprintf(" (margin %d%%)", int(math.Round(c.Margin*100)))
		}
		if c.CostToServe != 0 {
			s += ", " + money(c.CostToServe) + " to serve"
		}
		return s
	}
	var lines []string
	switch {
	case !y.Active():
		lines = append(lines, "last 12 months: nothing bought or spent", "all time: "+earned(e))
	case y.Profit != e.Profit || y.Revenue != e.Revenue || y.CostToServe != e.CostToServe:
		lines = append(lines, "last 12 months: "+earned(y), "all time: "+earned(e))
	default:
		lines = append(lines, "last 12 months and all time: "+earned(y))
	}
	if e.Acquisition != 0 {
		lines = append(lines, fmt.Sprintf("lifetime: %s after the %s it cost to win them",
			money(e.LifetimeProfit), money(e.Acquisition)))
	}
	return lines
}

// alsoBoughtShown is how many suggestions the customer detail lists.
const alsoBoughtShown = 5

// loadAlsoBought reads the co-purchases of the customer's items and ranks
// what to suggest to them, in a command.
func loadAlsoBought(store model.AlsoBoughtStore, id int64) tea.Cmd {
	return func() tea.Msg {
		bought, co, err := store.CoPurchases(kit.Bg(), id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return alsoBoughtLoadedMsg{id: id, suggestions: model.AlsoBought(bought, co, alsoBoughtShown),
			bought: len(bought) > 0}
	}
}

// alsoBought lays out the detail's "Also bought" section: each item the
// customer never bought that others bought with theirs, how often
// (confidence), in how many orders (support) and with what.
func (d *customerDetail) alsoBought() []string {
	if d.also == nil {
		return nil
	}
	st := d.com.Styles
	lines := []string{"", st.Section.Render("Also bought") +
		st.Muted.Render(kit.Truncate("  what others who bought the same also bought", max(d.w-11, 0)))}
	switch {
	case !d.also.bought:
		return append(lines, st.Muted.Render("Suggestions come with their first order."))
	case len(d.also.suggestions) == 0:
		return append(lines, st.Muted.Render("Nothing others bought with theirs yet."))
	}
	nameW := min(max(d.w/3, 8), 28)
	const pctW = 4
	restW := max(d.w-nameW-pctW-2, 0)
	for _, s := range d.also.suggestions {
		why := fmt.Sprintf("%d of %d orders with %s", s.Support, s.Orders, s.Because.Name)
		lines = append(lines, kit.FitCell(s.Item.Name, nameW, false)+" "+kit.FitCell(fmt.Sprintf("%d%%", s.Percent()), pctW, true)+
			" "+st.Muted.Render(kit.FitCell(why, restW, false)))
	}
	return lines
}

// OpenDetail shows customer id's detail on top; it loads in its Init.
func OpenDetail(com *kit.Context, store DetailStore, id int64) tea.Cmd {
	return kit.Push(func() kit.Screen { return newCustomerDetail(com, store, id) })
}
