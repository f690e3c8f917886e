package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"clientele/model"
	"clientele/store"
)

// backupCmd copies the database, consistently, while the TUI may be open.
func backupCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "backup DEST",
		Short: "Copy the database to DEST, safely, even while clientele is open",
		Long: "backup writes a consistent copy of the database (SQLite's VACUUM INTO) to DEST,\n" +
			"even while the interface or an import is using the file, then checks the copy.\n" +
			"DEST must not exist yet; when DEST is a folder the copy is named after the\n" +
			"time, e.g. clientele-20261123-093000.db. The copy is readable only by you.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dest := args[0]
			if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
				dest = filepath.Join(dest, "clientele-"+model.WallClock(time.Now()).Format("20060102-150405")+".db")
			}
			db, err := openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.Backup(cmd.Context(), dest); err != nil {
				return err
			}
			rep, err := store.Check(cmd.Context(), dest)
			if err != nil {
				return fmt.Errorf("the copy at %s cannot be read back: %w", dest, err)
			}
			if !rep.OK() {
				fmt.Fprint(cmd.ErrOrStderr(), rep)
				return fmt.Errorf("the copy at %s does not check out: see above", dest)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Backed up %d customers, %d orders to %s; the copy checks out.\n",
				rep.Customers, rep.Orders, dest)
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
			rep, err := store.Check(cmd.Context(), path)
			if err != nil {
				return err
			}
			if fix && len(rep.Integrity) == 0 && rep.FiguresOff > 0 {
				db, err := store.Open(cmd.Context(), path)
				if err != nil {
					return err
				}
				err = db.FixFigures(cmd.Context())
				db.Close()
				if err != nil {
					return fmt.Errorf("recomputing the figures: %w", err)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Recomputed the figures of %d customers.\n", rep.FiguresOff)
				if rep, err = store.Check(cmd.Context(), path); err != nil {
					return err
				}
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
