package feedback

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"clientele/model"
	"clientele/tui/kit"
)

// feedbackView is one of the Feedback screen's three views.
type feedbackView int

const (
	viewLog feedbackView = iota
	viewNPS
	viewWishes
	viewCount
)

// String names the view.
func (v feedbackView) String() string {
	switch v {
	case viewNPS:
		return "NPS"
	case viewWishes:
		return "Wishlist"
	}
	return "Log"
}

// feedbackFacts are what the Feedback screen shows beside the log: the NPS
// summary, the flags and suggestions, and the filter choices.
type feedbackFacts struct {
	summary       model.NPSSummary
	unanswered    int
	promoters     []model.PromoterSuggestion
	promoterTotal int
	segments      []model.Segment
	offerings     []model.Offering
}

// The trend's length and how many promoters the NPS view lists.
const (
	npsMonths     = 12
	promoterLimit = 200
)

// feedbackScreen is the Feedback tab: the log (newest first, filtered,
// paged from the database a window at a time), the NPS view (trend, by
// segment, promoters to make advocates) and the wishlist (wishes grouped
// by theme, most asked first).
type feedbackScreen struct {
	com   *kit.Context
	store Store
	keys  FeedbackKeys
	fkeys kit.FilterKeys // while the customer filter has focus
	view  feedbackView
	w, h  int

	// The log: rows[i] is log row offset+i.
	query     model.FeedbackQuery
	table     kit.Table
	offset    int
	rows      []model.FeedbackRow
	loaded    bool
	seq       int
	inFlight  bool
	filter    textinput.Model
	filtering bool // the customer filter has focus
	facts     *feedbackFacts
	// hideVoided leaves voided feedback out of the log; it shows, struck,
	// until X hides it.
	hideVoided bool

	// The NPS view's promoter list.
	promoters kit.Table

	// The wishlist.
	themes   []model.WishTheme
	wishes   kit.Table
	flat     []wishRow // the wishlist's rows: the themes, and the wishes of the open one
	open     string    // the key of the theme whose wishes show
	marked   map[string]bool
	naming   bool // the theme name line has focus
	name     textinput.Model
	nameIDs  []int64 // the wishes the typed theme goes to
	follow   string  // the key of a theme just named or merged into: the cursor goes to it
	wishSeq  int
	wishesOK bool
}

// wishRow is a row of the wishlist: a theme, or one of its wishes.
type wishRow struct {
	theme int
	wish  int // -1 for the theme itself
}

// Store is what the Feedback tab reads and writes: the log, NPS, the
// wishlist, the filters' segments and offerings, and the stage p moves a
// promoter to.
type Store interface {
	model.FeedbackStore
	model.SegmentStore
	model.OfferingStore
	model.FitStore
	model.CorrectionStore // voiding and restoring an entry
}

// New is the Feedback tab.
func New(com *kit.Context, store Store) kit.Screen { return newFeedbackScreen(com, store) }

func newFeedbackScreen(com *kit.Context, store Store) *feedbackScreen {
	fi := textinput.New()
	fi.Prompt = "search: "
	fi.Placeholder = "words of a name or of what was said"
	fi.CharLimit = 200
	ni := textinput.New()
	ni.Prompt = "theme: "
	ni.CharLimit = 100
	return &feedbackScreen{com: com, store: store, keys: DefaultFeedbackKeys(), fkeys: kit.DefaultFilterKeys(), filter: fi, name: ni, marked: map[string]bool{},
		table: kit.NewTable(
			kit.Column{Title: "date", Width: 10},
			kit.Column{Title: "kind", Width: 10},
			kit.Column{Title: "customer", Width: 12, Flex: 1, Max: 24},
			kit.Column{Title: "score", Width: 5, Right: true},
			kit.Column{Title: "status", Width: 8},
			kit.Column{Title: "answer", Width: 10, Flex: 3},
		),
		promoters: kit.NewTable(
			kit.Column{Title: "promoter", Width: 12, Flex: 1},
			kit.Column{Title: "score", Width: 5, Right: true},
			kit.Column{Title: "said on", Width: 10},
		),
		wishes: kit.NewTable(
			kit.Column{Title: "theme", Width: 16, Flex: 3},
			kit.Column{Title: "asked", Width: 5, Right: true},
			kit.Column{Title: "wishes", Width: 6, Right: true},
			kit.Column{Title: "latest", Width: 10},
			kit.Column{Title: "who", Width: 8, Flex: 2},
		),
	}
}

