package profitexport

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store/exportfile"
)

var today = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

func at(s string) time.Time {
	t, err := model.ParseDateTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

// summary is March 2026 of a small book whose names, refs and segments
// a spreadsheet would run as formulas, and whose amounts are negative.
func summary() model.ProfitSummary {
	march := model.Period{Kind: model.PeriodCustom, From: at("2026-03-01"), To: at("2026-03-31")}
	book := model.ProfitBook{Period: march, Customers: []model.ProfitFacts{
		{ID: 1, Ref: "17850", Name: "=HYPERLINK(\"http://x\",\"click\")", Stage: model.StageCustomer,
			Segments: []string{"@home", "wholesale"}, Tier: 2, SaleOrders: 34, RefundOrders: 1, Costs: 2,
			Sales: 541121, Refunds: -2000, DirectCost: 100000, CostToServe: 12345,
			FirstSale: at("2026-03-01 08:26"), LastSale: at("2026-03-02 15:27"),
			LifetimeRevenue: 539121, LifetimeDirectCost: 100000, LifetimeCostToServe: 12345, Acquisition: 2500},
		{ID: 2, Ref: "-12", Name: "-Bob, \"the\" builder\nof sheds", Stage: model.StageFormer, Archived: true,
			SaleOrders: 1, Sales: 1000, CostToServe: 2550, FirstSale: at("2026-03-30 10:00"), LastSale: at("2026-03-30 10:00"), LifetimeRevenue: 1000,
			LifetimeCostToServe: 2550},
		{ID: 3, Ref: "3", Name: "+Cat | pipes", Stage: model.StageProspect, Costs: 1, CostToServe: 700},
		{ID: 4, Ref: "4", Name: "Dee", Stage: model.StageCustomer, LifetimeRevenue: 100}, // nothing in March
		{ID: 5, Ref: "5", Name: "\tTab\rCR", Stage: model.StageAdvocate, SaleOrders: 2, Sales: 4000, DirectCost: 1000,
			FirstSale: at("2026-03-15 10:00"), LastSale: at("2026-03-15 10:00"), LifetimeRevenue: 4000, LifetimeDirectCost: 1000},
	},
		Unattributed: model.ProfitFacts{SaleOrders: 3, Costs: 1, Sales: 30000, DirectCost: 5000, CostToServe: 100,
			FirstSale: at("2026-03-03 12:00"), LastSale: at("2026-03-31 12:00"), LifetimeRevenue: 30000, LifetimeDirectCost: 5000, LifetimeCostToServe: 100},
	}
	return model.AnalyseProfit(book, model.ProfitOptions{Today: today, Settings: model.DefaultSettings()})
}

func write(t *testing.T, s *model.ProfitSummary, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, *s, format); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCSVRoundTripsNeutralisedWithNumbersAsNumbers(t *testing.T) {
	t.Parallel()
	s := summary()
	recs, err := csv.NewReader(bytes.NewReader(write(t, &s, "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(strings.Join(recs[0], ","),
		"ref,customer,stage,segments,orders,revenue,direct_cost,cost_to_serve,profit,margin,"+
			"first_order,last_order,recency_days,rfm,rfm_segment,acquisition_cost,lifetime_profit") {
		t.Errorf("header %q", recs[0])
	}
	if !reflect.DeepEqual(recs[0], Header) || len(recs) != 1+4+1 {
		t.Fatalf("header %q, %d records: want every customer active in March and the unattributed", recs[0], len(recs))
	}
	want := [][]string{
		{"17850", `'=HYPERLINK("http://x","click")`, "customer", "'@home, wholesale", "34", "5391.21", "1000.00",
			"123.45", "4267.76", "0.7916", "2026-03-01", "2026-03-02", "29", "144", "At risk", "25.00",
			"4242.76", "5411.21", "-20.00", "1", "2", "2", "false"},
		{"5", "'\tTab\nCR", "advocate", "", "2", "40.00", "10.00", "0.00", "30.00", "0.7500", "2026-03-15", "2026-03-15", // a lone CR hides what stands before it
			"16", "222", "Hibernating", "0.00", "30.00", "40.00", "0.00", "0", "0", "", "false"},
		{"3", "'+Cat | pipes", "prospect", "", "0", "0.00", "0.00", "7.00", "-7.00", "", "", "", "", "", "", "0.00",
			"0.00", "0.00", "0.00", "0", "1", "", "false"},
		{"'-12", "'-Bob, \"the\" builder\nof sheds", "former", "", "1", "10.00", "0.00", "25.50", "-15.50", "-1.5500",
			"2026-03-30", "2026-03-30", "1", "411", "Promising", "0.00", "-15.50", "10.00", "0.00", "0", "0", "",
			"true"},
		{"", "(unattributed)", "", "", "3", "300.00", "50.00", "1.00", "249.00", "0.8300", "2026-03-03", "2026-03-31",
			"0", "", "", "0.00", "249.00", "300.00", "0.00", "0", "1", "", "false"},
	}
	if !reflect.DeepEqual(recs[1:], want) {
		for i := range want {
			if i+1 < len(recs) && !reflect.DeepEqual(recs[i+1], want[i]) {
				t.Errorf("row %d\n got %q\nwant %q", i+1, recs[i+1], want[i])
			}
		}
	}
	// Every figure column holds a number or nothing: no apostrophe.
	for _, r := range recs[1:] {
		for i := 4; i < len(r); i++ {
			if strings.HasPrefix(r[i], "'") {
				t.Errorf("column %s: %q was neutralised", Header[i], r[i])
			}
		}
	}
}

func TestMarkdownIsAOnePageSummary(t *testing.T) {
	t.Parallel()
	s := summary()
	out := string(write(t, &s, "md"))
	for _, want := range []string{
		"# Profitability summary",
		"- Period: 1 Mar 2026 – 31 Mar 2026, figures as of 2026-03-31",
		"- Currency: GBP",
		"| Customers with an order or a cost | 4 |",
		"| Sale orders | 40 |",
		"| Revenue | £5,741.21 |",
		"| Refunds | -£20.00 |",
		"| Margin | 79% |",
		"| Unattributed revenue (in the totals) | £300.00 |",
		"| Revenue with no unit cost recorded (counted as profit) | £10.00, 1 customer |",
		"## Whale curve\n\nThe top 20% of customers earn 100% of profit; the bottom 10% lose £16.\n",
		"The curve peaks at the top 2 of 4 customers, who earn 101% of the customers' profit of £4,275.26.",
		"## Most profitable customers",
		"| 1 | 17850 | =HYPERLINK(\"http://x\",\"click\") | £5,391.21 | £4,267.76 | margin 79% on £5,391 over 34 orders |",
		"## Least profitable customers",
		`| 1 | -12 | -Bob, "the" builder of sheds | £10.00 | -£15.50 | cost to serve £26 (255% of revenue), margin -155% |`,
		`+Cat \| pipes`,
		"## By tier",
		"| Standard | 1 | £5,391.21 | £4,267.76 | 79% |",
		"| (no tier) | 3 | £50.00 | £7.50 | 15% |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.ContainsAny(out, "\t\r") {
		t.Error("control characters reached the page")
	}
}

func TestJSONCarriesExactMoney(t *testing.T) {
	t.Parallel()
	s := summary()
	dec := json.NewDecoder(bytes.NewReader(write(t, &s, "json")))
	dec.UseNumber()
	var got struct {
		Period       map[string]string
		Currency     string
		Totals       map[string]any
		Customers    []map[string]any
		Unattributed map[string]any
	}
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.Currency != "GBP" || got.Period["from"] != "2026-03-01" || got.Period["to"] != "2026-03-31" ||
		got.Period["as_of"] != "2026-03-31" || got.Period["name"] != "1 Mar 2026 – 31 Mar 2026" {
		t.Errorf("period %v, currency %q", got.Period, got.Currency)
	}
	if got.Totals["revenue"] != json.Number("5741.21") || got.Totals["refunds"] != json.Number("-20.00") ||
		got.Totals["customers"] != json.Number("4") {
		t.Errorf("totals %v", got.Totals)
	}
	if len(got.Customers) != 4 {
		t.Fatalf("%d customers", len(got.Customers))
	}
	first := got.Customers[0]
	if first["ref"] != "17850" || first["revenue"] != json.Number("5391.21") || first["orders"] != json.Number("34") ||
		first["customer"] != `=HYPERLINK("http://x","click")` || first["tier"] != json.Number("2") ||
		!reflect.DeepEqual(first["segments"], []any{"@home", "wholesale"}) {
		t.Errorf("first customer %v", first)
	}
	cat := got.Customers[2]
	if cat["margin"] != nil || cat["recency_days"] != nil || cat["rfm"] != nil || cat["first_order"] != nil ||
		cat["tier"] != nil || !reflect.DeepEqual(cat["segments"], []any{}) {
		t.Errorf("a customer with costs only: %v", cat)
	}
	if got.Unattributed["customer"] != "(unattributed)" || got.Unattributed["ref"] != "" ||
		got.Unattributed["revenue"] != json.Number("300.00") {
		t.Errorf("unattributed %v", got.Unattributed)
	}
}

func TestWriteFileLeavesNoFileWhenItFails(t *testing.T) {
	t.Parallel()
	s := summary()
	dir := t.TempDir()
	path := filepath.Join(dir, "profit.xml")
	if err := WriteFile(path, s, "xml"); err == nil || !strings.Contains(err.Error(), "profit.xml") {
		t.Errorf("an unknown format: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed export left %v", entries)
	}
	path = filepath.Join(dir, "profit.csv")
	if err := WriteFile(path, s, "csv"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, write(t, &s, "csv")) {
		t.Errorf("the file holds %q, %v", b, err)
	}
}

func TestPeriodFromFlags(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		from, to string
		want     string
	}{
		{"", "", "all time"},
		{"2026-03-01", "2026-03-31", "1 Mar 2026 – 31 Mar 2026"},
		{"2025-01-01", "2025-12-31", "2025"},
		{"2026-03-01", "", "since 1 Mar 2026"},
		{"", "2026-03-31", "until 31 Mar 2026"},
		{"today", "", "since 23 Nov 2026"},
		{"", "31/03/2026", "until 31 Mar 2026"}, // a slash date that reads one way
	} {
		p, err := Period(tt.from, tt.to, today)
		if err != nil || p.String() != tt.want {
			t.Errorf("--from %q --to %q: %q, %v; want %q", tt.from, tt.to, p, err, tt.want)
		}
	}
	for _, tt := range []struct{ from, to, want string }{
		{"2026-13-01", "", `--from: "2026-13-01" is not a day on the calendar`},
		{"", "03/04/2026", `--to: "03/04/2026" reads two ways`},
		{"2026-03-31", "2026-03-01", "--to: 2026-03-01 is before the start, 2026-03-31"},
	} {
		_, err := Period(tt.from, tt.to, today)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("--from %q --to %q: %v, want %q", tt.from, tt.to, err, tt.want)
		}
		if errors.Is(err, model.ErrInvalid) != strings.Contains(tt.want, "before") {
			t.Errorf("--from %q --to %q: %v", tt.from, tt.to, err)
		}
	}
}

// TestCSVCellsAreWhatEncodingCSVWrites compares the rows the export
// builds with encoding/csv's output for text that needs quoting and text
// that does not, and for random text.
func TestCSVCellsAreWhatEncodingCSVWrites(t *testing.T) {
	t.Parallel()
	cells := []string{"", "plain", "a,b", `say "hi"`, "line\nbreak", "cr\rhere", "\r\n", " lead", "trail ", `\.`,
		"ünïcödé", "\u00a0nbsp", "\u2028sep", ",", `"`, "=1+1", "-12", "\tTab", "@x, y"}
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []rune{'a', ' ', ',', '"', '\n', '\r', '\t', '=', '-', '\\', '.', 'é', '\u00a0'}
	for range 2000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		cells = append(cells, b.String())
	}
	var row csvRow
	var want bytes.Buffer
	cw := csv.NewWriter(&want)
	for _, s := range cells {
		row.text(s)
		row.int(-7)
		row.end()
		if err := cw.Write([]string{exportfile.CSVCell(s), "-7"}); err != nil {
			t.Fatal(err)
		}
	}
	cw.Flush()
	if got := string(row.b); got != want.String() {
		gotLines, wantLines := strings.SplitAfter(got, "\n"), strings.SplitAfter(want.String(), "\n")
		for i := range min(len(gotLines), len(wantLines)) {
			if gotLines[i] != wantLines[i] {
				t.Fatalf("line %d: %q, encoding/csv writes %q", i+1, gotLines[i], wantLines[i])
			}
		}
		t.Fatalf("%d lines, encoding/csv writes %d", len(gotLines), len(wantLines))
	}
}

