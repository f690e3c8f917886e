package tui

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
)

// segmentFormData is what the segment form needs before it opens: the
// customers it puts in (or takes out of) a segment, who they are in words,
// and the segments to choose from.
type segmentFormData struct {
	ids      []int64
	who      string // "Ada Lovelace" or "3 marked customers"
	segments []model.Segment
}

// openSegmentForm loads the segments and opens the form that puts the
// customers ids (who, in words) in one of them, or takes them out.
func openSegmentForm(com *common, ids []int64, who string) tea.Cmd {
	store := com.store
	return func() tea.Msg {
		segs, err := store.Segments(bg())
		if err != nil {
			return errMsg{err}
		}
		data := segmentFormData{ids: ids, who: who, segments: segs}
		return pushMsg{func() screen { return newForm(com, newSegmentForm(com, data)) }}
	}
}

// newSegmentChoice is the segment picker's value for "a new segment…".
const newSegmentChoice = int64(0)

// segmentForm puts one or more customers in a segment, chosen from the
// list or typed as a new name, or takes them out of one. A form body: the
// values live here.
type segmentForm struct {
	com  *common
	data segmentFormData

	// Values as typed.
	remove  bool
	segment int64 // a segment id, or newSegmentChoice
	name    string
}

func newSegmentForm(com *common, data segmentFormData) *segmentForm {
	f := &segmentForm{com: com, data: data}
	if len(data.segments) > 0 {
		f.segment = data.segments[0].ID
	}
	return f
}

func (f *segmentForm) snapshot() string {
	return strings.Join([]string{sprintf("%t", f.remove), sprintf("%d", f.segment), f.name}, "\x00")
}

// build makes the huh form over the values.
func (f *segmentForm) build(b *builder) fields {
	opts := make([]huh.Option[int64], 0, len(f.data.segments)+1)
	for _, s := range f.data.segments {
		opts = append(opts, huh.NewOption(sprintf("%s (%s)", model.Printable(s.Name), countNoun(s.Customers, "customer")), s.ID))
	}
	opts = append(opts, huh.NewOption("a new segment…", newSegmentChoice))
	actions := []huh.Option[bool]{huh.NewOption("put in", false)}
	if len(f.data.segments) > 0 {
		actions = append(actions, huh.NewOption("take out of", true))
	}
	name := b.input("New segment", &f.name).Placeholder("wholesale, teen fashion…").
		CharLimit(60).Validate(msgOnly(model.ValidateSegmentName))
	return b.huh(huh.NewForm(
		huh.NewGroup(
			huh.NewSelect[bool]().Title(model.Printable(f.data.who)).Options(actions...).Value(&f.remove).Inline(true),
			huh.NewSelect[int64]().Title("Segment").Options(opts...).Value(&f.segment).Height(min(len(opts)+2, 12)),
		),
		huh.NewGroup(name).WithHideFunc(func() bool { return f.segment != newSegmentChoice || f.remove }),
	))
}

// chosen returns the segment picked in the list.
func (f *segmentForm) chosen() (model.Segment, bool) {
	for _, s := range f.data.segments {
		if s.ID == f.segment {
			return s, true
		}
	}
	return model.Segment{}, false
}

// Title implements screen.
func (f *segmentForm) Title() string { return "Segment for " + f.data.who }

// save writes the change in a command; the list under the form clears
// its marks once it is done.
func (f *segmentForm) save() (tea.Cmd, error) {
	store, ids, who := f.com.store, f.data.ids, f.data.who
	seg, ok := f.chosen()
	name := seg.Name
	if !ok {
		name = strings.TrimSpace(f.name)
		if err := model.ValidateSegmentName(name); err != nil {
			return nil, model.Invalid("new segment", "%s", fieldMsg(err))
		}
	}
	remove := f.remove && ok
	return func() tea.Msg {
		msg := segmentAssignedMsg{segment: name, asked: len(ids), removed: remove}
		if len(ids) == 1 {
			msg.who = who
		}
		var err error
		if remove {
			msg.changed, err = store.RemoveFromSegment(bg(), seg.ID, ids)
		} else {
			var got model.Segment
			got, msg.changed, err = store.AddToSegment(bg(), name, ids)
			msg.segment = got.Name
		}
		if err != nil {
			return saveFailedMsg{err: err}
		}
		return savedMsg{text: assignedText(msg), then: func() tea.Msg { return msg }}
	}, nil
}

// banner says what to pick.
func (f *segmentForm) banner(w int) string {
	return truncate(f.com.styles.Muted.Render(clean(f.Title())+": pick a segment, or a new one at the end of the list"), w)
}

// assignedText says what a segment change did: "Put 3 customers in
// Wholesale (1 already was)."
func assignedText(m segmentAssignedMsg) string {
	seg := clean(m.segment)
	if m.who != "" {
		who := clean(m.who)
		switch {
		case m.removed && m.changed == 1:
			return "Took " + who + " out of " + seg + "."
		case m.removed:
			return who + " was not in " + seg + "."
		case m.changed == 1:
			return "Put " + who + " in " + seg + "."
		}
		return who + " is already in " + seg + "."
	}
	if m.removed {
		text := "Took " + countNoun(m.changed, "customer") + " out of " + seg + "."
		if n := m.asked - m.changed; n > 0 {
			text += sprintf(" (%d %s not in it.)", n, wasWere(n))
		}
		return text
	}
	text := "Put " + countNoun(m.changed, "customer") + " in " + seg + "."
	if n := m.asked - m.changed; n > 0 {
		text += sprintf(" (%d already %s.)", n, wasWere(n))
	}
	return text
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// plural writes "1 customer", "3 customers", "1,204 customers".
func countNoun(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return commas(n) + " " + one + "s"
}

// fieldMsg is a field error's message without the field's name.
func fieldMsg(err error) string {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}
