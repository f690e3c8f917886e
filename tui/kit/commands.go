package kit

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// Commands more than one area runs.

// SetStage moves a customer to stage in a command and answers
// StageChangedMsg.
func SetStage(store model.FitStore, id int64, stage model.Stage, reason string) tea.Cmd {
	return func() tea.Msg {
		ch, err := store.SetStage(Bg(), id, stage, reason)
		if err != nil {
			return ErrMsg{err}
		}
		return StageChangedMsg{Change: ch}
	}
}

// StageText says what a stage change did, for the status bar.
func StageText(m StageChangedMsg) string {
	name := Clean(m.Change.Name)
	switch {
	case m.Change.To == model.StageFormer:
		return fmt.Sprintf("Let %s go. Press u to undo.", name)
	case m.Change.To == model.StageAdvocate:
		return fmt.Sprintf("%s is now an advocate. Press u to undo.", name)
	}
	return fmt.Sprintf("%s is now %s %s.", name, model.Article(string(m.Change.To)), m.Change.To)
}

// RunUndo takes a change back in a command with do (the store's Undo,
// Redo, UndoChange or UndoLatest) and answers UndoneMsg; when there is
// nothing to take back it says nothing (the words when do finds none),
// and a change that cannot be taken back says why, in the status line.
func RunUndo(do func(context.Context) (model.UndoResult, error), nothing string) tea.Cmd {
	return func() tea.Msg {
		res, err := do(Bg())
		switch {
		case errors.Is(err, model.ErrNotFound):
			return StatusMsg{Text: nothing}
		case errors.Is(err, model.ErrConflict):
			return StatusMsg{Text: "Not undone: " + ErrorText(err), Err: true}
		case err != nil:
			return ErrMsg{err}
		}
		return UndoneMsg{Result: res}
	}
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

// MarkPaid marks order id paid today, in a command, and says which it was
// (what: "the £30.00 order of 20/11/2026"), whose customer, and which key
// undoes it (the book's undo takes it back): the screens shown reload.
func MarkPaid(store model.PaymentStore, id int64, what, name, undoKey string, c *Context) tea.Cmd {
	today := c.Today()
	text := fmt.Sprintf("Marked %s paid for %s. Press %s to undo.", what, Clean(name), undoKey)
	return func() tea.Msg {
		if _, err := store.SetPaid(Bg(), id, today); err != nil {
			return ErrMsg{err}
		}
		return tea.BatchMsg{Changed, Status("%s", text)}
	}
}
