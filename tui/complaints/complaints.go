package complaints

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// complaintData is everything the Complaints screen shows, computed in a
// command: the complaints in working order, the last five analysed, and
// the recovery figures of the last 12 months.
type complaintData struct {
	rows []model.Complaint // open first, most overdue on top
	// list is what the table shows: rows, then the voided complaints
	// (struck) unless they are hidden.
	list      []model.Complaint
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
	com   *kit.Context
	store Store
	keys  ComplaintKeys
	table kit.Table
	data  *complaintData
	w, h  int
	// names are the customers' names of the rows around the screen, read
	// as the cursor moves: 20,000 complaints need not read 20,000 names.
	names  map[int64]string
	naming bool // a read of names is in flight
	// hideVoided leaves the voided complaints out of the list; they show,
	// struck, under the others until X hides them.
	hideVoided bool
	// openOnly lists the open complaints alone (v), not every one.
	openOnly bool
	// The search (/): words each of which what went wrong, the category
	// or the customer's name holds. base is the list as loaded; data.list
	// what the search keeps of it.
	fkeys     kit.FilterKeys
	filter    textinput.Model
	filtering bool // the search line has focus
	base      []model.Complaint
}

// panelLines is the height of the analysis above the list.
const panelLines = 6

// Store is what the Complaints tab and the complaint form read and write:
// the complaints, the names of their customers, the customer field and
// the customer's recent orders.
type Store interface {
	model.ComplaintStore
	model.CustomerStore
	model.OrderStore
	model.CorrectionStore // voiding and restoring a complaint
}

// New is the Complaints tab.
func New(com *kit.Context, store Store) kit.Screen { return newComplaintScreen(com, store) }

func newComplaintScreen(com *kit.Context, store Store) *complaintScreen {
	fi := textinput.New()
	fi.Prompt = "search: "
	fi.Placeholder = "words of what went wrong, a category or a name"
	fi.CharLimit = 200
	return &complaintScreen{com: com, store: store, keys: DefaultComplaintKeys(), fkeys: kit.DefaultFilterKeys(),
		filter: fi, table: kit.NewTable(
			kit.Column{Title: "opened", Width: 10},
			kit.Column{Title: "customer", Width: 12, Flex: 1, Max: 22},
			kit.Column{Title: "category", Width: 13}, // "communication"
			kit.Column{Title: "sev", Width: 4},
			kit.Column{Title: "where it stands", Width: 16}, // "176 days overdue"
			kit.Column{Title: "what went wrong", Width: 16, Flex: 3},
		)}
}

// Title implements screen.
func (s *complaintScreen) Title() string { return "Complaints" }

// Init loads the screen.
func (s *complaintScreen) Init() tea.Cmd {
	return loadComplaints(s.com, s.store, !s.hideVoided && !s.openOnly, s.openOnly)
}

