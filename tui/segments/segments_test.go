package segments_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
	"clientele/store"
	"clientele/tui"
	"clientele/tui/kit"
	"clientele/tui/segments"
	"clientele/tui/tuitest"
)

func TestSegmentFitGolden(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 80, 24)
	d.Keys("3")
	golden.RequireEqual(t, d.Screen())
}

func TestSegmentFitBestGolden(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 80, 24)
	d.Keys("3", "v")
	golden.RequireEqual(t, d.Screen())
}

// stageOf reads a customer's stage and let-go reason.
func stageOf(t *testing.T, db *store.DB, id int64) (model.Stage, string) {
	t.Helper()
	c, err := db.Customer(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Stage, c.LetGoReason
}

// underCursor is the customer under the cursor of the Segments tab, and
// the analysis on screen. The tests read names and counts from it, so
// that they hold whatever the demo generator's people are called.
func underCursor(t *testing.T, d *tuitest.Driver) (model.FitCustomer, *model.SegmentFit) {
	t.Helper()
	c, f, ok := segments.UnderCursor(d.M.(*tui.App).Top())
	if !ok {
		t.Fatalf("no customer under the cursor:\n%s", d.Screen())
	}
	return *c, f
}

func TestLetGoADrainAndUndo(t *testing.T) {
	t.Parallel()
	db := tuitest.DemoStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("3", "v", "v") // Drains
	c, f := underCursor(t, d)
	n := len(f.Drains)
	if n < 2 || c.Profit >= 0 {
		t.Fatalf("the demo's worst drain should lose money, and there should be more: %s, %d drains", c.Name, n)
	}
	tuitest.MustContain(t, d.Screen(), model.Plural(n, "drain", "drains")+" ·", c.Name, "-3 loses "+(-c.Profit).Short("£"))
	d.Keys("l")
	tuitest.MustContain(t, d.Screen(), "Let "+c.Name+" go", "Revenue lost", "Cost to serve", "Without them",
		"the business would have made "+(-c.Profit).Format("£")+" more", "Reason")
	// An empty reason is refused beside the field; q is typed, not obeyed.
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "say why you let them go")
	d.Keys("quibbles over every order", "enter")
	tuitest.MustContain(t, d.Screen(), "Let "+c.Name+" go. Press u to undo.", model.Plural(n-1, "drain", "drains")+" ·")
	if next, _ := underCursor(t, d); next.ID == c.ID {
		t.Errorf("%s is still among the drains:\n%s", c.Name, d.Screen())
	}
	if st, why := stageOf(t, db, c.ID); st != model.StageFormer || why != "quibbles over every order" {
		t.Errorf("stored %s %q, want former with the reason", st, why)
	}
	d.Keys("u")
	tuitest.MustContain(t, d.Screen(), "Undone: let "+c.Name+" go", model.Plural(n, "drain", "drains")+" ·")
	if st, why := stageOf(t, db, c.ID); st != c.Stage || why != "" {
		t.Errorf("after undo %s %q", st, why)
	}
}

func TestLetGoEscKeepsTheCustomer(t *testing.T) {
	t.Parallel()
	db := tuitest.DemoStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("3", "v", "v")
	c, f := underCursor(t, d)
	d.Keys("l", "rude", "esc")
	tuitest.MustContain(t, d.Screen(), "Discard your changes?")
	d.Keys("y")
	tuitest.MustContain(t, d.Screen(), model.Plural(len(f.Drains), "drain", "drains")+" ·")
	if st, _ := stageOf(t, db, c.ID); st != c.Stage {
		t.Errorf("esc let them go anyway: %s", st)
	}
}

func TestPromoteToAdvocateAndUndo(t *testing.T) {
	t.Parallel()
	db := tuitest.DemoStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("3", "v", "v", "v", "v") // Advocates
	c, f := underCursor(t, d)
	n := len(f.Advocates)
	if n < 2 || c.Stage != model.StageCustomer {
		t.Fatalf("the demo should have customers to suggest: %d, %s a %s", n, c.Name, c.Stage)
	}
	tuitest.MustContain(t, d.Screen(), c.Name, f.Advocates[0].Reason, fmt.Sprintf("1 of %d", n))
	d.Keys("a")
	tuitest.MustContain(t, d.Screen(), c.Name+" is now an advocate. Press u to undo.", fmt.Sprintf("1 of %d", n-1))
	if st, _ := stageOf(t, db, c.ID); st != model.StageAdvocate {
		t.Errorf("stage %s, want advocate", st)
	}
	// Advocates are marked in every list: the customer list shows the star.
	d.Keys("2", "/")
	d.Keys(strings.Fields(c.Name)[0], "enter")
	tuitest.MustContain(t, d.Screen(), "▸ ★ "+strings.Fields(c.Name)[0])
	d.Keys("3", "u")
	tuitest.MustContain(t, d.Screen(), "Undone: moved "+c.Name+" from customer to advocate", fmt.Sprintf("1 of %d", n))
	if st, _ := stageOf(t, db, c.ID); st != model.StageCustomer {
		t.Errorf("after undo %s", st)
	}
}

