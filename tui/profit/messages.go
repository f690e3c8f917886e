package profit

import (
	"clientele/model"
)

// The messages the Profit tab sends itself.

// profitLoadedMsg carries the Profit tab's analysis of one period,
// computed in a command.
type profitLoadedMsg struct {
	seq  int // the load it answers; older ones are dropped
	data *profitData
}

// periodChosenMsg carries the custom period the dates form settled on,
// and the dates as typed, to offer again.
type periodChosenMsg struct {
	period   model.Period
	from, to string
}
