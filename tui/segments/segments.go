package segments

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// segmentFit is the Segments tab: which groups of customers the business
// serves well and which drain it, the best customers and the drains by the
// fit score, who should be an advocate, what the business ignores, who
// refers whom, what each group values, and how the package tiers fare.
// The analysis is computed in a command and kept with the key it was
// computed from (the book's version, the period, the day): on opening the
// tab or a change, a command reads the version and computes again only
// when the key moved, the kept analysis drawn meanwhile. Keys only move
// between its views and rows.
type segmentFit struct {
	com    *kit.Context
	store  Store
	keys   SegmentFitKeys
	fit    *model.SegmentFit
	period model.Period // fit covers: the Context's period when it was computed
	kept   kit.Kept     // what fit was computed from, and the computation under way
	view   fitView
	by     model.Grouping // of the groups and values views
	tables [fitViews]kit.Table
	// measuring: fill is measuring the cells for Fit, which asks for the
	// widest text each column can show.
	measuring bool
	w, h      int
}

// fitView is one of the views of the Segments tab.
type fitView int

// The views, in the order v walks through them.
const (
	viewGroups fitView = iota
	viewBest
	viewDrains
	viewUnscored
	viewAdvocates
	viewIgnored
	viewReferrals
	viewValues
	viewTiers
	fitViews
)

var fitViewNames = [fitViews]string{"Groups", "Best", "Drains", "Unscored", "Advocates", "Ignored", "Referrals",
	"Values", "Tiers"}

// Store is what the Segments tab reads and writes: the facts and figures
// it weighs, the stages it moves customers between, the segments it
// manages, and the book's version, which says whether to weigh again.
type Store interface {
	model.FitStore
	model.SegmentStore
	model.BookVersionStore
}

// New is the Segments tab.
func New(com *kit.Context, store Store) kit.Screen { return newSegmentFit(com, store) }

func newSegmentFit(com *kit.Context, store Store) *segmentFit {
	s := &segmentFit{com: com, store: store, keys: DefaultSegmentFitKeys()}
	num := func(title string, w int) kit.Column { return kit.Column{Title: title, Width: w, Right: true} }
	name := kit.Column{Title: "customer", Width: 12, Flex: 2, Max: 26}
	s.tables[viewGroups] = kit.NewTable(kit.Column{Title: "group", Width: 12, Flex: 3, Max: 24}, num("cust", 6),
		num("rev %", 5), num("profit", 8), num("margin", 6), num("fit", 3), num("refs", 5), num("c/cust", 6),
		num("NPS", 4), kit.Column{Title: "verdict", Width: 8, Flex: 1})
	scored := []kit.Column{num("#", 3), name, num("score", 5), num("profit", 8), num("fit", 3), num("refs", 4),
		num("compl", 5), num("NPS", 3), kit.Column{Title: "why", Width: 10, Flex: 3}}
	s.tables[viewBest] = kit.NewTable(scored...)
	s.tables[viewDrains] = kit.NewTable(scored...)
	s.tables[viewUnscored] = kit.NewTable(name, num("orders", 6), num("revenue", 9), num("profit", 9),
		kit.Column{Title: "missing", Width: 12, Flex: 2})
	s.tables[viewAdvocates] = kit.NewTable(name, num("referred", 8), num("NPS", 3), num("profit", 8),
		kit.Column{Title: "why", Width: 16, Flex: 3})
	s.tables[viewIgnored] = kit.NewTable(kit.Column{Title: "what", Width: 17}, kit.Column{Title: "who", Width: 12, Flex: 1, Max: 22},
		kit.Column{Title: "", Width: 16, Flex: 4})
	s.tables[viewReferrals] = kit.NewTable(kit.Column{Title: "referrer", Width: 12, Flex: 2, Max: 26}, num("brought", 8),
		num("in tree", 7), num("their revenue", 13), num("tree revenue", 12))
	s.tables[viewValues] = kit.NewTable(kit.Column{Title: "group", Width: 12, Flex: 1, Max: 24}, num("cust", 5),
		num("said", 5), kit.Column{Title: "what they value", Width: 20, Flex: 4})
	s.tables[viewTiers] = kit.NewTable(name, num("orders", 6), num("fit", 3), num("revenue", 9), num("profit", 9),
		kit.Column{Title: "why", Width: 10, Flex: 2})
	return s
}

