package profit

import (
	"clientele/model"
	"clientele/tui/kit"
	"clientele/tui/tuitest"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// The whale curve kept in spans starts at zero, reaches the peak exactly
// and ends on the total, however few or many customers there are.
func TestWhaleSpansKeepThePeakAndTheEnds(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	st := kit.NewStyles(true, true)
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

// A business whose customers lose money overall: the curve is drawn in
// money, with no 100% line, and the peak is labelled only above zero.
func TestWhaleCurveOfABusinessThatLoses(t *testing.T) {
	t.Parallel()
	st := kit.NewStyles(true, true)
	chart := func(facts ...model.ProfitFacts) []string {
		book := model.ProfitBook{Period: model.AllTime(), Customers: facts, FirstDay: tuitest.Now, LastDay: tuitest.Now}
		lines := whaleChart(analyseProfit(book, tuitest.Now, model.DefaultSettings()), &st, 60, 10)
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
