// Command clientele keeps a solo business's customers in one SQLite file:
// who they are, what they buy and cost, what they say, and who needs the
// owner today. With no command it opens the terminal interface.
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/fang/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"clientele/model"
	"clientele/store"
	"clientele/store/calendarexport"
	"clientele/store/contactexport"
	"clientele/store/customerexport"
	"clientele/store/demo"
	"clientele/store/exportfile"
	"clientele/store/feedbackexport"
	"clientele/store/historyexport"
	"clientele/store/importer"
	"clientele/store/profitexport"
	"clientele/store/replica"
	"clientele/store/reviewexport"
	"clientele/tui"
	"clientele/tui/desktop"
	"clientele/tui/kit"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	root := rootCmd()
	var piped *trimWriter
	if wantsHelp(os.Args[1:]) {
		width := helpWidth()
		fitHelp(root, os.Args[1:], width)
		piped = pipedHelp(root, width)
	}
	err := fang.Execute(context.Background(), root, fang.WithVersion(version),
		fang.WithNotifySignal(endSignals...), fang.WithErrorHandler(errorHandler))
	if piped.Flush() != nil || err != nil {
		os.Exit(1)
	}
}

// endSignals cancel a run's context instead of killing the process where
// it stands: the interface gives the terminal back (leaves the alternate
// screen, shows the cursor, stops mouse reporting, restores the modes)
// and a command rolls back what it had not committed. A closed terminal
// sends SIGHUP; ctrl+\ sends SIGQUIT, whose goroutine dump this trades
// for a terminal left usable.
var endSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// errorHandler is fang's, without its title-casing: errors quote paths,
// names and values that must reach the user as they are, though made
// inert (model.PrintableLines): an error that quotes a hostile name or
// path does not act on the terminal it is printed to.
func errorHandler(w io.Writer, styles fang.Styles, err error) {
	styles.ErrorText = styles.ErrorText.UnsetTransform()
	fang.DefaultErrorHandler(w, styles, errors.New(model.PrintableLines(strings.TrimSuffix(err.Error(), "."))))
}

// dbFlag is --db, shared by every command.
var dbFlag string

func rootCmd() *cobra.Command {
	var follow string
	var creds credFlags
	root := &cobra.Command{
		Use:   "clientele",
		Short: "Your customers, who needs you today, and what each one earns you",
		Long: "clientele keeps a solo business's customers in one SQLite file and opens a\n" +
			"keyboard-driven terminal interface on it. With no command it opens the\n" +
			"interface on the default database, " + defaultPathHelp() + ".",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if follow != "" {
				return runFollowed(cmd.Context(), follow, creds)
			}
			return runTUI(cmd.Context(), creds)
		},
	}
	root.PersistentFlags().StringVar(&dbFlag, "db", "",
		"database file (default $CLIENTELE_DB, else "+defaultPathHelp()+")")
	root.Flags().StringVar(&follow, "follow", "", "open a read-only copy of the book another machine copies to this "+
		"destination, kept current (see clientele follow --help)")
	creds.add(root)
	root.AddCommand(versionCmd())
	root.AddCommand(demoCmd())
	root.AddCommand(exportCmd())
	root.AddCommand(importCmd())
	root.AddCommand(reviewCmd())
	root.AddCommand(backupCmd())
	root.AddCommand(checkCmd())
	root.AddCommand(replicateCmd())
	root.AddCommand(restoreCmd())
	root.AddCommand(followCmd())
	root.AddCommand(historyCmd())
	root.AddCommand(undoCmd())
	root.AddCommand(redoCmd())
	root.AddCommand(customersCmd())
	root.SetFlagErrorFunc(flagError)
	// -v and --version say what `clientele version` says (they said
	// "clientele version 0.1.0-dev" without the schema).
	root.Version = version
	root.SetVersionTemplate("clientele {{.Version}} (schema " + strconv.Itoa(store.SchemaVersion()) + ")\n")
	return root
}

func defaultPathHelp() string { return "$XDG_DATA_HOME/clientele/clientele.db" }

// dbPath resolves the database: --db, then $CLIENTELE_DB, then the default.
func dbPath() (string, error) {
	if dbFlag != "" {
		return dbFlag, nil
	}
	if p := os.Getenv("CLIENTELE_DB"); p != "" {
		return p, nil
	}
	return store.DefaultPath()
}

// openStore opens the database the flags name, starting a new one when
// there is none.
func openStore(ctx context.Context) (*store.DB, error) {
	path, err := dbPath()
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, path)
}

// openExisting opens the database the flags name for a command that
// reads it: a path with no database is an error, not a new empty file. A
// book that cannot be written is read all the same, and the command says
// why on standard error.
func openExisting(cmd *cobra.Command) (*store.DB, error) {
	path, err := dbPath()
	if err != nil {
		return nil, err
	}
	db, err := store.OpenExisting(cmd.Context(), path)
	if err == nil {
		if ro := db.ReadOnly(); ro != nil {
			fmt.Fprintf(cmd.ErrOrStderr(), "Reading only: %v.\n", ro)
		}
	}
	return db, err
}

func runTUI(ctx context.Context, creds credFlags) error {
	// Before the store: without a terminal there is nothing to open a
	// book for, and no file should be made.
	if err := haveTerminal(); err != nil {
		return err
	}
	if err := askBeforeANewBook(); err != nil {
		return err
	}
	db, err := openStore(ctx)
	if err != nil {
		return err
	}
	// The interface starts the file's quick check once its first screen
	// is drawn, and says when the file is damaged or cannot be written.
	// While it is open it copies the book to the destination its settings
	// name, and makes a final copy after clientele's connections close.
	c := &copier{ctx: ctx, db: db, creds: creds.credentials()}
	demo := &demoFile{path: demoPath(db.Path())}
	err = runApp(ctx, db, tui.Options{Copier: c}, demo)
	demo.close()
	db.Close()
	if serr := c.stop(context.WithoutCancel(ctx)); serr != nil {
		return errors.Join(err, serr)
	}
	return err
}

// errNoNewBook is the answer "no" to askBeforeANewBook.
var errNoNewBook = errors.New("nothing was created")