// Title implements screen.
func (s *feedbackScreen) Title() string { return "Feedback" }

// Init loads the log and the facts.
func (s *feedbackScreen) Init() tea.Cmd { return s.reload() }

// SetSize implements screen.
func (s *feedbackScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.filter.SetWidth(max(w-12, 10))
	s.name.SetWidth(max(w-10, 10))
	s.table.SetSize(w, h-2-s.filterLines())
	s.wishes.SetSize(w, h-2-s.nameLines())
	s.sizePromoters()
}

// sizePromoters fits the NPS view's promoter table under the chart: two
// heading lines, the chart's title and months, a blank line and the
// promoters' title above it, and a line under it that says how many more
// there are when they do not all fit.
func (s *feedbackScreen) sizePromoters() {
	h := s.h - npsChartLines(s.h) - 5
	if s.promoters.Len() > h-1 {
		h--
	}
	s.promoters.SetSize(s.w, h)
}

func (s *feedbackScreen) filterLines() int {
	if s.filtering {
		return 1
	}
	return 0
}

func (s *feedbackScreen) nameLines() int {
	if s.naming {
		return 1
	}
	return 0
}

// Typing implements typer: the customer filter and the theme name take
// printable keys.
func (s *feedbackScreen) Typing() bool { return s.filtering || s.naming }

// Back implements backer: esc closes an open theme or clears the marks in
// the wishlist, and clears the filters of the log.
func (s *feedbackScreen) Back() (bool, tea.Cmd) {
	switch {
	case s.view == viewWishes && s.open != "":
		s.toggleTheme(s.open)
		return true, nil
	case s.view == viewWishes && len(s.marked) > 0:
		s.marked = map[string]bool{}
		return true, nil
	case s.view == viewLog && s.filtered():
		q := s.query
		s.query = model.FeedbackQuery{}
		s.filter.SetValue("")
		if q != s.query {
			return true, s.refilter()
		}
	}
	return false, nil
}

// logQuery is the log's query: the filters, and the voided unless hidden.
func (s *feedbackScreen) logQuery() model.FeedbackQuery {
	q := s.query
	q.WithVoided = !s.hideVoided
	return q
}

func (s *feedbackScreen) filtered() bool {
	return s.query.Kind != "" || s.query.Status != "" || s.query.Customer != "" || s.query.SegmentID != 0 ||
		s.query.OfferingID != 0
}

// reload reads the window around the cursor and the facts.
func (s *feedbackScreen) reload() tea.Cmd {
	s.seq++
	s.inFlight = true
	cmds := []tea.Cmd{loadFeedback(s.com, s.store, s.logQuery(), s.seq, max(0, s.table.Cursor()-kit.WindowRows/3), true)}
	if s.view == viewWishes {
		cmds = append(cmds, s.loadWishes())
	}
	return tea.Batch(cmds...)
}

// loadFeedback reads one window of the log for q and, with facts, the NPS
// summary, the flags, the promoter suggestions and the filter choices:
// everything the screen computes, in one command.
func loadFeedback(com *kit.Context, store Store, q model.FeedbackQuery, seq, offset int, facts bool) tea.Cmd {
	now := com.Now()
	q.Offset, q.Limit = offset, kit.WindowRows
	return func() tea.Msg {
		ctx := kit.Bg()
		if !facts {
			rows, total, err := store.ListFeedback(ctx, q)
			if err != nil {
				return kit.ErrMsg{Err: err}
			}
			return feedbackLoadedMsg{seq: seq, offset: offset, rows: rows, total: total}
		}
		msg := feedbackLoadedMsg{seq: seq, offset: offset, facts: &feedbackFacts{}}
		f := msg.facts
		var overall, bySegment []model.NPSCount
		err := model.Parallel(
			func() (err error) { msg.rows, msg.total, err = store.ListFeedback(ctx, q); return err },
			func() (err error) { overall, bySegment, err = store.NPSCounts(ctx); return err },
			func() (err error) { f.unanswered, err = store.UnansweredDetractors(ctx); return err },
			func() (err error) {
				f.promoters, f.promoterTotal, err = store.PromoterSuggestions(ctx, promoterLimit)
				return err
			},
			func() (err error) { f.segments, err = store.SegmentNames(ctx); return err },
			func() (err error) { f.offerings, err = store.Offerings(ctx); return err },
		)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		f.summary = model.SummarizeNPS(overall, bySegment, now, npsMonths)
		return msg
	}
}

