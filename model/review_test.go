package model

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// reviewDay is the "today" every review example runs on: Monday 23
// November 2026.
var reviewDay = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

func on(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestMedianGap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		days []string
		want int
	}{
		{"fewer than three orders", []string{"2026-01-01", "2026-02-01"}, 0},
		{"two orders the same day are one visit", []string{"2026-01-01", "2026-01-01", "2026-01-31"}, 0},
		// gaps 30, 30, 61 → median 30
		{"odd number of gaps", []string{"2026-01-01", "2026-01-31", "2026-03-02", "2026-05-02"}, 30},
		// gaps 10, 20 → (10+20)/2 = 15
		{"even number of gaps", []string{"2026-01-01", "2026-01-11", "2026-01-31"}, 15},
		{"unsorted input", []string{"2026-01-31", "2026-01-01", "2026-01-11"}, 15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ds []time.Time
			for _, s := range tc.days {
				ds = append(ds, on(s))
			}
			if got := MedianGap(ds); got != tc.want {
				t.Errorf("MedianGap = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestReviewRules(t *testing.T) {
	t.Parallel()
	s := DefaultSettings() // reorder 1.5, advocates 60, customers off, prospects 14, thank-you 7, complaints 14/7/2
	base := func(stage Stage) ReviewCustomer {
		return ReviewCustomer{ID: 1, Name: "Ada", Stage: stage, CreatedAt: on("2026-01-05")}
	}
	for _, tc := range []struct {
		name  string
		c     func() ReviewCustomer
		s     func(*Settings)
		kinds []ReasonKind
		text  string // a fragment of the first reason
	}{
		{"nothing due", func() ReviewCustomer { return base(StageCustomer) }, nil, nil, ""},
		{"follow-up due today", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Reminders = followUp(on("2026-11-23"))
			return c
		}, nil, []ReasonKind{ReasonFollowUp}, "follow-up due today"},
		{"follow-up tomorrow is not due", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Reminders = followUp(on("2026-11-24"))
			return c
		}, nil, nil, ""},
		{"follow-up answered by a touch on the day", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Reminders, c.LastTouch = followUp(on("2026-11-20")), on("2026-11-20")
			return c
		}, nil, nil, ""},
		{"follow-up three days late", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Reminders = followUp(on("2026-11-20"))
			return c
		}, nil, []ReasonKind{ReasonFollowUp}, "follow-up was due 3 days ago (2026-11-20)"},
		// Orders on 1 Aug, 31 Aug, 30 Sep: gap 30, limit 45 days. Last order
		// 30 Sep is 54 days before 23 Nov: overdue by 54 − 45 = 9.
		{"overdue to reorder", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.OrderGap, c.FirstOrder, c.LastOrder = 3, 30, on("2026-08-01"), on("2026-09-30")
			return c
		}, nil, []ReasonKind{ReasonReorder}, "usually orders every 30 days; last order 54 days ago"},
		{"not yet overdue at 45 days", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.OrderGap, c.LastOrder = 3, 30, on("2026-10-09") // 45 days: not more than 45
			return c
		}, nil, nil, ""},
		{"a factor of 2 moves the limit to 60 days", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.OrderGap, c.LastOrder = 3, 30, on("2026-09-30")
			return c
		}, func(s *Settings) { s.ReorderFactor = 2 }, nil, ""},
		{"a recent nudge holds the reorder reminder for a gap", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.OrderGap, c.LastOrder, c.LastTouch = 3, 30, on("2026-09-30"), on("2026-11-01")
			return c
		}, nil, nil, ""},
		// A rhythm of a day seen on history sixteen years old is no
		// rhythm: the reorder reminder is not theirs.
		{"a rhythm is lost after a year and a dozen gaps", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.OrderGap, c.FirstOrder, c.LastOrder = 5, 1, on("2010-12-01"), on("2010-12-05")
			return c
		}, func(s *Settings) { s.FormerDays = 0 }, nil, ""},
		{"a rhythm of a day is every day", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.OrderGap, c.FirstOrder, c.LastOrder = 5, 1, on("2026-11-01"), on("2026-11-05")
			return c
		}, nil, []ReasonKind{ReasonReorder}, "usually orders every day; last order 18 days ago"},
		{"thousands of days read in years", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.OrderGap, c.FirstOrder, c.LastOrder = 5, 1, on("2010-12-01"), on("2010-12-05")
			return c
		}, func(s *Settings) { s.FormerDays = 365 }, []ReasonKind{ReasonFormer}, "no order for 15 years: let them go"},
		// Reviewed as of a day before it came: nothing waits for it (it
		// read "no reply for -705 days").
		{"feedback dated after the day waits for nothing", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Feedback = ReviewFeedback{Count: 1, Oldest: on("2026-11-30"), Newest: on("2026-11-30"), LowScore: 3, HasScore: true}
			return c
		}, nil, nil, ""},
		{"two orders are not a habit", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.LastOrder = 2, on("2025-01-01")
			return c
		}, nil, nil, ""},
		// Opened 18 Nov with high severity (target 2 days): open 5 days.
		{"high complaint past its target", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Complaints = []ReviewComplaint{{OpenedOn: on("2026-11-18"), Severity: SeverityHigh}}
			return c
		}, nil, []ReasonKind{ReasonComplaint}, "high complaint open 5 days, target 2 days"},
		{"low complaint within its 14 days", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Complaints = []ReviewComplaint{{OpenedOn: on("2026-11-18"), Severity: SeverityLow}}
			return c
		}, nil, nil, ""},
		{"detractor feedback with no reply", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Feedback = ReviewFeedback{Count: 1, Oldest: on("2026-11-19"), Newest: on("2026-11-19"), LowScore: 3, HasScore: true}
			return c
		}, nil, []ReasonKind{ReasonDetractor}, "detractor (NPS 3): feedback with no reply for 4 days"},
		{"a detractor's answer today waits for its reply", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Feedback = ReviewFeedback{Count: 1, Oldest: on("2026-11-23"), Newest: on("2026-11-23"), LowScore: 2, HasScore: true}
			return c
		}, nil, []ReasonKind{ReasonDetractor}, "detractor (NPS 2): feedback today, no reply yet"},
		{"passive feedback with no reply", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Feedback = ReviewFeedback{Count: 2, Oldest: on("2026-11-13"), Newest: on("2026-11-19"), LowScore: 8, HasScore: true}
			return c
		}, nil, []ReasonKind{ReasonFeedback}, "2 feedback with no reply for 10 days"},
		{"a touch after the feedback answers it", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Feedback = ReviewFeedback{Count: 1, Oldest: on("2026-11-19"), Newest: on("2026-11-19")}
			c.LastTouch = on("2026-11-20")
			return c
		}, nil, nil, ""},
		// Advocate: last order 1 Sep, 83 days ago, cadence 60.
		{"advocate not heard from in 60 days", func() ReviewCustomer {
			c := base(StageAdvocate)
			c.Orders, c.LastOrder = 1, on("2026-09-01")
			return c
		}, nil, []ReasonKind{ReasonCadence}, "no contact for 83 days (advocates: every 60 days)"},
		{"a touch counts as contact", func() ReviewCustomer {
			c := base(StageAdvocate)
			c.Orders, c.LastOrder, c.LastTouch = 1, on("2026-09-01"), on("2026-10-01")
			return c
		}, nil, nil, ""},
		{"segment cadence shorter than the stage's", func() ReviewCustomer {
			c := base(StageAdvocate)
			c.Orders, c.LastOrder, c.Cadence, c.CadenceSegment = 1, on("2026-10-20"), 30, "wholesale"
			return c
		}, nil, []ReasonKind{ReasonCadence}, "no contact for 34 days (wholesale: every 30 days)"},
		{"customers' cadence is off by default", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.LastOrder = 1, on("2025-11-01")
			return c
		}, nil, nil, ""},
		{"customers' cadence when set", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.LastOrder = 1, on("2025-11-23")
			return c
		}, func(s *Settings) { s.CustomerDays = 365 }, []ReasonKind{ReasonCadence}, "no contact for 365 days (customers: every 365 days)"},
		{"prospect never contacted", func() ReviewCustomer {
			c := base(StageProspect)
			c.CreatedAt = on("2026-11-02")
			return c
		}, nil, []ReasonKind{ReasonProspect}, "prospect never contacted, added 21 days ago"},
		{"prospect touched 13 days ago", func() ReviewCustomer {
			c := base(StageProspect)
			c.LastTouch = on("2026-11-10")
			return c
		}, nil, nil, ""},
		// First order 16 Nov: 7 days ago. Due from day 7 to day 13.
		{"thank-you a week after the first order", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.FirstOrder, c.LastOrder = 1, on("2026-11-16"), on("2026-11-16")
			return c
		}, nil, []ReasonKind{ReasonThankYou}, "first order 7 days ago: say thank you"},
		{"thank-you too early", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.FirstOrder, c.LastOrder = 1, on("2026-11-17"), on("2026-11-17")
			return c
		}, nil, nil, ""},
		{"thank-you too late after two weeks", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.FirstOrder, c.LastOrder = 1, on("2026-11-09"), on("2026-11-09")
			return c
		}, nil, nil, ""},
		{"thank-you already said", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Orders, c.FirstOrder, c.LastOrder, c.LastTouch = 1, on("2026-11-16"), on("2026-11-16"), on("2026-11-18")
			return c
		}, nil, nil, ""},
		{"snoozed customers are left out", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Reminders, c.SnoozedUntil = followUp(on("2026-11-20")), on("2026-11-24")
			return c
		}, nil, nil, ""},
		{"a snooze ending today no longer hides", func() ReviewCustomer {
			c := base(StageCustomer)
			c.Reminders, c.SnoozedUntil = followUp(on("2026-11-20")), on("2026-11-23")
			return c
		}, nil, []ReasonKind{ReasonFollowUp}, "follow-up was due"},
		{"former customers: only follow-ups, complaints and feedback", func() ReviewCustomer {
			c := base(StageFormer)
			c.Orders, c.OrderGap, c.LastOrder = 5, 10, on("2026-01-01")
			c.Reminders = followUp(on("2026-11-23"))
			return c
		}, nil, []ReasonKind{ReasonFollowUp}, "follow-up due today"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := s
			st.ComplaintTargetDays = map[Severity]int{SeverityLow: 14, SeverityMedium: 7, SeverityHigh: 2}
			if tc.s != nil {
				tc.s(&st)
			}
			q := ReviewQueue([]ReviewCustomer{tc.c()}, st, reviewDay)
			if len(tc.kinds) == 0 {
				if len(q) != 0 {
					t.Fatalf("queued for %q", q[0].Why())
				}
				return
			}
			if len(q) != 1 {
				t.Fatalf("not queued, want %v", tc.kinds)
			}
			var kinds []ReasonKind
			for _, r := range q[0].Reasons {
				kinds = append(kinds, r.Kind)
			}
			if !equalKinds(kinds, tc.kinds) {
				t.Errorf("reasons %v (%s), want %v", kinds, q[0].Why(), tc.kinds)
			}
			if !strings.Contains(q[0].Reasons[0].Text, tc.text) {
				t.Errorf("reason %q lacks %q", q[0].Reasons[0].Text, tc.text)
			}
		})
	}
}

