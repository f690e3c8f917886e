package demo

import (
	"fmt"
	"strings"
	"time"

	"clientele/model"
)

// What reaching customers needs: postal addresses, marketing consent,
// birthdays and other occasions, reminders, the owner's custom fields and
// trade orders paid on invoice. Its random choices come from g.reach, a
// stream of their own, so that the rest of the business is the same
// whatever is decided here.

// The custom fields Hearth & Lye keeps.
var demoFields = []model.CustomField{
	{Name: "Allergies", Kind: model.FieldText, OnOrder: true, Position: 1},
	{Name: "Skin type", Kind: model.FieldChoice, Choices: []string{"dry", "oily", "combination", "sensitive", "normal"},
		OnOrder: true, Position: 2},
	{Name: "Gift wrap", Kind: model.FieldYesNo, Position: 3},
	{Name: "Gate code", Kind: model.FieldText, Position: 4},
}

// writeFields defines the custom fields and keeps their ids by name.
func (g *generator) writeFields() error {
	g.fieldIDs = map[string]int64{}
	for _, f := range demoFields {
		f.Choices = append([]string(nil), f.Choices...)
		if err := g.l.CustomField(&f); err != nil {
			return fmt.Errorf("custom field %s: %w", f.Name, err)
		}
		g.fieldIDs[f.Name] = f.ID
	}
	return nil
}

// postcodes are the districts of the towns (names.go), in their order;
// the rest of each code is made up.
var postcodes = []string{"HX7", "OL14", "HX1", "LS29", "LS21", "BD23", "HD9", "BD18", "HG1", "YO1"}

var streets = []string{"Mill Lane", "Church Street", "Station Road", "Victoria Road", "Park Avenue", "New Road",
	"Albert Street", "Bridge Street", "Moor Lane", "Chapel Row", "Market Street", "Canal Side", "Hill Top",
	"Queen Street", "Back Lane", "Weavers Court", "Holme Road", "Garden Street"}

var abroad = map[string]struct{ towns, regions []string }{
	"Ireland":     {[]string{"Cork", "Galway", "Kilkenny"}, []string{"Co. Cork", "Co. Galway", "Co. Kilkenny"}},
	"France":      {[]string{"Lyon", "Annecy", "Rouen"}, []string{"Rhône", "Haute-Savoie", "Seine-Maritime"}},
	"Netherlands": {[]string{"Utrecht", "Haarlem", "Delft"}, []string{"Utrecht", "Noord-Holland", "Zuid-Holland"}},
}

// reachFor gives a customer what reaching them needs: an address when
// their orders are posted (and now and then otherwise), consent to
// marketing, a birthday, occasions and reminders the notes speak of, and
// custom field values. With Options.RemindEveryone every customer gets a
// birthday and a reminder.
func (g *generator) reachFor(b *buyer, everyone bool) {
	r := g.reach
	chance := func(p float64) bool { return r.Float64() < p }
	between := func(lo, hi int) int { return lo + r.IntN(hi-lo+1) }
	c := &b.Customer
	posted := b.venue != atStall || c.Channel == model.ChannelMail
	if b.p != prospect && (posted || chance(0.2)) || b.p == prospect && chance(0.1) {
		c.Address = g.address(c.Country)
	}
	since := model.Day(c.CreatedAt)
	if c.Email != "" && chance(0.55) {
		c.Consent.Email = since.AddDate(0, 0, between(0, 30))
	}
	if c.Phone != "" && chance(0.2) {
		c.Consent.SMS = since.AddDate(0, 0, between(0, 30))
	}
	if !c.Address.IsZero() && chance(0.12) {
		c.Consent.Post = since.AddDate(0, 0, between(0, 60))
	}
	for _, ch := range model.ConsentChannels {
		if on := c.Consent.On(ch); on.After(g.today) {
			c.Consent.Set(ch, g.today)
		}
	}
	if b.p != prospect && chance(0.35) || everyone {
		o := model.Occasion{Kind: model.OccasionBirthday, Yearly: true}
		o.Month, o.Day = g.monthDay()
		if chance(0.5) {
			o.Year = between(1950, 2004)
			if o.Month == time.February && o.Day == 29 {
				o.Year = 1988 // born in a leap year
			}
		}
		c.Occasions = append(c.Occasions, o)
	}
	if strings.Contains(c.Notes, "mum's birthday in May") {
		c.Occasions = append(c.Occasions, model.Occasion{Kind: model.OccasionOther, Name: "Mum's birthday",
			Month: time.May, Day: between(1, 31), Yearly: true, Note: "Buys her a gift box."})
	}
	if b.p == champion && chance(0.5) {
		c.Occasions = append(c.Occasions, model.Occasion{Kind: model.OccasionOther, Name: "First order anniversary",
			Month: since.Month(), Day: min(since.Day(), 28), Year: since.Year(), Yearly: true})
	}
	switch {
	case b.p == shop:
		c.Reminders = append(c.Reminders, model.Reminder{Kind: model.ReminderNote, Unit: model.RepeatWeek, Every: 4,
			Start: g.today.AddDate(0, 0, -between(0, 60)), Note: "Ring to check the shelf and offer a restock."})
	case b.p == wholesale:
		c.Reminders = append(c.Reminders, model.Reminder{Kind: model.ReminderNote, Unit: model.RepeatMonth, Every: 3,
			Start: g.firstOfMonth(-between(0, 5)), Note: "Send the new price list."})
	case b.p == prospect && chance(0.15):
		c.Reminders = append(c.Reminders, model.Reminder{Kind: model.ReminderNote,
			Start: g.today.AddDate(0, 0, between(-10, 20)), Note: "Ask if the price list answered their questions."})
	case everyone:
		c.Reminders = append(c.Reminders, g.anyReminder())
	}
	if strings.Contains(c.Notes, "Allergic to lavender") {
		c.Fields = append(c.Fields, model.FieldValue{FieldID: g.fieldIDs["Allergies"], Value: "lavender"})
	} else if chance(0.03) {
		c.Fields = append(c.Fields, model.FieldValue{FieldID: g.fieldIDs["Allergies"],
			Value: pick2(g, []string{"nuts (no shea butter)", "fragrance: unscented only", "citrus oils"})})
	}
	if b.p != prospect && chance(0.2) {
		c.Fields = append(c.Fields, model.FieldValue{FieldID: g.fieldIDs["Skin type"],
			Value: pick2(g, demoFields[1].Choices)})
	}
	if b.p == occasional && chance(0.5) {
		c.Fields = append(c.Fields, model.FieldValue{FieldID: g.fieldIDs["Gift wrap"], Value: "yes"})
	}
	if (b.p == shop || b.p == wholesale) && chance(0.4) {
		c.Fields = append(c.Fields, model.FieldValue{FieldID: g.fieldIDs["Gate code"],
			Value: fmt.Sprintf("%04d#", between(0, 9999))})
	}
}