// askBeforeANewBook asks, on the terminal, before the interface makes a
// book at a path the owner named (--db or $CLIENTELE_DB) where there is
// none: a mistyped path would otherwise open an empty book, with new
// folders, as if the data were gone. The default book is made without a
// question: it is where a first run starts.
func askBeforeANewBook() error {
	path, err := dbPath()
	if err != nil || (dbFlag == "" && os.Getenv("CLIENTELE_DB") == "") {
		return err
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		return nil // there, or not ours to judge here: the open says why
	}
	in, out := io.Reader(os.Stdin), io.Writer(os.Stderr)
	if !isTerminal(os.Stdin) {
		tin, tout, err := tea.OpenTTY()
		if err != nil {
			return fmt.Errorf("there is no book at %s, and no terminal to ask whether to start one", path)
		}
		defer tin.Close()
		if tout != tin {
			defer tout.Close()
		}
		in, out = tin, tout
	}
	return confirmNewBook(in, out, path)
}

// confirmNewBook asks whether to start a book at path, which does not
// exist, and reads the answer: y or yes starts it, anything else is
// errNoNewBook, saying where nothing was made.
func confirmNewBook(in io.Reader, out io.Writer, path string) error {
	where := "No book at " + path
	if dir := filepath.Dir(path); !exists(dir) {
		where += " (the folder " + dir + " does not exist either)"
	}
	fmt.Fprintf(out, "%s.\nStart a new, empty book there? [y/N] ", model.PrintableLines(where))
	answer, _ := bufio.NewReader(in).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		return nil
	}
	return fmt.Errorf("%w: there is no book at %s; check the path (--db or $CLIENTELE_DB), or answer y to start one",
		errNoNewBook, path)
}

// exists reports whether path is there.
func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}

// copier keeps the book's continuous copy while the interface is open
// (tui.Copier), on clientele replicate's engine: to the destination the
// book's settings name, started again when they change. Litestream logs
// nothing to the terminal; failures reach the interface through Status.
type copier struct {
	ctx   context.Context
	db    *store.DB
	creds replica.Credentials

	mu sync.Mutex
	r  *replica.Replicator
}

// copyTimeout bounds the final copy to a destination the interface
// stops copying to, and the one when it closes.
const copyTimeout = 5 * time.Second

// CopyTo implements tui.Copier.
func (c *copier) CopyTo(to string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	if c.r != nil {
		err = c.r.Stop(c.ctx)
		c.r = nil
	}
	if to == "" {
		return err
	}
	dest, perr := replica.ParseDestination(to)
	if perr != nil {
		return errors.Join(err, perr)
	}
	r, serr := replica.Start(c.ctx, c.db, dest, replica.Options{Credentials: c.creds, KeepTrying: true,
		ShutdownTimeout: copyTimeout})
	if serr != nil {
		return errors.Join(err, serr)
	}
	c.r = r
	return err
}

// Status implements tui.Copier.
func (c *copier) Status() kit.Copies {
	c.mu.Lock()
	r := c.r
	c.mu.Unlock()
	if r == nil {
		return kit.Copies{}
	}
	st := r.Status()
	return kit.Copies{Destination: st.Destination.String(), LastCopy: st.LastCopy, Err: st.Err,
		FailingSince: st.FailingSince}
}

// stop makes the final copy, once clientele's connections are closed
// (Litestream's must be the last on the file), and says when the last
// changes may not have reached the destination.
func (c *copier) stop(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.r == nil {
		return nil
	}
	err := c.r.Stop(ctx)
	c.r = nil
	return err
}

// runApp runs the interface on db, with the options the caller sets (the
// copier of the machine's own book, or where a followed copy comes from
// and how current it is) and the rest from the environment. The welcome's
// demo opens in demo's file, or fills db when db is that file (or demo is
// nil).
func runApp(ctx context.Context, db *store.DB, opt tui.Options, demo *demoFile) error {
	noColor := os.Getenv("NO_COLOR") != ""
	opt.NoColor, opt.LoadDemo, opt.Import, opt.Desktop = noColor, loadDemo(db), importer.For(db), desktop.System()
	if demo != nil && demo.path != db.Path() {
		opt.LoadDemo, opt.OpenDemo, opt.DemoFile = nil, demo.open, demo.path
	}
	app := tui.New(db, opt)
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if noColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	p := tea.NewProgram(app, opts...)
	// A SIGTSTP from outside (kill -s TSTP, job control) gives the
	// terminal back before the process stops; ctrl+z is undo inside.
	defer tui.HandleSuspend(p)()
	_, err := p.Run()
	if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the schema version it writes",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(cmd.OutOrStdout(), "clientele %s (schema %d)\n", version, store.SchemaVersion())
			return nil
		},
	}
}

// demoCmd fills a database with the demo business.
func demoCmd() *cobra.Command {
	var customers int
	var seed int64
	var force bool
	cmd := &cobra.Command{
		Use:   "demo [--customers N] [--seed S] [--force]",
		Short: "Fill a database with a believable sample business to try things on",
		Long: "demo writes Hearth & Lye, a home soap-and-candle maker: customers in every\n" +
			"stage, 14 months of orders, costs to serve, refunds, feedback with NPS scores\n" +
			"and wishes, complaints at every stage, referrals and segments. The same seed\n" +
			"writes the same business. --customers 100000 makes the benchmark set (about\n" +
			"1,000,000 order lines). It refuses a database that holds data unless --force,\n" +
			"which first backs the file up next to itself and then replaces its data.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if customers < 1 || customers > 10_000_000 {
				return fmt.Errorf("--customers: %d is not between 1 and 10,000,000", customers)
			}
			ctx := cmd.Context()
			db, err := openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			empty, err := db.Empty(ctx)
			if err != nil {
				return err
			}
			if !empty {
				if !force {
					return fmt.Errorf("%s already holds data: demo writes only into an empty database; "+
						"use another --db, or --force to back it up and replace its data", db.Path())
				}
				backup := fmt.Sprintf("%s.before-demo-%s.bak", db.Path(), time.Now().Format("20060102-150405"))
				if err := db.Backup(ctx, backup); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "Backed up %s to %s.\n", db.Path(), backup)
				if err := db.DeleteAll(ctx); err != nil {
					return err
				}
			}
			opt := demo.Options{Customers: customers, Seed: seed}
			if isTerminal(os.Stderr) && customers >= 5000 {
				start := time.Now()
				opt.Progress = func(done, total int) {
					fmt.Fprintf(os.Stderr, "\r%d of %d customers (%.0fs)", done, total, time.Since(start).Seconds())
				}
			}
			sum, err := demo.Generate(ctx, db, opt)
			if opt.Progress != nil {
				fmt.Fprintln(os.Stderr)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote the demo business to %s: %s.\n", db.Path(), demoSummary(sum))
			return nil
		},
	}
	cmd.Flags().IntVar(&customers, "customers", demo.DefaultCustomers, "how many customers to make")
	cmd.Flags().Int64Var(&seed, "seed", 1, "which business: the same seed writes the same data")
	cmd.Flags().BoolVar(&force, "force", false, "back up a database that holds data, then replace its data")
	return cmd
}

