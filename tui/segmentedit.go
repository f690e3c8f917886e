package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"clientele/model"
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
func openSegmentEdit(com *common, mode segmentEditMode, name string) tea.Cmd {
	store := com.store
	return func() tea.Msg {
		segs, err := store.Segments(bg())
		if err != nil {
			return errMsg{err}
		}
		msg := segmentEditData{mode: mode, segments: segs}
		for _, s := range segs {
			if s.Name == name {
				msg.segment = s
			}
		}
		if mode != editNew && msg.segment.ID == 0 {
			return errMsg{fmt.Errorf("there is no segment called %q any more: %w", name, model.ErrNotFound)}
		}
		return pushMsg{func() screen { return newForm(com, newSegmentEdit(com, msg)) }}
	}
}

// segmentEdit creates, renames, merges or deletes one of the owner's
// segments: a form body of one field.
type segmentEdit struct {
	com  *common
	data segmentEditData

	name    string // new or renamed
	into    int64  // merge target
	confirm bool   // delete
}

func newSegmentEdit(com *common, data segmentEditData) *segmentEdit {
	f := &segmentEdit{com: com, data: data, name: data.segment.Name}
	for _, s := range data.segments {
		if s.ID != data.segment.ID {
			f.into = s.ID
			break
		}
	}
	return f
}

func (f *segmentEdit) snapshot() string {
	return strings.Join([]string{f.name, sprintf("%d %t", f.into, f.confirm)}, "\x00")
}

func (f *segmentEdit) build(b *builder) fields {
	seg := model.Printable(f.data.segment.Name)
	var field huh.Field
	switch f.data.mode {
	case editNew, editRename:
		field = b.input("Name", &f.name).CharLimit(60).Validate(msgOnly(model.ValidateSegmentName)).
			Placeholder("wholesale, teen fashion…")
	case editMerge:
		var opts []huh.Option[int64]
		for _, s := range f.data.segments {
			if s.ID != f.data.segment.ID {
				opts = append(opts, huh.NewOption(sprintf("%s (%s)", model.Printable(s.Name), countNoun(s.Customers, "customer")), s.ID))
			}
		}
		field = huh.NewSelect[int64]().Title("Move everyone in " + seg + " into").Options(opts...).Value(&f.into).
			Height(min(len(opts)+2, 12))
	case editDelete:
		field = huh.NewConfirm().Title("Delete " + seg + "?").
			Description(deleteNote(f.data.segment.Customers)).
			Affirmative("Delete").Negative("Keep").Value(&f.confirm)
	}
	return b.huh(huh.NewForm(huh.NewGroup(field)))
}

// Title implements screen.
func (f *segmentEdit) Title() string {
	switch f.data.mode {
	case editRename:
		return "Rename " + f.data.segment.Name
	case editMerge:
		return "Merge " + f.data.segment.Name
	case editDelete:
		return "Delete " + f.data.segment.Name
	}
	return "New segment"
}

// save writes the change in a command.
func (f *segmentEdit) save() (tea.Cmd, error) {
	store, seg, name, into := f.com.store, f.data.segment, strings.TrimSpace(f.name), f.into
	var write func() (string, error)
	switch f.data.mode {
	case editNew:
		write = func() (string, error) {
			s := model.Segment{Name: name}
			return "Added the segment " + clean(name) + ". S on the customer list puts customers in it.",
				store.CreateSegment(bg(), &s)
		}
	case editRename:
		write = func() (string, error) {
			return "Renamed " + clean(seg.Name) + " to " + clean(name) + ".", store.RenameSegment(bg(), seg.ID, name)
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
			n, err := store.MergeSegments(bg(), seg.ID, into)
			return sprintf("Merged %s into %s: %s joined.", clean(seg.Name), clean(target), countNoun(n, "customer")), err
		}
	case editDelete:
		if !f.confirm {
			return back, nil
		}
		write = func() (string, error) {
			return "Deleted the segment " + clean(seg.Name) + "; its customers stay.", store.DeleteSegment(bg(), seg.ID)
		}
	}
	return func() tea.Msg {
		text, err := write()
		if err != nil {
			return saveFailedMsg{err: err}
		}
		return savedMsg{text: text}
	}, nil
}

// banner names what is edited.
func (f *segmentEdit) banner(w int) string {
	return truncate(f.com.styles.Muted.Render(clean(f.Title())), w)
}

// deleteNote says what deleting a segment of n customers does to them.
func deleteNote(n int) string {
	switch n {
	case 0:
		return "Nobody is in it."
	case 1:
		return "The 1 customer in it stays; only the segment goes."
	}
	return "The " + commas(n) + " customers in it stay; only the segment goes."
}
