// Package contactexport writes `clientele export contacts`: the
// customers as a mailing list (CSV), as vCards a phone or an address book
// imports (.vcf), or as a printable page of postal labels (Markdown).
package contactexport

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"clientele/model"
	"clientele/store/exportfile"
)

// The formats, besides exportfile.CSV.
const (
	VCF    exportfile.Format = "vcf"
	Labels exportfile.Format = "labels"
)

// Formats are the formats the export writes, CSV first.
var Formats = []exportfile.Format{exportfile.CSV, VCF, Labels}

// FormatFor is the format a file's name suggests: .vcf (or .vcard) vCards,
// .md labels, else CSV.
func FormatFor(path string) exportfile.Format {
	p := strings.ToLower(path)
	switch {
	case strings.HasSuffix(p, ".vcf"), strings.HasSuffix(p, ".vcard"):
		return VCF
	case strings.HasSuffix(p, ".md"), strings.HasSuffix(p, ".markdown"):
		return Labels
	}
	return exportfile.CSV
}

// Source is what the export reads.
type Source interface {
	EachContact(ctx context.Context, q model.ContactQuery, fn func(model.Customer) error) error
	Settings(ctx context.Context) (model.Settings, error)
	BookID(ctx context.Context) (string, error)
}

// Options say which customers to write and how.
type Options struct {
	Format    exportfile.Format
	Segment   string               // only the members of this segment
	Consented model.ConsentChannel // only those who consented to marketing by this channel
	Now       time.Time            // the day the page of labels says it was made
}

// Write writes the contacts o selects to w.
func Write(ctx context.Context, w io.Writer, src Source, o Options) error {
	q := model.ContactQuery{Segment: o.Segment, Consented: o.Consented}
	bw := bufio.NewWriter(w)
	var err error
	switch o.Format {
	case exportfile.CSV:
		err = writeCSV(ctx, bw, src, q)
	case VCF:
		err = writeVCards(ctx, bw, src, q)
	case Labels:
		err = writeLabels(ctx, bw, src, q, o)
	default:
		err = fmt.Errorf("unknown --format %q: use csv, vcf or labels", o.Format)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// WriteFile writes the export to path atomically, mode 0600, through
// exportfile.Write (which never writes over a book).
func WriteFile(ctx context.Context, path string, src Source, o Options) error {
	return exportfile.Write(path, func(w io.Writer) error { return Write(ctx, w, src, o) })
}

// csvHeader are the mailing list's columns.
var csvHeader = []string{"ref", "name", "email", "phone", "company", "address_line1", "address_line2", "town",
	"region", "postcode", "country", "preferred_channel", "stage", "segments", "birthday", "consent_email",
	"consent_sms", "consent_post"}

// writeCSV writes a row per customer; text cells go through
// exportfile.CSVCell (nothing a terminal or a spreadsheet would act on),
// days as YYYY-MM-DD (a birthday without its year as --MM-DD).
func writeCSV(ctx context.Context, w io.Writer, src Source, q model.ContactQuery) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	err := src.EachContact(ctx, q, func(c model.Customer) error {
		birthday := ""
		if b := birthdayOf(&c); b != nil {
			birthday = b.DateText()
		}
		a := c.Address
		row := []string{c.DisplayRef(), c.Name, c.Email, c.Phone, c.Company, a.Line1, a.Line2, a.Town, a.Region,
			a.Postcode, c.Country, string(c.Channel), string(c.Stage), strings.Join(c.Segments, "; ")}
		for i := range row {
			row[i] = exportfile.CSVCell(row[i])
		}
		row = append(row, birthday, model.FormatDate(c.Consent.Email), model.FormatDate(c.Consent.SMS),
			model.FormatDate(c.Consent.Post))
		return cw.Write(row)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// birthdayOf is the customer's birthday among their occasions, nil for
// none.
func birthdayOf(c *model.Customer) *model.Occasion {
	for i := range c.Occasions {
		if c.Occasions[i].Kind == model.OccasionBirthday {
			return &c.Occasions[i]
		}
	}
	return nil
}
