package demo

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"clientele/model"
)

// This file is what customers said and what the owner did about it:
// complaints, feedback and the contact log.

// grievance is a kind of thing that goes wrong, the products it can go
// wrong with, and the ways the owner has of putting it right.
type grievance struct {
	category model.ComplaintCategory
	groups   []group // the catalogue groups it happens to
	severity []model.Severity
	what     []string // %s is the product
	remedies []remedy
}

// remedy is one way of making a complaint right.
type remedy struct {
	text       string // %s, when there is one, is the product
	kind       remedyKind
	prevention string
}

type remedyKind int

const (
	replace  remedyKind = iota // send the item again (or a new workshop place): its cost
	refundIt                   // refund the line: a refund order
	voucher                    // £5 off the next order
	apology                    // words, no money
)

var (
	posted   = []group{soap, candle, gift, subscription, trade}
	anything = []group{soap, candle, gift, subscription, trade, workshop}
)

var grievances = []grievance{
	{model.ComplaintQuality, []group{candle, gift, subscription}, []model.Severity{model.SeverityMedium, model.SeverityHigh},
		[]string{"The %s tunnelled after two burns.", "The wick of the %s drowned halfway down.",
			"The %s left soot all over the jar."},
		[]remedy{
			{"Sent a replacement %s first class, with a note.", replace, "Every wick size gets a four-hour test burn before a batch is listed."},
			{"Refunded the %s in full and apologised.", refundIt, "Wicks are trimmed and tested on one candle from every pour."},
		}},
	{model.ComplaintQuality, []group{soap}, []model.Severity{model.SeverityMedium, model.SeverityMedium, model.SeverityHigh},
		[]string{"The %s arrived soft and sweating.", "The %s cracked in the shower after a week.",
			"The %s lost its scent within a fortnight."},
		[]remedy{
			{"Sent a replacement %s first class, with a note.", replace, "Batches now cure six weeks and are checked before listing."},
			{"Refunded the %s in full and apologised.", refundIt, "Soap is wrapped only once it has cured and passed a sniff test."},
		}},
	{model.ComplaintDelivery, posted, []model.Severity{model.SeverityMedium, model.SeverityHigh},
		[]string{"The parcel arrived crushed and the %s was broken.", "The parcel with the %s went missing.",
			"The %s arrived after the birthday it was for."},
		[]remedy{
			{"Re-sent the %s by tracked post at our cost.", replace, "Orders over £30 now go tracked."},
			{"Refunded the %s; Royal Mail claim filed.", refundIt, "Switched to double-walled boxes with more paper fill."},
		}},
	{model.ComplaintCommunication, anything, []model.Severity{model.SeverityLow, model.SeverityMedium},
		[]string{"Two emails about the %s went unanswered for a week.", "Nobody said the %s would be late."},
		[]remedy{
			{"Apologised by phone and took £5 off the next order.", voucher, "An auto-reply now says when I will answer, and I answer within two days."},
			{"Apologised and explained the delay.", apology, "Dispatch dates are on every order confirmation now."},
		}},
	{model.ComplaintBilling, anything, []model.Severity{model.SeverityMedium, model.SeverityHigh},
		[]string{"Charged twice for the %s."},
		[]remedy{
			{"Refunded the duplicate charge the same day.", apology, "Check the card reader's receipt before a second tap."},
		}},
	{model.ComplaintBilling, []group{trade}, []model.Severity{model.SeverityLow, model.SeverityMedium},
		[]string{"The invoice for the %s had the wrong VAT number.", "The invoice for the %s went to the wrong address."},
		[]remedy{
			{"Sent a corrected invoice and apologised.", apology, "Invoices are made from a template with the trade details filled in."},
		}},
	{model.ComplaintExpectations, []group{soap, candle, gift, subscription}, []model.Severity{model.SeverityLow, model.SeverityMedium},
		[]string{"The %s is smaller than the photos suggested.", "Expected the %s to smell stronger.",
			"The %s was not the colour in the listing."},
		[]remedy{
			{"Refunded the %s; the customer kept it.", refundIt, "Listing photos now show the product next to a mug for scale."},
			{"Swapped the %s for another scent at our cost.", replace, "Listings now describe scent strength as light, medium or strong."},
			{"Explained, and sent a sample of a stronger scent.", voucher, ""},
		}},
	{model.ComplaintExpectations, []group{workshop}, []model.Severity{model.SeverityLow, model.SeverityMedium},
		[]string{"The %s felt rushed: no time to finish properly.", "The %s was too crowded to see the demonstration."},
		[]remedy{
			{"Offered a free place on the next one.", replace, "Workshops are capped at six people, with a break before pouring."},
			{"Refunded the %s and apologised.", refundIt, "The booking page says what each workshop covers and how long it runs."},
		}},
	{model.ComplaintOther, []group{soap}, []model.Severity{model.SeverityHigh},
		[]string{"A rash after using the %s."},
		[]remedy{
			{"Refunded the %s, sent the full ingredient list and apologised.", refundIt, "Every label lists all allergens, in bigger print."},
		}},
}