func demoSummary(s demo.Summary) string {
	return fmt.Sprintf("%d customers, %d orders (%d lines), %d costs, %d feedback, %d complaints, %d contacts",
		s.Customers, s.Orders, s.Lines, s.Costs, s.Feedback, s.Complaints, s.Touches)
}

// demoFile is the demo business's own file, beside the owner's book: the
// welcome's d opens it, writing the demo there the first time, so that
// the demo never lands in the owner's book unasked. Removing the demo is
// removing that file.
type demoFile struct {
	path string

	mu sync.Mutex
	db *store.DB // once opened
}

// demoPath is the demo's file for a book: clientele-demo.db beside
// clientele.db; a book whose name ends in -demo is the demo's file itself.
func demoPath(book string) string {
	ext := filepath.Ext(book)
	base := strings.TrimSuffix(book, ext)
	if strings.HasSuffix(base, "-demo") {
		return book
	}
	if ext == "" {
		ext = ".db"
	}
	return base + "-demo" + ext
}

// open opens the demo's file, writing the demo business into it when it
// holds nothing yet, and says which it did in a line of an 80-column
// status bar. It runs in a command.
func (d *demoFile) open(ctx context.Context) (model.Store, string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.db == nil {
		db, err := store.Open(ctx, d.path)
		if err != nil {
			return nil, "", err
		}
		d.db = db
	}
	name := model.Printable(filepath.Base(d.path))
	empty, err := d.db.Empty(ctx)
	if err != nil {
		return nil, "", err
	}
	if !empty {
		return d.db, "Demo opened from " + name + "; your own book stays as it was.", nil
	}
	sum, err := demo.Generate(ctx, d.db, demo.Options{Seed: 1})
	if err != nil {
		return nil, "", err
	}
	return d.db, fmt.Sprintf("Demo of %d customers written to %s; your own book stays empty.", sum.Customers, name), nil
}

// close closes the demo's file when it was opened.
func (d *demoFile) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.db != nil {
		d.db.Close()
		d.db = nil
	}
}

// loadDemo is the welcome panel's demo: the default business, today. What
// it says fits the status line of an 80-column terminal.
func loadDemo(db *store.DB) func(context.Context) (string, error) {
	return func(ctx context.Context) (string, error) {
		sum, err := demo.Generate(ctx, db, demo.Options{Seed: 1})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("Loaded the demo business: %d customers, %d orders, %d feedback, %d complaints.",
			sum.Customers, sum.Orders, sum.Feedback, sum.Complaints), nil
	}
}

func importCmd() *cobra.Command {
	var opt importer.Options
	cmd := &cobra.Command{
		Use:   "import FILE [--format NAME] [--dry-run]",
		Short: "Bring orders or customers in from a file, exactly or not at all",
		Long:  "Import reads a file into the database in one transaction.\n\n" + importer.Help,
		Args:  oneArg("FILE", "the file to read"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := dbPath()
			if err != nil {
				return err
			}
			// A dry run, or an import that fails, into a book that was not
			// there leaves nothing behind: no empty file, no new folder.
			unmake := madeFor(path)
			db, err := store.Open(cmd.Context(), path)
			if err != nil {
				unmake()
				return err
			}
			if isTerminal(os.Stderr) {
				opt.Progress = importer.ProgressTo(os.Stderr)
			}
			pv, err := importer.Apply(cmd.Context(), db, args[0], opt)
			if opt.Progress != nil {
				fmt.Fprintln(os.Stderr)
			}
			if err != nil || opt.DryRun {
				db.Close()
				unmake()
			} else {
				defer db.Close()
			}
			if err != nil {
				return fmt.Errorf("cannot import %s: %w (nothing was imported)", args[0], err)
			}
			out := cmd.OutOrStdout()
			fmt.Fprintln(out, pv.Summary)
			for _, d := range pv.Summary.Details() {
				fmt.Fprintln(out, d)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opt.Format, "format", importer.Auto, strings.Join(importer.FormatNames(), ", "))
	cmd.Flags().BoolVar(&opt.DryRun, "dry-run", false, "check the file and print what would be done, writing nothing")
	cmd.Flags().StringVar(&opt.Encoding, "encoding", "", "the file's encoding when it is not found: "+
		strings.Join(importer.Encodings, ", "))
	cmd.Flags().StringVar(&opt.DateOrder, "date-order", "", "dmy or mdy, for a file whose every date reads either way")
	cmd.Flags().StringVar(&opt.Columns, "columns", "", "the file's column for each field, for a header no format "+
		"matches: \"date=Created,customer=Client,amount=Total\" (kept for the next file with that header)")
	return cmd
}

// madeFor notes what of path is not there yet, the file and the folders
// above it, and returns what removes them again once the book is closed:
// the file with SQLite's companions, then each folder made for it that is
// still empty. When path is there already it removes nothing.
func madeFor(path string) (unmake func()) {
	if exists(path) {
		return func() {}
	}
	var dirs []string
	for dir := filepath.Dir(path); !exists(dir); dir = filepath.Dir(dir) {
		dirs = append(dirs, dir)
		if dir == filepath.Dir(dir) {
			break
		}
	}
	return func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(path + suffix)
		}
		for _, dir := range dirs {
			os.Remove(dir) // only an empty folder goes
		}
	}
}

