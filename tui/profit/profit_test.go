package profit_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
	"clientele/store"
	"clientele/store/importer"
	"clientele/tui"
	"clientele/tui/kit"
	"clientele/tui/profit"
	"clientele/tui/tuitest"
)

func TestProfitGolden(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 80, 24)
	d.Keys("6")
	golden.RequireEqual(t, d.Screen())
}

// A wide terminal lays the sections out side by side.
func TestProfitWideGolden(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 160, 48)
	d.Keys("6")
	golden.RequireEqual(t, d.Screen())
}

// profitTab is the Profit tab of the app d drives, in view.
func profitTab(d *tuitest.Driver) kit.Screen { return d.M.(*tui.App).Top() }

// customerID returns the id of the one customer the filter finds.
func customerID(t *testing.T, db *store.DB, filter string) int64 {
	t.Helper()
	rows, total, err := db.ListCustomers(context.Background(), model.CustomerQuery{Filter: filter, Limit: 1})
	if err != nil || total != 1 {
		t.Fatalf("%d customers match %q: %v", total, filter, err)
	}
	return rows[0].ID
}

// The figures of a small book by hand, and the screen following a write
// elsewhere: on dataChangedMsg, and when the tab is opened again.
func TestProfitFiguresAndRefresh(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("6")
	// Last 12 months: Ada's orders (252 + 135 − 9) and Ben's 35; direct
	// cost 28.80 + 48 + 36 − 2.40 + 14. Dev's are from 2025-06.
	tuitest.MustContain(t, d.Screen(), "Revenue             £413.00", "Direct cost         £124.40", "Cost to serve         £0.00",
		"Profit              £288.60", "Customers                 2", "Sale orders               3",
		"Unattributed          £0.00", "Margin                  70%", "2 customers")
	d.Keys("v")
	tuitest.MustContain(t, d.Screen(), "Most profitable · 2 of 2 customers", "1 ★ Ada Lovelace", "£378      £268",
		"2 Ben Okafor", "why: margin 71% on £378 over 2 orders", "refunds £9")

	ben := customerID(t, db, "okafor")
	ship := model.Cost{On: tuitest.Now, CustomerID: ben, Category: model.CostShipping, Amount: 5000}
	if err := db.CreateCost(context.Background(), &ship); err != nil {
		t.Fatal(err)
	}
	d.Send(kit.DataChangedMsg{})
	tuitest.MustContain(t, d.Screen(), "Most profitable · 1 of 2 customers")
	d.Keys("v")
	tuitest.MustContain(t, d.Screen(), "Least profitable · 1 of 2 customers", "Ben Okafor", "-£29",
		"why: cost to serve £50 (143% of revenue), margin -83%")

	time := model.Cost{On: tuitest.Now, CustomerID: ben, Category: model.CostTime, Minutes: 60}
	if err := db.CreateCost(context.Background(), &time); err != nil {
		t.Fatal(err)
	}
	d.Keys("2", "6", "V", "V")
	tuitest.MustContain(t, d.Screen(), "Cost to serve        £75.00", "Profit              £213.60")
}

