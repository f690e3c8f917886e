package profit

// The messages the Profit tab sends itself.

// profitLoadedMsg carries the Profit tab's analysis of one period,
// computed in a command.
type profitLoadedMsg struct {
	seq  int // the load it answers; older ones are dropped
	data *profitData
}

// profitFailedMsg says the analysis of a period could not be made.
type profitFailedMsg struct {
	seq int
	err error
}
