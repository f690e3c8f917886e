package demo

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"clientele/model"
)

// persona is the part a customer plays in the story. It decides their
// stage and how they buy, complain and talk.
type persona int

const (
	champion   persona = iota // best customers: profitable, a good fit, refer others
	advocate                  // buy often and speak well of the business
	regular                   // a steady customer
	lapsing                   // a regular who has gone quiet: overdue to reorder
	occasional                // one or two orders, mostly gifts
	drain                     // complaints, returns, a poor fit, costly to serve
	shop                      // a local shop buying at trade prices
	wholesale                 // trade cases every month at a thin margin
	former                    // bought for a while, then drifted off or was let go
	prospect                  // in touch, never bought
	personas                  // count
)

// role is how many of each persona a business has and when they appear.
type role struct {
	share float64 // of all customers; regulars take what is left
	least int     // at least this many when there are 50 customers or more
	stage model.Stage
	// sinceFrom and sinceTo bound the day, counted from the start of the
	// history, they first got in touch; a negative sinceTo counts back
	// from today.
	sinceFrom, sinceTo int
}

var roles = [personas]role{
	champion:   {0.03, 4, model.StageAdvocate, 0, 45},
	advocate:   {0.06, 4, model.StageAdvocate, 0, 200},
	regular:    {0, 0, model.StageCustomer, 0, -100},
	lapsing:    {0.06, 4, model.StageCustomer, 60, 180},
	occasional: {0.24, 0, model.StageCustomer, 0, -1},
	drain:      {0.03, 3, model.StageCustomer, 20, 250},
	shop:       {0.04, 3, model.StageCustomer, 0, 200},
	wholesale:  {0.015, 3, model.StageCustomer, 0, 90},
	former:     {0.08, 4, model.StageFormer, 0, 150},
	prospect:   {0.12, 8, model.StageProspect, 30, -1},
}

// plan is a customer yet to be written: their persona and the day they
// first got in touch.
type plan struct {
	p     persona
	since int // days after the start of the history
}

// cast decides who the n customers are and returns them in the order they
// first got in touch, which is the order they are stored in: ids grow with
// time and a referrer is always stored before the people they referred.
func (g *generator) cast(n int) []plan {
	var counts [personas]int
	rest := n
	for p := range personas {
		if p == regular {
			continue
		}
		c := int(math.Round(roles[p].share * float64(n)))
		if n >= 50 {
			c = max(c, roles[p].least)
		}
		counts[p] = min(c, rest)
		rest -= counts[p]
	}
	counts[regular] = rest
	plans := make([]plan, 0, n)
	for p := range personas {
		for range counts[p] {
			plans = append(plans, plan{p: p, since: g.since(p)})
		}
	}
	slices.SortStableFunc(plans, func(a, b plan) int { return cmp.Compare(a.since, b.since) })
	return plans
}

// since picks the day a customer of persona p first got in touch.
func (g *generator) since(p persona) int {
	r := roles[p]
	to := r.sinceTo
	if to < 0 {
		to += g.days
	}
	switch p {
	case occasional:
		return max(0, g.giftDay(0, g.days-1)-g.between(0, 5))
	case prospect:
		if g.chance(0.8) {
			return g.between(max(r.sinceFrom, g.days-150), to)
		}
	}
	return g.between(r.sinceFrom, max(r.sinceFrom, to))
}

// giftDay picks a day between from and to, most likely in the weeks
// before Christmas, Valentine's Day or Mother's Day.
func (g *generator) giftDay(from, to int) int {
	for {
		d := g.between(from, to)
		t := g.day(d)
		weight := 1
		switch m, dd := t.Month(), t.Day(); {
		case m == time.November && dd >= 15, m == time.December && dd <= 21:
			weight = 6
		case m == time.February && dd <= 13, m == time.March && dd <= 25:
			weight = 3
		}
		if g.rng.IntN(6) < weight {
			return d
		}
	}
}

// buyer is a stored customer with what their history is made from.
type buyer struct {
	model.Customer
	p     persona
	since time.Time
	letGo bool  // a former customer the owner let go, not one who drifted
	venue venue // where they buy
	// favourites index g.items: the things this customer comes back for.
	favourites []int
	// subscription indexes g.items: their monthly box, or -1.
	subscription int
}

// venue is where a customer buys, which sets the fees and the postage.
type venue int

