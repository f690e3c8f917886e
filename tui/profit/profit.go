package profit

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// profitScreen is the Profit tab: what each customer earns the business
// over a period. It shows the totals, the whale curve with its headline,
// the ten most and least profitable customers with why, revenue and
// profit by month, and the package tiers, in sections: one at a time on a
// small terminal, side by side and one under another on a large one. The
// analysis is computed in a command and kept with the key it was computed
// from (the book's version, the period, the day): when the tab opens, the
// period changes or the data changes, a command reads the version and
// computes again only when the key moved, the kept analysis drawn
// meanwhile. Keys only move between sections and rows.
type profitScreen struct {
	com     *kit.Context
	store   Store
	keys    ProfitKeys
	data    *profitData
	kept    kit.Kept // what data was computed from, and the computation under way
	loading bool     // a computation is under way (kept.Busy)
	failed  error    // why the last load failed: the tab says so and offers r

	period model.Period // the Context's period (kit.Period) on today: what the tab shows

	section profitSection // the section the keys act on
	start   profitSection // the first section on the page
	lists   [2]kit.Table  // the top and the bottom customers
	months  int           // the first month row shown
	plan    []placed      // where each section on the page goes
	bodies  [profitSections]cachedBody
	w, h    int
	cols    int // columns of sections side by side: as many as the page uses
	colW    int
}

// profitSection is one section of the Profit tab.
type profitSection int

// The sections, in the order v walks through them and the page lays
// them out.
const (
	secOverview profitSection = iota
	secTop
	secBottom
	secMonths
	secTiers
	profitSections
)

var profitSectionNames = [profitSections]string{"Overview", "Top 10", "Bottom 10", "Months", "Tiers"}

// placed is a section on the page: its column, first line and height.
type placed struct {
	section profitSection
	col, y  int
	h       int
}

// Layout of the tab: two bars on top (sections, period), the sections
// under them in columns at least profitColMin wide with profitGap
// between them, at most profitMaxCols of them.
const (
	profitBars    = 2
	profitColMin  = 64
	profitGap     = 3
	profitMaxCols = 3
	// paneLines is the rule and three lines about the customer under the
	// cursor, under a list that has the keys.
	paneLines = 4
)

// Store is what the Profit tab reads: the book over a period, one
// customer's figures, and the book's version, which says whether to add
// up again.
type Store interface {
	model.ProfitStore
	model.BookVersionStore
}

// New is the Profit tab.
func New(com *kit.Context, store Store) kit.Screen { return newProfitScreen(com, store) }

func newProfitScreen(com *kit.Context, store Store) *profitScreen {
	s := &profitScreen{com: com, store: store, keys: DefaultProfitKeys()}
	s.period = com.Period.On(com.Today())
	for i := range s.lists {
		s.lists[i] = kit.NewTable(kit.Column{Title: "#", Width: 2, Right: true},
			kit.Column{Title: "customer", Width: 12, Flex: 2, Max: 24}, kit.Column{Title: "revenue", Width: 9, Right: true},
			kit.Column{Title: "profit", Width: 9, Right: true}, kit.Column{Title: "margin", Width: 6, Right: true, From: 56},
			kit.Column{Title: "why", Width: 8, Flex: 3})
	}
	return s
}

// Title implements screen.
func (s *profitScreen) Title() string { return "Profit" }

// Init shows the kept analysis and checks that it is still the book's.
func (s *profitScreen) Init() tea.Cmd { return s.refresh() }

// refresh checks in a command that the analysis under way, else the one
// kept, is what the tab would compute now (kit.Kept: the book's version,
// the period, the day); when not, the tab computes (load). A period that
// runs to today is taken on today's date. The period is the one the
// Context holds, which the Segments tab and the detail share.
func (s *profitScreen) refresh() tea.Cmd {
	today := s.com.Today()
	s.period = s.com.Period.On(today)
	return s.kept.Check(s.store, s.period, today)
}

// load computes the analysis of key's period on key's day in a command,
// as computation seq. key's version was read before, so a change made
// meanwhile moves the version past it and the next check computes again.
func (s *profitScreen) load(key model.AnalysisKey, seq int) tea.Cmd {
	s.loading, s.failed = true, nil
	store, settings := s.store, s.com.Settings
	return func() tea.Msg {
		d, err := computeProfit(store, key.Period, key.Today, settings)
		if err != nil {
			return profitFailedMsg{seq: seq, err: err}
		}
		return profitLoadedMsg{seq: seq, data: d}
	}
}

// SetSize implements screen.
func (s *profitScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.arrange()
}

