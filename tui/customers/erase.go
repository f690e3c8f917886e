package customers

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// eraseForm erases one customer's personal data for good, once their
// number is typed (as `clientele customers erase` asks): a form body.
type eraseForm struct {
	com   *kit.Context
	store model.DuplicateStore
	id    int64
	name  string
	typed string
}

// openErase opens the erasure of customer id.
func openErase(com *kit.Context, store model.DuplicateStore, id int64, name string) tea.Cmd {
	return kit.Push(func() kit.Screen {
		return kit.NewForm(com, &eraseForm{com: com, store: store, id: id, name: name})
	})
}

// Title implements kit.Body.
func (f *eraseForm) Title() string { return "Erase " + f.name }

// Snapshot implements kit.Body.
func (f *eraseForm) Snapshot() string { return f.typed }

// Head says what erasing does, over the field.
func (f *eraseForm) Head(w int) []string {
	st := f.com.Styles
	var out []string
	for _, l := range []string{
		fmt.Sprintf("This erases the personal data of %s (customer %d) for good; it cannot be undone.", kit.Clean(f.name), f.id),
		"Their name, contact details, address, consent and the free text of every record of theirs go, from the " +
			"book and its history; their orders, costs, scores and complaints stay, so every total is what it was.",
		"Copies made before (backups, replicas) still hold the data.",
	} {
		for _, part := range kit.Wrap(l, w) {
			out = append(out, st.Muted.Render(part))
		}
	}
	return out
}

// Build implements kit.Body.
func (f *eraseForm) Build(b *kit.Builder) kit.Fields {
	in := b.Named("number", fmt.Sprintf("Type %d to erase", f.id), &f.typed).CharLimit(20).
		Description("the customer's number; esc keeps everything")
	return b.Huh(huh.NewForm(huh.NewGroup(in)))
}

// Discards implements kit.Discarding.
func (f *eraseForm) Discards() string { return "the erasure" }

// SavingText implements kit.SavingTexter.
func (f *eraseForm) SavingText() string { return "Erasing and rewriting the file…" }

// Save erases, in a command, when the number typed is the customer's.
func (f *eraseForm) Save() (tea.Cmd, error) {
	if strings.TrimSpace(f.typed) != strconv.FormatInt(f.id, 10) {
		return nil, model.Invalid("number", "not erased: the number typed was not the customer's")
	}
	store, id := f.store, f.id
	return func() tea.Msg {
		res, err := store.Erase(kit.Bg(), id)
		if err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		text := fmt.Sprintf("Erased the personal data of customer %d (%s of the history rewritten).", id,
			model.Plural(res.Scrubbed, "record", "records"))
		if !res.Compacted {
			text += " Another program has the book open: the old text may stay in its -wal file until every program " +
				"using the book closes it."
		}
		return kit.SavedMsg{Text: text}
	}, nil
}
