package model

import (
	"slices"
	"strconv"
	"strings"
)

// The fit score ranks customers from best to drain. It adds whole points
// for five things, each in words on screen:
//
//   - profit rank: the customer's profit quintile over the period among the
//     customers who bought in it, 1–5, scores quintile − 3 (−2 … +2); a
//     customer who lost the business money scores Loss instead (−3);
//   - the owner's fit rating, 1–5, scores rating − 3 (−2 … +2);
//   - referrals: Referral points per customer they referred (all time), at
//     most MaxReferrals of them (0 … +3);
//   - complaints: −Complaint points per complaint opened in the period, at
//     most MaxComplaints of them (−3 … 0);
//   - NPS: their latest answer, Promoter points for 9–10, −Detractor for
//     0–6, nothing for 7–8.
//
// A score needs the profit rank (a sale in the period) and one thing more
// that is known rather than absent: a fit rating, an NPS answer, a
// referral or a complaint. Customers without that get no score and a
// sentence saying what is missing, so that a quiet customer is never
// ranked a drain for want of data.

// FitWeights are the points of the fit score.
type FitWeights struct {
	Loss          int // points (negative) for a customer who lost money
	Referral      int // per referral
	MaxReferrals  int
	Complaint     int // per complaint, subtracted
	MaxComplaints int
	Promoter      int // latest NPS 9–10
	Detractor     int // latest NPS 0–6, subtracted
}

// DefaultFitWeights are the weights the screen uses.
var DefaultFitWeights = FitWeights{Loss: -3, Referral: 1, MaxReferrals: 3, Complaint: 1, MaxComplaints: 3,
	Promoter: 1, Detractor: 1}

// FitInputs are what the fit score weighs about one customer.
type FitInputs struct {
	// ProfitRank is the customer's profit quintile over the period, 1–5
	// (5 the most profitable); 0 when they had no sale in it.
	ProfitRank int
	Profit     Money // over the period
	Fit        int   // the owner's rating 1–5; 0 unrated
	Referrals  int   // customers they referred, all time
	Complaints int   // complaints opened in the period
	NPS        int   // their latest NPS answer, when HasNPS
	HasNPS     bool
}

// FitPart is one thing that moved a fit score, in words: "+2 fit 5".
type FitPart struct {
	Points int
	Text   string // what it is about: "fit 5", "loses £310", "2 complaints"
	Rank   bool   // the part is the profit rank (a loss is not)
}

// String writes the part with its sign: "+2 fit 5", "-1 NPS 4".
func (p FitPart) String() string { return Signed(p.Points) + " " + p.Text }

// FitScore is a customer's score and how it was made. When Scored is
// false, Missing says why there is no score.
type FitScore struct {
	Scored  bool
	Score   int
	Parts   []FitPart // the parts that moved it, biggest first
	Missing string
}

// Explain writes the parts: "+2 profit top 20% · +2 fit 5 · −1 1 complaint";
// or what is missing.
func (s FitScore) Explain() string {
	if !s.Scored {
		return s.Missing
	}
	if len(s.Parts) == 0 {
		return "nothing stands out either way"
	}
	parts := make([]string, len(s.Parts))
	for i, p := range s.Parts {
		parts[i] = p.String()
	}
	return strings.Join(parts, " · ")
}

// ScoreFit scores one customer; symbol writes money in the reasons.
func ScoreFit(in FitInputs, w FitWeights, symbol string) FitScore {
	var buf [maxFitParts]FitPart
	s := scoreFit(in, w, symbol, &buf)
	if len(s.Parts) > 0 {
		s.Parts = append(make([]FitPart, 0, maxFitParts), s.Parts...)
	}
	return s
}

// maxFitParts is the most parts a score has: one per thing weighed.
const maxFitParts = 5

