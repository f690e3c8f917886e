package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// The daily review: who needs the owner today, and why. The rules are pure
// functions of a ReviewCustomer (what the store read about one customer),
// the settings and an injected day, evaluated as at the start of that day:
// touches logged today do not take a customer out of today's queue, they
// mark the entry done, so "7 of 12 done today" counts the same entries the
// queue shows.

// ReasonKind is why a customer is in the queue. The kinds are declared in
// order of urgency, most urgent first, and the queue is sorted by it:
//
//  1. a complaint open past its target days: a customer hurting now, and a
//     guarantee honoured slowly loses them;
//  2. a detractor (NPS 0–6) whose feedback has no reply;
//  3. a payment overdue: money owed past its due day;
//  4. a follow-up date or a reminder that has come, not answered since;
//  5. other feedback with no reply;
//  6. a birthday or another occasion within OccasionDays, nearest first;
//  7. a regular overdue to reorder, most overdue (as a multiple of their
//     usual gap) first;
//  8. a stay-in-touch cadence passed (segment or stage);
//  9. a prospect untouched for ProspectDays;
//  10. a thank-you for a new customer's first order;
//  11. a customer who has not ordered (nor been contacted) for FormerDays:
//     let them go as former? Suggested, never moved.
//
// Within one kind the entry further past its due day comes first.
type ReasonKind int

// The reasons, most urgent first.
const (
	ReasonComplaint ReasonKind = iota
	ReasonDetractor
	ReasonPayment
	ReasonFollowUp
	ReasonFeedback
	ReasonOccasion
	ReasonReorder
	ReasonCadence
	ReasonProspect
	ReasonThankYou
	ReasonFormer
)

// String names the kind for scripts ("complaint", "follow-up" …).
func (k ReasonKind) String() string {
	switch k {
	case ReasonComplaint:
		return "complaint"
	case ReasonDetractor:
		return "detractor"
	case ReasonPayment:
		return "payment"
	case ReasonOccasion:
		return "occasion"
	case ReasonFollowUp:
		return "follow-up"
	case ReasonFeedback:
		return "feedback"
	case ReasonReorder:
		return "reorder"
	case ReasonCadence:
		return "stay in touch"
	case ReasonProspect:
		return "prospect"
	case ReasonThankYou:
		return "thank you"
	case ReasonFormer:
		return "former"
	}
	return "unknown"
}

// Reason is one reason a customer is in the queue.
type Reason struct {
	Kind ReasonKind
	// Overdue is how far past due the reason is, in days (0: due today).
	// For reorders it is days past the factor × gap limit.
	Overdue int
	// weight orders reasons of one kind: larger is more urgent.
	weight float64
	Text   string // the reason in words: "follow-up was due 3 days ago"
}

// ReviewComplaint is an open complaint, as the queue needs it.
type ReviewComplaint struct {
	OpenedOn time.Time
	Severity Severity
}

// ReviewFeedback sums up a customer's feedback still marked new.
type ReviewFeedback struct {
	Count    int       // feedback with status new
	Oldest   time.Time // the day of the oldest
	Newest   time.Time // the day of the newest
	LowScore int       // the lowest NPS score among them, when HasScore
	HasScore bool
}

// ReviewCustomer is what the rules need to know about one customer, read
// by the store as at the start of Today.
type ReviewCustomer struct {
	ID                   int64
	Name                 string
	Stage                Stage
	Channel              Channel
	Email, Phone, Social string
	Values               []string
	CreatedAt            time.Time
	SnoozedUntil         time.Time
	Orders               int // distinct sale orders
	FirstOrder           time.Time
	LastOrder            time.Time
	// OrderGap is the median number of days between the customer's
	// distinct sale days (see MedianGap); 0 with fewer than three.
	OrderGap int
	// LastTouch is the newest touch before today that was a contact or a
	// review done; snoozes are not contact.
	LastTouch time.Time
	// HandledToday is what was logged about the customer today (a touch, a
	// review done, a snooze); "" when nothing was.
	HandledToday string
	// Cadence is the shortest stay-in-touch cadence of the customer's
	// segments, in days (0: none), and CadenceSegment that segment's name.
	Cadence        int
	CadenceSegment string
	Complaints     []ReviewComplaint // open complaints
	Feedback       ReviewFeedback    // feedback with no reply
	// Reminders are the follow-up date and every reminder, with their
	// first days and repetition; the rule works out which occurrence
	// waits from LastTouch (Reminder.NextAfter).
	Reminders []Reminder
	Occasions []Occasion
	Unpaid    []ReviewPayment // orders billed for later and not paid
}

