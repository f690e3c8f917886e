package tui

import (
	"maps"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"clientele/model"
)

// complaintData is everything the Complaints screen shows, computed in a
// command: the complaints in working order, the last five analysed, and
// the recovery figures of the last 12 months.
type complaintData struct {
	rows      []model.Complaint // open first, most overdue on top
	lastFive  model.LastFive
	recovery  model.Recovery
	guarantee model.GuaranteeTiming
	open      int
	overdue   int
}

// complaintScreen is the Complaints tab: the open cases first, each with
// its age against the target for its severity, the last five complaints
// analysed, and how well the business recovers.
type complaintScreen struct {
	com   *common
	keys  ComplaintKeys
	table table
	data  *complaintData
	w, h  int
	// names are the customers' names of the rows around the screen, read
	// as the cursor moves: 20,000 complaints need not read 20,000 names.
	names  map[int64]string
	naming bool // a read of names is in flight
}

// panelLines is the height of the analysis above the list.
const panelLines = 6

func newComplaintScreen(com *common) *complaintScreen {
	return &complaintScreen{com: com, keys: DefaultComplaintKeys(), table: newTable(
		column{title: "opened", width: 10},
		column{title: "customer", width: 12, flex: 1, max: 22},
		column{title: "category", width: 13}, // "communication"
		column{title: "sev", width: 4},
		column{title: "where it stands", width: 15},
		column{title: "what went wrong", width: 16, flex: 3},
	)}
}

// Title implements screen.
func (s *complaintScreen) Title() string { return "Complaints" }

// Init loads the screen.
func (s *complaintScreen) Init() tea.Cmd { return loadComplaints(s.com) }

// loadComplaints reads the complaints and computes everything the screen
// shows, in one command.
func loadComplaints(com *common) tea.Cmd {
	store, settings, now := com.store, com.settings, com.now()
	return func() tea.Msg {
		ctx := bg()
		var rows, last []model.Complaint
		var sales map[int64]time.Time
		err := model.Parallel(
			func() (err error) { rows, err = store.ListComplaints(ctx); return err },
			func() (err error) { last, err = store.LastComplaints(ctx, 5); return err },
			func() (err error) { sales, err = store.LastSales(ctx, model.YearFrom(now)); return err },
		)
		if err != nil {
			return errMsg{err}
		}
		return complaintsLoadedMsg{computeComplaints(rows, last, model.RecoveryCases(rows, sales), settings, now)}
	}
}

// computeComplaints applies the rules to what the store read: every
// complaint (the list's fields), the last five in full and the recovery
// cases of the last 12 months.
func computeComplaints(rows, last []model.Complaint, cases []model.RecoveryCase, settings model.Settings,
	now time.Time) *complaintData {
	d := &complaintData{rows: rows, recovery: model.RecoveryRate(cases, now), lastFive: model.AnalyseLastFive(last),
		guarantee: model.GuaranteeTimes(rows, now)}
	for _, r := range rows {
		if r.Status == model.ComplaintOpen {
			d.open++
			if model.AgeOf(r, settings, now).Overdue > 0 {
				d.overdue++
			}
		}
	}
	model.SortForWork(d.rows, settings, now)
	return d
}

