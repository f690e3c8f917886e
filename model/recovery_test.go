package model

import (
	"reflect"
	"testing"
	"time"
)

var recoveryNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

func TestYearFrom(t *testing.T) {
	t.Parallel()
	if got := YearFrom(recoveryNow); !got.Equal(on("2025-11-24")) {
		t.Errorf("YearFrom = %v, want 2025-11-24", got)
	}
}

func TestAgeOf(t *testing.T) {
	t.Parallel()
	s := DefaultSettings() // low 14, medium 7, high 2
	tests := []struct {
		name    string
		opened  string
		sev     Severity
		days    int
		target  int
		overdue int
	}{
		{"high, opened today", "2026-11-23", SeverityHigh, 0, 2, 0},
		{"high, due today", "2026-11-21", SeverityHigh, 2, 2, 0},
		{"high, a day over", "2026-11-20", SeverityHigh, 3, 2, 1},
		{"medium, 10 days", "2026-11-13", SeverityMedium, 10, 7, 3},
		{"low, 10 days", "2026-11-13", SeverityLow, 10, 14, 0},
	}
	for _, tt := range tests {
		c := Complaint{OpenedOn: on(tt.opened), Severity: tt.sev, Status: ComplaintOpen}
		got := AgeOf(c, s, recoveryNow)
		if got != (ComplaintAge{Days: tt.days, Target: tt.target, Overdue: tt.overdue}) {
			t.Errorf("%s: %+v", tt.name, got)
		}
	}
	// The target comes from the settings.
	s.ComplaintTargetDays = map[Severity]int{SeverityHigh: 5}
	if got := AgeOf(Complaint{OpenedOn: on("2026-11-20"), Severity: SeverityHigh}, s, recoveryNow); got.Overdue != 0 || got.Target != 5 {
		t.Errorf("with a 5-day target: %+v", got)
	}
	// A missing setting falls back to the default.
	if got := TargetDays(s, SeverityLow); got != 14 {
		t.Errorf("fallback target %d", got)
	}
}