// scoreFit is ScoreFit with its parts in buf: the caller keeps them (or
// copies them out) before scoring the next customer into it. Tens of
// thousands of customers are scored at once, so a part's text is written
// only when it moves the score, and the texts of small numbers are
// written once (fitTexts).
func scoreFit(in FitInputs, w FitWeights, symbol string, buf *[maxFitParts]FitPart) FitScore {
	if in.ProfitRank == 0 {
		return FitScore{Missing: "no sale in the period: nothing to rank their profit by"}
	}
	signals := in.Fit > 0 || in.HasNPS || in.Referrals > 0 || in.Complaints > 0
	if !signals {
		return FitScore{Missing: "only their profit is known: rate their fit, or ask them the NPS question"}
	}
	n := 0
	if in.Profit < 0 {
		if w.Loss != 0 {
			buf[n] = FitPart{Points: w.Loss, Text: "loses " + (-in.Profit).Short(symbol)}
			n++
		}
	} else if q := in.ProfitRank - 3; q != 0 {
		buf[n] = FitPart{Points: q, Text: profitRankText(in.ProfitRank), Rank: true}
		n++
	}
	if in.Fit > 0 {
		if p := in.Fit - 3; p != 0 {
			buf[n] = FitPart{Points: p, Text: fitTexts.number(&fitTexts.fit, "fit ", in.Fit)}
			n++
		}
	}
	if in.Referrals > 0 {
		if p := w.Referral * min(in.Referrals, w.MaxReferrals); p != 0 {
			buf[n] = FitPart{Points: p, Text: fitTexts.plural(&fitTexts.referred, "referred ", in.Referrals, "customer", "customers")}
			n++
		}
	}
	if in.Complaints > 0 {
		if p := -w.Complaint * min(in.Complaints, w.MaxComplaints); p != 0 {
			buf[n] = FitPart{Points: p, Text: fitTexts.plural(&fitTexts.complaints, "", in.Complaints, "complaint", "complaints")}
			n++
		}
	}
	if in.HasNPS {
		p := 0
		switch BandOf(in.NPS) {
		case Promoter:
			p = w.Promoter
		case Detractor:
			p = -w.Detractor
		}
		if p != 0 {
			buf[n] = FitPart{Points: p, Text: fitTexts.number(&fitTexts.nps, "NPS ", in.NPS)}
			n++
		}
	}
	s := FitScore{Scored: true}
	if n == 0 {
		return s
	}
	parts := buf[:n]
	for _, p := range parts {
		s.Score += p.Points
	}
	// Biggest first, ties in the order above: an insertion sort, stable.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && abs(parts[j].Points) > abs(parts[j-1].Points); j-- {
			parts[j], parts[j-1] = parts[j-1], parts[j]
		}
	}
	s.Parts = parts
	return s
}

// fitTexts holds the texts of parts about small numbers, written once.
var fitTexts = newScoreTexts()

// scoreTexts are texts of small numbers: "fit 4", "NPS 9", "referred 2
// customers", "1 complaint".
type scoreTexts struct {
	fit, nps             [11]string
	referred, complaints [16]string
}

func newScoreTexts() *scoreTexts {
	t := &scoreTexts{}
	for n := range t.fit {
		t.fit[n], t.nps[n] = "fit "+strconv.Itoa(n), "NPS "+strconv.Itoa(n)
	}
	for n := range t.referred {
		t.referred[n] = "referred " + Plural(n, "customer", "customers")
		t.complaints[n] = Plural(n, "complaint", "complaints")
	}
	return t
}

// number writes prefix and n ("fit 4", "NPS 9") from table when it
// holds n.
func (t *scoreTexts) number(table *[11]string, prefix string, n int) string {
	if n >= 0 && n < len(table) {
		return table[n]
	}
	return prefix + strconv.Itoa(n)
}

// plural writes prefix and n of something ("referred 2 customers").
func (t *scoreTexts) plural(table *[16]string, prefix string, n int, one, many string) string {
	if n >= 0 && n < len(table) {
		return table[n]
	}
	return prefix + Plural(n, one, many)
}

// profitRankText says where a profit quintile stands: "profit top 20%".
func profitRankText(q int) string {
	switch q {
	case 5:
		return "profit top 20%"
	case 4:
		return "profit top 40%"
	case 2:
		return "profit bottom 40%"
	case 1:
		return "profit bottom 20%"
	}
	return "profit middle"
}

