package customers

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// customerDetail shows one customer: every field, who referred them and
// whom they referred, their figures and their timeline. The text is laid
// out when the data arrives or the size changes, never on a key press: a
// key moves the cursor (on the customer, or on a timeline entry) or the
// lines shown, and View draws the lines on screen.
type customerDetail struct {
	com   *kit.Context
	store DetailStore
	id    int64
	keys  DetailKeys
	seg   key.Binding // S: put the customer in a segment
	data  *customerLoadedMsg
	also  *alsoBoughtLoadedMsg // nil until it arrives
	gone  bool                 // the customer is no longer in the book
	w, h  int

	lines   []string // laid out by layout
	entryAt []int    // the line of each timeline entry
	top     int      // the first line shown
	// sel is the timeline entry under the cursor; -1 is the customer.
	sel int
	// keep is the entry the cursor stays on across a reload (an edit,
	// a void), by kind and id.
	keep       timelineKey
	hideVoided bool
}

// timelineKey names a timeline entry across reloads.
type timelineKey struct {
	kind model.RecordKind
	id   int64
}

// timelineLimit is how many timeline entries the detail reads.
const timelineLimit = 500

func newCustomerDetail(com *kit.Context, store DetailStore, id int64) *customerDetail {
	return &customerDetail{com: com, store: store, id: id, keys: DefaultDetailKeys(), seg: DefaultMarkKeys().Segment,
		sel: -1}
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
	today := d.com.Today()
	return tea.Batch(loadCustomer(d.store, d.id, today, d.com.Period.On(today), !d.hideVoided), loadAlsoBought(d.store, d.id))
}

// loadCustomer reads everything the detail shows, in a command, its
// figures over period and all time; voided entries of the timeline too
// when withVoided.
func loadCustomer(store DetailStore, id int64, today time.Time, period model.Period, withVoided bool) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		c, err := store.Customer(ctx, id)
		if errors.Is(err, model.ErrNotFound) {
			return customerGoneMsg{id: id}
		}
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
		timeline := store.Timeline
		if withVoided {
			timeline = store.TimelineWithVoided
		}
		if msg.timeline, err = timeline(ctx, id, timelineLimit); err != nil {
			return kit.ErrMsg{Err: err}
		}
		if msg.unpaid, err = store.UnpaidOrders(ctx, id); err != nil {
			return kit.ErrMsg{Err: err}
		}
		ever := model.AllTime()
		fs, err := store.CustomerProfit(ctx, id, period, ever)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		msg.period = period
		msg.inPeriod, msg.ever = model.ProfitOf(fs[0], period.End(today)), model.ProfitOf(fs[1], ever.End(today))
		return msg
	}
}

// SetSize implements screen.
func (d *customerDetail) SetSize(w, h int) {
	d.w, d.h = w, h
	d.layout()
}

// Update implements screen.
func (d *customerDetail) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case customerLoadedMsg:
		if msg.customer.ID != d.id {
			return nil
		}
		d.data, d.gone = &msg, false
		d.layout()
	case customerGoneMsg:
		if msg.id == d.id {
			d.gone = true
		}
	case alsoBoughtLoadedMsg:
		if msg.id == d.id {
			d.also = &msg
			d.layout()
		}
	case kit.DataChangedMsg, kit.PeriodMsg:
		return d.Init()
	case tea.BackgroundColorMsg, kit.SettingsLoadedMsg:
		d.layout()
	case archivedMsg:
		if msg.id == d.id && msg.back {
			return tea.Batch(d.Init(), kit.Status("%s is back.", kit.Clean(msg.name)))
		}
		if msg.id == d.id {
			return tea.Batch(d.Init(), kit.Status("Archived %s. Press u to undo.", kit.Clean(msg.name)))
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			d.scroll(-3)
		case tea.MouseWheelDown:
			d.scroll(3)
		}
	case tea.MouseClickMsg:
		line := d.top + msg.Y
		for i, at := range d.entryAt {
			if at == line && msg.Button == tea.MouseLeft {
				d.selectEntry(i)
			}
		}
	case tea.KeyPressMsg:
		if d.data == nil || d.gone {
			return nil
		}
		return d.handleKey(msg)
	}
	return nil
}

