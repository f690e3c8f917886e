package profit

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// How the Profit tab lays its sections out and draws them. arrange runs
// whenever the size, the data or the section changes, and decides which
// sections the page shows, where, and how tall; View only draws that.

// contentHeight is the height the sections share, under the bars.
func (s *profitScreen) contentHeight() int { return max(0, s.h-profitBars) }

// arrange lays the page out from s.start, moving the start to the section
// with the keys when it would not be shown, and sizes the lists to their
// places.
func (s *profitScreen) arrange() {
	s.columns(max(1, min(profitMaxCols, (s.w+profitGap)/(profitColMin+profitGap))))
	if s.data == nil || s.blank() != "" {
		s.plan = nil
		return
	}
	s.start = min(s.start, s.section)
	if s.cols == 1 {
		// One column: the section with the keys heads the page, so a list
		// left above it never looks like the one j and enter move.
		s.start = s.section
	}
	s.plan = s.layout(s.start)
	if !s.shows(s.section) {
		s.start = s.section
		s.plan = s.layout(s.start)
	}
	// Columns the sections leave empty go to those shown: a wide terminal
	// shows the reasons and the headline whole rather than a blank column.
	// Wider columns make no section taller, so the same sections fit.
	if used := s.usedColumns(); used < s.cols {
		s.columns(used)
		s.plan = s.layout(s.start)
	}
	for i := range s.lists {
		s.lists[i].SetBlurred(secTop+profitSection(i) != s.section)
	}
	for _, p := range s.plan {
		switch p.section {
		case secTop, secBottom:
			_, t := s.ranked(p.section)
			t.SetSize(s.colW, max(2, p.h-1-s.paneHeight(p)))
		case secMonths:
			s.months = max(0, min(s.months, len(s.data.summary.Months)-(p.h-1)))
		}
	}
}

// freeBeside is how far a line of the section placed at p may run on to
// the right, at page line y: over the next column when no section there
// covers that line.
func (s *profitScreen) freeBeside(p placed, y int) int {
	if p.col+1 >= s.cols {
		return 0
	}
	for _, q := range s.plan {
		if q.col == p.col+1 && y >= q.y && y < q.y+q.h {
			return 0
		}
	}
	return profitGap + s.colW
}

// columns splits the width into n columns of sections.
func (s *profitScreen) columns(n int) {
	s.cols = n
	s.colW = max(1, (s.w-(n-1)*profitGap)/n)
}

// usedColumns is how many columns the plan puts sections in.
func (s *profitScreen) usedColumns() int {
	used := 1
	for _, p := range s.plan {
		used = max(used, p.col+1)
	}
	return used
}

// shows reports whether the page shows sec.
func (s *profitScreen) shows(sec profitSection) bool {
	for _, p := range s.plan {
		if p.section == sec {
			return true
		}
	}
	return false
}

// layout places the sections from start on, each whole under the one
// before it (a blank line between) or at the top of the next column; the
// first of a column is cut to the column when taller.
func (s *profitScreen) layout(start profitSection) []placed {
	hh := s.contentHeight()
	if hh <= 0 {
		return nil
	}
	var out []placed
	col, y := 0, 0
	for sec := start; sec < profitSections; sec++ {
		need := s.natural(sec)
		if y > 0 && y+1+need > hh {
			col, y = col+1, 0
		}
		if col >= s.cols {
			break
		}
		if y > 0 {
			y++
		}
		h := min(need, hh-y)
		out = append(out, placed{section: sec, col: col, y: y, h: h})
		y += h
	}
	s.roomForPane(out, hh)
	return out
}

// roomForPane gives the list with the keys, in columns side by side, the
// lines of its pane when its column has them spare below, moving the sections under it down; else
// the pane takes rows of the list (paneHeight). The sections' places do
// not depend on which has the keys, so v never moves them about.
func (s *profitScreen) roomForPane(out []placed, hh int) {
	if s.cols == 1 || (s.section != secTop && s.section != secBottom) {
		return
	}
	at := -1
	bottom := map[int]int{}
	for i, p := range out {
		bottom[p.col] = max(bottom[p.col], p.y+p.h)
		if p.section == s.section {
			at = i
		}
	}
	if at < 0 || bottom[out[at].col]+paneLines > hh {
		return
	}
	out[at].h += paneLines
	for i := at + 1; i < len(out) && out[i].col == out[at].col; i++ {
		out[i].y += paneLines
	}
}