// ReviewPayment is an unpaid order, as the queue needs it.
type ReviewPayment struct {
	OrderID int64
	Due     time.Time
	Amount  Money
}

// Contact is the detail for the customer's preferred channel ("call
// 555-0142"), or "" when it is missing.
func (c *ReviewCustomer) Contact() string {
	cu := Customer{Channel: c.Channel, Email: c.Email, Phone: c.Phone, Social: c.Social}
	return cu.Contact()
}

// ReviewEntry is one customer in the queue with every reason, the most
// urgent first.
type ReviewEntry struct {
	Customer ReviewCustomer
	Reasons  []Reason
	// Done says the entry was handled today; Customer.HandledToday says how.
	Done bool
}

// Why joins the reasons in words.
func (e *ReviewEntry) Why() string {
	parts := make([]string, len(e.Reasons))
	for i, r := range e.Reasons {
		parts[i] = r.Text
	}
	return strings.Join(parts, "; ")
}

// SnoozeNote is how a snooze is written in the touch log, followed by the
// day: the rules read it to tell a snooze from a contact.
const SnoozeNote = "Snoozed until "

// ReviewCutoffs are the days the rules compare with, worked out once for a
// day and settings. The store uses them to read only customers who may be
// due; the rules use them to decide.
type ReviewCutoffs struct {
	Today time.Time
	// ContactBefore: a cadence of n days is due when the last contact was
	// on or before Today − n.
	Advocate, Customer time.Time // zero when the rule is off
	Prospect           time.Time // prospects untouched since this day
	// ThankYouFrom..ThankYouTo: first orders in these days ask for a thank-you.
	ThankYouFrom, ThankYouTo time.Time
	// ComplaintBefore: no complaint opened on or after this day can be past
	// the shortest target.
	ComplaintBefore time.Time
	// Former: customers with no order and no touch since this day are
	// suggested as former; zero when the rule is off.
	Former time.Time
}

// Cutoffs works out the cutoff days for today.
func Cutoffs(s Settings, today time.Time) ReviewCutoffs {
	d := Day(today)
	c := ReviewCutoffs{Today: d}
	if s.AdvocateDays > 0 {
		c.Advocate = AddDays(d, -s.AdvocateDays)
	}
	if s.CustomerDays > 0 {
		c.Customer = AddDays(d, -s.CustomerDays)
	}
	if s.ProspectDays > 0 {
		c.Prospect = AddDays(d, -s.ProspectDays)
	}
	if s.ThankYouDays > 0 {
		c.ThankYouFrom = AddDays(d, -2*s.ThankYouDays+1)
		c.ThankYouTo = AddDays(d, -s.ThankYouDays)
	}
	shortest := math.MaxInt
	for _, sev := range Severities {
		shortest = min(shortest, max(s.ComplaintTargetDays[sev], 0))
	}
	c.ComplaintBefore = AddDays(d, -shortest)
	if s.FormerDays > 0 {
		c.Former = AddDays(d, -s.FormerDays)
	}
	return c
}

// MedianGap is the median number of days between consecutive distinct days
// in days (sorted or not); 0 when there are fewer than three distinct days.
// With an even number of gaps it is the mean of the middle two, rounded
// down.
func MedianGap(days []time.Time) int {
	ds := make([]int, 0, len(days))
	for _, t := range days {
		ds = append(ds, int(Day(t).Unix()/86400))
	}
	return MedianGapDays(ds)
}

// MedianGapDays is MedianGap over day numbers (days since an epoch).
func MedianGapDays(days []int) int {
	slices.Sort(days)
	days = slices.Compact(days)
	if len(days) < 3 {
		return 0
	}
	gaps := make([]int, len(days)-1)
	for i := range gaps {
		gaps[i] = days[i+1] - days[i]
	}
	slices.Sort(gaps)
	n := len(gaps)
	if n%2 == 1 {
		return gaps[n/2]
	}
	return (gaps[n/2-1] + gaps[n/2]) / 2
}

// ReviewQueue applies the rules to every customer and returns the entries
// in order of urgency (see ReasonKind). Snoozed customers are left out
// unless they were handled today (snoozing is handling).
func ReviewQueue(cs []ReviewCustomer, s Settings, today time.Time) []ReviewEntry {
	cut := Cutoffs(s, today)
	var es []ReviewEntry
	for i := range cs {
		if e, ok := reviewEntry(&cs[i], s, cut); ok {
			es = append(es, e)
		}
	}
	SortReview(es)
	return es
}

