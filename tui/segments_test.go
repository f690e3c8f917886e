package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
)

// demoStore is the demo business, generated on the tests' clock.
func demoStore(t testing.TB) *store.DB {
	t.Helper()
	db := openStore(t)
	if _, err := demo.Generate(context.Background(), db, demo.Options{Seed: 1, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestSegmentFitGolden(t *testing.T) {
	d := newDriver(t, demoStore(t), 80, 24)
	d.keys("3")
	golden.RequireEqual(t, d.screen())
}

func TestSegmentFitBestGolden(t *testing.T) {
	d := newDriver(t, demoStore(t), 80, 24)
	d.keys("3", "v")
	golden.RequireEqual(t, d.screen())
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
func underCursor(t *testing.T, d *driver) (model.FitCustomer, *model.SegmentFit) {
	t.Helper()
	s := d.app.tabs[d.app.tabIndex("3")].screen.(*segmentFit)
	c, ok := s.customer()
	if !ok {
		t.Fatalf("no customer under the cursor:\n%s", d.screen())
	}
	return *c, s.fit
}

func TestLetGoADrainAndUndo(t *testing.T) {
	db := demoStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("3", "v", "v") // Drains
	c, f := underCursor(t, d)
	n := len(f.Drains)
	if n < 2 || c.Profit >= 0 {
		t.Fatalf("the demo's worst drain should lose money, and there should be more: %s, %d drains", c.Name, n)
	}
	mustContain(t, d.screen(), countNoun(n, "drain")+" ·", c.Name, "-3 loses "+(-c.Profit).Short("£"))
	d.keys("l")
	mustContain(t, d.screen(), "Let "+c.Name+" go", "Revenue lost", "Cost to serve", "Without them",
		"the business would have made "+(-c.Profit).Format("£")+" more", "Reason")
	// An empty reason is refused beside the field; q is typed, not obeyed.
	d.keys("enter")
	mustContain(t, d.screen(), "say why you let them go")
	d.keys("quibbles over every order", "enter")
	mustContain(t, d.screen(), "Let "+c.Name+" go. Press u on Segments to undo.", countNoun(n-1, "drain")+" ·")
	if next, _ := underCursor(t, d); next.ID == c.ID {
		t.Errorf("%s is still among the drains:\n%s", c.Name, d.screen())
	}
	if st, why := stageOf(t, db, c.ID); st != model.StageFormer || why != "quibbles over every order" {
		t.Errorf("stored %s %q, want former with the reason", st, why)
	}
	d.keys("u")
	mustContain(t, d.screen(), c.Name+" is a "+string(c.Stage)+" again.", countNoun(n, "drain")+" ·")
	if st, why := stageOf(t, db, c.ID); st != c.Stage || why != "" {
		t.Errorf("after undo %s %q", st, why)
	}
	d.keys("u")
	mustContain(t, d.screen(), "Nothing to undo.")
}

func TestLetGoEscKeepsTheCustomer(t *testing.T) {
	db := demoStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("3", "v", "v")
	c, f := underCursor(t, d)
	d.keys("l", "rude", "esc")
	mustContain(t, d.screen(), "Discard your changes?")
	d.keys("y")
	mustContain(t, d.screen(), countNoun(len(f.Drains), "drain")+" ·")
	if st, _ := stageOf(t, db, c.ID); st != c.Stage {
		t.Errorf("esc let them go anyway: %s", st)
	}
}

func TestPromoteToAdvocateAndUndo(t *testing.T) {
	db := demoStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("3", "v", "v", "v", "v") // Advocates
	c, f := underCursor(t, d)
	n := len(f.Advocates)
	if n < 2 || c.Stage != model.StageCustomer {
		t.Fatalf("the demo should have customers to suggest: %d, %s a %s", n, c.Name, c.Stage)
	}
	mustContain(t, d.screen(), c.Name, f.Advocates[0].Reason, sprintf("1 of %d", n))
	d.keys("p")
	mustContain(t, d.screen(), c.Name+" is now an advocate. Press u to undo.", sprintf("1 of %d", n-1))
	if st, _ := stageOf(t, db, c.ID); st != model.StageAdvocate {
		t.Errorf("stage %s, want advocate", st)
	}
	// Advocates are marked in every list: the customer list shows the star.
	d.keys("2", "/")
	d.keys(strings.Fields(c.Name)[0], "enter")
	mustContain(t, d.screen(), "▸ ★ "+strings.Fields(c.Name)[0])
	d.keys("3", "u")
	mustContain(t, d.screen(), c.Name+" is a customer again.", sprintf("1 of %d", n))
	if st, _ := stageOf(t, db, c.ID); st != model.StageCustomer {
		t.Errorf("after undo %s", st)
	}
}

func TestSegmentsCreateRenameMergeDelete(t *testing.T) {
	db := fixtureStore(t)
	d := newDriver(t, db, 100, 30)
	d.keys("3")
	mustContain(t, d.screen(), "Wholesale", "Market regulars", "Gift buyers")
	d.keys("n", "enter")
	mustContain(t, d.screen(), "Name  ✗ is required")
	d.keys("VIP", "enter")
	mustContain(t, d.screen(), "Added the segment VIP.", "VIP ")
	d.keys("n", "vip", "enter")
	mustContain(t, d.screen(), `there is already a segment called "VIP"`)
	d.keys("esc", "y")

	d.keys("home", "R") // Wholesale, most revenue, first
	mustContain(t, d.screen(), "Rename Wholesale")
	for range len("Wholesale") {
		d.keys("backspace")
	}
	d.keys("Trade", "enter")
	mustContain(t, d.screen(), "Renamed Wholesale to Trade.", "Trade ")
	if _, total, _ := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: "trade"}); total != 1 {
		t.Errorf("the list's filter finds %d under the new name", total)
	}

	d.keys("home", "m") // merge Trade into the first other: Gift buyers
	mustContain(t, d.screen(), "Move everyone in Trade into", "Gift buyers (1 customer)")
	d.keys("enter")
	mustContain(t, d.screen(), "Merged Trade into Gift buyers: 1 customer joined.")
	if strings.Contains(d.screen(), "▸ Trade") || strings.Contains(d.screen(), "  Trade  ") {
		t.Errorf("Trade survived the merge:\n%s", d.screen())
	}

	d.keys("home", "x")
	mustContain(t, d.screen(), "Delete Gift buyers?", "The 2 customers in it stay; only the segment goes.")
	d.keys("left", "enter") // Delete
	mustContain(t, d.screen(), "Deleted the segment Gift buyers; its customers stay.")
	segs, _ := db.Segments(context.Background())
	var left []string
	for _, s := range segs {
		left = append(left, s.Name)
	}
	if got := strings.Join(left, ", "); got != "Market regulars, VIP" {
		t.Errorf("segments left: %s", got)
	}
	d.keys("home", "x")
	mustContain(t, d.screen(), "Delete Market regulars?", "The 1 customer in it stays; only the segment goes.")
	d.keys("esc", "down", "x")
	mustContain(t, d.screen(), "Delete VIP?", "Nobody is in it.")
}

func TestReferralTreeAndGroupings(t *testing.T) {
	d := newDriver(t, demoStore(t), 80, 24)
	d.keys("3", "b")
	mustContain(t, d.screen(), "By stages", "prospect", "advocate")
	d.keys("b")
	mustContain(t, d.screen(), "By RFM segments", "Champions")
	d.keys("b", "b")
	mustContain(t, d.screen(), "By countries")
	for range 6 {
		d.keys("v")
	}
	c, f := underCursor(t, d)
	r := f.Referrers[0]
	mustContain(t, d.screen(), "Who brought whom", markedName(r.Name, r.Stage))
	if r.ID != c.ID || r.Network < 2 {
		t.Fatalf("the demo's best referrer should have brought two or more: %+v", r)
	}
	d.keys("t")
	mustContain(t, d.screen(), "Referral tree of "+r.Name, countNoun(r.Network, "customer")+" brought in all", "├─ ", "└─ ")
	d.keys("esc", "v")
	mustContain(t, d.screen(), "What customers value, by countries")
}

func TestTheNoSegmentRowIsNotManagedLikeASegment(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 100, 30)
	d.keys("3")
	mustContain(t, d.screen(), "R rename")
	d.keys("end") // (no segment)
	mustLack(t, d.screen(), "R rename")
	d.keys("R")
	mustContain(t, d.screen(), "(no segment) is everyone in none of your segments: pick a segment to rename")
}

func TestAnEmptyBookSaysWhereToStart(t *testing.T) {
	d := newDriver(t, openStore(t), 80, 24)
	d.keys("3")
	mustContain(t, d.screen(), "No customers yet: add, import or load the demo on Customers (2).")
}

func TestUnscoredCountsThoseWithNoSaleInThePeriod(t *testing.T) {
	d := newDriver(t, fixtureStore(t), 80, 24)
	d.keys("3", "v", "v", "v")
	// Dev Patel bought only before the period; Chloé and the 20 Customer NN never.
	mustContain(t, d.screen(), "Known only by their profit: rate their fit · 22 more had no sale in the period")
}

// Every view draws within the terminal at 80x24 and narrower, and the
// keys still work when it is tiny.
func TestSegmentFitFitsNarrowTerminals(t *testing.T) {
	db := demoStore(t)
	for _, size := range [][2]int{{80, 24}, {60, 20}, {40, 12}, {20, 5}} {
		d := newDriver(t, db, size[0], size[1])
		d.keys("3")
		for v := range int(fitViews) + 1 {
			d.keys("down", "b")
			lines := strings.Split(d.screen(), "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d view %d: %d lines", size[0], size[1], v, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d view %d: a line of %d columns: %q", size[0], size[1], v, w, l)
				}
			}
			// The bar of views always names the one on screen.
			if name := fitViewNames[v%len(fitViewNames)]; !strings.Contains(lines[1], name) {
				t.Errorf("%dx%d view %s: the views bar is %q", size[0], size[1], name, lines[1])
			}
			d.keys("v")
		}
	}
}

