package profit

import (
	"strings"
	"time"

	"clientele/model"
	"clientele/tui/kit"
)

// profitData is what the Profit tab draws, computed in a command: the
// analysis, and the whale curve reduced to a fixed number of spans so
// that drawing it costs the same at 100 customers or 100,000.
type profitData struct {
	summary model.ProfitSummary
	// empty: nothing is recorded at all, in any period.
	empty bool
	// curve[j] is the range the whale curve covers over the j-th of
	// curveSpans equal shares of the customers.
	curve []curveSpan
	// The curve's highest point: after how many customers, and how much.
	peakAt   int
	peak     model.Money
	low, top model.Money // the curve's range, zero included
}

// curveSpan is the lowest and highest cumulative profit over one share
// of the customers.
type curveSpan struct{ lo, hi model.Money }

// curveSpans is how many shares of the customers the curve is kept in:
// more than the dots of the widest chart.
const curveSpans = 600

// computeProfit reads the period's book and analyses it. It runs in a
// command, never in Update or View.
func computeProfit(store model.ProfitStore, period model.Period, today time.Time, s model.Settings) (*profitData, error) {
	book, err := store.ProfitBook(kit.Bg(), period)
	if err != nil {
		return nil, err
	}
	return analyseProfit(book, today, s), nil
}

// analyseProfit analyses a book and keeps its whale curve in spans.
func analyseProfit(book model.ProfitBook, today time.Time, s model.Settings) *profitData {
	sum := model.AnalyseProfit(book, model.ProfitOptions{Today: today, Settings: s})
	d := &profitData{summary: sum, empty: book.FirstDay.IsZero()}
	cum := sum.Cumulative
	if len(cum) == 0 {
		return d
	}
	d.curve = whaleSpans(cum, curveSpans)
	d.peakAt, _ = sum.WhalePeak()
	d.peak = cum[d.peakAt-1]
	d.top = max(d.peak, 0)
	for _, sp := range d.curve {
		d.low = min(d.low, sp.lo)
	}
	return d
}

// whaleSpans reduces the curve to k spans. The curve runs straight from
// one customer to the next, starting at zero before the first; span j
// covers the positions from j/k to (j+1)/k of the way along, its ends and
// every customer inside.
func whaleSpans(cum []model.Money, k int) []curveSpan {
	n := len(cum)
	at := func(i int) model.Money { // after i customers
		if i == 0 {
			return 0
		}
		return cum[i-1]
	}
	// along is the curve's value j/k of the way along.
	along := func(j int) model.Money {
		num := j * n // position j*n/k customers
		i, rem := num/k, num%k
		if rem == 0 {
			return at(i)
		}
		a, b := at(i), at(i+1)
		return a + model.Money(float64(b-a)*float64(rem)/float64(k))
	}
	out := make([]curveSpan, k)
	for j := range out {
		lo, hi := along(j), along(j+1)
		if lo > hi {
			lo, hi = hi, lo
		}
		for i := j*n/k + 1; i*k < (j+1)*n; i++ {
			v := at(i)
			lo, hi = min(lo, v), max(hi, v)
		}
		out[j] = curveSpan{lo, hi}
	}
	return out
}

// braille draws dots on a grid of cells, each two dots wide and four high.
type braille struct {
	w, h  int
	cells []uint8
}

func newBraille(w, h int) *braille { return &braille{w: w, h: h, cells: make([]uint8, w*h)} }

// brailleBits[y][x] is the bit of the dot at (x, y) within a cell.
var brailleBits = [4][2]uint8{{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}}

// set puts a dot at (x, y), y counted from the top; dots off the grid are
// left out.
func (b *braille) set(x, y int) {
	if x < 0 || y < 0 || x >= 2*b.w || y >= 4*b.h {
		return
	}
	b.cells[(y/4)*b.w+x/2] |= brailleBits[y%4][x%2]
}

// at returns the character of cell (cx, cy), or 0 when it has no dot.
func (b *braille) at(cx, cy int) rune {
	bits := b.cells[cy*b.w+cx]
	if bits == 0 {
		return 0
	}
	return rune(0x2800 + int(bits))
}