// EntryFor applies every rule to one customer as at cut.Today (see
// Cutoffs); ok is false when nothing is due or they are snoozed.
func EntryFor(c *ReviewCustomer, s Settings, cut ReviewCutoffs) (e ReviewEntry, ok bool) {
	return reviewEntry(c, s, cut)
}

// CompareUrgency orders two entries by urgency alone: the kind of their
// most urgent reason, then how far past due it is (see ReasonKind). Entries
// it finds equal are ordered by name.
func CompareUrgency(a, b *ReviewEntry) int {
	ra, rb := a.Reasons[0], b.Reasons[0]
	if c := cmp.Compare(ra.Kind, rb.Kind); c != 0 {
		return c
	}
	return cmp.Compare(rb.weight, ra.weight)
}

// SortReview puts entries in queue order: most urgent first, then by name
// (case folded), then by id.
func SortReview(es []ReviewEntry) {
	type keyed struct {
		name string // folded once: comparing folds in the sort would allocate n log n times
		e    *ReviewEntry
	}
	ks := make([]keyed, len(es))
	for i := range es {
		ks[i] = keyed{strings.ToLower(es[i].Customer.Name), &es[i]}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := CompareUrgency(a.e, b.e); c != 0 {
			return c
		}
		if c := cmp.Compare(a.name, b.name); c != 0 {
			return c
		}
		return cmp.Compare(a.e.Customer.ID, b.e.Customer.ID)
	})
	sorted := make([]ReviewEntry, len(es))
	for i, k := range ks {
		sorted[i] = *k.e
	}
	copy(es, sorted)
}

// CountDone counts the entries handled today.
func CountDone(es []ReviewEntry) int {
	n := 0
	for _, e := range es {
		if e.Done {
			n++
		}
	}
	return n
}

// DailyReview is today's list: the most urgent entries of the queue, at
// most the daily review size (Settings.ReviewSize), and how many more are
// due beyond them. A short list the owner works through in a few minutes
// beats a backlog of thousands; the count says how big the backlog is.
type DailyReview struct {
	Entries []ReviewEntry
	// More counts the customers due beyond Entries. When MoreExact is
	// false the count stopped early: at least More are due, maybe many
	// more.
	More      int
	MoreExact bool
}

// MoreText says how many more are due beyond the list: "3,204 more due",
// or when the count stopped early a round figure below it, "over 1,000
// more due"; "" when none are.
func (r DailyReview) MoreText() string {
	switch {
	case r.More <= 0:
		return ""
	case r.MoreExact:
		return Commas(r.More) + " more due"
	}
	unit := 1 // keep two significant figures
	for r.More/unit >= 100 {
		unit *= 10
	}
	round := r.More / unit * unit
	if round < r.More {
		return "over " + Commas(round) + " more due"
	}
	return "at least " + Commas(round) + " more due"
}