func TestSegmentsCreateRenameMergeDelete(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 100, 30)
	d.Keys("3")
	tuitest.MustContain(t, d.Screen(), "Wholesale", "Market regulars", "Gift buyers")
	d.Keys("n", "enter")
	tuitest.MustContain(t, d.Screen(), "Name  ✗ is required")
	d.Keys("VIP", "enter")
	tuitest.MustContain(t, d.Screen(), "Added the segment VIP.", "VIP ")
	d.Keys("n", "vip", "enter")
	tuitest.MustContain(t, d.Screen(), `there is already a segment called "VIP"`)
	d.Keys("esc", "y")

	d.Keys("home", "R") // Wholesale, most revenue, first
	tuitest.MustContain(t, d.Screen(), "Rename Wholesale")
	for range len("Wholesale") {
		d.Keys("backspace")
	}
	d.Keys("Trade", "enter")
	tuitest.MustContain(t, d.Screen(), "Renamed Wholesale to Trade.", "Trade ")
	if _, total, _ := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: "trade"}); total != 1 {
		t.Errorf("the list's filter finds %d under the new name", total)
	}

	d.Keys("home", "m") // merge Trade into the first other: Gift buyers
	tuitest.MustContain(t, d.Screen(), "Move everyone in Trade into", "Gift buyers (1 customer)")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "Merged Trade into Gift buyers: 1 customer joined.")
	if strings.Contains(d.Screen(), "▸ Trade") || strings.Contains(d.Screen(), "  Trade  ") {
		t.Errorf("Trade survived the merge:\n%s", d.Screen())
	}

	d.Keys("home", "x")
	tuitest.MustContain(t, d.Screen(), "Delete Gift buyers?", "The 2 customers in it stay; only the segment goes.")
	d.Keys("left", "enter") // Delete
	tuitest.MustContain(t, d.Screen(), "Deleted the segment Gift buyers; its customers stay.")
	segs, _ := db.Segments(context.Background())
	var left []string
	for _, s := range segs {
		left = append(left, s.Name)
	}
	if got := strings.Join(left, ", "); got != "Market regulars, VIP" {
		t.Errorf("segments left: %s", got)
	}
	d.Keys("home", "x")
	tuitest.MustContain(t, d.Screen(), "Delete Market regulars?", "The 1 customer in it stays; only the segment goes.")
	d.Keys("esc", "down", "x")
	tuitest.MustContain(t, d.Screen(), "Delete VIP?", "Nobody is in it.")
}

func TestReferralTreeAndGroupings(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 80, 24)
	d.Keys("3", "b")
	tuitest.MustContain(t, d.Screen(), "By stages", "prospect", "advocate")
	d.Keys("b")
	tuitest.MustContain(t, d.Screen(), "By RFM segments", "Champions")
	d.Keys("b", "b")
	tuitest.MustContain(t, d.Screen(), "By countries")
	for range 6 {
		d.Keys("v")
	}
	c, f := underCursor(t, d)
	r := f.Referrers[0]
	tuitest.MustContain(t, d.Screen(), "Who brought whom", kit.MarkedName(r.Name, r.Stage))
	if r.ID != c.ID || r.Network < 2 {
		t.Fatalf("the demo's best referrer should have brought two or more: %+v", r)
	}
	d.Keys("t")
	tuitest.MustContain(t, d.Screen(), "Referral tree of "+r.Name, model.Plural(r.Network, "customer", "customers")+" brought in all", "├─ ", "└─ ")
	d.Keys("esc", "v")
	tuitest.MustContain(t, d.Screen(), "What customers value, by countries")
}

func TestTheNoSegmentRowIsNotManagedLikeASegment(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 100, 30)
	d.Keys("3")
	tuitest.MustContain(t, d.Screen(), "R rename")
	d.Keys("end") // (no segment)
	tuitest.MustLack(t, d.Screen(), "R rename")
	d.Keys("R")
	tuitest.MustContain(t, d.Screen(), "(no segment) is everyone in none of your segments: pick a segment to rename")
}

func TestAnEmptyBookSaysWhereToStart(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.OpenStore(t), 80, 24)
	d.Keys("3")
	tuitest.MustContain(t, d.Screen(), "No customers yet: add, import or load the demo on Customers (2).")
}