// reviewCmd prints the daily review list for scripts and cron.
func reviewCmd() *cobra.Command {
	var date, format string
	var limit int
	var all bool
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Print today's review list: who needs you and why",
		Long: "review prints today's review list, most urgent first: the customers the Today\n" +
			"tab lists (the daily size set in Settings, 50 at first), the reasons each is\n" +
			"there and how to reach them, and how many more are due. --limit lists another\n" +
			"number; --all lists every customer due, which on a large book takes longer.\n" +
			"--date fixes the day (for scripts and for looking ahead); --format json gives\n" +
			"one object per entry.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			now := model.WallClock(time.Now())
			opt := reviewexport.Options{Day: model.Day(now), Format: reviewexport.Format(format), Limit: limit, All: all}
			if date != "" {
				d, err := model.ParseDate(date, now)
				if err != nil {
					return fmt.Errorf("--date: %w", err)
				}
				opt.Day = d
				// A day gone by is reviewed as it stood then: what was
				// done after it does not count.
				opt.Past = d.Before(model.Day(now))
			}
			if err := opt.Check(); err != nil {
				return err
			}
			db, err := openExisting(cmd)
			if err != nil {
				return err
			}
			defer db.Close()
			return reviewexport.Write(cmd.Context(), cmd.OutOrStdout(), db, opt)
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "the day to review, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&format, "format", "text", "text, or JSON for scripts")
	cmd.Flags().IntVar(&limit, "limit", 0, "how many customers to list (default: the daily size in Settings)")
	cmd.Flags().BoolVar(&all, "all", false, "list every customer due")
	return cmd
}

// backupCmd copies the database, consistently, while the TUI may be open.
func backupCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "backup DEST",
		Short: "Copy the database to DEST, safely, even while clientele is open",
		Long: "backup writes a consistent copy of the database (SQLite's VACUUM INTO) to DEST,\n" +
			"even while the interface or an import is using the file, then checks the copy.\n" +
			"DEST must not exist yet; when DEST is a folder the copy is named after the\n" +
			"time, e.g. clientele-20261123-093000.db. The copy is readable only by you.",
		Args: oneArg("DEST", "where to write the copy"),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := openExisting(cmd)
			if err != nil {
				return err
			}
			defer db.Close()
			dest, rep, err := db.BackupChecked(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if !rep.OK() {
				fmt.Fprint(cmd.ErrOrStderr(), rep)
				return fmt.Errorf("the copy at %s does not check out: see above", dest)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Backed up %s, %s to %s; the copy checks out.\n",
				model.Plural(rep.Customers, "customer", "customers"), model.Plural(rep.Orders, "order", "orders"), dest)
			return nil
		},
	}
}

// errCheckFailed makes `clientele check` exit non-zero after its report.
var errCheckFailed = errors.New("the check found problems: see the report above")

// checkCmd checks the database and says plainly what is wrong.
func checkCmd() *cobra.Command {
	var fix bool
	cmd := &cobra.Command{
		Use:   "check [--fix]",
		Short: "Check the database for damage, broken references and wrong figures",
		Long: "check reads the database without changing it: SQLite's integrity_check and\n" +
			"foreign_key_check, and each customer's kept figures (orders, revenue, last\n" +
			"order) against their orders. It prints a plain report and exits non-zero\n" +
			"when something is wrong. --fix recomputes the figures from the orders.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := dbPath()
			if err != nil {
				return err
			}
			rep, fixed, err := store.CheckAndFix(cmd.Context(), path, fix)
			if fixed > 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "Recomputed the figures of %s.\n", model.Plural(fixed, "customer", "customers"))
			}
			if err != nil {
				return err
			}
			fmt.Fprint(cmd.OutOrStdout(), rep)
			if !rep.OK() {
				return errCheckFailed
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&fix, "fix", false, "recompute customers' figures from their orders when they disagree")
	return cmd
}

// oneArg accepts exactly one argument, called name, and says what it is
// for when it is missing ("import needs FILE, the CSV file to read") or
// when there are more (a path with spaces wants quotes).
func oneArg(name, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == 0:
			return fmt.Errorf("%s needs %s, %s: see clientele %s --help", cmd.Name(), name, what, cmd.Name())
		case len(args) > 1:
			return fmt.Errorf("%s takes one %s, not %d: %s (quote a path that has spaces)", cmd.Name(), name,
				len(args), strings.Join(args, " "))
		}
		return nil
	}
}

// haveTerminal says why the interface cannot run here, as Bubble Tea
// would find it: input from a terminal, or else the controlling terminal
// (/dev/tty) opened for it.
func haveTerminal() error {
	if isTerminal(os.Stdin) {
		return nil
	}
	in, out, err := tea.OpenTTY()
	if err != nil {
		return fmt.Errorf("the interface needs a terminal, and there is none here (%v); "+
			"commands such as review, export and backup run without one: see clientele --help", err)
	}
	in.Close()
	if out != in {
		out.Close()
	}
	return nil
}

// isTerminal reports whether f is a terminal (progress is shown only
// there), as Bubble Tea tells one: /dev/null is a character device too.
func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }

// exportCmd writes the profitability summary; `export feedback`, below
// it, the feedback log.
func exportCmd() *cobra.Command {
	var from, to, format, out string
	cmd := &cobra.Command{
		Use:   "export [--from DAY] [--to DAY] [--format csv|md|json]",
		Short: "Export what each customer earns you, for the accountant, the bank or a review",
		Long: "Writes the profitability summary of a period: all time unless --from or --to\n" +
			"(each day included) say otherwise. CSV has a row per customer with an order or\n" +
			"a cost in the period and one for the unattributed; Markdown is a one-page\n" +
			"summary; JSON has the period, currency, totals, customers and the unattributed.\n" +
			"To standard output, or to --out (written atomically, mode 0600). CSV cells that\n" +
			"a spreadsheet would run as a formula (= + - @, a tab or a carriage return\n" +
			"first) get a leading '. `clientele export feedback` exports the feedback log.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			today := model.WallClock(time.Now())
			period, err := profitexport.Period(from, to, today)
			if err != nil {
				return err
			}
			f, db, err := openExport(cmd, format, out, profitexport.Formats)
			if err != nil {
				return err
			}
			defer db.Close()
			sum, err := profitexport.Summary(cmd.Context(), db, period, today)
			if err != nil {
				return err
			}
			if out == "" {
				return profitexport.Write(cmd.OutOrStdout(), sum, string(f))
			}
			return profitexport.WriteFile(out, sum, string(f))
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "first day of the period, YYYY-MM-DD (default: since the first record)")
	cmd.Flags().StringVar(&to, "to", "", "last day of the period, YYYY-MM-DD (default: up to the last record)")
	cmd.Flags().StringVar(&format, "format", "csv", "the format: csv, md (Markdown) or json; when not given, --out's extension chooses")
	cmd.Flags().StringVar(&out, "out", "", "write to this file instead of standard output")
	cmd.AddCommand(exportFeedbackCmd(), exportContactsCmd(), exportCalendarCmd())
	return cmd
}

