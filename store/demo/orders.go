package demo

import (
	"fmt"
	"strings"
	"time"

	"clientele/model"
)

// sale is a stored sale a later refund, complaint or survey can point at.
type sale struct {
	order *model.Order
	line  int // the line a complaint or refund is about
}

// history writes a customer's orders with their costs, refunds and
// complaints, then their feedback and contacts.
func (g *generator) history(b *buyer) error {
	dates := g.orderDates(b)
	sales := make([]sale, 0, len(dates))
	for i, d := range dates {
		o := g.sale(b, d)
		g.payment(b, o)
		if err := g.order(o); err != nil {
			return err
		}
		if err := g.saleCosts(b, o); err != nil {
			return err
		}
		s := sale{order: o, line: g.rng.IntN(len(o.Lines))}
		sales = append(sales, s)
		switch {
		case b.p == drain && i >= len(dates)-2:
			// disputed below
		case g.chance(complaintRate[b.p]):
			if err := g.complaint(b, s, naturally); err != nil {
				return err
			}
		case g.chance(refundRate[b.p]):
			if err := g.returned(b, s); err != nil {
				return err
			}
		}
	}
	if b.p == drain {
		if err := g.disputes(b, sales); err != nil {
			return err
		}
	}
	g.walkIns += float64(len(dates)) * walkInShare
	for g.walkIns >= 1 {
		g.walkIns--
		if err := g.walkIn(); err != nil {
			return err
		}
	}
	if err := g.feedbackFor(b, sales); err != nil {
		return err
	}
	return g.touchesFor(b, sales)
}

// disputes writes the complaints that make a drain: one about the order
// before last, and one about the latest order at least a fortnight old,
// which the owner has not got to yet, past its target (the second drain's
// was put right under the guarantee a few days ago).
func (g *generator) disputes(b *buyer, sales []sale) error {
	if len(sales) >= 2 {
		if err := g.complaint(b, sales[len(sales)-2], naturally); err != nil {
			return err
		}
	}
	if len(sales) == 0 {
		return nil
	}
	how := stillOpen
	if g.seen[drain] == 2 {
		how = justRemedied
	}
	s := sales[len(sales)-1]
	for i := len(sales) - 1; i >= 0; i-- {
		if model.DaysBetween(sales[i].order.OrderedAt, g.today) >= 14 {
			s = sales[i]
			break
		}
	}
	return g.complaint(b, s, how)
}

// walkInShare makes about one order in twenty an unattributed market sale.
const walkInShare = 0.055

// complaintRate and refundRate are the chances that a sale leads to a
// complaint, or to a return without one.
var (
	complaintRate = [personas]float64{champion: 0.01, advocate: 0.01, regular: 0.012, lapsing: 0.015,
		occasional: 0.015, drain: 0.3, shop: 0.04, wholesale: 0.06, former: 0.08}
	refundRate = [personas]float64{champion: 0.01, advocate: 0.015, regular: 0.02, lapsing: 0.02,
		occasional: 0.03, drain: 0.25, shop: 0.02, wholesale: 0.02, former: 0.05}
)

// cadence is the usual number of days between a persona's orders.
var cadence = [personas][2]int{
	champion: {21, 30}, advocate: {45, 75}, regular: {100, 170}, lapsing: {35, 55}, drain: {25, 40},
	shop: {45, 70}, wholesale: {27, 33}, former: {30, 60},
}

