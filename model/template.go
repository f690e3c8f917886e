package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// TemplateKind is the reason a message is written for; each has one
// template, stored in the book once the owner edits it (Settings), else
// the default shipped here.
type TemplateKind string

// The template kinds.
const (
	TemplateThankYou  TemplateKind = "thank-you" // after a first order
	TemplateReorder   TemplateKind = "reorder"   // a regular overdue to reorder
	TemplateFollowUp  TemplateKind = "follow-up" // a follow-up or reminder, staying in touch
	TemplateComplaint TemplateKind = "complaint" // checking in on a complaint
	TemplateNPS       TemplateKind = "nps"       // asking how likely they are to recommend
	TemplateWish      TemplateKind = "wish"      // "What is one service you wish we offered?"
	TemplateOccasion  TemplateKind = "occasion"  // a birthday or another occasion
	TemplatePayment   TemplateKind = "payment"   // a payment overdue
	TemplateReply     TemplateKind = "reply"     // answering feedback
)

// TemplateKinds lists every kind, in the order Settings shows them.
var TemplateKinds = []TemplateKind{TemplateThankYou, TemplateReorder, TemplateFollowUp, TemplateComplaint,
	TemplateNPS, TemplateWish, TemplateOccasion, TemplatePayment, TemplateReply}

// Template is the message written for one reason. Marketing templates
// (a reorder nudge, an occasion's greeting by default) are offered only
// to customers who consented to marketing by the channel the message
// goes by (MayOffer); replies, thank-yous and questions go to everyone.
type Template struct {
	Kind      TemplateKind
	Name      string // "Reorder nudge": what the contact log records
	Subject   string // one line; an email's subject
	Body      string
	Marketing bool
	// Edited is set when read: the book holds the owner's version rather
	// than the default.
	Edited bool
}

// Placeholders are what a template's subject and body may name in
// braces, each with what it stands for. A value the customer's record
// lacks is written in words ("there", "your last order"), never left
// empty or as "<nil>".
var Placeholders = []struct{ Name, Means string }{
	{"first_name", `the customer's first name ("there" when there is no name)`},
	{"name", "the customer's full name"},
	{"business", "the business name from Settings"},
	{"last_order", "what they bought last (\"your last order\" when nothing)"},
	{"last_order_date", "the day of their last order"},
	{"occasion", `the occasion: "your birthday", "Mum's birthday"`},
	{"occasion_date", "the occasion's day (12 May)"},
	{"amount_due", "the amount of an unpaid order"},
	{"due_date", "the day its payment was due"},
	{"order_date", "the day of the unpaid order"},
	{"question", "the question asked (the wish or NPS question)"},
}

// DefaultTemplates are the templates a new book offers, in plain words.
func DefaultTemplates() []Template {
	sign := "\n\nBest wishes,\n{business}"
	return []Template{
		{Kind: TemplateThankYou, Name: "Thank you after a first order", Subject: "Thank you from {business}",
			Body: "Hi {first_name},\n\nThank you for your first order ({last_order}). I hope you enjoy it. If " +
				"anything is not quite right, just reply and I will put it right." + sign},
		{Kind: TemplateReorder, Name: "Reorder nudge", Subject: "Running low?", Marketing: true,
			Body: "Hi {first_name},\n\nIt has been a while since your last order ({last_order}, on " +
				"{last_order_date}). If you are running low, reply to this message and I will send more." + sign},
		{Kind: TemplateFollowUp, Name: "Follow-up", Subject: "Checking in",
			Body: "Hi {first_name},\n\nI wanted to check in and see how things are going. Is there anything I " +
				"can help with?" + sign},
		{Kind: TemplateComplaint, Name: "Complaint check-in", Subject: "Checking in after the trouble with your order",
			Body: "Hi {first_name},\n\nI am sorry again about the trouble with your order. I wanted to check that " +
				"it has been put right for you, and whether there is anything more I can do." + sign},
		{Kind: TemplateNPS, Name: "NPS question", Subject: "One quick question",
			Body: "Hi {first_name},\n\n{question} A one-number reply is perfect; a word on why is very welcome." +
				"\n\nThank you,\n{business}"},
		{Kind: TemplateWish, Name: "What do you wish we offered?", Subject: "One question",
			Body: "Hi {first_name},\n\n{question} Your answer helps me decide what to make next." +
				"\n\nThank you,\n{business}"},
		{Kind: TemplateOccasion, Name: "Birthday or occasion", Subject: "Warm wishes from {business}", Marketing: true,
			Body: "Hi {first_name},\n\nWith {occasion} coming up on {occasion_date}, I wanted to send you my " +
				"warmest wishes." + sign},
		{Kind: TemplatePayment, Name: "Payment reminder", Subject: "A reminder about your payment",
			Body: "Hi {first_name},\n\nA gentle reminder that {amount_due} for your order of {order_date} was due " +
				"on {due_date}. If you have paid already, thank you, and please ignore this message." + sign},
		{Kind: TemplateReply, Name: "Reply to feedback", Subject: "Thank you for your feedback",
			Body: "Hi {first_name},\n\nThank you for taking the time to tell me what you think. It helps more " +
				"than you might expect." + sign},
	}
}