// grievanceFor picks something that can go wrong with an item of group gr:
// trade customers only ever have trouble with deliveries and invoices.
// With guarantee, only something the guarantee covers.
func (g *generator) grievanceFor(gr group, trader, guarantee bool) grievance {
	var fits []int
	for i, x := range grievances {
		switch {
		case !slices.Contains(x.groups, gr),
			trader && x.category != model.ComplaintDelivery && x.category != model.ComplaintBilling,
			guarantee && !guaranteed(x.category):
			continue
		}
		fits = append(fits, i)
	}
	return grievances[pick(g, fits)]
}

// guaranteed reports whether the happy-or-replaced guarantee covers
// complaints of category c: the goods themselves, not words or invoices.
func guaranteed(c model.ComplaintCategory) bool {
	return c != model.ComplaintCommunication && c != model.ComplaintBilling && c != model.ComplaintOther
}

// recovery says how far the owner has got with a complaint.
type recovery int

const (
	naturally    recovery = iota // as far as its age suggests, mostly closed
	stillOpen                    // open, and past the target for its severity
	justRemedied                 // put right under the guarantee days ago, not yet closed
)

var outcomes = []string{
	"Happy; reordered within the month.",
	"Accepted the fix; quiet since.",
	"Left a five-star review after the fix.",
	"Thanked us for the quick response.",
	"Still grumbling, but kept ordering.",
}