// wholeJSON is the JSON export as one document encoded at once, as it was
// written before it was streamed a customer at a time: the streamed bytes
// must be the same.
func wholeJSON(t *testing.T, s *model.ProfitSummary) []byte {
	t.Helper()
	type doc struct {
		Period       jsonPeriod     `json:"period"`
		Currency     string         `json:"currency"`
		Totals       jsonTotals     `json:"totals"`
		Customers    []jsonCustomer `json:"customers"`
		Unattributed jsonCustomer   `json:"unattributed"`
	}
	tt := s.Totals
	out := doc{
		Period: jsonPeriod{Name: s.Period.String(), From: model.FormatDate(s.Period.From),
			To: model.FormatDate(s.Period.To), AsOf: model.FormatDate(s.AsOf)},
		Currency: s.Currency,
		Totals: jsonTotals{Customers: tt.Customers, Orders: tt.Orders, Sales: number(tt.Sales), Refunds: number(tt.Refunds),
			Revenue: number(tt.Revenue), DirectCost: number(tt.DirectCost), CostToServe: number(tt.CostToServe),
			Profit: number(tt.Profit), Margin: nullable(margin(tt.Margin, tt.HasMargin)), Acquisition: number(tt.Acquisition)},
		Customers: make([]jsonCustomer, len(s.Customers)),
	}
	for i := range s.Customers {
		out.Customers[i] = jsonRow(&s.Customers[i])
	}
	out.Unattributed = jsonRow(&s.Unattributed)
	out.Unattributed.Customer = Unattributed
	var b bytes.Buffer
	if err := exportfile.WriteJSON(&b, out, " "); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The streamed JSON export is byte for byte the document encoded whole,
// with customers, with none, and with text to escape.
func TestJSONStreamedIsTheWholeDocument(t *testing.T) {
	t.Parallel()
	s := summary()
	s.Customers[1].Name += "\u202e\x1b[31m<&>\u0085"
	none := summary()
	none.Customers = nil
	for name, s := range map[string]*model.ProfitSummary{"customers": &s, "none": &none} {
		if got, want := write(t, s, "json"), wholeJSON(t, s); !bytes.Equal(got, want) {
			t.Errorf("%s: streamed\n%s\nwhole\n%s", name, got, want)
		}
	}
}
