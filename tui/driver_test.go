package tui

import (
	"testing"

	"clientele/model"
	"clientele/tui/tuitest"
)

// driver runs the app synchronously (tuitest.Driver) and keeps it at
// hand, for the tests that look at the app's own state.
type driver struct {
	*tuitest.Driver
	app *App
}

// newDriver runs the app over s in a w×h terminal, on the tests' clock.
func newDriver(t testing.TB, s model.Store, w, h int) *driver {
	t.Helper()
	app := New(s, Options{Now: tuitest.Clock})
	return &driver{Driver: tuitest.Start(t, app, w, h), app: app}
}

// newDriverWith runs the app over s with opt in a w×h terminal.
func newDriverWith(t testing.TB, s model.Store, w, h int, opt Options) *driver {
	t.Helper()
	app := New(s, opt)
	return &driver{Driver: tuitest.Start(t, app, w, h), app: app}
}
