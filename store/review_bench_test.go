package store_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

// benchDB opens a copy of the 100,000-customer benchmark database named by
// CLIENTELE_BENCH_DB (opening may migrate it, so the original is not
// touched). When store/demo lands this becomes demo.BenchFile(ctx, 100000).
func benchDB(b *testing.B) *store.DB {
	b.Helper()
	src := os.Getenv("CLIENTELE_BENCH_DB")
	if src == "" {
		b.Skip("set CLIENTELE_BENCH_DB to a database with 100,000 customers")
	}
	dst := filepath.Join(b.TempDir(), "bench.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	out.Close()
	db, err := store.Open(context.Background(), dst)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// benchDay is the day the demo's clock stops.
var benchDay = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// BenchmarkReviewQueue builds the daily review at 100,000 customers: the
// store's one query and the rules, as the Today tab and `clientele review`
// do. Budget: 100 ms.
func BenchmarkReviewQueue(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	b.Run("customers=100000", func(b *testing.B) {
		n := 0
		for b.Loop() {
			q, err := db.Review(ctx, benchDay)
			if err != nil {
				b.Fatal(err)
			}
			n = len(q)
		}
		b.ReportMetric(float64(n), "entries")
	})
	b.Run("rules-only", func(b *testing.B) {
		s, _ := db.Settings(ctx)
		cs, err := db.ReviewInputs(ctx, benchDay, s)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(cs)), "inputs")
		for b.Loop() {
			model.ReviewQueue(cs, s, benchDay)
		}
	})
}