// ensureNames reads the names of the customers of the rows on screen and
// a screenful either side that are not read yet; one read at a time.
func (s *complaintScreen) ensureNames() tea.Cmd {
	if s.data == nil || s.naming {
		return nil
	}
	from, to := s.table.Visible()
	page := to - from
	var ids []int64
	for i := max(from-page, 0); i < min(to+page, len(s.data.rows)); i++ {
		id := s.data.rows[i].CustomerID
		if _, ok := s.names[id]; !ok && id != 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	s.naming = true
	store := s.com.store
	return func() tea.Msg {
		names, err := store.CustomerNamesByID(bg(), ids)
		if err != nil {
			return errMsg{err}
		}
		for _, id := range ids {
			if _, ok := names[id]; !ok {
				names[id] = "?" // gone: ask no more
			}
		}
		return complaintNamesMsg{names}
	}
}

// SetSize implements screen.
func (s *complaintScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.table.SetSize(w, h-panelLines)
}

// selected returns the complaint under the cursor.
func (s *complaintScreen) selected() (model.Complaint, bool) {
	if s.data == nil || len(s.data.rows) == 0 {
		return model.Complaint{}, false
	}
	return s.data.rows[s.table.Cursor()], true
}

// Update implements screen.
func (s *complaintScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case complaintsLoadedMsg:
		s.data, s.names, s.naming = msg.data, map[int64]string{}, false
		s.table.SetLen(len(msg.data.rows))
		return s.ensureNames()
	case complaintNamesMsg:
		s.naming = false
		maps.Copy(s.names, msg.names)
		return s.ensureNames()
	case dataChangedMsg, settingsLoadedMsg:
		return s.Init()
	case tea.MouseMsg:
		if s.table.HandleMouse(msg, msg.Mouse().Y-panelLines) {
			return s.edit()
		}
		return s.ensureNames()
	case tea.KeyPressMsg:
		if s.table.HandleKey(s.keys.ListKeys, msg) {
			return s.ensureNames()
		}
		switch {
		case key.Matches(msg, s.keys.Add):
			return func() tea.Msg { return newComplaintMsg{} }
		case key.Matches(msg, s.keys.Edit):
			return s.edit()
		case key.Matches(msg, s.keys.Open):
			if r, ok := s.selected(); ok && r.CustomerID != 0 {
				id := r.CustomerID
				return func() tea.Msg { return openCustomerMsg{id} }
			} else if ok {
				return status("That complaint has no customer.")
			}
		}
	}
	return nil
}

// edit opens the complaint under the cursor in the form.
func (s *complaintScreen) edit() tea.Cmd {
	if r, ok := s.selected(); ok {
		id := r.ID
		return openComplaintForm(s.com, id, 0, 0)
	}
	return nil
}

// View implements screen.
func (s *complaintScreen) View() string {
	st := s.com.styles
	if s.data == nil {
		return st.Muted.Render("Loading…")
	}
	lines := s.panel()
	for i, l := range lines {
		lines[i] = truncate(l, s.w)
	}
	body := strings.Join(lines, "\n") + "\n"
	if len(s.data.rows) == 0 {
		return body + st.Muted.Render("  No complaints. When one comes, press a (or C on a customer) to record it.")
	}
	return body + s.table.View(&st, s.cells, nil)
}

// panel is the analysis above the list: the last five complaints, the
// recovery figures and the open cases.
func (s *complaintScreen) panel() []string {
	st := s.com.styles
	d := s.data
	label := func(t string) string { return st.Section.Render(fitCell(t, 11, false)) + " " }
	l5 := d.lastFive
	var cats []string
	for _, c := range l5.Categories {
		cats = append(cats, string(c))
	}
	// The last five take three lines, so that each fits 80 columns: what
	// they were about; how fast they were remedied; what repeated and how
	// many have a step that stops them happening again.
	lines := make([]string, 0, panelLines)
	if len(cats) == 0 {
		lines = append(lines, label("Last five")+st.Muted.Render("no complaints yet"), "", "")
	} else {
		fix := "none remedied yet"
		if avg, ok := l5.AverageRemedyDays(); ok {
			fix = sprintf("%s to remedy on average (%d of %d remedied)", days(avg), l5.Remedied, len(l5.Complaints))
		}
		var repeated []string
		for _, r := range l5.Repeated {
			cause := clean(r.Cause)
			if !isCategory(r.Cause) {
				cause = "“" + cause + "”"
			}
			repeated = append(repeated, sprintf("%s ×%d", cause, r.Times))
		}
		again := st.Muted.Render("no cause repeated")
		if len(repeated) > 0 {
			again = st.Warn.Render("repeated: " + strings.Join(repeated, ", "))
		}
		prevention := sprintf("%d of %d have a prevention step", l5.WithPrevention, len(l5.Complaints))
		if l5.WithPrevention < len(l5.Complaints) {
			prevention = st.Warn.Render(prevention)
		}
		lines = append(lines, label("Last five")+strings.Join(cats, ", "), label("")+fix,
			label("")+prevention+st.Muted.Render(" · ")+again)
	}
	rate := "no complaint closed in the last 12 months"
	if p, ok := d.recovery.Percent(); ok {
		rate = sprintf("%d%% ordered again after their complaint closed (%d of %d customers)", p,
			d.recovery.Reordered, d.recovery.Customers)
	}
	g := "none honoured in the last 12 months"
	if avg, ok := d.guarantee.Average(); ok {
		g = sprintf("honoured in %s on average (%d in the last 12 months)", days(avg), d.guarantee.Honoured)
	}
	if d.guarantee.Waiting > 0 {
		g += st.Warn.Render(sprintf(" · %d waiting", d.guarantee.Waiting))
	}
	lines = append(lines, label("Recovery")+rate, label("Guarantees")+g)
	open := sprintf("%d open", d.open)
	if d.overdue > 0 {
		open += ", " + st.Bad.Render(sprintf("%d OVERDUE", d.overdue))
	}
	lines = append(lines, label("Open cases")+open+st.Muted.Render(sprintf(" · targets: high %dd, medium %dd, low %dd",
		model.TargetDays(s.com.settings, model.SeverityHigh), model.TargetDays(s.com.settings, model.SeverityMedium),
		model.TargetDays(s.com.settings, model.SeverityLow))))
	return lines
}

