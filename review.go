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
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Print today's review queue: who needs you and why",
		Long: "review prints the daily review queue, most urgent first, with the reasons\n" +
			"each customer is in it and how to reach them. --date fixes the day (for\n" +
			"scripts and for looking ahead); --format json gives one object per entry.",
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
			db, err := openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			q, err := db.Review(cmd.Context(), day)
			if err != nil {
				return err
			}
			if format == "json" {
				return writeReviewJSON(cmd.OutOrStdout(), day, q)
			}
			return writeReviewText(cmd.OutOrStdout(), day, q)
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "the day to review, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

// writeReviewText writes one block per entry: name, contact, reasons.
func writeReviewText(w io.Writer, day time.Time, q []model.ReviewEntry) error {
	fmt.Fprintf(w, "Review for %s: %d due, %d done today\n", model.FormatDate(day), len(q), model.CountDone(q))
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

func writeReviewJSON(w io.Writer, day time.Time, q []model.ReviewEntry) error {
	out := struct {
		Date    string       `json:"date"`
		Due     int          `json:"due"`
		Done    int          `json:"done"`
		Entries []reviewJSON `json:"entries"`
	}{Date: model.FormatDate(day), Due: len(q), Done: model.CountDone(q), Entries: []reviewJSON{}}
	for _, e := range q {
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
