package replica

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

// How long a save on the writing machine takes to reach a followed copy,
// at the intervals clientele runs with (the replicator copies and the
// follower looks every second): what the owner at the second machine
// waits before the screens reload (the interface looks at the copy every
// second too: add up to a second). The follower runs in this process: the
// time is read from the copy's -txid file, not from the copy.
//
//	go test ./store/replica -run '^$' -bench BenchmarkASaveReachesAFollower -benchtime 10x
func BenchmarkASaveReachesAFollower(b *testing.B) {
	ctx := context.Background()
	dest := mustParse(b, "file://"+filepath.Join(b.TempDir(), "copies"))
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "shop.db"))
	if err != nil {
		b.Fatal(err)
	}
	r, err := Start(ctx, db, dest, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { db.Close(); r.Stop(ctx) }()
	copyPath := filepath.Join(b.TempDir(), "followed.db")
	fctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- Follow(fctx, dest, copyPath, FollowOptions{}) }()
	defer func() { cancel(); <-done }()
	for {
		if _, _, ok := Followed(copyPath); ok {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	var worst time.Duration
	b.ResetTimer()
	for n := range b.N {
		// Saves come at any moment of the two loops' seconds.
		b.StopTimer()
		time.Sleep(time.Duration(rand.Int64N(int64(time.Second))))
		b.StartTimer()
		before, _, _ := Followed(copyPath)
		start := time.Now()
		c := model.Customer{Name: fmt.Sprintf("bench %d", n), Stage: model.StageProspect}
		if err := db.CreateCustomer(ctx, &c); err != nil {
			b.Fatal(err)
		}
		for {
			if txid, _, _ := Followed(copyPath); txid > before {
				break
			}
			if time.Since(start) > 30*time.Second {
				b.Fatal("the save never reached the follower")
			}
			time.Sleep(5 * time.Millisecond)
		}
		worst = max(worst, time.Since(start))
	}
	b.ReportMetric(worst.Seconds(), "worst-s")
}

// What the interface's look at a followed copy costs, every second: a
// stat and a read of the -txid file.
//
//	go test ./store/replica -run '^$' -bench BenchmarkFollowed
func BenchmarkFollowed(b *testing.B) {
	ctx := context.Background()
	dest := mustParse(b, "file://"+filepath.Join(b.TempDir(), "copies"))
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "shop.db"))
	if err != nil {
		b.Fatal(err)
	}
	r, err := Start(ctx, db, dest, Options{})
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	if err := r.Stop(ctx); err != nil {
		b.Fatal(err)
	}
	copyPath := filepath.Join(b.TempDir(), "followed.db")
	if _, err := restore(ctx, dest, copyPath, RestoreOptions{}, true); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, _, ok := Followed(copyPath); !ok {
			b.Fatal("not a followed copy")
		}
	}
}
