// Package feedbackexport writes the whole feedback log for a spreadsheet
// (CSV) or a review (Markdown): `clientele export feedback`.
package feedbackexport

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"clientele/model"
	"clientele/store/exportfile"
)

// Format is an export format: CSV or Markdown.
type Format = exportfile.Format

// The formats.
const (
	CSV      = exportfile.CSV
	Markdown = exportfile.Markdown
)

// Formats lists the formats, the default first.
var Formats = []Format{CSV, Markdown}

// ParseFormat reads a --format value: csv, or md (markdown).
func ParseFormat(s string) (Format, error) { return exportfile.ParseFormat(s, Formats...) }

// FormatFor guesses the format from a file name: .md and .markdown are
// Markdown, anything else CSV.
func FormatFor(path string) Format { return exportfile.FormatFor(path, Formats...) }

// Header is the CSV header.
var Header = []string{"date", "kind", "customer_id", "customer", "channel", "question", "answer", "score",
	"offering", "theme", "status", "replied_on"}

// Write writes the whole log, newest first, to w; now dates the Markdown
// summary's "last 90 days".
func Write(ctx context.Context, w io.Writer, s model.FeedbackStore, f Format, now time.Time) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch f {
	case CSV:
		err = writeCSV(ctx, bw, s)
	case Markdown:
		err = writeMarkdown(ctx, bw, s, now)
	default:
		err = fmt.Errorf("unknown export format %q", f)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// WriteFile writes the log to path atomically and privately (see
// exportfile.Write): feedback is personal data.
func WriteFile(ctx context.Context, path string, s model.FeedbackStore, f Format, now time.Time) error {
	return exportfile.Write(path, func(w io.Writer) error { return Write(ctx, w, s, f, now) })
}

func writeCSV(ctx context.Context, w io.Writer, s model.FeedbackStore) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Header); err != nil {
		return err
	}
	err := s.EachFeedback(ctx, func(r model.FeedbackRow) error {
		customerID, score := "", ""
		if r.CustomerID != 0 {
			customerID = strconv.FormatInt(r.CustomerID, 10)
		}
		if r.HasScore {
			score = strconv.Itoa(r.Score)
		}
		return cw.Write([]string{model.FormatDate(r.On), string(r.Kind), customerID, exportfile.CSVCell(r.Customer),
			string(r.Channel), exportfile.CSVCell(r.Question), exportfile.CSVCell(r.Answer), score, exportfile.CSVCell(r.Offering),
			exportfile.CSVCell(r.Theme), string(r.Status), model.FormatDate(r.RepliedOn)})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func writeMarkdown(ctx context.Context, w io.Writer, s model.FeedbackStore, now time.Time) error {
	overall, bySegment, err := s.NPSCounts(ctx)
	if err != nil {
		return err
	}
	sum := model.SummarizeNPS(overall, bySegment, now, 12)
	var rows []model.FeedbackRow
	kinds := map[model.FeedbackKind]int{}
	statuses := map[model.FeedbackStatus]int{}
	if err := s.EachFeedback(ctx, func(r model.FeedbackRow) error {
		rows = append(rows, r)
		kinds[r.Kind]++
		statuses[r.Status]++
		return nil
	}); err != nil {
		return err
	}
	nps := func(t model.NPS) string {
		if v, ok := t.Score(); ok {
			return fmt.Sprintf("%+d (n=%d: promoters %d, passives %d, detractors %d)", v, t.Answers(),
				t.Promoters, t.Passives, t.Detractors)
		}
		return "no answers"
	}
	fmt.Fprintf(w, "# Feedback log\n\nExported %s: %d entries.\n\n", model.FormatDate(now), len(rows))
	fmt.Fprintf(w, "- NPS, last %d days: %s\n- NPS, all time: %s\n", model.RecentDays, nps(sum.Recent), nps(sum.AllTime))
	var parts []string
	for _, k := range model.FeedbackKinds {
		parts = append(parts, fmt.Sprintf("%s %d", k, kinds[k]))
	}
	fmt.Fprintf(w, "- By kind: %s\n", strings.Join(parts, ", "))
	parts = parts[:0]
	for _, st := range model.FeedbackStatuses {
		parts = append(parts, fmt.Sprintf("%s %d", st, statuses[st]))
	}
	fmt.Fprintf(w, "- By status: %s\n\n", strings.Join(parts, ", "))
	fmt.Fprintln(w, "| date | kind | customer | channel | question | answer | score | offering | theme | status |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | ---: | --- | --- | --- |")
	for _, r := range rows {
		customer, score := r.Customer, ""
		if r.CustomerID == 0 {
			customer = "anonymous"
		}
		if r.HasScore {
			score = strconv.Itoa(r.Score)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", model.FormatDate(r.On), r.Kind,
			exportfile.MarkdownCell(customer), r.Channel, exportfile.MarkdownCell(r.Question), exportfile.MarkdownCell(r.Answer), score, exportfile.MarkdownCell(r.Offering),
			exportfile.MarkdownCell(r.Theme), r.Status)
	}
	return nil
}
