package model_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
	"clientele/store/testsize"
	"clientele/tui/tuitest"
)

// The fast analyses equal the reference (refanalysis_test.go) on the
// demo book and on every period of the 100,000-customer benchmark book.
func TestAnalysesEqualTheReferenceOnTheBooks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("demo", func(t *testing.T) {
		t.Parallel()
		db, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := demo.Generate(ctx, db, demo.Options{Seed: 7, Now: demo.BenchNow}); err != nil {
			t.Fatal(err)
		}
		checkBook(t, db, demo.BenchNow)
	})
	// The 100,000-customer benchmark book at full size (testsize), the
	// benchmark book of 5,000 customers in a working session's run.
	n := testsize.Pick(5000, 100000)
	t.Run(fmt.Sprintf("customers=%d", n), func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads the benchmark book")
		}
		t.Parallel()
		path, err := demo.BenchFile(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		checkBook(t, db, demo.BenchNow)
	})
}

// checkBook compares both analyses with the reference over the periods
// the tabs offer.
func checkBook(t *testing.T, db *store.DB, today time.Time) {
	ctx := context.Background()
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	segs, err := db.Segments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	custom, err := model.CustomPeriod(today.AddDate(-1, -3, 5), today.AddDate(0, -2, -9))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []model.Period{model.Last12Months(today), model.ThisMonth(today), model.AllTime(),
		model.YearToDate(today), model.CalendarYear(today.Year() - 1), custom} {
		cs, err := db.FitBook(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		model.CheckFitEqualsReference(t, cs, segs, model.FitOptions{From: p.From, To: p.To, Today: today,
			Settings: s, Weights: model.DefaultFitWeights})
		b, err := db.ProfitBook(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		model.CheckProfitEqualsReference(t, b, model.ProfitOptions{Today: today, Settings: s})
	}
}

// BenchmarkAnalyses runs each analysis alone on the 100,000-customer
// benchmark book over the last 12 months: AnalyseFit (the customers
// reset between runs to what FitBook read, in place, rather than cloned:
// BenchmarkSegmentFit/rules in tui/segments clones them, and counts the
// clone's CPU) and AnalyseProfit. cpu-ms/op is the process's CPU, both
// cores together.
//
//	go test ./model -run '^$' -bench BenchmarkAnalyses -benchtime 10x
func BenchmarkAnalyses(b *testing.B) {
	ctx := context.Background()
	path, err := demo.BenchFile(ctx, 100000)
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	p := model.Last12Months(demo.BenchNow)
	cs, err := db.FitBook(ctx, p)
	if err != nil {
		b.Fatal(err)
	}
	segs, err := db.Segments(ctx)
	if err != nil {
		b.Fatal(err)
	}
	s, err := db.Settings(ctx)
	if err != nil {
		b.Fatal(err)
	}
	book, err := db.ProfitBook(ctx, p)
	if err != nil {
		b.Fatal(err)
	}
	rfm := make([]string, len(cs))
	for i := range cs {
		rfm[i] = cs[i].RFMSegment
	}
	b.Run("fit", func(b *testing.B) {
		start := tuitest.ProcessCPU()
		for b.Loop() {
			for i := range cs { // what AnalyseFit fills in, as read
				cs[i].RFMSegment, cs[i].Referrals, cs[i].Score = rfm[i], 0, model.FitScore{}
			}
			model.AnalyseFit(cs, segs, model.FitOptions{From: p.From, To: p.To, Today: demo.BenchNow, Settings: s,
				Weights: model.DefaultFitWeights})
		}
		tuitest.CPUTime(b, start)
	})
	b.Run("profit", func(b *testing.B) {
		start := tuitest.ProcessCPU()
		for b.Loop() {
			model.AnalyseProfit(book, model.ProfitOptions{Today: demo.BenchNow, Settings: s})
		}
		tuitest.CPUTime(b, start)
	})
}