// Text from the database reaches the terminal only cleaned on every view
// of the Segments tab and every screen it opens (the hostile test walks
// screens, not views within one).
func TestHostileTextOnSegments(t *testing.T) {
	db, ids := hostileStore(t)
	// The poisoned customers have orders and complaints; poor fit ratings
	// and a referral make them fill the drains and the referrals too.
	err := db.Load(context.Background(), func(l *store.Loader) error {
		for i, id := range ids {
			var referrer any
			if i > 0 {
				referrer = ids[0]
			}
			if _, err := l.Tx().Exec("UPDATE customers SET fit = 1, stage = 'customer', referred_by = ?, name = ? || name "+
				"WHERE id = ?", referrer, hostileTexts[i%5], id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		at := func(v fitView, row int, k string) {
			d := newDriver(t, db, size[0], size[1])
			d.keys("3")
			for range int(v) {
				d.keys("v")
			}
			for range row {
				d.keys("down")
			}
			if k != "" {
				d.keys(k)
			}
			checkFrame(t, d, sprintf("segments view %d row %d key %q at %dx%d", v, row, k, size[0], size[1]))
		}
		for v := range fitViews {
			for _, k := range []string{"", "b", "enter", "R", "m", "x", "n", "p"} {
				at(v, 0, k)
			}
		}
		// Every drain let go, every referrer's tree: the poisoned names
		// are spread over the rows.
		for row := range 6 {
			at(viewDrains, row, "l")
			at(viewReferrals, row, "t")
			at(viewBest, row, "")
		}
		d := newDriver(t, db, size[0], size[1])
		d.keys("2", "space", "space", "S")
		checkFrame(t, d, "segment form")
	}
}
