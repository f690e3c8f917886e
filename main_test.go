// The commands as a person runs them: each test runs the command line
// through rootCmd against a file in a temporary folder, and the crash test
// builds the binary and kills it.

package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"clientele/model"
	"clientele/store"
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
	path := filepath.Join(t.TempDir(), "c.db")
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

func TestReviewCommand(t *testing.T) {
	path, db := newFile(t)
	ctx := context.Background()
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
	if _, err := run("--format", "xml"); err == nil || !strings.Contains(err.Error(), "use csv or md") {
		t.Errorf("--format xml: %v", err)
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

// buildBinary builds clientele into dir, as a person would run it.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "clientele")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
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

// importKills is how many times the import crash test kills the binary.
const importKills = 60

func TestImportKilledIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	csv := filepath.Join(dir, "retail.csv")
	lines := writeRetailMonths(t, csv, 2)
	empty := filepath.Join(dir, "empty.db")
	db, err := store.Open(context.Background(), empty)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	// One import to the end: how long it takes and what "all" is.
	full := filepath.Join(dir, "full.db")
	copyFile(t, empty, full)
	start := time.Now()
	if out, err := exec.Command(bin, "--db", full, "import", csv).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	took := time.Since(start)
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
	if none.Load() < importKills/2 {
		t.Errorf("only %d of %d kills landed before the commit: the test hardly tests", none.Load(), importKills)
	}
}