// reviewEntry applies every rule to one customer.
func reviewEntry(c *ReviewCustomer, s Settings, cut ReviewCutoffs) (ReviewEntry, bool) {
	d := cut.Today
	e := ReviewEntry{Customer: *c, Done: c.HandledToday != ""}
	if Day(c.SnoozedUntil).After(d) && !e.Done {
		return e, false
	}
	add := func(k ReasonKind, overdue int, weight float64, format string, args ...any) {
		e.Reasons = append(e.Reasons, Reason{Kind: k, Overdue: overdue, weight: weight, Text: fmt.Sprintf(format, args...)})
	}
	touched := func(since time.Time) bool { return !c.LastTouch.IsZero() && !Day(c.LastTouch).Before(Day(since)) }

	// Complaints open past their target: the most overdue one speaks, the
	// more severe of two equally overdue.
	worst, worstOver, worstSev, late := ReviewComplaint{}, -1, -1, 0
	for _, cp := range c.Complaints {
		open := DaysBetween(cp.OpenedOn, d)
		if over := open - s.ComplaintTargetDays[cp.Severity]; over > 0 {
			late++
			sev := slices.Index(Severities, cp.Severity)
			if over > worstOver || over == worstOver && sev > worstSev {
				worst, worstOver, worstSev = cp, over, sev
			}
		}
	}
	if late > 0 {
		text := fmt.Sprintf("%s complaint open %s, target %s", worst.Severity,
			Plural(DaysBetween(worst.OpenedOn, d), "day", "days"), Plural(s.ComplaintTargetDays[worst.Severity], "day", "days"))
		if late > 1 {
			text += fmt.Sprintf(" (%d complaints late)", late)
		}
		add(ReasonComplaint, worstOver, float64(worstSev)*1e6+float64(worstOver), "%s", text)
	}

	// Feedback nobody answered: a touch on or after the newest one's day
	// counts as the answer.
	// Feedback dated after the day had not come yet (a review of a day
	// gone by, or an answer dated ahead): nothing waits for it.
	if f := c.Feedback; f.Count > 0 && !touched(f.Newest) && !Day(f.Oldest).After(d) {
		age := DaysBetween(f.Oldest, d)
		what := "feedback"
		if f.Count > 1 {
			what = fmt.Sprintf("%d feedback", f.Count)
		}
		waiting := "with no reply for " + Plural(age, "day", "days")
		if age == 0 {
			waiting = "today, no reply yet"
		}
		if f.HasScore && f.LowScore <= 6 {
			add(ReasonDetractor, age, float64(age), "detractor (NPS %d): %s %s", f.LowScore, what, waiting)
		} else {
			add(ReasonFeedback, age, float64(age), "%s %s", what, waiting)
		}
	}

	// Money owed past its due day; paying it, not a contact, answers it.
	unpaid, worstDue, owed := 0, time.Time{}, Money(0)
	for _, p := range c.Unpaid {
		if !Day(p.Due).Before(d) {
			continue
		}
		unpaid++
		owed += p.Amount
		if worstDue.IsZero() || p.Due.Before(worstDue) {
			worstDue = p.Due
		}
	}
	if unpaid > 0 {
		over := DaysBetween(worstDue, d)
		what := "payment of " + owed.Format(s.CurrencySymbol())
		if unpaid > 1 {
			what = fmt.Sprintf("%d payments, %s in all,", unpaid, owed.Format(s.CurrencySymbol()))
		}
		add(ReasonPayment, over, float64(over), "%s overdue %s (due %s)", what, Plural(over, "day", "days"), FormatDate(worstDue))
	}

	// Follow-up dates and reminders: each one's occurrence not answered by
	// a contact; the oldest speaks.
	var lastDay time.Time
	if !c.LastTouch.IsZero() {
		lastDay = Day(c.LastTouch)
	}
	var speak *Reminder
	speakOn, waiting := time.Time{}, 0
	for i := range c.Reminders {
		r := &c.Reminders[i]
		on, ok := r.NextAfter(lastDay)
		if !ok || on.After(d) {
			continue
		}
		waiting++
		if speak == nil || on.Before(speakOn) || on.Equal(speakOn) && r.Kind == ReminderFollowUp {
			speak, speakOn = r, on
		}
	}
	if speak != nil {
		over := DaysBetween(speakOn, d)
		what := "follow-up"
		if speak.Kind == ReminderNote {
			what = "reminder"
		}
		when := "due today"
		if over > 0 {
			when = fmt.Sprintf("was due %s ago (%s)", Plural(over, "day", "days"), FormatDate(speakOn))
		}
		text := what + " " + when
		if note := firstLineOf(speak.Note, 60); note != "" {
			text += ": " + note
		}
		if rep := speak.RepeatText(); rep != "" {
			text += " (" + rep + ")"
		}
		if waiting > 1 {
			text += fmt.Sprintf("; %d reminders due", waiting)
		}
		add(ReasonFollowUp, over, float64(over), "%s", text)
	}

	if c.Stage == StageFormer {
		return e.sorted()
	}

	// Occasions within OccasionDays: the nearest speaks; a contact since
	// the day it came up answers it.
	var near *Occasion
	nearOn := time.Time{}
	for i := range c.Occasions {
		o := &c.Occasions[i]
		on, ok := o.Next(d)
		if !ok || DaysBetween(d, on) > s.OccasionDays || touched(AddDays(on, -s.OccasionDays)) {
			continue
		}
		if near == nil || on.Before(nearOn) {
			near, nearOn = o, on
		}
	}
	if near != nil {
		ahead := DaysBetween(d, nearOn)
		when := "today"
		if ahead > 0 {
			when = fmt.Sprintf("in %s (%d %s)", Plural(ahead, "day", "days"), nearOn.Day(), nearOn.Month())
		}
		title := near.Title()
		if age := near.Age(nearOn); age > 0 {
			title += fmt.Sprintf(" (turns %d)", age)
		}
		add(ReasonOccasion, s.OccasionDays-ahead, float64(s.OccasionDays-ahead), "%s %s", title, when)
	}

	// Overdue to reorder: days since the last order beyond factor × the
	// median gap, and no touch within the last gap (a recent nudge counts).
	// A rhythm is lost past a year and a dozen gaps: "usually orders every
	// day; last order 5,835 days ago" read of imported history is no
	// reminder to reorder (the quiet-customer rule speaks for them).
	if c.Orders >= 3 && c.OrderGap > 0 && !c.LastOrder.IsZero() {
		since := DaysBetween(c.LastOrder, d)
		limit := s.ReorderFactor * float64(c.OrderGap)
		if float64(since) > limit && since <= max(RhythmLostDays, 12*c.OrderGap) && !touched(AddDays(d, -c.OrderGap)) {
			every := "every " + Plural(c.OrderGap, "day", "days")
			if c.OrderGap == 1 {
				every = "every day"
			}
			add(ReasonReorder, since-int(math.Floor(limit)), float64(since)/float64(c.OrderGap),
				"usually orders %s; last order %s ago", every, Plural(since, "day", "days"))
		}
	}

	// Stay in touch: the shortest cadence that applies, counted from the
	// last touch or order (or from when they were added).
	cadence, who := c.Cadence, c.CadenceSegment
	if c.Stage == StageAdvocate && s.AdvocateDays > 0 && (cadence == 0 || s.AdvocateDays < cadence) {
		cadence, who = s.AdvocateDays, "advocates"
	}
	if c.Stage == StageCustomer && s.CustomerDays > 0 && (cadence == 0 || s.CustomerDays < cadence) {
		cadence, who = s.CustomerDays, "customers"
	}
	last := c.LastTouch
	if c.LastOrder.After(last) {
		last = c.LastOrder
	}
	if c.Stage != StageProspect && cadence > 0 {
		from := last
		if from.IsZero() {
			from = c.CreatedAt
		}
		if since := DaysBetween(from, d); !from.IsZero() && since >= cadence {
			what := "no contact for " + Span(since)
			if last.IsZero() {
				what = "never contacted, added " + Span(since) + " ago"
			}
			add(ReasonCadence, since-cadence, float64(since-cadence), "%s (%s: every %s)", what, who, Plural(cadence, "day", "days"))
		}
	}

	// A prospect nobody has touched for ProspectDays.
	if c.Stage == StageProspect && s.ProspectDays > 0 {
		from := c.LastTouch
		if from.IsZero() {
			from = c.CreatedAt
		}
		if since := DaysBetween(from, d); !from.IsZero() && since >= s.ProspectDays {
			if c.LastTouch.IsZero() {
				add(ReasonProspect, since-s.ProspectDays, float64(since), "prospect never contacted, added %s ago", Plural(since, "day", "days"))
			} else {
				add(ReasonProspect, since-s.ProspectDays, float64(since), "prospect untouched for %s", Plural(since, "day", "days"))
			}
		}
	}

	// A thank-you for a first order ThankYouDays ago; it stays due for as
	// many days again, until a touch after the order answers it.
	if s.ThankYouDays > 0 && !c.FirstOrder.IsZero() {
		f := Day(c.FirstOrder)
		if !f.Before(cut.ThankYouFrom) && !f.After(cut.ThankYouTo) && !touched(f) {
			since := DaysBetween(f, d)
			add(ReasonThankYou, since-s.ThankYouDays, float64(since), "first order %s ago: say thank you", Plural(since, "day", "days"))
		}
	}

	// A customer gone quiet: no order (or none ever, since they were
	// added) and no contact for FormerDays. The owner decides: let them go
	// as former, or mark the review done to keep them another while.
	if c.Stage == StageCustomer && s.FormerDays > 0 {
		from := c.LastOrder
		if from.IsZero() {
			from = c.CreatedAt
		}
		if since := DaysBetween(from, d); !from.IsZero() && since >= s.FormerDays && !touched(cut.Former) {
			what := "no order for " + Span(since)
			if c.LastOrder.IsZero() {
				what = "no order since added " + Span(since) + " ago"
			}
			add(ReasonFormer, since-s.FormerDays, float64(since), "%s: let them go as former?", what)
		}
	}
	return e.sorted()
}

// RhythmLostDays is how long after a customer's last order their rhythm
// still holds at the least (a dozen of their gaps when that is longer):
// past it they are not reminded to reorder.
const RhythmLostDays = 365

// Span is a number of days as a person reads it: "45 days", and in years
// from two years on ("16 years"), where thousands of days say nothing.
func Span(days int) string {
	if days >= 730 {
		return Plural(days/365, "year", "years")
	}
	return Plural(days, "day", "days")
}

// firstLineOf is the first line of s made printable, cut to n characters.
func firstLineOf(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	s = strings.TrimSpace(Printable(s))
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// sorted puts the most urgent reason first and reports whether there is any.
func (e ReviewEntry) sorted() (ReviewEntry, bool) {
	slices.SortStableFunc(e.Reasons, func(a, b Reason) int { return cmp.Compare(a.Kind, b.Kind) })
	return e, len(e.Reasons) > 0
}
