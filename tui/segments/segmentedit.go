package segments

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// segmentEditMode is what the segment edit form does.
type segmentEditMode int

// The modes.
const (
	editNew segmentEditMode = iota
	editRename
	editMerge
	editDelete
)

// segmentEditData is what the segment edit form needs: what to do, to
// which segment, and every segment (to merge into).
type segmentEditData struct {
	mode     segmentEditMode
	segment  model.Segment
	segments []model.Segment
}

// openSegmentEdit loads the segments and opens the form that creates,
// renames, merges or deletes the segment called name.
func openSegmentEdit(com *kit.Context, store model.SegmentStore, mode segmentEditMode, name string) tea.Cmd {
	return func() tea.Msg {
		segs, err := store.Segments(kit.Bg())
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		msg := segmentEditData{mode: mode, segments: segs}
		for _, s := range segs {
			if s.Name == name {
				msg.segment = s
			}
		}
		if mode != editNew && msg.segment.ID == 0 {
			return kit.ErrMsg{Err: fmt.Errorf("there is no segment called %q any more: %w", name, model.ErrNotFound)}
		}
		return kit.PushMsg{Open: func() kit.Screen { return kit.NewForm(com, newSegmentEdit(com, store, msg)) }}
	}
}

// segmentEdit creates, renames, merges or deletes one of the owner's
// segments: a form body of one field.
type segmentEdit struct {
	com   *kit.Context
	store model.SegmentStore
	data  segmentEditData

	name    string // new or renamed
	into    int64  // merge target
	confirm bool   // delete
}

func newSegmentEdit(com *kit.Context, store model.SegmentStore, data segmentEditData) *segmentEdit {
	f := &segmentEdit{com: com, store: store, data: data, name: data.segment.Name}
	for _, s := range data.segments {
		if s.ID != data.segment.ID {
			f.into = s.ID
			break
		}
	}
	return f
}

// Snapshot implements kit.Body.
func (f *segmentEdit) Snapshot() string {
	return strings.Join([]string{f.name, fmt.Sprintf("%d %t", f.into, f.confirm)}, "\x00")
}

// Build implements kit.Body.
func (f *segmentEdit) Build(b *kit.Builder) kit.Fields {
	seg := model.Printable(f.data.segment.Name)
	var field huh.Field
	switch f.data.mode {
	case editNew, editRename:
		field = b.Input("Name", &f.name).CharLimit(60).Validate(kit.MsgOnly(model.ValidateSegmentName)).
			Placeholder("wholesale, teen fashion…")
	case editMerge:
		var opts []huh.Option[int64]
		for _, s := range f.data.segments {
			if s.ID != f.data.segment.ID {
				opts = append(opts, huh.NewOption(fmt.Sprintf("%s (%s)", model.Printable(s.Name), model.Plural(s.Customers, "customer", "customers")), s.ID))
			}
		}
		field = huh.NewSelect[int64]().Title("Move everyone in " + seg + " into").Options(opts...).Value(&f.into).
			Height(min(len(opts)+2, 12))
	case editDelete:
		field = huh.NewConfirm().Title("Delete " + seg + "?").
			Description(deleteNote(f.data.segment.Customers)).
			Affirmative("Delete").Negative("Keep").Value(&f.confirm)
	}
	return b.Huh(huh.NewForm(huh.NewGroup(field)))
}

// Title implements screen.
func (f *segmentEdit) Title() string {
	switch f.data.mode {
	case editRename:
		return "Rename " + model.Printable(f.data.segment.Name)
	case editMerge:
		return "Merge " + model.Printable(f.data.segment.Name)
	case editDelete:
		return "Delete " + model.Printable(f.data.segment.Name)
	}
	return "New segment"
}

// save writes the change in a command.
func (f *segmentEdit) Save() (tea.Cmd, error) {
	store, seg, name, into := f.store, f.data.segment, strings.TrimSpace(f.name), f.into
	var write func() (string, error)
	switch f.data.mode {
	case editNew:
		write = func() (string, error) {
			s := model.Segment{Name: name}
			return "Added the segment " + kit.Clean(name) + ". S on the customer list puts customers in it.",
				store.CreateSegment(kit.Bg(), &s)
		}
	case editRename:
		write = func() (string, error) {
			return "Renamed " + kit.Clean(seg.Name) + " to " + kit.Clean(name) + ".", store.RenameSegment(kit.Bg(), seg.ID, name)
		}
	case editMerge:
		if into == 0 {
			return nil, model.Invalid("merge", "there is no other segment to merge into")
		}
		target := ""
		for _, s := range f.data.segments {
			if s.ID == into {
				target = s.Name
			}
		}
		write = func() (string, error) {
			n, err := store.MergeSegments(kit.Bg(), seg.ID, into)
			return fmt.Sprintf("Merged %s into %s: %s joined.", kit.Clean(seg.Name), kit.Clean(target), model.Plural(n, "customer", "customers")), err
		}
	case editDelete:
		if !f.confirm {
			return kit.Back, nil
		}
		write = func() (string, error) {
			return "Deleted the segment " + kit.Clean(seg.Name) + "; its customers stay.", store.DeleteSegment(kit.Bg(), seg.ID)
		}
	}
	return kit.Write(write), nil
}

// banner names what is edited.
func (f *segmentEdit) Banner(w int) string {
	return kit.Truncate(f.com.Styles.Muted.Render(kit.Clean(f.Title())), w)
}

// deleteNote says what deleting a segment of n customers does to them.
func deleteNote(n int) string {
	switch n {
	case 0:
		return "Nobody is in it."
	case 1:
		return "The 1 customer in it stays; only the segment goes."
	}
	return "The " + model.Commas(n) + " customers in it stay; only the segment goes."
}
