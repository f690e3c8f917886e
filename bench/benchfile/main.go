// Command benchfile prints the path of the demo database the Go
// benchmarks use (demo.BenchFile: N customers, a fixed seed and day,
// cached in the temp folder by schema), generating it on first use, so
// that the scripts in bench/ measure the same file.
//
//	go run ./bench/benchfile [-customers N]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"clientele/store/demo"
)

func main() {
	n := flag.Int("customers", 100000, "how many customers")
	flag.Parse()
	path, err := demo.BenchFile(context.Background(), *n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchfile:", err)
		os.Exit(1)
	}
	fmt.Println(path)
}
