package model

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// CheckFitEqualsReference analyses cs as AnalyseFit does and as the
// reference (refanalysis_test.go) did, each on its own copy, and fails t
// on the first figure, list or lookup that differs. For the external
// tests that read whole books through the store.
func CheckFitEqualsReference(t testing.TB, cs []FitCustomer, segments []Segment, opt FitOptions) {
	t.Helper()
	got := AnalyseFit(slices.Clone(cs), segments, opt)
	want, at, kids := refAnalyseFit(slices.Clone(cs), segments, opt)
	// Who is found by id, and the referral trees, through the lookups.
	ids := []int64{0, -1, 1 << 40}
	for i := range cs {
		ids = append(ids, cs[i].ID, cs[i].ID+1, cs[i].Referrer)
	}
	for _, id := range ids {
		c, ok := got.Customer(id)
		i, wok := at[id]
		if ok != wok || (ok && c != &got.Customers[i]) {
			t.Fatalf("Customer(%d) = %v, %v; want index %d, %v", id, c, ok, i, wok)
		}
		if tree, wtree := got.ReferralTree(id), refReferralTree(&want, at, kids, id); !reflect.DeepEqual(tree, wtree) {
			t.Fatalf("ReferralTree(%d):\n got %+v\nwant %+v", id, tree, wtree)
		}
	}
	var zero SegmentFit
	got.at, got.kids = zero.at, zero.kids
	diffFields(t, "SegmentFit", reflect.ValueOf(got), reflect.ValueOf(want))
}

// CheckProfitEqualsReference compares AnalyseProfit with the reference.
func CheckProfitEqualsReference(t testing.TB, b ProfitBook, opt ProfitOptions) {
	t.Helper()
	want := refAnalyseProfit(b, opt)
	got := AnalyseProfit(b, opt)
	diffFields(t, "ProfitSummary", reflect.ValueOf(got), reflect.ValueOf(want))
}

// diffFields fails t naming the first field (and the first element of a
// list, the first key of a map) where got and want differ.
func diffFields(t testing.TB, path string, got, want reflect.Value) {
	t.Helper()
	if got.CanInterface() && reflect.DeepEqual(got.Interface(), want.Interface()) {
		return
	}
	switch got.Kind() {
	case reflect.Struct:
		for i := range got.NumField() {
			if !got.Field(i).CanInterface() {
				continue
			}
			diffFields(t, path+"."+got.Type().Field(i).Name, got.Field(i), want.Field(i))
		}
		return
	case reflect.Slice:
		if got.Len() != want.Len() {
			t.Fatalf("%s: %d elements, want %d", path, got.Len(), want.Len())
		}
		for i := range got.Len() {
			diffFields(t, fmt.Sprintf("%s[%d]", path, i), got.Index(i), want.Index(i))
		}
		return
	case reflect.Map:
		if got.Len() != want.Len() {
			t.Fatalf("%s: %d keys, want %d", path, got.Len(), want.Len())
		}
		for _, k := range want.MapKeys() {
			diffFields(t, fmt.Sprintf("%s[%v]", path, k), got.MapIndex(k), want.MapIndex(k))
		}
		return
	}
	t.Fatalf("%s = %#v, want %#v", path, got.Interface(), want.Interface())
}

// refReferralTree is SegmentFit.ReferralTree as it was, on the
// reference's index and children.
func refReferralTree(f *SegmentFit, at map[int64]int, kids map[int64][]int, id int64) []TreeLine {
	cs := f.Customers
	i, ok := at[id]
	if !ok {
		return nil
	}
	line := func(i int, prefix string) TreeLine {
		return TreeLine{Prefix: prefix, ID: cs[i].ID, Name: cs[i].Name, Stage: cs[i].Stage,
			Revenue: cs[i].LifetimeRevenue, Referred: len(kids[cs[i].ID])}
	}
	out := []TreeLine{line(i, "")}
	seen := map[int64]bool{id: true}
	var walk func(id int64, indent string)
	walk = func(id int64, indent string) {
		children := kids[id]
		for n, k := range children {
			if seen[cs[k].ID] {
				continue
			}
			seen[cs[k].ID] = true
			branch, next := "├─ ", "│  "
			if n == len(children)-1 {
				branch, next = "└─ ", "   "
			}
			out = append(out, line(k, indent+branch))
			walk(cs[k].ID, indent+next)
		}
	}
	walk(id, "")
	return out
}

