// Package feedbackexport writes the whole feedback log for a spreadsheet
// (CSV) or a review (Markdown): `clientele export feedback`.
package feedbackexport

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"clientele/model"
)

// Format is an export format.
type Format string

// The formats.
const (
	CSV      Format = "csv"
	Markdown Format = "md"
)

// ParseFormat reads a --format value: csv, or md (markdown).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "csv":
		return CSV, nil
	case "md", "markdown":
		return Markdown, nil
	}
	return "", fmt.Errorf("unknown --format %q: use csv or md", s)
}

// FormatFor guesses the format from a file name: .md and .markdown are
// Markdown, anything else CSV.
func FormatFor(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return Markdown
	}
	return CSV
}

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

// WriteFile writes the log to path atomically: into a temporary file in
// the same folder, synced, then renamed over path, so a crash leaves the
// old file or the new one, never half of one. The file is private (0600):
// feedback is personal data.
func WriteFile(ctx context.Context, path string, s model.FeedbackStore, f Format, now time.Time) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return model.WriteError(path, err) // not the temporary file's name: the user never typed it
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := Write(ctx, tmp, s, f, now); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// Neutralise makes a text cell safe to open in a spreadsheet: one that
// begins with =, +, -, @, a tab or a carriage return would be read as a
// formula, so it gets a leading apostrophe. Numbers are written by the
// caller without it, so they stay numbers.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
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
		return cw.Write([]string{model.FormatDate(r.On), string(r.Kind), customerID, Neutralise(r.Customer),
			string(r.Channel), Neutralise(r.Question), Neutralise(r.Answer), score, Neutralise(r.Offering),
			Neutralise(r.Theme), string(r.Status), model.FormatDate(r.RepliedOn)})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// mdCell makes text one Markdown table cell: control characters visible,
// line breaks spaces, pipes escaped.
func mdCell(s string) string {
	return strings.ReplaceAll(model.Printable(s), "|", `\|`)
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
			mdCell(customer), r.Channel, mdCell(r.Question), mdCell(r.Answer), score, mdCell(r.Offering),
			mdCell(r.Theme), r.Status)
	}
	return nil
}