// loadWishes reads the wishes and groups them by theme, in a command.
func (s *feedbackScreen) loadWishes() tea.Cmd {
	s.wishSeq++
	store := s.store
	return func() tea.Msg {
		ws, err := store.Wishes(kit.Bg())
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		return wishesLoadedMsg{themes: model.GroupWishes(ws)}
	}
}

// ensureWindow loads a new window when the rows on screen, or the next
// screenful, are not loaded; one load at a time.
func (s *feedbackScreen) ensureWindow() tea.Cmd {
	if s.inFlight || !s.loaded || !s.table.NeedsWindow(s.offset, len(s.rows)) {
		return nil
	}
	s.inFlight = true
	return loadFeedback(s.com, s.store, s.logQuery(), s.seq, s.table.WindowStart(), false)
}

// row returns log row i if it is loaded.
func (s *feedbackScreen) row(i int) (model.FeedbackRow, bool) {
	j := i - s.offset
	if j < 0 || j >= len(s.rows) {
		return model.FeedbackRow{}, false
	}
	return s.rows[j], true
}

// Update implements screen.
func (s *feedbackScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case feedbackLoadedMsg:
		if msg.seq != s.seq {
			return nil
		}
		s.inFlight, s.loaded = false, true
		s.offset, s.rows = msg.offset, msg.rows
		s.table.SetLen(msg.total)
		if msg.facts != nil {
			s.facts = msg.facts
			s.promoters.SetLen(len(msg.facts.promoters))
			s.sizePromoters()
		}
		return s.ensureWindow()
	case wishesLoadedMsg:
		s.themes, s.wishesOK = msg.themes, true
		for k := range s.marked {
			if s.themeIndex(k) < 0 {
				delete(s.marked, k)
			}
		}
		s.flatten()
		if i := s.themeIndex(s.follow); i >= 0 {
			s.wishes.SetCursor(slices.Index(s.flat, wishRow{theme: i, wish: -1}))
		}
		s.follow = ""
		return nil
	case kit.DataChangedMsg, kit.SettingsLoadedMsg:
		return s.reload()
	case feedbackStatusMsg:
		return tea.Batch(s.reload(), kit.Status("Marked %s.", msg.status))
	case themeSetMsg:
		// Themes are listed most asked first: the cursor follows the one
		// that was named or merged into.
		s.follow = model.ThemeKey(msg.theme)
		return tea.Batch(s.reload(), kit.Status("%s %s now under “%s”.", model.Commas(msg.count), model.Noun(msg.count, "wish", "wishes"),
			kit.Clean(msg.theme)))
	case kit.StageChangedMsg:
		return tea.Batch(s.reload(), kit.Status("%s", kit.StageText(msg)))
	case tea.MouseMsg:
		if s.view == viewLog && s.table.HandleMouse(msg, msg.Mouse().Y-2-s.filterLines()) {
			return s.openSelected()
		}
		if s.view == viewLog {
			return s.ensureWindow()
		}
	case tea.KeyPressMsg:
		switch {
		case s.filtering:
			return s.handleFilterKey(msg)
		case s.naming:
			return s.handleNameKey(msg)
		}
		return s.handleKey(msg)
	}
	return nil
}

func (s *feedbackScreen) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.Add):
		return func() tea.Msg { return kit.NewFeedbackMsg{} }
	case key.Matches(msg, s.keys.View):
		s.view = (s.view + 1) % viewCount
		if s.view == viewWishes {
			return s.loadWishes()
		}
		return nil
	}
	switch s.view {
	case viewNPS:
		return s.handleNPSKey(msg)
	case viewWishes:
		return s.handleWishKey(msg)
	}
	return s.handleLogKey(msg)
}

