package kit

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// Kept tracks a whole-book analysis a screen keeps between visits (the
// Segments and Profit tabs): the model.AnalysisKey it was computed from,
// and the computation under way. The screen keeps the analysis itself and
// draws it while a new one is computed. The zero Kept keeps nothing.
//
// The screen calls Check when it is shown, when the data changed and when
// its period changed; the CheckedMsg it answers goes back to Checked,
// which says whether to compute and from which key; the computation's
// answer goes to Done.
type Kept struct {
	key, want model.AnalysisKey // computed from; being computed from
	keyed     bool              // key is the analysis kept's
	busy      bool              // a computation of want is under way
	checks    int               // of the last check; older answers are dropped
	loads     int               // of the last computation; likewise
}

// CheckedMsg answers Kept.Check: the key the screen would compute from
// now, and whether the analysis under way, else the one kept, has it.
type CheckedMsg struct {
	kept  *Kept
	check int
	key   model.AnalysisKey
	fresh bool
}

// Check returns a command that reads the book's version (one row) and
// answers a CheckedMsg for period p on today.
func (k *Kept) Check(store model.BookVersionStore, p model.Period, today time.Time) tea.Cmd {
	k.checks++
	var kept *model.AnalysisKey // a copy: the command runs beside Update
	switch c := k.want; {
	case k.busy:
		kept = &c
	case k.keyed:
		c = k.key
		kept = &c
	}
	check := k.checks
	return func() tea.Msg {
		v, err := store.BookVersion(Bg())
		if err != nil {
			return ErrMsg{Err: err}
		}
		key := model.KeyOf(v, p, today)
		return CheckedMsg{kept: k, check: check, key: key, fresh: kept != nil && key.Same(*kept)}
	}
}

// Checked takes the answer to a Check. It reports whether the screen is
// to compute, from key, as computation number load (for Done); not when m
// answers another screen's Kept or an older check, or when the analysis
// kept or under way is still the book's.
func (k *Kept) Checked(m CheckedMsg) (key model.AnalysisKey, load int, compute bool) {
	if m.kept != k || m.check != k.checks || m.fresh {
		return model.AnalysisKey{}, 0, false
	}
	k.loads++
	k.busy, k.want = true, m.key
	return m.key, k.loads, true
}

// Done takes the end of computation load: it reports whether that is the
// latest, whose answer the screen shows; when it is and ok (it did not
// fail), the analysis kept is now its key's.
func (k *Kept) Done(load int, ok bool) bool {
	if load != k.loads || !k.busy {
		return false
	}
	k.busy = false
	if ok {
		k.key, k.keyed = k.want, true
	}
	return true
}

// Busy reports whether a computation is under way.
func (k *Kept) Busy() bool { return k.busy }

// Forget makes the analysis kept, and any under way, no longer the book's
// (the settings it weighed by changed): the next check computes again.
func (k *Kept) Forget() {
	k.keyed, k.busy = false, false
}
