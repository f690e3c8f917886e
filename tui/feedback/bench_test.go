package feedback

import (
	"clientele/model"
	"clientele/tui/tuitest"
	"testing"
)

// The Feedback screen at scale: 100,000 customers with 100,000 feedback
// entries and 20,000 complaints (tuitest.BenchFeedbackStore). Each
// benchmark measures the command that computes the screen (the store reads
// and the rules), which must stay within 200 ms:
//
//	go test ./tui/feedback -run '^$' -bench 'FeedbackScreen|FeedbackFilter|Wishlist' -benchtime 20x -count 5

func BenchmarkFeedbackScreen(b *testing.B) {
	db := tuitest.BenchFeedbackStore(b)
	cmd := loadFeedback(tuitest.Context(), db, model.FeedbackQuery{}, 1, 0, true)
	start := tuitest.ProcessCPU()
	for b.Loop() {
		msg, ok := cmd().(feedbackLoadedMsg)
		if !ok || msg.facts == nil || msg.total < tuitest.BenchFeedback {
			b.Fatalf("loaded %T %+v", msg, msg.total)
		}
	}
	tuitest.CPUTime(b, start)
}

// BenchmarkFeedbackFilter is a change of filters: the log alone reloads,
// here for the widest customer filter there is (one letter, as the first
// key typed makes it).
func BenchmarkFeedbackFilter(b *testing.B) {
	db := tuitest.BenchFeedbackStore(b)
	cmd := loadFeedback(tuitest.Context(), db, model.FeedbackQuery{Kind: model.FeedbackNPS, Status: model.FeedbackNew, Customer: "a"}, 1, 0, false)
	start := tuitest.ProcessCPU()
	for b.Loop() {
		if _, ok := cmd().(feedbackLoadedMsg); !ok {
			b.Fatal("not loaded")
		}
	}
	tuitest.CPUTime(b, start)
}

func BenchmarkWishlist(b *testing.B) {
	s := newFeedbackScreen(tuitest.Context(), tuitest.BenchFeedbackStore(b))
	cmd := s.loadWishes()
	start := tuitest.ProcessCPU()
	for b.Loop() {
		if msg, ok := cmd().(wishesLoadedMsg); !ok || len(msg.themes) == 0 {
			b.Fatal("no wishlist")
		}
	}
	tuitest.CPUTime(b, start)
}