// natural is the height sec reads best in at the column width: its
// heading and all of it.
func (s *profitScreen) natural(sec profitSection) int {
	sum := &s.data.summary
	switch sec {
	case secOverview:
		return 1 + s.totalsHeight() + len(s.costNote()) + 1 + len(s.headline()) + s.chartLines()
	case secTop, secBottom:
		list, _ := s.ranked(sec)
		if len(list) == 0 {
			return 2
		}
		if sec == s.section && s.cols == 1 {
			return 2 + len(list) + paneLines // it heads the page: what follows moves down
		}
		return 2 + len(list) // and the pane, where there is room (roomForPane)
	case secMonths:
		return 1 + max(1, len(sum.Months))
	}
	return 2 + len(s.tierRows())
}

// chartLines is the height the whale curve is drawn in when there is
// room: the peak's label, eight lines of plot, the axis and its labels.
func (s *profitScreen) chartLines() int {
	if len(s.data.summary.Customers) == 0 {
		return 0
	}
	return 8 + 3
}

// paneHeight is the pane under a list placed at p: only for the section
// with the keys, and only when the list keeps two rows beside it (or its
// only one).
func (s *profitScreen) paneHeight(p placed) int {
	list, _ := s.ranked(p.section)
	if p.section != s.section || p.h-1-paneLines < 1+min(len(list), 2) {
		return 0
	}
	return paneLines
}

// monthRows is how many months the page shows.
func (s *profitScreen) monthRows() int {
	for _, p := range s.plan {
		if p.section == secMonths {
			return p.h - 1
		}
	}
	return 0
}

// blank is the sentence shown instead of the sections while there is
// nothing to draw, or "".
func (s *profitScreen) blank() string {
	d := s.data
	stale := d == nil || !d.summary.Period.Same(s.period)
	switch {
	case s.failed != nil && stale:
		return "Could not add up " + s.period.String() + ": " + strings.TrimSuffix(kit.ErrorText(s.failed), ".") +
			". Press r to try again."
	case stale:
		// The period on screen is being added up (or checked first).
		return "Adding up " + s.period.String() + "…"
	case d.empty:
		return "Nothing recorded yet: profit shows here once there are orders. Add one with o on a customer, " +
			"or import your sales with i on the customer list."
	case len(d.summary.Customers) == 0 && !d.summary.Unattributed.Active():
		return "No orders or costs in " + d.summary.Period.String() + ". Press p for another period, or d for " +
			"dates of your own."
	}
	return ""
}