// orderDates returns the days the customer ordered on, oldest first.
func (g *generator) orderDates(b *buyer) []time.Time {
	first := model.DaysBetween(g.start, b.since) + g.between(0, 4)
	switch b.p {
	case prospect:
		return nil
	case occasional:
		ds := []int{first}
		if first+30 < g.days && g.chance(0.35) {
			ds = append(ds, g.giftDay(first+30, g.days))
		}
		return g.onDays(b, ds)
	}
	lo, hi := cadence[b.p][0], cadence[b.p][1]
	if b.subscription >= 0 {
		lo, hi = 28, 35 // the box is monthly, give or take a skipped week
	}
	every := g.between(lo, hi)
	end := g.days
	stopAfter := -1
	switch b.p {
	case lapsing:
		// Gone quiet for two to three times their usual gap: well past
		// the 1.5 × median the daily review looks for.
		end = g.days - int(float64(every)*(1.9+g.rng.Float64()))
	case former:
		end = g.days - 120
		stopAfter = g.between(2, 6)
	}
	var ds []int
	for d := first; d <= end && len(ds) != stopAfter; d += int(float64(every) * (0.75 + 0.5*g.rng.Float64())) {
		ds = append(ds, d)
	}
	if len(ds) == 0 && b.p != lapsing && b.p != former {
		ds = append(ds, min(first, g.days))
	}
	return g.onDays(b, ds)
}

// onDays turns day numbers into order times; stall customers buy on the
// Saturday on or before the day.
func (g *generator) onDays(b *buyer, ds []int) []time.Time {
	out := make([]time.Time, 0, len(ds))
	for _, n := range ds {
		d := g.day(min(n, g.days))
		if b.venue == atStall {
			if sat := saturdayOnOrBefore(d); !sat.Before(b.since) {
				out = append(out, g.at(sat, 9, 15))
				continue
			}
		}
		out = append(out, g.at(d, 7, 23))
	}
	return out
}

// saturdayOnOrBefore returns the market day of d's week.
func saturdayOnOrBefore(d time.Time) time.Time {
	return d.AddDate(0, 0, -((int(d.Weekday()) + 1) % 7))
}

// sale makes the customer's order for time t.
func (g *generator) sale(b *buyer, t time.Time) *model.Order {
	o := &model.Order{CustomerID: b.ID, OrderedAt: t, Kind: model.OrderSale}
	switch b.p {
	case wholesale:
		for range g.between(2, 4) {
			it := g.tradeItem()
			scent := g.items[g.retailOf(soap)].Name
			scent = strings.TrimSuffix(scent, " Soap")
			g.addLine(o, it, it.Name+" — "+scent, int64(g.between(1, 4)), it.Price)
		}
		o.Notes = fmt.Sprintf("PO %d", 4000+g.rng.IntN(6000))
		return o
	case shop:
		for range g.between(3, 5) {
			it := g.items[g.retailOf(soap, candle)]
			trade := model.Money(model.DivRound(int64(it.Price)*55, 100*5) * 5) // 55% of retail, to 5p
			g.addLine(o, it, it.Name+" (trade)", int64(2*g.between(3, 6)), trade)
		}
		return o
	}
	if b.subscription >= 0 {
		it := g.items[b.subscription]
		g.addLine(o, it, it.Name, 1, it.Price)
	}
	lo, hi := 1, 3
	switch b.p {
	case champion:
		lo, hi = 2, 4
	case advocate, regular:
		lo, hi = 2, 5
	case lapsing, former:
		lo, hi = 2, 4
	case drain:
		hi = 2
	case occasional:
		if g.chance(0.6) {
			it := g.items[g.retailOf(gift)]
			g.addLine(o, it, it.Name, 1, it.Price)
			o.Notes = pick(g, giftNotes)
			if m := t.Month(); m == time.November || m == time.December {
				o.Notes = "Christmas present: please wrap."
			}
		}
	}
	if b.subscription >= 0 {
		lo, hi = max(0, lo-1), hi-1
	}
	for range g.between(lo, hi) {
		i := g.retailItem()
		if g.chance(0.55) {
			i = pick(g, b.favourites)
		}
		it := g.seasonal(g.items[i], t)
		g.addLine(o, it, it.Name, g.quantity(it), it.Price)
	}
	if b.p != drain && (g.chance(0.03) || b.p == champion && g.chance(0.03)) {
		it, n := g.itemBySKU(pick(g, []string{"WS-CANDLE", "WS-SOAP", "SCENT-CON"})), int64(1)
		switch {
		case b.p == champion && g.chance(0.3):
			it = g.itemBySKU("WS-PARTY")
		case it.SKU != "SCENT-CON" && g.chance(0.3):
			n = 2 // bringing a friend
		}
		g.addLine(o, it, it.Name, n, it.Price)
	}
	if len(o.Lines) == 0 {
		it := g.items[pick(g, b.favourites)]
		g.addLine(o, it, it.Name, 1, it.Price)
	}
	return o
}

