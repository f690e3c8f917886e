// Command benchfile prints the path of the benchmark database with N
// customers (default 100,000), generating the demo business into it on the
// first call and reusing it after: a stand-in for demo.BenchFile until that
// lands on main, with the same contract (a cached file in the temp folder,
// to be treated as read-only).
//
//	CLIENTELE_BENCH_DB=$(go run ./bench/benchfile 100000) go test ./tui -run '^$' -bench BenchmarkProfitScreen
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"clientele/store"
	"clientele/store/demo"
)

func main() {
	n := 100_000
	if len(os.Args) > 1 {
		var err error
		if n, err = strconv.Atoi(os.Args[1]); err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "benchfile: %q is not a number of customers\n", os.Args[1])
			os.Exit(2)
		}
	}
	path, err := benchFile(context.Background(), n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchfile:", err)
		os.Exit(1)
	}
	fmt.Println(path)
}

// benchFile returns the cached file, writing it beside its final name and
// renaming it into place so that an interrupted run leaves no half file.
func benchFile(ctx context.Context, n int) (string, error) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("clientele-bench-%d.db", n))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".partial"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(p)
	}
	db, err := store.Open(ctx, tmp)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "benchfile: generating %d customers into %s (once)\n", n, path)
	_, err = demo.Generate(ctx, db, demo.Options{Customers: n, Seed: 1,
		Now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}