// p walks the periods (not into the custom one), ←/→ pick the calendar
// year, d asks for dates, the custom period's form refuses what it cannot read with the typing kept, and enter on the
// top list opens the customer.
func TestProfitPeriodsAndOpenACustomer(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 80, 24)
	d.Keys("6")
	tuitest.MustContain(t, d.Screen(), "Totals · last 12 months (24 Nov 2025 – 23 Nov 2026)", "24 Nov 2025 – 23 Nov 2026")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Totals · year to date (1 Jan 2026 – 23 Nov 2026)")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "◂ 2025 ▸", "Totals · 2025", "←/→ year")
	d.Keys("left")
	tuitest.MustContain(t, d.Screen(), "◂ 2024 ▸", "No orders or costs in 2024. Press p for another period")
	d.Keys("right", "right")
	tuitest.MustContain(t, d.Screen(), "◂ 2026 ▸", "Totals · 2026")
	d.Keys("right") // not past this year
	tuitest.MustContain(t, d.Screen(), "◂ 2026 ▸")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Totals · all time")

	// p never walks into the custom period: its form opened and the next
	// p was typed into it. From all time p goes round to this month.
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Totals · this month (1 Nov 2026 – 23 Nov 2026)")
	tuitest.MustLack(t, d.Screen(), "From")
	d.Keys("P", "d")
	tuitest.MustContain(t, d.Screen(), "Figures over your own dates", "From", "To")
	d.Keys("2026-03-01", "enter", "2026-02-01", "enter")
	tuitest.MustContain(t, d.Screen(), "2026-02-01 is before the start, 2026-03-01", "2026-03-01", "2026-02-01")
	d.Keys("enter")
	for range len("2026-02-01") {
		d.Keys("backspace")
	}
	d.Keys("2026-05-31", "enter")
	tuitest.MustContain(t, d.Screen(), "Totals · 1 Mar 2026 – 31 May 2026")
	sum := profit.Summary(profitTab(d))
	if len(sum.Months) != 3 || model.FormatDate(sum.Period.From) != "2026-03-01" {
		t.Errorf("custom period %v with %d months", sum.Period, len(sum.Months))
	}
	// The form offers the dates typed last; esc leaves the period as it was.
	d.Keys("d")
	tuitest.MustContain(t, d.Screen(), "2026-03-01", "2026-05-31")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Totals · 1 Mar 2026 – 31 May 2026")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Totals · this month (1 Nov 2026 – 23 Nov 2026)")
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "Totals · last 12 months")

	d.Keys("v", "down")
	c, cursor, ok := profit.TopSelected(profitTab(d))
	if !ok || cursor != 1 {
		t.Fatalf("no second customer on the top list:\n%s", d.Screen())
	}
	tuitest.MustContain(t, d.Screen(), "2 of 10")
	d.Keys("enter")
	tuitest.MustContain(t, d.Screen(), "› "+c.Name)
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "Most profitable · 10 of", "2 of 10")
}

func TestProfitSaysWhenThereIsNothing(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.OpenStore(t), 80, 24)
	d.Keys("6")
	tuitest.MustContain(t, d.Screen(), "Nothing recorded yet: profit shows here once there are orders.")
	d.Keys("x")
	tuitest.MustContain(t, d.Screen(), "Export the profit summary")
}

// x writes what is on screen, atomically, in the format the name's ending
// asks for; a name it cannot write is refused beside the field, typed.
func TestProfitExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d := newDriver(t, tuitest.FixtureStore(t), 100, 24)
	d.Keys("6", "x")
	tuitest.MustContain(t, d.Screen(), "Export the profit summary · last 12 months", "~/clientele-profit-2025-11-24-to-2026-11-23.md")

	retype := func(path string) {
		d.Keys("ctrl+u", path, "enter")
	}
	retype(filepath.Join(dir, "profit.txt"))
	tuitest.MustContain(t, d.Screen(), "Not saved: file: end the name in .md", "profit.txt")
	retype(filepath.Join(dir, "missing", "profit.csv"))
	// The words every export says a file cannot be written in
	// (exportfile.Write): the file, then why.
	tuitest.MustContain(t, d.Screen(), "Not saved: file: cannot write "+filepath.Join(dir, "missing", "profit.csv"),
		"does not exist", "missing/profit.csv")
	if err := os.Mkdir(filepath.Join(dir, "folder.csv"), 0o700); err != nil {
		t.Fatal(err)
	}
	retype(filepath.Join(dir, "folder.csv"))
	tuitest.MustContain(t, d.Screen(), "Not saved: file: cannot write "+filepath.Join(dir, "folder.csv")+": it is a folder")

	csvPath := filepath.Join(dir, "profit.csv")
	retype(csvPath)
	tuitest.MustContain(t, d.Screen(), "Wrote the profit summary for last 12 months", "Totals ·")
	got, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), "ref,customer,stage,segments,orders,revenue,direct_cost,cost_to_serve,profit,margin") ||
		!strings.Contains(string(got), "Ada Lovelace,advocate,Wholesale,2,378.00,110.40,0.00,267.60") {
		t.Errorf("the CSV:\n%s", got)
	}
	if info, err := os.Stat(csvPath); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v", info.Mode(), err)
	}

	mdPath := filepath.Join(dir, "profit.md")
	d.Keys("x")
	retype(mdPath)
	md, err := os.ReadFile(mdPath)
	if err != nil || !strings.Contains(string(md), kit.Capitalise(profit.Summary(profitTab(d)).Headline)) {
		t.Errorf("the Markdown, %v:\n%s", err, md)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 3 { // the two files and folder.csv, no temporary file left
		t.Errorf("the folder holds %d files: %v", len(left), left)
	}
}