func equalKinds(a, b []ReasonKind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Bea is an advocate in the wholesale segment who complained, whose
// follow-up date has come and who is overdue to reorder: one entry, three
// reasons, the most urgent first.
func TestThreeReasonsMergeOnOneCustomer(t *testing.T) {
	t.Parallel()
	bea := ReviewCustomer{ID: 7, Name: "Bea", Stage: StageAdvocate, Channel: ChannelPhone, Phone: "555-0199",
		Values: []string{"speed"}, CreatedAt: on("2025-01-01"),
		Reminders: followUp(on("2026-11-21")),
		Orders:    6, OrderGap: 14, FirstOrder: on("2026-06-01"), LastOrder: on("2026-10-25"), // 29 days > 21
		Complaints: []ReviewComplaint{{OpenedOn: on("2026-11-10"), Severity: SeverityMedium}}, // 13 days > 7
	}
	q := ReviewQueue([]ReviewCustomer{bea}, DefaultSettings(), reviewDay)
	if len(q) != 1 {
		t.Fatalf("%d entries", len(q))
	}
	want := []string{
		"medium complaint open 13 days, target 7 days",
		"follow-up was due 2 days ago (2026-11-21)",
		"usually orders every 14 days; last order 29 days ago",
	}
	if got := q[0].Why(); got != strings.Join(want, "; ") {
		t.Errorf("why:\n got %s\nwant %s", got, strings.Join(want, "; "))
	}
	if q[0].Customer.Contact() != "call 555-0199" {
		t.Errorf("contact %q", q[0].Customer.Contact())
	}
}

func TestQueueOrderAndDone(t *testing.T) {
	t.Parallel()
	s := DefaultSettings()
	cs := []ReviewCustomer{
		{ID: 1, Name: "Thank", Stage: StageCustomer, Orders: 1, FirstOrder: on("2026-11-15"), LastOrder: on("2026-11-15")},
		{ID: 2, Name: "Prospect", Stage: StageProspect, CreatedAt: on("2026-10-01")},
		{ID: 3, Name: "Late follow-up", Stage: StageCustomer, Reminders: followUp(on("2026-11-01"))},
		{ID: 4, Name: "Today follow-up", Stage: StageCustomer, Reminders: followUp(on("2026-11-23")), HandledToday: "called"},
		{ID: 5, Name: "Complaint", Stage: StageCustomer,
			Complaints: []ReviewComplaint{{OpenedOn: on("2026-11-01"), Severity: SeverityLow}}},
		{ID: 6, Name: "Worse complaint", Stage: StageCustomer,
			Complaints: []ReviewComplaint{{OpenedOn: on("2026-11-19"), Severity: SeverityHigh}}},
		{ID: 7, Name: "Snoozed today", Stage: StageCustomer, Reminders: followUp(on("2026-11-20")),
			SnoozedUntil: on("2026-11-30"), HandledToday: SnoozeNote + "2026-11-30"},
	}
	q := ReviewQueue(cs, s, reviewDay)
	var names []string
	for _, e := range q {
		names = append(names, e.Customer.Name)
	}
	want := "Worse complaint, Complaint, Late follow-up, Snoozed today, Today follow-up, Prospect, Thank"
	if got := strings.Join(names, ", "); got != want {
		t.Errorf("order\n got %s\nwant %s", got, want)
	}
	if n := CountDone(q); n != 2 {
		t.Errorf("done %d, want 2 (a review done and a snooze today)", n)
	}
}

func TestCutoffs(t *testing.T) {
	t.Parallel()
	c := Cutoffs(DefaultSettings(), reviewDay)
	for name, got := range map[string]time.Time{
		"2026-09-24": c.Advocate, "2026-11-09": c.Prospect, "2026-11-10": c.ThankYouFrom,
		"2026-11-16": c.ThankYouTo, "2026-11-21": c.ComplaintBefore,
	} {
		if FormatDate(got) != name {
			t.Errorf("cutoff %s, want %s", FormatDate(got), name)
		}
	}
	if !c.Customer.IsZero() {
		t.Error("customer cadence is off by default")
	}
}

// Two complaints equally far past their targets: the more severe one
// speaks, whichever was read first, so the entry's place in the queue does
// not depend on the order the store returns complaints in. High opened 19
// Nov (4 days, target 2: 2 over); low opened 7 Nov (16 days, target 14: 2
// over).
func TestEquallyLateComplaintsTheMoreSevereSpeaks(t *testing.T) {
	t.Parallel()
	high := ReviewComplaint{OpenedOn: on("2026-11-19"), Severity: SeverityHigh}
	low := ReviewComplaint{OpenedOn: on("2026-11-07"), Severity: SeverityLow}
	for _, order := range [][]ReviewComplaint{{high, low}, {low, high}} {
		c := ReviewCustomer{ID: 1, Name: "Ada", Stage: StageCustomer, Complaints: order}
		q := ReviewQueue([]ReviewCustomer{c}, DefaultSettings(), reviewDay)
		if len(q) != 1 {
			t.Fatalf("%d entries", len(q))
		}
		want := "high complaint open 4 days, target 2 days (2 complaints late)"
		if got := q[0].Reasons[0].Text; got != want {
			t.Errorf("complaints %v: %q, want %q", order, got, want)
		}
	}
}

// CompareUrgency sees only the kind and how far past due; SortReview adds
// the name (case folded) and the id.
func TestCompareUrgencyAndSortReview(t *testing.T) {
	t.Parallel()
	s := DefaultSettings()
	cut := Cutoffs(s, reviewDay)
	entry := func(id int64, name, due string) ReviewEntry {
		c := ReviewCustomer{ID: id, Name: name, Stage: StageCustomer, Reminders: followUp(on(due))}
		e, ok := EntryFor(&c, s, cut)
		if !ok {
			t.Fatalf("%s not due", name)
		}
		return e
	}
	late := entry(1, "zoë", "2026-11-01")      // 22 days late
	lateToo := entry(3, "Abe", "2026-11-01")   // as late
	lateAgain := entry(2, "abe", "2026-11-01") // as late, same folded name
	today := entry(4, "Bea", "2026-11-23")
	if CompareUrgency(&late, &lateToo) != 0 || CompareUrgency(&late, &today) >= 0 || CompareUrgency(&today, &late) <= 0 {
		t.Error("urgency compares the days past due only")
	}
	es := []ReviewEntry{today, late, lateToo, lateAgain}
	SortReview(es)
	var got []string
	for _, e := range es {
		got = append(got, fmt.Sprintf("%s#%d", e.Customer.Name, e.Customer.ID))
	}
	if want := "abe#2 Abe#3 zoë#1 Bea#4"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}

func TestReviewSizeSetting(t *testing.T) {
	t.Parallel()
	s := DefaultSettings()
	if s.ReviewSize != 50 {
		t.Errorf("default review size %d", s.ReviewSize)
	}
	for _, n := range []int{0, MaxReviewSize + 1} {
		s.ReviewSize = n
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "review size") {
			t.Errorf("size %d: %v", n, err)
		}
	}
	s.ReviewSize = 80
	back, err := SettingsFromPairs(s.Pairs())
	if err != nil || back.ReviewSize != 80 {
		t.Errorf("round trip: %d, %v", back.ReviewSize, err)
	}
	if _, err := SettingsFromPairs(map[string]string{"review_size": "lots"}); err == nil {
		t.Error("a size that is not a number is refused")
	}
}

