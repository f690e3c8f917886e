// Package testsize says how hard the suite's long tests push. `go test
// ./...` runs every test at the size a working session wants an answer in
// (a few kills, a few thousand customers); with CLIENTELE_FULL_TESTS=1,
// which .ci/run sets for its second pass, the same tests run at the sizes
// their issues asked for (60 kills, the 100,000-customer book, 200 random
// changes). Only tests import it.
package testsize

import "os"

// Env is the variable that asks for the full sizes.
const Env = "CLIENTELE_FULL_TESTS"

// Full reports whether the long tests run at full size.
func Full() bool { return os.Getenv(Env) == "1" }

// Pick returns full when the long tests run at full size, else quick.
func Pick[T any](quick, full T) T {
	if Full() {
		return full
	}
	return quick
}
