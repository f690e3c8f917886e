// Package feedbackexport writes the whole feedback log for a spreadsheet
// (CSV), a review (Markdown) or a script (JSON): `clientele export
// feedback`. Customers are named by their ref, as the profitability
// export names them (the id an import knows them by, else their number).
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

// Format is an export format: CSV, Markdown or JSON.
type Format = exportfile.Format

// The formats.
const (
	CSV      = exportfile.CSV
	Markdown = exportfile.Markdown
	JSON     = exportfile.JSON
)

// Formats lists the formats, the default first.
var Formats = []Format{CSV, Markdown, JSON}

// ParseFormat reads a --format value: csv, md (markdown) or json.
func ParseFormat(s string) (Format, error) { return exportfile.ParseFormat(s, Formats...) }

// FormatFor guesses the format from a file name: .md and .markdown are
// Markdown, .json JSON, anything else CSV.
func FormatFor(path string) Format { return exportfile.FormatFor(path, Formats...) }

// Header is the CSV header.
var Header = []string{"date", "kind", "ref", "customer", "channel", "question", "answer", "score",
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
	case JSON:
		err = writeJSON(ctx, bw, s, now)
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
		score := ""
		if r.HasScore {
			score = strconv.Itoa(r.Score)
		}
		return cw.Write([]string{model.FormatDate(r.On), string(r.Kind), exportfile.CSVCell(r.CustomerRef),
			exportfile.CSVCell(r.Customer),
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

// jsonEntry is one entry of the JSON export: the CSV's columns, a score
// or a customer that is not there null, the days ISO.
type jsonEntry struct {
	Date      string  `json:"date"`
	Kind      string  `json:"kind"`
	Ref       *string `json:"ref"`
	Customer  *string `json:"customer"`
	Channel   string  `json:"channel"`
	Question  string  `json:"question"`
	Answer    string  `json:"answer"`
	Score     *int    `json:"score"`
	Offering  string  `json:"offering"`
	Theme     string  `json:"theme"`
	Status    string  `json:"status"`
	RepliedOn *string `json:"replied_on"`
}

// writeJSON writes an object with the day of the export and the entries,
// newest first, an entry at a time (exportfile.JSONObject).
func writeJSON(ctx context.Context, w io.Writer, s model.FeedbackStore, now time.Time) error {
	o := exportfile.NewJSONObject(w, " ")
	o.Member("exported", model.FormatDate(now))
	o.Array("feedback")
	var e jsonEntry
	err := s.EachFeedback(ctx, func(r model.FeedbackRow) error {
		e = jsonEntry{Date: model.FormatDate(r.On), Kind: string(r.Kind), Channel: string(r.Channel),
			Question: r.Question, Answer: r.Answer, Offering: r.Offering, Theme: r.Theme, Status: string(r.Status)}
		if r.CustomerID != 0 {
			e.Ref, e.Customer = &r.CustomerRef, &r.Customer
		}
		if r.HasScore {
			e.Score = &r.Score
		}
		if !r.RepliedOn.IsZero() {
			d := model.FormatDate(r.RepliedOn)
			e.RepliedOn = &d
		}
		o.Element(&e)
		return nil
	})
	if err != nil {
		return err
	}
	o.EndArray()
	return o.Close()
}