func (d *customerDetail) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	n := len(d.entryAt)
	switch {
	case key.Matches(msg, d.keys.Up):
		switch {
		case d.sel > 0:
			d.selectEntry(d.sel - 1)
		case d.sel == 0:
			d.selectEntry(-1)
		default:
			d.scroll(-1)
		}
	case key.Matches(msg, d.keys.Down):
		switch {
		case d.sel >= 0:
			d.selectEntry(min(d.sel+1, n-1))
		case n > 0 && d.entryAt[0] < d.top+d.h:
			d.selectEntry(0) // the timeline is in view: the cursor enters it
		default:
			d.scroll(1)
		}
	case key.Matches(msg, d.keys.PageUp):
		switch {
		case d.sel > 0:
			d.selectEntry(max(d.sel-d.h, 0))
		default:
			d.selectEntry(-1)
			d.scroll(-d.h)
		}
	case key.Matches(msg, d.keys.PageDown):
		switch {
		case d.sel >= 0:
			d.selectEntry(min(d.sel+d.h, n-1))
		case n > 0 && d.entryAt[0] < d.top+d.h:
			d.selectEntry(min(d.h-1, n-1))
		default:
			d.scroll(d.h)
		}
	case key.Matches(msg, d.keys.Top):
		d.selectEntry(-1)
		d.top = 0
	case key.Matches(msg, d.keys.Bottom):
		if n > 0 {
			d.selectEntry(n - 1)
		} else {
			d.scroll(len(d.lines))
		}
	case key.Matches(msg, d.keys.Timeline):
		if n == 0 {
			return kit.Status("Nothing in %s's timeline yet.", kit.Clean(d.data.customer.Name))
		}
		d.selectEntry(0)
		d.top = d.entryAt[0] - 1 // the heading at the top: as many entries as fit show
		d.clampTop()
	case key.Matches(msg, d.keys.HideVoided):
		d.hideVoided = !d.hideVoided
		if d.hideVoided {
			return tea.Batch(d.Init(), kit.Status("Voided entries hidden; X shows them."))
		}
		return tea.Batch(d.Init(), kit.Status("Voided entries shown, struck."))
	case key.Matches(msg, d.keys.Edit):
		if e, ok := d.entry(); ok {
			return d.editEntry(e)
		}
		return openCustomerForm(d.com, d.store, d.id)
	case key.Matches(msg, d.keys.Archive):
		if e, ok := d.entry(); ok {
			return d.voidEntry(e)
		}
		c := d.data.customer
		return archiveCustomer(d.store, model.CustomerRow{ID: c.ID, Name: c.Name}, !c.Archived())
	case key.Matches(msg, d.keys.Paid):
		return d.markPaid()
	case key.Matches(msg, d.keys.Reminders):
		return openRecords(d.com, d.store, reminders, d.id, d.data.customer.Name)
	case key.Matches(msg, d.keys.Occasions):
		return openRecords(d.com, d.store, occasions, d.id, d.data.customer.Name)
	case key.Matches(msg, d.keys.History):
		return kit.Send(kit.HistoryMsg{CustomerID: d.id})
	case key.Matches(msg, d.keys.Erase):
		return openErase(d.com, d.store, d.id, d.data.customer.Name)
	case key.Matches(msg, d.seg):
		return openSegmentForm(d.com, d.store, []int64{d.id}, d.data.customer.Name)
	default:
		if m := d.keys.Message(msg, d.id); m != nil {
			return kit.Send(m)
		}
	}
	return nil
}

// entry is the timeline entry under the cursor; false on the customer.
func (d *customerDetail) entry() (model.TimelineEntry, bool) {
	if d.data == nil || d.sel < 0 || d.sel >= len(d.data.timeline) {
		return model.TimelineEntry{}, false
	}
	return d.data.timeline[d.sel], true
}

