package feedbackexport

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

var now = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := model.ParseDateTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture is a store with hostile text in a customer's name and answers.
func fixture(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	c := model.Customer{Name: "=HYPERLINK(\"http://x\")", Stage: model.StageCustomer, Ref: "17850"}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	for _, f := range []model.Feedback{
		{On: day("2026-11-20"), CustomerID: c.ID, Kind: model.FeedbackNPS, Score: 3, HasScore: true,
			Question: model.NPSQuestion, Answer: "-10% would help", Channel: model.ChannelEmail},
		{On: day("2026-11-21"), Kind: model.FeedbackWish, Question: model.WishQuestion,
			Answer: "Gift | wrap,\n\"please\"", Theme: "@wrap"},
		{On: day("2026-10-01"), Kind: model.FeedbackPraise, Answer: "+1 lovely", Status: model.FeedbackReplied,
			RepliedOn: day("2026-10-02")},
	} {
		if err := db.CreateFeedback(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestCSVRoundTripsAndIsNeutralised(t *testing.T) {
	t.Parallel()
	db := fixture(t)
	var b bytes.Buffer
	if err := Write(context.Background(), &b, db, CSV, now); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[0], Header) || len(recs) != 4 {
		t.Fatalf("header %q, %d records", recs[0], len(recs))
	}
	want := [][]string{
		{"2026-11-21", "wish", "", "", "", model.WishQuestion, "Gift | wrap,\n\"please\"", "", "", "'@wrap", "new", ""},
		{"2026-11-20", "nps", "17850", `'=HYPERLINK("http://x")`, "email", model.NPSQuestion, "'-10% would help", "3", "", "",
			"new", ""},
		{"2026-10-01", "praise", "", "", "", "", "'+1 lovely", "", "", "", "replied", "2026-10-02"},
	}
	if !reflect.DeepEqual(recs[1:], want) {
		t.Errorf("records\n got %q\nwant %q", recs[1:], want)
	}
}

// The JSON export carries what the CSV does, a customer by their ref (as
// the profitability export names them), nulls where there is no customer,
// score or reply, and the text exactly.
func TestJSONCarriesTheRefAndTheTextExactly(t *testing.T) {
	t.Parallel()
	db := fixture(t)
	var b bytes.Buffer
	if err := Write(context.Background(), &b, db, JSON, now); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Exported string           `json:"exported"`
		Feedback []map[string]any `json:"feedback"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if doc.Exported != "2026-11-23" || len(doc.Feedback) != 3 {
		t.Fatalf("exported %q, %d entries:\n%s", doc.Exported, len(doc.Feedback), b.String())
	}
	wish, nps, praise := doc.Feedback[0], doc.Feedback[1], doc.Feedback[2]
	if wish["ref"] != nil || wish["customer"] != nil || wish["score"] != nil || wish["answer"] != "Gift | wrap,\n\"please\"" ||
		wish["theme"] != "@wrap" {
		t.Errorf("the anonymous wish: %v", wish)
	}
	if nps["ref"] != "17850" || nps["customer"] != `=HYPERLINK("http://x")` || nps["score"] != 3.0 || nps["replied_on"] != nil {
		t.Errorf("the NPS answer: %v", nps)
	}
	if praise["replied_on"] != "2026-10-02" || praise["status"] != "replied" {
		t.Errorf("the praise: %v", praise)
	}
}

func TestMarkdownSummaryAndTable(t *testing.T) {
	t.Parallel()
	db := fixture(t)
	var b bytes.Buffer
	if err := Write(context.Background(), &b, db, Markdown, now); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"# Feedback log", "3 entries", "- NPS, last 90 days: -100 (n=1: promoters 0, passives 0, detractors 1)",
		"- By kind: praise 1, suggestion 0, wish 1, question 0, nps 1", "- By status: new 2, replied 1, acted on 0",
		`| 2026-11-21 | wish | anonymous |  | What is one service you wish we offered? | Gift \| wrap, "please" |`,
		"| 3 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n| 20"); n != 3 {
		t.Errorf("%d table rows", n)
	}
}

// TestWriteFileReplacesTheFile checks that WriteFile writes the log
// through exportfile.Write, whose tests cover failures and privacy.
func TestWriteFileReplacesTheFile(t *testing.T) {
	t.Parallel()
	db := fixture(t)
	path := filepath.Join(t.TempDir(), "feedback.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(context.Background(), path, db, CSV, now); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	b, _ := os.ReadFile(path)
	if err != nil || fi.Mode().Perm() != 0o600 || !strings.HasPrefix(string(b), "date,kind,") {
		t.Errorf("wrote %q, %v, %v", b, fi.Mode(), err)
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Format{"csv": CSV, "CSV": CSV, "md": Markdown, "markdown": Markdown, "json": JSON} {
		if got, err := ParseFormat(in); got != want || err != nil {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), "use csv, md or json") {
		t.Errorf("xml: %v", err)
	}
	if FormatFor("x.md") != Markdown || FormatFor("x.csv") != CSV || FormatFor("x") != CSV || FormatFor("x.json") != JSON {
		t.Error("FormatFor")
	}
}
