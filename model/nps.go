package model

import (
	"sort"
	"time"
)

// NPS bands: promoters score 9–10, passives 7–8, detractors 0–6.
const (
	PromoterMin = 9
	PassiveMin  = 7
)

// NPSQuestion is the question an NPS score answers; the first migration
// saves it among the questions.
const NPSQuestion = "How likely are you to recommend us to a friend, from 0 to 10?"

// NPSBand is where a 0–10 score falls.
type NPSBand string

// The bands.
const (
	Detractor NPSBand = "detractor"
	Passive   NPSBand = "passive"
	Promoter  NPSBand = "promoter"
)

// BandOf returns the band of a 0–10 score.
func BandOf(score int) NPSBand {
	switch {
	case score >= PromoterMin:
		return Promoter
	case score >= PassiveMin:
		return Passive
	}
	return Detractor
}

// NPS tallies answers by band. The zero value is an empty tally.
type NPS struct {
	Promoters, Passives, Detractors int
}

// Add counts n answers of one score.
func (t *NPS) Add(score, n int) {
	switch BandOf(score) {
	case Promoter:
		t.Promoters += n
	case Passive:
		t.Passives += n
	default:
		t.Detractors += n
	}
}

// Plus returns the two tallies together.
func (t NPS) Plus(o NPS) NPS {
	return NPS{t.Promoters + o.Promoters, t.Passives + o.Passives, t.Detractors + o.Detractors}
}

// Answers is how many answers the tally holds.
func (t NPS) Answers() int { return t.Promoters + t.Passives + t.Detractors }

// Score is the net promoter score, %promoters − %detractors, from −100 to
// +100, rounded to a whole number half away from zero (2 promoters and a
// passive: 200/3 = 66.7 → 67). ok is false when there are no answers.
func (t NPS) Score() (score int, ok bool) {
	n := t.Answers()
	if n == 0 {
		return 0, false
	}
	return int(DivRound(int64(100*(t.Promoters-t.Detractors)), int64(n))), true
}

// NPSCount is how many NPS answers gave one score on one day, in one
// segment for the by-segment tallies. The store groups answers this way so
// the rules never read each of 100,000 rows.
type NPSCount struct {
	Day     time.Time
	Score   int
	N       int
	Segment string // "" in the overall counts
}

// MonthNPS is one month of the trend.
type MonthNPS struct {
	Month time.Time // the first day of the month
	NPS
}

// SegmentNPS is one segment's NPS.
type SegmentNPS struct {
	Segment         string
	Recent, AllTime NPS // Recent covers RecentDays, like NPSSummary.Recent
}

// NPSSummary is everything the NPS panel shows.
type NPSSummary struct {
	Recent   NPS        // the last RecentDays days, today included
	AllTime  NPS        // every answer
	Months   []MonthNPS // the trend: one entry per month, oldest first, ending with this month
	Segments []SegmentNPS
}

// RecentDays is the window of the headline NPS.
const RecentDays = 90

// RecentFrom is the first day of the last RecentDays days up to now.
func RecentFrom(now time.Time) time.Time { return AddDays(now, -(RecentDays - 1)) }

// MonthStart is the first day of t's month.
func MonthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// SummarizeNPS tallies the overall counts into the last RecentDays days,
// all time and the last months months (this one included), and the
// by-segment counts into one entry per segment, the segments with the most
// answers first (then by name). A customer in two segments counts in both.
func SummarizeNPS(overall, bySegment []NPSCount, now time.Time, months int) NPSSummary {
	var s NPSSummary
	from := RecentFrom(now)
	if months > 0 {
		s.Months = make([]MonthNPS, months)
		first := MonthStart(now).AddDate(0, -(months - 1), 0)
		for i := range s.Months {
			s.Months[i].Month = first.AddDate(0, i, 0)
		}
	}
	for _, c := range overall {
		s.AllTime.Add(c.Score, c.N)
		if !c.Day.Before(from) {
			s.Recent.Add(c.Score, c.N)
		}
		if months > 0 {
			if i := monthIndex(s.Months[0].Month, c.Day); i >= 0 && i < months {
				s.Months[i].Add(c.Score, c.N)
			}
		}
	}
	index := map[string]int{}
	for _, c := range bySegment {
		i, ok := index[c.Segment]
		if !ok {
			i = len(s.Segments)
			index[c.Segment] = i
			s.Segments = append(s.Segments, SegmentNPS{Segment: c.Segment})
		}
		s.Segments[i].AllTime.Add(c.Score, c.N)
		if !c.Day.Before(from) {
			s.Segments[i].Recent.Add(c.Score, c.N)
		}
	}
	sort.Slice(s.Segments, func(i, j int) bool {
		a, b := s.Segments[i], s.Segments[j]
		if a.AllTime.Answers() != b.AllTime.Answers() {
			return a.AllTime.Answers() > b.AllTime.Answers()
		}
		return a.Segment < b.Segment
	})
	return s
}

// monthIndex is how many months day falls after the month starting first.
func monthIndex(first, day time.Time) int {
	return (day.Year()-first.Year())*12 + int(day.Month()) - int(first.Month())
}