// selectEntry puts the cursor on entry i (-1: the customer) and scrolls
// it into view.
func (d *customerDetail) selectEntry(i int) {
	d.sel = i
	d.keep = timelineKey{}
	if e, ok := d.entry(); ok {
		d.keep = timelineKey{model.RecordKindOf(e.Kind), e.ID}
		line := d.entryAt[i]
		switch {
		case line < d.top:
			d.top = line
		case line >= d.top+d.h:
			d.top = line - d.h + 1
		}
	}
	d.clampTop()
}

// scroll moves the lines shown by n, the cursor staying where it is
// unless it would leave the screen.
func (d *customerDetail) scroll(n int) {
	d.top += n
	d.clampTop()
	if d.sel >= 0 && (d.entryAt[d.sel] < d.top || d.entryAt[d.sel] >= d.top+d.h) {
		d.sel = -1
		d.keep = timelineKey{}
	}
}

func (d *customerDetail) clampTop() { d.top = max(0, min(d.top, len(d.lines)-d.h)) }

// entryWords names a timeline entry for a form's title and the status
// line: "the order of 01/10/2026 · Lavender soap ×30" (the book's order).
func (d *customerDetail) entryWords(e model.TimelineEntry) string {
	return "the " + string(model.RecordKindOf(e.Kind)) + " of " + d.com.Date(e.At) + " · " + e.Summary
}

// editEntry opens the form that corrects the entry; a voided one is
// restored first.
func (d *customerDetail) editEntry(e model.TimelineEntry) tea.Cmd {
	kind := model.RecordKindOf(e.Kind)
	if e.Voided() {
		return kit.Status("The %s is voided: x restores it, then e edits it.", kind)
	}
	return kit.Send(kit.EditRecordMsg{Kind: kind, ID: e.ID})
}

// voidEntry voids the entry (asking for a reason) or restores a voided one.
func (d *customerDetail) voidEntry(e model.TimelineEntry) tea.Cmd {
	kind := model.RecordKindOf(e.Kind)
	if e.Voided() {
		return kit.RestoreRecord(d.store, kind, e.ID, d.entryWords(e))
	}
	return kit.OpenVoid(d.com, d.store, kind, e.ID, d.entryWords(e))
}

// View implements screen: the lines on screen, the entry under the
// cursor highlighted.
func (d *customerDetail) View() string {
	switch {
	case d.gone:
		return d.com.Styles.Muted.Render(strings.Join(kit.Wrap("This customer is no longer in the book: an undo took "+
			"them back, or they were merged into another or erased. esc goes back; U redoes an undo.", d.w), "\n"))
	case d.data == nil:
		return d.com.Styles.Muted.Render("Loading…")
	}
	end := min(d.top+d.h, len(d.lines))
	out := make([]string, 0, end-d.top)
	cursor := -1
	if d.sel >= 0 {
		cursor = d.entryAt[d.sel]
	}
	for i := d.top; i < end; i++ {
		line := d.lines[i]
		if i == cursor {
			line = d.timelineLine(d.data.timeline[d.sel], true)
		}
		out = append(out, line+strings.Repeat(" ", max(0, d.w-kit.Width(line))))
	}
	for len(out) < d.h {
		out = append(out, strings.Repeat(" ", d.w))
	}
	return strings.Join(out, "\n")
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
		badges = append(badges, st.Warn.Render("archived "+d.com.Date(c.ArchivedAt)))
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
		field("Next follow-up", d.com.Date(c.NextReview)+" ("+relDays(model.DaysBetween(today, c.NextReview))+")")
	}
	d.dateFields(field)
	switch {
	case c.Orders == 0 && c.Revenue != 0:
		field("Orders", "none; refunds only · "+d.com.Money(c.Revenue)+" net revenue")
	case c.Orders > 0:
		since := d.com.Date(c.FirstOrder)
		field("Orders", fmt.Sprintf("%d since %s · %s net revenue · last %s (%s)", c.Orders, since,
			d.com.Money(c.Revenue), d.com.Date(c.LastOrder), relDays(model.DaysBetween(today, c.LastOrder))))
	default:
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
	field("Added", d.com.Date(c.CreatedAt))

	lines = append(lines, d.alsoBought()...)
	lines = append(lines, "", kit.Truncate(st.Section.Render("Timeline")+st.Muted.Render(d.timelineNote()), d.w))
	if len(d.data.timeline) == 0 {
		lines = append(lines, st.Muted.Render("Nothing yet."))
	}
	d.entryAt = d.entryAt[:0]
	sel := -1
	for i, e := range d.data.timeline {
		d.entryAt = append(d.entryAt, len(lines))
		lines = append(lines, d.timelineLine(e, false))
		if d.keep.id != 0 && d.keep == (timelineKey{model.RecordKindOf(e.Kind), e.ID}) {
			sel = i
		}
	}
	if len(d.data.timeline) == timelineLimit {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("Only the newest %d entries are shown.", timelineLimit)))
	}
	d.lines = lines
	// The cursor stays on its entry (an edit, a void reloaded the
	// timeline), or on the one now where it was when that is gone.
	switch {
	case sel >= 0:
		d.selectEntry(sel)
	case d.sel >= 0 && len(d.entryAt) > 0:
		d.selectEntry(min(d.sel, len(d.entryAt)-1))
	default:
		d.sel = -1
		d.clampTop()
	}
}

