// The commands as a person runs them: each test runs the command line
// through rootCmd against a file in a temporary folder, and the crash test
// builds the binary and kills it.

package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/termios"
	"github.com/creack/pty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/sys/unix"

	"clientele/model"
	"clientele/store"
	"clientele/store/storetest"
	"clientele/store/testsize"
)

// runCmd runs the command line args and returns what it printed.
func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	cmd := rootCmd()
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	dbFlag = ""
	return out.String(), err
}

// newFile opens a new database, c.db in a folder of its own, for a test
// to fill before it runs commands on the file; the test closes it.
func newFile(t *testing.T) (string, *store.DB) {
	t.Helper()
	path := storetest.NewBook(t, "c.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return path, db
}

func TestBackupAndCheckCommands(t *testing.T) {
	path, db := newFile(t)
	dir := filepath.Dir(path)
	ctx := context.Background()
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	// The TUI stays open on the file while the backup runs.
	defer db.Close()

	out, err := runCmd(t, "backup", "--db", path, filepath.Join(dir, "copy.db"))
	if err != nil || !strings.Contains(out, "Backed up 1 customer, 0 orders to "+filepath.Join(dir, "copy.db")) {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "backup", "--db", path, filepath.Join(dir, "copy.db")); err == nil ||
		!strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second backup to the same name: %v", err)
	}
	out, err = runCmd(t, "backup", "--db", path, dir)
	if err != nil || !strings.Contains(out, filepath.Join(dir, "clientele-")) {
		t.Errorf("backup into a folder: %v\n%s", err, out)
	}

	out, err = runCmd(t, "check", "--db", filepath.Join(dir, "copy.db"))
	if err != nil || !strings.Contains(out, "ok    integrity") || !strings.Contains(out, "All is well.") {
		t.Errorf("check of the copy: %v\n%s", err, out)
	}

	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec("UPDATE customers SET revenue = 99")
	raw.Close()
	out, err = runCmd(t, "check", "--db", path)
	if !errors.Is(err, errCheckFailed) || !strings.Contains(out, "FAIL  figures: 1 customer's kept figures disagree with their orders") {
		t.Errorf("check of wrong figures: %v\n%s", err, out)
	}
	out, err = runCmd(t, "check", "--db", path, "--fix")
	if err != nil || !strings.Contains(out, "Recomputed the figures of 1 customer.") || !strings.Contains(out, "All is well.") {
		t.Errorf("check --fix: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "check", "--db", filepath.Join(dir, "missing.db")); err == nil {
		t.Error("check of a missing file passed")
	}
}

func TestCommandsThatReadRefuseAMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo", "c.db")
	for _, args := range [][]string{
		{"review", "--db", missing},
		{"backup", "--db", missing, filepath.Join(dir, "copy.db")},
		{"export", "--db", missing},
		{"export", "feedback", "--db", missing},
		{"export", "contacts", "--db", missing},
		{"export", "calendar", "--db", missing},
	} {
		_, err := runCmd(t, args...)
		if err == nil || !strings.Contains(err.Error(), "there is no clientele database at "+missing) {
			t.Errorf("%s: %v", args[0], err)
		}
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a command that reads made the folder of a missing database: %v", err)
	}
}

// No command writes over the book, its -wal, -shm or -journal, or anything
// that resolves to them: the same file by another name (relative, through
// a symlink, a hard link, a symlinked folder, another case where the disk
// ignores case), nor over any other SQLite database (another book, a
// backup). Every writer is tried against every name while another handle
// keeps the book open, as the TUI would.
func TestNoCommandWritesOverTheBook(t *testing.T) {
	path, db := newFile(t)
	defer db.Close()
	ctx := context.Background()
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(path)
	other, odb := newFile(t)
	odb.Close()
	cwd, _ := os.Getwd()
	rel, err := filepath.Rel(cwd, path)
	if err != nil {
		t.Fatal(err)
	}
	link := func(name string, fn func(string, string) error, target string) string {
		p := filepath.Join(dir, name)
		if err := fn(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o700)
	aliasDir := link("alias", os.Symlink, dir)
	targets := map[string]string{
		"the book":                path,
		"a relative path":         rel,
		"a path with ..":          filepath.Join(dir, "sub") + "/../c.db",
		"a symlink":               link("link.csv", os.Symlink, path),
		"a hard link":             link("hard.csv", os.Link, path),
		"a symlinked folder":      filepath.Join(aliasDir, "c.db"),
		"the -wal":                path + "-wal",
		"the -shm":                path + "-shm",
		"a hard link to the -shm": link("shm.csv", os.Link, path+"-shm"),
		"the -journal":            path + "-journal",
		"a symlink to a -journal": link("journal.csv", os.Symlink, path+"-journal"),
		"another database":        other,
		"another database's -wal": other + "-wal",
	}
	if _, err := os.Stat(strings.ToUpper(path)); err == nil {
		targets["another case"] = strings.ToUpper(path) // a disk that ignores case
	}
	sum := func() string { // not the -shm: readers mark it as they read
		var b []byte
		for _, s := range []string{"", "-wal"} {
			f, _ := os.ReadFile(path + s)
			b = append(b, f...)
		}
		return fmt.Sprintf("%x", sha256.Sum256(b))
	}
	before, otherBefore := sum(), fileSum(t, other)
	for what, target := range targets {
		for _, args := range [][]string{
			{"export", "--db", path, "--out", target},
			{"export", "feedback", "--db", path, "--out", target},
			{"export", "contacts", "--db", path, "--out", target},
			{"export", "contacts", "--format", "vcf", "--db", path, "--out", target},
			{"export", "calendar", "--db", path, "--out", target},
			{"backup", "--db", path, target},
			{"export", "--db", other, "--out", target},
		} {
			_, err := runCmd(t, args...)
			if err == nil || !strings.Contains(err.Error(), "nothing was written") {
				t.Errorf("%s onto %s (%s): %v, want a refusal", args[0], what, target, err)
			}
		}
	}
	if sum() != before || fileSum(t, other) != otherBefore {
		t.Error("a command changed the book or another database")
	}
	for _, s := range []string{"-journal"} {
		if _, err := os.Stat(path + s); err == nil {
			t.Errorf("a command wrote %s", path+s)
		}
	}
	if got, err := db.Customer(ctx, c.ID); err != nil || got.Name != "Ada" {
		t.Errorf("the book after: %v, %v", got.Name, err)
	}
	if rep, err := store.Check(ctx, path); err != nil || !rep.OK() {
		t.Errorf("the book after: %v\n%s", err, rep)
	}
}

// fileSum is the SHA-256 of the file at path.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

func TestWritingIntoAMissingFolderSaysSo(t *testing.T) {
	path, db := newFile(t)
	db.Close()
	gone := filepath.Join(filepath.Dir(path), "gone")
	for _, args := range [][]string{
		{"backup", "--db", path, filepath.Join(gone, "copy.db")},
		{"export", "--db", path, "--out", filepath.Join(gone, "profit.csv")},
		{"export", "feedback", "--db", path, "--out", filepath.Join(gone, "feedback.csv")},
	} {
		_, err := runCmd(t, args...)
		want := "cannot write " + args[len(args)-1] + ": the folder " + gone + " does not exist"
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %q", args[0], err, want)
		}
	}
	if _, err := os.Stat(gone); !errors.Is(err, os.ErrNotExist) {
		t.Error("a failed write made the folder")
	}
}

func TestAMissingOrExtraArgumentIsNamed(t *testing.T) {
	for args, want := range map[string]string{
		"import":          "import needs FILE, the file to read: see clientele import --help",
		"import a.csv b":  "import takes one FILE, not 2: a.csv b (quote a path that has spaces)",
		"backup":          "backup needs DEST, where to write the copy: see clientele backup --help",
		"backup x.db y z": "backup takes one DEST, not 3: x.db y z",
	} {
		_, err := runCmd(t, strings.Fields(args)...)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", args, err, want)
		}
	}
}