func (s *feedbackScreen) handleLogKey(msg tea.KeyPressMsg) tea.Cmd {
	if s.table.HandleKey(s.keys.ListKeys, msg) {
		return s.ensureWindow()
	}
	if s.facts == nil {
		return nil
	}
	r, ok := s.selected()
	switch {
	case key.Matches(msg, s.keys.Open):
		return s.openSelected()
	case key.Matches(msg, s.keys.Edit) && ok:
		if r.Voided() {
			return kit.Status("That feedback is voided: x restores it, then e edits it.")
		}
		return kit.Send(kit.EditRecordMsg{Kind: model.RecordFeedback, ID: r.ID})
	case key.Matches(msg, s.keys.Void) && ok:
		what := "the feedback of " + s.com.Date(r.On) + " · " + feedbackSummary(r.Feedback, r.Customer)
		if r.Voided() {
			return kit.RestoreRecord(s.store, model.RecordFeedback, r.ID, what)
		}
		return kit.OpenVoid(s.com, s.store, model.RecordFeedback, r.ID, what)
	case key.Matches(msg, s.keys.HideVoided):
		s.hideVoided = !s.hideVoided
		text := "Voided feedback shown, struck; X hides it."
		if s.hideVoided {
			text = "Voided feedback hidden; X shows it."
		}
		return tea.Batch(s.refilter(), kit.Status("%s", text))
	case key.Matches(msg, s.keys.Replied):
		if ok {
			return s.setStatus(r, model.FeedbackReplied)
		}
	case key.Matches(msg, s.keys.ActedOn):
		if ok {
			return s.setStatus(r, model.FeedbackActedOn)
		}
	case key.Matches(msg, s.keys.Kind):
		s.query.Kind = next(append([]model.FeedbackKind{""}, model.FeedbackKinds...), s.query.Kind)
		return s.refilter()
	case key.Matches(msg, s.keys.Status):
		s.query.Status = next(append([]model.FeedbackStatus{""}, model.FeedbackStatuses...), s.query.Status)
		return s.refilter()
	case key.Matches(msg, s.keys.Segment):
		s.query.SegmentID = nextID(s.facts.segments, func(sg model.Segment) int64 { return sg.ID }, s.query.SegmentID)
		return s.refilter()
	case key.Matches(msg, s.keys.Offering):
		s.query.OfferingID = nextID(s.facts.offerings, func(o model.Offering) int64 { return o.ID }, s.query.OfferingID)
		return s.refilter()
	case key.Matches(msg, s.keys.Customer):
		s.filtering = true
		s.SetSize(s.w, s.h)
		return s.filter.Focus()
	}
	return nil
}

// selected returns the log row under the cursor, if loaded.
func (s *feedbackScreen) selected() (model.FeedbackRow, bool) {
	if s.table.Len() == 0 {
		return model.FeedbackRow{}, false
	}
	return s.row(s.table.Cursor())
}

// openSelected opens the customer who gave the feedback under the cursor.
func (s *feedbackScreen) openSelected() tea.Cmd {
	r, ok := s.selected()
	switch {
	case !ok:
		return nil
	case r.CustomerID == 0:
		return kit.Status("That feedback is anonymous.")
	}
	id := r.CustomerID
	return func() tea.Msg { return kit.OpenCustomerMsg{ID: id} }
}

// next returns the value after cur in xs, wrapping around.
func next[T comparable](xs []T, cur T) T {
	for i, x := range xs {
		if x == cur {
			return xs[(i+1)%len(xs)]
		}
	}
	return xs[0]
}

// nextID returns the id after cur among the items' ids, 0 (no filter)
// before the first and after the last.
func nextID[T any](items []T, id func(T) int64, cur int64) int64 {
	ids := []int64{0}
	for _, it := range items {
		ids = append(ids, id(it))
	}
	return next(ids, cur)
}

// refilter reloads the log from its first row; the facts beside it do not
// depend on the filters and stay.
func (s *feedbackScreen) refilter() tea.Cmd {
	s.table.SetCursor(0)
	s.seq++
	s.inFlight = true
	return loadFeedback(s.com, s.store, s.logQuery(), s.seq, 0, false)
}

