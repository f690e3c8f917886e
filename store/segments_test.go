package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"clientele/model"
)

// segmentBook stores customers by name with the segments given, and
// returns their ids by name.
func segmentBook(t *testing.T, db *DB, people map[string][]string) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	names := make([]string, 0, len(people))
	for n := range people {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		c := model.Customer{Name: n, Stage: model.StageCustomer, Segments: people[n]}
		if err := db.CreateCustomer(context.Background(), &c); err != nil {
			t.Fatal(err)
		}
		ids[n] = c.ID
	}
	return ids
}

// segmentsOf lists who is in which segment: "Wholesale: Ann, Bob; Gift: Cy".
func segmentsOf(t *testing.T, db *DB) string {
	t.Helper()
	ctx := context.Background()
	segs, err := db.Segments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, s := range segs {
		names, err := db.strings(ctx, `SELECT c.name FROM customer_segments cs JOIN customers c ON c.id = cs.customer_id
			WHERE cs.segment_id = ? ORDER BY c.name`, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(names) != s.Customers {
			t.Errorf("%s counts %d members, holds %d", s.Name, s.Customers, len(names))
		}
		parts = append(parts, s.Name+": "+strings.Join(names, ", "))
	}
	return strings.Join(parts, "; ")
}

// filtered lists the names the customer list's filter finds for text.
func filtered(t *testing.T, db *DB, text string) string {
	t.Helper()
	rows, _, err := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: text})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows {
		names = append(names, r.Name+" ["+r.Segments+"]")
	}
	return strings.Join(names, ", ")
}

func TestCreateSegmentRefusesTakenAndBadNames(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	s := model.Segment{Name: "  Teen   fashion ", CadenceDays: 30}
	if err := db.CreateSegment(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if s.ID == 0 || s.Name != "Teen fashion" {
		t.Errorf("created %+v, want an id and the name tidied", s)
	}
	if err := db.CreateSegment(ctx, &model.Segment{Name: "TEEN FASHION"}); !errors.Is(err, model.ErrConflict) ||
		!strings.Contains(err.Error(), `"Teen fashion"`) {
		t.Errorf("same name in capitals: %v, want ErrConflict naming the segment", err)
	}
	for _, bad := range []string{"", "a, b", strings.Repeat("x", 61)} {
		if err := db.CreateSegment(ctx, &model.Segment{Name: bad}); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("name %q: %v, want ErrInvalid", bad, err)
		}
	}
	if got := segmentsOf(t, db); got != "Teen fashion: " {
		t.Errorf("segments %q", got)
	}
}

func TestRenameSegmentKeepsMembersAndTheFilterCurrent(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	segmentBook(t, db, map[string][]string{"Ann": {"Wholesale"}, "Bob": {"Wholesale", "Gift buyers"}, "Cy": nil})
	id := segmentID(t, db, "Wholesale")
	if err := db.RenameSegment(ctx, id, "Trade"); err != nil {
		t.Fatal(err)
	}
	if got, want := segmentsOf(t, db), "Gift buyers: Bob; Trade: Ann, Bob"; got != want {
		t.Errorf("after rename: %s; want %s", got, want)
	}
	if got := filtered(t, db, "trade"); got != "Ann [Trade], Bob [Gift buyers, Trade]" {
		t.Errorf("filter finds %q under the new name", got)
	}
	if got := filtered(t, db, "wholesale"); got != "" {
		t.Errorf("filter still finds %q under the old name", got)
	}
	if err := db.RenameSegment(ctx, id, "TRADE"); err != nil {
		t.Errorf("changing only the case: %v", err)
	}
	if err := db.RenameSegment(ctx, id, "gift BUYERS"); !errors.Is(err, model.ErrConflict) {
		t.Errorf("renaming onto another segment: %v, want ErrConflict", err)
	}
	if err := db.RenameSegment(ctx, 999, "Nobody"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing segment: %v, want ErrNotFound", err)
	}
}

func TestMergeSegmentsMovesMembersOnceAndDeletesTheMerged(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	segmentBook(t, db, map[string][]string{
		"Ann": {"Wholesale"}, "Bob": {"Wholesale", "Trade"}, "Cy": {"Trade"}, "Di": {"Gift buyers"}})
	from, into := segmentID(t, db, "Wholesale"), segmentID(t, db, "Trade")
	if err := db.SetSegmentCadences(ctx, map[int64]int{from: 30}); err != nil {
		t.Fatal(err)
	}
	joined, err := db.MergeSegments(ctx, from, into)
	if err != nil {
		t.Fatal(err)
	}
	if joined != 1 {
		t.Errorf("joined %d, want 1 (Ann; Bob was in both)", joined)
	}
	if got, want := segmentsOf(t, db), "Gift buyers: Di; Trade: Ann, Bob, Cy"; got != want {
		t.Errorf("after merge: %s; want %s", got, want)
	}
	segs, _ := db.Segments(ctx)
	for _, s := range segs {
		if s.Name == "Trade" && s.CadenceDays != 30 {
			t.Errorf("Trade had no cadence and should take Wholesale's 30 days, has %d", s.CadenceDays)
		}
	}
	if got := filtered(t, db, "wholesale"); got != "" {
		t.Errorf("filter still finds %q under the merged name", got)
	}
	if got := filtered(t, db, "trade"); got != "Ann [Trade], Bob [Trade], Cy [Trade]" {
		t.Errorf("filter finds %q", got)
	}
	if _, err := db.MergeSegments(ctx, into, into); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("merge into itself: %v, want ErrInvalid", err)
	}
	if _, err := db.MergeSegments(ctx, from, into); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("merge a deleted segment: %v, want ErrNotFound", err)
	}
}

