package customers

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// What the detail shows about reaching the customer: the postal address,
// marketing consent, occasions, the owner's custom fields, reminders and
// what they owe. Each is a labelled field of the detail (field), none
// when there is nothing to say.

// reachFields writes the address and consent lines.
func (d *customerDetail) reachFields(field func(label, value string)) {
	c := d.data.customer
	if !c.Address.IsZero() {
		field("Address", c.Address.OneLine(c.Country))
	}
	if len(c.Consent.Channels()) > 0 {
		// None given is the usual case, and says nothing worth a line.
		field("Consent", "marketing by "+c.Consent.String())
	}
	for _, v := range c.Fields {
		field(v.Name, v.Value)
	}
}

// dateFields writes the occasions, reminders and unpaid orders, each
// with how far away it is.
func (d *customerDetail) dateFields(field func(label, value string)) {
	c := d.data.customer
	today := d.com.Today()
	for i := range c.Occasions {
		label := ""
		if i == 0 {
			label = "Occasions"
		}
		field(label, occasionText(&c.Occasions[i], today))
	}
	for i := range c.Reminders {
		label := ""
		if i == 0 {
			label = "Reminders"
		}
		field(label, reminderText(d.com, &c.Reminders[i]))
	}
	for i, s := range d.paymentTexts() {
		label := ""
		if i == 0 {
			label = "Unpaid"
		}
		field(label, s)
	}
}

// occasionText is one occasion: "Birthday 12 May 1986 (turns 41 in 170
// days)", "Shop opening 24 December 2026, once (in 31 days)".
func occasionText(o *model.Occasion, today time.Time) string {
	date := fmt.Sprintf("%d %s", o.Day, o.Month)
	if o.Year != 0 {
		date += fmt.Sprintf(" %d", o.Year)
	}
	s := o.Title() + " " + date
	if !o.Yearly {
		s += ", once"
	}
	if on, ok := o.Next(today); ok {
		when := relDays(model.DaysBetween(today, on))
		if age := o.Age(on); age > 0 {
			when = fmt.Sprintf("turns %d %s", age, when)
		}
		s += " (" + when + ")"
	} else {
		s += " (past)"
	}
	if n := firstLine(o.Note); n != "" {
		s += " · " + n
	}
	return s
}

// reminderText is one reminder: "2026-12-01 (in 8 days) · every 2
// months · Check the wholesale stock", or "answered" for a one-off that
// has been.
func reminderText(com *kit.Context, r *model.Reminder) string {
	parts := []string{"answered"}
	if !r.Due.IsZero() {
		parts = []string{"due " + com.Date(r.Due) + " (" + relDays(model.DaysBetween(com.Today(), r.Due)) + ")"}
	}
	if rep := r.RepeatText(); rep != "" {
		parts = append(parts, rep+" from "+com.Date(r.Start))
	}
	if n := firstLine(r.Note); n != "" {
		parts = append(parts, n)
	}
	return strings.Join(parts, " · ")
}

// firstLine is the first line of a note.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}

// paymentTexts are the customer's unpaid orders, the oldest due first:
// the amount, the due day and how overdue, the order's day; the total
// when there are several; then what p does.
func (d *customerDetail) paymentTexts() []string {
	unpaid := d.data.unpaid
	if len(unpaid) == 0 {
		return nil
	}
	today := d.com.Today()
	var lines []string
	var total model.Money
	for i := range unpaid {
		o := &unpaid[i]
		total += o.Total()
		due := model.DaysBetween(o.PaymentDue, today)
		when := relDays(-due)
		if o.PaymentOverdue(today) {
			when = "overdue " + model.Plural(due, "day", "days")
		}
		lines = append(lines, fmt.Sprintf("%s due %s, %s · order of %s", d.com.Money(o.Total()),
			d.com.Date(o.PaymentDue), when, d.com.Date(o.OrderedAt)))
	}
	if len(unpaid) == 1 {
		return append(lines, "p marks it paid")
	}
	return append(lines, fmt.Sprintf("%s owed in all · p on one in the timeline marks it paid", d.com.Money(total)))
}

// unpaidMark is how the timeline marks an order waiting for its payment.
func (d *customerDetail) unpaidMark(e model.TimelineEntry) string {
	if e.Kind != model.TimelineOrder {
		return ""
	}
	for i := range d.data.unpaid {
		if o := &d.data.unpaid[i]; o.ID == e.ID {
			if o.PaymentOverdue(d.com.Today()) {
				return "overdue"
			}
			return "unpaid"
		}
	}
	return ""
}

// unpaidOrder is the unpaid order under the cursor; nil when the cursor
// is not on one.
func (d *customerDetail) unpaidOrder() *model.Order {
	e, ok := d.entry()
	if !ok || e.Kind != model.TimelineOrder {
		return nil
	}
	for i := range d.data.unpaid {
		if o := &d.data.unpaid[i]; o.ID == e.ID {
			return o
		}
	}
	return nil
}

// markPaid marks an unpaid order paid today: the one under the cursor,
// else the only one. With several and the cursor elsewhere, it puts the
// cursor on the oldest due and says so: p again marks the one under it,
// ↑/↓ move to another.
func (d *customerDetail) markPaid() tea.Cmd {
	if d.data == nil {
		return nil
	}
	unpaid, name := d.data.unpaid, d.data.customer.Name
	o := d.unpaidOrder()
	switch {
	case len(unpaid) == 0:
		return kit.Status("%s owes nothing.", kit.Clean(name))
	case o == nil && len(unpaid) == 1:
		o = &unpaid[0]
	case o == nil:
		for i, e := range d.data.timeline {
			if e.Kind == model.TimelineOrder && e.ID == unpaid[0].ID {
				d.selectEntry(i)
				return kit.Status("%s owes %d orders: p marks the one under the cursor paid.", kit.Clean(name),
					len(unpaid))
			}
		}
		o = &unpaid[0] // beyond the timeline shown: the oldest due
	}
	what := "the " + d.com.Money(o.Total()) + " order of " + d.com.Date(o.OrderedAt)
	return kit.MarkPaid(d.store, o.ID, what, name, "u", d.com)
}

// paidKey is p as it works where the cursor is.
func (d *customerDetail) paidKey() key.Binding {
	if d.data != nil && d.unpaidOrder() != nil {
		return d.keys.PaidThis
	}
	return d.keys.Paid
}