// setStatus toggles r's status: a second r takes a reply back to new, a
// second d takes "acted on" back to replied.
func (s *feedbackScreen) setStatus(r model.FeedbackRow, to model.FeedbackStatus) tea.Cmd {
	switch {
	case r.Status == to && to == model.FeedbackReplied:
		to = model.FeedbackNew
	case r.Status == to && to == model.FeedbackActedOn:
		to = model.FeedbackReplied
	}
	store, id := s.store, r.ID
	return func() tea.Msg {
		if err := store.SetFeedbackStatus(kit.Bg(), id, to); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return feedbackStatusMsg{id: id, status: to}
	}
}

func (s *feedbackScreen) handleFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd, _, done := kit.TypeFilter(s.fkeys, &s.filter, msg)
	if done {
		s.filtering = false
		s.SetSize(s.w, s.h)
	}
	if v := s.filter.Value(); v != s.query.Customer {
		s.query.Customer = v
		return tea.Batch(cmd, s.refilter())
	}
	return cmd
}

func (s *feedbackScreen) handleNPSKey(msg tea.KeyPressMsg) tea.Cmd {
	if s.promoters.HandleKey(s.keys.ListKeys, msg) || s.facts == nil || len(s.facts.promoters) == 0 {
		return nil
	}
	p := s.facts.promoters[s.promoters.Cursor()]
	switch {
	case key.Matches(msg, s.keys.Open):
		return func() tea.Msg { return kit.OpenCustomerMsg{ID: p.CustomerID} }
	case key.Matches(msg, s.keys.Promote):
		return kit.SetStage(s.store, p.CustomerID, model.StageAdvocate, "")
	}
	return nil
}

// View implements screen.
func (s *feedbackScreen) View() string {
	if s.facts == nil {
		return s.com.Styles.Muted.Render("Loading…")
	}
	head := []string{kit.Truncate(s.headline(), s.w), kit.Truncate(s.viewBar(), s.w)}
	var body string
	switch s.view {
	case viewNPS:
		body = s.npsView()
	case viewWishes:
		body = s.wishView()
	default:
		body = s.logView()
	}
	return strings.Join(head, "\n") + "\n" + body
}

// npsText is an NPS, or "–" with no answers.
func npsText(n model.NPS) string {
	if v, ok := n.Score(); ok {
		return model.Signed(v)
	}
	return "–"
}

// npsStyle colours an NPS: positive good, negative bad.
func (s *feedbackScreen) npsStyle(n model.NPS) lipgloss.Style {
	v, ok := n.Score()
	switch {
	case !ok:
		return s.com.Styles.Muted
	case v > 0:
		return s.com.Styles.Good
	case v < 0:
		return s.com.Styles.Bad
	}
	return lipgloss.NewStyle()
}

// headline is the NPS at a glance: the last 90 days, all time, and the
// trend of the last 12 months as a sparkline.
func (s *feedbackScreen) headline() string {
	st := s.com.Styles
	sum := s.facts.summary
	return st.Section.Render("NPS ") + s.npsStyle(sum.Recent).Render(npsText(sum.Recent)) +
		fmt.Sprintf(" last %d days (%s)", model.RecentDays, model.Commas(sum.Recent.Answers())) + st.Muted.Render(" · ") +
		s.npsStyle(sum.AllTime).Render(npsText(sum.AllTime)) + fmt.Sprintf(" all time (%s)", model.Commas(sum.AllTime.Answers())) +
		st.Muted.Render(" · trend "+sparkline(sum.Months))
}

// sparkline draws the trend one character a month, low to high NPS; a
// month with no answers is a dot.
func sparkline(months []model.MonthNPS) string {
	const levels = "▁▂▃▄▅▆▇█"
	var b strings.Builder
	for _, m := range months {
		v, ok := m.Score()
		if !ok {
			b.WriteString("·")
			continue
		}
		i := (v + 100) * 7 / 200
		b.WriteString(string([]rune(levels)[i]))
	}
	return b.String()
}

