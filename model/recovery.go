package model

import (
	"cmp"
	"slices"
	"sort"
	"time"
)

// ComplaintCount is one customer's complaints, for the segment fit screen.
type ComplaintCount struct {
	Total      int
	Open       int   // not yet remedied
	RemedyCost Money // the remedy costs recorded against them
}

// YearFrom is the first day of the last 12 months up to now: the day after
// the same day a year earlier. The recovery figures cover [YearFrom, now].
func YearFrom(now time.Time) time.Time { return Last12Months(now).From }

// TargetDays is how long a complaint of severity sev may stay open, from
// the settings; a missing setting falls back to the default.
func TargetDays(s Settings, sev Severity) int {
	if d, ok := s.ComplaintTargetDays[sev]; ok && d > 0 {
		return d
	}
	return DefaultSettings().ComplaintTargetDays[sev]
}

// ComplaintAge is where an open complaint stands against its target.
type ComplaintAge struct {
	Days    int // since it was opened
	Target  int // days allowed for its severity
	Overdue int // days past the target; 0 when within it
}

// AgeOf returns how long c has been open on now's day against the target
// for its severity. A complaint open for exactly its target days is due
// today, not yet overdue.
func AgeOf(c Complaint, s Settings, now time.Time) ComplaintAge {
	a := ComplaintAge{Days: DaysBetween(c.OpenedOn, now), Target: TargetDays(s, c.Severity)}
	a.Overdue = max(a.Days-a.Target, 0)
	return a
}

// DaysToRemedy is how many days c took to be remedied; ok is false while
// it has no remedy date.
func DaysToRemedy(c Complaint) (days int, ok bool) {
	if c.RemediedOn.IsZero() {
		return 0, false
	}
	return DaysBetween(c.OpenedOn, c.RemediedOn), true
}

// SettleDates fills the dates a status change implies, as of today: a
// remedied or closed complaint without a remedy date was remedied today
// (or the day it closed), a closed one without a closing date closed
// today, and an honoured guarantee without its date was honoured the day
// of the remedy. Dates already set are kept.
func (c *Complaint) SettleDates(today time.Time) {
	today = Day(today)
	if c.Status == ComplaintClosed && c.ClosedOn.IsZero() {
		c.ClosedOn = today
	}
	if c.Status != ComplaintOpen && c.RemediedOn.IsZero() {
		c.RemediedOn = today
		if !c.ClosedOn.IsZero() && c.ClosedOn.Before(today) {
			c.RemediedOn = c.ClosedOn
		}
	}
	if c.Guarantee && c.HonouredOn.IsZero() && !c.RemediedOn.IsZero() {
		c.HonouredOn = c.RemediedOn
	}
}

// SortForWork orders complaints the way the screen lists them: open cases
// first, the furthest past (or nearest to) its target on top, then the
// oldest; then remedied ones awaiting closure, newest remedy first; then
// closed ones, newest closing first; the newest opened, then the lowest
// id, breaking ties among those.
func SortForWork(rows []Complaint, s Settings, now time.Time) {
	type key struct{ rank, primary, opened, id int64 }
	today := Day(now)
	days := func(t time.Time) int64 { return int64(Day(t).Sub(today) / (24 * time.Hour)) }
	targets := map[Severity]int64{}
	for _, sev := range Severities {
		targets[sev] = int64(TargetDays(s, sev))
	}
	// Sort the keys with the rows' indexes, then move each row once: rows
	// are large and there may be 20,000 of them.
	type entry struct {
		key
		i int
	}
	es := make([]entry, len(rows))
	for i, r := range rows {
		k := key{opened: -days(r.OpenedOn), id: r.ID} // newest opened first …
		switch r.Status {
		case ComplaintOpen:
			// … but among open ones equally far past their targets, the
			// oldest first.
			k.rank, k.primary, k.opened = 0, days(r.OpenedOn)+targets[r.Severity], -k.opened
		case ComplaintRemedied:
			k.rank, k.primary = 1, -days(r.RemediedOn)
		default:
			k.rank, k.primary = 2, -days(r.ClosedOn)
		}
		es[i] = entry{k, i}
	}
	slices.SortFunc(es, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.primary, b.primary),
			cmp.Compare(a.opened, b.opened), cmp.Compare(a.id, b.id))
	})
	sorted := make([]Complaint, len(rows))
	for i, e := range es {
		sorted[i] = rows[e.i]
	}
	copy(rows, sorted)
}

// RecoveryCase is a customer's closed complaint and the customer's latest
// sale, the inputs of the recovery rate.
type RecoveryCase struct {
	CustomerID int64
	ClosedOn   time.Time
	LastOrder  time.Time // the customer's latest sale; zero for none
}

// Recovery counts customers whose complaint closed in the last 12 months
// and those of them who ordered again afterwards.
type Recovery struct {
	Customers int
	Reordered int
}

// Percent is the recovery rate rounded to a whole percent; ok is false
// with no customers.
func (r Recovery) Percent() (int, bool) {
	if r.Customers == 0 {
		return 0, false
	}
	return int(DivRound(int64(100*r.Reordered), int64(r.Customers))), true
}

// RecoveryCases are the closed complaints of customers among cs, each
// with the customer's latest sale from lastSales (zero when absent).
func RecoveryCases(cs []Complaint, lastSales map[int64]time.Time) []RecoveryCase {
	var out []RecoveryCase
	for _, c := range cs {
		if c.Status == ComplaintClosed && c.CustomerID != 0 && !c.ClosedOn.IsZero() {
			out = append(out, RecoveryCase{CustomerID: c.CustomerID, ClosedOn: c.ClosedOn, LastOrder: lastSales[c.CustomerID]})
		}
	}
	return out
}