func TestSortForWork(t *testing.T) {
	t.Parallel()
	s := DefaultSettings()
	rows := []Complaint{
		{ID: 1, OpenedOn: on("2026-11-01"), Severity: SeverityLow, Status: ComplaintClosed, ClosedOn: on("2026-11-10")},
		{ID: 2, OpenedOn: on("2026-11-20"), Severity: SeverityLow, Status: ComplaintOpen},  // 3 of 14: −11
		{ID: 3, OpenedOn: on("2026-11-18"), Severity: SeverityHigh, Status: ComplaintOpen}, // 5 of 2: +3
		{ID: 4, OpenedOn: on("2026-11-10"), Severity: SeverityMedium, Status: ComplaintRemedied, RemediedOn: on("2026-11-12")},
		{ID: 5, OpenedOn: on("2026-11-10"), Severity: SeverityMedium, Status: ComplaintOpen}, // 13 of 7: +6
		{ID: 6, OpenedOn: on("2026-10-01"), Severity: SeverityLow, Status: ComplaintClosed, ClosedOn: on("2026-11-15")},
		{ID: 7, OpenedOn: on("2026-11-22"), Severity: SeverityMedium, Status: ComplaintOpen}, // 1 of 7: −6
	}
	SortForWork(rows, s, recoveryNow)
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	if want := []int64{5, 3, 7, 2, 4, 6, 1}; !reflect.DeepEqual(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
}

func TestSettleDates(t *testing.T) {
	t.Parallel()
	today := on("2026-11-23")
	c := Complaint{OpenedOn: on("2026-11-20"), Status: ComplaintRemedied, Guarantee: true}
	c.SettleDates(today)
	if !c.RemediedOn.Equal(today) || !c.HonouredOn.Equal(today) || !c.ClosedOn.IsZero() {
		t.Errorf("remedied: %+v", c)
	}
	c = Complaint{OpenedOn: on("2026-11-01"), Status: ComplaintClosed, ClosedOn: on("2026-11-05")}
	c.SettleDates(today)
	if !c.RemediedOn.Equal(on("2026-11-05")) || c.Guarantee || !c.HonouredOn.IsZero() {
		t.Errorf("closed on the 5th: %+v", c)
	}
	c = Complaint{OpenedOn: on("2026-11-01"), Status: ComplaintClosed, RemediedOn: on("2026-11-03")}
	c.SettleDates(today)
	if !c.RemediedOn.Equal(on("2026-11-03")) || !c.ClosedOn.Equal(today) {
		t.Errorf("kept remedy date: %+v", c)
	}
	c = Complaint{OpenedOn: on("2026-11-01"), Status: ComplaintOpen, Guarantee: true}
	c.SettleDates(today)
	if !c.RemediedOn.IsZero() || !c.HonouredOn.IsZero() {
		t.Errorf("open: %+v", c)
	}
}

func TestRecoveryRate(t *testing.T) {
	t.Parallel()
	cases := []RecoveryCase{
		// 1: closed in March, ordered in June: recovered.
		{CustomerID: 1, ClosedOn: on("2026-03-10"), LastOrder: on("2026-06-01")},
		// 2: ordered the same day it closed (the replacement): not recovered.
		{CustomerID: 2, ClosedOn: on("2026-05-01"), LastOrder: time.Date(2026, 5, 1, 15, 0, 0, 0, time.UTC)},
		// 3: two complaints; judged by the latest (October), after which
		// there is no order: not recovered.
		{CustomerID: 3, ClosedOn: on("2026-01-10"), LastOrder: on("2026-09-01")},
		{CustomerID: 3, ClosedOn: on("2026-10-10"), LastOrder: on("2026-09-01")},
		// 4: never ordered at all.
		{CustomerID: 4, ClosedOn: on("2026-08-01")},
		// 5: closed more than 12 months ago: outside the window.
		{CustomerID: 5, ClosedOn: on("2025-11-23"), LastOrder: on("2026-02-01")},
		// 6: closed on the first day of the window and ordered the next.
		{CustomerID: 6, ClosedOn: on("2025-11-24"), LastOrder: on("2025-11-25")},
		// No customer: left out.
		{CustomerID: 0, ClosedOn: on("2026-06-01")},
	}
	got := RecoveryRate(cases, recoveryNow)
	// Customers 1, 2, 3, 4, 6: two of five ordered again → 40%.
	if got != (Recovery{Customers: 5, Reordered: 2}) {
		t.Errorf("recovery %+v", got)
	}
	if p, ok := got.Percent(); p != 40 || !ok {
		t.Errorf("percent %d %v", p, ok)
	}
	if _, ok := (Recovery{}).Percent(); ok {
		t.Error("no customers has no rate")
	}
	// 2 of 3 = 66.7% → 67%.
	if p, _ := (Recovery{Customers: 3, Reordered: 2}).Percent(); p != 67 {
		t.Errorf("2 of 3 = %d%%", p)
	}
}

func TestGuaranteeTimes(t *testing.T) {
	t.Parallel()
	cs := []Complaint{
		{OpenedOn: on("2026-11-01"), Guarantee: true, HonouredOn: on("2026-11-02")}, // 1 day
		{OpenedOn: on("2026-10-01"), Guarantee: true, HonouredOn: on("2026-10-05")}, // 4 days
		{OpenedOn: on("2026-09-01"), Guarantee: true, HonouredOn: on("2026-09-01")}, // same day: 0
		{OpenedOn: on("2026-11-20"), Guarantee: true},                               // waiting
		{OpenedOn: on("2025-10-01"), Guarantee: true, HonouredOn: on("2025-10-30")}, // too old
		{OpenedOn: on("2026-11-01"), Guarantee: false, RemediedOn: on("2026-11-09")},
	}
	g := GuaranteeTimes(cs, recoveryNow)
	if g != (GuaranteeTiming{Honoured: 3, Days: 5, Waiting: 1}) {
		t.Errorf("timing %+v", g)
	}
	// (1 + 4 + 0) / 3 = 1.67 days.
	if avg, ok := g.Average(); !ok || avg < 1.66 || avg > 1.67 {
		t.Errorf("average %v %v", avg, ok)
	}
	if _, ok := (GuaranteeTiming{}).Average(); ok {
		t.Error("no guarantees has no average")
	}
}

func TestDaysToRemedy(t *testing.T) {
	t.Parallel()
	if d, ok := DaysToRemedy(Complaint{OpenedOn: on("2026-11-01"), RemediedOn: on("2026-11-04")}); d != 3 || !ok {
		t.Errorf("3 days: %d %v", d, ok)
	}
	if _, ok := DaysToRemedy(Complaint{OpenedOn: on("2026-11-01")}); ok {
		t.Error("an unremedied complaint has no days to remedy")
	}
}

func TestAnalyseLastFive(t *testing.T) {
	t.Parallel()
	cs := []Complaint{
		{ID: 1, OpenedOn: on("2026-06-01"), Category: ComplaintBilling, WhatWentWrong: "Charged twice"}, // sixth: left out
		{ID: 2, OpenedOn: on("2026-09-01"), Category: ComplaintDelivery, WhatWentWrong: "Parcel arrived late",
			RemediedOn: on("2026-09-03"), Prevention: "Ship on Mondays"},
		{ID: 3, OpenedOn: on("2026-10-01"), Category: ComplaintQuality, WhatWentWrong: "Soap cracked",
			RemediedOn: on("2026-10-06")},
		{ID: 4, OpenedOn: on("2026-10-15"), Category: ComplaintDelivery, WhatWentWrong: "parcel arrived late!",
			RemediedOn: on("2026-10-16"), Prevention: "Tracked post"},
		{ID: 5, OpenedOn: on("2026-11-01"), Category: ComplaintQuality, WhatWentWrong: "Candle wick too short",
			Prevention: "  "},
		{ID: 6, OpenedOn: on("2026-11-20"), Category: ComplaintDelivery, WhatWentWrong: "Wrong address",
			RemediedOn: on("2026-11-20"), Prevention: "Confirm addresses"},
	}
	l := AnalyseLastFive(cs)
	var ids []int64
	for _, c := range l.Complaints {
		ids = append(ids, c.ID)
	}
	if !reflect.DeepEqual(ids, []int64{6, 5, 4, 3, 2}) {
		t.Errorf("the last five %v", ids)
	}
	want := []ComplaintCategory{ComplaintDelivery, ComplaintQuality, ComplaintDelivery, ComplaintQuality, ComplaintDelivery}
	if !reflect.DeepEqual(l.Categories, want) {
		t.Errorf("categories %v", l.Categories)
	}
	// Remedied: 6 (0 days), 4 (1), 3 (5), 2 (2) → 8 days over 4 = 2.0.
	if l.Remedied != 4 || l.RemedyDays != 8 {
		t.Errorf("remedied %d in %d days", l.Remedied, l.RemedyDays)
	}
	if avg, _ := l.AverageRemedyDays(); avg != 2 {
		t.Errorf("average %v", avg)
	}
	// A blank prevention step does not count.
	if l.WithPrevention != 3 {
		t.Errorf("with prevention %d", l.WithPrevention)
	}
	wantRepeated := []RepeatedCause{{"delivery", 3}, {"quality", 2}, {"Parcel arrived late", 2}}
	if !reflect.DeepEqual(l.Repeated, wantRepeated) {
		t.Errorf("repeated %+v", l.Repeated)
	}
	if empty := AnalyseLastFive(nil); len(empty.Complaints) != 0 || len(empty.Repeated) != 0 {
		t.Errorf("no complaints: %+v", empty)
	}
}

func TestComplaintValidateDates(t *testing.T) {
	t.Parallel()
	c := Complaint{OpenedOn: on("2026-11-10"), Category: ComplaintQuality, Severity: SeverityLow,
		Status: ComplaintClosed, WhatWentWrong: "x", Remedy: "y", RemediedOn: on("2026-11-09"),
		ClosedOn: on("2026-11-08"), HonouredOn: on("2026-11-12")}
	err := c.Validate()
	es, ok := err.(Errors)
	if !ok {
		t.Fatalf("%v", err)
	}
	for _, f := range []string{"remedied", "closed", "honoured"} {
		if es.For(f) == "" {
			t.Errorf("no error for %s in %v", f, err)
		}
	}
}

func TestRecoveryCasesFromComplaints(t *testing.T) {
	t.Parallel()
	cs := []Complaint{
		{ID: 1, CustomerID: 7, Status: ComplaintClosed, ClosedOn: on("2026-10-01")},
		{ID: 2, CustomerID: 8, Status: ComplaintRemedied, RemediedOn: on("2026-10-01")},
		{ID: 3, Status: ComplaintClosed, ClosedOn: on("2026-10-01")}, // no customer
		{ID: 4, CustomerID: 9, Status: ComplaintClosed, ClosedOn: on("2026-10-02")},
	}
	sales := map[int64]time.Time{7: on("2026-11-01")}
	want := []RecoveryCase{
		{CustomerID: 7, ClosedOn: on("2026-10-01"), LastOrder: on("2026-11-01")},
		{CustomerID: 9, ClosedOn: on("2026-10-02")}, // no sale since: not recovered
	}
	if got := RecoveryCases(cs, sales); !reflect.DeepEqual(got, want) {
		t.Errorf("cases %+v", got)
	}
}