// exportContactsCmd writes the customers as a mailing list, vCards or a
// page of labels.
func exportContactsCmd() *cobra.Command {
	var format, out, segment, consented string
	cmd := &cobra.Command{
		Use:   "contacts [--format csv|vcf|labels] [--out FILE]",
		Short: "Export customers as a mailing list, vCards for a phone, or a page of address labels",
		Long: "Writes every customer not archived, by name: csv is a mailing list (name, email,\n" +
			"phone, company, postal address, channel, stage, segments, birthday, the days\n" +
			"consent to email, texts and post was given); vcf is vCard 3.0 for a phone or an\n" +
			"address book (importing it again updates the same contacts); labels is a\n" +
			"Markdown page of postal addresses, three to a row, to print. --segment keeps\n" +
			"one segment's members, --consented those who agreed to marketing by email, sms\n" +
			"or post. To standard output, or to --out (written atomically, mode 0600; its\n" +
			"extension .vcf or .md picks the format when --format is not given).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := contactexport.FormatFor(out)
			if cmd.Flags().Changed("format") || out == "" {
				var err error
				if f, err = exportfile.ParseFormat(format, contactexport.Formats...); err != nil {
					return err
				}
			}
			var ch model.ConsentChannel
			if consented != "" {
				var err error
				if ch, err = model.ParseConsentChannel(consented); err != nil {
					return fmt.Errorf("--consented: %q is not email, sms or post", consented)
				}
			}
			db, err := openExisting(cmd)
			if err != nil {
				return err
			}
			defer db.Close()
			opt := contactexport.Options{Format: f, Segment: segment, Consented: ch, Now: model.WallClock(time.Now())}
			if out == "" {
				return contactexport.Write(cmd.Context(), cmd.OutOrStdout(), db, opt)
			}
			return contactexport.WriteFile(cmd.Context(), out, db, opt)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv, vcf or labels; when not given, --out's extension chooses")
	cmd.Flags().StringVar(&segment, "segment", "", "only the members of this segment")
	cmd.Flags().StringVar(&consented, "consented", "", "only those who consented to marketing by email, sms or post")
	cmd.Flags().StringVar(&out, "out", "", "write to this file instead of standard output")
	return cmd
}

// exportCalendarCmd writes follow-ups, reminders, occasions and payment
// due days as an iCalendar file.
func exportCalendarCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "calendar [--out FILE.ics]",
		Short: "Export follow-ups, reminders, occasions and payments due as a calendar for a phone",
		Long: "Writes an iCalendar file (.ics) a phone or calendar program imports or\n" +
			"subscribes to: every follow-up and reminder (repeating ones repeat), every\n" +
			"birthday and occasion (yearly), and the day each unpaid order's payment is due,\n" +
			"as all-day events. Each event keeps its id from one export to the next, so\n" +
			"importing a newer file updates the events instead of adding them twice. To\n" +
			"standard output, or to --out (written atomically, mode 0600).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := openExisting(cmd)
			if err != nil {
				return err
			}
			defer db.Close()
			now := time.Now().UTC()
			if out == "" {
				return calendarexport.Write(cmd.Context(), cmd.OutOrStdout(), db, now)
			}
			return calendarexport.WriteFile(cmd.Context(), out, db, now)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write to this file instead of standard output")
	return cmd
}

func exportFeedbackCmd() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "feedback",
		Short: "Export the whole feedback log as CSV, Markdown or JSON",
		Long: "Writes every feedback entry, newest first, to standard output or to --out\n" +
			"(written atomically, mode 0600). A customer is named by their ref, as the\n" +
			"profitability export names them. CSV cells that a spreadsheet would run as a\n" +
			"formula (starting with = + - @, a tab or a carriage return) get a leading '.\n" +
			"JSON is an object with the day exported and the entries, for scripts.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, db, err := openExport(cmd, format, out, feedbackexport.Formats)
			if err != nil {
				return err
			}
			defer db.Close()
			now := model.WallClock(time.Now())
			if out == "" {
				return feedbackexport.Write(cmd.Context(), cmd.OutOrStdout(), db, f, now)
			}
			return feedbackexport.WriteFile(cmd.Context(), out, db, f, now)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv, md (Markdown) or json; when not given, --out's extension chooses")
	cmd.Flags().StringVar(&out, "out", "", "write to this file instead of standard output")
	return cmd
}

// openExport is what an export runs with: its format among formats, the
// one --format names when given or when writing to standard output, else
// the one --out's name suggests; and the database, opened to read.
func openExport(cmd *cobra.Command, format, out string, formats []exportfile.Format) (exportfile.Format,
	*store.DB, error) {
	f, err := exportfile.Pick(format, cmd.Flags().Changed("format"), out, formats...)
	if err != nil {
		return f, nil, err
	}
	db, err := openExisting(cmd)
	return f, db, err
}

// credFlags are the credentials a command that reaches a destination
// takes as flags; the rest come from the environment and the usual files
// (replica.Credentials), never from the book.
type credFlags struct{ sshKey, sshHostKey string }

func (c *credFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.sshKey, "ssh-key", "", "for SFTP, the private key to log in with (default $CLIENTELE_SSH_KEY, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa)")
	cmd.Flags().StringVar(&c.sshHostKey, "ssh-host-key", "", "for SFTP, the server's public key, as in authorized_keys (default $CLIENTELE_SSH_HOST_KEY, else ~/.ssh/known_hosts)")
}

func (c credFlags) credentials() replica.Credentials {
	return replica.Credentials{SSHKey: c.sshKey, SSHHostKey: c.sshHostKey}
}

// destinationsHelp is what every command that takes a destination says
// about it.
const destinationsHelp = "A destination is file:///folder, sftp://user@host/folder, webdav://host/folder\n" +
	"(webdavs:// for HTTPS) or s3://bucket/folder (?endpoint=host:port for S3-compatible\n" +
	"storage). Passwords come from $CLIENTELE_REPLICA_PASSWORD or ~/.netrc, SSH keys\n" +
	"from --ssh-key or ~/.ssh, the SFTP server's key from ~/.ssh/known_hosts, S3 keys\n" +
	"from $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY or ~/.aws/credentials."