// View implements screen.
func (s *profitScreen) View() string {
	st := s.com.Styles
	lines := []string{s.sectionsBar(), s.periodBar()}
	if text := s.blank(); text != "" {
		lines = append(lines, "")
		for _, l := range kit.Wrap(text, s.w) {
			lines = append(lines, st.Muted.Render(l))
		}
		return strings.Join(lines[:min(len(lines), max(s.h, 0))], "\n")
	}
	blank, gap := strings.Repeat(" ", s.colW), strings.Repeat(" ", profitGap)
	page := make([][]string, s.cols)
	for _, p := range s.plan {
		c := page[p.col]
		for len(c) < p.y {
			c = append(c, blank)
		}
		page[p.col] = append(c, s.draw(p)...)
	}
	for y := range s.contentHeight() {
		var b strings.Builder
		for c := 0; c < s.cols; c++ {
			if c > 0 {
				b.WriteString(gap)
			}
			l := blank
			if y < len(page[c]) {
				l = page[c][y]
			}
			b.WriteString(l)
			if kit.Width(l) > s.colW {
				c++ // the line runs on over the next column, blank there
			}
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	return strings.Join(lines[:min(len(lines), max(s.h, 0))], "\n")
}

// sectionsBar names every section, the one with the keys highlighted, and
// the period's days at the right when they fit; when the names do not,
// it names the one with the keys and counts them.
func (s *profitScreen) sectionsBar() string {
	st := s.com.Styles
	bar := s.pickerBar(profitSectionNames[:], int(s.section))
	if kit.Width(bar) > s.w {
		bar = st.ActiveTab.Render(profitSectionNames[s.section]) +
			st.Muted.Render(fmt.Sprintf(" · section %d of %d · v", s.section+1, profitSections))
	}
	span := s.period.Span()
	if s.loading && s.data != nil {
		span = "updating… " + span
	}
	if gap := s.w - kit.Width(bar) - len([]rune(span)); gap >= 2 {
		bar += strings.Repeat(" ", gap) + st.Muted.Render(span)
	}
	return kit.Truncate(bar, s.w)
}

// periodBar is the period picker the Segments tab and the detail share
// (kit.PeriodBar).
func (s *profitScreen) periodBar() string { return kit.PeriodBar(s.com, s.w) }

// pickerBar writes names in a row, the one at on highlighted.
func (s *profitScreen) pickerBar(names []string, on int) string {
	st := s.com.Styles
	parts := make([]string, len(names))
	for i, n := range names {
		if i == on {
			parts[i] = st.ActiveTab.Render(n)
		} else {
			parts[i] = st.Tab.Render(n)
		}
	}
	return strings.Join(parts, "  ")
}

// heading is a section's title line: highlighted on the section with the
// keys when the page shows more than one; the monthly bars' legend at the
// right.
func (s *profitScreen) heading(p placed) string {
	st := s.com.Styles
	sum := &s.data.summary
	var title, right string
	switch p.section {
	case secOverview:
		title = "Totals · " + sum.Period.String()
		if note := s.com.Period.Note; note != "" && s.com.Period.On(s.com.Today()).Same(sum.Period) {
			title += " · " + note // why the tab opened here and not on the last 12 months
		}
	case secTop, secBottom:
		list, _ := s.ranked(p.section)
		title = "Most profitable"
		if p.section == secBottom {
			title = "Least profitable"
		}
		title += fmt.Sprintf(" · %d of %s", len(list), model.Plural(len(sum.Customers), "customer", "customers"))
	case secMonths:
		title = "Revenue and profit by month"
		if n, shown := len(sum.Months), p.h-1; n > shown {
			title += fmt.Sprintf(" · %d–%d of %d", s.months+1, min(n, s.months+shown), n)
		}
		right = st.Accent.Render("░") + st.Muted.Render(" revenue ") + st.Good.Render("█") + st.Muted.Render(" profit")
	case secTiers:
		title = "By package tier"
	}
	if p.section == s.section && len(s.plan) > 1 {
		title = st.ActiveTab.Render(title)
	} else {
		title = st.Section.Render(title)
	}
	if gap := s.colW - kit.Width(title) - kit.Width(right); right != "" && gap >= 2 {
		title += strings.Repeat(" ", gap) + right
	}
	return kit.Truncate(title, s.colW)
}

// bodyKey is everything a section's body is drawn from besides the data's
// contents: a body drawn for the same key is drawn again from the cache.
type bodyKey struct {
	data          *profitData
	w, h          int
	months        int
	pane, keys    bool
	cursor, first int
	free          string // the width free beside each line (freeBeside)
}

// cachedBody is a section's body as last drawn, each line exactly the
// column's width.
type cachedBody struct {
	key   bodyKey
	lines []string
}

// draw renders the section placed at p in at most p.h lines: its heading,
// then its body, drawn once for as long as what it shows stays the same.
func (s *profitScreen) draw(p placed) []string {
	head := s.heading(p)
	lines := []string{head + strings.Repeat(" ", max(0, s.colW-kit.Width(head)))}
	if p.h <= 1 {
		return lines
	}
	h := p.h - 1
	key := bodyKey{data: s.data, w: s.colW, h: h}
	for y := p.y + 1; y < p.y+p.h; y++ {
		key.free += strconv.Itoa(s.freeBeside(p, y)) + " "
	}
	switch p.section {
	case secTop, secBottom:
		_, t := s.ranked(p.section)
		first, _ := t.Visible()
		key.pane, key.cursor, key.first, key.keys = s.paneHeight(p) > 0, t.Cursor(), first, p.section == s.section
	case secMonths:
		key.months = s.months
	}
	if c := s.bodies[p.section]; c.key == key && c.lines != nil {
		return append(lines, c.lines...)
	}
	var body []string
	switch p.section {
	case secOverview:
		body = s.overview(h)
	case secTop, secBottom:
		body = s.rankedList(p)
	case secMonths:
		body = s.monthsBody(h)
	case secTiers:
		body = s.tiersBody()
	}
	body = body[:min(len(body), h)]
	for i, l := range body {
		l = kit.Truncate(l, s.colW+s.freeBeside(p, p.y+1+i))
		body[i] = l + strings.Repeat(" ", max(0, s.colW-kit.Width(l)))
	}
	s.bodies[p.section] = cachedBody{key: key, lines: body}
	return append(lines, body...)
}

// overview draws the totals, the whale curve's headline and the curve in
// h lines.
func (s *profitScreen) overview(h int) []string {
	st := s.com.Styles
	out := s.totalsLines()
	for _, l := range s.costNote() {
		out = append(out, st.Warn.Render(l))
	}
	out = append(out, "")
	for _, l := range s.headline() {
		out = append(out, st.Accent.Render(l))
	}
	if left := h - len(out); left >= minChartLines && s.chartLines() > 0 {
		out = append(out, whaleChart(s.data, &st, s.colW, min(left, s.chartLines()))...)
	}
	return out
}

// costNote says how much of the revenue has no unit cost recorded (the
// margin counts it whole as profit) and where to add one; nothing when
// every sale has a cost. Three lines at most.
func (s *profitScreen) costNote() []string {
	t := &s.data.summary.Totals
	if t.Uncosted <= 0 {
		return nil
	}
	whose := ""
	if t.UncostedCustomers > 0 {
		whose = " from " + model.Plural(t.UncostedCustomers, "customer", "customers")
	}
	lines := kit.Wrap(fmt.Sprintf("%s of revenue%s has no unit cost recorded, so its margin shows as 100%%: give "+
		"offerings a unit cost (O on Customers) or import the orders with a cost column.", s.com.MoneyShort(t.Uncosted), whose), s.colW)
	return lines[:min(len(lines), 3)]
}

// headline is the whale curve's sentence, wrapped to two lines at most,
// evenly: no last word alone on a line.
func (s *profitScreen) headline() []string {
	lines := kit.WrapEven(kit.Capitalise(s.data.summary.Headline)+".", s.colW)
	return lines[:min(len(lines), 2)]
}

// The totals: eight figures, in two columns of labelled values where the
// column is wide enough, else in one.
const (
	totalLabelW = 14
	totalValueW = 13
	totalsTwoUp = 2*(totalLabelW+totalValueW) + 4
	totalFigs   = 8
)

// totalsHeight is how many lines the totals take.
func (s *profitScreen) totalsHeight() int {
	if s.colW >= totalsTwoUp {
		return totalFigs / 2
	}
	return totalFigs
}

// totalsLines draws the totals.
func (s *profitScreen) totalsLines() []string {
	st := s.com.Styles
	sum := &s.data.summary
	t := sum.Totals
	margin := "–"
	if t.HasMargin {
		margin = kit.Percent(t.Margin)
	}
	type fig struct {
		label, value string
		bad          bool
	}
	figs := [totalFigs]fig{
		{"Revenue", s.com.Money(t.Revenue), t.Revenue < 0},
		{"Direct cost", s.com.Money(t.DirectCost), false},
		{"Cost to serve", s.com.Money(t.CostToServe), false},
		{"Profit", s.com.Money(t.Profit), t.Profit < 0},
		{"Customers", model.Commas(t.Customers), false},
		{"Sale orders", model.Commas(t.Orders), false},
		{"Unattributed", s.com.Money(sum.Unattributed.Revenue), false},
		{"Margin", margin, t.HasMargin && t.Margin < 0},
	}
	figCell := func(f fig) string {
		v := kit.FitCell(f.value, totalValueW, true)
		if f.bad {
			v = st.Bad.Render(v)
		}
		return st.Label.Render(kit.FitCell(f.label, totalLabelW, false)) + v
	}
	var out []string
	if n := s.totalsHeight(); n < totalFigs {
		for i := range n {
			out = append(out, figCell(figs[i])+"    "+figCell(figs[n+i]))
		}
		return out
	}
	for _, f := range figs {
		out = append(out, figCell(f))
	}
	return out
}

// rankedList draws the top or bottom customers placed at p and, under
// the list with the keys, the one under the cursor in full.
func (s *profitScreen) rankedList(p placed) []string {
	st := s.com.Styles
	list, t := s.ranked(p.section)
	if len(list) == 0 {
		text := "Nobody made a profit in the period."
		if p.section == secBottom {
			text = "Every customer is in the top list."
		}
		return []string{st.Muted.Render(text)}
	}
	cells := s.listCells(p.section)
	// A row beside a blank stretch of the next column runs on into it, so
	// its reason shows whole.
	from, _ := t.Visible()
	t.SetOverflow(func(i int) int { return s.freeBeside(p, p.y+2+i-from) })
	out := strings.Split(t.View(&st, cells, nil), "\n")
	t.SetOverflow(nil)
	if s.paneHeight(p) > 0 {
		out = append(out, s.pane(p.section)...)
	}
	return out
}

// listCells returns the cells of the top or bottom list's rows.
func (s *profitScreen) listCells(sec profitSection) func(i int) []kit.Cell {
	st := &s.com.Styles
	list, _ := s.ranked(sec)
	return func(i int) []kit.Cell {
		r := list[i]
		c := &s.data.summary.Customers[r.Index]
		margin, marginStyle := "–", (*lipgloss.Style)(nil)
		switch {
		case c.NoUnitCost():
			// Sales with no unit cost would read 100%: say what is missing.
			margin, marginStyle = "no cost", &st.Warn
		case c.HasMargin:
			margin = kit.Percent(c.Margin)
		}
		return []kit.Cell{{Text: strconv.Itoa(i + 1), Style: &st.Muted}, {Text: kit.MarkedName(c.Name, c.Stage)},
			{Text: s.com.MoneyShort(c.Revenue)}, s.moneyCell(c.Profit), {Text: margin, Style: marginStyle},
			{Text: r.Reason, Style: &st.Muted}}
	}
}

// moneyCell is an amount in a table, losses in the bad colour.
func (s *profitScreen) moneyCell(m model.Money) kit.Cell {
	c := kit.Cell{Text: s.com.MoneyShort(m)}
	if m < 0 {
		c.Style = &s.com.Styles.Bad
	}
	return c
}

// pane shows the customer under the cursor: who, their figures, and why
// they are in the list, in full.
func (s *profitScreen) pane(sec profitSection) []string {
	st := s.com.Styles
	c, r, _ := s.selected(sec)
	w := s.colW
	head := st.Section.Render(kit.Clean(kit.MarkedName(c.Name, c.Stage))) + "  " + st.Stage(c.Stage).Render(string(c.Stage))
	if len(c.Segments) > 0 {
		head += st.Muted.Render(" · " + kit.Clean(strings.Join(c.Segments, ", ")))
	}
	direct := "direct cost " + s.com.MoneyShort(c.DirectCost)
	if c.NoUnitCost() {
		direct = "no unit cost recorded"
	}
	figs := fmt.Sprintf("revenue %s · %s · to serve %s · %s", s.com.MoneyShort(c.Revenue), direct,
		s.com.MoneyShort(c.CostToServe), model.Plural(c.SaleOrders, "order", "orders"))
	if c.Refunds != 0 {
		figs += " · refunds " + s.com.MoneyShort(-c.Refunds)
	}
	if c.RFMSegment != "" {
		figs += " · RFM " + c.RFM() + " " + c.RFMSegment
	}
	why := kit.Wrap("why: "+r.Reason, w)
	return []string{st.Muted.Render(strings.Repeat("─", w)), kit.Truncate(head, w), st.Muted.Render(kit.Truncate(figs, w)),
		kit.Truncate(why[0], w)}
}

// monthsBody draws h months of bars from the first month in view.
func (s *profitScreen) monthsBody(h int) []string {
	months := s.data.summary.Months
	if len(months) == 0 {
		return []string{s.com.Styles.Muted.Render("No months in the period.")}
	}
	st := s.com.Styles
	return monthBars(months, &st, s.data.summary.Symbol, s.colW, s.months, h)
}

// tierRows are the tiers' figures, then the unattributed sales when there
// are any, as table cells.
func (s *profitScreen) tierRows() [][]string {
	sum := &s.data.summary
	var rows [][]string
	for _, t := range sum.Tiers {
		margin := "–"
		if t.HasMargin {
			margin = kit.Percent(t.Margin)
		}
		rows = append(rows, []string{t.Name, model.Commas(t.Customers), s.com.MoneyShort(t.Revenue),
			s.com.MoneyShort(t.Profit), margin})
	}
	if u := sum.Unattributed; u.Active() {
		rows = append(rows, []string{"unattributed", "–", s.com.MoneyShort(u.Revenue), s.com.MoneyShort(u.Profit), "–"})
	}
	return rows
}

// tiersBody draws the package tiers as a small table.
func (s *profitScreen) tiersBody() []string {
	st := s.com.Styles
	widths := []int{max(8, s.colW-2-4*11), 10, 10, 10, 7}
	line := func(cells []string) string {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range cells {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(kit.FitCell(c, widths[i], i > 0))
		}
		return b.String()
	}
	out := []string{st.ColHead.Render(line([]string{"tier", "customers", "revenue", "profit", "margin"}))}
	for _, r := range s.tierRows() {
		out = append(out, line(r))
	}
	return out
}
