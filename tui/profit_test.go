package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"clientele/model"
	"clientele/store"
)

func TestProfitGolden(t *testing.T) {
	d := newDriver(t, demoStore(t), 80, 24)
	d.keys("6")
	golden.RequireEqual(t, d.screen())
}

// A wide terminal lays the sections out side by side.
func TestProfitWideGolden(t *testing.T) {
	d := newDriver(t, demoStore(t), 160, 48)
	d.keys("6")
	golden.RequireEqual(t, d.screen())
}

// profitTab is the Profit tab of the app d drives.
func profitTab(d *driver) *profitScreen {
	return d.app.tabs[d.app.tabIndex("6")].screen.(*profitScreen)
}

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
	db := fixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("6")
	// Last 12 months: Ada's orders (252 + 135 − 9) and Ben's 35; direct
	// cost 28.80 + 48 + 36 − 2.40 + 14. Dev's are from 2025-06.
	mustContain(t, d.screen(), "Revenue             £413.00", "Direct cost         £124.40", "Cost to serve         £0.00",
		"Profit              £288.60", "Customers                 2", "Sale orders               3",
		"Unattributed          £0.00", "Margin                  70%", "2 customers")
	d.keys("v")
	mustContain(t, d.screen(), "Most profitable · 2 of 2 customers", "1 ★ Ada Lovelace", "£378      £268",
		"2 Ben Okafor", "why: margin 71% on £378 over 2 orders", "refunds £9")

	ben := customerID(t, db, "okafor")
	ship := model.Cost{On: testNow, CustomerID: ben, Category: model.CostShipping, Amount: 5000}
	if err := db.CreateCost(context.Background(), &ship); err != nil {
		t.Fatal(err)
	}
	d.send(dataChangedMsg{})
	mustContain(t, d.screen(), "Most profitable · 1 of 2 customers")
	d.keys("v")
	mustContain(t, d.screen(), "Least profitable · 1 of 2 customers", "Ben Okafor", "-£29",
		"why: cost to serve £50 (143% of revenue), margin -83%")

	time := model.Cost{On: testNow, CustomerID: ben, Category: model.CostTime, Minutes: 60}
	if err := db.CreateCost(context.Background(), &time); err != nil {
		t.Fatal(err)
	}
	d.keys("2", "6", "V", "V")
	mustContain(t, d.screen(), "Cost to serve        £75.00", "Profit              £213.60")
}

// p walks the periods, ←/→ pick the calendar year, the custom period's
// form refuses what it cannot read with the typing kept, and enter on the
// top list opens the customer.
func TestProfitPeriodsAndOpenACustomer(t *testing.T) {
	d := newDriver(t, demoStore(t), 80, 24)
	d.keys("6")
	mustContain(t, d.screen(), "Totals · last 12 months (1 Dec 2025 – 23 Nov 2026)", "1 Dec 2025 – 23 Nov 2026")
	d.keys("p")
	mustContain(t, d.screen(), "Totals · year to date (1 Jan 2026 – 23 Nov 2026)")
	d.keys("p")
	mustContain(t, d.screen(), "◂ 2025 ▸", "Totals · 2025", "←/→ year")
	d.keys("left")
	mustContain(t, d.screen(), "◂ 2024 ▸", "No orders or costs in 2024. Press p for another period")
	d.keys("right", "right")
	mustContain(t, d.screen(), "◂ 2026 ▸", "Totals · 2026")
	d.keys("right") // not past this year
	mustContain(t, d.screen(), "◂ 2026 ▸")
	d.keys("p")
	mustContain(t, d.screen(), "Totals · all time")

	d.keys("p")
	mustContain(t, d.screen(), "Profit over your own dates", "From", "To")
	d.keys("2026-03-01", "enter", "2026-02-01", "enter")
	mustContain(t, d.screen(), "2026-02-01 is before the start, 2026-03-01", "2026-03-01", "2026-02-01")
	d.keys("enter")
	for range len("2026-02-01") {
		d.keys("backspace")
	}
	d.keys("2026-05-31", "enter")
	mustContain(t, d.screen(), "Totals · 1 Mar 2026 – 31 May 2026")
	sum := profitTab(d).data.summary
	if len(sum.Months) != 3 || model.FormatDate(sum.Period.From) != "2026-03-01" {
		t.Errorf("custom period %v with %d months", sum.Period, len(sum.Months))
	}
	// The form offers the dates typed last; esc leaves the period as it was.
	d.keys("d")
	mustContain(t, d.screen(), "2026-03-01", "2026-05-31")
	d.keys("esc")
	mustContain(t, d.screen(), "Totals · 1 Mar 2026 – 31 May 2026")
	d.keys("p")
	mustContain(t, d.screen(), "Totals · this month (1 Nov 2026 – 23 Nov 2026)")
	d.keys("p")
	mustContain(t, d.screen(), "Totals · last 12 months")

	d.keys("v", "down")
	p := profitTab(d)
	c, _, ok := p.selected(secTop)
	if !ok || p.lists[0].Cursor() != 1 {
		t.Fatalf("no second customer on the top list:\n%s", d.screen())
	}
	mustContain(t, d.screen(), "2 of 10")
	d.keys("enter")
	if _, ok := d.app.top().(*customerDetail); !ok {
		t.Fatalf("enter opened %T", d.app.top())
	}
	mustContain(t, d.screen(), "› "+c.Name)
	d.keys("esc")
	mustContain(t, d.screen(), "Most profitable · 10 of", "2 of 10")
}