// Title implements screen.
func (s *segmentFit) Title() string { return "Segments" }

// Init shows the kept analysis, if any, and checks in a command that it
// is still the book's over the period the Context holds (kit.Kept, which
// the Profit tab and the detail share); the root calls it again whenever
// the tab is shown.
func (s *segmentFit) Init() tea.Cmd {
	today := s.com.Today()
	return s.kept.Check(s.store, s.com.Period.On(today), today)
}

// loadFit computes the analysis in a command, over the key's period and
// day; key's version was read before, so a change made meanwhile moves
// the version past it and the next check computes again.
func loadFit(store Store, load int, key model.AnalysisKey, settings model.Settings) tea.Cmd {
	return func() tea.Msg {
		f, err := computeFit(store, key.Period, key.Today, settings)
		return fitLoadedMsg{load: load, fit: f, err: err, period: key.Period}
	}
}

// computeFit reads every customer with their figures over period p
// (FitBook) beside the segments' names, and analyses them. It runs in a
// command, never in Update or View. The analysis groups by the segments'
// names only: SegmentNames, not Segments, whose member counts cost ~20 ms
// of CPU at 100,000 customers.
func computeFit(store Store, p model.Period, today time.Time, s model.Settings) (*model.SegmentFit, error) {
	ctx := kit.Bg()
	var cs []model.FitCustomer
	var segs []model.Segment
	err := model.Parallel(
		func() (err error) { cs, err = store.FitBook(ctx, p); return err },
		func() (err error) { segs, err = store.SegmentNames(ctx); return err },
	)
	if err != nil {
		return nil, err
	}
	f := model.AnalyseFit(cs, segs, model.FitOptions{From: p.From, To: p.To, Today: today, Settings: s,
		Weights: model.DefaultFitWeights})
	return &f, nil
}

// SetSize implements screen.
func (s *segmentFit) SetSize(w, h int) {
	s.w, s.h = w, h
	for v := range s.tables {
		s.tables[v].SetSize(w, s.tableHeight(fitView(v)))
	}
}

// Lines of the screen: the views bar and a subtitle on top; under the
// table, when there is room, a pane about the row under the cursor.
const (
	fitHeadLines = 2
	fitPaneLines = 4
)

func (s *segmentFit) paneHeight() int {
	if s.h < 12 {
		return 0
	}
	return fitPaneLines
}

// tableHeight is the height of view v's table, header included.
func (s *segmentFit) tableHeight(v fitView) int {
	h := s.h - fitHeadLines - s.paneHeight()
	if v == viewTiers {
		h -= s.tierLines()
	}
	return max(h, 2)
}

// tierLines is the height of the tiers summary over the candidates.
func (s *segmentFit) tierLines() int {
	if s.fit == nil {
		return 0
	}
	return len(s.fit.Tiers) + 2 // a header, the tiers, a heading for the candidates
}

// current is the current view's table.
func (s *segmentFit) current() *kit.Table { return &s.tables[s.view] }

// Update implements screen.
func (s *segmentFit) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case kit.CheckedMsg:
		if key, load, ok := s.kept.Checked(msg); ok {
			return loadFit(s.store, load, key, s.com.Settings)
		}
		return nil
	case fitLoadedMsg:
		if !s.kept.Done(msg.load, msg.err == nil) {
			return nil
		}
		if msg.err != nil {
			return kit.Send(kit.ErrMsg{Err: msg.err})
		}
		s.fit, s.period = msg.fit, msg.period
		s.fill()
		return nil
	case kit.PeriodMsg:
		return s.Init()
	case kit.SettingsLoadedMsg:
		// The rules weigh by the settings, which the key leaves out: an
		// analysis kept or under way is of the settings before.
		s.kept.Forget()
		return s.Init()
	case kit.DataChangedMsg:
		return s.Init()
	case kit.StageChangedMsg:
		return tea.Batch(s.Init(), kit.Status("%s", kit.StageText(msg)))
	case tea.MouseMsg:
		if s.fit != nil && s.current().HandleMouse(msg, msg.Mouse().Y-s.tableTop()) {
			return s.open()
		}
	case tea.KeyPressMsg:
		return s.handleKey(msg)
	}
	return nil
}

