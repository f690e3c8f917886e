package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"clientele/model"
)

func day(s string) time.Time {
	t, err := model.ParseDateTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

// feedbackFixture is three customers (Ada in Wholesale, Ben a customer in
// Market, Cleo already an advocate), an offering and some feedback.
type feedbackFixture struct {
	db            *DB
	ada, ben, cle int64
	soap          int64
}

func newFeedbackFixture(t *testing.T) feedbackFixture {
	t.Helper()
	db := openTest(t)
	fx := feedbackFixture{db: db}
	err := db.Load(context.Background(), func(l *Loader) error {
		people := []model.Customer{
			{Name: "Ada Lovelace", Stage: model.StageCustomer, Segments: []string{"Wholesale"}},
			{Name: "Ben Okafor", Stage: model.StageCustomer, Segments: []string{"Market", "Wholesale"}},
			{Name: "Cleo Advocate", Stage: model.StageAdvocate},
		}
		for i := range people {
			if err := l.Customer(&people[i]); err != nil {
				return err
			}
		}
		fx.ada, fx.ben, fx.cle = people[0].ID, people[1].ID, people[2].ID
		o := model.Offering{Name: "Lavender soap", Kind: model.KindProduct, Active: true}
		if err := l.Offering(&o); err != nil {
			return err
		}
		fx.soap = o.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func (fx feedbackFixture) add(t *testing.T, f model.Feedback) int64 {
	t.Helper()
	if err := fx.db.CreateFeedback(context.Background(), &f); err != nil {
		t.Fatal(err)
	}
	return f.ID
}

func nps(on string, customer int64, score int) model.Feedback {
	return model.Feedback{On: day(on), CustomerID: customer, Kind: model.FeedbackNPS, Score: score, HasScore: true,
		Question: model.NPSQuestion}
}

func TestCreateFeedbackValidatesAndSavesTheQuestion(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	ctx := context.Background()
	bad := model.Feedback{On: day("2026-11-20"), Kind: model.FeedbackNPS}
	err := fx.db.CreateFeedback(ctx, &bad)
	var es model.Errors
	if !errors.As(err, &es) || es.For("score") == "" {
		t.Fatalf("NPS without a score: %v", err)
	}
	f := model.Feedback{On: day("2026-11-20"), CustomerID: fx.ada, Kind: model.FeedbackSuggestion,
		Question: "  What should we stock next? ", Answer: " Beeswax wraps ", Channel: model.ChannelEmail}
	id := fx.add(t, f)
	texts := func() []string {
		t.Helper()
		qs, err := fx.db.SavedQuestions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, q := range qs {
			out = append(out, q.Text)
		}
		return out
	}
	if qs := texts(); len(qs) != 4 || qs[0] != model.WishQuestion || qs[1] != model.NPSQuestion || qs[3] != "What should we stock next?" {
		t.Errorf("questions %q", qs)
	}
	fx.add(t, model.Feedback{On: day("2026-11-21"), Kind: model.FeedbackPraise, Question: model.WishQuestion, Answer: "x"})
	if qs := texts(); len(qs) != 4 {
		t.Errorf("a saved question was saved again: %q", qs)
	}
	twoLines := model.Feedback{On: day("2026-11-21"), Kind: model.FeedbackPraise, Question: "two\nlines", Answer: "x"}
	if err := fx.db.CreateFeedback(ctx, &twoLines); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("a two-line question: %v", err)
	}
	rows, total, err := fx.db.ListFeedback(ctx, model.FeedbackQuery{CustomerID: fx.ada})
	if err != nil || total != 1 {
		t.Fatalf("%v %d", err, total)
	}
	got := rows[0]
	if got.ID != id || got.Answer != "Beeswax wraps" || got.Status != model.FeedbackNew || got.Customer != "Ada Lovelace" ||
		got.HasScore || got.Channel != model.ChannelEmail || !got.On.Equal(day("2026-11-20")) {
		t.Errorf("read back %+v", got)
	}
}

func TestListFeedbackFiltersAndPages(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	ctx := context.Background()
	a := fx.add(t, nps("2026-11-01", fx.ada, 10))
	b := fx.add(t, nps("2026-11-03", fx.ben, 4))
	c := fx.add(t, model.Feedback{On: day("2026-11-03"), CustomerID: fx.ben, Kind: model.FeedbackWish,
		Answer: "Gift wrapping", OfferingID: fx.soap})
	d := fx.add(t, model.Feedback{On: day("2026-11-05"), Kind: model.FeedbackPraise, Answer: "Anonymous love"})
	if err := fx.db.SetFeedbackStatus(ctx, a, model.FeedbackReplied); err != nil {
		t.Fatal(err)
	}
	ids := func(q model.FeedbackQuery) ([]int64, int) {
		t.Helper()
		rows, total, err := fx.db.ListFeedback(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out, total
	}
	tests := []struct {
		name  string
		q     model.FeedbackQuery
		want  []int64
		total int
	}{
		{"all, newest first (later id first on a day)", model.FeedbackQuery{}, []int64{d, c, b, a}, 4},
		{"kind", model.FeedbackQuery{Kind: model.FeedbackNPS}, []int64{b, a}, 2},
		{"status", model.FeedbackQuery{Status: model.FeedbackNew}, []int64{d, c, b}, 3},
		{"customer words", model.FeedbackQuery{Customer: "okaf"}, []int64{c, b}, 2},
		// The log's search reads what was said as well as who said it.
		{"words said", model.FeedbackQuery{Customer: "wrapping gift"}, []int64{c}, 1},
		{"a name and a word said", model.FeedbackQuery{Customer: "okaf wrapping"}, []int64{c}, 1},
		{"words said by nobody named", model.FeedbackQuery{Customer: "anonymous"}, []int64{d}, 1},
		{"segment", model.FeedbackQuery{SegmentID: segmentID(t, fx.db, "Wholesale")}, []int64{c, b, a}, 3},
		{"offering", model.FeedbackQuery{OfferingID: fx.soap}, []int64{c}, 1},
		{"page", model.FeedbackQuery{Offset: 1, Limit: 2}, []int64{c, b}, 4},
		{"nothing", model.FeedbackQuery{Kind: model.FeedbackQuestion}, nil, 0},
	}
	for _, tt := range tests {
		got, total := ids(tt.q)
		if !reflect.DeepEqual(got, tt.want) || total != tt.total {
			t.Errorf("%s: %v of %d, want %v of %d", tt.name, got, total, tt.want, tt.total)
		}
	}
}

func segmentID(t *testing.T, db *DB, name string) int64 {
	t.Helper()
	segs, err := db.Segments(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range segs {
		if s.Name == name {
			return s.ID
		}
	}
	t.Fatalf("no segment %s", name)
	return 0
}

func TestSetFeedbackStatusDatesTheReply(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	ctx := context.Background()
	id := fx.add(t, nps("2026-11-01", fx.ben, 3))
	if n, _ := fx.db.UnansweredDetractors(ctx); n != 1 {
		t.Errorf("unanswered detractors %d, want 1", n)
	}
	if err := fx.db.SetFeedbackStatus(ctx, id, model.FeedbackActedOn); err != nil {
		t.Fatal(err)
	}
	rows, _, _ := fx.db.ListFeedback(ctx, model.FeedbackQuery{})
	if rows[0].Status != model.FeedbackActedOn || !rows[0].RepliedOn.Equal(model.Day(fixedNow)) {
		t.Errorf("after acting on it: %+v", rows[0])
	}
	if n, _ := fx.db.UnansweredDetractors(ctx); n != 0 {
		t.Errorf("unanswered detractors %d, want 0", n)
	}
	if err := fx.db.SetFeedbackStatus(ctx, 999, model.FeedbackReplied); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing feedback: %v", err)
	}
	if err := fx.db.SetFeedbackStatus(ctx, id, "ignored"); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("bad status: %v", err)
	}
}

func TestNPSCountsAndPerCustomer(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	ctx := context.Background()
	fx.add(t, nps("2026-11-01", fx.ada, 10))
	fx.add(t, nps("2026-11-01", fx.ben, 10))
	fx.add(t, nps("2026-11-02", fx.ben, 5))
	fx.add(t, nps("2026-11-02", 0, 8)) // anonymous: overall only
	fx.add(t, model.Feedback{On: day("2026-11-02"), CustomerID: fx.ada, Kind: model.FeedbackPraise, Answer: "x"})
	overall, bySegment, err := fx.db.NPSCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantOverall := []model.NPSCount{
		{Day: day("2026-11-01"), Score: 10, N: 2},
		{Day: day("2026-11-02"), Score: 5, N: 1},
		{Day: day("2026-11-02"), Score: 8, N: 1},
	}
	sortCounts(overall)
	if !reflect.DeepEqual(overall, wantOverall) {
		t.Errorf("overall %+v", overall)
	}
	// Ben is in Market and Wholesale: his answers count in both.
	sortCounts(bySegment)
	wantSegments := []model.NPSCount{
		{Day: day("2026-11-01"), Score: 10, N: 1, Segment: "Market"},
		{Day: day("2026-11-01"), Score: 10, N: 2, Segment: "Wholesale"},
		{Day: day("2026-11-02"), Score: 5, N: 1, Segment: "Market"},
		{Day: day("2026-11-02"), Score: 5, N: 1, Segment: "Wholesale"},
	}
	if !reflect.DeepEqual(bySegment, wantSegments) {
		t.Errorf("by segment %+v", bySegment)
	}
	per, err := fx.db.NPSPerCustomer(ctx, model.AllTime())
	if err != nil {
		t.Fatal(err)
	}
	if len(per) != 2 || per[fx.ben] != (model.NPS{Promoters: 1, Detractors: 1}) || per[fx.ada] != (model.NPS{Promoters: 1}) {
		t.Errorf("per customer %+v", per)
	}
	per, _ = fx.db.NPSPerCustomer(ctx, model.Period{From: day("2026-11-02"), To: day("2026-11-30")})
	if len(per) != 1 || per[fx.ben] != (model.NPS{Detractors: 1}) {
		t.Errorf("per customer from the 2nd %+v", per)
	}
}

func sortCounts(cs []model.NPSCount) {
	slices.SortFunc(cs, func(a, b model.NPSCount) int {
		if c := a.Day.Compare(b.Day); c != 0 {
			return c
		}
		if a.Score != b.Score {
			return a.Score - b.Score
		}
		if a.Segment < b.Segment {
			return -1
		}
		if a.Segment > b.Segment {
			return 1
		}
		return 0
	})
}

func TestPromoterSuggestionsUseTheLatestAnswer(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	ctx := context.Background()
	fx.add(t, nps("2026-10-01", fx.ada, 4))
	fx.add(t, nps("2026-11-01", fx.ada, 9)) // latest 9: suggested
	fx.add(t, nps("2026-10-01", fx.ben, 10))
	fx.add(t, nps("2026-11-01", fx.ben, 6))  // latest 6: not
	fx.add(t, nps("2026-11-05", fx.cle, 10)) // already an advocate: not
	// Two answers from one customer on one day: the one recorded last
	// counts, whatever its score.
	c := model.Customer{Name: "Dee Same-Day", Stage: model.StageCustomer}
	if err := fx.db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	fx.add(t, nps("2026-11-06", c.ID, 10))
	fx.add(t, nps("2026-11-06", c.ID, 3))
	got, total, err := fx.db.PromoterSuggestions(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(got) != 1 || got[0].CustomerID != fx.ada || got[0].Score != 9 || got[0].Name != "Ada Lovelace" {
		t.Errorf("suggestions %+v of %d", got, total)
	}
	if got, total, _ := fx.db.PromoterSuggestions(ctx, 0); len(got) != 0 || total != 1 {
		t.Errorf("limit 0: %v of %d", got, total)
	}
	// An archived customer is not suggested.
	if err := fx.db.ArchiveCustomer(ctx, fx.ada); err != nil {
		t.Fatal(err)
	}
	if got, total, _ := fx.db.PromoterSuggestions(ctx, 10); len(got) != 0 || total != 0 {
		t.Errorf("archived Ada: %+v of %d", got, total)
	}
}

func TestWishesAndThemes(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	ctx := context.Background()
	w1 := fx.add(t, model.Feedback{On: day("2026-11-01"), CustomerID: fx.ada, Kind: model.FeedbackWish, Answer: "Gift wrapping"})
	w2 := fx.add(t, model.Feedback{On: day("2026-11-02"), Kind: model.FeedbackWish, Answer: "Wrap presents"})
	p := fx.add(t, model.Feedback{On: day("2026-11-02"), Kind: model.FeedbackPraise, Answer: "Wrap presents"})
	if err := fx.db.SetWishTheme(ctx, "  Gift   wrap ", w1, w2, p); err != nil {
		t.Fatal(err)
	}
	ws, err := fx.db.Wishes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 || ws[0].ID != w2 || ws[1].Customer != "Ada Lovelace" || ws[0].Theme != "Gift wrap" || ws[1].Theme != "Gift wrap" {
		t.Errorf("wishes %+v", ws)
	}
	rows, _, _ := fx.db.ListFeedback(ctx, model.FeedbackQuery{Kind: model.FeedbackPraise})
	if rows[0].ID != p || rows[0].Theme != "" {
		t.Errorf("praise got a theme: %+v", rows[0])
	}
	if err := fx.db.SetWishTheme(ctx, string(make([]byte, 101)), w1); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("long theme: %v", err)
	}
}

func TestFeedbackAndComplaintsOnTheTimeline(t *testing.T) {
	t.Parallel()
	fx := newFeedbackFixture(t)
	ctx := context.Background()
	fx.add(t, nps("2026-11-01", fx.ada, 9))
	fx.add(t, model.Feedback{On: day("2026-11-02"), CustomerID: fx.ada, Kind: model.FeedbackWish, Answer: "Gift wrapping"})
	c := model.Complaint{OpenedOn: day("2026-11-03"), CustomerID: fx.ada, Category: model.ComplaintQuality,
		Severity: model.SeverityHigh, WhatWentWrong: "Soap cracked"}
	if err := fx.db.CreateComplaint(ctx, &c); err != nil {
		t.Fatal(err)
	}
	entries, err := fx.db.Timeline(ctx, fx.ada, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, string(e.Kind)+" "+e.Summary)
	}
	want := []string{"complaint quality · high · open: Soap cracked", "feedback wish: Gift wrapping", "feedback NPS 9"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("timeline %q", got)
	}
}