var giftNotes = []string{
	"Gift: please add a card saying 'Happy birthday Mum x'.",
	"Gift: no prices in the parcel, please.",
	"Gift for a teacher at the end of term.",
	"Gift: send straight to my sister.",
}

// addLine adds quantity of it to o at price, or adds to the line that
// already holds it.
func (g *generator) addLine(o *model.Order, it item, description string, quantity int64, price model.Money) {
	for i := range o.Lines {
		if l := &o.Lines[i]; l.OfferingID == it.ID && l.Description == description {
			l.Quantity += quantity
			l.Amount = model.Money(l.Quantity) * l.UnitPrice
			return
		}
	}
	ln := model.NewLine(description, quantity, price, it.UnitCost)
	ln.OfferingID = it.ID
	o.Lines = append(o.Lines, ln)
}

// quantity is how many of a retail item a customer buys at once.
func (g *generator) quantity(it item) int64 {
	n := g.rng.IntN(100)
	switch {
	case it.group == soap && n < 15:
		return 3
	case it.group == soap && n < 18:
		return int64(g.between(4, 6))
	case n < 22:
		return 2
	}
	return 1
}

// retailItem picks a soap, candle or gift box, weighted by popularity.
func (g *generator) retailItem() int {
	total := 0
	for _, it := range g.items {
		total += it.weight * retail(it)
	}
	n := g.rng.IntN(total)
	for i, it := range g.items {
		if n -= it.weight * retail(it); n < 0 {
			return i
		}
	}
	return 0
}

func retail(it item) int {
	if it.group == soap || it.group == candle || it.group == gift {
		return 1
	}
	return 0
}

// retailOf picks an item of one of the groups, weighted by popularity, or
// evenly when none of them has a weight.
func (g *generator) retailOf(groups ...group) int {
	var idx []int
	total := 0
	for i, it := range g.items {
		for _, gr := range groups {
			if it.group == gr {
				idx = append(idx, i)
				total += it.weight
			}
		}
	}
	if total == 0 {
		return pick(g, idx)
	}
	n := g.rng.IntN(total)
	for _, i := range idx {
		if n -= g.items[i].weight; n < 0 {
			return i
		}
	}
	return idx[0]
}

func (g *generator) tradeItem() item { return g.items[g.retailOf(trade)] }

func (g *generator) itemBySKU(sku string) item {
	for _, it := range g.items {
		if it.SKU == sku {
			return it
		}
	}
	panic("demo: no offering " + sku) // the catalogue is a constant
}

// seasonal swaps the Winter Spice candle for a travel tin outside October
// to January, when it is not made.
func (g *generator) seasonal(it item, t time.Time) item {
	if it.family == spice {
		if m := t.Month(); m > time.January && m < time.October {
			return g.itemBySKU("CAND-TIN")
		}
	}
	return it
}

// order stores o and counts it.
func (g *generator) order(o *model.Order) error {
	if err := g.l.Order(o); err != nil {
		return fmt.Errorf("order of %s: %w", model.FormatDateTime(o.OrderedAt), err)
	}
	g.sum.Orders++
	g.sum.Lines += len(o.Lines)
	return nil
}

// cost stores c and counts it.
func (g *generator) cost(c model.Cost) error {
	if err := g.l.QueueCost(c); err != nil {
		return fmt.Errorf("cost %q: %w", c.Note, err)
	}
	g.sum.Costs++
	return nil
}

// timeCost stores minutes of the owner's time spent on a customer.
func (g *generator) timeCost(customer, order int64, on time.Time, minutes int, note string) error {
	return g.cost(model.Cost{On: model.Day(on), CustomerID: customer, OrderID: order, Category: model.CostTime,
		Minutes: minutes, Amount: model.TimeCost(minutes, g.settings.HourlyRate), Note: note})
}

