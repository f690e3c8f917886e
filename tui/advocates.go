package tui

import "clientele/model"

// advocateMark is the sign before an advocate's name in every list:
// advocates matter most, so they stand out wherever they appear.
const advocateMark = "★ "

// markedName returns name with the advocate mark for an advocate.
func markedName(name string, stage model.Stage) string {
	if stage == model.StageAdvocate {
		return advocateMark + name
	}
	return name
}
