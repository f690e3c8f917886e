package tui

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"clientele/model"
	"clientele/store"
)

// foreignSGR is styling that arrives in the data, not from the program:
// colours no style of ours uses, so that if it ever reached the output
// whole it could be told from our own.
const foreignSGR = "\x1b[38;5;201;48;5;93;5m"

// hostileTexts is what someone else's program, a shared CSV or the
// sqlite3 shell may leave in any text column.
var hostileTexts = []string{
	"\x1b]0;pwned\x07Ada",                       // OSC 0: the window title
	"\x1b]52;c;cm0gLXJmIH4vKg==\x07clip",        // OSC 52: the clipboard
	"\x1b]52;c;aGk=\x1b\\with ST",               // OSC 52 ended by ST
	"\x1b]8;;https://evil.example\x1b\\link",    // OSC 8 hyperlink
	"\x1b[2J\x1b[H\x1b[?1049lclear",             // CSI: clear, home, leave the alt screen
	foreignSGR + "blinking magenta" + "\x1b[0m", // SGR from the data
	"\x1bP+q544e\x1b\\dcs",                      // DCS: ask the terminal
	"\x1b_apc\x1b\\ \x1b^pm\x1b\\",              // APC and PM
	"\u009b31mC1 CSI\u009d0;c1 osc\u0007",       // C1 controls as UTF-8
	"raw C1 \x9b31m \x9d0;x\x07",                // C1 controls as bare bytes
	"bell\x07\x07 cr\rover bs\b\b\bx",           // BEL, CR, backspace
	"nul\x00 del\x7f vt\v ff\f",                 // the other C0 and DEL
	"\u202eevil\u202c \u2066iso\u2069 \u200fRLM \u061cALM",
	"zero\u200bwidth \ufeffbom soft\u00adhyphen \u2028line\u2029para",
	"👩\u200d👩\u200d👧\u200d👦 family ❤\ufe0f 🏳\ufe0f\u200d🌈 flag",
	"李雷 韩梅梅 株式会社テスト 한국어",
	"e\u0301 a\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308 zalgo",
	"tab\there\nnew line\r\nwindows line",
	strings.Repeat("W", 10000),
	strings.Repeat("李", 5000),
	strings.Repeat("👩\u200d👧", 2000),
	strings.Repeat("\x1b]0;x\x07", 1500),
	"\xff\xfe invalid \xc3\x28 utf-8",
}