// fill sizes every table to the analysis's rows.
func (s *segmentFit) fill() {
	f := s.fit
	s.tables[viewGroups].SetLen(len(f.Groups[s.by]))
	s.tables[viewBest].SetLen(len(f.Best))
	s.tables[viewDrains].SetLen(len(f.Drains))
	s.tables[viewUnscored].SetLen(len(f.Unscored))
	s.tables[viewAdvocates].SetLen(len(f.Advocates))
	s.tables[viewIgnored].SetLen(len(f.Ignored))
	s.tables[viewReferrals].SetLen(len(f.Referrers))
	s.tables[viewValues].SetLen(len(f.Values[s.by]))
	s.tables[viewTiers].SetLen(len(f.Upgrades))
	// Each view's columns measured on its own rows (cells draws the view
	// shown), so that a wide terminal shows the reasons whole.
	shown := s.view
	s.measuring = true // the verdicts in full, however narrow the column is now
	for v := range s.tables {
		s.view = fitView(v)
		s.tables[v].Fit(s.cells)
	}
	s.view, s.measuring = shown, false
	s.SetSize(s.w, s.h)
}

// tableTop is the line the table's header is drawn on.
func (s *segmentFit) tableTop() int {
	if s.view == viewTiers {
		return fitHeadLines + s.tierLines()
	}
	return fitHeadLines
}

func (s *segmentFit) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := kit.PickPeriod(s.com, s.keys.Period, msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, s.keys.NextView):
		s.view = (s.view + 1) % fitViews
		return nil
	case key.Matches(msg, s.keys.PrevView):
		s.view = (s.view + fitViews - 1) % fitViews
		return nil
	}
	if s.fit == nil {
		return nil
	}
	if s.current().HandleKey(s.keys.ListKeys, msg) {
		return nil
	}
	switch {
	case key.Matches(msg, s.keys.By) && (s.view == viewGroups || s.view == viewValues):
		s.by = s.by.Next()
		s.tables[viewGroups].SetCursor(0)
		s.tables[viewValues].SetCursor(0)
		s.fill()
		return nil
	case key.Matches(msg, s.keys.Open):
		return s.open()
	case key.Matches(msg, s.keys.Fit):
		if c, ok := s.customer(); ok {
			id := c.ID
			return func() tea.Msg { return kit.RateFitMsg{CustomerID: id} }
		}
	case key.Matches(msg, s.keys.LetGo) && s.view == viewDrains:
		if c, ok := s.customer(); ok {
			return openLetGo(s.com, s.store, *c, s.period)
		}
	case key.Matches(msg, s.keys.Promote) && s.view == viewAdvocates:
		if c, ok := s.customer(); ok {
			return kit.SetStage(s.store, c.ID, model.StageAdvocate, "")
		}
	case key.Matches(msg, s.keys.Tree) && s.view == viewReferrals:
		if c, ok := s.customer(); ok {
			fit, id := s.fit, c.ID
			return kit.Push(func() kit.Screen { return newReferralTree(s.com, fit, id) })
		}
	case s.view == viewGroups && s.by == model.BySegment:
		return s.segmentKey(msg)
	}
	return nil
}

// segmentKey handles the keys that manage the owner's segments.
func (s *segmentFit) segmentKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, s.keys.NewSegment) {
		return openSegmentEdit(s.com, s.store, editNew, "")
	}
	g, ok := s.group()
	manage := key.Matches(msg, s.keys.Rename) || key.Matches(msg, s.keys.Merge) || key.Matches(msg, s.keys.Delete)
	switch {
	case !ok:
		return nil
	case g.Name == model.NoSegment && manage:
		return kit.Status("%s is everyone in none of your segments: pick a segment to rename, merge or delete.",
			model.NoSegment)
	case key.Matches(msg, s.keys.Rename):
		return openSegmentEdit(s.com, s.store, editRename, g.Name)
	case key.Matches(msg, s.keys.Merge):
		return openSegmentEdit(s.com, s.store, editMerge, g.Name)
	case key.Matches(msg, s.keys.Delete):
		return openSegmentEdit(s.com, s.store, editDelete, g.Name)
	}
	return nil
}

