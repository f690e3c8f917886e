package model

import (
	"cmp"
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
	if in.ProfitRank == 0 {
		return FitScore{Missing: "no sale in the period: nothing to rank their profit by"}
	}
	signals := in.Fit > 0 || in.HasNPS || in.Referrals > 0 || in.Complaints > 0
	if !signals {
		return FitScore{Missing: "only their profit is known: rate their fit, or ask them the NPS question"}
	}
	// Tens of thousands of customers are scored at once: the parts are
	// put in one small slice, and a text is written only for a part that
	// moves the score.
	var parts []FitPart
	add := func(points int, text func() string) {
		if points != 0 {
			if parts == nil {
				parts = make([]FitPart, 0, 5)
			}
			parts = append(parts, FitPart{Points: points, Text: text()})
		}
	}
	if in.Profit < 0 {
		add(w.Loss, func() string { return "loses " + (-in.Profit).Short(symbol) })
	} else if q := in.ProfitRank - 3; q != 0 {
		parts = append(make([]FitPart, 0, 5), FitPart{Points: q, Text: profitRankText(in.ProfitRank), Rank: true})
	}
	if in.Fit > 0 {
		add(in.Fit-3, func() string { return "fit " + strconv.Itoa(in.Fit) })
	}
	if in.Referrals > 0 {
		add(w.Referral*min(in.Referrals, w.MaxReferrals), func() string { return "referred " + Plural(in.Referrals, "customer", "customers") })
	}
	if in.Complaints > 0 {
		add(-w.Complaint*min(in.Complaints, w.MaxComplaints), func() string { return Plural(in.Complaints, "complaint", "complaints") })
	}
	if in.HasNPS {
		nps := func() string { return "NPS " + strconv.Itoa(in.NPS) }
		switch BandOf(in.NPS) {
		case Promoter:
			add(w.Promoter, nps)
		case Detractor:
			add(-w.Detractor, nps)
		}
	}
	s := FitScore{Scored: true, Parts: parts}
	for _, p := range parts {
		s.Score += p.Points
	}
	slices.SortStableFunc(s.Parts, func(a, b FitPart) int { return cmp.Compare(abs(b.Points), abs(a.Points)) })
	return s
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
// four values of the sorted list score them all.
func RankQuintiles(values []int64) []int {
	out := make([]int, len(values))
	if len(values) == 0 {
		return out
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	n := len(values)
	var above [4]int64
	for k := range above {
		m := ((k+1)*n + 4) / 5
		above[k] = sorted[m-1]
	}
	for i, v := range values {
		q := 1
		for _, t := range above {
			if v > t {
				q++
			}
		}
		out[i] = q
	}
	return out
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
