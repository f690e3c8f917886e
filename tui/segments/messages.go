package segments

import (
	"clientele/model"
)

// The messages the Segments tab sends itself.

// fitLoadedMsg carries the Segment fit analysis, computed in a command.
type fitLoadedMsg struct {
	seq int // the load it answers; older ones are dropped
	fit *model.SegmentFit
}
