// Command clientele keeps a solo business's customers in one SQLite file:
// who they are, what they buy and cost, what they say, and who needs the
// owner today. With no command it opens the terminal interface.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/fang/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"clientele/model"
	"clientele/store"
	"clientele/store/feedbackexport"
	"clientele/tui"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	if err := fang.Execute(context.Background(), rootCmd(), fang.WithVersion(version),
		fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM)); err != nil {
		os.Exit(1)
	}
}

// dbFlag is --db, shared by every command.
var dbFlag string

func rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "clientele",
		Short: "Your customers, who needs you today, and what each one earns you",
		Long: "clientele keeps a solo business's customers in one SQLite file and opens a\n" +
			"keyboard-driven terminal interface on it. With no command it opens the\n" +
			"interface on the default database, " + defaultPathHelp() + ".",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTUI(cmd.Context()) },
	}
	root.PersistentFlags().StringVar(&dbFlag, "db", "",
		"database file (default $CLIENTELE_DB, else "+defaultPathHelp()+")")
	root.AddCommand(versionCmd(), exportCmd())
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

// openStore opens the database the flags name.
func openStore(ctx context.Context) (*store.DB, error) {
	path, err := dbPath()
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, path)
}

func runTUI(ctx context.Context) error {
	db, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	noColor := os.Getenv("NO_COLOR") != ""
	app := tui.New(db, tui.Options{NoColor: noColor, LoadDemo: loadDemo(db)})
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if noColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	_, err = tea.NewProgram(app, opts...).Run()
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

// exportCmd is the parent of the exports: feedback here; the
// profitability export gives it its own RunE and flags.
func exportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export data for a spreadsheet, the accountant or a review",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(exportFeedbackCmd())
	return cmd
}

func exportFeedbackCmd() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "feedback",
		Short: "Export the whole feedback log as CSV or Markdown",
		Long: "Writes every feedback entry, newest first, to standard output or to --out\n" +
			"(written atomically, mode 0600). CSV cells that a spreadsheet would run as a\n" +
			"formula (starting with = + - @, a tab or a carriage return) get a leading '.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := feedbackexport.FormatFor(out)
			if cmd.Flags().Changed("format") || out == "" {
				var err error
				if f, err = feedbackexport.ParseFormat(format); err != nil {
					return err
				}
			}
			db, err := openStore(cmd.Context())
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
	cmd.Flags().StringVar(&format, "format", "csv", "csv or md (default from --out's extension, else csv)")
	cmd.Flags().StringVar(&out, "out", "", "write to this file instead of standard output")
	return cmd
}

// loadDemo is replaced when the demo generator lands.
func loadDemo(*store.DB) func(context.Context) (string, error) { return nil }
