package kit

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
)

// Voiding and restoring a record entered by mistake, from any list of
// records (a customer's timeline, the feedback log, the complaints): x
// opens the void form on a record that counts, and restores one voided.

// voidForm voids one record with an optional reason: a form body.
type voidForm struct {
	com    *Context
	store  model.CorrectionStore
	kind   model.RecordKind
	id     int64
	what   string // "the order of 2026-10-01 · Lavender soap ×30", clean
	reason string
}

// OpenVoid opens the form that voids record id of kind; what names it
// ("the order of 2026-10-01 · Lavender soap ×30").
func OpenVoid(com *Context, store model.CorrectionStore, kind model.RecordKind, id int64, what string) tea.Cmd {
	what = Clean(what)
	return Push(func() Screen {
		return NewForm(com, &voidForm{com: com, store: store, kind: kind, id: id, what: what})
	})
}

// Title implements Body.
func (f *voidForm) Title() string { return "Void " + f.what }

// Snapshot implements Body.
func (f *voidForm) Snapshot() string { return f.reason }

// Build implements Body.
func (f *voidForm) Build(b *Builder) Fields {
	in := b.Input("Reason", &f.reason).CharLimit(500).Placeholder("optional: entered twice, wrong customer…").
		Description("kept with it; enter voids, esc keeps it")
	return b.Huh(huh.NewForm(huh.NewGroup(in)))
}

// Head says what voiding does, over the reason.
func (f *voidForm) Head(w int) []string {
	st := f.com.Styles
	lines := []string{"It stays, struck through, but leaves every figure, list and count."}
	switch f.kind {
	case model.RecordOrder:
		lines = append(lines, "The costs recorded on the order are voided with it.")
	case model.RecordComplaint:
		lines = append(lines, "Its remedy costs are voided with it.")
	}
	lines = append(lines, "x on it restores it; u undoes the void.")
	var out []string
	for _, l := range lines {
		for _, part := range Wrap(l, w) {
			out = append(out, st.Muted.Render(part))
		}
	}
	return out
}

// Discards implements Discarding.
func (f *voidForm) Discards() string { return "the reason" }

// SavingText implements SavingTexter.
func (f *voidForm) SavingText() string { return "Voiding…" }

// Save voids the record in a command.
func (f *voidForm) Save() (tea.Cmd, error) {
	reason := strings.TrimSpace(f.reason)
	if err := model.ValidateVoidReason(reason); err != nil {
		return nil, err
	}
	store, kind, id, what := f.store, f.kind, f.id, f.what
	return func() tea.Msg {
		if err := store.Void(Bg(), kind, id, reason); err != nil {
			return SaveFailedMsg{Err: err}
		}
		return SavedMsg{Text: fmt.Sprintf("Voided %s. x on it restores it, u undoes.", what)}
	}, nil
}

// RestoreRecord brings a voided record back into every figure, in a
// command; the screens shown reload and the status line says so.
func RestoreRecord(store model.CorrectionStore, kind model.RecordKind, id int64, what string) tea.Cmd {
	what = Clean(what)
	return func() tea.Msg {
		if err := store.Restore(Bg(), kind, id); err != nil {
			return ErrMsg{err}
		}
		return tea.BatchMsg{Changed, Status("Restored %s. u undoes.", what)}
	}
}