// loadComplaints reads the complaints and computes everything the screen
// shows, in one command; the voided complaints too when withVoided; only
// the open ones in the list when openOnly (the analysis is of them all).
func loadComplaints(com *kit.Context, store Store, withVoided, openOnly bool) tea.Cmd {
	settings, now := com.Settings, com.Now()
	return func() tea.Msg {
		ctx := kit.Bg()
		var rows, last, voided []model.Complaint
		var sales map[int64]time.Time
		err := model.Parallel(
			func() (err error) { rows, err = store.ListComplaints(ctx); return err },
			func() (err error) {
				if withVoided {
					voided, err = store.VoidedComplaints(ctx)
				}
				return err
			},
			func() (err error) { last, err = store.LastComplaints(ctx, 5); return err },
			func() (err error) { sales, err = store.LastSales(ctx, model.YearFrom(now)); return err },
		)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		d := computeComplaints(rows, last, model.RecoveryCases(rows, sales), settings, now)
		d.list = append(slices.Clip(d.rows), voided...)
		if openOnly {
			// Sorted for work, the open ones come first.
			d.list = d.rows[:d.open:d.open]
		}
		return complaintsLoadedMsg{d}
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
	for i := max(from-page, 0); i < min(to+page, len(s.data.list)); i++ {
		id := s.data.list[i].CustomerID
		if _, ok := s.names[id]; !ok && id != 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	s.naming = true
	store := s.store
	return func() tea.Msg {
		names, err := store.CustomerNamesByID(kit.Bg(), ids)
		if err != nil {
			return kit.ErrMsg{Err: err}
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
	s.filter.SetWidth(max(w-12, 10))
	s.table.SetSize(w, h-panelLines-s.searchLines())
}

// searchLines is the search line's height: shown while it is typed or
// keeps the list.
func (s *complaintScreen) searchLines() int {
	if s.filtering || s.filter.Value() != "" {
		return 1
	}
	return 0
}

// Typing implements kit.Typer: the search line takes printable keys.
func (s *complaintScreen) Typing() bool { return s.filtering }

// Back implements kit.Backer: esc clears the search first.
func (s *complaintScreen) Back() (bool, tea.Cmd) {
	if s.filter.Value() == "" {
		return false, nil
	}
	s.filter.SetValue("")
	s.search()
	return true, nil
}

// search keeps the loaded complaints whose words hold every word typed:
// what went wrong, the category, the customer's name (every name is read
// when the search starts).
func (s *complaintScreen) search() {
	if s.data == nil {
		return
	}
	words := strings.Fields(kit.Fold(s.filter.Value()))
	s.data.list = s.base
	if len(words) > 0 {
		s.data.list = nil
		for _, r := range s.base {
			text := kit.Fold(r.WhatWentWrong + " " + string(r.Category) + " " + s.names[r.CustomerID])
			if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(text, w) }) {
				s.data.list = append(s.data.list, r)
			}
		}
	}
	s.table.SetLen(len(s.data.list))
	s.SetSize(s.w, s.h)
}

// allNames reads the names of every customer the loaded complaints have,
// for the search.
func (s *complaintScreen) allNames() tea.Cmd {
	var ids []int64
	seen := map[int64]bool{}
	for _, r := range s.base {
		if _, ok := s.names[r.CustomerID]; !ok && r.CustomerID != 0 && !seen[r.CustomerID] {
			seen[r.CustomerID] = true
			ids = append(ids, r.CustomerID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	store := s.store
	return func() tea.Msg {
		names, err := store.CustomerNamesByID(kit.Bg(), ids)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return complaintNamesMsg{names}
	}
}

// handleSearchKey types into the search line: enter keeps it, esc clears.
func (s *complaintScreen) handleSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd, changed, done := kit.TypeFilter(s.fkeys, &s.filter, msg)
	s.filtering = s.filtering && !done
	if changed {
		s.search()
	} else if done {
		s.SetSize(s.w, s.h)
	}
	return cmd
}

// selected returns the complaint under the cursor.
func (s *complaintScreen) selected() (model.Complaint, bool) {
	if s.data == nil || len(s.data.list) == 0 {
		return model.Complaint{}, false
	}
	return s.data.list[s.table.Cursor()], true
}

// Update implements screen.
func (s *complaintScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case complaintsLoadedMsg:
		s.data, s.names, s.naming = msg.data, map[int64]string{}, false
		s.base = msg.data.list
		s.search()
		if s.filter.Value() != "" {
			return tea.Batch(s.ensureNames(), s.allNames())
		}
		return s.ensureNames()
	case complaintNamesMsg:
		s.naming = false
		maps.Copy(s.names, msg.names)
		if s.filter.Value() != "" {
			s.search() // the names read may match
		}
		return s.ensureNames()
	case kit.DataChangedMsg, kit.SettingsLoadedMsg:
		return s.Init()
	case tea.MouseMsg:
		if s.table.HandleMouse(msg, msg.Mouse().Y-panelLines) {
			return s.edit()
		}
		return s.ensureNames()
	case tea.KeyPressMsg:
		if s.filtering {
			return s.handleSearchKey(msg)
		}
		if s.table.HandleKey(s.keys.ListKeys, msg) {
			return s.ensureNames()
		}
		switch {
		case key.Matches(msg, s.keys.Search):
			s.filtering = true
			s.SetSize(s.w, s.h)
			return tea.Batch(s.filter.Focus(), s.allNames())
		case key.Matches(msg, s.keys.Add):
			return func() tea.Msg { return kit.NewComplaintMsg{} }
		case key.Matches(msg, s.keys.Edit):
			return s.edit()
		case key.Matches(msg, s.keys.Void):
			if r, ok := s.selected(); ok {
				what := fmt.Sprintf("the complaint of %s · %s", s.com.Date(r.OpenedOn), r.WhatWentWrong)
				if r.Voided() {
					return kit.RestoreRecord(s.store, model.RecordComplaint, r.ID, what)
				}
				return kit.OpenVoid(s.com, s.store, model.RecordComplaint, r.ID, what)
			}
		case key.Matches(msg, s.keys.OpenOnly):
			s.openOnly = !s.openOnly
			s.table.SetCursor(0)
			text := "Only the open complaints are listed; v lists every one."
			if !s.openOnly {
				text = "Every complaint is listed, the open first; v lists only them."
			}
			return tea.Batch(s.Init(), kit.Status("%s", text))
		case key.Matches(msg, s.keys.HideVoided):
			s.hideVoided = !s.hideVoided
			text := "Voided complaints shown, struck, under the others; X hides them."
			if s.hideVoided {
				text = "Voided complaints hidden; X shows them."
			}
			return tea.Batch(s.Init(), kit.Status("%s", text))
		case key.Matches(msg, s.keys.Open):
			if r, ok := s.selected(); ok && r.CustomerID != 0 {
				id := r.CustomerID
				return func() tea.Msg { return kit.OpenCustomerMsg{ID: id} }
			} else if ok {
				return kit.Status("That complaint has no customer.")
			}
		case key.Matches(msg, s.keys.Write):
			if r, ok := s.selected(); ok && r.CustomerID != 0 {
				return kit.Send(kit.NewMessageMsg{CustomerID: r.CustomerID, Kind: model.TemplateComplaint})
			} else if ok {
				return kit.Status("That complaint has no customer.")
			}
		}
	}
	return nil
}

// edit opens the complaint under the cursor in the form; a voided one is
// restored first.
func (s *complaintScreen) edit() tea.Cmd {
	if r, ok := s.selected(); ok {
		if r.Voided() {
			return kit.Status("That complaint is voided: x restores it, then enter edits it.")
		}
		id := r.ID
		return openComplaintForm(s.com, s.store, id, 0, 0)
	}
	return nil
}

// View implements screen.
func (s *complaintScreen) View() string {
	st := s.com.Styles
	if s.data == nil {
		return st.Muted.Render("Loading…")
	}
	lines := s.panel()
	for i, l := range lines {
		lines[i] = kit.Truncate(l, s.w)
	}
	body := strings.Join(lines, "\n") + "\n"
	if s.searchLines() > 0 {
		body += kit.Truncate(s.filter.View(), s.w) + "\n"
	}
	if len(s.data.list) == 0 && s.filter.Value() != "" {
		return body + st.Muted.Render("  No complaint holds those words. esc clears the search.")
	}
	if len(s.data.list) == 0 && s.openOnly {
		return body + st.Muted.Render("  No complaint is open. v lists every one.")
	}
	if len(s.data.list) == 0 {
		return body + st.Muted.Render("  No complaints. When one comes, press a (or C on a customer) to record it.")
	}
	return body + s.table.View(&st, s.cells, nil)
}

// panel is the analysis above the list: the last five complaints, the
// recovery figures and the open cases.
func (s *complaintScreen) panel() []string {
	st := s.com.Styles
	d := s.data
	label := func(t string) string { return st.Section.Render(kit.FitCell(t, 11, false)) + " " }
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
			fix = fmt.Sprintf("%s to remedy on average (%d of %d remedied)", days(avg), l5.Remedied, len(l5.Complaints))
		}
		var repeated []string
		for _, r := range l5.Repeated {
			cause := kit.Clean(r.Cause)
			if !isCategory(r.Cause) {
				cause = "“" + cause + "”"
			}
			repeated = append(repeated, fmt.Sprintf("%s ×%d", cause, r.Times))
		}
		again := st.Muted.Render("no cause repeated")
		if len(repeated) > 0 {
			again = st.Warn.Render("repeated: " + strings.Join(repeated, ", "))
		}
		prevention := fmt.Sprintf("%d of %d have a prevention step", l5.WithPrevention, len(l5.Complaints))
		if l5.WithPrevention < len(l5.Complaints) {
			prevention = st.Warn.Render(prevention)
		}
		lines = append(lines, label("Last five")+strings.Join(cats, ", "), label("")+fix,
			label("")+prevention+st.Muted.Render(" · ")+again)
	}
	rate := "no complaint closed in the last 12 months"
	if p, ok := d.recovery.Percent(); ok {
		rate = fmt.Sprintf("%d%% ordered again after their complaint closed (%d of %d customers)", p,
			d.recovery.Reordered, d.recovery.Customers)
	}
	g := "none honoured in the last 12 months"
	if avg, ok := d.guarantee.Average(); ok {
		g = fmt.Sprintf("honoured in %s on average (%d in the last 12 months)", days(avg), d.guarantee.Honoured)
	}
	if d.guarantee.Waiting > 0 {
		g += st.Warn.Render(fmt.Sprintf(" · %d waiting", d.guarantee.Waiting))
	}
	lines = append(lines, label("Recovery")+rate, label("Guarantees")+g)
	// What the line counts is said against what the list shows: "3 open"
	// over a list of 25 read as if the 25 were open.
	open := fmt.Sprintf("%d open of %d", d.open, len(d.rows))
	if s.openOnly {
		open = fmt.Sprintf("only the %d open", d.open)
	}
	if d.overdue > 0 {
		open += ", " + st.Bad.Render(fmt.Sprintf("%d overdue", d.overdue))
	}
	lines = append(lines, label("Open cases")+open+st.Muted.Render(fmt.Sprintf(" · targets: high %dd, medium %dd, low %dd",
		model.TargetDays(s.com.Settings, model.SeverityHigh), model.TargetDays(s.com.Settings, model.SeverityMedium),
		model.TargetDays(s.com.Settings, model.SeverityLow))))
	return lines
}

func isCategory(s string) bool {
	return slices.Contains(model.ComplaintCategories, model.ComplaintCategory(s))
}

// days writes an average number of days: "2.5 days", "1 day".
func days(d float64) string {
	s := strings.TrimSuffix(fmt.Sprintf("%.1f", d), ".0")
	if s == "1" {
		return "1 day"
	}
	return s + " days"
}

// cells formats row i: where the complaint stands, in words as well as
// colour so that NO_COLOR still shows what is overdue.
func (s *complaintScreen) cells(i int) []kit.Cell {
	st := &s.com.Styles
	r := s.data.list[i]
	var where string
	var whereStyle *lipgloss.Style
	switch r.Status {
	case model.ComplaintOpen:
		a := model.AgeOf(r, s.com.Settings, s.com.Now())
		// In words: "OVERDUE 183/7d" was a puzzle. The target is in the
		// panel's line and the severity's column.
		if a.Overdue > 0 {
			where, whereStyle = model.Plural(a.Overdue, "day", "days")+" overdue", &st.Bad
		} else {
			where, whereStyle = fmt.Sprintf("day %d of %d", a.Days, a.Target), &st.Warn
		}
	default:
		where, whereStyle = string(r.Status), &st.Muted
		if d, ok := model.DaysToRemedy(r); ok {
			where += fmt.Sprintf(" in %dd", d)
		}
	}
	who, ok := s.names[r.CustomerID]
	switch {
	case r.CustomerID == 0:
		who = "–"
	case !ok:
		who = "…"
	}
	if r.Voided() {
		where = "void " + s.com.Date(r.VoidedAt)
	}
	sev := string(r.Severity)
	var sevStyle *lipgloss.Style
	switch r.Severity {
	case model.SeverityHigh:
		sevStyle = &st.Warn
	case model.SeverityMedium:
		sev = "med"
	}
	cells := []kit.Cell{
		{Text: s.com.Date(r.OpenedOn)},
		{Text: who},
		{Text: string(r.Category), Style: &st.Muted},
		{Text: sev, Style: sevStyle},
		{Text: where, Style: whereStyle},
		{Text: r.WhatWentWrong},
	}
	if r.Voided() {
		// Struck, and "void" in words where it stood: strikethrough may
		// not show.
		for i := range cells {
			cells[i].Style = &st.Voided
		}
	}
	return cells
}

// Info implements informer.
func (s *complaintScreen) Info() string {
	if s.data == nil || len(s.data.list) == 0 {
		return ""
	}
	what := ""
	if s.openOnly {
		what = " open"
	}
	return fmt.Sprintf("%s of %s%s", model.Commas(s.table.Cursor()+1), model.Commas(len(s.data.list)), what)
}

// ShortHelp implements help.KeyMap: only a new complaint while there is
// none to edit or open.
func (s *complaintScreen) ShortHelp() []key.Binding {
	if s.filtering {
		return []key.Binding{s.fkeys.Apply, s.fkeys.Clear}
	}
	if s.data == nil || len(s.data.list) == 0 {
		return []key.Binding{s.keys.Add, s.viewKey(), s.voidedKey()}
	}
	if r, ok := s.selected(); ok && r.Voided() {
		return []key.Binding{s.keys.Restore, s.keys.Open, s.voidedKey(), s.keys.Add}
	}
	return []key.Binding{s.keys.Edit, s.keys.Add, s.keys.Open, s.keys.Write, s.viewKey(), s.keys.Void, s.voidedKey()}
}

// viewKey is v as it works now: only the open complaints, or every one.
func (s *complaintScreen) viewKey() key.Binding {
	if s.openOnly {
		return s.keys.AllComplaints
	}
	return s.keys.OpenOnly
}

// voidedKey is X as it works now: hide the voided, or show them.
func (s *complaintScreen) voidedKey() key.Binding {
	if s.hideVoided {
		return s.keys.ShowVoided
	}
	return s.keys.HideVoided
}

// FullHelp implements help.KeyMap.
func (s *complaintScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.keys.ListKeys.Bindings(), {s.keys.Edit, s.keys.Add, s.keys.Open, s.keys.Write, s.keys.Void,
		s.viewKey(), s.keys.Search, s.voidedKey()}}
}

// WriteKeys implements kit.Writer.
func (s *complaintScreen) WriteKeys() []key.Binding {
	// M logs the contact it writes; x restores a voided complaint at once.
	return []key.Binding{s.keys.Add, s.keys.Edit, s.keys.Write, s.keys.Void}
}
