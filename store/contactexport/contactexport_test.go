package contactexport_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"clientele/model"
	"clientele/store"
	"clientele/store/contactexport"
	"clientele/store/exportfile"
	"clientele/store/importer"
)

var now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse(model.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func open(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	t.Cleanup(func() { db.Close() })
	return db
}

// book is a few customers with every field a contact export writes, some
// of it hostile.
func book(t *testing.T) *store.DB {
	t.Helper()
	db := open(t)
	ctx := context.Background()
	long := "Ada Augusta King, Countess of Lovelace; née Byron \\ the first programmer, 李雷 ✓"
	cs := []model.Customer{
		{Name: long, Email: "ada@example.com", Phone: "+44 7700 900123", Channel: model.ChannelText,
			Company: "Analytical, Engines; Ltd", Country: "United Kingdom", Segments: []string{"Wholesale", "Gift; buyers"},
			Address: model.Address{Line1: "12 Mill Lane", Line2: "Flat 3", Town: "Hebden Bridge",
				Region: "West Yorkshire", Postcode: "HX7 8AB"},
			Consent:   model.Consent{Email: day("2026-03-02"), Post: day("2026-04-01")},
			Occasions: []model.Occasion{{Kind: model.OccasionBirthday, Month: time.December, Day: 10, Year: 1815}}},
		{Name: "=HYPERLINK(\"x\")\x1b]0;pwned\x07", Email: "evil@example.com", Segments: []string{"Wholesale"},
			Address:   model.Address{Line1: "1 <b>Bold</b> | *Street*", Town: "Leeds"},
			Occasions: []model.Occasion{{Kind: model.OccasionBirthday, Month: time.February, Day: 29}}},
		{Name: "Ben Okafor", Phone: "555-0142", Channel: model.ChannelPhone, Consent: model.Consent{SMS: day("2026-01-01")}},
		{Name: "Gone Away", Email: "gone@example.com"},
	}
	for i := range cs {
		if err := db.CreateCustomer(ctx, &cs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.ArchiveCustomer(ctx, cs[3].ID); err != nil {
		t.Fatal(err)
	}
	return db
}

func export(t *testing.T, db *store.DB, o contactexport.Options) string {
	t.Helper()
	o.Now = now
	var b bytes.Buffer
	if err := contactexport.Write(context.Background(), &b, db, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The mailing list: a row per customer not archived, text cells safe in a
// spreadsheet and a terminal, filtered by segment and consent.
func TestCSV(t *testing.T) {
	t.Parallel()
	db := book(t)
	out := export(t, db, contactexport.Options{Format: exportfile.CSV})
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || recs[0][0] != "ref" || recs[0][len(recs[0])-1] != "consent_post" {
		t.Fatalf("%d rows: %q", len(recs), recs)
	}
	col := func(rec []string, name string) string { return rec[slices.Index(recs[0], name)] }
	evil, ada := recs[1], recs[2]
	if !strings.HasPrefix(col(evil, "name"), "'=HYPERLINK") || strings.ContainsRune(out, 0x1b) {
		t.Errorf("a formula or an escape reached the file: %q", col(evil, "name"))
	}
	if col(evil, "birthday") != "--02-29" || col(ada, "birthday") != "1815-12-10" || col(ada, "town") != "Hebden Bridge" ||
		col(ada, "consent_email") != "2026-03-02" || col(ada, "consent_sms") != "" ||
		col(ada, "segments") != "Gift; buyers; Wholesale" {
		t.Errorf("rows %q", recs[1:])
	}
	names := func(o contactexport.Options) []string {
		recs, _ := csv.NewReader(strings.NewReader(export(t, db, o))).ReadAll()
		var out []string
		for _, r := range recs[1:] {
			out = append(out, r[1])
		}
		return out
	}
	if got := names(contactexport.Options{Format: exportfile.CSV, Segment: "wholesale"}); len(got) != 2 {
		t.Errorf("wholesale: %q", got)
	}
	if got := names(contactexport.Options{Format: exportfile.CSV, Consented: model.ConsentSMS}); !slices.Equal(got, []string{"Ben Okafor"}) {
		t.Errorf("consented to texts: %q", got)
	}
	if got := names(contactexport.Options{Format: exportfile.CSV, Segment: "Gift; buyers", Consented: model.ConsentPost}); len(got) != 1 {
		t.Errorf("gift buyers consented to post: %q", got)
	}
	err = contactexport.Write(context.Background(), &bytes.Buffer{}, db, contactexport.Options{Format: exportfile.CSV,
		Segment: "Nobody"})
	if !errors.Is(err, model.ErrNotFound) || !strings.Contains(err.Error(), "Wholesale") {
		t.Errorf("an unknown segment: %v", err)
	}
}

// checkContentLines checks the raw text of a vCard or iCalendar file:
// every line ends with CRLF, is at most 75 octets, a folded line starts
// with a space and breaks no character, and nothing but a tab is a
// control character. It returns the unfolded lines.
func checkContentLines(t *testing.T, raw string) []string {
	t.Helper()
	if !strings.HasSuffix(raw, "\r\n") {
		t.Errorf("the file does not end with CRLF")
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d breaks a character: %q", i+1, l)
		}
		for _, r := range l {
			if r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 {
				t.Errorf("line %d holds the control character %U: %q", i+1, r, l)
			}
		}
		if strings.HasPrefix(l, " ") {
			if len(lines) == 0 {
				t.Fatalf("the file starts with a folded line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

// The vCards read back, through the importer's own vCard reader, as the
// customers they came from; their raw text is folded, ended and escaped
// as vCard 3.0 asks; a second export has the same UIDs.
func TestVCardsRoundTrip(t *testing.T) {
	t.Parallel()
	db := book(t)
	out := export(t, db, contactexport.Options{Format: contactexport.VCF})
	lines := checkContentLines(t, out)
	prop := func(name string) []string {
		var vs []string
		for _, l := range lines {
			if n, v, ok := strings.Cut(l, ":"); ok && (n == name || strings.HasPrefix(n, name+";")) {
				vs = append(vs, v)
			}
		}
		return vs
	}
	if fn := prop("FN"); len(fn) != 3 || fn[1] != `Ada Augusta King\, Countess of Lovelace\; née Byron \\ the first programmer\, 李雷 ✓` {
		t.Errorf("FN %q", fn)
	}
	if org := prop("ORG"); len(org) != 1 || org[0] != `Analytical\, Engines\; Ltd` {
		t.Errorf("ORG %q", org)
	}
	if adr := prop("ADR"); len(adr) != 2 || adr[1] != ";Flat 3;12 Mill Lane;Hebden Bridge;West Yorkshire;HX7 8AB;United Kingdom" {
		t.Errorf("ADR %q", adr)
	}
	if cats := prop("CATEGORIES"); len(cats) != 2 || cats[1] != `Gift\; buyers,Wholesale` {
		t.Errorf("CATEGORIES %q", cats)
	}
	if again := export(t, db, contactexport.Options{Format: contactexport.VCF}); again != out {
		t.Error("a second export differs")
	}

	// Back in through the importer.
	path := filepath.Join(t.TempDir(), "contacts.vcf")
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	fresh := open(t)
	sum, err := importer.ImportFile(context.Background(), fresh, path, importer.Options{})
	if err != nil || sum.Customers != 3 {
		t.Fatalf("imported %s, %v", sum, err)
	}
	var want, got []string
	line := func(c model.Customer) string {
		bd := ""
		for _, o := range c.Occasions {
			bd = o.DateText()
		}
		return strings.Join([]string{model.Printable(c.Name), c.Email, c.Phone, c.Company, c.Address.OneLine(c.Country), bd,
			strings.Join(c.Segments, "|")}, " / ")
	}
	for _, s := range []*store.DB{db, fresh} {
		err := s.EachContact(context.Background(), model.ContactQuery{}, func(c model.Customer) error {
			if s == db {
				want = append(want, line(c))
			} else {
				got = append(got, line(c))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("read back:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Labels: a Markdown page of the postal addresses, three to a row, the
// customers without one counted, nothing that a Markdown viewer would
// take for markup.
func TestLabels(t *testing.T) {
	t.Parallel()
	db := book(t)
	out := export(t, db, contactexport.Options{Format: contactexport.Labels})
	for _, want := range []string{"# Address labels: My business\n",
		"2 addresses, made 2026-11-23. 1 customer without a postal address left out.",
		"**Ada Augusta King, Countess of Lovelace; née Byron \\\\ the first programmer, 李雷 ✓**<br>" +
			"Analytical, Engines; Ltd<br>12 Mill Lane<br>Flat 3<br>Hebden Bridge West Yorkshire HX7 8AB<br>United Kingdom",
		"1 &lt;b&gt;Bold&lt;/b&gt; \\| \\*Street\\*<br>Leeds"} {
		if !strings.Contains(out, want) {
			t.Errorf("labels lack %q:\n%s", want, out)
		}
	}
	if strings.ContainsRune(out, 0x1b) || strings.Count(out, "\n|") != 3 {
		t.Errorf("labels:\n%s", out)
	}
	if out := export(t, db, contactexport.Options{Format: contactexport.Labels, Consented: model.ConsentSMS}); !strings.Contains(out,
		"0 addresses, consented to sms") || strings.Contains(out, "|") {
		t.Errorf("no labels:\n%s", out)
	}
}

// The file is written whole, private, and never over a book.
func TestWriteFileGuards(t *testing.T) {
	t.Parallel()
	db := book(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "contacts.vcf")
	if err := contactexport.WriteFile(context.Background(), path, db, contactexport.Options{Format: contactexport.VCF}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%v %v", fi, err)
	}
	if err := contactexport.WriteFile(context.Background(), db.Path(), db, contactexport.Options{Format: exportfile.CSV}); err == nil {
		t.Error("the export wrote over the book")
	}
	if f := contactexport.FormatFor("x.VCF"); f != contactexport.VCF {
		t.Errorf("FormatFor %q", f)
	}
}