// viewBar names the views, the one on screen marked, and the log's
// filters.
func (s *feedbackScreen) viewBar() string {
	st := s.com.Styles
	var parts []string
	for v := viewLog; v < viewCount; v++ {
		if v == s.view {
			parts = append(parts, st.ActiveTab.Render(v.String()))
		} else {
			parts = append(parts, st.Tab.Render(v.String()))
		}
	}
	line := strings.Join(parts, " ")
	sep := st.Muted.Render(" · ")
	switch s.view {
	case viewLog:
		if n := s.facts.unanswered; n > 0 {
			line += sep + st.Bad.Render(fmt.Sprintf("%s %s no reply", model.Commas(n), model.Noun(n, "detractor has", "detractors have")))
		}
		line += sep + st.Muted.Render(s.filterText())
	case viewNPS:
		line += sep + st.Muted.Render(fmt.Sprintf("promoters score %d–10, passives %d–%d, detractors 0–%d",
			model.PromoterMin, model.PassiveMin, model.PromoterMin-1, model.PassiveMin-1))
	case viewWishes:
		if s.wishesOK {
			n := 0
			for _, t := range s.themes {
				n += len(t.Wishes)
			}
			line += sep + st.Muted.Render(fmt.Sprintf("%s %s in %s %s", model.Commas(n), model.Noun(n, "wish", "wishes"),
				model.Commas(len(s.themes)), model.Noun(len(s.themes), "theme", "themes")))
		}
	}
	return line
}

// filterText says which filters the log has.
func (s *feedbackScreen) filterText() string {
	q := s.query
	var f []string
	if q.Kind != "" {
		f = append(f, "kind "+q.Kind.Label())
	}
	if q.Status != "" {
		f = append(f, "status "+string(q.Status))
	}
	if q.SegmentID != 0 {
		for _, sg := range s.facts.segments {
			if sg.ID == q.SegmentID {
				f = append(f, "segment "+kit.Clean(sg.Name))
			}
		}
	}
	if q.OfferingID != 0 {
		for _, o := range s.facts.offerings {
			if o.ID == q.OfferingID {
				f = append(f, "about "+kit.Clean(o.Name))
			}
		}
	}
	if q.Customer != "" && !s.filtering {
		f = append(f, "“"+kit.Clean(q.Customer)+"”")
	}
	if len(f) == 0 {
		return "newest first · filter with t s S O /"
	}
	return strings.Join(f, ", ") + " · esc clears"
}

// logView draws the customer filter line (while typing) and the log.
func (s *feedbackScreen) logView() string {
	st := s.com.Styles
	var b strings.Builder
	if s.filtering {
		b.WriteString(s.filter.View() + "\n")
	}
	switch {
	case s.loaded && s.table.Len() == 0 && s.filtered():
		b.WriteString(st.Muted.Render("  No feedback matches. Press esc to clear the filters."))
	case s.loaded && s.table.Len() == 0:
		// Wrapped, not cut: at 80 columns the hint is read whole.
		for i, l := range kit.Wrap("No feedback yet. Press a (or f on a customer) to record some: a 9 enter is an NPS of 9.", s.w-2) {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(st.Muted.Render("  " + l))
		}
	default:
		b.WriteString(s.table.View(&st, s.logCells, nil))
	}
	return b.String()
}

// logCells formats log row i, or a placeholder while its window loads.
func (s *feedbackScreen) logCells(i int) []kit.Cell {
	r, ok := s.row(i)
	if !ok {
		return []kit.Cell{{Text: "…"}}
	}
	st := &s.com.Styles
	kind := r.Kind.Label()
	score := ""
	var scoreStyle *lipgloss.Style
	if r.HasScore {
		score = strconv.Itoa(r.Score)
		switch model.BandOf(r.Score) {
		case model.Promoter:
			scoreStyle = &st.Good
		case model.Detractor:
			scoreStyle = &st.Bad
		}
	}
	state, stateStyle := string(r.Status), &st.Muted
	switch {
	case r.Unanswered():
		state, stateStyle = "NO REPLY", &st.Bad
	case r.Status == model.FeedbackNew:
		stateStyle = nil
	case r.Status == model.FeedbackActedOn:
		stateStyle = &st.Good
	}
	if r.Voided() {
		// Struck, and "void" in words where the status was: strikethrough
		// may not show.
		stateStyle, scoreStyle, state = &st.Voided, &st.Voided, "void"
	}
	who := r.Customer
	if r.CustomerID == 0 {
		who = "anonymous"
	}
	answer := r.Answer
	if r.Offering != "" {
		answer = "[" + r.Offering + "] " + answer
	}
	cells := []kit.Cell{
		{Text: s.com.Date(r.On)},
		{Text: kind, Style: &st.Muted},
		{Text: who},
		{Text: score, Style: scoreStyle},
		{Text: state, Style: stateStyle},
		{Text: answer},
	}
	if r.Voided() {
		for i := range cells {
			cells[i].Style = &st.Voided
		}
	}
	return cells
}

