package reviewexport

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// fixture is a store with two customers due today: Ada, whose name holds
// a terminal escape, three days past her follow-up; and Ben, two days
// past his, already called today.
func fixture(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return today.Add(9 * time.Hour) }
	t.Cleanup(func() { db.Close() })
	ada := model.Customer{Name: "Ada\x1b[2J", Stage: model.StageCustomer, Channel: model.ChannelPhone,
		Phone: "555-0142", Values: []string{"speed"}, NextReview: today.AddDate(0, 0, -3)}
	ben := model.Customer{Name: "Ben", Stage: model.StageProspect, NextReview: today.AddDate(0, 0, -2)}
	for _, c := range []*model.Customer{&ada, &ben} {
		if err := db.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	called := model.Touch{CustomerID: ben.ID, At: today.Add(8 * time.Hour), Channel: model.ChannelPhone,
		Kind: model.TouchContact, Summary: "called about the order"}
	if err := db.AddTouch(ctx, &called); err != nil {
		t.Fatal(err)
	}
	return db
}

func write(t *testing.T, s Store, o Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(context.Background(), &b, s, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTextShowsEachEntryPrintable(t *testing.T) {
	t.Parallel()
	out := write(t, fixture(t), Options{Day: today, Format: Text})
	for _, want := range []string{
		"Review for 2026-11-23: 2 due, 1 done today\n",
		"\n  1. Ada␛[2J (customer) · call 555-0142\n     - follow-up was due 3 days ago (2026-11-20)\n     values: speed\n",
		"\n✓ 2. Ben (prospect)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("a terminal escape reached the output:\n%q", out)
	}
}

func TestJSONKeepsTheStoredText(t *testing.T) {
	t.Parallel()
	db := fixture(t)
	var got struct {
		Date      string
		Due, Done int
		More      int
		MoreExact bool `json:"more_exact"`
		Entries   []struct {
			Name    string
			Contact string
			Values  []string
			Done    bool
			Handled string `json:"handled_today"`
			Reasons []struct {
				Kind    string
				Overdue int `json:"overdue_days"`
			}
		}
	}
	out := write(t, db, Options{Day: today, Format: JSON})
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Date != "2026-11-23" || got.Due != 2 || got.Done != 1 || got.More != 0 || !got.MoreExact ||
		len(got.Entries) != 2 {
		t.Fatalf("json:\n%s", out)
	}
	ada, ben := got.Entries[0], got.Entries[1]
	if ada.Name != "Ada\x1b[2J" || ada.Contact != "call 555-0142" || len(ada.Values) != 1 || ada.Done ||
		len(ada.Reasons) != 1 || ada.Reasons[0].Kind != "follow-up" || ada.Reasons[0].Overdue != 3 {
		t.Errorf("Ada: %+v", ada)
	}
	if !ben.Done || ben.Handled == "" {
		t.Errorf("Ben: %+v", ben)
	}
	// A day with nothing due is an empty list, not null.
	if out := write(t, db, Options{Day: today.AddDate(0, 0, -5), Format: JSON}); !strings.Contains(out, `"entries": []`) {
		t.Errorf("nothing due:\n%s", out)
	}
}

func TestLimitAndAll(t *testing.T) {
	t.Parallel()
	db := fixture(t)
	out := write(t, db, Options{Day: today, Format: Text, Limit: 1})
	if !strings.Contains(out, "1 due, 0 done today; 1 more due (--all lists them)\n") || strings.Contains(out, "Ben") {
		t.Errorf("--limit 1:\n%s", out)
	}
	out = write(t, db, Options{Day: today, Format: Text, All: true})
	if !strings.Contains(out, "2 due, 1 done today\n") || !strings.Contains(out, "2. Ben") {
		t.Errorf("--all:\n%s", out)
	}
	// --all counts every entry, so no more are due and the count is exact.
	out = write(t, db, Options{Day: today, Format: JSON, All: true})
	if !strings.Contains(out, `"more": 0,`) || !strings.Contains(out, `"more_exact": true,`) {
		t.Errorf("--all as JSON:\n%s", out)
	}
}

// Bad options are refused before the store is asked anything.
func TestCheckRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{Format: "xml"}, `--format: "xml" is not text or json`},
		{Options{Format: Text, Limit: -1}, "--limit: -1 is not a number of customers"},
		{Options{Format: JSON, Limit: 2, All: true}, "--all and --limit: choose one"},
	} {
		if err := tc.o.Check(); err == nil || err.Error() != tc.want {
			t.Errorf("%+v: Check = %v, want %q", tc.o, err, tc.want)
		}
		if err := Write(context.Background(), &bytes.Buffer{}, nil, tc.o); err == nil || err.Error() != tc.want {
			t.Errorf("%+v: Write = %v, want %q", tc.o, err, tc.want)
		}
	}
	if err := (Options{Format: Text, Limit: 5}).Check(); err != nil {
		t.Errorf("good options: %v", err)
	}
}