// replicateCmd copies the book continuously until interrupted.
func replicateCmd() *cobra.Command {
	var to string
	var creds credFlags
	cmd := &cobra.Command{
		Use:   "replicate [--to URL]",
		Short: "Keep a continuous copy of the book somewhere else, until stopped",
		Long: "replicate copies every change of the book, within a second, to the destination\n" +
			"--to names (or the one the book's settings name), with Litestream, and keeps a\n" +
			"day of history there for `clientele restore --at`. It runs in the foreground\n" +
			"until ctrl+c, then makes a final copy. Only one machine writes a book: stop\n" +
			"clientele and replicate on it before another machine takes over.\n\n" + destinationsHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			db, err := openExisting(cmd)
			if err != nil {
				return err
			}
			if to == "" {
				s, err := db.Settings(ctx)
				if err != nil {
					db.Close()
					return err
				}
				to = s.ReplicateTo
			}
			if to == "" {
				db.Close()
				return errors.New("replicate needs --to URL (or a destination in the book's settings)")
			}
			dest, err := replica.ParseDestination(to)
			if err != nil {
				db.Close()
				return err
			}
			path := db.Path()
			logger := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: slog.LevelWarn}))
			r, err := replica.Start(ctx, db, dest, replica.Options{Credentials: creds.credentials(), Logger: logger})
			// clientele's connections close before Litestream's.
			db.Close()
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "Copying %s to %s as it changes; ctrl+c stops.\n", path, dest)
			watchReplication(ctx, out, r)
			if err := r.Stop(context.WithoutCancel(ctx)); err != nil {
				return err
			}
			fmt.Fprintf(out, "Stopped. %s holds every change made to %s.\n", dest, path)
			return nil
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "where to copy the book (default: the destination in its settings)")
	creds.add(cmd)
	return cmd
}

// watchReplication says when copying starts failing and when it works
// again, until ctx ends.
func watchReplication(ctx context.Context, out io.Writer, r *replica.Replicator) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		st := r.Status()
		if (st.Err != nil) != failing {
			failing = st.Err != nil
			fmt.Fprintln(out, st)
		}
	}
}

// restoreCmd writes a new book from the copies and checks it.
func restoreCmd() *cobra.Command {
	var from, at string
	var creds credFlags
	cmd := &cobra.Command{
		Use:   "restore --from URL --db NEW [--at TIME]",
		Short: "Write a new book from the copies `replicate` made, and check it",
		Long: "restore writes the book copied at --from into the new file --db names, as it\n" +
			"is now or as it was at --at (copies are kept for a day), then checks it as\n" +
			"`clientele check` does before saying it is done. It never writes over a file:\n" +
			"--db must not exist.\n\n" + destinationsHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dest, err := replica.ParseDestination(from)
			if err != nil {
				return fmt.Errorf("--from: %w", err)
			}
			var when time.Time
			if at != "" {
				if when, err = parseAt(at); err != nil {
					return fmt.Errorf("--at: %w", err)
				}
			}
			path, err := dbPath()
			if err != nil {
				return err
			}
			rep, err := replica.Restore(cmd.Context(), dest, path,
				replica.RestoreOptions{Credentials: creds.credentials(), At: when})
			if err != nil {
				return err
			}
			fmt.Fprint(cmd.OutOrStdout(), rep)
			if !rep.OK() {
				return fmt.Errorf("restored %s into %s, but the book does not check out: see above", dest, path)
			}
			as := "as it is now"
			if !when.IsZero() {
				as = "as it was at " + when.Local().Format("2006-01-02 15:04:05")
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Restored %s %s into %s; the book checks out.\n", dest, as, path)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "where the copies are")
	cmd.Flags().StringVar(&at, "at", "", `the moment to restore, "2026-11-23 14:05", "2026-11-23" or RFC 3339 (default: the latest)`)
	creds.add(cmd)
	return cmd
}

// parseAt reads --at: RFC 3339, or a local day and time.
func parseAt(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time: write 2026-11-23 14:05, 2026-11-23 or 2026-11-23T14:05:00Z", s)
}

// followCmd keeps a read-only copy current in the foreground.
func followCmd() *cobra.Command {
	var from string
	var untilStdinCloses bool
	var creds credFlags
	cmd := &cobra.Command{
		Use:   "follow --from URL [--db COPY]",
		Short: "Keep a read-only copy of a book another machine writes, until stopped",
		Long: "follow restores the book copied at --from into COPY (checked, as restore does),\n" +
			"then applies every change the writing machine copies there, within a second,\n" +
			"until ctrl+c. COPY defaults to a file named after --from in clientele's data\n" +
			"folder, never the machine's own book; a copy follow made before is brought up\n" +
			"to date. `clientele --follow URL` runs this behind the interface. Read the copy\n" +
			"with clientele or sqlite3; never write to it.\n\n" + destinationsHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dest, err := replica.ParseDestination(from)
			if err != nil {
				return fmt.Errorf("--from: %w", err)
			}
			path, err := followPath(dest)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if untilStdinCloses {
				var cancel context.CancelFunc
				ctx, cancel = context.WithCancel(ctx)
				defer cancel()
				go func() { io.Copy(io.Discard, cmd.InOrStdin()); cancel() }()
			}
			out := cmd.OutOrStdout()
			logger := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: slog.LevelWarn}))
			return replica.Follow(ctx, dest, path, replica.FollowOptions{Credentials: creds.credentials(), Logger: logger,
				Ready: func() { fmt.Fprintf(out, "Following %s into %s; ctrl+c stops.\n", dest, path) }})
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "where the writing machine's copies are")
	cmd.Flags().BoolVar(&untilStdinCloses, "until-stdin-closes", false, "stop when standard input closes (how the interface runs it)")
	cmd.Flags().MarkHidden("until-stdin-closes")
	creds.add(cmd)
	return cmd
}

// followPath is the copy a follower keeps: --db or $CLIENTELE_DB when
// given, else a file named after the destination in the data folder.
func followPath(dest replica.Destination) (string, error) {
	if dbFlag != "" {
		return dbFlag, nil
	}
	if p := os.Getenv("CLIENTELE_DB"); p != "" {
		return p, nil
	}
	def, err := store.DefaultPath()
	if err != nil {
		return "", err
	}
	return replica.FollowPath(filepath.Dir(def), dest), nil
}