// pick2 picks from xs with the reach stream.
func pick2[T any](g *generator, xs []T) T { return xs[g.reach.IntN(len(xs))] }

// address makes up a postal address in country.
func (g *generator) address(country string) model.Address {
	r := g.reach
	a := model.Address{Line1: fmt.Sprintf("%d %s", 1+r.IntN(120), pick2(g, streets))}
	if r.Float64() < 0.15 {
		a.Line2 = fmt.Sprintf("Flat %d", 1+r.IntN(12))
	}
	if far, ok := abroad[country]; ok {
		i := r.IntN(len(far.towns))
		a.Town, a.Region = far.towns[i], far.regions[i]
		switch country {
		case "Ireland":
			a.Postcode = fmt.Sprintf("%c%02d %c%c%02d", 'A'+rune(r.IntN(26)), r.IntN(99), 'A'+rune(r.IntN(26)),
				'A'+rune(r.IntN(26)), r.IntN(99))
		case "France":
			a.Postcode = fmt.Sprintf("%05d", 10000+r.IntN(85000))
		default:
			a.Postcode = fmt.Sprintf("%04d %c%c", 1000+r.IntN(8999), 'A'+rune(r.IntN(26)), 'A'+rune(r.IntN(26)))
		}
		return a
	}
	i := r.IntN(len(towns))
	a.Town, a.Region = towns[i], "West Yorkshire"
	if towns[i] == "Harrogate" || towns[i] == "Skipton" || towns[i] == "York" {
		a.Region = "North Yorkshire"
	}
	a.Postcode = fmt.Sprintf("%s %d%c%c", postcodes[i], r.IntN(10), 'A'+rune(r.IntN(26)), 'A'+rune(r.IntN(26)))
	return a
}

// monthDay picks a day of the year (the 29th of February among them).
func (g *generator) monthDay() (time.Month, int) {
	d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.reach.IntN(366))
	return d.Month(), d.Day()
}

// firstOfMonth is the first of the month n months from today's.
func (g *generator) firstOfMonth(n int) time.Time {
	return time.Date(g.today.Year(), g.today.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
}

// anyReminder is one of every kind of reminder, starting within the last
// year or the next two months.
func (g *generator) anyReminder() model.Reminder {
	r := g.reach
	start := g.today.AddDate(0, 0, -365+r.IntN(425))
	m := model.Reminder{Kind: model.ReminderNote, Start: start, Every: 1}
	switch r.IntN(4) {
	case 0:
		m.Note = pick2(g, []string{"Ask how the wedding went.", "Send the new scent list.", "Check the parcel arrived."})
	case 1:
		m.Unit, m.Every, m.Note = model.RepeatWeek, 1+r.IntN(8), "Check in."
	case 2:
		m.Unit, m.Every, m.Note = model.RepeatMonth, 1+r.IntN(6), "Offer a refill."
		if start.Day() > 28 {
			m.Start = start.AddDate(0, 0, -3)
		}
	default:
		m.Unit, m.Note = model.RepeatYear, "Their shop's anniversary: a card."
		if start.Month() == time.February && start.Day() == 29 {
			m.Start = start.AddDate(0, 0, -1)
		}
	}
	return m
}

// payment bills a trade order for later: due 30 days after it, paid around
// then; a few of the last weeks' are late, and those not yet due wait.
func (g *generator) payment(b *buyer, o *model.Order) {
	if b.venue != onInvoice {
		return
	}
	r := g.reach
	o.PaymentDue = model.Day(o.OrderedAt).AddDate(0, 0, 30)
	if !o.PaymentDue.Before(g.today) {
		return
	}
	late := model.DaysBetween(o.PaymentDue, g.today)
	if late < 45 && r.Float64() < 0.25 {
		return // overdue: the daily review asks for it
	}
	paid := o.PaymentDue.AddDate(0, 0, r.IntN(10)-6)
	if paid.After(g.today) {
		paid = g.today
	}
	if paid.Before(model.Day(o.OrderedAt)) {
		paid = model.Day(o.OrderedAt)
	}
	o.PaidOn = paid
}