// DefaultTemplate returns the default template of kind.
func DefaultTemplate(kind TemplateKind) (Template, bool) {
	for _, t := range DefaultTemplates() {
		if t.Kind == kind {
			return t, true
		}
	}
	return Template{}, false
}

// MergeTemplates returns every kind's template: the stored one where the
// book has it (marked Edited), else the default, in TemplateKinds order.
// Stored rows of a kind this build does not know are left out.
func MergeTemplates(stored []Template) []Template {
	out := DefaultTemplates()
	for i := range out {
		for _, s := range stored {
			if s.Kind == out[i].Kind {
				s.Edited = true
				out[i] = s
			}
		}
	}
	return out
}

// Normalize trims the template: the subject to one line, the body's
// trailing space.
func (t *Template) Normalize() {
	t.Name = strings.Join(strings.Fields(t.Name), " ")
	t.Subject = strings.Join(strings.Fields(t.Subject), " ")
	t.Body = strings.TrimSpace(strings.ReplaceAll(t.Body, "\r\n", "\n"))
}

// Validate checks the template: a known kind, a name and a body, and
// braces that name placeholders.
func (t *Template) Validate() error {
	var es Errors
	if !slices.Contains(TemplateKinds, t.Kind) {
		es.add("kind", Invalid("kind", "%q is not a kind of message", t.Kind))
	}
	if strings.TrimSpace(t.Name) == "" {
		es.add("name", Invalid("name", "is required"))
	}
	es.add("name", maxLen(t.Name, 100))
	es.add("subject", maxLen(t.Subject, maxLine))
	if strings.TrimSpace(t.Body) == "" {
		es.add("body", Invalid("body", "is required"))
	}
	es.add("body", maxLen(t.Body, maxText))
	for _, part := range []struct{ field, text string }{{"subject", t.Subject}, {"body", t.Body}} {
		for _, name := range placeholdersIn(part.text) {
			if !knownPlaceholder(name) {
				es.add(part.field, Invalid(part.field, "{%s} is not a placeholder (see the list: {first_name}, {business}…)", name))
			}
		}
	}
	return es.err()
}

// placeholdersIn lists the names written in braces in s.
func placeholdersIn(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out
		}
		name := s[i+1 : i+j]
		if name != "" && !strings.ContainsAny(name, "{ \n") {
			out = append(out, name)
		}
		s = s[i+j+1:]
	}
}

func knownPlaceholder(name string) bool {
	for _, p := range Placeholders {
		if p.Name == name {
			return true
		}
	}
	return false
}

// MayOffer reports whether t may be offered for a message by channel ch
// to a customer who gave consent cs, and when not, why. Replies,
// thank-yous and questions go to everyone; a marketing template only by
// email, text or post, and only to a customer who consented to marketing
// by that channel.
func MayOffer(t Template, cs Consent, ch Channel) (bool, string) {
	if !t.Marketing {
		return true, ""
	}
	need, ok := ConsentFor(ch)
	if !ok {
		if ch == "" {
			return false, "marketing needs the customer's consent, and no channel is chosen"
		}
		return false, fmt.Sprintf("marketing goes by email, text or post with consent, not by %s", ch)
	}
	if !cs.Given(need) {
		return false, fmt.Sprintf("no consent to marketing by %s", need)
	}
	return true, ""
}

// OfferedTemplates keeps the templates MayOffer allows, in their order.
func OfferedTemplates(ts []Template, cs Consent, ch Channel) []Template {
	var out []Template
	for _, t := range ts {
		if ok, _ := MayOffer(t, cs, ch); ok {
			out = append(out, t)
		}
	}
	return out
}

// TemplateFor is the template kind that answers a reason on Today.
func TemplateFor(k ReasonKind) TemplateKind {
	switch k {
	case ReasonComplaint:
		return TemplateComplaint
	case ReasonDetractor, ReasonFeedback:
		return TemplateReply
	case ReasonPayment:
		return TemplatePayment
	case ReasonOccasion:
		return TemplateOccasion
	case ReasonReorder:
		return TemplateReorder
	case ReasonThankYou:
		return TemplateThankYou
	}
	return TemplateFollowUp
}