// randomFit makes n customers with what the analysis meets at its edges:
// names and profits that tie, referral chains, loops and referrers who
// are not there, segment names differing in case, untidy countries,
// values, preset RFM segments, tiers out of range. spread multiplies the
// ids, so that they are dense or sparse.
func randomFit(r *rand.Rand, n int, spread int64) ([]FitCustomer, []Segment) {
	names := []string{"Ann", "Bob", "ann", "Émile", "Zoë", "Bob", "Carla", "Dev", ""}
	segNames := []string{"Florists", "florists", "Cafés", "Trade", "Weddings", "Empty one"}
	countries := []string{"UK", "UK", "France", " France", "Spain  ", "New\tZealand", "", "New  Zealand", "Ireland"}
	values := []string{"price", "quality", "style", "fit", "speed", "convenience", "Price"}
	stages := append(slices.Clone(Stages), Stage("odd"))
	rfm := []string{"", "", "", "", "Champions", "Custom"}
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	cs := make([]FitCustomer, n)
	perm := r.Perm(n)
	for i := range cs {
		c := &cs[i]
		c.ID = int64(perm[i]+1) * spread
		c.Name = names[r.IntN(len(names))] + fmt.Sprint(r.IntN(n/4+1))
		c.Stage = stages[r.IntN(len(stages))]
		c.Country = countries[r.IntN(len(countries))]
		c.Tier = r.IntN(6) - 1
		for range r.IntN(3) {
			c.Segments = append(c.Segments, segNames[r.IntN(len(segNames)-1)])
		}
		for range r.IntN(4) {
			c.Values = append(c.Values, values[r.IntN(len(values))])
		}
		c.Fit = r.IntN(6)
		switch r.IntN(5) {
		case 0:
			c.Referrer = int64(r.IntN(n+5)+1) * spread // anyone, themselves, or nobody there
		case 1:
			if i > 0 {
				c.Referrer = cs[r.IntN(i)].ID // a tree
			}
		}
		c.Complaints = max(0, r.IntN(6)-3)
		c.HasNPS = r.IntN(2) == 0
		if c.HasNPS {
			c.NPS = r.IntN(11)
		}
		if r.IntN(3) > 0 {
			c.Orders = r.IntN(12) + 1
			c.Revenue = Money(r.IntN(20)-2) * 1000
			c.DirectCost = Money(r.IntN(5)) * 500
			c.CostToServe = Money(r.IntN(3)) * 700
			c.Profit = c.Revenue - c.DirectCost - c.CostToServe
			if r.IntN(20) > 0 {
				c.LastSale = AddDays(day, -r.IntN(400)).Add(time.Duration(r.IntN(86400)) * time.Second)
			}
			c.RFMSegment = rfm[r.IntN(len(rfm))]
		} else if r.IntN(4) == 0 {
			c.CostToServe = Money(r.IntN(3)) * 700
			c.Profit = -c.CostToServe
		}
		c.TimeMinutes = r.IntN(100)
		c.LifetimeRevenue = c.Revenue + Money(r.IntN(10))*1000
		if r.IntN(4) > 0 {
			c.LastActivity = AddDays(day, -r.IntN(200))
		}
	}
	// A loop of three, and one who referred themselves.
	if n > 10 {
		cs[0].Referrer, cs[1].Referrer, cs[2].Referrer = cs[1].ID, cs[2].ID, cs[0].ID
		cs[3].Referrer = cs[3].ID
		cs[4].Referrer, cs[5].Referrer = cs[0].ID, cs[4].ID // hanging off the loop
	}
	var segs []Segment
	for i, name := range segNames {
		segs = append(segs, Segment{ID: int64(i + 1), Name: name})
	}
	return cs, segs
}

