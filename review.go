package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"clientele/model"
)

// reviewCmd prints the daily review queue for scripts and cron.
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
			day := model.Day(now)
			if date != "" {
				d, err := model.ParseDate(date, now)
				if err != nil {
					return fmt.Errorf("--date: %w", err)
				}
				day = d
			}
			if format != "text" && format != "json" {
				return fmt.Errorf("--format: %q is not text or json", format)
			}
			if limit < 0 {
				return fmt.Errorf("--limit: %d is not a number of customers", limit)
			}
			if all && limit > 0 {
				return fmt.Errorf("--all and --limit: choose one")
			}
			db, err := openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			var r model.DailyReview
			if all {
				r.Entries, err = db.Review(cmd.Context(), day)
				r.MoreExact = true
			} else {
				r, err = db.DailyReview(cmd.Context(), day, limit)
			}
			if err != nil {
				return err
			}
			if format == "json" {
				return writeReviewJSON(cmd.OutOrStdout(), day, r)
			}
			return writeReviewText(cmd.OutOrStdout(), day, r)
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "the day to review, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	cmd.Flags().IntVar(&limit, "limit", 0, "how many customers to list (default: the daily size in Settings)")
	cmd.Flags().BoolVar(&all, "all", false, "list every customer due")
	return cmd
}

// writeReviewText writes one block per entry: name, contact, reasons.
func writeReviewText(w io.Writer, day time.Time, r model.DailyReview) error {
	q := r.Entries
	fmt.Fprintf(w, "Review for %s: %d due, %d done today", model.FormatDate(day), len(q), model.CountDone(q))
	if more := r.MoreText(); more != "" {
		fmt.Fprintf(w, "; %s (--all lists them)", more)
	}
	fmt.Fprintln(w)
	for i, e := range q {
		c := e.Customer
		mark := " "
		if e.Done {
			mark = "✓"
		}
		line := fmt.Sprintf("\n%s %d. %s (%s)", mark, i+1, model.Printable(c.Name), c.Stage)
		if r := c.Contact(); r != "" {
			line += " · " + model.Printable(r)
		}
		fmt.Fprintln(w, line)
		for _, r := range e.Reasons {
			fmt.Fprintf(w, "     - %s\n", model.Printable(r.Text))
		}
		if len(c.Values) > 0 {
			fmt.Fprintf(w, "     values: %s\n", model.Printable(strings.Join(c.Values, ", ")))
		}
	}
	return nil
}

// reviewJSON is one entry as --format json writes it.
type reviewJSON struct {
	ID      int64        `json:"id"`
	Name    string       `json:"name"`
	Stage   string       `json:"stage"`
	Channel string       `json:"channel,omitempty"`
	Contact string       `json:"contact,omitempty"`
	Values  []string     `json:"values,omitempty"`
	Done    bool         `json:"done"`
	Handled string       `json:"handled_today,omitempty"`
	Reasons []reasonJSON `json:"reasons"`
}

type reasonJSON struct {
	Kind    string `json:"kind"`
	Overdue int    `json:"overdue_days"`
	Text    string `json:"text"`
}

// writeReviewJSON writes the list as one object: the day, how many are
// listed and done, how many more are due (more_exact false: at least that
// many), and the entries.
func writeReviewJSON(w io.Writer, day time.Time, r model.DailyReview) error {
	out := struct {
		Date      string       `json:"date"`
		Due       int          `json:"due"`
		Done      int          `json:"done"`
		More      int          `json:"more"`
		MoreExact bool         `json:"more_exact"`
		Entries   []reviewJSON `json:"entries"`
	}{Date: model.FormatDate(day), Due: len(r.Entries), Done: model.CountDone(r.Entries), More: r.More,
		MoreExact: r.MoreExact, Entries: []reviewJSON{}}
	for _, e := range r.Entries {
		c := e.Customer
		j := reviewJSON{ID: c.ID, Name: c.Name, Stage: string(c.Stage), Channel: string(c.Channel), Contact: c.Contact(),
			Values: c.Values, Done: e.Done, Handled: c.HandledToday}
		for _, r := range e.Reasons {
			j.Reasons = append(j.Reasons, reasonJSON{Kind: r.Kind.String(), Overdue: r.Overdue, Text: r.Text})
		}
		out.Entries = append(out.Entries, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