// MessageFacts are what a template is filled with: the customer, the
// business, their last sale and the reason's own facts. Zero values are
// written in words.
type MessageFacts struct {
	Customer Customer
	Business string
	Symbol   string // the currency symbol amounts are written with
	// LastOrder is the customer's newest sale (zero when none): its day
	// and the descriptions of its lines.
	LastOrder      time.Time
	LastOrderItems []string
	// Occasion is the occasion the message is for, and the day it falls
	// on this time.
	Occasion   *Occasion
	OccasionOn time.Time
	// Payment is the unpaid order the message is about.
	Payment *Order
	// Question is the question asked (the wish or NPS question).
	Question string
}

// Message is a template filled in for one customer.
type Message struct {
	Kind         TemplateKind
	TemplateName string
	Subject      string // one line
	Body         string
	Marketing    bool
}

// Render fills t with f. Every value from the book is made inert first
// (control characters visible, one line: see Printable) and is written
// once: a name that looks like a placeholder stays as it is. Braces that
// name no placeholder are left as written.
func Render(t Template, f MessageFacts) Message {
	vals := placeholderValues(t.Kind, f)
	fill := func(s string) string {
		var b strings.Builder
		for {
			i := strings.IndexByte(s, '{')
			if i < 0 {
				b.WriteString(s)
				return b.String()
			}
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				b.WriteString(s)
				return b.String()
			}
			name := s[i+1 : i+j]
			v, ok := vals[name]
			b.WriteString(s[:i])
			if ok {
				b.WriteString(v)
			} else {
				b.WriteString(s[i : i+j+1])
			}
			s = s[i+j+1:]
		}
	}
	return Message{Kind: t.Kind, TemplateName: Printable(t.Name), Marketing: t.Marketing,
		Subject: Printable(fill(strings.Join(strings.Fields(t.Subject), " "))),
		Body:    PrintableLines(fill(strings.ReplaceAll(t.Body, "\r\n", "\n")))}
}

// placeholderValues works out every placeholder's text for f.
func placeholderValues(kind TemplateKind, f MessageFacts) map[string]string {
	one := func(s, otherwise string) string {
		s = strings.Join(strings.Fields(Printable(s)), " ")
		if s == "" {
			return otherwise
		}
		return s
	}
	day := func(t time.Time, otherwise string) string {
		if t.IsZero() {
			return otherwise
		}
		return fmt.Sprintf("%d %s %d", t.Day(), t.Month(), t.Year())
	}
	name := one(f.Customer.Name, "")
	first := "there"
	if fs := strings.Fields(name); len(fs) > 0 {
		first = fs[0]
	}
	if name == "" {
		name = "there"
	}
	v := map[string]string{
		"first_name":      first,
		"name":            name,
		"business":        one(f.Business, "us"),
		"last_order":      one(itemList(f.LastOrderItems), "your last order"),
		"last_order_date": day(f.LastOrder, "recently"),
		"occasion":        "your special day",
		"occasion_date":   "soon",
		"amount_due":      "the amount due",
		"due_date":        "the day it was due",
		"order_date":      "recently",
		"question":        one(f.Question, WishQuestion),
	}
	if kind == TemplateNPS {
		v["question"] = one(f.Question, NPSQuestion)
	}
	if o := f.Occasion; o != nil {
		if o.Kind == OccasionBirthday && strings.TrimSpace(o.Name) == "" {
			v["occasion"] = "your birthday"
		} else {
			v["occasion"] = one(o.Title(), v["occasion"])
		}
		if !f.OccasionOn.IsZero() {
			v["occasion_date"] = fmt.Sprintf("%d %s", f.OccasionOn.Day(), f.OccasionOn.Month())
		}
	}
	if p := f.Payment; p != nil {
		v["amount_due"] = p.Total().Format(f.Symbol)
		v["due_date"] = day(p.PaymentDue, v["due_date"])
		v["order_date"] = day(p.OrderedAt, v["order_date"])
	}
	return v
}

// itemList writes up to three items as "A, B and C", and "A, B and 4
// more" beyond.
func itemList(items []string) string {
	var xs []string
	for _, it := range items {
		if it = strings.Join(strings.Fields(it), " "); it != "" && !slices.Contains(xs, it) {
			xs = append(xs, it)
		}
	}
	switch {
	case len(xs) == 0:
		return ""
	case len(xs) == 1:
		return xs[0]
	case len(xs) <= 3:
		return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
	}
	return strings.Join(xs[:2], ", ") + " and " + Plural(len(xs)-2, "more", "more")
}