// complaint writes a complaint about the sale's chosen line. Left to
// itself (naturally) a recent one is still open; older ones were remedied
// and most of them closed, with a prevention step.
func (g *generator) complaint(b *buyer, s sale, how recovery) error {
	ln := s.order.Lines[s.line]
	it := g.items[g.index(ln.OfferingID)]
	gr := g.grievanceFor(it.group, b.p == wholesale || b.p == shop, how == justRemedied)
	product := ln.Description
	if strings.HasPrefix(ln.Description, "Trade") {
		product = "trade case"
	}
	c := &model.Complaint{CustomerID: b.ID, OrderID: s.order.ID, OfferingID: ln.OfferingID,
		Category: gr.category, Severity: pick(g, gr.severity), WhatWentWrong: fmt.Sprintf(pick(g, gr.what), product),
		Status: model.ComplaintOpen}
	if b.p == drain && c.Severity == model.SeverityLow {
		c.Severity = model.SeverityMedium
	}
	ordered := model.Day(s.order.OrderedAt)
	opened := ordered.AddDate(0, 0, g.between(2, 10))
	switch how {
	case stillOpen:
		// Waiting a few days longer than its severity allows, when the
		// order is old enough for that.
		opened = g.today.AddDate(0, 0, -g.settings.ComplaintTargetDays[c.Severity]-g.between(1, 5))
	case justRemedied:
		opened = g.today.AddDate(0, 0, -g.between(4, 10))
	}
	if opened.Before(ordered) {
		opened = ordered
	}
	if opened.After(g.today) {
		return nil
	}
	c.OpenedOn = opened
	c.Guarantee = how == justRemedied || guaranteed(gr.category) && g.chance(0.4)
	age := model.DaysBetween(opened, g.today)
	switch {
	case how == stillOpen:
		return g.storeComplaint(b, c)
	case how == justRemedied:
	case age <= 7 && g.chance(0.8), age <= 30 && g.chance(0.2), g.chance(0.03):
		// still open; the older ones are past their target
		return g.storeComplaint(b, c)
	}
	c.Status = model.ComplaintRemedied
	target := g.settings.ComplaintTargetDays[c.Severity]
	took := g.between(0, target+target/2)
	if c.Guarantee {
		took = g.between(0, 3)
		if how == naturally && g.chance(0.15) {
			took = g.between(5, 12) // a slow one, for the recovery screen to show
		}
	}
	if how == justRemedied {
		took = min(took, age)
	}
	c.RemediedOn = opened.AddDate(0, 0, took)
	if c.RemediedOn.After(g.today) {
		c.Status = model.ComplaintOpen
		return g.storeComplaint(b, c)
	}
	if c.Guarantee {
		c.HonouredOn = c.RemediedOn
	}
	r := pick(g, gr.remedies)
	if how == justRemedied {
		// Replaced under the guarantee: the recovery screen shows what it cost.
		for _, x := range gr.remedies {
			if x.kind == replace {
				r = x
				break
			}
		}
	}
	c.Remedy = r.text
	if strings.Contains(r.text, "%s") {
		c.Remedy = fmt.Sprintf(r.text, product)
	}
	if c.Guarantee {
		c.Remedy += " Honoured our happy-or-replaced guarantee."
	}
	switch r.kind {
	case replace:
		c.RemedyCost = ln.UnitCost
		if it.group != workshop {
			c.RemedyCost += 450 // tracked postage
		}
	case voucher:
		c.RemedyCost = 500
	}
	if closed := c.RemediedOn.AddDate(0, 0, g.between(2, 21)); how == naturally && !closed.After(g.today) && g.chance(0.85) {
		c.Status, c.ClosedOn = model.ComplaintClosed, closed
		c.Prevention = r.prevention
		c.Outcome = pick(g, outcomes)
		if b.p == drain || b.letGo {
			c.Outcome = pick(g, []string{"Accepted the refund but will 'go elsewhere'.",
				"Wants more off next time.", "Still unhappy."})
		}
	} else if g.chance(0.3) {
		c.Prevention = r.prevention
	}
	if err := g.storeComplaint(b, c); err != nil {
		return err
	}
	if r.kind == refundIt {
		if err := g.refund(b, s, c.RemediedOn, fmt.Sprintf("put right under complaint #%d", c.ID), false); err != nil {
			return err
		}
	}
	return g.touch(model.Touch{CustomerID: b.ID, At: g.at(c.RemediedOn, 9, 19), Channel: b.channel(),
		Kind: model.TouchContact, Summary: "Put it right: " + c.Remedy})
}

func (g *generator) storeComplaint(b *buyer, c *model.Complaint) error {
	if err := g.l.Complaint(c); err != nil {
		return fmt.Errorf("complaint %q: %w", c.WhatWentWrong, err)
	}
	g.sum.Complaints++
	if c.RemedyCost > 0 {
		g.sum.Costs++ // the store writes the remedy cost with the complaint
	}
	return nil
}

// channel is how the owner reaches the customer: their preferred channel,
// or email when they have not said.
func (b *buyer) channel() model.Channel {
	if b.Channel == "" {
		return model.ChannelEmail
	}
	return b.Channel
}

// npsQuestion is the survey question stored with NPS answers; the schema
// offers it when feedback is logged.
const npsQuestion = "How likely are you to recommend us to a friend, from 0 to 10?"

// npsRange bounds each persona's scores. Champions and advocates are
// promoters; drains are detractors.
var npsRange = [personas][2]int{
	champion: {9, 10}, advocate: {9, 10}, regular: {6, 10}, lapsing: {5, 9}, occasional: {6, 10},
	drain: {1, 5}, shop: {7, 9}, wholesale: {6, 8}, former: {3, 8},
}

// npsRate is the chance a customer answered the survey.
var npsRate = [personas]float64{champion: 1, advocate: 1, regular: 0.5, lapsing: 0.5, occasional: 0.35,
	drain: 0.8, shop: 0.4, wholesale: 0.5, former: 0.5}

// wish is a theme of answers to the wish question, worded the way people
// wrote it. The first wording is the common one, so answers group.
type wish struct {
	theme    string
	weight   int
	wordings []string
}