func isCategory(s string) bool {
	return slices.Contains(model.ComplaintCategories, model.ComplaintCategory(s))
}

// days writes an average number of days: "2.5 days", "1 day".
func days(d float64) string {
	s := strings.TrimSuffix(sprintf("%.1f", d), ".0")
	if s == "1" {
		return "1 day"
	}
	return s + " days"
}

// cells formats row i: where the complaint stands, in words as well as
// colour so that NO_COLOR still shows what is overdue.
func (s *complaintScreen) cells(i int) []cell {
	st := &s.com.styles
	r := s.data.rows[i]
	var where string
	var whereStyle *lipgloss.Style
	switch r.Status {
	case model.ComplaintOpen:
		a := model.AgeOf(r, s.com.settings, s.com.now())
		if a.Overdue > 0 {
			where, whereStyle = sprintf("OVERDUE %d/%dd", a.Days, a.Target), &st.Bad
		} else {
			where, whereStyle = sprintf("open, day %d/%d", a.Days, a.Target), &st.Warn
		}
	default:
		where, whereStyle = string(r.Status), &st.Muted
		if d, ok := model.DaysToRemedy(r); ok {
			where += sprintf(" in %dd", d)
		}
	}
	who, ok := s.names[r.CustomerID]
	switch {
	case r.CustomerID == 0:
		who = "–"
	case !ok:
		who = "…"
	}
	sev := string(r.Severity)
	var sevStyle *lipgloss.Style
	switch r.Severity {
	case model.SeverityHigh:
		sevStyle = &st.Warn
	case model.SeverityMedium:
		sev = "med"
	}
	return []cell{
		{text: model.FormatDate(r.OpenedOn)},
		{text: who},
		{text: string(r.Category), style: &st.Muted},
		{text: sev, style: sevStyle},
		{text: where, style: whereStyle},
		{text: r.WhatWentWrong},
	}
}

// Info implements informer.
func (s *complaintScreen) Info() string {
	if s.data == nil || len(s.data.rows) == 0 {
		return ""
	}
	return sprintf("%s of %s", commas(s.table.Cursor()+1), commas(len(s.data.rows)))
}

// ShortHelp implements help.KeyMap: only a new complaint while there is
// none to edit or open.
func (s *complaintScreen) ShortHelp() []key.Binding {
	if s.data == nil || len(s.data.rows) == 0 {
		return []key.Binding{s.keys.Add}
	}
	return []key.Binding{s.keys.Edit, s.keys.Add, s.keys.Open}
}

// FullHelp implements help.KeyMap.
func (s *complaintScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.keys.ListKeys.Bindings(), {s.keys.Edit, s.keys.Add, s.keys.Open}}
}
