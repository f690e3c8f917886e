package customers_test

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

// newDriverWith is newDriver with options (a demo to load, an importer).
func newDriverWith(t testing.TB, s model.Store, w, h int, opt tui.Options) *tuitest.Driver {
	t.Helper()
	opt.Now = tuitest.Clock
	return tuitest.Start(t, tui.New(s, opt), w, h)
}