// RecoveryRate is the share of customers who ordered again after their
// complaint closed, over complaints closed in the last 12 months. Each
// customer counts once, judged by their latest closed complaint; they
// recovered when their latest sale falls on a later day than it closed
// (an order the same day is likely the remedy itself).
func RecoveryRate(cases []RecoveryCase, now time.Time) Recovery {
	from, to := YearFrom(now), Day(now)
	latest := map[int64]RecoveryCase{}
	for _, c := range cases {
		if c.CustomerID == 0 || c.ClosedOn.IsZero() || c.ClosedOn.Before(from) || c.ClosedOn.After(to) {
			continue
		}
		if prev, ok := latest[c.CustomerID]; !ok || c.ClosedOn.After(prev.ClosedOn) {
			latest[c.CustomerID] = c
		}
	}
	var r Recovery
	for _, c := range latest {
		r.Customers++
		if !c.LastOrder.IsZero() && Day(c.LastOrder).After(Day(c.ClosedOn)) {
			r.Reordered++
		}
	}
	return r
}

// GuaranteeTiming sums the days taken to honour guarantees.
type GuaranteeTiming struct {
	Honoured int // guarantees honoured in the last 12 months
	Days     int // days from opening to honouring, summed
	Waiting  int // guarantees invoked and not honoured yet
}

// Average is the mean days to honour a guarantee; ok is false with none.
func (g GuaranteeTiming) Average() (float64, bool) {
	if g.Honoured == 0 {
		return 0, false
	}
	return float64(g.Days) / float64(g.Honoured), true
}

// GuaranteeTimes measures how fast guarantees were honoured: every
// complaint with a guarantee honoured in the last 12 months counts the
// days from its opening to the honouring.
func GuaranteeTimes(cs []Complaint, now time.Time) GuaranteeTiming {
	from, to := YearFrom(now), Day(now)
	var g GuaranteeTiming
	for _, c := range cs {
		if !c.Guarantee {
			continue
		}
		if c.HonouredOn.IsZero() {
			g.Waiting++
			continue
		}
		if c.HonouredOn.Before(from) || c.HonouredOn.After(to) {
			continue
		}
		g.Honoured++
		g.Days += DaysBetween(c.OpenedOn, c.HonouredOn)
	}
	return g
}

// LastFive is the analysis of the five newest complaints: what went wrong,
// how fast it was made right, and whether it was stopped from happening
// again.
type LastFive struct {
	Complaints     []Complaint         // newest first
	Categories     []ComplaintCategory // of each, newest first
	Remedied       int                 // how many have a remedy date
	RemedyDays     int                 // their days to remedy, summed
	WithPrevention int                 // how many name a prevention step
	// Repeated names the causes that come back: categories met more than
	// once, most first, and the same wording of what went wrong.
	Repeated []RepeatedCause
}

// RepeatedCause is a cause seen more than once among the last five.
type RepeatedCause struct {
	Cause string // a category, or what went wrong as first worded
	Times int
}

// AverageRemedyDays is the mean days to remedy of the remedied ones.
func (l LastFive) AverageRemedyDays() (float64, bool) {
	if l.Remedied == 0 {
		return 0, false
	}
	return float64(l.RemedyDays) / float64(l.Remedied), true
}

// AnalyseLastFive picks the five newest complaints (by opening day, then
// id) and analyses them.
func AnalyseLastFive(cs []Complaint) LastFive {
	newer := func(a, b Complaint) int { // negative when a is newer
		return cmp.Or(b.OpenedOn.Compare(a.OpenedOn), cmp.Compare(b.ID, a.ID))
	}
	var newest []Complaint // the newest so far, newest first
	for _, c := range cs {
		if len(newest) == 5 && newer(c, newest[4]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(newest, c, newer)
		newest = slices.Insert(newest, i, c)
		if len(newest) > 5 {
			newest = newest[:5]
		}
	}
	l := LastFive{Complaints: newest}
	cats := map[ComplaintCategory]int{}
	causes := map[string]int{}
	var causeOrder []string
	wording := map[string]string{}
	for _, c := range newest {
		l.Categories = append(l.Categories, c.Category)
		cats[c.Category]++
		if d, ok := DaysToRemedy(c); ok {
			l.Remedied++
			l.RemedyDays += d
		}
		if len(ThemeKey(c.Prevention)) > 0 {
			l.WithPrevention++
		}
		if k := ThemeKey(c.WhatWentWrong); k != "" {
			if causes[k] == 0 {
				causeOrder = append(causeOrder, k)
			}
			causes[k]++
			wording[k] = c.WhatWentWrong // the oldest wording wins: the loop runs newest first
		}
	}
	for _, cat := range ComplaintCategories {
		if n := cats[cat]; n > 1 {
			l.Repeated = append(l.Repeated, RepeatedCause{Cause: string(cat), Times: n})
		}
	}
	sort.SliceStable(l.Repeated, func(i, j int) bool { return l.Repeated[i].Times > l.Repeated[j].Times })
	for _, k := range causeOrder {
		if causes[k] > 1 {
			l.Repeated = append(l.Repeated, RepeatedCause{Cause: wording[k], Times: causes[k]})
		}
	}
	return l
}
