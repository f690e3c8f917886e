package tuitest

import (
	"clientele/model"
	"clientele/store"
	"clientele/store/demo"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
)

// DemoStore is the demo business, generated on the tests' clock.
func DemoStore(t testing.TB) *store.DB {
	t.Helper()
	db, _ := copyOf(t, "demo.db", func(t testing.TB, db *store.DB) []int64 {
		if _, err := demo.Generate(context.Background(), db, demo.Options{Seed: 1, Now: Now}); err != nil {
			t.Fatal(err)
		}
		return nil
	})
	return db
}

// FeedbackFixtureStore is the fixture business with an offering, feedback
// and complaints: promoters, a detractor waiting for a reply, wishes that
// group by themselves, an overdue complaint and a recovered customer.
func FeedbackFixtureStore(t testing.TB) *store.DB {
	t.Helper()
	db, _ := copyOf(t, "feedback.db", fillFeedback)
	return db
}

// fillFeedback writes FeedbackFixtureStore's business into db.
func fillFeedback(t testing.TB, db *store.DB) []int64 {
	t.Helper()
	fillFixture(t, db)
	ctx := context.Background()
	ids := map[string]int64{}
	rows, _, err := db.ListCustomers(ctx, model.CustomerQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		ids[r.Name] = r.ID
	}
	var soap model.Offering
	err = db.Load(ctx, func(l *store.Loader) error {
		soap = model.Offering{Name: "Lavender soap", Kind: model.KindProduct, Price: 450, Active: true}
		return l.Offering(&soap)
	})
	if err != nil {
		t.Fatal(err)
	}
	feedback := []model.Feedback{
		{On: MustDay(t, "2026-11-20"), CustomerID: ids["Ben Okafor"], Kind: model.FeedbackNPS, Score: 10, HasScore: true,
			Answer: "Always on time", Channel: model.ChannelPhone},
		{On: MustDay(t, "2026-11-18"), CustomerID: ids["李雷"], Kind: model.FeedbackNPS, Score: 4, HasScore: true,
			Answer: "The candle smoked"},
		{On: MustDay(t, "2026-11-15"), CustomerID: ids["Ada Lovelace"], Kind: model.FeedbackWish,
			Question: model.WishQuestion, Answer: "Gift wrapping", OfferingID: soap.ID},
		{On: MustDay(t, "2026-11-10"), CustomerID: ids["Ben Okafor"], Kind: model.FeedbackWish,
			Question: model.WishQuestion, Answer: "gift wrapping!"},
		{On: MustDay(t, "2026-11-02"), Kind: model.FeedbackWish, Question: model.WishQuestion, Answer: "Candle-making classes"},
		{On: MustDay(t, "2026-10-12"), CustomerID: ids["Ada Lovelace"], Kind: model.FeedbackNPS, Score: 9, HasScore: true,
			Status: model.FeedbackReplied, RepliedOn: MustDay(t, "2026-10-13")},
		{On: MustDay(t, "2026-09-05"), CustomerID: ids["Customer 01"], Kind: model.FeedbackNPS, Score: 7, HasScore: true},
		{On: MustDay(t, "2026-06-30"), CustomerID: ids["Customer 02"], Kind: model.FeedbackPraise,
			Answer: "Lovely packaging", Status: model.FeedbackActedOn},
	}
	for i := range feedback {
		if err := db.CreateFeedback(ctx, &feedback[i]); err != nil {
			t.Fatal(err)
		}
	}
	complaints := []model.Complaint{
		{OpenedOn: MustDay(t, "2026-11-19"), CustomerID: ids["李雷"], Category: model.ComplaintQuality,
			Severity: model.SeverityHigh, WhatWentWrong: "Candle smoked and blackened the jar"},
		{OpenedOn: MustDay(t, "2026-11-20"), CustomerID: ids["Ben Okafor"], Category: model.ComplaintDelivery,
			Severity: model.SeverityLow, WhatWentWrong: "Parcel arrived late"},
		{OpenedOn: MustDay(t, "2026-09-14"), CustomerID: ids["Ada Lovelace"], Category: model.ComplaintQuality,
			Severity: model.SeverityMedium, WhatWentWrong: "Two soaps cracked", Remedy: "Sent two new bars",
			RemedyCost: 900, Guarantee: true, HonouredOn: MustDay(t, "2026-09-16"), RemediedOn: MustDay(t, "2026-09-16"),
			Prevention: "Wrap each bar in card", Status: model.ComplaintClosed, ClosedOn: MustDay(t, "2026-09-18"),
			Outcome: "Happy, reordered"},
		{OpenedOn: MustDay(t, "2025-06-14"), CustomerID: ids["Dev Patel"], Category: model.ComplaintDelivery,
			Severity: model.SeverityMedium, WhatWentWrong: "Parcel arrived late", Remedy: "Refunded the candle",
			RemediedOn: MustDay(t, "2025-06-20"), Status: model.ComplaintRemedied},
	}
	for i := range complaints {
		if err := db.CreateComplaint(ctx, &complaints[i]); err != nil {
			t.Fatal(err)
		}
	}
	return nil
}

