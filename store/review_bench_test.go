package store_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
)

// benchCopy opens a copy of the cached demo database of n customers, so
// that opening it (which may migrate it) never writes to the cache.
func benchCopy(b *testing.B, n int) *store.DB {
	b.Helper()
	ctx := context.Background()
	src, err := demo.BenchFile(ctx, n)
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	dst := filepath.Join(b.TempDir(), "bench.db")
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, dst)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkReviewQueue builds the daily list at 100,000 customers (about
// 1,000,000 order lines) as the Today tab and `clientele review` do: the
// most urgent entries, the daily size from the settings (50), and the
// count of those due beyond it. Budget: 100 ms.
func BenchmarkReviewQueue(b *testing.B) {
	db := benchCopy(b, 100000)
	b.Run("customers=100000", func(b *testing.B) { benchDaily(b, db) })
}

// BenchmarkWholeReviewQueue builds the whole queue at 100,000 customers,
// what `clientele review --all` prints, for comparison.
func BenchmarkWholeReviewQueue(b *testing.B) {
	db := benchCopy(b, 100000)
	ctx := context.Background()
	b.Run("customers=100000", func(b *testing.B) {
		n := 0
		for b.Loop() {
			q, err := db.Review(ctx, demo.BenchNow)
			if err != nil {
				b.Fatal(err)
			}
			n = len(q)
		}
		b.ReportMetric(float64(n), "entries")
	})
}

// BenchmarkReviewQueueQuiet is BenchmarkReviewQueue on a book whose
// complaints, feedback and follow-ups are all answered: the list comes
// from the later reasons (reorders, stay-in-touch cadences, prospects),
// whose streams read more rows to find each entry.
func BenchmarkReviewQueueQuiet(b *testing.B) {
	db := benchCopy(b, 100000)
	for _, q := range []string{"UPDATE complaints SET status = 'closed'", "UPDATE feedback SET status = 'replied'",
		"DELETE FROM reminders", "DELETE FROM occasions",
		"UPDATE orders SET paid_on = payment_due_on WHERE payment_due_on IS NOT NULL AND paid_on IS NULL"} {
		if err := db.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("customers=100000", func(b *testing.B) { benchDaily(b, db) })
}

// benchDaily builds the daily list of the default size on the demo's day.
func benchDaily(b *testing.B, db *store.DB) {
	var r model.DailyReview
	start := processCPU()
	for b.Loop() {
		var err error
		if r, err = db.DailyReview(context.Background(), demo.BenchNow, 0); err != nil {
			b.Fatal(err)
		}
	}
	cpuTime(b, start)
	b.ReportMetric(float64(len(r.Entries)), "entries")
	b.ReportMetric(float64(r.More), "more")
}

// cpuTime reports the process's CPU time per op beside the wall time: on a
// shared machine the wall time swings with the load, the CPU time much
// less. Call it after b.Loop.
func cpuTime(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(processCPU()-start)/float64(b.N)/float64(time.Millisecond), "cpu-ms/op")
}

// processCPU is the user and system time the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
