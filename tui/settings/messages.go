package settings

import (
	"clientele/model"
)

// The messages the Settings tab sends itself.

// setupLoadedMsg carries what the Settings tab shows.
type setupLoadedMsg struct {
	settings  model.Settings
	segments  []model.Segment
	questions []model.SavedQuestion
	templates []model.Template
	fields    []model.CustomField
}
