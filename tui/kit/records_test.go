package kit

import (
	"context"
	"errors"
	"testing"
)

// A list takes the records its own Load read, not another list's of the
// same kind (two screens of reminders, the second opened over the first),
// and a failed read is an error for the status line, not an empty list.
func TestARecordListTakesOnlyItsOwnLoad(t *testing.T) {
	t.Parallel()
	var mine, other RecordList[string]
	mine.Set([]string{"a", "b", "c"})
	mine.Cursor = 2
	msg := other.Load(func(context.Context) ([]string, error) { return []string{"x"}, nil })()
	if mine.Take(msg) || len(mine.Items) != 3 {
		t.Fatalf("took another list's records: %v", mine.Items)
	}
	if !other.Take(msg) || len(other.Items) != 1 || !other.Loaded {
		t.Fatalf("did not take its own: %v", other.Items)
	}
	msg = mine.Load(func(context.Context) ([]string, error) { return []string{"a"}, nil })()
	if !mine.Take(msg) || mine.Cursor != 0 {
		t.Errorf("cursor %d after fewer records came back, want 0", mine.Cursor)
	}
	failed := mine.Load(func(context.Context) ([]string, error) { return nil, errors.New("disk gone") })()
	if e, ok := failed.(ErrMsg); !ok || e.Err.Error() != "disk gone" || mine.Take(failed) {
		t.Errorf("a failed read gave %#v", failed)
	}
}
