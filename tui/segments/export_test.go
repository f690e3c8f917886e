package segments

import (
	"clientele/model"
	"clientele/tui/kit"
)

// What the tests of package segments_test, which drive the whole app,
// read of the Segments tab.

// The views, as the tests count them.
const (
	Views     = int(fitViews)
	Best      = int(viewBest)
	Drains    = int(viewDrains)
	Referrals = int(viewReferrals)
)

// ViewNames are the views' names, in order.
var ViewNames = fitViewNames

// UnderCursor is the customer under the cursor of the tab s, and the
// analysis on screen.
func UnderCursor(s kit.Screen) (*model.FitCustomer, *model.SegmentFit, bool) {
	f := s.(*segmentFit)
	c, ok := f.customer()
	return c, f.fit, ok
}

// Analysis is the analysis the tab s shows and the period it covers.
func Analysis(s kit.Screen) (*model.SegmentFit, model.Period) {
	f := s.(*segmentFit)
	return f.fit, f.period
}