// openLetGo reads the time the customer took over the period, then opens
// the let-go form.
func openLetGo(com *kit.Context, store model.FitStore, c model.FitCustomer, p model.Period) tea.Cmd {
	return func() tea.Msg {
		minutes, err := store.TimeSpent(kit.Bg(), c.ID, p)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		c.TimeMinutes = minutes
		return kit.PushMsg{Open: func() kit.Screen { return kit.NewForm(com, newLetGoForm(com, store, c, p)) }}
	}
}

// customer returns the customer under the cursor on a view of customers.
func (s *segmentFit) customer() (*model.FitCustomer, bool) {
	f := s.fit
	i := s.current().Cursor()
	from := func(list []int) (*model.FitCustomer, bool) {
		if i >= len(list) {
			return nil, false
		}
		return &f.Customers[list[i]], true
	}
	switch s.view {
	case viewBest:
		return from(f.Best)
	case viewDrains:
		return from(f.Drains)
	case viewUnscored:
		return from(f.Unscored)
	case viewTiers:
		return from(f.Upgrades)
	case viewAdvocates:
		if i < len(f.Advocates) {
			return &f.Customers[f.Advocates[i].Index], true
		}
	case viewReferrals:
		if i < len(f.Referrers) {
			return f.Customer(f.Referrers[i].ID)
		}
	}
	return nil, false
}

// group returns the group under the cursor on the groups view.
func (s *segmentFit) group() (model.GroupRow, bool) {
	rows := s.fit.Groups[s.by]
	i := s.tables[viewGroups].Cursor()
	if i >= len(rows) {
		return model.GroupRow{}, false
	}
	return rows[i], true
}

// open shows the customer under the cursor.
func (s *segmentFit) open() tea.Cmd {
	if c, ok := s.customer(); ok {
		id := c.ID
		return func() tea.Msg { return kit.OpenCustomerMsg{ID: id} }
	}
	return nil
}