// whaleChart draws the whale curve in w columns and h lines (at least
// minChartLines): x is the share of customers, most profitable first, y
// their cumulative profit, as a share of the customers' profit when that
// is positive (the 100% line marked), else in money; the peak is
// labelled on the line above the plot.
func whaleChart(d *profitData, st *kit.Styles, w, h int) []string {
	sum := &d.summary
	total := sum.CustomerProfitTotal()
	shares := total > 0
	label := func(v model.Money) string {
		if shares {
			return kit.Percent(float64(v) / float64(total))
		}
		return v.Short(sum.Symbol)
	}
	top, low := d.top, d.low
	if shares {
		top = max(top, total)
	}
	if top == low {
		return []string{st.Muted.Render("Every customer broke even: there is no curve to draw.")}
	}
	plotH := h - 3 // the peak's label over the plot, the axis and its labels under it
	if plotH < 1 {
		return nil
	}
	// The y labels: the top, the 100% line, zero and the bottom, the
	// more telling first where two fall on one line.
	row := func(v model.Money) int {
		dots := 4*plotH - 1
		y := int(float64(v-low)*float64(dots)/float64(top-low) + 0.5)
		return (dots - y) / 4
	}
	labels := make([]string, plotH)
	mark := func(v model.Money) {
		if r := row(v); labels[r] == "" {
			labels[r] = label(v)
		}
	}
	if shares {
		mark(total)
	}
	mark(0)
	mark(top)
	mark(low)
	lw := 0
	for _, l := range labels {
		lw = max(lw, len([]rune(l)))
	}
	plotW := w - lw - 1
	if plotW < 8 {
		return []string{st.Muted.Render("(too narrow for the whale curve)")}
	}
	dots := newBraille(plotW, plotH)
	xs, ys := 2*plotW, 4*plotH
	dotY := func(v model.Money) int {
		return ys - 1 - int(float64(v-low)*float64(ys-1)/float64(top-low)+0.5)
	}
	k := len(d.curve)
	for x := range xs {
		j0 := x * k / xs
		j1 := max((x+1)*k/xs, j0+1)
		lo, hi := d.curve[j0].lo, d.curve[j0].hi
		for _, sp := range d.curve[j0:j1] {
			lo, hi = min(lo, sp.lo), max(hi, sp.hi)
		}
		for y := dotY(hi); y <= dotY(lo); y++ {
			dots.set(x, y)
		}
	}
	// The reference lines: 100% of the customers' profit, and zero when
	// the curve goes below it.
	lineAt := map[int]bool{}
	if shares {
		lineAt[row(total)] = true
	}
	if low < 0 {
		lineAt[row(0)] = true
	}
	lines := []string{peakLabel(d, st, lw+1, plotW, label)}
	var b strings.Builder
	for cy := range plotH {
		b.Reset()
		axis := "│"
		if labels[cy] != "" {
			axis = "┤"
		}
		b.WriteString(st.Muted.Render(kit.FitCell(labels[cy], lw, true) + axis))
		run, runDots := "", false
		flush := func() {
			if run == "" {
				return
			}
			if runDots {
				b.WriteString(st.Accent.Render(run))
			} else {
				b.WriteString(st.Muted.Render(run))
			}
			run = ""
		}
		for cx := range plotW {
			r := dots.at(cx, cy)
			isDot := r != 0
			if !isDot {
				r = ' '
				if lineAt[cy] {
					r = '┈'
				}
			}
			if isDot != runDots {
				flush()
				runDots = isDot
			}
			run += string(r)
		}
		flush()
		lines = append(lines, b.String())
	}
	lines = append(lines, st.Muted.Render(strings.Repeat(" ", lw)+"└"+strings.Repeat("─", plotW)))
	lines = append(lines, st.Muted.Render(xLabels(lw+1, plotW)))
	return lines
}

