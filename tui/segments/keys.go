package segments

import (
	"clientele/tui/kit"

	"charm.land/bubbles/v2/key"
)

// Every key binding of this part lives here, each with its help text, so
// that ? and the help line always tell the truth.

// SegmentFitKeys are the Segments tab's bindings; some work in one view
// only, and the help line shows those of the view on screen.
type SegmentFitKeys struct {
	kit.ListKeys
	NextView key.Binding
	PrevView key.Binding
	By       key.Binding // the grouping, on the groups and values views
	Open     key.Binding
	LetGo    key.Binding // on a drain
	Promote  key.Binding // on a suggested advocate
	Tree     key.Binding // on a referrer
	Fit      key.Binding // rate the fit of the customer under the cursor
	// The period, shared with the Profit tab and the detail; the year
	// keys are [ and ], as ← and → change the view here.
	Period kit.PeriodKeys
	// Managing the owner's segments, on the groups view by segment.
	NewSegment key.Binding
	Rename     key.Binding
	Merge      key.Binding
	Delete     key.Binding
}

// DefaultSegmentFitKeys returns the Segments tab's bindings.
func DefaultSegmentFitKeys() SegmentFitKeys {
	return SegmentFitKeys{
		ListKeys:   kit.DefaultListKeys(),
		NextView:   key.NewBinding(key.WithKeys("v", "right"), key.WithHelp("v/→", "next view")),
		PrevView:   key.NewBinding(key.WithKeys("V", "left"), key.WithHelp("V/←", "previous view")),
		By:         key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "group by")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		LetGo:      key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "let go")),
		Promote:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "make advocate")),
		Tree:       key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "referral tree")),
		Fit:        key.NewBinding(key.WithKeys("*"), key.WithHelp("*", "rate fit")),
		Period:     segmentPeriodKeys(),
		NewSegment: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new segment")),
		Rename:     key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "rename")),
		Merge:      key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "merge into…")),
		Delete:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete")),
	}
}

// segmentPeriodKeys are the kit's period keys with [ and ] for the year.
func segmentPeriodKeys() kit.PeriodKeys {
	k := kit.DefaultPeriodKeys()
	k.PrevYear = key.NewBinding(key.WithKeys("["), key.WithHelp("[", "year before"))
	k.NextYear = key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "year after"))
	k.Year = key.NewBinding(key.WithKeys("[", "]"), key.WithHelp("[/]", "year"))
	return k
}
