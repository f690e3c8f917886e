package tui

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
)

// The Feedback and Complaints screens at scale: 100,000 customers with
// 100,000 feedback entries and 20,000 complaints. Each benchmark measures
// the command that computes its screen (the store reads and the rules),
// which must stay within 200 ms:
//
//	go test ./tui -run '^$' -bench 'FeedbackScreen|ComplaintScreen|Wishlist' -benchtime 20x -count 5

const (
	benchCustomers  = 100_000
	benchFeedback   = 100_000
	benchComplaints = 20_000
)

// benchFeedbackStore opens a private copy of the benchmark database,
// topped up to benchFeedback feedback entries and benchComplaints
// complaints.
func benchFeedbackStore(b *testing.B) *store.DB {
	b.Helper()
	ctx := context.Background()
	src := benchBaseFile(b)
	path := filepath.Join(b.TempDir(), "bench.db")
	if err := copyFile(src, path); err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if err := topUp(ctx, db, benchFeedback, benchComplaints); err != nil {
		b.Fatal(err)
	}
	// Closing checkpoints the load out of the WAL, as a running app's
	// automatic checkpoints would have.
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if db, err = store.Open(ctx, path); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return testNow }
	return db
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// topUp adds feedback and complaints, spread over the customers and the
// last three years, until the database holds at least the given numbers.
func topUp(ctx context.Context, db *store.DB, feedback, complaints int) error {
	_, nf, err := db.ListFeedback(ctx, model.FeedbackQuery{Limit: 1})
	if err != nil {
		return err
	}
	rows, err := db.ListComplaints(ctx)
	if err != nil {
		return err
	}
	nc := len(rows)
	if nf >= feedback && nc >= complaints {
		return nil
	}
	var ids []int64
	names, err := db.CustomerNames(ctx)
	if err != nil {
		return err
	}
	for _, n := range names {
		ids = append(ids, n.ID)
	}
	rng := rand.New(rand.NewPCG(5, 5))
	day := func() time.Time { return model.AddDays(testNow, -rng.IntN(3*365)) }
	wishes := []string{"Gift wrapping", "gift wrapping!", "Candle-making classes", "A candle making class",
		"Refill pouches", "Unscented soap", "Bigger candles", "Gift boxes", "Gift box", "Subscription box"}
	kinds := model.FeedbackKinds
	return db.Load(ctx, func(l *store.Loader) error {
		for i := nf; i < feedback; i++ {
			f := model.Feedback{On: day(), Kind: kinds[rng.IntN(len(kinds))], Status: model.FeedbackStatuses[rng.IntN(3)]}
			if rng.IntN(10) > 0 {
				f.CustomerID = ids[rng.IntN(len(ids))]
			}
			switch f.Kind {
			case model.FeedbackNPS:
				f.Score, f.HasScore = rng.IntN(11), true
				f.Question = model.NPSQuestion
			case model.FeedbackWish:
				f.Answer, f.Question = wishes[rng.IntN(len(wishes))], model.WishQuestion
			default:
				f.Answer = fmt.Sprintf("Feedback number %d about the soap and the candles", i)
			}
			if err := l.Feedback(&f); err != nil {
				return err
			}
		}
		for i := nc; i < complaints; i++ {
			c := model.Complaint{OpenedOn: day(), CustomerID: ids[rng.IntN(len(ids))],
				Category: model.ComplaintCategories[rng.IntN(6)], Severity: model.Severities[rng.IntN(3)],
				WhatWentWrong: fmt.Sprintf("Problem %d with the order", i%50), Status: model.ComplaintStatuses[rng.IntN(3)]}
			if c.Status != model.ComplaintOpen {
				c.Remedy = "Sent a replacement"
				c.RemediedOn = model.AddDays(c.OpenedOn, rng.IntN(10))
				c.RemedyCost = model.Money(rng.IntN(2000))
				if rng.IntN(4) == 0 {
					c.Guarantee, c.HonouredOn = true, c.RemediedOn
				}
			}
			if c.Status == model.ComplaintClosed {
				c.ClosedOn = model.AddDays(c.RemediedOn, rng.IntN(5))
			}
			if err := l.Complaint(&c); err != nil {
				return err
			}
		}
		return nil
	})
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

func benchCommon(db *store.DB) *common {
	app := New(db, Options{Now: func() time.Time { return testNow }})
	return app.com
}

func BenchmarkFeedbackScreen(b *testing.B) {
	com := benchCommon(benchFeedbackStore(b))
	cmd := loadFeedback(com, model.FeedbackQuery{}, 1, 0, true)
	start := processCPU()
	for b.Loop() {
		msg, ok := cmd().(feedbackLoadedMsg)
		if !ok || msg.facts == nil || msg.total < benchFeedback {
			b.Fatalf("loaded %T %+v", msg, msg.total)
		}
	}
	cpuTime(b, start)
}

// BenchmarkFeedbackFilter is a change of filters: the log alone reloads,
// here for the widest customer filter there is (one letter, as the first
// key typed makes it).
func BenchmarkFeedbackFilter(b *testing.B) {
	com := benchCommon(benchFeedbackStore(b))
	cmd := loadFeedback(com, model.FeedbackQuery{Kind: model.FeedbackNPS, Status: model.FeedbackNew, Customer: "a"}, 1, 0, false)
	start := processCPU()
	for b.Loop() {
		if _, ok := cmd().(feedbackLoadedMsg); !ok {
			b.Fatal("not loaded")
		}
	}
	cpuTime(b, start)
}

func BenchmarkWishlist(b *testing.B) {
	s := newFeedbackScreen(benchCommon(benchFeedbackStore(b)))
	cmd := s.loadWishes()
	start := processCPU()
	for b.Loop() {
		if msg, ok := cmd().(wishesLoadedMsg); !ok || len(msg.themes) == 0 {
			b.Fatal("no wishlist")
		}
	}
	cpuTime(b, start)
}

func BenchmarkComplaintScreen(b *testing.B) {
	com := benchCommon(benchFeedbackStore(b))
	cmd := loadComplaints(com)
	start := processCPU()
	for b.Loop() {
		msg, ok := cmd().(complaintsLoadedMsg)
		if !ok || len(msg.data.rows) < benchComplaints {
			b.Fatalf("loaded %T", msg)
		}
	}
	cpuTime(b, start)
}

// benchBaseFile is demo.BenchFile's business at benchCustomers customers
// (about 1,000,000 order lines, 100,000 feedback entries, 20,000
// complaints).
func benchBaseFile(b *testing.B) string {
	b.Helper()
	path, err := demo.BenchFile(context.Background(), benchCustomers)
	if err != nil {
		b.Fatal(err)
	}
	return path
}