const (
	onEtsy    venue = iota // Etsy fees, posted
	online                 // the shop's own website: card fees, posted
	atStall                // the market stall: card reader, no postage
	onInvoice              // trade: bank transfer, courier
)

// customer makes one customer from a plan, stores them, and writes their
// history.
func (g *generator) customer(pl plan) error {
	b := &buyer{p: pl.p, since: g.day(pl.since), subscription: -1}
	g.seen[pl.p]++
	first := g.seen[pl.p] == 1
	c := &b.Customer
	c.Stage = roles[pl.p].stage
	c.Country = g.country(pl.p)
	name, local := g.name()
	c.Name = name
	c.Source = g.source(pl.p)
	if sat := saturdayOnOrBefore(b.since); c.Source == "market stall" && !sat.Before(g.start) {
		b.since = sat // the stall is there on Saturdays
	}
	c.CreatedAt = g.at(b.since, 9, 21)
	c.UpdatedAt = c.CreatedAt
	if c.Source == "referral" {
		r := g.referrer()
		c.ReferredBy = r.id
		c.Notes = "Referred by " + r.name + "."
	}
	c.AcquisitionCost = g.acquisitionCost(pl.p, c.Source)
	switch pl.p {
	case shop:
		c.Company = pick(g, shopFirst) + " " + pick(g, shopSecond)
		if g.chance(0.5) {
			c.Company += ", " + pick(g, towns)
		}
	case wholesale:
		c.Company = pick(g, tradeFirst) + " " + pick(g, tradeKind)
	}
	g.contact(b, local)
	c.Fit = g.fit(b)
	c.Values = g.values(pl.p)
	c.Language = g.language(pl.p)
	if pl.p == former {
		b.letGo = g.chance(0.5)
		if b.letGo {
			c.LetGoReason = pick(g, letGoReasons)
		} else {
			c.LetGoReason = pick(g, driftReasons)
		}
		if g.chance(0.25) {
			c.ArchivedAt = g.at(g.today.AddDate(0, 0, -g.between(10, 90)), 9, 21)
		}
	}
	if note := g.note(pl.p); note != "" {
		c.Notes = join(c.Notes, note)
	}
	c.Tier = g.tier(pl.p)
	g.tastes(b)
	c.NextReview = g.nextReview(pl.p, first)
	if pl.p == regular && g.chance(0.02) {
		c.SnoozedUntil = g.today.AddDate(0, 0, g.between(3, 20))
		c.Notes = join(c.Notes, "On holiday until "+model.FormatDate(c.SnoozedUntil)+".")
	}
	c.Segments = g.segmentsFor(b)
	g.reachFor(b, g.everyone)
	if err := g.l.Customer(c); err != nil {
		return err
	}
	g.sum.Customers++
	if pl.p == champion || pl.p == advocate {
		g.referrers = append(g.referrers, referrer{id: c.ID, name: c.Name, p: pl.p})
	}
	if c.ReferredBy != 0 {
		if err := g.thankReferrer(b); err != nil {
			return err
		}
	}
	return g.history(b)
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// name returns a person's name and the local part of their email address.
// One customer in thirteen has a name from wholeNames, so that accents and
// other scripts turn up early in every set.
func (g *generator) name() (name, local string) {
	if k := g.sum.Customers; k%13 == 5 {
		n := wholeNames[(k/13)%len(wholeNames)]
		return n.name, n.ascii
	}
	first, last := pick(g, firstNames), pick(g, lastNames)
	return first + " " + last, asciiFold(first) + "." + asciiFold(last)
}

func (g *generator) country(p persona) string {
	if p == shop || p == wholesale || p == prospect {
		return "United Kingdom"
	}
	switch n := g.rng.IntN(100); {
	case n < 3:
		return "Ireland"
	case n < 5:
		return "France"
	case n < 6:
		return "Netherlands"
	}
	return "United Kingdom"
}

// source says how a customer of persona p found the business.
func (g *generator) source(p persona) string {
	var from []string
	switch p {
	case champion:
		from = []string{"craft fair", "craft fair", "market stall", "referral"}
	case advocate:
		from = []string{"craft fair", "market stall", "Etsy", "referral", "referral"}
	case regular, lapsing, former:
		from = []string{"Etsy", "Etsy", "Etsy", "Instagram", "craft fair", "market stall", "market stall", "referral", "website"}
	case occasional:
		from = []string{"Etsy", "Etsy", "Etsy", "Instagram", "website", "referral"}
	case drain:
		from = []string{"Instagram", "Instagram", "Etsy"}
	case shop:
		from = []string{"samples visit"}
	case wholesale:
		from = []string{"trade show"}
	case prospect:
		from = []string{"craft fair", "Instagram", "Instagram", "website", "market stall", "referral"}
	}
	s := pick(g, from)
	if s == "referral" && len(g.referrers) == 0 {
		s = "craft fair"
	}
	return s
}

// referrer picks who referred a new customer: mostly the champion who has
// referred fewest so far, so that every champion brings friends, and
// otherwise any champion or advocate.
func (g *generator) referrer() referrer {
	best := -1
	for i, r := range g.referrers {
		if r.p == champion && (best < 0 || r.referred < g.referrers[best].referred) {
			best = i
		}
	}
	if best < 0 || g.chance(0.35) {
		best = g.rng.IntN(len(g.referrers))
	}
	g.referrers[best].referred++
	return g.referrers[best]
}

// acquisitionCost is what winning the customer cost, in pence.
func (g *generator) acquisitionCost(p persona, source string) model.Money {
	var lo, hi int
	switch source {
	case "Etsy":
		lo, hi = 150, 600
	case "craft fair":
		lo, hi = 300, 900
	case "Instagram":
		lo, hi = 600, 1800
		if p == drain { // won with a giveaway and free samples
			lo, hi = 1500, 3000
		}
	case "referral":
		return referralThanks
	case "market stall":
		lo, hi = 100, 300
	case "website":
		lo, hi = 0, 250
	case "samples visit":
		lo, hi = 2500, 4000
	case "trade show":
		lo, hi = 8000, 15000
	}
	return model.Money(g.between(lo/5, hi/5) * 5)
}

// contact picks the preferred channel and fills the details it needs.
func (g *generator) contact(b *buyer, local string) {
	c := &b.Customer
	email := func() string {
		n := ""
		if g.chance(0.4) {
			n = strconv.Itoa(g.between(1, 99))
		}
		if c.Company != "" {
			return local + "@" + domainFor(c.Company)
		}
		return local + n + "@" + pick(g, emailDomains)
	}
	phone := func() string {
		if g.chance(0.7) || b.p == shop {
			return "07700 " + strconv.Itoa(g.between(900000, 900999))
		}
		// Numbers Ofcom keeps for drama: they ring no one.
		return pick(g, []string{"0113 496 0", "0117 496 0", "020 7946 0"}) + strconv.Itoa(g.between(1000, 1999))[1:]
	}
	switch c.Source {
	case "market stall", "craft fair":
		c.Channel = pick(g, []model.Channel{model.ChannelInPerson, model.ChannelInPerson, model.ChannelText, model.ChannelEmail})
	case "Instagram":
		c.Channel = pick(g, []model.Channel{model.ChannelSocial, model.ChannelSocial, model.ChannelEmail})
	case "samples visit", "trade show":
		c.Channel = pick(g, []model.Channel{model.ChannelEmail, model.ChannelEmail, model.ChannelPhone})
	default:
		c.Channel = pick(g, []model.Channel{model.ChannelEmail, model.ChannelEmail, model.ChannelEmail,
			model.ChannelEmail, model.ChannelText, model.ChannelPhone, model.ChannelSocial, model.ChannelMail})
	}
	if b.p == prospect && c.Channel != model.ChannelSocial && g.chance(0.3) {
		c.Channel = "" // not asked yet
	}
	if c.Channel == model.ChannelEmail || g.chance(0.7) {
		c.Email = email()
	}
	if c.Channel == model.ChannelPhone || c.Channel == model.ChannelText || g.chance(0.25) {
		c.Phone = phone()
	}
	if c.Channel == model.ChannelSocial || g.chance(0.1) {
		c.Social = "@" + local
		if g.chance(0.5) {
			c.Social = "@" + pick(g, []string{"candle", "cosy", "hygge", "bath", "slow", "soap"}) + "." + local
		}
	}
	switch {
	case c.Source == "market stall" || c.Source == "craft fair" && c.Channel == model.ChannelInPerson:
		b.venue = atStall
		if g.chance(0.3) {
			b.venue = online
		}
	case c.Source == "Etsy":
		b.venue = onEtsy
	case b.p == shop || b.p == wholesale:
		b.venue = onInvoice
	default:
		b.venue = online
	}
}

// fit is the owner's rating of the match, 0 when not rated.
func (g *generator) fit(b *buyer) int {
	unrated := func(p float64, lo, hi int) int {
		if g.chance(p) {
			return 0
		}
		return g.between(lo, hi)
	}
	switch b.p {
	case champion:
		if g.chance(0.7) {
			return 5
		}
		return 4
	case advocate:
		return g.between(4, 5)
	case regular:
		return unrated(0.25, 2, 5)
	case lapsing:
		return unrated(0.3, 3, 4)
	case occasional:
		return unrated(0.65, 3, 4)
	case drain:
		return g.between(1, 2)
	case shop:
		return g.between(3, 4)
	case wholesale:
		return g.between(2, 4)
	case former:
		return unrated(0.4, 1, 3)
	}
	return unrated(0.8, 3, 4)
}

// values says what the customer cares about; nil when the owner has not
// asked yet.
func (g *generator) values(p persona) []string {
	var vs []string
	add := func(xs ...string) { vs = append(vs, pick(g, xs)) }
	switch p {
	case champion:
		vs = []string{"quality"}
		add("scent strength", "style", "natural ingredients", "local")
		add("fit", "speed", "eco packaging")
	case advocate:
		add("quality", "style")
		add("scent strength", "local", "natural ingredients", "convenience")
	case regular, lapsing, former:
		add(model.CommonValues...)
		if g.chance(0.5) {
			add(model.CommonValues...)
		}
		if g.chance(0.3) {
			add("scent strength", "natural ingredients", "vegan", "local")
		}
	case occasional:
		if g.chance(0.4) {
			return nil
		}
		add("style", "convenience", "gift-ready")
		add("speed", "gift-ready")
	case drain:
		vs = []string{"price"}
		add("speed", "scent strength")
	case shop:
		vs = []string{"price", "style"}
		add("local", "convenience")
	case wholesale:
		vs = []string{"price", "speed", "invoices on time"}
	case prospect:
		if g.chance(0.6) {
			return nil
		}
		add("style", "price", "quality")
	}
	if p != wholesale && g.chance(0.15) {
		vs = append(vs, "eco packaging")
	}
	return vs
}

func (g *generator) language(p persona) string {
	switch {
	case (p == shop || p == wholesale) && g.chance(0.7):
		return pick(g, []string{
			"Formal: Mr/Ms and surname; wants a proper invoice with our VAT number.",
			"Businesslike and quick; put the PO number in the subject line.",
			"Friendly but busy: one email with everything in it, please.",
		})
	case p == drain && g.chance(0.8):
		return pick(g, []string{
			"Haggles over every price; put any discount in writing.",
			"Sends several messages a day; batch the replies.",
			"Quick to take offence: apologise first, explain second.",
		})
	case g.chance(0.4):
		return pick(g, languageNotes)
	}
	return ""
}

var languageNotes = []string{
	"Chatty, uses first names; ends every message with a kiss.",
	"Prefers short texts to calls.",
	"Writes long, thoughtful emails: answer every point.",
	"Welsh speaker and likes a 'diolch' back.",
	"Hard of hearing: text, don't ring.",
	"Dry sense of humour; keep it light.",
	"Direct and brisk; wants prices up front.",
	"Always asks after the dog (Biscuit).",
	"English is a second language: keep sentences short and plain.",
	"Calls everyone 'love'.",
	"Emoji-heavy in Instagram messages ✨🕯️",
	"Formal, wants invoices.",
}

var letGoReasons = []string{
	"Wanted a discount on every order and sent half of them back; I suggested another maker.",
	"Three complaints in two months, none of them about the product: not the right fit.",
	"Rude to me at the stall in front of other customers; I no longer take the orders.",
	"Asked for free samples every month and never ordered full size.",
}

var driftReasons = []string{
	"Moved to Spain; the postage made it impractical.",
	"Stopped replying after the spring price rise.",
	"Started making their own soap after the workshop (fair enough!).",
	"Shop closed down.",
	"Found a cheaper supplier on Amazon.",
}

func (g *generator) note(p persona) string {
	switch {
	case p == shop && g.chance(0.6):
		return pick(g, []string{"Shelf by the till; restocks when down to three bars.",
			"Sale or return on new scents only.", "Pays on the first of the month."})
	case p == wholesale:
		return pick(g, []string{"Net 30 terms. PO number on every invoice.",
			"Wants the price list for next year by October.", "Delivery to the warehouse, not the shop: book a slot."})
	case p == prospect && g.chance(0.3):
		return pick(g, []string{"Asked about bath bombs at the fair.", "Wants a party workshop for a daughter's 16th.",
			"Took a price list; will be in touch.", "Asked if we do colourful candles."})
	case p != prospect && g.chance(0.15):
		return pick(g, []string{"Allergic to lavender: never put it in the box.", "Buys for their mum's birthday in May.",
			"Pays by bank transfer; send the invoice first.", "Collects from the stall on Saturdays to save postage.",
			"Runs a book club of eight: a party workshop is possible.", "Asked to hear when Winter Spice is back."})
	}
	return ""
}

// tier is the subscription box the customer takes, 0 for none.
func (g *generator) tier(p persona) int {
	switch p {
	case champion:
		if g.chance(0.7) {
			return 3
		}
		return 2
	case advocate:
		if g.chance(0.4) {
			return g.between(2, 3)
		}
	case regular:
		if g.chance(0.1) {
			return g.between(1, 2)
		}
	}
	return 0
}

// tastes picks the customer's favourite scent family and offerings.
func (g *generator) tastes(b *buyer) {
	fam := family(g.between(int(lavender), int(families)-1))
	for i, it := range g.items {
		if it.family == fam && (it.group == soap || it.group == candle) {
			b.favourites = append(b.favourites, i)
		}
		if it.group == subscription && it.Tier == b.Tier {
			b.subscription = i
		}
	}
	b.favourites = append(b.favourites, g.retailItem())
}

// nextReview is the customer's follow-up date, or the zero time. The first
// prospect is due today and the first drain is overdue, so the daily
// review always has something in it.
func (g *generator) nextReview(p persona, first bool) time.Time {
	in := func(lo, hi int) time.Time { return g.today.AddDate(0, 0, g.between(lo, hi)) }
	switch {
	case p == prospect && first:
		return g.today
	case p == drain && first:
		return g.today.AddDate(0, 0, -3)
	case p == prospect && g.chance(0.7):
		return in(-6, 14)
	case p == drain:
		return in(-4, 10)
	case p == wholesale:
		return in(-2, 28)
	case p == lapsing && g.chance(0.4):
		return in(-3, 7)
	case (p == regular || p == shop) && g.chance(0.12):
		return in(-10, 60)
	}
	return time.Time{}
}

// segmentsFor puts the customer in the segments their persona and values
// suggest. Only prospects are in teen fashion: the segment with interest
// and no sales.
func (g *generator) segmentsFor(b *buyer) []string {
	var ss []string
	switch b.p {
	case wholesale:
		ss = append(ss, segWholesale)
	case shop:
		ss = append(ss, segShops)
	case occasional:
		if g.chance(0.7) {
			ss = append(ss, segGifts)
		}
	case prospect:
		if g.seen[prospect]%3 == 1 {
			return []string{segTeen}
		}
	}
	if b.p != prospect && b.p != occasional && g.chance(0.08) {
		ss = append(ss, segGifts)
	}
	if slices.Contains(b.Values, "eco packaging") || slices.Contains(b.Values, "natural ingredients") {
		ss = append(ss, segEco)
	}
	if b.p != prospect && (b.venue == atStall || b.Source == "market stall") {
		ss = append(ss, segMarket)
	}
	if b.Tier > 0 {
		ss = append(ss, segSubscriber)
	}
	return ss
}

// referralThanks is what a referral costs: the box of wax melts and the
// postage that thank the referrer. It is the referred customer's
// acquisition cost.
const referralThanks model.Money = 140 + 185

// thankReferrer logs the thank-you the referrer got for the introduction.
func (g *generator) thankReferrer(b *buyer) error {
	on := g.at(b.since.AddDate(0, 0, g.between(1, 6)), 9, 20)
	if on.After(g.now) {
		return nil
	}
	return g.touch(model.Touch{CustomerID: b.ReferredBy, At: on, Channel: model.ChannelEmail, Kind: model.TouchContact,
		Summary: "Thanked them for sending " + b.Name + " our way; posted a box of wax melts."})
}

// domainFor makes an example.com host name for a company's email.
func domainFor(company string) string {
	company, _, _ = strings.Cut(company, ",")
	var b strings.Builder
	for _, r := range strings.ToLower(company) {
		if r >= 'a' && r <= 'z' && b.Len() < 24 {
			b.WriteRune(r)
		}
	}
	return b.String() + ".example.com"
}