var wishes = []wish{
	{"gift wrapping", 6, []string{"Gift wrapping", "Gift wrapping please!", "Gift wrapping with a handwritten card"}},
	{"refill pouches", 5, []string{"Refill pouches", "Refill pouches for the hand wash", "Refills so I can reuse the jars"}},
	{"unscented range", 4, []string{"An unscented range", "Unscented candles", "Unscented range for sensitive skin"}},
	{"local delivery", 3, []string{"Local delivery", "Same-day local delivery"}},
	{"skip a month", 2, []string{"Skip a month of the box", "Pause my subscription for a month"}},
	{"make-at-home kits", 2, []string{"Candle-making kits to do at home", "A make-at-home soap kit"}},
	{"corporate gifts", 1, []string{"Corporate gift boxes with our logo"}},
}

var praise = []string{
	"The %s makes the whole flat smell like a forest.",
	"Best %s I have ever bought. Ordering more for my sister.",
	"Lovely packaging and the %s is gorgeous.",
	"The %s lasted ages. Thank you!",
	"My mum adored the %s.",
}

var suggestions = []string{
	"Could the labels list the burn time?",
	"A loyalty card for market regulars would be nice.",
	"Smaller sizes so I can try more scents.",
	"Please bring back the Winter Spice earlier in the year.",
	"Offer a bundle of three soaps at a discount.",
}

var questions = []string{
	"Are the candles vegan?",
	"Do you ship to Ireland?",
	"Is the shampoo bar all right for coloured hair?",
	"Can I book a workshop for a 16th birthday party?",
	"Do you do bath bombs?",
	"What wax do you use?",
}

// feedbackFor writes what the customer told the owner: an NPS answer,
// perhaps a wish, praise, a suggestion or a question.
func (g *generator) feedbackFor(b *buyer, sales []sale) error {
	after := func(s sale, lo, hi int) time.Time {
		return g.clampDay(model.Day(s.order.OrderedAt).AddDate(0, 0, g.between(lo, hi)))
	}
	anyDay := func() time.Time {
		return g.day(g.between(model.DaysBetween(g.start, b.since), g.days))
	}
	if len(sales) > 0 && g.chance(npsRate[b.p]) {
		s := sales[g.rng.IntN(len(sales))]
		if b.p == champion || b.p == advocate {
			s = sales[len(sales)-1] // recent enough to show they still sing our praises
		}
		f := &model.Feedback{On: after(s, 7, 14), CustomerID: b.ID, Channel: model.ChannelEmail, Kind: model.FeedbackNPS,
			Question: npsQuestion, Score: g.between(npsRange[b.p][0], npsRange[b.p][1]), HasScore: true}
		if b.p == former && b.letGo {
			f.Score = g.between(0, 4)
		}
		if g.chance(0.4) {
			f.Answer = npsComment(g, f.Score)
		}
		if err := g.feedback(f); err != nil {
			return err
		}
	}
	wishRate := 0.22
	if b.p == prospect {
		wishRate = 0.1
	}
	if g.chance(wishRate) {
		if err := g.wish(b.ID, anyDay(), b.channel()); err != nil {
			return err
		}
	}
	if len(sales) > 0 && g.chance(either(b.p == champion || b.p == advocate, 0.8, 0.15)) {
		s := sales[g.rng.IntN(len(sales))]
		ln := s.order.Lines[s.line]
		it := g.items[g.index(ln.OfferingID)]
		answer := fmt.Sprintf(pick(g, praise), it.Name)
		switch {
		case it.group == subscription:
			answer = pick(g, []string{"This month's box was the best yet.", "The box is the highlight of my month."})
		case it.group == trade:
			answer = pick(g, []string{"The trade cases sold out in a week.", "Guests keep asking where the soap is from."})
		case b.p == shop:
			answer = fmt.Sprintf(pick(g, []string{"Customers keep asking for the %s.", "The %s sold out in a week."}), it.Name)
		}
		if err := g.feedback(&model.Feedback{On: after(s, 3, 20), CustomerID: b.ID, Channel: b.channel(),
			Kind: model.FeedbackPraise, Answer: answer, OfferingID: ln.OfferingID}); err != nil {
			return err
		}
	}
	if b.p != prospect && g.chance(0.08) {
		if err := g.feedback(&model.Feedback{On: anyDay(), CustomerID: b.ID, Channel: b.channel(),
			Kind: model.FeedbackSuggestion, Answer: pick(g, suggestions)}); err != nil {
			return err
		}
	}
	if g.chance(either(b.p == prospect, 0.35, 0.08)) {
		if err := g.feedback(&model.Feedback{On: anyDay(), CustomerID: b.ID, Channel: b.channel(),
			Kind: model.FeedbackQuestion, Answer: pick(g, questions)}); err != nil {
			return err
		}
	}
	return nil
}