func TestUnscoredCountsThoseWithNoSaleInThePeriod(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.FixtureStore(t), 80, 24)
	d.Keys("3", "v", "v", "v")
	// Dev Patel bought only before the period; Chloé and the 20 Customer NN never.
	tuitest.MustContain(t, d.Screen(), "Known only by their profit: rate their fit · 22 more had no sale in the period")
}

// Every view draws within the terminal at 80x24 and narrower, and the
// keys still work when it is tiny.
func TestSegmentFitFitsNarrowTerminals(t *testing.T) {
	t.Parallel()
	db := tuitest.DemoStore(t)
	for _, size := range [][2]int{{80, 24}, {60, 20}, {40, 12}, {20, 5}} {
		d := newDriver(t, db, size[0], size[1])
		d.Keys("3")
		for v := range segments.Views + 1 {
			d.Keys("down", "b")
			lines := strings.Split(d.Screen(), "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d view %d: %d lines", size[0], size[1], v, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d view %d: a line of %d columns: %q", size[0], size[1], v, w, l)
				}
			}
			// The bar of views always names the one on screen.
			if name := segments.ViewNames[v%len(segments.ViewNames)]; !strings.Contains(lines[1], name) {
				t.Errorf("%dx%d view %s: the views bar is %q", size[0], size[1], name, lines[1])
			}
			d.Keys("v")
		}
	}
}

// Text from the database reaches the terminal only cleaned on every view
// of the Segments tab and every screen it opens (the hostile test walks
// screens, not views within one).
func TestHostileTextOnSegments(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.HostileStore(t)
	// The poisoned customers have orders and complaints; poor fit ratings
	// and a referral make them fill the drains and the referrals too.
	err := db.Load(context.Background(), func(l *store.Loader) error {
		for i, id := range ids {
			var referrer any
			if i > 0 {
				referrer = ids[0]
			}
			if _, err := l.Tx().Exec("UPDATE customers SET fit = 1, stage = 'customer', referred_by = ?, name = ? || name "+
				"WHERE id = ?", referrer, tuitest.HostileTexts[i%5], id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		at := func(v, row int, k string) {
			d := newDriver(t, db, size[0], size[1])
			d.Keys("3")
			for range v {
				d.Keys("v")
			}
			for range row {
				d.Keys("down")
			}
			if k != "" {
				d.Keys(k)
			}
			tuitest.CheckFrame(t, d, fmt.Sprintf("segments view %d row %d key %q at %dx%d", v, row, k, size[0], size[1]))
		}
		for v := range segments.Views {
			for _, k := range []string{"", "b", "enter", "R", "m", "x", "n", "a", "p", "d"} {
				at(v, 0, k)
			}
		}
		// Every drain let go, every referrer's tree: the poisoned names
		// are spread over the rows.
		for row := range 6 {
			at(segments.Drains, row, "l")
			at(segments.Referrals, row, "t")
			at(segments.Best, row, "")
		}
		d := newDriver(t, db, size[0], size[1])
		d.Keys("2", "space", "space", "S")
		tuitest.CheckFrame(t, d, "segment form")
	}
}

// One period picker drives Profit, Segments and the detail: chosen on the
// Profit tab it is the Segments tab's, chosen on Segments it is Profit's
// and the detail's figures are over it.
func TestOnePeriodForProfitSegmentsAndTheDetail(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 100, 30)
	d.Keys("3")
	f, p := segments.Analysis(d.M.(*tui.App).Top())
	if f == nil || p.Kind != model.PeriodLast12Months || model.FormatDate(p.From) != "2025-11-24" {
		t.Fatalf("Segments opens on %v, want the last 12 months to 23 Nov 2026", p)
	}
	d.Keys("6", "p") // Profit: year to date
	tuitest.MustContain(t, d.Screen(), "Totals · year to date")
	d.Keys("3")
	tuitest.MustContain(t, d.Screen(), "year to date 2026-01-01 to 2026-11-23")
	if f, p = segments.Analysis(d.M.(*tui.App).Top()); !f.From.Equal(p.From) || p.Kind != model.PeriodYearToDate {
		t.Errorf("Segments analysed %v–%v over %v, want the year to date", f.From, f.To, p)
	}
	d.Keys("p", "[") // Segments: the calendar year, then the one before
	tuitest.MustContain(t, d.Screen(), "By segments · 2024 · no revenue")
	d.Keys("]")
	tuitest.MustContain(t, d.Screen(), "By segments · 2025")
	d.Keys("6")
	tuitest.MustContain(t, d.Screen(), "◂ 2025 ▸", "Totals · 2025")
	d.Keys("v", "enter") // the most profitable customer of 2025
	tuitest.MustContain(t, d.Screen(), "2025: ", "all time: ")
	tuitest.MustLack(t, d.Screen(), "last 12 months")
}