func TestProfitSaysWhenThereIsNothing(t *testing.T) {
	d := newDriver(t, openStore(t), 80, 24)
	d.keys("6")
	mustContain(t, d.screen(), "Nothing recorded yet: profit shows here once there are orders.")
	d.keys("x")
	mustContain(t, d.screen(), "Export the profit summary")
}

// x writes what is on screen, atomically, in the format the name's ending
// asks for; a name it cannot write is refused beside the field, typed.
func TestProfitExport(t *testing.T) {
	dir := t.TempDir()
	d := newDriver(t, fixtureStore(t), 100, 24)
	d.keys("6", "x")
	mustContain(t, d.screen(), "Export the profit summary · last 12 months", "~/clientele-profit-2025-12-01-to-2026-11-23.md")

	retype := func(path string) {
		d.keys("ctrl+u", path, "enter")
	}
	retype(filepath.Join(dir, "profit.txt"))
	mustContain(t, d.screen(), "Not saved: file: end the name in .md", "profit.txt")
	retype(filepath.Join(dir, "missing", "profit.csv"))
	// The words every export says a file cannot be written in
	// (exportfile.Write): the file, then why.
	mustContain(t, d.screen(), "Not saved: file: cannot write "+filepath.Join(dir, "missing", "profit.csv"),
		"does not exist", "missing/profit.csv")
	if err := os.Mkdir(filepath.Join(dir, "folder.csv"), 0o700); err != nil {
		t.Fatal(err)
	}
	retype(filepath.Join(dir, "folder.csv"))
	mustContain(t, d.screen(), "Not saved: file: cannot write "+filepath.Join(dir, "folder.csv")+": it is a folder")

	csvPath := filepath.Join(dir, "profit.csv")
	retype(csvPath)
	mustContain(t, d.screen(), "Wrote the profit summary for last 12 months", "Totals ·")
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
	d.keys("x")
	retype(mdPath)
	md, err := os.ReadFile(mdPath)
	if err != nil || !strings.Contains(string(md), capitalise(profitTab(d).data.summary.Headline)) {
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
	db := fixtureStore(t)
	ada := customerID(t, db, "lovelace")
	loss := model.Cost{On: testNow.AddDate(0, -3, 0), CustomerID: ada, Category: model.CostOther, Amount: 50000}
	if err := db.CreateCost(context.Background(), &loss); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.app.com.noColor = true
	d.send(tea.BackgroundColorMsg{})
	d.keys("6", "v", "v", "v")
	frame := d.app.render()
	if strings.Contains(frame, "38;") || strings.Contains(frame, "48;") {
		t.Errorf("colour without colour:\n%q", frame)
	}
	mustContain(t, d.screen(), "Aug 2026         £0      -£500 ████", "█│", "Sep 2026       £252       £175")
}

// Every section draws within the terminal at every size, and keys still
// work when it is tiny.
func TestProfitFitsSmallTerminals(t *testing.T) {
	db := demoStore(t)
	for _, size := range [][2]int{{80, 24}, {60, 20}, {40, 12}, {24, 8}, {20, 5}, {200, 60}} {
		d := newDriver(t, db, size[0], size[1])
		d.keys("6")
		for sec := range profitSections + 1 {
			d.keys("down", "p")
			checkFrame(t, d, sprintf("%dx%d section %d", size[0], size[1], sec))
			if n := strings.Count(d.screen(), "\n") + 1; n != size[1] {
				t.Errorf("%dx%d section %d: %d lines", size[0], size[1], sec, n)
			}
			d.keys("v")
		}
	}
}

// Text from the database reaches the terminal only cleaned in every
// section of the Profit tab, on every row of its lists.
func TestHostileTextOnProfit(t *testing.T) {
	db, _ := hostileStore(t)
	for _, size := range [][2]int{{80, 24}, {40, 12}, {170, 50}} {
		for sec := range profitSections {
			for row := range 6 {
				d := newDriver(t, db, size[0], size[1])
				d.keys("6")
				for range int(sec) {
					d.keys("v")
				}
				for range row {
					d.keys("down")
				}
				checkFrame(t, d, sprintf("profit section %d row %d at %dx%d", sec, row, size[0], size[1]))
			}
		}
	}
}

// The whale curve kept in spans starts at zero, reaches the peak exactly
// and ends on the total, however few or many customers there are.
func TestWhaleSpansKeepThePeakAndTheEnds(t *testing.T) {
	cum := []model.Money{500, 900, 1200, 1000, 400}
	for _, k := range []int{1, 3, 5, 7, 600} {
		spans := whaleSpans(cum, k)
		lo, hi := spans[0].lo, spans[0].hi
		for _, s := range spans {
			lo, hi = min(lo, s.lo), max(hi, s.hi)
		}
		last := spans[len(spans)-1]
		if lo != 0 || hi != 1200 || last.lo > 400 || last.hi < 400 || spans[0].lo != 0 {
			t.Errorf("%d spans: from %v to %v, last %v", k, lo, hi, last)
		}
	}
}

// The monthly bars put losses left of the axis and gains right of it.
func TestMonthBarsGrowLossesLeft(t *testing.T) {
	st := newStyles(true, true)
	months := []model.MonthProfit{
		{Month: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Revenue: 10000, Profit: 4000},
		{Month: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Revenue: 2000, Profit: -6000},
	}
	lines := monthBars(months, &st, "£", 80, 0, 2)
	gain, loss := ansi.Strip(lines[0]), ansi.Strip(lines[1])
	if !strings.Contains(gain, " │███") || !strings.Contains(gain, "█░") || strings.Contains(gain, "█│") {
		t.Errorf("a gain: %q", gain)
	}
	if !strings.Contains(loss, "█│░") || !strings.Contains(loss, "-£60") {
		t.Errorf("a loss: %q", loss)
	}
}

// The months scroll when they do not fit, the latest in view first.
func TestProfitMonthsScroll(t *testing.T) {
	d := newDriver(t, demoStore(t), 80, 16)
	d.keys("6", "p", "p", "p", "v", "v", "v")
	n := len(profitTab(d).data.summary.Months)
	rows := 16 - chromeLines - profitBars - 1
	if n <= rows {
		t.Fatalf("all time has only %d months", n)
	}
	mustContain(t, d.screen(), sprintf("Revenue and profit by month · %d–%d of %d", n-rows+1, n, n), "Nov 2026")
	d.keys("home", "down")
	mustContain(t, d.screen(), sprintf("· 2–%d of %d", rows+1, n))
}

// A business whose customers lose money overall: the curve is drawn in
// money, with no 100% line, and the peak is labelled only above zero.
func TestWhaleCurveOfABusinessThatLoses(t *testing.T) {
	st := newStyles(true, true)
	chart := func(facts ...model.ProfitFacts) []string {
		book := model.ProfitBook{Period: model.AllTime(), Customers: facts, FirstDay: testNow, LastDay: testNow}
		lines := whaleChart(analyseProfit(book, testNow, model.DefaultSettings()), &st, 60, 10)
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > 60 {
				t.Errorf("a line of %d columns: %q", w, l)
			}
		}
		return lines
	}
	ann := model.ProfitFacts{ID: 1, Name: "Ann", SaleOrders: 1, Sales: 100000, CostToServe: 300000}
	bo := model.ProfitFacts{ID: 2, Name: "Bo", SaleOrders: 1, Sales: 50000, CostToServe: 40000}
	lines := chart(ann, bo)
	text := ansi.Strip(strings.Join(lines, "\n"))
	if len(lines) != 10 || !strings.Contains(text, "peak £100 at 50%") ||
		!strings.Contains(text, "-£1,900┤") || !strings.Contains(text, "£0┤") || strings.Contains(text, "100%┤") {
		t.Errorf("the curve of a losing business:\n%s", text)
	}
	bo.CostToServe = 60000
	if lines := chart(ann, bo); strings.TrimSpace(lines[0]) != "" || len(lines) != 10 {
		t.Errorf("a peak labelled below zero: %q", lines[0])
	}
}