// Update implements screen.
func (s *profitScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case profitLoadedMsg:
		if !s.kept.Done(msg.seq, true) {
			return nil
		}
		s.data, s.loading = msg.data, false
		s.bodies = [profitSections]cachedBody{}
		sum := &s.data.summary
		s.lists[0].SetLen(len(sum.Top))
		s.lists[1].SetLen(len(sum.Bottom))
		s.lists[0].Fit(s.listCells(secTop))
		s.lists[1].Fit(s.listCells(secBottom))
		s.months = len(sum.Months) // the latest months first in view: arrange clamps
		s.arrange()
		return nil
	case profitFailedMsg:
		if !s.kept.Done(msg.seq, false) {
			return nil
		}
		// The tab says it could not add the period up and offers r, instead
		// of adding up for ever; the status line says why. The next check
		// computes again.
		s.loading, s.failed = false, msg.err
		return kit.Send(kit.ErrMsg{Err: msg.err})
	case kit.CheckedMsg:
		if key, seq, ok := s.kept.Checked(msg); ok {
			return s.load(key, seq)
		}
		return nil
	case kit.PeriodMsg:
		return s.refresh()
	case kit.SettingsLoadedMsg:
		// The rules weigh by the settings, which the key leaves out: an
		// analysis kept or under way is of the settings before.
		s.kept.Forget()
		s.loading = false
		return s.refresh()
	case kit.DataChangedMsg:
		return s.refresh()
	case tea.BackgroundColorMsg:
		s.bodies = [profitSections]cachedBody{} // drawn in the old styles
	case tea.KeyPressMsg:
		return s.handleKey(msg)
	}
	return nil
}

func (s *profitScreen) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	if cmd, ok := kit.PickPeriod(s.com, k.Period, msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.NextSection):
		s.section = (s.section + 1) % profitSections
		s.arrange()
		return nil
	case key.Matches(msg, k.PrevSection):
		s.section = (s.section + profitSections - 1) % profitSections
		s.arrange()
		return nil
	case key.Matches(msg, k.Retry) && s.failed != nil:
		return s.refresh()
	case key.Matches(msg, k.Export):
		if s.failed != nil && s.blank() != "" {
			return kit.Status("Nothing to export: %s could not be added up; r tries again.", s.period.String())
		}
		if s.data == nil || s.loading {
			return kit.Status("Still adding up %s; export in a moment.", s.period.String())
		}
		summary := s.data.summary
		return kit.Push(func() kit.Screen { return kit.NewForm(s.com, newExportPrompt(s.com, summary)) })
	}
	if s.data == nil {
		return nil
	}
	switch s.section {
	case secTop, secBottom:
		t := &s.lists[s.section-secTop]
		if t.HandleKey(k.ListKeys, msg) {
			return nil
		}
		if key.Matches(msg, k.Open) {
			return s.open()
		}
	case secMonths:
		if s.scrollMonths(msg) {
			s.arrange()
		}
	}
	return nil
}

// scrollMonths scrolls the monthly bars for the list keys; it reports
// whether msg was one of them.
func (s *profitScreen) scrollMonths(msg tea.KeyPressMsg) bool {
	k := s.keys.ListKeys
	page := max(1, s.monthRows())
	switch {
	case key.Matches(msg, k.Up):
		s.months--
	case key.Matches(msg, k.Down):
		s.months++
	case key.Matches(msg, k.PageUp):
		s.months -= page
	case key.Matches(msg, k.PageDown):
		s.months += page
	case key.Matches(msg, k.Top):
		s.months = 0
	case key.Matches(msg, k.Bottom):
		s.months = len(s.data.summary.Months)
	default:
		return false
	}
	return true
}

// ranked returns the top or bottom list and its table.
func (s *profitScreen) ranked(sec profitSection) ([]model.Ranked, *kit.Table) {
	if sec == secTop {
		return s.data.summary.Top, &s.lists[0]
	}
	return s.data.summary.Bottom, &s.lists[1]
}

// selected returns the customer under the cursor of the section's list.
func (s *profitScreen) selected(sec profitSection) (*model.CustomerProfit, model.Ranked, bool) {
	list, t := s.ranked(sec)
	if len(list) == 0 {
		return nil, model.Ranked{}, false
	}
	r := list[t.Cursor()]
	return &s.data.summary.Customers[r.Index], r, true
}

// open shows the customer under the cursor.
func (s *profitScreen) open() tea.Cmd {
	if c, _, ok := s.selected(s.section); ok {
		id := c.ID
		return func() tea.Msg { return kit.OpenCustomerMsg{ID: id} }
	}
	return nil
}

// Info implements informer.
func (s *profitScreen) Info() string {
	if s.data == nil || s.blank() != "" {
		return ""
	}
	if s.section == secTop || s.section == secBottom {
		if list, t := s.ranked(s.section); len(list) > 0 {
			return fmt.Sprintf("%d of %d", t.Cursor()+1, len(list))
		}
	}
	return model.Plural(s.data.summary.Totals.Customers, "customer", "customers")
}

// ShortHelp implements help.KeyMap: the keys that work where the cursor is.
func (s *profitScreen) ShortHelp() []key.Binding {
	k := s.keys
	out := []key.Binding{k.Period.Next}
	if s.failed != nil {
		out = []key.Binding{k.Retry, k.Period.Next}
	}
	if s.period.Kind == model.PeriodYear {
		out = append(out, k.Period.Year)
	}
	out = append(out, k.NextSection)
	if s.section == secTop || s.section == secBottom {
		out = append(out, k.Open)
	}
	return append(out, k.Export, k.Period.Dates)
}

// FullHelp implements help.KeyMap.
func (s *profitScreen) FullHelp() [][]key.Binding {
	k := s.keys
	return [][]key.Binding{
		k.ListKeys.Bindings(),
		k.Period.Bindings(),
		{k.NextSection, k.PrevSection, k.Open, k.Export, k.Retry},
	}
}
