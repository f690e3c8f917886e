package model

import (
	"cmp"
	"slices"
	"sync"
	"time"
)

// fitRow is what the analysis reads of one customer, gathered in one
// pass over the customers: a FitCustomer is some 330 bytes, with its
// texts and lists elsewhere, and each pass over 100,000 of them costs
// more in fetching them than in the work; the passes after the first
// read these, a few dozen bytes each, one after the other.
type fitRow struct {
	tally              // their part in a group row
	referrals int      // customers they referred
	lifetime  Money    // all-time revenue
	orders    int      // sale orders in the period
	npsOrder  int      // their latest NPS answer; −1 without one
	score     int      // their fit score, when scored
	parent    int32    // who referred them, when they are here; −1
	days      int32    // from their last sale to today, when rfm
	stage     stageKey // their stage
	tier      uint8    // their tier, 1–3; 0 for none or out of range
	rfmR      uint8    // their R and F scores, when set here; 0 when not
	rfmF      uint8
	flags     rowFlags
}

// stageKey numbers the stages: comparing a number beats comparing texts.
type stageKey uint8

const (
	otherStage stageKey = iota
	prospectStage
	customerStage
	advocateStage
	formerStage
)

func stageKeyOf(s Stage) stageKey {
	switch s {
	case StageProspect:
		return prospectStage
	case StageCustomer:
		return customerStage
	case StageAdvocate:
		return advocateStage
	case StageFormer:
		return formerStage
	}
	return otherStage
}

type rowFlags uint8

const (
	rowRFM    rowFlags = 1 << iota // bought with a last sale and no RFM segment given: fitRFM names one
	rowNPS                         // has an NPS answer
	rowRecent                      // ordered or was contacted in the last quietDays
	rowScored
	rowBest
	rowDrain
)

// fitRows gathers the rows, and counts each customer's referrals.
func fitRows(cs []FitCustomer, at *idIndex, today time.Time) []fitRow {
	rows := rowsKept.take(len(cs))
	since := AddDays(today, -quietDays)
	inHalves(len(cs), func(lo, hi int) { fillRows(cs[lo:hi], rows[lo:hi], at, today, since) })
	for i := range rows {
		if p := rows[i].parent; p >= 0 {
			rows[p].referrals++
		}
	}
	for i := range rows {
		rows[i].tally.referrals = int32(rows[i].referrals)
	}
	return rows
}

// fillRows fills rows from cs, one for one.
func fillRows(cs []FitCustomer, rows []fitRow, at *idIndex, today, since time.Time) {
	for i := range cs {
		c, r := &cs[i], &rows[i]
		r.revenue, r.direct, r.serve, r.profit = c.Revenue, c.DirectCost, c.CostToServe, c.Profit
		r.complaints, r.fit, r.nps = int32(c.Complaints), int8(c.Fit), -1
		r.npsOrder = -1
		if c.HasNPS {
			r.nps, r.npsOrder, r.flags = int8(c.NPS), c.NPS, rowNPS
		}
		r.stage = stageKeyOf(c.Stage)
		r.prospect, r.former = uint8(boolInt(r.stage == prospectStage)), uint8(boolInt(r.stage == formerStage))
		r.buyer = uint8(boolInt(c.Orders > 0))
		r.referrals, r.lifetime, r.orders = c.Referrals, c.LifetimeRevenue, c.Orders
		if c.Tier >= 1 && c.Tier <= Tiers {
			r.tier = uint8(c.Tier)
		}
		r.parent = -1
		if c.Referrer != 0 {
			if p, ok := at.find(c.Referrer); ok {
				r.parent = int32(p)
			}
		}
		if c.Orders > 0 && c.RFMSegment == "" && !c.LastSale.IsZero() {
			r.flags |= rowRFM
			r.days = int32(daysTo(c.LastSale, today))
		}
		if !c.LastActivity.Before(since) {
			r.flags |= rowRecent
		}
	}
}

// inHalves runs fn over [0, n) in two halves side by side, on two cores
// when there are, for a list long enough to gain by it; fn must write
// only what belongs to its half.
func inHalves(n int, fn func(lo, hi int)) {
	if n < 4096 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	wg.Go(func() { fn(0, n/2) })
	fn(n/2, n)
	wg.Wait()
}

// rfmOfRows scores recency and frequency among the customers fitRFM
// names a segment for, as the profitability engine scores them
// (rfmMeasures.score), recency counted from their last sale in the
// period to today.
func rfmOfRows(rows []fitRow) {
	var days, orders []int64
	for i := range rows {
		if r := &rows[i]; r.flags&rowRFM != 0 {
			days = append(days, -int64(r.days)) // fewer days rank higher
			orders = append(orders, int64(r.orders))
		}
	}
	if len(days) == 0 {
		return
	}
	dc, oc := quintileCuts(days), quintileCuts(orders)
	for i := range rows {
		if r := &rows[i]; r.flags&rowRFM != 0 {
			r.rfmR, r.rfmF = uint8(quintileOf(-int64(r.days), &dc)), uint8(quintileOf(int64(r.orders), &oc))
		}
	}
}

