package segments

import (
	"clientele/model"
)

// The messages the Segments tab sends itself.

// fitLoadedMsg carries the Segment fit analysis, computed in a command,
// or why it could not be.
type fitLoadedMsg struct {
	load   int // the computation it answers (kit.Kept); older ones are dropped
	fit    *model.SegmentFit
	period model.Period // it covers
	err    error
}