// peakLabel writes "▼ peak 143% at 18% of customers" on the line over the
// plot, the arrow over the peak's column; nothing when no customer made a
// profit, and the curve only falls.
func peakLabel(d *profitData, st *kit.Styles, indent, plotW int, label func(model.Money) string) string {
	if d.peak <= 0 {
		return ""
	}
	n := len(d.summary.Customers)
	share := float64(d.peakAt) / float64(n)
	cx := min(plotW-1, max(0, int(share*float64(plotW)+0.5)-1))
	text := "peak " + label(d.peak) + " at " + kit.Percent(share) + " of customers"
	if cx+2+len([]rune(text)) <= plotW {
		return strings.Repeat(" ", indent+cx) + st.Good.Render("▼ "+text)
	}
	start := max(0, cx-len([]rune(text))-1)
	return strings.Repeat(" ", indent+start) + st.Good.Render(kit.Truncate(text, cx-start)+" ▼")
}

// xLabels writes the x axis's labels: 0%, 50% and 100% of customers.
func xLabels(indent, plotW int) string {
	end := "100% of customers"
	if plotW < len(end)+8 {
		end = "100%"
	}
	line := []rune(strings.Repeat(" ", indent+plotW))
	put := func(at int, s string) {
		for i, r := range []rune(s) {
			if at+i >= 0 && at+i < len(line) {
				line[at+i] = r
			}
		}
	}
	put(indent, "0%")
	if plotW >= 24 {
		put(indent+plotW/2-1, "50%")
	}
	put(indent+plotW-len([]rune(end)), end)
	return string(line)
}

// minChartLines is the fewest lines the whale curve is drawn in.
const minChartLines = 6

// monthBars draws revenue and profit by month, one line per month from
// first: the month, both amounts, and a bar on a zero axis. Revenue is
// the light bar, profit the solid one over it; whatever is negative
// grows left of the axis, in the bad colour.
func monthBars(months []model.MonthProfit, st *kit.Styles, symbol string, w, first, n int) []string {
	const labelW, amountW = 8, 10
	area := w - labelW - 2*amountW - 4
	var pos, neg model.Money
	for _, m := range months {
		pos = max(pos, m.Revenue, m.Profit)
		neg = max(neg, -m.Revenue, -m.Profit)
	}
	negW, posW := 0, area-1
	if neg > 0 && area > 8 {
		negW = max(3, int(float64(area-1)*float64(neg)/float64(neg+pos)+0.5))
		posW = area - 1 - negW
	}
	cells := func(v, scale model.Money, width int) int {
		if v <= 0 || scale <= 0 || width <= 0 {
			return 0
		}
		return min(width, max(1, int(float64(v)*float64(width)/float64(scale)+0.5)))
	}
	var out []string
	for _, m := range months[first:min(len(months), first+n)] {
		var b strings.Builder
		b.WriteString(kit.FitCell(m.Month.Format("Jan 2006"), labelW, false) + " ")
		b.WriteString(st.Money(m.Revenue).Render(kit.FitCell(m.Revenue.Short(symbol), amountW, true)) + " ")
		b.WriteString(st.Money(m.Profit).Render(kit.FitCell(m.Profit.Short(symbol), amountW, true)) + " ")
		if area > 2 {
			// Left of the axis: losses; right of it: revenue, profit over it.
			lossP, lossR := cells(-m.Profit, neg, negW), cells(-m.Revenue, neg, negW)
			left := max(lossP, lossR)
			b.WriteString(strings.Repeat(" ", negW-left))
			b.WriteString(st.Bad.Render(strings.Repeat("░", left-lossP) + strings.Repeat("█", lossP)))
			b.WriteString(st.Muted.Render("│"))
			gainP, gainR := cells(m.Profit, pos, posW), cells(m.Revenue, pos, posW)
			b.WriteString(st.Good.Render(strings.Repeat("█", gainP)))
			b.WriteString(st.Accent.Render(strings.Repeat("░", max(0, gainR-gainP))))
		}
		out = append(out, b.String())
	}
	return out
}
