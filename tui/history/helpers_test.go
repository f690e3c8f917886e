package history_test

import (
	"testing"

	"clientele/model"
	"clientele/tui"
	"clientele/tui/tuitest"
)

// newDriver runs the app over s in a w×h terminal, on the tests' clock.
func newDriver(t testing.TB, s model.Store, w, h int) *tuitest.Driver {
	t.Helper()
	return tuitest.Start(t, tui.New(s, tui.Options{Now: tuitest.Clock}), w, h)
}
