package kit

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// Commands more than one area runs.

// SetStage moves a customer to stage in a command and answers
// StageChangedMsg; undo marks the change as one u made.
func SetStage(store model.FitStore, id int64, stage model.Stage, reason string, undo bool) tea.Cmd {
	return func() tea.Msg {
		ch, err := store.SetStage(Bg(), id, stage, reason)
		if err != nil {
			return ErrMsg{err}
		}
		return StageChangedMsg{Change: ch, Undo: undo}
	}
}

// StageText says what a stage change did, for the status bar.
func StageText(m StageChangedMsg) string {
	name := Clean(m.Change.Name)
	switch {
	case m.Undo:
		return fmt.Sprintf("%s is %s %s again.", name, model.Article(string(m.Change.To)), m.Change.To)
	case m.Change.To == model.StageFormer:
		return fmt.Sprintf("Let %s go. Press u on Segments to undo.", name)
	case m.Change.To == model.StageAdvocate:
		return fmt.Sprintf("%s is now an advocate. Press u to undo.", name)
	}
	return fmt.Sprintf("%s is now %s %s.", name, model.Article(string(m.Change.To)), m.Change.To)
}

// ReloadSettings reads the settings again, so that every screen sees a
// change (the settings form saved, the demo wrote its own).
func ReloadSettings(store model.SettingsStore) tea.Cmd {
	return func() tea.Msg {
		s, err := store.Settings(Bg())
		if err != nil {
			return ErrMsg{err}
		}
		return SettingsLoadedMsg{s}
	}
}