// cursorRow returns the row of a list screen the cursor is on.
// CursorRow is the line of a screen the cursor is on.
func CursorRow(screen string) string {
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasPrefix(line, "▸ ") {
			return line
		}
	}
	return ""
}

// WaitFor waits until the program has drawn text.
func WaitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), text) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// ForeignSGR is styling that arrives in the data, not from the program:
// colours no style of ours uses, so that if it ever reached the output
// whole it could be told from our own.
const ForeignSGR = "\x1b[38;5;201;48;5;93;5m"

// HostileTexts is what someone else's program, a shared CSV or the
// sqlite3 shell may leave in any text column.
var HostileTexts = []string{
	"\x1b]0;pwned\x07Ada",                       // OSC 0: the window title
	"\x1b]52;c;cm0gLXJmIH4vKg==\x07clip",        // OSC 52: the clipboard
	"\x1b]52;c;aGk=\x1b\\with ST",               // OSC 52 ended by ST
	"\x1b]8;;https://evil.example\x1b\\link",    // OSC 8 hyperlink
	"\x1b[2J\x1b[H\x1b[?1049lclear",             // CSI: clear, home, leave the alt screen
	ForeignSGR + "blinking magenta" + "\x1b[0m", // SGR from the data
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

// HostileStore is the fixture business with every text column of every
// table, written behind the store's back as another program could, set to
// one of HostileTexts. Columns whose CHECK refuses the text (dates, kinds)
// keep theirs. New tables are covered as they land.
func HostileStore(t testing.TB) (*store.DB, []int64) {
	t.Helper()
	return copyOf(t, "hostile.db", fillHostile)
}

// fillHostile writes HostileStore's business into db, and returns the
// customers it poisons most.
func fillHostile(t testing.TB, db *store.DB) []int64 {
	t.Helper()
	fillFixture(t, db)
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
		day := Now.AddDate(0, 0, -3)
		offer := model.Offering{Name: "Soap", SKU: "S1", Kind: model.KindProduct, Price: 450, Active: true}
		if err := l.Offering(&offer); err != nil {
			return err
		}
		for i, id := range ids {
			// Billed for later, overdue: the detail and Today show it.
			o := model.Order{CustomerID: id, OrderedAt: day, Kind: model.OrderSale, PaymentDue: day.AddDate(0, 0, 1),
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
			ids[0], ids[1], model.FormatDate(Now)); err != nil {
			return err
		}
		if _, err := l.Tx().Exec("INSERT INTO settings (key, value) VALUES ('business_name', 'Soap Co')"); err != nil {
			return err
		}
		return reachRows(l.Tx(), ids, day)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AddSavedQuestion(ctx, "question"); err != nil {
		t.Fatal(err)
	}
	poison(t, db.Path())
	return ids
}

// reachRows gives the customers ids what reaching them shows, for
// poison to spoil: consent, custom fields and their values, occasions,
// reminders, and the owner's own templates.
func reachRows(tx *sql.Tx, ids []int64, day time.Time) error {
	d := model.FormatDate(day)
	stmts := []string{
		`UPDATE customers SET consent_email_on = '` + d + `', consent_post_on = '` + d + `'`,
		`INSERT INTO custom_fields (name, kind, choices, on_order, position, created_at) VALUES
			('Allergies', 'text', '', 1, 1, '` + d + `'), ('Skin type', 'choice', 'dry' || char(10) || 'oily', 1, 2, '` + d + `')`,
	}
	for _, id := range ids {
		n := strconv.FormatInt(id, 10)
		stmts = append(stmts,
			`INSERT INTO customer_fields (customer_id, field_id, value) SELECT `+n+`, id, 'value' FROM custom_fields`,
			`INSERT INTO occasions (customer_id, kind, name, month, day, yearly, note, created_at) VALUES
				(`+n+`, 'birthday', '', 11, 25, 1, 'note', '`+d+`'), (`+n+`, 'other', 'Anniversary', 11, 24, 1, 'note', '`+d+`')`,
			`INSERT INTO reminders (customer_id, kind, starts_on, repeat_unit, repeat_every, note, created_at) VALUES
				(`+n+`, 'reminder', '`+d+`', 'week', 2, 'note', '`+d+`')`,
		)
	}
	for _, k := range model.TemplateKinds {
		stmts = append(stmts, `INSERT INTO templates (kind, name, subject, body, marketing, updated_at) VALUES
			('`+string(k)+`', 'name', 'subject', 'body {first_name}', 1, '`+d+`')`)
	}
	for _, q := range stmts {
		if _, err := tx.Exec(q); err != nil {
			return fmt.Errorf("%w: %s", err, q)
		}
	}
	return nil
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
	// One transaction, one statement per column: a refused UPDATE (a
	// CHECK) undoes only itself.
	tx, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	tables, err := textColumn(tx, "SELECT name FROM pragma_table_list WHERE type = 'table' AND schema = 'main' "+
		"AND name NOT LIKE 'sqlite%'")
	if err != nil {
		t.Fatal(err)
	}
	n := len(HostileTexts)
	for ti, table := range tables {
		if store.IsLitestreamTable(table) {
			continue // Litestream's bookkeeping, in a copied book: no owner's text
		}
		if store.IsBookTable(table) {
			// Kept from the other tables by the store's triggers, which
			// carry the hostile texts written below into them.
			continue
		}
		cols, err := textColumn(tx, "SELECT name FROM pragma_table_info(?) WHERE type = 'TEXT'", table)
		if err != nil {
			t.Fatal(err)
		}
		var noRowid bool
		tx.QueryRow("SELECT wr FROM pragma_table_list WHERE name = ?", table).Scan(&noRowid)
		for c, col := range cols {
			if table == "settings" {
				if col == "value" {
					tx.Exec("UPDATE settings SET value = ? || value WHERE key = 'business_name'", HostileTexts[0])
				}
				continue
			}
			if noRowid {
				tx.Exec(fmt.Sprintf("UPDATE %s SET %s = ? || %[2]s", table, col), HostileTexts[(ti+c)%n])
				continue
			}
			update, err := tx.Prepare(fmt.Sprintf("UPDATE %s SET %s = ? || %[2]s WHERE rowid %% ? = ?", table, col))
			if err != nil {
				continue // a column no UPDATE may set (generated)
			}
			for k := range n {
				update.Exec(HostileTexts[(k+ti+c)%n], n, k)
			}
			update.Close()
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// textColumn runs a query returning one text column.
func textColumn(db interface {
	Query(string, ...any) (*sql.Rows, error)
}, query string, args ...any) ([]string, error) {
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

// ReadOnly closes db and opens its file again to read only, as
// clientele --follow opens a followed copy: every write refuses with
// model.ErrReadOnly before it begins.
func ReadOnly(t testing.TB, db *store.DB) *store.DB {
	t.Helper()
	return reopen(t, db, nil, store.OpenReadOnly)
}

// Damaged closes db, writes random bytes over one of its index pages
// (one no screen needs to draw) and opens it again: the file opens, and
// its quick check finds the damage.
func Damaged(t testing.TB, db *store.DB) *store.DB {
	t.Helper()
	return reopen(t, db, spoilAnIndex, store.Open)
}

// reopen closes db, changes its closed file with change (when not nil)
// and opens it again with open, on the tests' clock.
func reopen(t testing.TB, db *store.DB, change func(path string) error,
	open func(context.Context, string) (*store.DB, error)) *store.DB {
	t.Helper()
	path := db.Path()
	err := db.Close()
	if err == nil && change != nil {
		err = change(path)
	}
	if err != nil {
		t.Fatal(err)
	}
	again, err := open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	again.Now = Clock
	t.Cleanup(func() { again.Close() })
	return again
}

// spoilAnIndex writes random bytes over the last index's root page of the
// database at path.
func spoilAnIndex(path string) error {
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	var pageNo, pageSize int
	err = raw.QueryRow("SELECT rootpage FROM sqlite_schema WHERE type = 'index' ORDER BY rootpage DESC LIMIT 1").
		Scan(&pageNo)
	if err == nil {
		err = raw.QueryRow("PRAGMA page_size").Scan(&pageSize)
	}
	raw.Close()
	if err != nil {
		return err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, 2))
	at := (pageNo - 1) * pageSize
	for i := at; i < at+pageSize && i < len(b); i++ {
		b[i] = byte(r.Uint32())
	}
	return os.WriteFile(path, b, 0o600)
}