// fang capitalises the first word of a flag's help (lower-casing the rest
// of it: "CSV" would read "Csv") and adds a non-zero default in brackets.
func TestFlagHelpSurvivesFangsStyling(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if first := strings.Fields(f.Usage)[0]; first != strings.ToLower(first) {
				t.Errorf("%s --%s: its help starts with %q, which fang would write %q", c.Name(), f.Name, first,
					strings.ToUpper(first[:1])+strings.ToLower(first[1:]))
			}
			if strings.Contains(f.Usage, "(default") && f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
				t.Errorf("%s --%s: %q names its default, and fang adds (%s) after it", c.Name(), f.Name, f.Usage, f.DefValue)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	root := rootCmd()
	walk(root)
	for _, c := range root.Commands() {
		// The command list shows the arguments first: a Use that ends with
		// them shows as "import  FILE [--format …]". An argument is a word
		// outside the brackets; "[--out FILE]" is a flag and its value.
		depth, flags := 0, false
		for _, w := range strings.Fields(c.Use)[1:] {
			if depth == 0 && !strings.HasPrefix(w, "[") && flags {
				t.Errorf("%q: name the arguments before the flags", c.Use)
			}
			depth += strings.Count(w, "[") - strings.Count(w, "]")
			flags = flags || depth > 0
		}
	}
}

