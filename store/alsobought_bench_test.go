package store_test

import (
	"context"
	"testing"

	"clientele/model"
)

// BenchmarkAlsoBought reads the co-purchases of one customer and ranks the
// suggestions, as the customer detail does, at 100,000 customers and about
// 1,000,000 order lines; the customers are taken across the book in turn.
func BenchmarkAlsoBought(b *testing.B) {
	db := benchCopy(b, 100000)
	ctx := context.Background()
	b.Run("customers=100000", func(b *testing.B) {
		id, shown := int64(0), 0
		start := processCPU()
		for b.Loop() {
			id = id%100000 + 997
			bought, co, err := db.CoPurchases(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			shown += len(model.AlsoBought(bought, co, 5))
		}
		cpuTime(b, start)
		b.ReportMetric(float64(shown)/float64(b.N), "suggestions/op")
	})
}
