package model_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
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
	t.Run("customers=100000", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads the 100,000-customer benchmark book")
		}
		t.Parallel()
		path, err := demo.BenchFile(ctx, 100000)
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