func TestFitEqualsTheReference(t *testing.T) {
	t.Parallel()
	s := DefaultSettings()
	s.TierNames[1] = "basic" // two tiers differing in case only
	s.TierNames[0] = "Basic"
	for seed := range uint64(6) {
		r := rand.New(rand.NewPCG(seed, 18))
		n := []int{0, 1, 7, 200, 3000, 20000}[seed]
		spread := []int64{1, 1000, 1, 3, 1, 1 << 33}[seed]
		cs, segs := randomFit(r, n, spread)
		today := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		CheckFitEqualsReference(t, cs, segs, FitOptions{From: AddDays(today, -365), To: today, Today: today,
			Settings: s, Weights: DefaultFitWeights})
		if seed == 4 {
			CheckFitEqualsReference(t, cs, nil, FitOptions{Today: today, Settings: DefaultSettings(),
				Weights: FitWeights{Loss: -5, Referral: 2, MaxReferrals: 1, Complaint: 2, MaxComplaints: 2}})
		}
	}
}

func TestProfitEqualsTheReference(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for seed := range uint64(5) {
		r := rand.New(rand.NewPCG(seed, 19))
		n := []int{0, 1, 9, 500, 20000}[seed]
		b := ProfitBook{Period: Last12Months(today), FirstDay: AddDays(today, -900), LastDay: today}
		if seed == 2 {
			b.Period = AllTime()
		}
		for i := range n {
			f := ProfitFacts{ID: int64(i + 1), Name: fmt.Sprint("C", r.IntN(n/3+1)), Tier: r.IntN(5) - 1,
				Stage: Stages[r.IntN(len(Stages))]}
			switch r.IntN(4) {
			case 0: // nothing in the period
			case 1:
				f.Costs = r.IntN(3) + 1
				f.CostToServe = Money(r.IntN(4)) * 300
			default:
				f.SaleOrders, f.RefundOrders = r.IntN(5), r.IntN(2)
				f.Sales = Money(r.IntN(30)) * 1000
				f.Refunds = -Money(r.IntN(3)) * 1000
				f.DirectCost = Money(r.IntN(8)) * 1000
				f.CostToServe = Money(r.IntN(4)) * 300
				if f.SaleOrders > 0 && r.IntN(30) > 0 {
					f.LastSale = AddDays(today, -r.IntN(365))
					f.FirstSale = AddDays(f.LastSale, -r.IntN(100))
				}
			}
			f.LifetimeRevenue = f.Sales + Money(r.IntN(10))*1000
			f.Acquisition = Money(r.IntN(3)) * 100
			b.Customers = append(b.Customers, f)
		}
		b.Unattributed = ProfitFacts{SaleOrders: 2, Sales: 5000, DirectCost: 100}
		for m := range 14 {
			b.Months = append(b.Months, MonthFacts{Month: MonthOf(AddDays(today, -30*m)), Revenue: Money(m) * 100})
		}
		CheckProfitEqualsReference(t, b, ProfitOptions{Today: today, Settings: DefaultSettings()})
	}
}

func TestRankQuintilesEqualsTheReference(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 5))
	for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 11, 17, 33, 100, 1000, 20000} {
		for _, spread := range []int{1, 2, 3, 10, 1000, 1 << 40} {
			values := make([]int64, n)
			for i := range values {
				values[i] = int64(r.IntN(spread)) - int64(spread/2)
			}
			if spread == 3 {
				slices.Sort(values) // sorted and reversed: a quickselect's bad cases
			} else if spread == 10 {
				slices.Sort(values)
				slices.Reverse(values)
			}
			if got, want := RankQuintiles(values), refRankQuintiles(values); !slices.Equal(got, want) {
				t.Fatalf("n=%d spread=%d: %v, want %v", n, spread, got, want)
			}
		}
	}
}