// timelineNote is what the timeline's heading says beside it: how to move
// into it, and how voided entries show.
func (d *customerDetail) timelineNote() string {
	voided := 0
	for _, e := range d.data.timeline {
		if e.Voided() {
			voided++
		}
	}
	note := "  t enters it: e edits, x voids"
	switch {
	case d.hideVoided:
		note += " · voided entries hidden (X shows)"
	case voided > 0:
		note += fmt.Sprintf(" · %d voided, struck (X hides)", voided)
	}
	return note
}

// timelineLine draws one timeline entry: date, kind, summary, amount,
// after the cursor's gutter. A voided entry is struck through and says
// "void" where the amount was (strikethrough may not show), with why.
func (d *customerDetail) timelineLine(e model.TimelineEntry, selected bool) string {
	st := d.com.Styles
	amount := ""
	if e.HasAmount {
		amount = d.com.Money(e.Amount)
	}
	summary := e.Summary
	if e.Voided() {
		amount = "void"
		summary += " · voided " + d.com.Date(e.VoidedAt)
		if e.VoidReason != "" {
			summary += ": " + e.VoidReason
		}
	}
	const dateW, kindW, amountW = 10, 9, 12
	summaryW := max(d.w-dateW-kindW-amountW-5, 5)
	date, kind := kit.FitCell(d.com.Date(e.At), dateW, false), kit.FitCell(string(e.Kind), kindW, false)
	mark := d.unpaidMark(e)
	if mark != "" && !e.Voided() {
		kind = kit.FitCell(mark, kindW, false)
	}
	sum, amt := kit.FitCell(summary, summaryW, false), kit.FitCell(amount, amountW, true)
	switch {
	case selected:
		return st.Selected.Render("▸ " + date + " " + kind + " " + sum + " " + amt)
	case e.Voided():
		return "  " + st.Voided.Render(date+" "+kind+" "+sum+" ") + st.Muted.Render(amt)
	}
	if mark != "" {
		kind = st.Bad.Render(kind)
	} else if e.Kind == model.TimelineRefund || e.Kind == model.TimelineComplaint {
		kind = st.Warn.Render(kind)
	} else {
		kind = st.Muted.Render(kind)
	}
	if e.HasAmount && e.Amount < 0 {
		amt = st.Bad.Render(amt)
	}
	return "  " + date + " " + kind + " " + sum + " " + amt
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

// editKey and xKey are e and x as they work where the cursor is: on the
// customer (edit, archive or bring back) or on an entry (edit it, void
// or restore it; the entry's line names its kind).
func (d *customerDetail) editKey() key.Binding {
	if _, ok := d.entry(); ok {
		return d.keys.EditEntry
	}
	return d.keys.Edit
}

func (d *customerDetail) xKey() key.Binding {
	e, ok := d.entry()
	switch {
	case ok && e.Voided():
		return d.keys.Restore
	case ok:
		return d.keys.Void
	case d.data != nil && d.data.customer.Archived():
		return d.keys.Unarchive
	}
	return d.keys.Archive
}

func (d *customerDetail) voidedKey() key.Binding {
	if d.hideVoided {
		return d.keys.ShowVoided
	}
	return d.keys.HideVoided
}

// ShortHelp implements help.KeyMap: e and x for what is under the cursor
// first.
func (d *customerDetail) ShortHelp() []key.Binding {
	if d.gone {
		return nil
	}
	var keys []key.Binding
	if d.sel >= 0 {
		keys = []key.Binding{d.editKey(), d.xKey(), d.voidedKey(), d.keys.Order, d.keys.Touch, d.keys.Feedback}
	} else {
		keys = []key.Binding{d.editKey(), d.keys.Write, d.keys.Timeline, d.keys.Order, d.keys.Repeat, d.keys.Touch, d.keys.Feedback,
			d.keys.Complaint, d.keys.Cost, d.xKey(), d.seg}
	}
	if d.data != nil && len(d.data.unpaid) > 0 {
		keys = append([]key.Binding{d.paidKey()}, keys...)
	}
	return keys
}

// FullHelp implements help.KeyMap.
func (d *customerDetail) FullHelp() [][]key.Binding {
	if d.gone {
		return nil
	}
	return [][]key.Binding{{d.keys.Up, d.keys.Down, d.keys.PageUp, d.keys.PageDown, d.keys.Top, d.keys.Bottom, d.keys.Timeline},
		{d.editKey(), d.keys.Fit, d.xKey(), d.voidedKey(), d.seg, d.paidKey(), d.keys.Reminders, d.keys.Occasions, d.keys.History, d.keys.Erase},
		d.keys.CustomerActionKeys.Bindings()}
}

// profitLines say what the customer earned the business, by the Profit
// tab's rules: over the period the figures are shown over (the Profit
// tab's picker), then all time when that differs, then less what winning
// them cost. None for a customer with no order or cost.
func (d *customerDetail) profitLines() []string {
	y, e := d.data.inPeriod, d.data.ever
	if !e.Active() && e.Acquisition == 0 {
		return nil
	}
	money := d.com.Money
	earned := func(c model.CustomerProfit) string {
		s := fmt.Sprintf("%s on %s revenue", money(c.Profit), money(c.Revenue))
		if c.NoUnitCost() {
			s += " (no unit cost recorded: add one to the offerings)"
		} else if c.HasMargin {
			s += fmt.Sprintf(" (margin %d%%)", int(math.Round(c.Margin*100)))
		}
		if c.CostToServe != 0 {
			s += ", " + money(c.CostToServe) + " to serve"
		}
		return s
	}
	label := d.data.period.Label()
	var lines []string
	switch {
	case d.data.period.Kind == model.PeriodAllTime:
		lines = append(lines, "all time: "+earned(e))
	case !y.Active():
		lines = append(lines, label+": nothing bought or spent", "all time: "+earned(e))
	case y.Profit != e.Profit || y.Revenue != e.Revenue || y.CostToServe != e.CostToServe:
		lines = append(lines, label+": "+earned(y), "all time: "+earned(e))
	default:
		lines = append(lines, label+" and all time: "+earned(y))
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

// WriteKeys implements kit.Writer.
func (d *customerDetail) WriteKeys() []key.Binding {
	// x restores a voided entry at once; E opens the erasure.
	return append([]key.Binding{d.keys.Edit, d.keys.Archive, d.seg, d.keys.Paid, d.keys.Erase},
		d.keys.CustomerActionKeys.Bindings()...)
}