// View implements screen.
func (s *segmentFit) View() string {
	st := s.com.Styles
	var b strings.Builder
	b.WriteString(s.viewsBar())
	b.WriteByte('\n')
	if s.fit == nil {
		b.WriteString(st.Muted.Render("Weighing every customer…"))
		return b.String()
	}
	b.WriteString(kit.Truncate(s.subtitle(), s.w))
	b.WriteByte('\n')
	if s.view == viewTiers {
		b.WriteString(s.tiersSummary())
		b.WriteByte('\n')
	}
	t := s.current()
	if t.Len() == 0 {
		b.WriteString(st.Muted.Render(s.emptyText()))
		return b.String()
	}
	b.WriteString(t.View(&st, s.cells, nil))
	if s.paneHeight() > 0 {
		from, to := t.Visible()
		for i := to - from; i < t.Height(); i++ {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
		b.WriteString(st.Muted.Render(strings.Repeat("─", s.w)))
		for _, l := range s.pane() {
			b.WriteByte('\n')
			b.WriteString(kit.Truncate(l, s.w))
		}
	}
	return b.String()
}

// viewsBar names every view, the current one highlighted; when they do
// not all fit, the first ones give way (an ellipsis says so) until the
// current one shows.
func (s *segmentFit) viewsBar() string {
	st := s.com.Styles
	parts := make([]string, len(fitViewNames))
	for i, n := range fitViewNames {
		if fitView(i) == s.view {
			parts[i] = st.ActiveTab.Render(n)
		} else {
			parts[i] = st.Tab.Render(n)
		}
	}
	line := strings.Join(parts, "  ")
	for first := 1; kit.Width(line) > s.w && first <= int(s.view); first++ {
		line = st.Tab.Render("…") + "  " + strings.Join(parts[first:], "  ")
	}
	return kit.Truncate(line, s.w)
}

// subtitle says what the view shows, over which period.
func (s *segmentFit) subtitle() string {
	st := s.com.Styles
	f := s.fit
	period := s.periodText()
	var text string
	switch s.view {
	case viewGroups:
		margin := "no revenue"
		switch {
		case f.Totals.Revenue != 0 && f.Totals.DirectCost == 0:
			// An import without unit costs: a margin of 100% would mislead.
			margin = "no unit costs recorded: margins count sales as profit"
		case f.Totals.HasMargin:
			margin = "margin " + kit.Percent(f.Totals.Margin) + " overall"
		}
		text = "By " + s.by.String() + " · " + period + " · " + margin
		// What "rev %" is, where the line has room.
		if legend := " · rev %: of revenue; one customer can count in two groups"; kit.Width(text+legend) <= s.w {
			text += legend
		}
	case viewBest, viewDrains:
		what := model.Plural(len(f.Best), "best customer", "best customers")
		if s.view == viewDrains {
			what = model.Plural(len(f.Drains), "drain", "drains")
		}
		text = fmt.Sprintf("%s · %s · %s not scored", what, period, model.Commas(len(f.Unscored)+f.NoSale))
	case viewUnscored:
		text = fmt.Sprintf("Known only by their profit: rate their fit · %s more had no sale in the period", model.Commas(f.NoSale))
	case viewAdvocates:
		text = "Customers who referred someone or scored 9–10, not yet advocates"
	case viewIgnored:
		text = "What the data says you are not serving · " + period
	case viewReferrals:
		text = "Who brought whom, all time · in tree: everyone down their line of referrals"
	case viewValues:
		text = "What customers value, by " + s.by.String()
	case viewTiers:
		text = "Package tiers · " + period
	}
	return st.Muted.Render(text)
}

// periodText names the period the analysis covers, with its days in the
// book's order, and why the tab opened on it when the root chose it
// (the book's records are older): "2010 (your records end on 23/12/2010)".
func (s *segmentFit) periodText() string {
	p := s.period
	text := p.Label()
	switch p.Kind {
	case model.PeriodThisMonth, model.PeriodLast12Months, model.PeriodYearToDate:
		text += " " + s.com.Date(p.From) + " to " + s.com.Date(p.To)
	}
	if note := s.com.Period.Note; note != "" && s.com.Period.On(s.com.Today()).Same(p) {
		text += " (" + note + ")"
	}
	return text
}

// emptyText says why the view's list is empty.
func (s *segmentFit) emptyText() string {
	switch s.view {
	case viewBest:
		return "No best customers yet: nobody scores +" + strconv.Itoa(model.BestFrom) + " with a good fit, referrals or NPS 9–10."
	case viewDrains:
		return "No drains: nobody loses money, fits poorly or complains enough to score " + model.Signed(model.DrainFrom) + "."
	case viewUnscored:
		return "Everyone who bought in the period has a score."
	case viewAdvocates:
		return "Nobody to suggest: whoever referred or scored 9–10 is an advocate."
	case viewIgnored:
		return "Nothing ignored that the data can see."
	case viewReferrals:
		return "No referrals recorded yet: set \"referred by\" on a customer's form."
	case viewTiers:
		return "No upgrade candidates: nobody on the lowest tier with fit 4+ orders often."
	}
	// The groups and the values are empty only when there is nobody at all.
	return "No customers yet: add, import or load the demo on Customers (2)."
}

// cells formats row i of the current view.
func (s *segmentFit) cells(i int) []kit.Cell {
	st := &s.com.Styles
	f := s.fit
	num := strconv.Itoa
	money := func(m model.Money) kit.Cell {
		c := kit.Cell{Text: s.com.MoneyShort(m)}
		if m < 0 {
			c.Style = &st.Bad
		}
		return c
	}
	fit := func(n int) string {
		if n == 0 {
			return "–"
		}
		return num(n)
	}
	nps := func(n int, has bool) string {
		if !has {
			return "–"
		}
		return num(n)
	}
	switch s.view {
	case viewGroups:
		g := f.Groups[s.by][i]
		margin, avgFit, npsText, share := "–", "–", "–", ""
		if g.HasMargin {
			margin = kit.Percent(g.Margin)
		}
		if g.Rated > 0 {
			avgFit = strconv.FormatFloat(g.AvgFit, 'f', 1, 64)
		}
		if g.Answers > 0 {
			npsText = model.Signed(g.NPS)
		}
		if g.Revenue != 0 {
			share = kit.Percent(g.Share)
		}
		// A narrow column says the verdict in a word; the pane gives the reasons.
		verdict := g.Verdict.String()
		if t := &s.tables[viewGroups]; !s.measuring && t.ColumnWidth(len(t.Columns())-1) < 24 {
			verdict = g.Verdict.Kind.Short()
		}
		vs := s.verdictStyle(g.Verdict.Kind)
		return []kit.Cell{{Text: g.Name}, {Text: model.Commas(g.Customers)}, {Text: share}, money(g.Profit), {Text: margin},
			{Text: avgFit}, {Text: num(g.Referrals)}, {Text: strconv.FormatFloat(g.ComplaintsPer(), 'f', 1, 64)},
			{Text: npsText}, {Text: verdict, Style: vs}}
	case viewBest, viewDrains:
		idx := f.Best
		if s.view == viewDrains {
			idx = f.Drains
		}
		c := &f.Customers[idx[i]]
		return []kit.Cell{{Text: num(i + 1), Style: &st.Muted}, {Text: kit.MarkedName(c.Name, c.Stage)},
			{Text: model.Signed(c.Score.Score), Style: s.scoreStyle(c.Score.Score)}, money(c.Profit), {Text: fit(c.Fit)},
			{Text: num(c.Referrals)}, {Text: num(c.Complaints)}, {Text: nps(c.NPS, c.HasNPS)},
			{Text: c.Score.Explain(), Style: &st.Muted}}
	case viewUnscored:
		c := &f.Customers[f.Unscored[i]]
		return []kit.Cell{{Text: kit.MarkedName(c.Name, c.Stage)}, {Text: num(c.Orders)}, money(c.Revenue), money(c.Profit),
			{Text: "fit rating, NPS answer", Style: &st.Muted}}
	case viewAdvocates:
		a := f.Advocates[i]
		c := &f.Customers[a.Index]
		return []kit.Cell{{Text: c.Name}, {Text: num(c.Referrals)}, {Text: nps(c.NPS, c.HasNPS)}, money(c.Profit),
			{Text: a.Reason, Style: &st.Muted}}
	case viewIgnored:
		o := f.Ignored[i]
		return []kit.Cell{{Text: o.Kind.String(), Style: &st.Warn}, {Text: o.Subject}, {Text: o.Text, Style: &st.Muted}}
	case viewReferrals:
		r := f.Referrers[i]
		return []kit.Cell{{Text: kit.MarkedName(r.Name, r.Stage)}, {Text: num(r.Referred)}, {Text: num(r.Network)},
			{Text: s.com.MoneyShort(r.Revenue)}, {Text: s.com.MoneyShort(r.NetworkRevenue)}}
	case viewValues:
		v := f.Values[s.by][i]
		return []kit.Cell{{Text: v.Group}, {Text: model.Commas(v.Customers)}, {Text: model.Commas(v.Known)},
			{Text: valueList(v), Style: &st.Muted}}
	case viewTiers:
		c := &f.Customers[f.Upgrades[i]]
		return []kit.Cell{{Text: kit.MarkedName(c.Name, c.Stage)}, {Text: num(c.Orders)}, {Text: fit(c.Fit)},
			money(c.Revenue), money(c.Profit), {Text: model.UpgradeReason(*c), Style: &st.Muted}}
	}
	return nil
}

// valueList writes a group's values: "quality 75% · price 50%"; or that
// nobody said.
func valueList(v model.ValueBreakdown) string {
	if v.Known == 0 {
		return "nobody said: ask them"
	}
	parts := make([]string, len(v.Values))
	for i, x := range v.Values {
		parts[i] = x.Value + " " + kit.Percent(x.Share)
	}
	return strings.Join(parts, " · ")
}

func (s *segmentFit) verdictStyle(k model.VerdictKind) *lipgloss.Style {
	st := &s.com.Styles
	switch k {
	case model.VerdictBest:
		return &st.Good
	case model.VerdictDrain:
		return &st.Bad
	case model.VerdictWatch:
		return &st.Warn
	case model.VerdictUnknown, model.VerdictNoSale:
		return &st.Muted
	}
	return nil
}

func (s *segmentFit) scoreStyle(score int) *lipgloss.Style {
	switch {
	case score >= model.BestFrom:
		return &s.com.Styles.Good
	case score <= model.DrainFrom:
		return &s.com.Styles.Bad
	}
	return nil
}

// pane writes up to three lines about the row under the cursor.
func (s *segmentFit) pane() []string {
	st := s.com.Styles
	f := s.fit
	w := s.w
	i := s.current().Cursor()
	head := func(name string, rest ...string) string {
		line := st.Section.Render(kit.Clean(name))
		for _, r := range rest {
			line += st.Muted.Render(" · ") + r
		}
		return line
	}
	body := func(text string, n int) []string {
		lines := kit.Wrap(text, w)
		return lines[:min(len(lines), n)]
	}
	key := func(b key.Binding, what string) string {
		return st.Key.Render(b.Help().Key) + st.Muted.Render(" "+what)
	}
	switch s.view {
	case viewGroups:
		g := f.Groups[s.by][i]
		verdict := kit.Clean(g.Verdict.String())
		if vs := s.verdictStyle(g.Verdict.Kind); vs != nil {
			verdict = vs.Render(verdict)
		}
		out := []string{head(g.Name, verdict)}
		vals := f.Values[s.by][i]
		out = append(out, body(fmt.Sprintf("%s, %d with a sale · revenue %s · cost to serve %s · values: %s",
			model.Plural(g.Customers, "customer", "customers"), g.Buyers, s.com.MoneyShort(g.Revenue), s.com.MoneyShort(g.CostToServe),
			valueList(vals)), 2)...)
		return out
	case viewBest, viewDrains:
		c, _ := s.customer()
		l := []string{head(c.Name, st.Stage(c.Stage).Render(string(c.Stage)), "score "+model.Signed(c.Score.Score),
			"profit "+s.com.MoneyShort(c.Profit))}
		l = append(l, body(c.Score.Explain(), 1)...)
		if s.view == viewDrains {
			l = append(l, key(s.keys.LetGo, "shows what letting them go means, then asks why")+"  "+key(s.keys.Open, "opens them"))
		} else {
			l = append(l, key(s.keys.Open, "opens them"))
		}
		return l
	case viewUnscored:
		c, _ := s.customer()
		return []string{head(c.Name, st.Stage(c.Stage).Render(string(c.Stage)), "profit "+s.com.MoneyShort(c.Profit)),
			kit.Clean(c.Score.Missing), key(s.keys.Fit, "rates their fit") + "  " + key(s.keys.Open, "opens them")}
	case viewAdvocates:
		a := f.Advocates[i]
		return []string{head(a.Name), kit.Clean(a.Reason), key(s.keys.Promote, "makes them an advocate")}
	case viewIgnored:
		o := f.Ignored[i]
		return append([]string{head(o.Subject, st.Warn.Render(o.Kind.String()))}, body(o.Text, 2)...)
	case viewReferrals:
		r := f.Referrers[i]
		return []string{head(r.Name, st.Stage(r.Stage).Render(string(r.Stage))),
			fmt.Sprintf("referred %d, %d in their tree · %s came through them, %s through the tree",
				r.Referred, r.Network, s.com.MoneyShort(r.Revenue), s.com.MoneyShort(r.NetworkRevenue)),
			key(s.keys.Tree, "shows the tree") + "  " + key(s.keys.Open, "opens them")}
	case viewValues:
		v := f.Values[s.by][i]
		return append([]string{head(v.Group, fmt.Sprintf("%d of %d said what they value", v.Known, v.Customers))},
			body(valueList(v), 2)...)
	case viewTiers:
		c := &f.Customers[f.Upgrades[i]]
		return []string{head(c.Name, kit.Clean(s.com.Settings.TierName(c.Tier))+" tier"), model.UpgradeReason(*c) +
			": offer them " + kit.Clean(s.com.Settings.TierName(c.Tier+1)), key(s.keys.Open, "opens them")}
	}
	return nil
}

// tiersSummary draws the tiers over the upgrade candidates.
func (s *segmentFit) tiersSummary() string {
	st := s.com.Styles
	row := func(name, cust, buyers, rev, profit, margin string) string {
		return kit.FitCell(name, 16, false) + " " + kit.FitCell(cust, 9, true) + " " + kit.FitCell(buyers, 7, true) + " " +
			kit.FitCell(rev, 10, true) + " " + kit.FitCell(profit, 10, true) + " " + kit.FitCell(margin, 7, true)
	}
	lines := []string{st.ColHead.Render(kit.Truncate("  "+row("tier", "customers", "buyers", "revenue", "profit", "margin"), s.w))}
	for _, t := range s.fit.Tiers {
		margin := "–"
		if t.HasMargin {
			margin = kit.Percent(t.Margin)
		}
		lines = append(lines, kit.Truncate("  "+row(t.Name, model.Commas(t.Customers), model.Commas(t.Buyers), s.com.MoneyShort(t.Revenue),
			s.com.MoneyShort(t.Profit), margin), s.w))
	}
	lines = append(lines, st.Section.Render(kit.Truncate("Upgrade candidates: lowest tier, fit 4+, frequent orders", s.w)))
	return strings.Join(lines, "\n")
}

// Info implements informer: where the cursor is, and whether the
// analysis on screen is being weighed again.
func (s *segmentFit) Info() string {
	var info string
	if s.fit != nil && s.current().Len() > 0 {
		info = fmt.Sprintf("%s of %s", model.Commas(s.current().Cursor()+1), model.Commas(s.current().Len()))
	}
	if s.fit != nil && s.kept.Busy() {
		info = strings.TrimPrefix(info+" · refreshing…", " · ")
	}
	return info
}

// ShortHelp implements help.KeyMap: the keys of the view on screen.
func (s *segmentFit) ShortHelp() []key.Binding {
	k := s.keys
	out := []key.Binding{k.NextView, k.Period.Next}
	if s.com.Period.Kind == model.PeriodYear {
		out = append(out, k.Period.Year)
	}
	empty := s.tables[s.view].Len() == 0
	switch {
	case empty && s.view == viewGroups && s.by == model.BySegment:
		return append(out, k.By, k.NewSegment)
	case empty && (s.view == viewGroups || s.view == viewValues):
		return append(out, k.By)
	case empty:
		return out
	}
	switch s.view {
	case viewGroups:
		out = append(out, k.By)
		if s.by == model.BySegment {
			out = append(out, k.NewSegment)
			if g, ok := s.group(); ok && g.Name != model.NoSegment {
				out = append(out, k.Rename, k.Merge, k.Delete)
			}
		}
	case viewBest:
		out = append(out, k.Open, k.Fit)
	case viewDrains:
		out = append(out, k.LetGo, k.Open, k.Fit)
	case viewAdvocates:
		out = append(out, k.Promote, k.Open)
	case viewReferrals:
		out = append(out, k.Tree, k.Open)
	case viewValues:
		out = append(out, k.By)
	case viewUnscored:
		out = append(out, k.Fit, k.Open)
	case viewTiers:
		out = append(out, k.Open, k.Fit)
	}
	return out
}

// FullHelp implements help.KeyMap.
func (s *segmentFit) FullHelp() [][]key.Binding {
	k := s.keys
	return [][]key.Binding{
		k.ListKeys.Bindings(),
		{k.NextView, k.PrevView, k.By, k.Open, k.Fit},
		k.Period.Bindings(),
		{k.LetGo, k.Promote, k.Tree},
		{k.NewSegment, k.Rename, k.Merge, k.Delete},
	}
}

// WriteKeys implements kit.Writer: the keys of the view on screen that
// write, or open a form that does.
func (s *segmentFit) WriteKeys() []key.Binding {
	k := s.keys
	var keys []key.Binding
	switch {
	case s.view == viewDrains:
		keys = append(keys, k.LetGo)
	case s.view == viewAdvocates:
		keys = append(keys, k.Promote)
	case s.view == viewGroups && s.by == model.BySegment:
		keys = append(keys, k.NewSegment, k.Rename, k.Merge, k.Delete)
	}
	return keys
}