// saleCosts writes what serving the sale cost: fees, postage, the owner's
// time and the odd extra material.
func (g *generator) saleCosts(b *buyer, o *model.Order) error {
	total, on := o.Total(), model.Day(o.OrderedAt)
	add := func(cat model.CostCategory, amount model.Money, note string) error {
		return g.cost(model.Cost{On: on, CustomerID: b.ID, OrderID: o.ID, Category: cat, Amount: amount, Note: note})
	}
	if fee, note := g.fee(b.venue, total); fee > 0 {
		if err := add(model.CostFees, fee, note); err != nil {
			return err
		}
	}
	switch b.venue {
	case onInvoice:
		cases := int64(0)
		for _, l := range o.Lines {
			cases += l.Quantity
		}
		if b.p == shop && g.chance(0.4) {
			if err := add(model.CostOther, 450, "Delivered by car: mileage"); err != nil {
				return err
			}
		} else {
			amount, note := model.Money(950), "Courier"
			if b.p == wholesale {
				amount, note = model.Money(1200+250*cases), fmt.Sprintf("Courier, %d cases", cases)
			}
			if err := add(model.CostShipping, amount, note); err != nil {
				return err
			}
		}
	case onEtsy, online:
		if postage, note := postageFor(g, o); postage > 0 {
			if err := add(model.CostShipping, postage, note); err != nil {
				return err
			}
		}
	}
	wrapped := false
	for _, l := range o.Lines {
		if g.items[g.index(l.OfferingID)].group == gift {
			wrapped = true
		}
	}
	switch {
	case b.p == drain:
		if err := g.timeCost(b.ID, o.ID, on, g.between(30, 75), pick(g, drainTime)); err != nil {
			return err
		}
	case b.p == wholesale:
		if err := g.timeCost(b.ID, o.ID, on, g.between(60, 120), "Packing trade cases and the invoice"); err != nil {
			return err
		}
	case b.p == shop:
		if err := g.timeCost(b.ID, o.ID, on, g.between(30, 50), "Picking, labelling and the invoice"); err != nil {
			return err
		}
	case wrapped && g.chance(0.6):
		if err := g.timeCost(b.ID, o.ID, on, g.between(10, 20), "Gift wrapping and a card"); err != nil {
			return err
		}
		if err := add(model.CostMaterials, 120, "Tissue, ribbon and gift card"); err != nil {
			return err
		}
	case g.chance(0.15):
		if err := g.timeCost(b.ID, o.ID, on, g.between(5, 15), "Packing and a handwritten note"); err != nil {
			return err
		}
	}
	return nil
}

var drainTime = []string{
	"Emails about scent strength before dispatch",
	"Re-packed to their instructions",
	"Long call about delivery dates",
	"Messages asking for a discount",
	"Rewrote the order three times",
}

// fee is the payment fee for a sale of total through venue.
func (g *generator) fee(v venue, total model.Money) (model.Money, string) {
	switch v {
	case onEtsy:
		return model.Money(model.DivRound(int64(total)*105, 1000)) + 20, "Etsy transaction and payment fees"
	case online:
		return model.Money(model.DivRound(int64(total)*15, 1000)) + 20, "Card fees (Stripe)"
	case atStall:
		if g.chance(0.25) {
			return 0, "" // paid cash
		}
		return model.Money(model.DivRound(int64(total)*169, 10000)), "Card reader fee"
	}
	return 0, "" // bank transfer
}

// postageFor prices posting o: nothing for workshops alone, more for glass
// and big parcels.
func postageFor(g *generator, o *model.Order) (model.Money, string) {
	heavy, posted := false, false
	for _, l := range o.Lines {
		switch g.items[g.index(l.OfferingID)].group {
		case workshop:
		case soap:
			posted = true
		default:
			posted, heavy = true, true
		}
	}
	switch {
	case !posted:
		return 0, ""
	case o.Total() >= 5000:
		return 650, "Royal Mail Tracked 48"
	case heavy:
		return 450, "Royal Mail 2nd class, small parcel"
	}
	return 335, "Royal Mail 2nd class, large letter"
}