func TestDeleteSegmentKeepsItsCustomers(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	segmentBook(t, db, map[string][]string{"Ann": {"Wholesale"}, "Bob": {"Wholesale", "Gift buyers"}})
	if err := db.DeleteSegment(ctx, segmentID(t, db, "Wholesale")); err != nil {
		t.Fatal(err)
	}
	if got := segmentsOf(t, db); got != "Gift buyers: Bob" {
		t.Errorf("after delete: %s", got)
	}
	if n, _ := db.CustomerCount(ctx); n != 2 {
		t.Errorf("%d customers left, want 2", n)
	}
	if got := filtered(t, db, "wholesale"); got != "" {
		t.Errorf("filter still finds %q", got)
	}
	if err := db.DeleteSegment(ctx, 999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing segment: %v", err)
	}
}

func TestAddAndRemoveMarkedCustomers(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	ids := segmentBook(t, db, map[string][]string{"Ann": {"Wholesale"}, "Bob": nil, "Cy": nil})
	marked := []int64{ids["Ann"], ids["Bob"], ids["Cy"], 999}
	seg, joined, err := db.AddToSegment(ctx, " wholesale ", marked)
	if err != nil {
		t.Fatal(err)
	}
	if seg.Name != "Wholesale" || seg.ID == 0 || joined != 2 {
		t.Errorf("added to %+v, %d joined; want the existing Wholesale and 2 (Ann was in it, 999 does not exist)", seg, joined)
	}
	if got, want := segmentsOf(t, db), "Wholesale: Ann, Bob, Cy"; got != want {
		t.Errorf("%s; want %s", got, want)
	}
	if got := filtered(t, db, "wholesale"); got != "Ann [Wholesale], Bob [Wholesale], Cy [Wholesale]" {
		t.Errorf("filter finds %q", got)
	}
	c, _ := db.Customer(ctx, ids["Bob"])
	if !c.UpdatedAt.Equal(fixedNow) {
		t.Errorf("Bob's updated_at %v, want the store's clock", c.UpdatedAt)
	}

	seg2, joined, err := db.AddToSegment(ctx, "Teen fashion", []int64{ids["Cy"]})
	if err != nil || seg2.Name != "Teen fashion" || joined != 1 {
		t.Fatalf("new segment: %+v %d %v", seg2, joined, err)
	}
	left, err := db.RemoveFromSegment(ctx, seg.ID, []int64{ids["Bob"], ids["Cy"], ids["Bob"]})
	if err != nil || left != 2 {
		t.Fatalf("removed %d, %v; want 2", left, err)
	}
	if got, want := segmentsOf(t, db), "Teen fashion: Cy; Wholesale: Ann"; got != want {
		t.Errorf("%s; want %s", got, want)
	}
	if got := filtered(t, db, "wholesale"); got != "Ann [Wholesale]" {
		t.Errorf("filter finds %q", got)
	}
	if _, _, err := db.AddToSegment(ctx, "a, b", marked); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("bad name: %v", err)
	}
}

func TestAddToSegmentInChunks(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	var ids []int64
	err := db.Load(ctx, func(l *Loader) error {
		for i := range chunkSize*2 + 7 {
			c := model.Customer{Name: fmt.Sprintf("Person %04d", i), Stage: model.StageCustomer}
			if err := l.Customer(&c); err != nil {
				return err
			}
			ids = append(ids, c.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, joined, err := db.AddToSegment(ctx, "Everyone", ids)
	if err != nil || joined != len(ids) {
		t.Fatalf("joined %d, %v; want %d", joined, err, len(ids))
	}
	if _, total, _ := db.ListCustomers(ctx, model.CustomerQuery{Filter: "everyone"}); total != len(ids) {
		t.Errorf("filter finds %d, want %d", total, len(ids))
	}
}

// A segment counts its members still on the books: archiving one takes
// them out of the count, bringing them back puts them in again.
func TestSegmentsCountMembersOnTheBooks(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	ids := segmentBook(t, db, map[string][]string{"Ann": {"Wholesale", "Gift"}, "Bob": {"Wholesale"},
		"Cy": {"Wholesale", "Gift"}, "Di": nil})
	counts := func() string {
		t.Helper()
		segs, err := db.Segments(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, s := range segs {
			parts = append(parts, fmt.Sprintf("%s %d", s.Name, s.Customers))
		}
		return strings.Join(parts, ", ")
	}
	if got := counts(); got != "Gift 2, Wholesale 3" {
		t.Errorf("counts %q", got)
	}
	for _, n := range []string{"Cy", "Di"} {
		if err := db.ArchiveCustomer(ctx, ids[n]); err != nil {
			t.Fatal(err)
		}
	}
	if got := counts(); got != "Gift 1, Wholesale 2" {
		t.Errorf("with Cy and Di archived, counts %q", got)
	}
	if err := db.UnarchiveCustomer(ctx, ids["Cy"]); err != nil {
		t.Fatal(err)
	}
	if got := counts(); got != "Gift 2, Wholesale 3" {
		t.Errorf("with Cy back, counts %q", got)
	}
}