// either returns a when cond holds, else b.
func either[T any](cond bool, a, b T) T {
	if cond {
		return a
	}
	return b
}

func npsComment(g *generator, score int) string {
	switch {
	case score >= 9:
		return pick(g, []string{"Love everything you make.", "Always beautifully packed.", "Tell everyone I know!"})
	case score >= 7:
		return pick(g, []string{"Lovely, a bit pricey.", "Good, but postage is slow.", "Nice candles."})
	}
	return pick(g, []string{"Too expensive for what it is.", "Scents are too faint.", "Took ages to arrive."})
}

// wish writes an answer to the wish question.
func (g *generator) wish(customer int64, on time.Time, ch model.Channel) error {
	total := 0
	for _, w := range wishes {
		total += w.weight
	}
	n := g.rng.IntN(total)
	w := wishes[0]
	for _, x := range wishes {
		if n -= x.weight; n < 0 {
			w = x
			break
		}
	}
	answer := w.wordings[0]
	if g.chance(0.4) {
		answer = pick(g, w.wordings)
	}
	f := &model.Feedback{On: on, CustomerID: customer, Channel: ch, Kind: model.FeedbackWish,
		Question: model.WishQuestion, Answer: answer}
	if err := g.feedback(f); err != nil {
		return err
	}
	return nil
}

// commentCard writes an anonymous note left at the market stall.
func (g *generator) commentCard(on time.Time) error {
	if g.chance(0.5) {
		return g.wish(0, on, model.ChannelInPerson)
	}
	return g.feedback(&model.Feedback{On: on, Channel: model.ChannelInPerson, Kind: model.FeedbackSuggestion,
		Answer: pick(g, suggestions)})
}

// feedback sets the status the owner has reached with f, stores it and
// counts it. Fresh feedback is mostly new; older feedback has been replied
// to or acted on, but a few slipped through in the last two months: an
// owner who opens the daily review does not leave a year of it unread.
func (g *generator) feedback(f *model.Feedback) error {
	age := model.DaysBetween(f.On, g.today)
	f.Status = model.FeedbackReplied
	switch {
	case age <= 10 && g.chance(0.7), age <= 60 && g.chance(0.15):
		f.Status = model.FeedbackNew
	case (f.Kind == model.FeedbackWish || f.Kind == model.FeedbackSuggestion) && g.chance(0.4):
		f.Status = model.FeedbackActedOn
	}
	if f.Status != model.FeedbackNew {
		f.RepliedOn = g.clampDay(f.On.AddDate(0, 0, g.between(0, 4)))
		if f.Kind == model.FeedbackWish {
			f.Theme = themeOf(f.Answer)
		}
	}
	if err := g.l.QueueFeedback(*f); err != nil {
		return fmt.Errorf("feedback %q: %w", f.Answer, err)
	}
	g.sum.Feedback++
	return nil
}

// themeOf is the wish theme an answer belongs to.
func themeOf(answer string) string {
	for _, w := range wishes {
		for _, x := range w.wordings {
			if x == answer {
				return w.theme
			}
		}
	}
	return ""
}