// RankQuintiles scores each value 1–5 against all of them, higher values
// better: 1 + ⌊5 × (values strictly below) / n⌋, so equal values share a
// score (the rule DESIGN.md gives RFM).
//
// A value scores above k (k = 1 … 4) when at least m = ⌈k × n / 5⌉
// values are below it, that is when it is above the m-th smallest: so
// four values of the sorted list score them all, and selecting those four
// is enough; the list is never sorted whole.
func RankQuintiles(values []int64) []int {
	out := make([]int, len(values))
	if len(values) == 0 {
		return out
	}
	cuts := quintileCuts(values)
	for i, v := range values {
		out[i] = quintileOf(v, &cuts)
	}
	return out
}

// quintileOf is v's score against quintileCuts: 1 and one more for each
// cut below it.
func quintileOf(v int64, cuts *[4]int64) int {
	q := 1
	for _, t := range cuts {
		if v > t {
			q++
		}
	}
	return q
}

// quintileCuts returns the m-th smallest of values for m = ⌈k × n / 5⌉,
// k = 1 … 4: what RankQuintiles compares with. values is not changed.
func quintileCuts(values []int64) [4]int64 {
	n := len(values)
	var cuts [4]int64
	lo, hi := values[0], values[0]
	for _, v := range values {
		lo, hi = min(lo, v), max(hi, v)
	}
	if span := uint64(hi) - uint64(lo); span < uint64(2*n)+1024 {
		// Few distinct values (days, orders): count them, and walk
		// the counts to each cut.
		counts := make([]int32, span+1)
		for _, v := range values {
			counts[uint64(v)-uint64(lo)]++
		}
		k, below := 0, 0
		for x, c := range counts {
			below += int(c)
			for ; k < len(cuts) && below >= ((k+1)*n+4)/5; k++ {
				cuts[k] = int64(uint64(lo) + uint64(x))
			}
		}
		return cuts
	}
	a := slices.Clone(values)
	from := 0 // a[from:] holds the positions still to select
	for k := range cuts {
		at := ((k+1)*n+4)/5 - 1
		nthElement(a[from:], at-from)
		cuts[k] = a[at]
		from = at
	}
	return cuts
}

// nthElement moves values around so that a[k] is what sorting a puts
// there, no value before it greater and none after it smaller: a
// quickselect, three-way so that runs of equal values end it early, and
// a sort of what is left should the pivots keep missing.
func nthElement(a []int64, k int) {
	lo, hi := 0, len(a)
	for round := 0; hi-lo > 16; round++ {
		if round == 64 {
			break
		}
		x, y, z := a[lo], a[lo+(hi-lo)/2], a[hi-1]
		p := max(min(x, y), min(max(x, y), z)) // the median of the three
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch v := a[i]; {
			case v < p:
				a[lt], a[i] = v, a[lt]
				lt++
				i++
			case v > p:
				gt--
				a[i], a[gt] = a[gt], v
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			return // a[lt:gt] are all p
		}
	}
	slices.Sort(a[lo:hi])
}

// Best customers and drains are at least this far from zero.
const (
	BestFrom  = 2
	DrainFrom = -2
)

// Best reports whether the score makes a best customer: BestFrom or more,
// and something besides the profit rank speaks for them (a good fit, a
// referral, a promoter's answer): being more profitable than others is not
// enough on its own.
func (s FitScore) Best() bool { return s.Scored && s.Score >= BestFrom && s.beyondRank(1) }

// Drain reports whether the score makes a drain: DrainFrom or less, and
// something besides the profit rank speaks against them (a loss, a poor
// fit, complaints, a detractor's answer): a profitable customer low in the
// rank, with nothing else against them, is no drain.
func (s FitScore) Drain() bool { return s.Scored && s.Score <= DrainFrom && s.beyondRank(-1) }

// beyondRank reports whether a part other than the profit rank pushes the
// score in direction sign.
func (s FitScore) beyondRank(sign int) bool {
	for _, p := range s.Parts {
		if !p.Rank && p.Points*sign > 0 {
			return true
		}
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