// scoreAll ranks profit among the customers who bought in the period,
// scores every customer, and writes what the analysis works out into
// each customer (their RFM segment, referrals and score) in one pass.
// The scores' parts share a few large arrays rather than one small one
// each.
func scoreAll(cs []FitCustomer, rows []fitRow, w FitWeights, symbol string) {
	var profits []int64
	for i := range rows {
		if rows[i].buyer != 0 {
			profits = append(profits, int64(rows[i].profit))
		}
	}
	var cuts [4]int64
	if len(profits) > 0 {
		cuts = quintileCuts(profits)
	}
	inHalves(len(cs), func(lo, hi int) { scoreRows(cs[lo:hi], rows[lo:hi], &cuts, w, symbol) })
}

// scoreRows scores cs, whose rows are rows, one for one, against the
// profit quintiles' cuts.
func scoreRows(cs []FitCustomer, rows []fitRow, cuts *[4]int64, w FitWeights, symbol string) {
	var buf [maxFitParts]FitPart
	var slab []FitPart
	for i := range cs {
		c, r := &cs[i], &rows[i]
		c.Referrals = r.referrals
		if r.rfmR > 0 {
			c.RFMSegment = rfmName(int(r.rfmR), int(r.rfmF))
		}
		rank := 0
		if r.buyer != 0 {
			rank = quintileOf(int64(r.profit), cuts)
		}
		c.Score = scoreFit(FitInputs{ProfitRank: rank, Profit: c.Profit, Fit: c.Fit, Referrals: c.Referrals,
			Complaints: c.Complaints, NPS: c.NPS, HasNPS: c.HasNPS}, w, symbol, &buf)
		if n := len(c.Score.Parts); n > 0 {
			if len(slab) < n {
				slab = make([]FitPart, 1024*maxFitParts)
			}
			copy(slab, c.Score.Parts)
			c.Score.Parts, slab = slab[:n:n], slab[n:]
		}
		r.score = c.Score.Score
		switch {
		case !c.Score.Scored:
		case c.Score.Best():
			r.flags |= rowScored | rowBest
		case c.Score.Drain():
			r.flags |= rowScored | rowDrain
		default:
			r.flags |= rowScored
		}
	}
}

// byName orders customers a and b by name, then id.
func byName(cs []FitCustomer, a, b int) int {
	return cmp.Or(cmp.Compare(cs[a].Name, cs[b].Name), cmp.Compare(cs[a].ID, cs[b].ID))
}

// nameKey is the first 16 bytes of a name as two numbers, zeros after its
// end: names whose keys differ compare as their keys do, so a sort
// compares the names themselves only when their keys are equal.
type nameKey [2]uint64

func nameKeyOf(s string) nameKey {
	var k nameKey
	for j := 0; j < 16 && j < len(s); j++ {
		k[j/8] |= uint64(s[j]) << (56 - 8*(j%8))
	}
	return k
}

// compare orders a and b as their names, or 0 when that takes the names.
func (a nameKey) compare(b nameKey) int {
	return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
}

// sortInHalves sorts xs by compare, a total order, sorting its two halves
// side by side (inHalves) and merging them into dst; it returns the sorted
// list: xs itself, or dst grown to hold it.
func sortInHalves[T any](xs, dst []T, compare func(a, b T) int) []T {
	if len(xs) < 4096 {
		slices.SortFunc(xs, compare)
		return xs
	}
	mid := len(xs) / 2
	inHalves(len(xs), func(lo, hi int) { slices.SortFunc(xs[lo:hi], compare) })
	out := slices.Grow(dst[:0], len(xs))[:len(xs)]
	i, j, k := 0, mid, 0
	for ; i < mid && j < len(xs); k++ {
		if compare(xs[j], xs[i]) < 0 {
			out[k], j = xs[j], j+1
		} else {
			out[k], i = xs[i], i+1
		}
	}
	k += copy(out[k:], xs[i:mid])
	copy(out[k:], xs[j:])
	return out
}

// kept holds a scratch list between analyses: a list of 100,000 rows
// made afresh costs more in memory the system hands over page by page
// (and zeroes) than the work done in it. An analysis takes the list, or
// a new one when another analysis has it, and gives it back when done.
type kept[T any] struct {
	mu   sync.Mutex
	list []T
}

// take returns a zeroed list of n.
func (k *kept[T]) take(n int) []T {
	k.mu.Lock()
	list := k.list
	k.list = nil
	k.mu.Unlock()
	if cap(list) < n {
		return make([]T, n)
	}
	list = list[:n]
	clear(list)
	return list
}

// room returns an empty list with room for n, to append to.
func (k *kept[T]) room(n int) []T {
	k.mu.Lock()
	list := k.list
	k.list = nil
	k.mu.Unlock()
	return slices.Grow(list[:0], n)
}

// give keeps list for the next analysis; the caller no longer uses it.
func (k *kept[T]) give(list []T) {
	k.mu.Lock()
	if cap(list) > cap(k.list) {
		k.list = list
	}
	k.mu.Unlock()
}

// The scratch lists the analyses keep.
var (
	rowsKept     kept[fitRow]
	valuesKept   kept[string]
	profitKeys   kept[profitKey]
	profitMerged kept[profitKey]
)
