package complaints

import (
	"clientele/tui/tuitest"
	"testing"
)

// The Complaints screen at scale: 100,000 customers with 100,000 feedback
// entries and 20,000 complaints (tuitest.BenchFeedbackStore). Each
// benchmark measures the command that computes the screen (the store reads
// and the rules), which must stay within 200 ms:
//
//	go test ./tui/complaints -run '^$' -bench ComplaintScreen -benchtime 20x -count 5

func BenchmarkComplaintScreen(b *testing.B) {
	db := tuitest.BenchFeedbackStore(b)
	cmd := loadComplaints(tuitest.Context(), db, true, false) // as the screen opens: the voided too
	start := tuitest.ProcessCPU()
	for b.Loop() {
		msg, ok := cmd().(complaintsLoadedMsg)
		if !ok || len(msg.data.rows) < tuitest.BenchComplaints {
			b.Fatalf("loaded %T", msg)
		}
	}
	tuitest.CPUTime(b, start)
}