func TestTheWelcomePanelsDemoSaysWhatItWroteInOneLine(t *testing.T) {
	_, db := newFile(t)
	defer db.Close()
	msg, err := loadDemo(db)(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(msg, "Loaded the demo business: 80 customers, ") || len([]rune(msg)) > 80 {
		t.Errorf("%q (%d characters) does not fit an 80-column status line", msg, len([]rune(msg)))
	}
}

// The welcome's demo opens in a file of its own beside the book, written
// the first time and opened as it is after: the owner's book stays empty.
func TestTheDemoOpensInAFileOfItsOwn(t *testing.T) {
	ctx := context.Background()
	book, db := newFile(t)
	defer db.Close()
	want := filepath.Join(filepath.Dir(book), "c-demo.db")
	d := &demoFile{path: demoPath(book)}
	defer d.close()
	if d.path != want {
		t.Fatalf("the demo's file is %s, want %s", d.path, want)
	}
	s, text, err := d.open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != want || !strings.HasPrefix(text, "Demo of 80 customers written to c-demo.db") || len([]rune(text)) > 80 {
		t.Errorf("opened %s, saying %q (%d characters)", s.Path(), text, len([]rune(text)))
	}
	if empty, err := db.Empty(ctx); !empty || err != nil {
		t.Errorf("the book was written to (empty %v, %v)", empty, err)
	}
	if n, err := s.CustomerCount(ctx); n != 80 || err != nil {
		t.Errorf("the demo's file holds %d customers, %v", n, err)
	}
	again, text, err := d.open(ctx)
	if err != nil || again != s || !strings.HasPrefix(text, "Demo opened from c-demo.db") || len([]rune(text)) > 80 {
		t.Errorf("opened again: %q, %v", text, err)
	}
	if n, _ := s.CustomerCount(ctx); n != 80 {
		t.Errorf("opened again, it holds %d customers", n)
	}
	for in, out := range map[string]string{"/x/clientele.db": "/x/clientele-demo.db", "/x/book": "/x/book-demo.db",
		"/x/clientele-demo.db": "/x/clientele-demo.db"} {
		if got := demoPath(in); got != out {
			t.Errorf("demoPath(%q) = %q, want %q", in, got, out)
		}
	}
}

func TestReviewCommand(t *testing.T) {
	path, db := newFile(t)
	ctx := context.Background()
	db.Now = func() time.Time { return time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) } // in the book before the days reviewed
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer, Channel: model.ChannelPhone, Phone: "555-0142",
		Values: []string{"speed"}, NextReview: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	db.Close()

	run := func(args ...string) string {
		t.Helper()
		out, err := runCmd(t, append([]string{"review", "--db", path}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	text := run("--date", "2026-11-23")
	for _, want := range []string{"Review for 2026-11-23: 1 due, 0 done today", "1. Ada (customer) · call 555-0142",
		"- follow-up was due 3 days ago (2026-11-20)", "values: speed"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if text := run("--date", "2026-11-19"); !strings.Contains(text, "0 due") {
		t.Errorf("before the follow-up:\n%s", text)
	}
	var got struct {
		Due     int
		Entries []struct {
			Name    string
			Contact string
			Reasons []struct{ Kind, Text string }
		}
	}
	if err := json.Unmarshal([]byte(run("--date", "2026-11-23", "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	if got.Due != 1 || got.Entries[0].Contact != "call 555-0142" || got.Entries[0].Reasons[0].Kind != "follow-up" {
		t.Errorf("json %+v", got)
	}
}

// The list holds the daily size from the settings, or --limit; the header
// says how many more are due; --all lists them all.
func TestReviewCommandLimits(t *testing.T) {
	path, db := newFile(t)
	ctx := context.Background()
	db.Now = func() time.Time { return time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) } // in the book before the days reviewed
	for i, name := range []string{"Ada", "Ben", "Cy", "Di"} {
		c := model.Customer{Name: name, Stage: model.StageCustomer,
			NextReview: time.Date(2026, 11, 20-i, 0, 0, 0, 0, time.UTC)} // Di is the latest
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	s, _ := db.Settings(ctx)
	s.ReviewSize = 3
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	db.Close()
	run := func(args ...string) (string, error) {
		t.Helper()
		return runCmd(t, append([]string{"review", "--db", path, "--date", "2026-11-23"}, args...)...)
	}
	for _, tc := range []struct {
		args []string
		want []string
		not  string
	}{
		{nil, []string{"3 due, 0 done today; 1 more due (--all lists them)", "1. Di", "3. Ben"}, "Ada"},
		{[]string{"--limit", "1"}, []string{"1 due, 0 done today; 3 more due", "1. Di"}, "Cy"},
		{[]string{"--all"}, []string{"4 due, 0 done today\n", "4. Ada"}, "more due"},
	} {
		out, err := run(tc.args...)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: lacks %q:\n%s", tc.args, w, out)
			}
		}
		if strings.Contains(out, tc.not) {
			t.Errorf("%v: has %q:\n%s", tc.args, tc.not, out)
		}
	}
	out, err := run("--limit", "2", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Due, More int
		MoreExact bool `json:"more_exact"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Due != 2 || got.More != 2 || !got.MoreExact {
		t.Errorf("json %+v (%v):\n%s", got, err, out)
	}
	if _, err := run("--all", "--limit", "2"); err == nil || !strings.Contains(err.Error(), "choose one") {
		t.Errorf("--all with --limit: %v", err)
	}
}

// export writes the profitability summary of a period: all time as CSV
// by default, the formats by flag or by --out's ending, errors naming the
// flag.
func TestExportCommand(t *testing.T) {
	path, db := newFile(t)
	dir := filepath.Dir(path)
	ctx := context.Background()
	c := model.Customer{Name: "=1+1", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	for _, o := range []model.Order{
		{CustomerID: c.ID, OrderedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 3, 450, 100)}},
		{OrderedAt: time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Walk-in", 1, 999, 0)}},
	} {
		if err := db.CreateOrder(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	run := func(args ...string) (string, error) {
		t.Helper()
		return runCmd(t, append([]string{"export", "--db", path}, args...)...)
	}
	out, err := run()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 3 {
		t.Fatalf("all time: %q, %v", recs, err)
	}
	if got := strings.Join(recs[1][:10], ","); got != "1,'=1+1,customer,,1,13.50,3.00,0.00,10.50,0.7778" {
		t.Errorf("the customer's row: %s", got)
	}
	if got := strings.Join(recs[2][:6], ","); got != ",(unattributed),,,1,9.99" {
		t.Errorf("the unattributed row: %s", got)
	}

	out, err = run("--from", "2026-04-01", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Period    struct{ From string }
		Customers []any
		Totals    struct{ Revenue json.Number }
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Period.From != "2026-04-01" ||
		len(sum.Customers) != 0 || sum.Totals.Revenue != "9.99" {
		t.Errorf("April on: %+v, %v\n%s", sum, err, out)
	}

	md := filepath.Join(dir, "summary.md")
	if _, err := run("--out", md, "--to", "2026-03-31"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(md)
	fi, err := os.Stat(md)
	if err != nil || fi.Mode().Perm() != 0o600 || !strings.HasPrefix(string(b), "# Profitability summary") ||
		!strings.Contains(string(b), "until 31 Mar 2026") {
		t.Errorf("--out summary.md: %v %v\n%s", fi, err, b)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2026-13-01"}, "--from: "},
		{[]string{"--from", "2026-03-31", "--to", "2026-03-01"}, "--to: 2026-03-01 is before the start"},
		{[]string{"--format", "xml"}, "use csv, md or json"},
		{[]string{"extra"}, "unknown command"},
	} {
		if _, err := run(tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("export %q: %v, want %q", tt.args, err, tt.want)
		}
	}
}

func TestExportFeedbackCommand(t *testing.T) {
	path, db := newFile(t)
	dir := filepath.Dir(path)
	ctx := context.Background()
	f := model.Feedback{On: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Kind: model.FeedbackWish,
		Question: model.WishQuestion, Answer: "=1+1"}
	if err := db.CreateFeedback(ctx, &f); err != nil {
		t.Fatal(err)
	}
	db.Close()

	run := func(args ...string) (string, error) {
		t.Helper()
		return runCmd(t, append([]string{"export", "feedback", "--db", path}, args...)...)
	}
	out, err := run()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][6] != "'=1+1" {
		t.Fatalf("csv %q, %v", recs, err)
	}
	md := filepath.Join(dir, "log.md")
	if _, err := run("--out", md); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(md); !strings.HasPrefix(string(b), "# Feedback log") {
		t.Errorf("--out log.md wrote %q", b)
	}
	if _, err := run("--format", "xml"); err == nil || !strings.Contains(err.Error(), "use csv, md or json") {
		t.Errorf("--format xml: %v", err)
	}
	// JSON, as the profitability export has it.
	out, err = run("--format", "json")
	var doc struct{ Feedback []struct{ Answer string } }
	if err != nil || json.Unmarshal([]byte(out), &doc) != nil || len(doc.Feedback) != 1 || doc.Feedback[0].Answer != "=1+1" {
		t.Errorf("--format json: %v\n%s", err, out)
	}
}

// sharedMonth is the December 2010 Online Retail month, beside the repo in
// shared/ (CI clones the repo next to it).
const sharedMonth = "../shared/data/online-retail-2010-12.csv"

// writeRetailMonths writes an Online Retail CSV of the shared month
// repeated months times, each copy a month later with its invoices
// renumbered (as bench/make-year.sh does), and returns its line count.
// Without the shared month it writes as many lines of made-up sales.
func writeRetailMonths(t *testing.T, path string, months int) int {
	t.Helper()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	defer w.Flush()
	src, err := os.ReadFile(sharedMonth)
	if err != nil {
		t.Logf("no shared month (%v): made-up sales instead", err)
		fmt.Fprintln(w, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country")
		n := 0
		for k := range months * 2000 {
			for j := range 21 {
				fmt.Fprintf(w, "%d,SKU%d,PRODUCT %d,%d,2011-%02d-%02d 10:%02d:00,%d.%02d,%d.0,United Kingdom\n",
					600000+k, j, j, 1+j%5, 1+k%12, 1+k%28, j, 1+j%9, j*7%100, 12000+k%900)
				n++
			}
		}
		return n + 1
	}
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(string(src)), "\r", ""), "\n")
	fmt.Fprintln(w, lines[0])
	for k := range months {
		ym := fmt.Sprintf("%04d-%02d", 2010+(11+k)/12, (11+k)%12+1)
		for _, l := range lines[1:] {
			inv, rest, _ := strings.Cut(l, ",")
			c := ""
			if strings.HasPrefix(inv, "C") {
				c, inv = "C", inv[1:]
			}
			var n int
			fmt.Sscan(inv, &n)
			fmt.Fprintf(w, "%s%d,%s\n", c, n+k*10000, strings.Replace(rest, ",2010-12-", ","+ym+"-", 1))
		}
	}
	return 1 + months*(len(lines)-1)
}

// built is the binary the tests that run clientele as a process share
// (buildBinary), in a folder TestMain removes.
var built struct {
	sync.Once
	dir, bin string
	err      error
}

// asClientele, set in a test process's environment, has the test binary
// run clientele's main instead of the tests (see buildBinary).
const asClientele = "CLIENTELE_TEST_BINARY_IS_CLIENTELE"

func TestMain(m *testing.M) {
	if os.Getenv(asClientele) == "1" {
		main()
		os.Exit(0)
	}
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// buildBinary returns the clientele the tests run as a process, as a
// person would run it: this test binary, which holds the same main
// package and runs main instead of the tests when asClientele is set in
// its environment (set here, so every process a test starts inherits
// it, and so does a follower clientele starts of itself). Linking a
// second binary with `go build` cost several seconds of CPU in every
// `go test ./...`. The binary is reached through a hard link named
// clientele (a copy on another file system) in a folder of its own, which
// the tests that run it as another user open to everyone: go test's own
// folder is private. CLIENTELE_TEST_BIN names another build to run instead (to
// see a test fail on an older one).
func buildBinary(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("CLIENTELE_TEST_BIN"); bin != "" {
		return bin
	}
	built.Do(func() {
		var exe string
		if exe, built.err = os.Executable(); built.err != nil {
			return
		}
		if built.dir, built.err = os.MkdirTemp("", "clientele-bin-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "clientele")
		if os.Link(exe, built.bin) != nil {
			built.err = copyExecutable(exe, built.bin)
		}
		if built.err == nil {
			built.err = os.Setenv(asClientele, "1")
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// copyExecutable copies the executable at from to to, mode 0755.
func copyExecutable(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o755)
}

// counts checks the file as the next program to open it would (integrity,
// references, figures) and says how many customers, orders and lines it
// holds.
func counts(t *testing.T, path string) [3]int {
	t.Helper()
	rep, err := store.Check(context.Background(), path)
	if err != nil || !rep.OK() {
		t.Fatalf("check: %v\n%s", err, rep)
	}
	return [3]int{rep.Customers, rep.Orders, rep.Lines}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// importKills is how many times the import crash test kills the binary:
// 60 at full size (testsize), 12 in a working session's run; importMonths
// is how many months of the Online Retail file it imports: two at full
// size (85,000 lines), one (42,481) in a working session's run.
var importKills, importMonths = testsize.Pick(12, 60), testsize.Pick(1, 2)

func TestImportKilledIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	bin := buildBinary(t)
	csv := filepath.Join(dir, "retail.csv")
	lines := writeRetailMonths(t, csv, importMonths)
	empty := filepath.Join(dir, "empty.db")
	db, err := store.Open(context.Background(), empty)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Imports to the end: what "all" is, and how long one takes. The
	// quicker of two, so that a first import slowed by whatever else the
	// machine runs (other test packages start beside this one) does not
	// send every kill past the commit.
	var full string
	took := time.Duration(math.MaxInt64)
	for i := range 2 {
		full = filepath.Join(dir, fmt.Sprintf("full%d.db", i))
		copyFile(t, empty, full)
		start := time.Now()
		if out, err := exec.Command(bin, "--db", full, "import", csv).CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		took = min(took, time.Since(start))
	}
	all := counts(t, full)
	if all[1] == 0 || all[2] == 0 {
		t.Fatalf("the full import wrote %v", all)
	}

	var none, whole atomic.Int32
	// Two imports at a time (the machine has two cores; each kill waits
	// most of an import), each in its own file.
	t.Run("kills", func(t *testing.T) {
		for kill := range importKills {
			t.Run(fmt.Sprint(kill), func(t *testing.T) {
				t.Parallel()
				path := filepath.Join(t.TempDir(), "killed.db")
				copyFile(t, empty, path)
				cmd := exec.Command(bin, "--db", path, "import", csv)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				// Anywhere from start-up to a little past the usual end.
				time.Sleep(rand.N(took * 11 / 10))
				cmd.Process.Signal(syscall.SIGKILL)
				cmd.Wait()
				got := counts(t, path)
				switch got {
				case [3]int{}:
					none.Add(1)
				case all:
					whole.Add(1)
				default:
					t.Fatalf("a half import: customers, orders, lines = %v; all is %v", got, all)
				}
				// The file still opens, and importing again completes it
				// (every tenth kill: a whole import takes a while).
				if kill%10 != 0 {
					return
				}
				if out, err := exec.Command(bin, "--db", path, "import", csv).CombinedOutput(); err != nil {
					t.Fatalf("importing again: %v\n%s", err, out)
				}
				if got := counts(t, path); got != all {
					t.Fatalf("importing again gave %v, want %v", got, all)
				}
			})
		}
	})
	t.Logf("%d lines imported in %v; %d kills: %d left nothing, %d left all %d orders and %d lines",
		lines, took.Round(time.Millisecond), importKills, none.Load(), whole.Load(), all[1], all[2])
	if int(none.Load()) < importKills/2 {
		t.Errorf("only %d of %d kills landed before the commit: the test hardly tests", none.Load(), importKills)
	}
}

// demoBook has the binary write a demo business of n customers into a
// new book, in a folder of its own, and returns the book's path.
func demoBook(t *testing.T, bin string, n int) string {
	t.Helper()
	book := filepath.Join(t.TempDir(), "book.db")
	if out, err := exec.Command(bin, "--db", book, "demo", "--customers", fmt.Sprint(n)).CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	return book
}

// backupKills is how many times the backup crash test kills the binary:
// 12 at full size (testsize), 4 in a working session's run.
var backupKills = testsize.Pick(4, 12)

// A backup killed anywhere leaves no file under the name asked for, or a
// whole copy that checks out; never a partial file or its -journal there.
func TestBackupKilledLeavesNoPartialCopy(t *testing.T) {
	bin := buildBinary(t)
	book := demoBook(t, bin, 2000)
	dir := filepath.Dir(book)
	start := time.Now()
	if out, err := exec.Command(bin, "--db", book, "backup", filepath.Join(dir, "whole.db")).CombinedOutput(); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	took := time.Since(start)
	whole := 0
	for kill := range backupKills {
		dest := filepath.Join(dir, fmt.Sprintf("copy%d.db", kill))
		cmd := exec.Command(bin, "--db", book, "backup", dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(rand.N(took))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if _, err := os.Stat(dest + "-journal"); err == nil {
			t.Errorf("kill %d left %s-journal", kill, dest)
		}
		if _, err := os.Stat(dest); err != nil {
			continue
		}
		whole++
		if rep, err := store.Check(context.Background(), dest); err != nil || !rep.OK() || rep.Customers != 2000 {
			t.Errorf("kill %d left a copy that does not check out: %v\n%s", kill, err, rep)
		}
	}
	t.Logf("%d kills over a %v backup: %d left a whole copy, the rest none", backupKills, took.Round(time.Millisecond), whole)
}

// flat is a program's output with its line breaks and runs of spaces as
// one space: fang wraps an error to the width of a terminal.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// asOwner makes cmd run as a user file permissions bind: nobody when the
// tests run as root (whom permissions do not stop), else the caller. It
// returns false when that cannot be arranged.
func asOwner(cmd *exec.Cmd) {
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
}

// ownerDir makes a folder the user asOwner runs as owns and may write,
// inside a folder anyone may enter, removed when the test ends.
func ownerDir(t *testing.T, parent, name string) string {
	t.Helper()
	dir := filepath.Join(parent, name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := os.Chown(dir, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sharedTemp is a folder for tests whose files another user reads: the
// binary's folder and it are opened to everyone.
func sharedTemp(t *testing.T, bin string) string {
	t.Helper()
	os.Chmod(filepath.Dir(bin), 0o755)
	dir, err := os.MkdirTemp("", "clientele-shared-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		os.RemoveAll(dir)
	})
	return dir
}

// The commands that read work on a book that cannot be written (in a
// read-only folder, or a read-only file) and say why; import refuses at
// once with the reason, never blaming a line of its file.
func TestReadingCommandsWorkOnAnUnwritableBook(t *testing.T) {
	bin := buildBinary(t)
	root := sharedTemp(t, bin)
	out := ownerDir(t, root, "out")
	csvFile := filepath.Join(out, "customers.csv")
	if err := os.WriteFile(csvFile, []byte("Name,Email,CustomerID\nZed,zed@example.com,9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		asOwner(cmd)
		b, err := cmd.CombinedOutput()
		return string(b), err
	}
	for _, tc := range []struct {
		name   string
		lock   func(dir, book string)
		reason string
	}{
		{"a read-only folder", func(dir, _ string) { os.Chmod(dir, 0o555) }, "may not be written"},
		{"a read-only file", func(_, book string) { os.Chmod(book, 0o444) }, "the file may not be written"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := ownerDir(t, root, strings.ReplaceAll(tc.name, " ", "-"))
			book := filepath.Join(dir, "c.db")
			if o, err := run("--db", book, "demo", "--customers", "40"); err != nil {
				t.Fatalf("demo: %v\n%s", err, o)
			}
			tc.lock(dir, book)
			before := fileSum(t, book)
			for i, args := range [][]string{
				{"export"},
				{"export", "--out", filepath.Join(out, tc.name+"-profit.json")},
				{"export", "feedback", "--out", filepath.Join(out, tc.name+"-feedback.csv")},
				{"review", "--all"},
				{"backup", filepath.Join(out, tc.name+"-copy.db")},
			} {
				o, err := run(append([]string{"--db", book}, args...)...)
				if o = flat(o); err != nil || !strings.Contains(o, "Reading only") || !strings.Contains(o, tc.reason) {
					t.Errorf("%d %v: %v\n%s", i, args, err, o)
				}
			}
			if o, err := run("--db", book, "check"); err != nil || !strings.Contains(o, "All is well") {
				t.Errorf("check: %v\n%s", err, o)
			}
			o, err := run("--db", book, "import", csvFile)
			if o = flat(o); err == nil || !strings.Contains(o, tc.reason) || strings.Contains(o, "line ") {
				t.Errorf("import: %v, want the reason and no line blamed:\n%s", err, o)
			}
			if fileSum(t, book) != before {
				t.Error("a command changed the book")
			}
		})
	}
}

// A book that fails its quick check is not written to: an import and a
// demo --force refuse it, say how to recover, and leave it as it was.
func TestCommandsThatWriteRefuseADamagedBook(t *testing.T) {
	bin := buildBinary(t)
	book := demoBook(t, bin, 300)
	dir := filepath.Dir(book)
	b, err := os.ReadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	page := len(b) / 4096 / 2 * 4096 // a page in the middle: the open reads none of it
	for i := page; i < page+4096; i++ {
		b[i] = byte(rand.Uint32())
	}
	if err := os.WriteFile(book, b, 0o600); err != nil {
		t.Fatal(err)
	}
	csvFile := filepath.Join(dir, "customers.csv")
	os.WriteFile(csvFile, []byte("Name,Email\nZed,zed@example.com\n"), 0o600)
	for _, args := range [][]string{{"import", csvFile}, {"demo", "--force"}} {
		o, err := exec.Command(bin, append([]string{"--db", book}, args...)...).CombinedOutput()
		if err == nil {
			t.Errorf("%s wrote into a damaged book:\n%s", args[0], o)
		}
		for _, w := range []string{"damaged", "clientele check", ".recover"} {
			if !strings.Contains(flat(string(o)), w) {
				t.Errorf("%s: the message lacks %q:\n%s", args[0], w, o)
			}
		}
		if now, _ := os.ReadFile(book); !bytes.Equal(now, b) {
			t.Fatalf("%s changed the damaged book", args[0])
		}
	}
}

// Run without a terminal, the interface says so before it opens anything:
// no book is made at the path it was given.
func TestTheInterfaceWithoutATerminalMakesNoBook(t *testing.T) {
	bin := buildBinary(t)
	book := filepath.Join(t.TempDir(), "c.db")
	cmd := exec.Command(bin, "--db", book)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no controlling terminal
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(flat(string(out)), "needs a terminal") {
		t.Errorf("%v\n%s", err, out)
	}
	if _, err := os.Stat(book); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the run made %s: %v", book, err)
	}
}

// A signal that ends the interface (a closed terminal's SIGHUP, ctrl+\'s
// SIGQUIT, kill's SIGTERM, SIGINT) gives the terminal back as it found
// it: the last bytes leave the alternate screen, show the cursor and stop
// mouse reporting, and the terminal is in its line mode again.
func TestTheTerminalIsRestoredWhateverSignalEndsTheInterface(t *testing.T) {
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			book, db := newFile(t) // a book named that is not there is asked about first
			db.Close()
			cmd := exec.Command(bin, "--db", book)
			cmd.Env = append(os.Environ(), "TERM=xterm-256color")
			ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
			if err != nil {
				t.Skipf("no pseudo-terminal here: %v", err)
			}
			defer ptmx.Close()
			out := readPTY(ptmx)
			seen := func(s string) bool { return strings.Contains(out.since(0), s) }
			for start := time.Now(); !seen("Welcome") && !seen("Customers"); time.Sleep(20 * time.Millisecond) {
				if time.Since(start) > 20*time.Second {
					t.Fatalf("the interface never drew:\n%q", out.since(0))
				}
			}
			raw, err := termios.GetTermios(int(ptmx.Fd()))
			if err != nil || raw.Lflag&(unix.ICANON|unix.ECHO) != 0 {
				t.Fatalf("the interface runs with its terminal in line mode (%v)", err)
			}
			before := out.len()
			cmd.Process.Signal(sig)
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("%v did not end the interface", sig)
			}
			// Read what was written before the exit; the pty may not say EOF.
			time.Sleep(100 * time.Millisecond)
			tail := out.since(before)
			for name, seq := range map[string]string{"leave the alternate screen": "\x1b[?1049l",
				"show the cursor": "\x1b[?25h", "stop mouse reporting": "\x1b[?1002l"} {
				if !strings.Contains(tail, seq) {
					t.Errorf("after %v the interface did not %s: %q", sig, name, tail)
				}
			}
			cooked, err := termios.GetTermios(int(ptmx.Fd()))
			if err != nil || cooked.Lflag&unix.ICANON == 0 || cooked.Lflag&unix.ECHO == 0 {
				t.Errorf("after %v the terminal is left in raw mode (%v)", sig, err)
			}
		})
	}
}

// An import refuses text clientele does not store, naming the line: a
// NUL in a name or a description (which cut names short), a description
// of megabytes (which made a customer's detail take seconds). Nothing of
// the file is written.
func TestImportRefusesNULAndEndlessText(t *testing.T) {
	path, db := newFile(t)
	db.Close()
	dir := filepath.Dir(path)
	retail := "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
		"536365,85123A,WHITE HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"
	for name, file := range map[string]string{
		"a NUL in a name":            "Name,Email\nAda,ada@example.com\nBen\x00 Evil,ben@example.com\n",
		"a NUL in a description":     retail + "536366,22633,HAND\x00WARMER,6,2010-12-01 08:28:00,1.85,17850,United Kingdom\n",
		"a description of megabytes": retail + "536366,22633," + strings.Repeat("X", 10<<20) + ",6,2010-12-01 08:28:00,1.85,17850,United Kingdom\n",
	} {
		csvPath := filepath.Join(dir, "in.csv")
		if err := os.WriteFile(csvPath, []byte(file), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := runCmd(t, "import", "--db", path, csvPath)
		if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "nothing was imported") {
			t.Errorf("%s: %v, want a refusal naming line 3", name, err)
		}
	}
	if got := counts(t, path); got != [3]int{} {
		t.Errorf("refused imports wrote %v", got)
	}
}

// An import that writes nothing, a dry run or one that fails, into a book
// that was not there leaves no file behind, nor the folders made for it;
// one that imports leaves the book.
func TestAnImportThatWritesNothingLeavesNoNewBook(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(good, []byte("Name,Email\nAda,ada@example.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("Name,Email\nAda,ada@example.com\nBen\x00 Evil,ben@example.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "new", "deeper", "c.db")
	out, err := runCmd(t, "import", "--db", book, "--dry-run", good)
	if err != nil || !strings.Contains(out, "1") {
		t.Fatalf("the dry run: %v\n%s", err, out)
	}
	if exists(filepath.Join(dir, "new")) {
		t.Errorf("the dry run left %s behind", filepath.Join(dir, "new"))
	}
	if _, err := runCmd(t, "import", "--db", book, bad); err == nil {
		t.Fatal("the import of a NUL passed")
	}
	if exists(filepath.Join(dir, "new")) {
		t.Errorf("the failed import left %s behind", filepath.Join(dir, "new"))
	}
	flatBook := filepath.Join(dir, "c.db")
	if _, err := runCmd(t, "import", "--db", flatBook, "--dry-run", good); err != nil || exists(flatBook) {
		t.Errorf("the dry run into a folder that is there: %v, the book left behind: %v", err, exists(flatBook))
	}
	if _, err := runCmd(t, "import", "--db", book, good); err != nil || !exists(book) {
		t.Errorf("the import: %v; the book made: %v", err, exists(book))
	}
	// A book that was there stays, whatever the dry run.
	if _, err := runCmd(t, "import", "--db", book, "--dry-run", bad); err == nil || !exists(book) {
		t.Errorf("a failed dry run into a book that was there: %v; the book kept: %v", err, exists(book))
	}
}

// The interface asks before it makes a book at a path named that has
// none (a mistyped --db opened an empty book, making its folders, as if
// the data were gone); "n" makes nothing and says so, "y" starts one.
func TestTheInterfaceAsksBeforeANewBookAtAPathNamed(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing", "x.db")
	var out bytes.Buffer
	err := confirmNewBook(strings.NewReader("n\n"), &out, missing)
	if !errors.Is(err, errNoNewBook) || !strings.Contains(err.Error(), "no book at "+missing) {
		t.Errorf("n: %v", err)
	}
	if want := "No book at " + missing + " (the folder " + filepath.Dir(missing) + " does not exist either).\n" +
		"Start a new, empty book there? [y/N] "; out.String() != want {
		t.Errorf("asked %q, want %q", out.String(), want)
	}
	for _, answer := range []string{"", "\n", "no\n", "q\n"} {
		if err := confirmNewBook(strings.NewReader(answer), io.Discard, missing); !errors.Is(err, errNoNewBook) {
			t.Errorf("%q: %v", answer, err)
		}
	}
	for _, answer := range []string{"y\n", "Yes\r\n", " y "} {
		if err := confirmNewBook(strings.NewReader(answer), io.Discard, missing); err != nil {
			t.Errorf("%q: %v", answer, err)
		}
	}

	// As a person meets it, in a terminal.
	bin := buildBinary(t)
	for _, c := range []struct {
		answer string
		made   bool
	}{{"n\r", false}, {"y\r", true}} {
		cmd := exec.Command(bin, "--db", missing)
		cmd.Env = append(os.Environ(), "TERM=xterm-256color")
		ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
		if err != nil {
			t.Skipf("no pseudo-terminal here: %v", err)
		}
		seen := readPTY(ptmx)
		waitFor := func(s string) {
			t.Helper()
			for start := time.Now(); !strings.Contains(flat(seen.since(0)), s); time.Sleep(20 * time.Millisecond) {
				if time.Since(start) > 20*time.Second {
					t.Fatalf("never saw %q in\n%q", s, seen.since(0))
				}
			}
		}
		waitFor("Start a new, empty book there? [y/N]")
		if exists(filepath.Dir(missing)) {
			t.Errorf("the folder was made before the answer")
		}
		ptmx.Write([]byte(c.answer))
		if c.made {
			waitFor("Welcome")
			ptmx.Write([]byte("q"))
		}
		if !c.made {
			// The error is styled for the terminal, which is asked for its
			// colours first: it comes a moment later.
			waitFor("nothing was created")
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err := <-exited:
			if c.made == (err != nil) {
				t.Errorf("%q: ended with %v", c.answer, err)
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%q: it did not end", c.answer)
		}
		ptmx.Close()
		if exists(missing) != c.made || !c.made && exists(filepath.Dir(missing)) {
			t.Errorf("%q: the book made: %v", c.answer, exists(missing))
		}
	}
}

// hostileNames act on a terminal when written raw: a window title and a
// clipboard write (OSC 52), a CSI through its C1 form, a right-to-left
// override, a bell, a DEL.
var hostileNames = []string{"\x1b]0;pwned\x07Ada", "\x1b]52;c;cm0gLXJmIH4=\x07Ben", "Cy\u009b31mRed", "Di\u202egnp.exe",
	"Ed\x7f\x08\x08Evil", "Fy\t\x1b[2J"}

// actsOnATerminal names what in b a terminal would act on or misread:
// C0 controls but tab and line feed, DEL, C1 controls, bidi overrides and
// isolates, invalid UTF-8.
func actsOnATerminal(b []byte) string {
	if !utf8.Valid(b) {
		return "invalid UTF-8"
	}
	for _, r := range string(b) {
		switch {
		case r < 0x20 && r != '\t' && r != '\n', r == 0x7f, r >= 0x80 && r < 0xa0,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return fmt.Sprintf("%U", r)
		}
	}
	return ""
}

// Nothing from the data acts on a terminal through an export or a report,
// in any format, to a file or to standard output (where a person reads
// it); JSON stays faithful, its controls written as \u escapes.
func TestExportsCarryNothingThatActsOnATerminal(t *testing.T) {
	path, db := newFile(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for _, name := range hostileNames {
		c := model.Customer{Name: name, Stage: model.StageCustomer, NextReview: day, Values: []string{name},
			Address:   model.Address{Line1: name, Town: name, Postcode: name},
			Consent:   model.Consent{Email: day},
			Occasions: []model.Occasion{{Name: name, Month: 12, Day: 1, Yearly: true, Note: name}},
			Reminders: []model.Reminder{{Start: day, Unit: model.RepeatWeek, Every: 1, Note: name}}}
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
		o := model.Order{CustomerID: c.ID, OrderedAt: day, Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine(name, 1, 1000, 100)}}
		if err := db.CreateOrder(ctx, &o); err != nil {
			t.Fatal(err)
		}
		f := model.Feedback{On: day, CustomerID: c.ID, Kind: model.FeedbackWish, Question: name, Answer: name,
			Theme: "gifts", Status: model.FeedbackNew}
		if err := db.CreateFeedback(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	// What no form lets in, written with the sqlite3 shell: a NUL and
	// bytes that are not UTF-8.
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE customers SET name = 'Gi' || char(0) || 'l' WHERE id = 1; " +
		"UPDATE customers SET name = CAST(x'48ff9b31' AS TEXT) WHERE id = 2"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	dir := filepath.Dir(path)
	for _, args := range [][]string{
		{"export"}, {"export", "--format", "md"}, {"export", "--format", "json"},
		{"export", "feedback"}, {"export", "feedback", "--format", "md"},
		{"export", "contacts"}, {"export", "contacts", "--format", "vcf"}, {"export", "contacts", "--format", "labels"},
		{"export", "calendar"},
		{"review", "--date", "2026-11-23", "--all"}, {"review", "--date", "2026-11-23", "--format", "json"},
		{"check"},
	} {
		out, err := runCmd(t, append(args, "--db", path)...)
		if err != nil && !errors.Is(err, errCheckFailed) {
			t.Fatalf("%v: %v", args, err)
		}
		// vCard and iCalendar end their lines with CRLF, as they must: a
		// CR before its LF moves nothing a line end does not.
		out = strings.ReplaceAll(out, "\r\n", "\n")
		if what := actsOnATerminal([]byte(out)); what != "" {
			t.Errorf("%v writes %s to standard output", args, what)
		}
		if args[0] != "export" {
			continue
		}
		file := filepath.Join(dir, strings.Join(args, "-")+".out")
		if _, err := runCmd(t, append(args, "--db", path, "--out", file)...); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(file)
		if what := actsOnATerminal(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))); what != "" {
			t.Errorf("%v writes %s to a file", args, what)
		}
	}
	// An error that quotes a hostile name, printed as a person sees it.
	bin := buildBinary(t)
	o, _ := exec.Command(bin, "review", "--db", filepath.Join(dir, hostileNames[0]+".db")).CombinedOutput()
	if what := actsOnATerminal(o); what != "" || !strings.Contains(string(o), "no clientele database") {
		t.Errorf("an error quoting a hostile path writes %s: %q", what, o)
	}
	// JSON keeps the names exactly.
	out, err := runCmd(t, "export", "--format", "json", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	var sum struct{ Customers []struct{ Customer string } }
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, c := range sum.Customers {
		got[c.Customer] = true
	}
	for _, name := range hostileNames[2:] {
		if !got[name] {
			t.Errorf("the JSON export lost %q: %v", name, got)
		}
	}
}

// The review of a past day is that day's: what was done after it (a
// call, a review marked done, a snooze, a reply, a remedy, an order, a
// new customer) neither counts as done that day, nor takes anyone off its
// list, nor changes why they are on it.
func TestReviewOfAPastDayIgnoresWhatCameAfter(t *testing.T) {
	path, db := newFile(t)
	ctx := context.Background()
	d := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	at := func(days int) time.Time { return d.AddDate(0, 0, days).Add(10 * time.Hour) }
	db.Now = func() time.Time { return at(-120) }
	add := func(c model.Customer) int64 {
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	follow := add(model.Customer{Name: "Follow", Stage: model.StageCustomer, NextReview: d.AddDate(0, 0, -3)})
	asked := add(model.Customer{Name: "Asked", Stage: model.StageCustomer})
	hurt := add(model.Customer{Name: "Hurt", Stage: model.StageCustomer})
	regular := add(model.Customer{Name: "Regular", Stage: model.StageCustomer})
	sleepy := add(model.Customer{Name: "Sleepy", Stage: model.StageCustomer, NextReview: d.AddDate(0, 0, -1)})
	fb := model.Feedback{On: d.AddDate(0, 0, -10), CustomerID: asked, Kind: model.FeedbackWish, Answer: "More",
		Status: model.FeedbackNew}
	if err := db.CreateFeedback(ctx, &fb); err != nil {
		t.Fatal(err)
	}
	cp := model.Complaint{OpenedOn: d.AddDate(0, 0, -20), CustomerID: hurt, Category: model.ComplaintQuality,
		Severity: model.SeverityHigh, WhatWentWrong: "Cracked", Status: model.ComplaintOpen}
	if err := db.CreateComplaint(ctx, &cp); err != nil {
		t.Fatal(err)
	}
	for _, days := range []int{-120, -90, -60} {
		o := model.Order{CustomerID: regular, OrderedAt: at(days), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 1, 500, 100)}}
		if err := db.CreateOrder(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	review := func() string {
		t.Helper()
		out, err := runCmd(t, "review", "--db", path, "--date", "2026-11-23", "--all", "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := review()
	for _, w := range []string{`"Follow"`, `"Asked"`, `"Hurt"`, `"Regular"`, `"Sleepy"`, `"done": 0`} {
		if !strings.Contains(before, w) {
			t.Fatalf("the day's review lacks %s:\n%s", w, before)
		}
	}

	// Two days later, everything is seen to.
	db.Now = func() time.Time { return at(2) }
	for _, id := range []int64{follow, asked, hurt, regular, sleepy} {
		for _, k := range []model.TouchKind{model.TouchContact, model.TouchReview} {
			if err := db.AddTouch(ctx, &model.Touch{CustomerID: id, At: at(2), Kind: k, Summary: "later"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := db.Snooze(ctx, sleepy, d.AddDate(0, 0, 30)); err != nil {
		t.Fatal(err)
	}
	if err := db.SetFeedbackStatus(ctx, fb.ID, model.FeedbackReplied); err != nil {
		t.Fatal(err)
	}
	cp.Status, cp.Remedy, cp.RemediedOn, cp.ClosedOn = model.ComplaintClosed, "Replaced", at(2), at(2)
	if err := db.UpdateComplaint(ctx, &cp); err != nil {
		t.Fatal(err)
	}
	o := model.Order{CustomerID: regular, OrderedAt: at(2), Kind: model.OrderSale,
		Lines: []model.OrderLine{model.NewLine("Soap", 1, 500, 100)}}
	if err := db.CreateOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	add(model.Customer{Name: "Newcomer", Stage: model.StageProspect, NextReview: d.AddDate(0, 0, -5)})
	db.Close()
	if after := review(); after != before {
		t.Errorf("what came after changed the review of the day:\nthen %s\nnow %s", before, after)
	}
}

// export contacts and export calendar as a person runs them: the format
// from --out's extension, the filters, and the mistakes named.
func TestExportContactsAndCalendarCommands(t *testing.T) {
	path, db := newFile(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for _, c := range []model.Customer{
		{Name: "Ada Lovelace", Email: "ada@example.com", Segments: []string{"Wholesale"}, Consent: model.Consent{Post: day},
			Address:   model.Address{Line1: "12 Mill Lane", Town: "Hebden Bridge", Postcode: "HX7 8AB"},
			Occasions: []model.Occasion{{Kind: model.OccasionBirthday, Month: 5, Day: 12}}},
		{Name: "Ben Okafor", Phone: "555-0142", NextReview: day},
	} {
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	dir := t.TempDir()
	out, err := runCmd(t, "export", "contacts", "--db", path, "--out", filepath.Join(dir, "phone.vcf"))
	if err != nil || out != "" {
		t.Fatalf("%q %v", out, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "phone.vcf")); !bytes.HasPrefix(b, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\n")) ||
		bytes.Count(b, []byte("BEGIN:VCARD")) != 2 {
		t.Errorf("phone.vcf:\n%s", b)
	}
	out, err = runCmd(t, "export", "contacts", "--db", path, "--format", "labels", "--consented", "post")
	if err != nil || !strings.Contains(out, "**Ada Lovelace**<br>12 Mill Lane<br>Hebden Bridge HX7 8AB") ||
		strings.Contains(out, "Ben") {
		t.Errorf("labels %q %v", out, err)
	}
	out, err = runCmd(t, "export", "contacts", "--db", path, "--segment", "wholesale")
	if err != nil || strings.Count(out, "\n") != 2 || !strings.Contains(out, "Ada Lovelace") {
		t.Errorf("csv %q %v", out, err)
	}
	if _, err := runCmd(t, "export", "contacts", "--db", path, "--segment", "Nobody"); err == nil ||
		!strings.Contains(err.Error(), `no segment called "Nobody" (segments: Wholesale)`) {
		t.Errorf("an unknown segment: %v", err)
	}
	if _, err := runCmd(t, "export", "contacts", "--db", path, "--consented", "pigeon"); err == nil ||
		!strings.Contains(err.Error(), "--consented") {
		t.Errorf("an unknown channel: %v", err)
	}
	if _, err := runCmd(t, "export", "contacts", "--db", path, "--format", "pdf"); err == nil ||
		!strings.Contains(err.Error(), "csv, vcf or labels") {
		t.Errorf("an unknown format: %v", err)
	}
	ics := filepath.Join(dir, "clientele.ics")
	if _, err := runCmd(t, "export", "calendar", "--db", path, "--out", ics); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(ics)
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "SUMMARY:Follow up: Ben Okafor\r\n", "SUMMARY:Ada Lovelace's birthday\r\n",
		"RRULE:FREQ=YEARLY\r\n"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("the calendar lacks %q:\n%s", want, b)
		}
	}
}

func TestHistoryUndoAndRedoCommands(t *testing.T) {
	path, db := newFile(t)
	ctx := context.Background()
	poppy := model.Customer{Name: "Poppy Byrne", RefSource: "shop", Ref: "P-1"}
	if err := db.Load(ctx, func(l *store.Loader) error { return l.Customer(&poppy) }); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateCustomer(ctx, &model.Customer{Name: "Ivo Marsh"}); err != nil {
		t.Fatal(err)
	}
	o := model.Order{CustomerID: poppy.ID, OrderedAt: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), Kind: model.OrderSale,
		Lines: []model.OrderLine{model.NewLine("Soap", 2, 450, 100)}}
	if err := db.CreateOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, err := runCmd(t, "history", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"#3 ", "Added an order of 9.00 for Poppy Byrne", "Added customer Ivo Marsh",
		"Loaded records in bulk"} {
		if !strings.Contains(out, want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}
	out, err = runCmd(t, "history", "--db", path, "--customer", "P-1", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var cs []struct {
		ID   int64  `json:"id"`
		What string `json:"what"`
	}
	if err := json.Unmarshal([]byte(out), &cs); err != nil || len(cs) != 2 || cs[0].ID != 3 {
		t.Errorf("Poppy's history as JSON: %v\n%s", err, out)
	}
	out, err = runCmd(t, "undo", "--db", path)
	if err != nil || !strings.Contains(out, "Undone: added an order of 9.00 for Poppy Byrne (change #4).") {
		t.Errorf("undo: %v\n%s", err, out)
	}
	out, err = runCmd(t, "redo", "--db", path)
	if err != nil || !strings.Contains(out, "Redone: added an order of 9.00 for Poppy Byrne (change #5).") {
		t.Errorf("redo: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "redo", "--db", path); err == nil || !strings.Contains(err.Error(), "nothing to redo") {
		t.Errorf("a redo too many: %v", err)
	}
	if out, err := runCmd(t, "history", "--db", path, "--since", "2099-01-01"); err != nil || out != "No changes.\n" {
		t.Errorf("history since a day to come: %v %q", err, out)
	}
	if _, err := runCmd(t, "history", "--db", path, "--format", "xml"); err == nil {
		t.Error("history took --format xml")
	}
}

func TestCustomersShowMergeEraseAndDuplicatesCommands(t *testing.T) {
	path, db := newFile(t)
	ctx := context.Background()
	a := model.Customer{Name: "Poppy Byrne", Email: "poppy@example.com", Notes: "likes lavender"}
	b := model.Customer{Name: "Popy Byrne", Email: "poppy@example.com", Phone: "07700 900123"}
	for _, c := range []*model.Customer{&a, &b} {
		if err := db.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CreateOrder(ctx, &model.Order{CustomerID: b.ID, OrderedAt: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC),
		Kind: model.OrderSale, Lines: []model.OrderLine{model.NewLine("Soap", 2, 450, 100)}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, err := runCmd(t, "customers", "duplicates", "--db", path)
	if err != nil || !strings.Contains(out, "1 Poppy Byrne  ~  2 Popy Byrne: same email, names one letter apart") {
		t.Errorf("duplicates: %v\n%s", err, out)
	}
	out, err = runCmd(t, "customers", "merge", "1", "2", "--take", "name", "--db", path)
	if err != nil || !strings.Contains(out, "Merged Popy Byrne (customer 2) into Poppy Byrne (customer 1).") ||
		!strings.Contains(out, "name: kept Popy Byrne; Poppy Byrne is in the notes") {
		t.Errorf("merge: %v\n%s", err, out)
	}
	out, err = runCmd(t, "customers", "show", "1", "--format", "json", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Customer struct {
			Name  string `json:"name"`
			Phone string `json:"phone"`
		} `json:"customer"`
		Orders  []json.RawMessage `json:"orders"`
		History []json.RawMessage `json:"history"`
	}
	if err := json.Unmarshal([]byte(out), &rec); err != nil || rec.Customer.Name != "Popy Byrne" ||
		rec.Customer.Phone != "07700 900123" || len(rec.Orders) != 1 || len(rec.History) != 4 {
		t.Errorf("show: %v %+v\n%s", err, rec, out)
	}
	if _, err := runCmd(t, "customers", "show", "2", "--db", path); err == nil {
		t.Error("the customer merged away is still shown")
	}
	// Erase asks for the customer's number.
	erase := func(answer string, args ...string) (string, error) {
		var out bytes.Buffer
		cmd := rootCmd()
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetIn(strings.NewReader(answer))
		cmd.SetArgs(append([]string{"customers", "erase", "1", "--db", path}, args...))
		err := cmd.ExecuteContext(ctx)
		dbFlag = ""
		return out.String(), err
	}
	if out, err := erase("2\n"); err == nil || !strings.Contains(err.Error(), "not erased") {
		t.Errorf("a wrong number erased: %v\n%s", err, out)
	}
	if out, err := erase("1\n"); err != nil || !strings.Contains(out, "Erased the personal data of customer 1") {
		t.Errorf("erase: %v\n%s", err, out)
	}
	out, err = runCmd(t, "customers", "show", "1", "--db", path)
	if err != nil || strings.Contains(out, "Byrne") || strings.Contains(out, "lavender") ||
		!strings.Contains(out, "Erased customer 1") || !strings.Contains(out, "1 sale, revenue 9.00") {
		t.Errorf("after the erasure: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "customers", "erase", "1", "--yes", "--db", path); err != nil {
		t.Errorf("erase --yes: %v", err)
	}
	if _, err := runCmd(t, "customers", "merge", "1", "--db", path); err == nil {
		t.Error("merge took one customer")
	}
}

// An external SIGTSTP (kill -s TSTP, a job-control shell) stops the
// interface with the terminal given back, and SIGCONT (fg) brings it back
// drawn afresh and answering keys. Before, the stop left the terminal raw
// and the interface unusable after fg. The process runs in a group of its
// own in this test's session, as a shell's job does; in an orphaned group
// (a setsid launch) the stop is ignored, as the kernel ignores it there.
func TestAnExternalStopGivesTheTerminalBackAndFgResumes(t *testing.T) {
	bin := buildBinary(t)
	for _, c := range []struct {
		name     string
		attrs    *syscall.SysProcAttr
		stopping bool
	}{
		{"a job of a shell", &syscall.SysProcAttr{Setpgid: true}, true},
		{"an orphaned group", &syscall.SysProcAttr{Setsid: true, Setctty: true}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			book := filepath.Join(t.TempDir(), "c.db")
			if out, err := exec.Command(bin, "demo", "--db", book).CombinedOutput(); err != nil {
				t.Fatalf("demo: %v\n%s", err, out)
			}
			cmd := exec.Command(bin, "--db", book)
			cmd.Env = append(os.Environ(), "TERM=xterm-256color")
			ptmx, err := pty.StartWithAttrs(cmd, &pty.Winsize{Rows: 24, Cols: 80}, c.attrs)
			if err != nil {
				t.Skipf("no pseudo-terminal here: %v", err)
			}
			defer ptmx.Close()
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			defer func() {
				cmd.Process.Signal(syscall.SIGCONT)
				cmd.Process.Kill()
				<-exited
			}()
			out := readPTY(ptmx)
			since, after := out.len, out.since
			waitFor := func(at int, s, what string) {
				t.Helper()
				for start := time.Now(); !strings.Contains(after(at), s); time.Sleep(20 * time.Millisecond) {
					if time.Since(start) > 20*time.Second {
						t.Fatalf("%s: never saw %q in\n%q", what, s, after(at))
					}
				}
			}
			waitFor(0, "done today", "the first screen (Today)")
			// Until it has drawn what its first loads answered: a stop is
			// a key-press's time away, not a start's.
			for last, start := since(), time.Now(); ; last = since() {
				time.Sleep(300 * time.Millisecond)
				if since() == last || time.Since(start) > 10*time.Second {
					break
				}
			}
			state := func() byte {
				b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", cmd.Process.Pid))
				if err != nil {
					t.Skipf("no /proc here: %v", err)
				}
				i := bytes.LastIndexByte(b, ')')
				return b[i+2]
			}
			at := since()
			cmd.Process.Signal(syscall.SIGTSTP)
			if !c.stopping {
				time.Sleep(500 * time.Millisecond)
				if s := state(); s == 'T' {
					t.Fatalf("an orphaned group stopped, with nothing to continue it")
				}
			} else {
				for start := time.Now(); state() != 'T'; time.Sleep(20 * time.Millisecond) {
					if time.Since(start) > 10*time.Second {
						t.Fatalf("SIGTSTP did not stop the interface (state %c)", state())
					}
				}
				time.Sleep(100 * time.Millisecond) // what it wrote before it stopped
				given := after(at)
				for name, seq := range map[string]string{"leave the alternate screen": "\x1b[?1049l",
					"show the cursor": "\x1b[?25h", "stop mouse reporting": "\x1b[?1002l"} {
					if !strings.Contains(given, seq) {
						t.Errorf("the stop did not %s first: %q", name, given)
					}
				}
				cooked, err := termios.GetTermios(int(ptmx.Fd()))
				if err != nil || cooked.Lflag&unix.ICANON == 0 || cooked.Lflag&unix.ECHO == 0 {
					t.Errorf("stopped with the terminal in raw mode (%v)", err)
				}
				at = since()
				cmd.Process.Signal(syscall.SIGCONT)
				waitFor(at, "\x1b[?1049h", "after SIGCONT, the alternate screen")
				waitFor(at, "done today", "after SIGCONT, the screen drawn again")
				raw, err := termios.GetTermios(int(ptmx.Fd()))
				if err != nil || raw.Lflag&(unix.ICANON|unix.ECHO) != 0 {
					t.Errorf("after SIGCONT the terminal is in line mode (%v)", err)
				}
			}
			// It answers keys: 5 opens Complaints (the header names only the
			// tab on screen), q quits.
			at = since()
			ptmx.Write([]byte("5"))
			waitFor(at, "Complaints", "after the stop, 5")
			ptmx.Write([]byte("q"))
			select {
			case err := <-exited:
				exited <- err
				if err != nil {
					t.Errorf("q ended it with %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("q did not end the interface after the stop")
			}
		})
	}
}

// ptyOutput is what a program wrote to its terminal, read as it comes.
type ptyOutput struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// readPTY reads what the program on the other side of ptmx writes, until
// it closes.
func readPTY(ptmx *os.File) *ptyOutput {
	o := &ptyOutput{}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			o.mu.Lock()
			o.buf.Write(buf[:n])
			o.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return o
}

// len is how much has been written so far.
func (o *ptyOutput) len() int { o.mu.Lock(); defer o.mu.Unlock(); return o.buf.Len() }

// since is what was written after the first at bytes.
func (o *ptyOutput) since(at int) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()[at:]
}