// Without colour, the screen still says what colour would: losses carry
// their minus sign and grow left of the axis.
func TestProfitWithoutColour(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ada := customerID(t, db, "lovelace")
	loss := model.Cost{On: tuitest.Now.AddDate(0, -3, 0), CustomerID: ada, Category: model.CostOther, Amount: 50000}
	if err := db.CreateCost(context.Background(), &loss); err != nil {
		t.Fatal(err)
	}
	d := tuitest.Start(t, tui.New(db, tui.Options{Now: tuitest.Clock, NoColor: true}), 80, 24)
	d.Send(tea.BackgroundColorMsg{})
	d.Keys("6", "v", "v", "v")
	frame := d.M.View().Content
	if strings.Contains(frame, "38;") || strings.Contains(frame, "48;") {
		t.Errorf("colour without colour:\n%q", frame)
	}
	tuitest.MustContain(t, d.Screen(), "Aug 2026         £0      -£500 ████", "█│", "Sep 2026       £252       £175")
}

// Every section draws within the terminal at every size, and keys still
// work when it is tiny.
func TestProfitFitsSmallTerminals(t *testing.T) {
	t.Parallel()
	db := tuitest.DemoStore(t)
	for _, size := range [][2]int{{80, 24}, {60, 20}, {40, 12}, {24, 8}, {20, 5}, {200, 60}} {
		d := newDriver(t, db, size[0], size[1])
		d.Keys("6")
		for sec := range profit.Sections + 1 {
			d.Keys("down", "p")
			tuitest.CheckFrame(t, d, fmt.Sprintf("%dx%d section %d", size[0], size[1], sec))
			if n := strings.Count(d.Screen(), "\n") + 1; n != size[1] {
				t.Errorf("%dx%d section %d: %d lines", size[0], size[1], sec, n)
			}
			d.Keys("v")
		}
	}
}

// Text from the database reaches the terminal only cleaned in every
// section of the Profit tab, on every row of its lists.
func TestHostileTextOnProfit(t *testing.T) {
	t.Parallel()
	db, _ := tuitest.HostileStore(t)
	for _, size := range [][2]int{{80, 24}, {40, 12}, {170, 50}} {
		for sec := range profit.Sections {
			for row := range 6 {
				d := newDriver(t, db, size[0], size[1])
				d.Keys("6")
				for range int(sec) {
					d.Keys("v")
				}
				for range row {
					d.Keys("down")
				}
				tuitest.CheckFrame(t, d, fmt.Sprintf("profit section %d row %d at %dx%d", sec, row, size[0], size[1]))
			}
		}
	}
}

// The months scroll when they do not fit, the latest in view first.
func TestProfitMonthsScroll(t *testing.T) {
	t.Parallel()
	d := newDriver(t, tuitest.DemoStore(t), 80, 16)
	d.Keys("6", "p", "p", "p", "v", "v", "v")
	n := len(profit.Summary(profitTab(d)).Months)
	rows := 16 - 3 - profit.Bars - 1 // the app's header, status and help lines
	if n <= rows {
		t.Fatalf("all time has only %d months", n)
	}
	tuitest.MustContain(t, d.Screen(), fmt.Sprintf("Revenue and profit by month · %d–%d of %d", n-rows+1, n, n), "Nov 2026")
	d.Keys("home", "down")
	tuitest.MustContain(t, d.Screen(), fmt.Sprintf("· 2–%d of %d", rows+1, n))
}