// touchesFor writes the contact log of a customer: the first contact, a
// thank-you for the first order, check-ins, and for some the daily review
// marked done.
func (g *generator) touchesFor(b *buyer, sales []sale) error {
	log := func(at time.Time, kind model.TouchKind, n note) error {
		if at.After(g.now) {
			return nil
		}
		ch := n.channel
		if ch == "" {
			ch = b.channel()
		}
		return g.touch(model.Touch{CustomerID: b.ID, At: at, Channel: ch, Kind: kind, Summary: n.summary})
	}
	if b.p == prospect {
		if err := log(g.at(b.since, 9, 15), model.TouchContact, firstContact(b.Source)); err != nil {
			return err
		}
		if g.chance(0.5) {
			return log(g.at(b.since.AddDate(0, 0, g.between(3, 10)), 9, 20), model.TouchContact,
				by("", "Followed up with the price list and the next workshop dates."))
		}
		return nil
	}
	if len(sales) == 0 {
		return nil
	}
	if g.chance(0.5) {
		on := model.Day(sales[0].order.OrderedAt).AddDate(0, 0, g.between(1, 3))
		if err := log(g.at(on, 9, 20), model.TouchContact, by("", "Thank-you note for the first order.")); err != nil {
			return err
		}
	}
	for range g.between(checkIns[b.p]/2, checkIns[b.p]) {
		s := sales[g.rng.IntN(len(sales))]
		on := model.Day(s.order.OrderedAt).AddDate(0, 0, g.between(1, 20))
		n := pick(g, checkInNotes[b.p])
		if n.atStall {
			if on = saturdayOnOrBefore(on); on.Before(b.since) {
				on = on.AddDate(0, 0, 7)
			}
		}
		if err := log(g.at(on, 9, 15), model.TouchContact, n); err != nil {
			return err
		}
	}
	if b.p == lapsing && g.chance(0.3) {
		// A review marked done has no channel of its own.
		return g.touch(model.Touch{CustomerID: b.ID, At: g.at(g.today.AddDate(0, 0, -g.between(1, 20)), 8, 10),
			Kind: model.TouchReview, Summary: "Daily review: sent a reorder reminder."})
	}
	return nil
}

// note is a contact log entry and the channel it happened on; an empty
// channel means the customer's preferred one.
type note struct {
	summary string
	channel model.Channel
	atStall bool // at the Saturday market
}

// by is a note of something done on channel ch; "" is the customer's own.
func by(ch model.Channel, summary string) note { return note{summary: summary, channel: ch} }

// atMarket is a note of a chat at the Saturday market stall.
func atMarket(summary string) note {
	return note{summary: summary, channel: model.ChannelInPerson, atStall: true}
}

// firstContact is how a prospect from source first got in touch.
func firstContact(source string) note {
	switch source {
	case "craft fair":
		return by(model.ChannelInPerson, "Met at the craft fair; took a price list.")
	case "market stall":
		return atMarket("Chatted at the stall; smelled every candle.")
	case "Instagram":
		return by(model.ChannelSocial, "Asked on Instagram about bath bombs and colours.")
	case "referral":
		return by(model.ChannelEmail, "Introduced by a customer; sent a welcome email.")
	}
	return by(model.ChannelEmail, "Enquiry through the website about a party workshop.")
}

// checkIns is the most check-ins a customer of each persona has had.
var checkIns = [personas]int{champion: 4, advocate: 3, regular: 1, lapsing: 1, drain: 5, shop: 2, wholesale: 3}

var checkInNotes = [personas][]note{
	champion: {by("", "Told them the Winter Spice is back."), atMarket("Chatted at the stall about a new scent."),
		by(model.ChannelMail, "Posted a sample of the new fig soap."), by("", "Asked their opinion on the spring range.")},
	advocate: {by("", "Sent the new scent list."), atMarket("Chatted at the stall."), by("", "Thanked them for the lovely review.")},
	regular:  {by("", "Sent the new scent list."), atMarket("Chatted at the stall."), by("", "Replied about delivery dates.")},
	lapsing:  {by("", "Sent the new scent list."), by("", "Replied about delivery dates.")},
	drain: {by(model.ChannelPhone, "Long call about scent strength."), by(model.ChannelEmail, "Another email asking for a discount."),
		by("", "Explained the returns policy again."), by(model.ChannelPhone, "Call about a late parcel (it was on time).")},
	shop: {by(model.ChannelInPerson, "Dropped in with the new scents."), by(model.ChannelPhone, "Called about the Christmas order."),
		by(model.ChannelInPerson, "Agreed shelf space for the spring range.")},
	wholesale: {by(model.ChannelPhone, "Confirmed next month's order."), by(model.ChannelEmail, "Sent next year's trade price list."),
		by(model.ChannelPhone, "Call about pallet delivery slots.")},
}

// touch stores t and counts it.
func (g *generator) touch(t model.Touch) error {
	if err := g.l.QueueTouch(t); err != nil {
		return fmt.Errorf("touch %q: %w", t.Summary, err)
	}
	g.sum.Touches++
	return nil
}