// npsChartLines is how many months of bars the NPS view shows in a body h
// lines high: all twelve when there is room, fewer (the latest) when not.
func npsChartLines(h int) int { return max(min(npsMonths, h-9), 1) }

// npsView draws the month-by-month bars beside the by-segment NPS, and the
// promoters to make advocates below.
func (s *feedbackScreen) npsView() string {
	st := s.com.Styles
	sum := s.facts.summary
	rows := npsChartLines(s.h)
	months := sum.Months[max(len(sum.Months)-rows, 0):]
	rightW := s.w - npsBarWidth - 2
	showSegments := rightW >= 24
	nameW := rightW - 16
	lines := []string{st.Section.Render(kit.FitCell("NPS month by month", npsBarWidth, false))}
	if showSegments {
		lines[0] += "  " + st.Section.Render(kit.FitCell("by segment", nameW, false)) +
			st.ColHead.Render(kit.FitCell("90d", 5, true)+kit.FitCell("all", 5, true)+kit.FitCell("n", 6, true))
	}
	for i, m := range months {
		line := s.npsBar(m)
		switch {
		case !showSegments:
		case i < len(sum.Segments):
			sg := sum.Segments[i]
			line += "  " + kit.FitCell(sg.Segment, nameW, false) +
				s.npsStyle(sg.Recent).Render(kit.FitCell(npsText(sg.Recent), 5, true)) +
				s.npsStyle(sg.AllTime).Render(kit.FitCell(npsText(sg.AllTime), 5, true)) +
				kit.FitCell(model.Commas(sg.AllTime.Answers()), 6, true)
		case i == 0:
			line += "  " + st.Muted.Render(kit.FitCell("no answers from customers in a segment", rightW, false))
		}
		lines = append(lines, line)
	}
	lines = append(lines, "", st.Section.Render("Promoters who are not advocates yet")+
		st.Muted.Render(fmt.Sprintf(" · %s · p makes one an advocate", model.Commas(s.facts.promoterTotal))))
	if len(s.facts.promoters) == 0 {
		lines = append(lines, st.Muted.Render("  None: every customer whose latest score is 9 or 10 is an advocate."))
	} else {
		lines = append(lines, s.promoters.View(&st, s.promoterCells, nil))
		if from, to := s.promoters.Visible(); from > 0 || to < s.promoters.Len() {
			lines = append(lines, st.Muted.Render(kit.Truncate(fmt.Sprintf("  %d–%d of %s · ↑/↓ scroll the promoters",
				from+1, to, model.Commas(s.promoters.Len())), s.w)))
		}
	}
	return strings.Join(lines, "\n")
}

// npsBarWidth is the width of a month's line: label 7, bar 21, value 5,
// answers 8.
const npsBarWidth = 41