// sharedMonth is December 2010 of the Online Retail data set, beside the
// repository (../shared/data/README.md has its figures).
const sharedMonth = "../../../shared/data/online-retail-2010-12.csv"

// A book whose records are all older than the last 12 months opens its
// figures where the records are, and says so: the Online Retail month of
// December 2010 opens on 2010 with its 948 customers and the top three
// the data set's README gives, and Segments says nothing is "too few".
func TestAnOldBookOpensWhereItsRecordsAre(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(sharedMonth); err != nil {
		t.Skipf("the shared Online Retail month is not beside the repository (%v)", err)
	}
	db := tuitest.OpenStore(t)
	if _, err := importer.ImportFile(context.Background(), db, sharedMonth, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys("6")
	tuitest.MustContain(t, d.Screen(), "◂ 2010 ▸", "Totals · 2010 · your records end on 2010-12-23",
		"£748,957 of revenue from 948 customers has no unit cost recorded", "O on Customers")
	sum := profit.Summary(profitTab(d))
	if sum.Totals.Customers != 948 {
		t.Errorf("%d customers, want 948", sum.Totals.Customers)
	}
	var top []string
	for _, r := range sum.Top[:3] {
		c := sum.Customers[r.Index]
		top = append(top, c.Ref+" "+c.Revenue.Format("£"))
	}
	if got, want := strings.Join(top, ", "), "18102 £27,834.61, 15061 £19,950.66, 16029 £13,112.52"; got != want {
		t.Errorf("top three by profit %s, want %s", got, want)
	}
	// The lists say the cost is missing rather than a margin of 100%.
	d.Keys("v")
	tuitest.MustContain(t, d.Screen(), "Most profitable", "£27,835 no cost")
	tuitest.MustLack(t, d.Screen(), "100%")
	d.Keys("3")
	tuitest.MustContain(t, d.Screen(), "2010 (your records end on 2010-12-23)", "no unit costs recorded")
	tuitest.MustLack(t, d.Screen(), "too few")
	// Once the owner picks a period, it stays theirs.
	d.Keys("p")
	tuitest.MustContain(t, d.Screen(), "all time")
	tuitest.MustLack(t, d.Screen(), "your records end")
}

// The sections keep their places whichever has the keys, and only the
// list the keys move shows a cursor: at 140x40 v used to move the lists
// between columns and both showed ▸; at 80x24 a list left above Months
// kept its cursor while j moved the months.
func TestProfitSectionsStayPutWithOneCursor(t *testing.T) {
	t.Parallel()
	headings := []string{"Most profitable", "Least profitable", "Revenue and profit by month", "By package tier"}
	where := func(screen string) map[string][2]int {
		at := map[string][2]int{}
		for y, l := range strings.Split(screen, "\n") {
			for _, h := range headings {
				if x := strings.Index(l, h); x >= 0 {
					at[h] = [2]int{y, len([]rune(l[:x]))}
				}
			}
		}
		return at
	}
	d := newDriver(t, tuitest.DemoStore(t), 140, 40)
	d.Keys("6")
	first := where(d.Screen())
	if len(first) != len(headings) {
		t.Fatalf("the overview at 140x40 shows %v:\n%s", first, d.Screen())
	}
	for range profit.Sections {
		d.Keys("v")
		screen := d.Screen()
		if at := where(screen); fmt.Sprint(at) != fmt.Sprint(first) {
			t.Errorf("after v the sections moved from %v to %v:\n%s", first, at, screen)
		}
		if n := strings.Count(screen, "▸"); n > 1 {
			t.Errorf("%d cursors on screen:\n%s", n, screen)
		}
	}

	d = newDriver(t, tuitest.DemoStore(t), 80, 24)
	d.Keys("6", "P", "v", "v", "v") // this month's Months: one bar, room for a list above it
	screen := d.Screen()
	lines := strings.Split(screen, "\n")
	if !strings.HasPrefix(lines[1+profit.Bars], "Revenue and profit by month") || strings.Contains(screen, "▸") {
		t.Errorf("at 80x24 Months should head the page with no list cursor above it:\n%s", screen)
	}
}