// runFollowed is `clientele --follow URL`: `clientele follow` in a child
// process keeps the copy current (the follower's writes are kept from
// readers by SQLite's locks, which work between processes only), and the
// interface reads the copy read-only. The child logs to COPY.follow.log
// and stops when this process ends, even when it is killed: its standard
// input is a pipe from here.
func runFollowed(ctx context.Context, from string, creds credFlags) error {
	// Before the follower: without a terminal there is nothing to keep a
	// copy current for, and no copy should be made.
	if err := haveTerminal(); err != nil {
		return err
	}
	dest, err := replica.ParseDestination(from)
	if err != nil {
		return fmt.Errorf("--follow: %w", err)
	}
	path, err := followPath(dest)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	args := []string{"follow", "--from", from, "--db", path, "--until-stdin-closes"}
	if creds.sshKey != "" {
		args = append(args, "--ssh-key", creds.sshKey)
	}
	if creds.sshHostKey != "" {
		args = append(args, "--ssh-host-key", creds.sshHostKey)
	}
	logPath := path + ".follow.log"
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer logFile.Close()
	child := exec.Command(exe, args...)
	child.Stdout, child.Stderr = logFile, logFile
	stdin, err := child.StdinPipe()
	if err != nil {
		return err
	}
	if err := child.Start(); err != nil {
		return fmt.Errorf("starting the follower: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	defer func() {
		stdin.Close()
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			child.Process.Kill()
			<-exited
		}
	}()

	fmt.Fprintf(os.Stderr, "Bringing the copy of %s in %s up to date…\n", dest, path)
	for ready := false; !ready; {
		_, _, ready = replica.Followed(path)
		select {
		case err := <-exited:
			exited <- err
			log, _ := os.ReadFile(logPath)
			return fmt.Errorf("the follower stopped (%v): %s", err, strings.TrimSpace(string(log)))
		case <-ctx.Done():
			return nil
		case <-time.After(100 * time.Millisecond):
		}
	}
	db, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	// The interface reads the follower's -txid file every second: how
	// current the copy is, and whether it moved under the screens.
	followed := func() (uint64, time.Time, bool) {
		txid, at, ok := replica.Followed(path)
		return uint64(txid), at, ok
	}
	return runApp(ctx, db, tui.Options{FollowedFrom: dest.String(), Followed: followed}, nil)
}

// historyCmd prints the change history.
func historyCmd() *cobra.Command {
	var customer, since, format string
	var limit int
	cmd := &cobra.Command{
		Use:   "history [--customer REF] [--since DATE] [--format text|json]",
		Short: "Print the changes made to the book, newest first",
		Long: "history prints every change made to the book, newest first: what it was, when,\n" +
			"and whether it was undone. Every save, import, merge and undo is one change;\n" +
			"an edit made with another program (the sqlite3 shell) is one too. --customer\n" +
			"keeps the changes to one customer's records (REF is their ref from an import,\n" +
			"or their number); --since those made since a day; --limit the newest N.\n" +
			"--format json gives one object per change, for scripts.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := historyexport.Format(format)
			if err := f.Check(); err != nil {
				return err
			}
			if limit < 0 {
				return fmt.Errorf("--limit: %d is not a number of changes", limit)
			}
			q := model.HistoryQuery{}
			if since != "" {
				d, err := model.ParseDate(since, model.WallClock(time.Now()))
				if err != nil {
					return fmt.Errorf("--since: %w", err)
				}
				q.Since = d
			}
			db, err := openExisting(cmd)
			if err != nil {
				return err
			}
			defer db.Close()
			if customer != "" {
				c, err := db.CustomerByRef(cmd.Context(), customer)
				if err != nil {
					return fmt.Errorf("--customer: %w", err)
				}
				q.CustomerID = c.ID
			}
			var all []model.Change
			for {
				q.Limit = 500
				if limit > 0 {
					q.Limit = min(500, limit-len(all))
				}
				page, err := db.History(cmd.Context(), q)
				if err != nil {
					return err
				}
				all = append(all, page...)
				if len(page) < q.Limit || (limit > 0 && len(all) >= limit) {
					break
				}
				q.Before = page[len(page)-1].ID
			}
			return historyexport.Write(cmd.OutOrStdout(), all, f)
		},
	}
	cmd.Flags().StringVar(&customer, "customer", "", "only the changes to this customer's records (their ref or number)")
	cmd.Flags().StringVar(&since, "since", "", "only the changes made on or after this day, YYYY-MM-DD")
	cmd.Flags().StringVar(&format, "format", "text", "text, or json for scripts")
	cmd.Flags().IntVar(&limit, "limit", 0, "only the newest N changes (default: all)")
	return cmd
}

// undoCmd takes back the latest change; redoCmd takes back the latest
// undo.
func undoCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "undo",
		Short: "Take back the latest change (again for the one before)",
		Long: "undo takes back the latest change to the book that stands, as u does in the\n" +
			"interface: every record it touched is put back as it was, an import's records\n" +
			"are removed and what it replaced comes back. Run it again for the change before.\n" +
			"An undo is a change of its own: `clientele redo` takes it back. An erasure is\n" +
			"for good and is never undone.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return reverse(cmd, (*store.DB).Undo)
		},
	}
}

func redoCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "redo",
		Short: "Take back the latest undo",
		Long: "redo takes back the latest undo, as U does in the interface, as long as no\n" +
			"other change was made since it.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return reverse(cmd, (*store.DB).Redo)
		},
	}
}

// reverse runs an undo or a redo and says what it took back.
func reverse(cmd *cobra.Command, do func(*store.DB, context.Context) (model.UndoResult, error)) error {
	db, err := openExisting(cmd)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := do(db, cmd.Context())
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s (change #%d).\n", model.Printable(res.Message()), res.Change.ID)
	return err
}

// customersCmd groups what is done to one customer from the command line.
func customersCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "customers",
		Short: "Show, merge or erase a customer; list likely duplicates",
		Long: "Customers are named by their ref, the id an import knows them by (as exports\n" +
			"show it; SOURCE:REF when two sources share one), or by their number.",
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(customersShowCmd(), customersMergeCmd(), customersEraseCmd(), customersDuplicatesCmd())
	return cmd
}

func customersShowCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show REF [--format text|json]",
		Short: "Print everything the book holds about one customer",
		Long: "show prints everything the book holds about one customer, their right of\n" +
			"access: their fields, the ids imports know them by, every order (with its\n" +
			"lines), cost, contact, feedback and complaint, voided ones marked, the\n" +
			"customers they referred, and every change made to their records.",
		Args: oneArg("REF", "the customer's ref or number"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("--format: %q is not text or json", format)
			}
			db, err := openExisting(cmd)
			if err != nil {
				return err
			}
			defer db.Close()
			c, err := db.CustomerByRef(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			rec, err := db.CustomerRecord(cmd.Context(), c.ID)
			if err != nil {
				return err
			}
			if format == "json" {
				return customerexport.WriteJSON(cmd.OutOrStdout(), rec)
			}
			return customerexport.WriteText(cmd.OutOrStdout(), rec)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text, or json for scripts")
	return cmd
}

func customersMergeCmd() *cobra.Command {
	var take []string
	cmd := &cobra.Command{
		Use:   "merge KEEP OTHER [--take FIELD,...]",
		Short: "Merge customer OTHER into KEEP: one person entered twice",
		Long: "merge moves everything of OTHER to KEEP: orders, costs, contacts, feedback,\n" +
			"complaints, segments, values, referrals both ways and the ids every import\n" +
			"knows OTHER by (a later import of those files lands on KEEP); then OTHER is\n" +
			"gone. KEEP's empty fields are filled from OTHER's. Where both have a field set\n" +
			"differently KEEP's value stays, unless --take names the field (email, phone,\n" +
			"name …): then OTHER's is taken. Every value not kept is added to KEEP's notes.\n" +
			"The merge is one change: `clientele undo` brings OTHER back.",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("merge needs KEEP and OTHER, the two customers' refs or numbers")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			want := map[string]bool{}
			for _, f := range take {
				f = strings.TrimSpace(strings.ToLower(f))
				if !slices.Contains(model.MergeFields, f) {
					return fmt.Errorf("--take: %q is not a field a merge chooses (%s)", f, strings.Join(model.MergeFields, ", "))
				}
				want[f] = true
			}
			db, err := openExisting(cmd)
			if err != nil {
				return err
			}
			defer db.Close()
			var ids [2]int64
			for i, ref := range args {
				c, err := db.CustomerByRef(cmd.Context(), ref)
				if err != nil {
					return err
				}
				ids[i] = c.ID
			}
			plan, err := db.MergeCustomers(cmd.Context(), ids[0], ids[1], want)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "Merged %s (customer %d) into %s (customer %d).\n", model.Printable(plan.Other.Name),
				plan.Other.ID, model.Printable(plan.Keep.Name), plan.Keep.ID)
			for _, c := range plan.Conflicts {
				kept, left := c.Keep, c.Other
				if want[c.Field] {
					kept, left = c.Other, c.Keep
				}
				fmt.Fprintf(out, "  %s: kept %s; %s is in the notes\n", c.Field, model.Printable(kept),
					model.Printable(left))
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&take, "take", nil, "fields to take from OTHER where both are set (comma-separated)")
	return cmd
}

func customersEraseCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "erase REF [--yes]",
		Short: "Erase one customer's personal data for good; their totals stay",
		Long: "erase removes a customer's personal fields and the free text of every record\n" +
			"of theirs, from the book and from its history, for good: their orders, costs\n" +
			"and feedback scores stay, as an anonymous customer's, so every total is what\n" +
			"it was. The history keeps that an erasure happened, not what was erased, and\n" +
			"the file is rewritten so that none of the old text stays in it. It cannot be\n" +
			"undone. It asks you to type the customer's number first; --yes, for scripts,\n" +
			"does not ask. Copies made before (backups, replicas) still hold the data.",
		Args: oneArg("REF", "the customer's ref or number"),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := openExisting(cmd)
			if err != nil {
				return err
			}
			defer db.Close()
			c, err := db.CustomerByRef(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if !yes {
				if err := confirmErase(cmd, c); err != nil {
					return err
				}
			}
			res, err := db.Erase(cmd.Context(), c.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Erased the personal data of customer %d (%d records of the history rewritten).\n",
				c.ID, res.Scrubbed)
			if !res.Compacted {
				fmt.Fprintln(cmd.OutOrStdout(), "Another program has the book open: the old text may stay in its -wal file "+
					"until every program using the book closes it.")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask (for scripts)")
	return cmd
}

// confirmErase asks for the customer's number before an erasure.
func confirmErase(cmd *cobra.Command, c model.Customer) error {
	in, ok := cmd.InOrStdin().(*os.File)
	if ok && !isTerminal(in) || !ok && cmd.InOrStdin() == nil {
		return errors.New("erase asks before it erases: run it in a terminal, or pass --yes")
	}
	fmt.Fprintf(cmd.OutOrStdout(), "This erases the personal data of %s (customer %d) for good; it cannot be undone.\n"+
		"Type %d to erase: ", model.Printable(c.Name), c.ID, c.ID)
	var answer string
	fmt.Fscanln(cmd.InOrStdin(), &answer)
	if strings.TrimSpace(answer) != fmt.Sprint(c.ID) {
		return errors.New("not erased: the number typed was not the customer's")
	}
	return nil
}

func customersDuplicatesCmd() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "duplicates [--limit N]",
		Short: "List the likely duplicate customers, most certain first",
		Long: "duplicates lists pairs of customers who may be one person, most certain first,\n" +
			"with the reasons: the same email, the same phone however written, the same name\n" +
			"(any case, accents or word order) with no other country, names one letter\n" +
			"apart. `clientele customers merge KEEP OTHER` merges a pair.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := openExisting(cmd)
			if err != nil {
				return err
			}
			defer db.Close()
			pairs, total, err := db.Duplicates(cmd.Context(), limit)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if total == 0 {
				_, err := fmt.Fprintln(out, "No likely duplicates.")
				return err
			}
			for _, p := range pairs {
				fmt.Fprintf(out, "%d %s  ~  %d %s: %s\n", p.A.ID, model.Printable(p.A.Name), p.B.ID, model.Printable(p.B.Name),
					p.ReasonText())
			}
			if total > len(pairs) {
				fmt.Fprintf(out, "… and %s more (--limit 0 lists all).\n", model.Commas(total-len(pairs)))
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "list at most N pairs (0: all)")
	return cmd
}
