package model

import (
	"testing"
	"time"
)

func TestBandOf(t *testing.T) {
	t.Parallel()
	for score, want := range map[int]NPSBand{0: Detractor, 6: Detractor, 7: Passive, 8: Passive, 9: Promoter, 10: Promoter} {
		if got := BandOf(score); got != want {
			t.Errorf("BandOf(%d) = %s, want %s", score, got, want)
		}
	}
}

func TestNPSScore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		scores []int
		want   int
		ok     bool
	}{
		{"no answers", nil, 0, false},
		// 5 promoters, 3 passives, 2 detractors of 10: 50% − 20% = +30.
		{"worked example", []int{10, 9, 9, 10, 9, 8, 7, 7, 6, 0}, 30, true},
		// 2 promoters and a passive: 66.67% − 0% rounds to +67.
		{"rounds up", []int{9, 10, 7}, 67, true},
		// 1 promoter, 2 detractors: 33.3% − 66.7% = −33.3, rounds to −33.
		{"negative", []int{9, 3, 5}, -33, true},
		// 1 promoter in 8: 12.5 rounds half away from zero to 13 …
		{"half up", []int{10, 7, 7, 7, 8, 8, 8, 8}, 13, true},
		// … and 1 detractor in 8 to −13.
		{"half down", []int{1, 7, 7, 7, 8, 8, 8, 8}, -13, true},
		{"all promoters", []int{9, 9}, 100, true},
		{"all detractors", []int{0, 6}, -100, true},
		{"all passives", []int{7, 8}, 0, true},
	}
	for _, tt := range tests {
		var n NPS
		for _, s := range tt.scores {
			n.Add(s, 1)
		}
		got, ok := n.Score()
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: Score() = %d, %v; want %d, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSummarizeNPS(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	overall := []NPSCount{
		{Day: on("2026-11-20"), Score: 10, N: 3}, // recent, November
		{Day: on("2026-08-26"), Score: 3, N: 1},  // day 90 of the window: recent, August
		{Day: on("2026-08-25"), Score: 9, N: 2},  // day 91: not recent, August
		{Day: on("2025-12-01"), Score: 7, N: 4},  // the first month of a 12-month trend
		{Day: on("2025-11-30"), Score: 0, N: 1},  // before the trend: all time only
	}
	bySegment := []NPSCount{
		{Day: on("2026-11-20"), Score: 10, N: 2, Segment: "Wholesale"},
		{Day: on("2025-11-30"), Score: 0, N: 1, Segment: "Wholesale"},
		{Day: on("2026-11-20"), Score: 10, N: 1, Segment: "Gift buyers"},
		{Day: on("2026-01-05"), Score: 8, N: 3, Segment: "Market"},
	}
	s := SummarizeNPS(overall, bySegment, now, 12)

	// Recent: 3 promoters, 1 detractor of 4 → 75 − 25 = +50.
	if s.Recent != (NPS{Promoters: 3, Detractors: 1}) {
		t.Errorf("recent = %+v", s.Recent)
	}
	if got, _ := s.Recent.Score(); got != 50 {
		t.Errorf("recent NPS = %d, want 50", got)
	}
	// All time: 5 promoters, 4 passives, 2 detractors of 11 → 27.3 → +27.
	if got, _ := s.AllTime.Score(); got != 27 || s.AllTime.Answers() != 11 {
		t.Errorf("all-time NPS = %d of %d, want 27 of 11", got, s.AllTime.Answers())
	}
	if len(s.Months) != 12 || !s.Months[0].Month.Equal(on("2025-12-01")) || !s.Months[11].Month.Equal(on("2026-11-01")) {
		t.Fatalf("months %v … %v", s.Months[0].Month, s.Months[len(s.Months)-1].Month)
	}
	if s.Months[0].NPS != (NPS{Passives: 4}) {
		t.Errorf("December = %+v", s.Months[0].NPS)
	}
	if s.Months[8].NPS != (NPS{Promoters: 2, Detractors: 1}) { // August
		t.Errorf("August = %+v", s.Months[8].NPS)
	}
	if s.Months[11].NPS != (NPS{Promoters: 3}) {
		t.Errorf("November = %+v", s.Months[11].NPS)
	}
	if s.Months[5].Answers() != 0 {
		t.Errorf("May = %+v, want empty", s.Months[5].NPS)
	}

	// Segments: the most answers first, then by name.
	var names []string
	for _, sg := range s.Segments {
		names = append(names, sg.Segment)
	}
	if len(names) != 3 || names[0] != "Market" || names[1] != "Wholesale" || names[2] != "Gift buyers" {
		t.Fatalf("segment order %v", names)
	}
	w := s.Segments[1]
	if got, _ := w.AllTime.Score(); got != 33 { // 2 promoters, 1 detractor of 3
		t.Errorf("wholesale all time %d, want 33", got)
	}
	if got, _ := w.Recent.Score(); got != 100 {
		t.Errorf("wholesale recent %d, want 100", got)
	}
	if s.Segments[0].Recent.Answers() != 0 {
		t.Errorf("market has no recent answers: %+v", s.Segments[0].Recent)
	}
}

func TestAdvocateCandidateAndUnanswered(t *testing.T) {
	t.Parallel()
	tests := []struct {
		stage Stage
		score int
		want  bool
	}{
		{StageCustomer, 9, true},
		{StageCustomer, 10, true},
		{StageCustomer, 8, false},
		{StageAdvocate, 10, false},
		{StageProspect, 10, false},
		{StageFormer, 10, false},
	}
	for _, tt := range tests {
		if got := AdvocateCandidate(tt.stage, tt.score); got != tt.want {
			t.Errorf("AdvocateCandidate(%s, %d) = %v", tt.stage, tt.score, got)
		}
	}
	f := Feedback{Kind: FeedbackNPS, Score: 6, HasScore: true, Status: FeedbackNew}
	if !f.Unanswered() {
		t.Error("a new 6 is an unanswered detractor")
	}
	f.SetStatus(FeedbackReplied, on("2026-11-23"))
	if f.Unanswered() || !f.RepliedOn.Equal(on("2026-11-23")) {
		t.Errorf("after reply: unanswered %v, replied %v", f.Unanswered(), f.RepliedOn)
	}
	f.SetStatus(FeedbackActedOn, on("2026-11-25"))
	if !f.RepliedOn.Equal(on("2026-11-23")) {
		t.Errorf("acting on it moved the reply date to %v", f.RepliedOn)
	}
	f.SetStatus(FeedbackNew, on("2026-11-25"))
	if !f.RepliedOn.IsZero() || !f.Unanswered() {
		t.Errorf("back to new keeps reply date %v", f.RepliedOn)
	}
	seven := Feedback{Kind: FeedbackNPS, Score: 7, HasScore: true, Status: FeedbackNew}
	if seven.Unanswered() {
		t.Error("a passive is not flagged")
	}
}
