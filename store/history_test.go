package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"clientele/model"
)

// dump is every record of the book, table by table in key order, kept
// columns included: two books with the same dump hold the same data.
func dump(t testing.TB, db *DB) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, tb := range db.hist.order {
		cols := quoteList(tb.cols)
		rows, err := db.r.QueryContext(ctx, fmt.Sprintf("SELECT json_array(%s) FROM %s ORDER BY %s", cols,
			quoteIdent(tb.name), quoteList(tb.pk)))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "## %s\n", tb.name)
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			b.WriteString(s)
			b.WriteByte('\n')
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// must stops the test at an error.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// diffDumps says where two dumps first differ.
func diffDumps(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, x, y)
		}
	}
	return "no difference"
}

func TestUndoAndRedoOfOneCustomer(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	empty := dump(t, db)
	c := model.Customer{Name: "Poppy Byrne", Email: "poppy@example.com", Segments: []string{"wholesale"},
		Values: []string{"quality"}}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	added := dump(t, db)
	c.Phone = "07700 900123"
	if err := db.UpdateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	edited := dump(t, db)

	res, err := db.Undo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := dump(t, db); got != added {
		t.Fatalf("undo of the edit: %s", diffDumps(added, got))
	}
	if res.Reversed.What != "Edited customer Poppy Byrne" || res.Change.Kind != model.ChangeUndo {
		t.Errorf("undo said %+v", res)
	}
	if msg := res.Message(); msg != "Undone: edited customer Poppy Byrne" {
		t.Errorf("message %q", msg)
	}
	if _, err := db.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, db); got != empty {
		t.Fatalf("undo of the add: %s", diffDumps(empty, got))
	}
	if _, err := db.Undo(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a third undo: %v, want ErrNotFound", err)
	}
	if _, err := db.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, db); got != added {
		t.Fatalf("redo of the add: %s", diffDumps(added, got))
	}
	if _, err := db.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, db); got != edited {
		t.Fatalf("redo of the edit: %s", diffDumps(edited, got))
	}
	if _, err := db.Redo(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a third redo: %v, want ErrNotFound", err)
	}
	// The history says it all, newest first.
	hs, err := db.History(ctx, model.HistoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var whats []string
	for _, h := range hs {
		whats = append(whats, h.Summary())
	}
	want := []string{"Redid: Edited customer Poppy Byrne", "Redid: Added customer Poppy Byrne",
		"Undid: Added customer Poppy Byrne (redone)", "Undid: Edited customer Poppy Byrne (redone)",
		"Edited customer Poppy Byrne (undone)", "Added customer Poppy Byrne (undone)"}
	if strings.Join(whats, "\n") != strings.Join(want, "\n") {
		t.Errorf("history:\n%s\nwant\n%s", strings.Join(whats, "\n"), strings.Join(want, "\n"))
	}
}
