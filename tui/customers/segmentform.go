package customers

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
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
func openSegmentForm(com *kit.Context, store model.SegmentStore, ids []int64, who string) tea.Cmd {
	return func() tea.Msg {
		segs, err := store.Segments(kit.Bg())
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		data := segmentFormData{ids: ids, who: who, segments: segs}
		return kit.PushMsg{Open: func() kit.Screen { return kit.NewForm(com, newSegmentForm(com, store, data)) }}
	}
}

// newSegmentChoice is the segment picker's value for "a new segment…".
const newSegmentChoice = int64(0)

// segmentForm puts one or more customers in a segment, chosen from the
// list or typed as a new name, or takes them out of one. A form body: the
// values live here.
type segmentForm struct {
	com   *kit.Context
	store model.SegmentStore
	data  segmentFormData

	// Values as typed.
	remove  bool
	segment int64 // a segment id, or newSegmentChoice
	name    string
}

func newSegmentForm(com *kit.Context, store model.SegmentStore, data segmentFormData) *segmentForm {
	f := &segmentForm{com: com, store: store, data: data}
	if len(data.segments) > 0 {
		f.segment = data.segments[0].ID
	}
	return f
}

// Snapshot implements kit.Body.
func (f *segmentForm) Snapshot() string {
	return strings.Join([]string{fmt.Sprintf("%t", f.remove), fmt.Sprintf("%d", f.segment), f.name}, "\x00")
}

// build makes the huh form over the values.
func (f *segmentForm) Build(b *kit.Builder) kit.Fields {
	opts := make([]huh.Option[int64], 0, len(f.data.segments)+1)
	for _, s := range f.data.segments {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%s (%s)", model.Printable(s.Name), model.Plural(s.Customers, "customer", "customers")), s.ID))
	}
	opts = append(opts, huh.NewOption("a new segment…", newSegmentChoice))
	actions := []huh.Option[bool]{huh.NewOption("put in", false)}
	if len(f.data.segments) > 0 {
		actions = append(actions, huh.NewOption("take out of", true))
	}
	name := b.Input("New segment", &f.name).Placeholder("wholesale, teen fashion…").
		CharLimit(60).Validate(kit.MsgOnly(model.ValidateSegmentName))
	return b.Huh(huh.NewForm(
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
func (f *segmentForm) Save() (tea.Cmd, error) {
	store, ids, who := f.store, f.data.ids, f.data.who
	seg, ok := f.chosen()
	name := seg.Name
	if !ok {
		name = strings.TrimSpace(f.name)
		if err := model.ValidateSegmentName(name); err != nil {
			return nil, model.Invalid("new segment", "%s", kit.FieldMsg(err))
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
			msg.changed, err = store.RemoveFromSegment(kit.Bg(), seg.ID, ids)
		} else {
			var got model.Segment
			got, msg.changed, err = store.AddToSegment(kit.Bg(), name, ids)
			msg.segment = got.Name
		}
		if err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		return kit.SavedMsg{Text: assignedText(msg), Then: func() tea.Msg { return msg }}
	}, nil
}

// banner says what to pick.
func (f *segmentForm) Banner(w int) string {
	// The title is in the header too: when both do not fit, the banner
	// keeps what to do, whole.
	text := kit.Clean(f.Title()) + ": pick a segment, or a new one at the end of the list"
	if kit.Width(text) > w {
		text = "Pick a segment, or a new one at the end of the list."
	}
	return kit.Truncate(f.com.Styles.Muted.Render(text), w)
}

// assignedText says what a segment change did: "Put 3 customers in
// Wholesale (1 already was)."
func assignedText(m segmentAssignedMsg) string {
	seg := kit.Clean(m.segment)
	if m.who != "" {
		who := kit.Clean(m.who)
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
		text := "Took " + model.Plural(m.changed, "customer", "customers") + " out of " + seg + "."
		if n := m.asked - m.changed; n > 0 {
			text += fmt.Sprintf(" (%d %s not in it.)", n, model.Noun(n, "was", "were"))
		}
		return text
	}
	text := "Put " + model.Plural(m.changed, "customer", "customers") + " in " + seg + "."
	if n := m.asked - m.changed; n > 0 {
		text += fmt.Sprintf(" (%d already %s.)", n, model.Noun(n, "was", "were"))
	}
	return text
}