func TestMoreText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		more  int
		exact bool
		want  string
	}{
		{0, true, ""},
		{1, true, "1 more due"},
		{3204, true, "3,204 more due"},
		{7, false, "at least 7 more due"},
		{99, false, "at least 99 more due"},
		{1001, false, "over 1,000 more due"},
		{1000, false, "at least 1,000 more due"},
		{2771, false, "over 2,700 more due"},
		{45678, false, "over 45,000 more due"},
	} {
		r := DailyReview{More: tc.more, MoreExact: tc.exact}
		if got := r.MoreText(); got != tc.want {
			t.Errorf("%d (exact %v): %q, want %q", tc.more, tc.exact, got, tc.want)
		}
	}
}

func TestFormerIsSuggestedNeverMoved(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	s := DefaultSettings()
	s.AdvocateDays, s.ProspectDays, s.ThankYouDays = 0, 0, 0
	quiet := ReviewCustomer{ID: 1, Name: "Quiet", Stage: StageCustomer, Orders: 1,
		LastOrder: AddDays(today, -400), FirstOrder: AddDays(today, -400), CreatedAt: AddDays(today, -500)}
	if es := ReviewQueue([]ReviewCustomer{quiet}, s, today); len(es) != 0 {
		t.Errorf("with the rule off: %+v", es)
	}
	s.FormerDays = 365
	es := ReviewQueue([]ReviewCustomer{quiet}, s, today)
	if len(es) != 1 || es[0].Reasons[0].Kind != ReasonFormer || es[0].Reasons[0].Overdue != 35 ||
		es[0].Why() != "no order for 400 days: let them go as former?" {
		t.Fatalf("a customer quiet for 400 days: %+v", es)
	}
	for _, c := range []ReviewCustomer{
		func() ReviewCustomer { c := quiet; c.LastTouch = AddDays(today, -30); return c }(),  // kept on purpose lately
		func() ReviewCustomer { c := quiet; c.LastOrder = AddDays(today, -100); return c }(), // ordered this year
		func() ReviewCustomer { c := quiet; c.Stage = StageAdvocate; return c }(),
		func() ReviewCustomer { c := quiet; c.Stage = StageFormer; return c }(),
	} {
		if es := ReviewQueue([]ReviewCustomer{c}, s, today); len(es) != 0 {
			t.Errorf("%+v: %s", c, es[0].Why())
		}
	}
	never := ReviewCustomer{ID: 2, Name: "Never", Stage: StageCustomer, CreatedAt: AddDays(today, -366)}
	if es := ReviewQueue([]ReviewCustomer{never}, s, today); len(es) != 1 ||
		es[0].Why() != "no order since added 366 days ago: let them go as former?" {
		t.Errorf("a customer who never ordered: %+v", es)
	}
}

// followUp is a follow-up date as the queue reads it: the simplest
// reminder.
func followUp(day time.Time) []Reminder {
	return []Reminder{{Kind: ReminderFollowUp, Start: day, Every: 1}}
}