// npsBar draws one month: the label, a bar left of the axis for a negative
// NPS or right of it for a positive one (a cell per 10 points), the value
// and the number of answers.
func (s *feedbackScreen) npsBar(m model.MonthNPS) string {
	st := s.com.Styles
	const half = 10
	label := m.Month.Format("Jan 06") + " "
	left, right := strings.Repeat(" ", half), strings.Repeat(" ", half)
	v, ok := m.Score()
	if !ok {
		return label + left + st.Muted.Render("│") + right + st.Muted.Render(kit.FitCell("–", 5, true)+kit.FitCell(" none", 8, false))
	}
	n := int(model.DivRound(int64(abs(v)*half), 100))
	if v < 0 {
		left = strings.Repeat(" ", half-n) + st.Bad.Render(strings.Repeat("█", n))
	} else {
		right = st.Good.Render(strings.Repeat("█", n)) + strings.Repeat(" ", half-n)
	}
	return label + left + st.Muted.Render("│") + right + kit.FitCell(model.Signed(v), 5, true) +
		st.Muted.Render(kit.FitCell(" n="+model.Commas(m.Answers()), 8, false))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (s *feedbackScreen) promoterCells(i int) []kit.Cell {
	p := s.facts.promoters[i]
	return []kit.Cell{{Text: p.Name}, {Text: strconv.Itoa(p.Score), Style: &s.com.Styles.Good}, {Text: s.com.Date(p.On)}}
}

// Info implements informer.
func (s *feedbackScreen) Info() string {
	switch {
	case s.facts == nil:
		return ""
	case s.view == viewLog && s.table.Len() > 0:
		return fmt.Sprintf("%s of %s", model.Commas(s.table.Cursor()+1), model.Commas(s.table.Len()))
	case s.view == viewWishes && len(s.flat) > 0:
		return fmt.Sprintf("%s themes", model.Commas(len(s.themes)))
	}
	return ""
}

// ShortHelp implements help.KeyMap: the keys of the view on screen.
func (s *feedbackScreen) ShortHelp() []key.Binding {
	switch {
	case s.filtering:
		return []key.Binding{s.fkeys.Apply, s.fkeys.Clear}
	case s.naming:
		return []key.Binding{s.keys.SaveTheme, s.keys.CancelTheme}
	case s.view == viewNPS && s.promoters.Len() == 0:
		return []key.Binding{s.keys.View, s.keys.Add}
	case s.view == viewNPS:
		return []key.Binding{s.keys.Promote, s.keys.Open, s.keys.View, s.keys.Add}
	case s.view == viewWishes && len(s.flat) == 0:
		return []key.Binding{s.keys.View}
	case s.view == viewWishes:
		return []key.Binding{s.keys.Expand, s.keys.Theme, s.keys.Mark, s.keys.Merge, s.keys.View}
	case s.table.Len() == 0:
		// Nothing to mark or open; the filters stay, to widen a search.
		return []key.Binding{s.keys.Add, s.keys.View, s.keys.Kind, s.keys.Status, s.keys.Customer}
	}
	if r, ok := s.selected(); ok && r.Voided() {
		return []key.Binding{s.keys.Restore, s.keys.Open, s.voidedKey(), s.keys.Add, s.keys.View}
	}
	return []key.Binding{s.keys.Add, s.keys.Replied, s.keys.ActedOn, s.keys.Open, s.keys.View, s.keys.Kind,
		s.keys.Status, s.keys.Customer, s.keys.Edit, s.keys.Void, s.voidedKey()}
}

// voidedKey is X as it works now: hide the voided, or show them.
func (s *feedbackScreen) voidedKey() key.Binding {
	if s.hideVoided {
		return s.keys.ShowVoided
	}
	return s.keys.HideVoided
}

// FullHelp implements help.KeyMap.
// FullHelp implements help.KeyMap: the keys of the view on screen (t
// filters the log by kind but names a theme on the wishlist; enter opens
// the customer on the log but shows who asked on the wishlist).
func (s *feedbackScreen) FullHelp() [][]key.Binding {
	k := s.keys
	switch s.view {
	case viewNPS:
		return [][]key.Binding{k.ListKeys.Bindings(), {k.Promote, k.Open, k.View, k.Add}}
	case viewWishes:
		return [][]key.Binding{k.ListKeys.Bindings(), {k.Expand, k.Theme, k.Mark, k.Merge}, {k.View, k.Add}}
	}
	open := k.Open
	open.SetHelp("o/enter", "open customer")
	return [][]key.Binding{
		k.ListKeys.Bindings(),
		{k.Add, k.View, open, k.Replied, k.ActedOn, k.Edit, k.Void, s.voidedKey()},
		{k.Kind, k.Status, k.Segment, k.Offering, k.Customer},
	}
}

// WriteKeys implements kit.Writer: the keys of the view on screen that
// write (t names a theme on the wishlist, but filters the log by kind).
func (s *feedbackScreen) WriteKeys() []key.Binding {
	k := s.keys
	switch s.view {
	case viewNPS:
		return []key.Binding{k.Add, k.Promote}
	case viewWishes:
		return []key.Binding{k.Add, k.Theme, k.Merge}
	}
	return []key.Binding{k.Add, k.Replied, k.ActedOn, k.Void} // x restores a voided entry at once
}
