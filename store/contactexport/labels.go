package contactexport

import (
	"context"
	"fmt"
	"io"
	"strings"

	"clientele/model"
)

// Labels are a Markdown page: a table three labels wide (as label sheets
// are), each label the name and the postal address a line at a time,
// which a Markdown viewer prints or a word processor imports. Markdown,
// not PDF: the approved PDF library (codeberg.org/go-pdf/fpdf) writes
// only its Latin-1 core fonts unless a TrueType font is shipped with
// clientele, and customers are called 李雷 and Zoë.

// labelColumns is how many labels a row of the page holds.
const labelColumns = 3

// writeLabels writes the page: a title, what it holds, then the labels of
// the customers with a postal address (a street and a town or postcode).
func writeLabels(ctx context.Context, w io.Writer, src Source, q model.ContactQuery, o Options) error {
	s, err := src.Settings(ctx)
	if err != nil {
		return err
	}
	var labels [][]string
	skipped := 0
	err = src.EachContact(ctx, q, func(c model.Customer) error {
		if !c.Address.Postable() {
			skipped++
			return nil
		}
		label := []string{"**" + mdText(c.Name) + "**"}
		if c.Company != "" {
			label = append(label, mdText(c.Company))
		}
		for _, l := range c.Address.Lines(c.Country) {
			label = append(label, mdText(l))
		}
		labels = append(labels, label)
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "# Address labels: %s\n\n", mdText(s.BusinessName))
	what := model.Plural(len(labels), "address", "addresses")
	if q.Segment != "" {
		what += ", segment " + mdText(q.Segment)
	}
	if q.Consented != "" {
		what += ", consented to " + string(q.Consented)
	}
	fmt.Fprintf(w, "%s, made %s.", what, model.FormatDate(o.Now))
	if skipped > 0 {
		fmt.Fprintf(w, " %s without a postal address left out.", model.Plural(skipped, "customer", "customers"))
	}
	fmt.Fprint(w, "\n\n")
	if len(labels) == 0 {
		return nil
	}
	fmt.Fprint(w, "|"+strings.Repeat("   |", labelColumns)+"\n|"+strings.Repeat("---|", labelColumns)+"\n")
	for i := 0; i < len(labels); i += labelColumns {
		fmt.Fprint(w, "|")
		for j := i; j < i+labelColumns; j++ {
			cell := ""
			if j < len(labels) {
				cell = strings.Join(labels[j], "<br>")
			}
			fmt.Fprintf(w, " %s |", cell)
		}
		fmt.Fprint(w, "\n")
	}
	return nil
}

// mdText makes text safe in a Markdown table cell that a viewer renders:
// control characters visible (no line breaks), and the characters that
// would make a table, emphasis, a link or HTML escaped.
func mdText(s string) string {
	s = model.Printable(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '|', '*', '_', '[', ']', '`', '#', '!', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
