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

// openSegmentEdit loads the segments and opens the form that creates,
// renames, merges or deletes the segment called name.
func openSegmentEdit(com *common, mode segmentEditMode, name string) tea.Cmd {
	store := com.store
	return func() tea.Msg {
		segs, err := store.Segments(bg())
		if err != nil {
			return errMsg{err}
		}
		msg := segmentEditMsg{mode: mode, segments: segs}
		for _, s := range segs {
			if s.Name == name {
				msg.segment = s
			}
		}
		if mode != editNew && msg.segment.ID == 0 {
			return errMsg{fmt.Errorf("there is no segment called %q any more: %w", name, model.ErrNotFound)}
		}
		return msg
	}
}

// segmentEdit creates, renames, merges or deletes one of the owner's
// segments: an editForm of one field.
type segmentEdit struct {
	editForm
	data segmentEditMsg

	name    string // new or renamed
	into    int64  // merge target
	confirm bool   // delete
}

func newSegmentEdit(com *common, data segmentEditMsg) *segmentEdit {
	f := &segmentEdit{editForm: newEditForm(com), data: data, name: data.segment.Name}
	for _, s := range data.segments {
		if s.ID != data.segment.ID {
			f.into = s.ID
			break
		}
	}
	f.editForm.build, f.editForm.snapshot, f.editForm.save = f.build, f.snapshot, f.save
	f.start()
	return f
}

func (f *segmentEdit) snapshot() string {
	return strings.Join([]string{f.name, sprintf("%d %t", f.into, f.confirm)}, "\x00")
}

func (f *segmentEdit) build() {
	f.inputs = nil
	seg := model.Printable(f.data.segment.Name)
	var field huh.Field
	switch f.data.mode {
	case editNew, editRename:
		in := huh.NewInput().Title("Name").Value(&f.name).CharLimit(60).Validate(msgOnly(model.ValidateSegmentName)).
			Placeholder("wholesale, teen fashion…")
		f.inputs = append(f.inputs, titledInput{field: in, title: "Name", shown: "Name"})
		field = in
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
	f.form = f.finish(huh.NewForm(huh.NewGroup(field)))
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

// Update implements screen.
func (f *segmentEdit) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(segmentEditedMsg); ok {
		return tea.Batch(back, status("%s", m.text))
	}
	return f.update(msg)
}

// save writes the change in a command.
func (f *segmentEdit) save() tea.Cmd {
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
			return func() tea.Msg {
				return saveFailedMsg{err: model.Invalid("merge", "there is no other segment to merge into")}
			}
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
			return back
		}
		write = func() (string, error) {
			return "Deleted the segment " + clean(seg.Name) + "; its customers stay.", store.DeleteSegment(bg(), seg.ID)
		}
	}
	f.saving = true
	return func() tea.Msg {
		text, err := write()
		if err != nil {
			return saveFailedMsg{err: err}
		}
		return segmentEditedMsg{text: text}
	}
}

// View implements screen.
func (f *segmentEdit) View() string {
	return f.view(f.Title())
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