// hostileStore is the fixture business with every text column of every
// table, written behind the store's back as another program could, set to
// one of hostileTexts. Columns whose CHECK refuses the text (dates, kinds)
// keep theirs. New tables are covered as they land.
func hostileStore(t testing.TB) (*store.DB, []int64) {
	t.Helper()
	db := fixtureStore(t)
	ctx := context.Background()
	ids := make([]int64, 0)
	err := db.Load(ctx, func(l *store.Loader) error {
		rows, err := l.Tx().Query("SELECT id FROM customers ORDER BY id LIMIT 6")
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		day := testNow.AddDate(0, 0, -3)
		offer := model.Offering{Name: "Soap", SKU: "S1", Kind: model.KindProduct, Price: 450, Active: true}
		if err := l.Offering(&offer); err != nil {
			return err
		}
		for i, id := range ids {
			o := model.Order{CustomerID: id, OrderedAt: day, Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("line", 1, 450, 100)}}
			if err := l.Order(&o); err != nil {
				return err
			}
			steps := []error{
				l.Cost(&model.Cost{On: day, CustomerID: id, Category: model.CostShipping, Amount: 300, Note: "note"}),
				l.Touch(&model.Touch{CustomerID: id, At: day, Kind: model.TouchContact, Summary: "summary"}),
				l.Feedback(&model.Feedback{On: day, CustomerID: id, Kind: model.FeedbackWish, Question: "q",
					Answer: "a", Status: model.FeedbackNew, Theme: "theme"}),
				l.Complaint(&model.Complaint{OpenedOn: day.AddDate(0, 0, -i*10), CustomerID: id, OrderID: o.ID,
					Category: model.ComplaintQuality, Severity: model.SeverityHigh, WhatWentWrong: "w", Remedy: "r",
					Prevention: "p", Outcome: "o", Status: model.ComplaintOpen}),
			}
			for _, err := range steps {
				if err != nil {
					return err
				}
			}
		}
		if _, err := l.Tx().Exec(`INSERT INTO reminders (customer_id, kind, starts_on, created_at)
			VALUES (?1, 'follow-up', ?3, ?3), (?2, 'follow-up', ?3, ?3)
			ON CONFLICT (customer_id) WHERE kind = 'follow-up' DO UPDATE SET starts_on = excluded.starts_on`,
			ids[0], ids[1], model.FormatDate(testNow)); err != nil {
			return err
		}
		if _, err := l.Tx().Exec("INSERT INTO settings (key, value) VALUES ('business_name', 'Soap Co')"); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AddSavedQuestion(ctx, "question"); err != nil {
		t.Fatal(err)
	}
	poison(t, db.Path())
	return db, ids
}

// poison puts a hostile text in front of every text column of every row,
// straight through SQL: what the store would never write, another program
// might. Rows get different texts (by rowid); a column whose CHECK refuses
// the text (dates, kinds) keeps its own.
func poison(t testing.TB, path string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	tables, err := textColumn(raw, "SELECT name FROM pragma_table_list WHERE type = 'table' AND schema = 'main' "+
		"AND name NOT LIKE 'sqlite%'")
	if err != nil {
		t.Fatal(err)
	}
	n := len(hostileTexts)
	for ti, table := range tables {
		cols, err := textColumn(raw, "SELECT name FROM pragma_table_info(?) WHERE type = 'TEXT'", table)
		if err != nil {
			t.Fatal(err)
		}
		var noRowid bool
		raw.QueryRow("SELECT wr FROM pragma_table_list WHERE name = ?", table).Scan(&noRowid)
		for c, col := range cols {
			if table == "settings" {
				if col == "value" {
					raw.Exec("UPDATE settings SET value = ? || value WHERE key = 'business_name'", hostileTexts[0])
				}
				continue
			}
			if noRowid {
				raw.Exec(fmt.Sprintf("UPDATE %s SET %s = ? || %[2]s", table, col), hostileTexts[(ti+c)%n])
				continue
			}
			for k := range n {
				raw.Exec(fmt.Sprintf("UPDATE %s SET %s = ? || %[2]s WHERE rowid %% ? = ?", table, col),
					hostileTexts[(k+ti+c)%n], n, k)
			}
		}
	}
}

// textColumn runs a query returning one text column.
func textColumn(db *sql.DB, query string, args ...any) ([]string, error) {
	rows, err := db.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// reachKeys are pressed on every tab, and again on every screen they
// open, to reach the screens pushed over the tabs. A screen opened with a
// new key is covered by adding the key here (v: the Feedback screen's NPS
// view and wishlist; w: a wish in the feedback form).
var reachKeys = []string{"enter", "a", "e", "o", "r", "c", "f", "C", "n", "F", "O", "i", "t", "/", "?", "v", "w"}

// tabKeys are pressed only on the tab named, besides reachKeys: keys that
// open a screen there but would write elsewhere (x archives on the
// customer list). On the Profit tab, x opens the export and d the custom
// period.
var tabKeys = map[string][]string{"6": {"x", "d"}}

// keysOn are the keys pressed on a screen reached from tab tb at depth.
func keysOn(tb string, depth int) []string {
	if depth > 0 {
		return reachKeys
	}
	return append(slices.Clone(reachKeys), tabKeys[tb]...)
}

// walkScreens calls visit on every screen the app reaches: each tab, each
// of reachKeys pressed on it, and reachKeys again on any screen that
// opened. Each path starts from a fresh app made by start.
func walkScreens(t *testing.T, start func() *driver, visit func(d *driver, path string)) {
	t.Helper()
	d := start()
	for _, tb := range d.app.tabs {
		var walk func(path []string, depth int)
		walk = func(path []string, depth int) {
			d := start()
			d.keys(tb.key)
			d.keys(path...)
			visit(d, tb.key+" "+strings.Join(path, " "))
			if depth == 2 {
				return
			}
			before := screenID(d)
			for _, k := range keysOn(tb.key, depth) {
				d := start()
				d.keys(tb.key)
				d.keys(path...)
				d.keys(k)
				if screenID(d) == before {
					continue // the key opened nothing here
				}
				walk(append(slices.Clone(path), k), depth+1)
			}
		}
		walk(nil, 0)
	}
}

// screenID names what is on screen: the stack's titles and the help.
func screenID(d *driver) string {
	var b strings.Builder
	b.WriteString(d.app.tabs[d.app.active].screen.Title())
	for _, s := range d.app.stack {
		b.WriteString(" › " + s.Title())
	}
	if d.app.showHelp {
		b.WriteString(" ?")
	}
	return b.String()
}

// screenKind names the kind of screen on top, for counting coverage.
func screenKind(d *driver) string {
	if d.app.showHelp {
		return "help"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", d.app.top()), "*tui.")
}

// checkFrame fails when the frame could make the terminal do anything
// but show text in the program's own colours: every escape sequence must
// be SGR, no other C0 or C1 control, DEL, bidi control or invalid UTF-8
// may appear, the data's own SGR must not, and no line may be wider than
// the terminal or the frame taller. The window title must be plain text.
func checkFrame(t *testing.T, d *driver, path string) {
	t.Helper()
	frame := d.app.render()
	if msg := badBytes(frame); msg != "" {
		t.Errorf("%s: %s\n%s", path, msg, ansi.Strip(frame))
		return
	}
	if strings.Contains(frame, foreignSGR) {
		t.Errorf("%s: the data's own styling reached the output", path)
		return
	}
	lines := strings.Split(frame, "\n")
	if len(lines) > d.app.height {
		t.Errorf("%s: %d lines in a %d-line terminal", path, len(lines), d.app.height)
		return
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > d.app.width {
			t.Errorf("%s: line %d is %d wide in a %d-wide terminal: %q", path, i, w, d.app.width, ansi.Strip(l))
			return
		}
	}
	title := d.app.View().WindowTitle
	if msg := badBytes(title); msg != "" || strings.Contains(title, "\x1b") {
		t.Errorf("%s: window title %q: %s", path, title, msg)
	}
}

// badBytes describes the first byte of s a terminal would act on, other
// than SGR styling, or returns "".
func badBytes(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\x1b':
			n := sgrLen(s[i:])
			if n == 0 {
				return fmt.Sprintf("escape sequence %q at byte %d", s[i:min(len(s), i+12)], i)
			}
			i += n
			continue
		case c == '\n':
			i++
			continue
		case c < 0x20 || c == 0x7f:
			return fmt.Sprintf("control byte %#x at byte %d", c, i)
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Sprintf("invalid UTF-8 %#x at byte %d", c, i)
		case r >= 0x80 && r < 0xa0:
			return fmt.Sprintf("C1 control %U at byte %d", r, i)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return fmt.Sprintf("bidi control %U at byte %d", r, i)
		}
		i += size
	}
	return ""
}

// sgrLen is the length of the SGR sequence (ESC [ params m) s starts
// with, or 0 when it starts with anything else.
func sgrLen(s string) int {
	if len(s) < 3 || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	db, ids := hostileStore(t)
	var open []string
	seen := map[string]bool{}
	visit := func(d *driver, path string) {
		checkFrame(t, d, path)
		seen[screenKind(d)] = true
		open = append(open, path)
	}
	for i, size := range [][2]int{{80, 24}, {40, 12}} {
		start := func() *driver { return newDriver(t, db, size[0], size[1]) }
		if i == 0 {
			walkScreens(t, start, visit)
		} else {
			// Narrow: the tabs and what opens from them, one level.
			for _, tb := range start().app.tabs {
				for _, k := range append([]string{""}, keysOn(tb.key, 0)...) {
					d := start()
					d.keys(tb.key, k)
					visit(d, tb.key+" "+k)
				}
			}
		}
		// Every poisoned customer's detail, and what opens from it.
		for _, id := range ids {
			d := start()
			d.send(openCustomerMsg{id})
			visit(d, fmt.Sprintf("customer %d", id))
			for _, k := range reachKeys {
				d := start()
				d.send(openCustomerMsg{id})
				d.keys(k)
				visit(d, fmt.Sprintf("customer %d %s", id, k))
			}
		}
		// The status line: archiving names the customer (every name is
		// hostile), and so does undoing it.
		d := start()
		d.keys("2", "x")
		visit(d, "archive")
		d.keys("u")
		visit(d, "undo archive")
	}
	titles := slices.Sorted(func(yield func(string) bool) {
		for k := range seen {
			if !yield(k) {
				return
			}
		}
	})
	t.Logf("%d hostile texts; %d paths over %d screens: %s", len(hostileTexts), len(open), len(seen),
		strings.Join(titles, "; "))
	if len(seen) < 8 {
		t.Errorf("only %d screens reached", len(seen))
	}
}

func TestResizeStormOnEveryScreen(t *testing.T) {
	db := fixtureStore(t)
	start := func() *driver { return newDriver(t, db, 80, 24) }
	screens := 0
	walkScreens(t, start, func(d *driver, path string) {
		screens++
		for w := 0; w < 130; w += 13 {
			for h := 0; h < 40; h += 7 {
				d.send(tea.WindowSizeMsg{Width: w, Height: h})
				out := d.screen()
				lines := strings.Split(out, "\n")
				if h > 0 && len(lines) > h {
					t.Fatalf("%s at %dx%d: %d lines", path, w, h, len(lines))
				}
				for _, l := range lines {
					if lipglossWidth(l) > w {
						t.Fatalf("%s at %dx%d: line %q is %d wide", path, w, h, l, lipglossWidth(l))
					}
				}
				if (w < minWidth || h < minHeight) && w > 0 && !strings.Contains(out, "too small") && len(out) > 0 &&
					w >= 9 && h >= 1 {
					t.Fatalf("%s at %dx%d: no \"too small\":\n%s", path, w, h, out)
				}
			}
		}
		// Keys still work after the storm, at a size that draws.
		d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		d.keys("down", "up")
		_ = d.screen()
	})
	t.Logf("resize storm over %d screens", screens)
}