// index returns the position in g.items of the offering with id.
func (g *generator) index(id int64) int {
	return int(id - g.items[0].ID)
}

// returned writes a refund for part of a sale, without a complaint: a
// change of mind or a wrong scent, the goods sent back.
func (g *generator) returned(b *buyer, s sale) error {
	on := s.order.OrderedAt.AddDate(0, 0, g.between(3, 14))
	if on.After(g.now) {
		return nil
	}
	reason := pick(g, []string{"returned unopened, changed their mind", "wrong scent ordered, sent back",
		"duplicate order, second one sent back"})
	if b.p == drain {
		reason = pick(g, []string{"returned: 'scent not strong enough'", "returned: 'smaller than expected'",
			"returned half-used: 'not for me'"})
	}
	return g.refund(b, s, on, reason, true)
}

// refund writes a refund of some of the sale's chosen line, dated on.
// When the goods came back (back is true) the refund line carries their
// unit cost, so the direct cost falls with the revenue; when they did not,
// the cost stays spent.
func (g *generator) refund(b *buyer, s sale, on time.Time, reason string, back bool) error {
	src := s.order.Lines[s.line]
	q := int64(g.between(1, int(src.Quantity)))
	ln := model.NewLine(src.Description, -q, src.UnitPrice, 0)
	ln.OfferingID = src.OfferingID
	if back {
		ln.UnitCost = src.UnitCost
	}
	o := &model.Order{CustomerID: b.ID, OrderedAt: g.at(model.Day(on), 9, 18), Kind: model.OrderRefund,
		Notes: fmt.Sprintf("Refund for order #%d: %s", s.order.ID, reason), Lines: []model.OrderLine{ln}}
	if o.OrderedAt.Before(s.order.OrderedAt) {
		o.OrderedAt = s.order.OrderedAt.Add(time.Hour)
	}
	return g.order(o)
}

// walkIn writes an unattributed sale at the Saturday market stall.
func (g *generator) walkIn() error {
	d := saturdayOnOrBefore(g.day(g.between(0, g.days)))
	if d.Before(g.start) {
		d = d.AddDate(0, 0, 7)
	}
	o := &model.Order{OrderedAt: g.at(d, 9, 15), Kind: model.OrderSale, Notes: "Market stall"}
	for range g.between(1, 3) {
		it := g.seasonal(g.items[g.retailOf(soap, candle)], o.OrderedAt)
		g.addLine(o, it, it.Name, g.quantity(it), it.Price)
	}
	if err := g.order(o); err != nil {
		return err
	}
	if fee, note := g.fee(atStall, o.Total()); fee > 0 {
		if err := g.cost(model.Cost{On: d, OrderID: o.ID, Category: model.CostFees, Amount: fee, Note: note}); err != nil {
			return err
		}
	}
	if g.chance(0.04) {
		return g.commentCard(model.Day(o.OrderedAt))
	}
	return nil
}

// businessCosts writes the costs no single customer caused: market pitch
// fees, craft fair stands and advertising.
func (g *generator) businessCosts() error {
	for d := g.start; !d.After(g.today); d = d.AddDate(0, 0, 1) {
		var c model.Cost
		switch {
		case d.Weekday() == time.Saturday:
			c = model.Cost{Category: model.CostOther, Amount: 1500, Note: "Market pitch fee"}
		case d.Day() == 1:
			c = model.Cost{Category: model.CostAcquisition, Amount: model.Money(g.between(2000, 4000)),
				Note: "Instagram ads for the month"}
		case d.Day() == 15 && d.Month()%2 == 0:
			c = model.Cost{Category: model.CostAcquisition, Amount: model.Money(g.between(4500, 8500)),
				Note: "Craft fair stand: " + pick(g, towns)}
		default:
			continue
		}
		c.On = d
		if err := g.cost(c); err != nil {
			return err
		}
	}
	return nil
}
