package store_test

import (
	"context"
	"testing"

	"clientele/model"
	"clientele/store/demo"
)

// BenchmarkProfitBook reads the profitability book at 100,000 customers
// (about 1,000,000 order lines and 800,000 costs), for all time as
// `clientele export` does by default and for the last 12 months as the
// Profit screen opens, and analyses it. cpu-ms/op is the CPU of both cores
// together: the reads run side by side.
//
//	go test ./store -run '^$' -bench BenchmarkProfitBook -benchtime 5x
func BenchmarkProfitBook(b *testing.B) {
	db := benchCopy(b, 100000)
	ctx := context.Background()
	for _, p := range []model.Period{model.AllTime(), model.Last12Months(demo.BenchNow)} {
		b.Run(p.Kind.String(), func(b *testing.B) {
			start := processCPU()
			listed := 0
			for b.Loop() {
				book, err := db.ProfitBook(ctx, p)
				if err != nil {
					b.Fatal(err)
				}
				s := model.AnalyseProfit(book, model.ProfitOptions{Today: demo.BenchNow, Settings: model.DefaultSettings()})
				listed = len(s.Customers)
			}
			cpuTime(b, start)
			b.ReportMetric(float64(listed), "customers")
		})
	}
}
