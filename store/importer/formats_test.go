package importer

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"clientele/model"
	"clientele/store"
)

// The fixtures in testdata/formats are written from each platform's
// documented export columns, with made-up people. Each test imports one
// and checks every figure the import stored (sales, refunds, fees,
// orders, customers, what was left out) against sums taken from the file
// independently, with encoding/csv and the file's column names.

// fixture returns a fixture's header line and data lines, for fuzz seeds.
func fixture(name string) (string, []string) {
	b, err := os.ReadFile(filepath.Join("testdata", "formats", name))
	if err != nil {
		panic(err)
	}
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), "\n")
	return lines[0], lines[1:]
}

var (
	etsyItemsHead, etsyItemsRows               = fixture("etsy-sold-order-items.csv")
	shopifyOrdersHead, shopifyOrdersRows       = fixture("shopify-orders.csv")
	shopifyCustomersHead, shopifyCustomersRows = fixture("shopify-customers.csv")
	squareItemsHead, squareItemsRows           = fixture("square-items.csv")
	squareCustomersHead, _                     = fixture("square-customers.csv")
	wooHead, wooRows                           = fixture("woocommerce.csv")
	stripeHead, stripeRows                     = fixture("stripe-payments.csv")
	paypalHead, paypalRows                     = fixture("paypal-activity.csv")
	googleHead, googleRows                     = fixture("google-contacts.csv")
	outlookHead, outlookRows                   = fixture("outlook-contacts.csv")
	vcard3                                     = "BEGIN:VCARD\nVERSION:3.0\nFN:Lena Moss\nEMAIL:lena@example.com\nCATEGORIES:A,B\nEND:VCARD\n"
	vcard4                                     = "BEGIN:VCARD\nVERSION:4.0\nN:Omar;Noor;;;\nTEL;VALUE=uri:tel:+44-7700-900002\nEND:VCARD\n"
)

// figures are what an import stored, or what a file says, in minor units.
type figures struct {
	Sales, Refunds, Fees int64
	Orders, Customers    int64
}

// stored reads the figures from the database.
func stored(t *testing.T, db *store.DB) figures {
	return figures{
		Sales:     count(t, db, "SELECT coalesce(sum(lines_amount), 0) FROM orders WHERE kind = 'sale'"),
		Refunds:   -count(t, db, "SELECT coalesce(sum(lines_amount), 0) FROM orders WHERE kind = 'refund'"),
		Fees:      count(t, db, "SELECT coalesce(sum(amount), 0) FROM costs WHERE category = 'payment fees'"),
		Orders:    count(t, db, "SELECT count(*) FROM orders"),
		Customers: count(t, db, "SELECT count(*) FROM customers"),
	}
}

// table reads a fixture as rows of column → value, independently of the
// importer.
func table(t *testing.T, name string, sep rune) []map[string]string {
	f, err := os.Open(filepath.Join("testdata", "formats", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = sep
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// cents reads "$1,030.00", "-1.66" as minor units.
func cents(t *testing.T, s string) int64 {
	s = strings.NewReplacer("$", "", ",", "", "£", "", "€", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return int64(math.Round(f * 100))
}

func importFixture(t *testing.T, db *store.DB, name string, opt Options) model.ImportSummary {
	t.Helper()
	sum, err := ImportFile(context.Background(), db, filepath.Join("testdata", "formats", name), opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return sum
}

// checkFormat imports a fixture, compares what was stored with want, and
// imports it again: nothing changes.
func checkFormat(t *testing.T, name, format string, want figures) (*store.DB, model.ImportSummary) {
	t.Helper()
	db, _ := openDB(t)
	sum := importFixture(t, db, name, Options{})
	if sum.Format != format {
		t.Errorf("%s read as %s, want %s", name, sum.Format, format)
	}
	if got := stored(t, db); got != want {
		t.Errorf("%s stored %+v, the file says %+v", name, got, want)
	}
	again := importFixture(t, db, name, Options{})
	if again.Orders+again.Customers+again.Changed+again.Costs != 0 || stored(t, db) != want {
		t.Errorf("%s imported again changed something: %s", name, again)
	}
	return db, sum
}

func TestEtsySoldOrders(t *testing.T) {
	t.Parallel()
	var want figures
	people := map[string]bool{}
	for _, r := range table(t, "etsy-sold-orders.csv", ',') {
		if strings.HasPrefix(strings.ToLower(r["Status"]), "cancel") {
			continue
		}
		rev := cents(t, r["Order Value"]) - cents(t, r["Discount Amount"])
		want.Sales += rev
		want.Orders++
		want.Fees += cents(t, r["Card Processing Fees"])
		if back := min(cents(t, r["Order Total"])-cents(t, r["Adjusted Order Total"]), rev); back > 0 {
			want.Refunds += back
			want.Orders++
		}
		people[r["Buyer User ID"]+"/"+r["Full Name"]] = true
	}
	want.Customers = int64(len(people))
	_, sum := checkFormat(t, "etsy-sold-orders.csv", Etsy, want)
	if sum.Ignored["cancelled"] != 1 || sum.Currency != "GBP" {
		t.Errorf("summary %+v", sum)
	}
}

func TestEtsySoldOrdersWithoutBuyersTabSeparated(t *testing.T) {
	t.Parallel()
	var want figures
	for _, r := range table(t, "etsy-sold-orders-2019.tsv", '\t') {
		want.Sales += cents(t, r["Order Value"]) - cents(t, r["Discount Amount"])
		want.Fees += cents(t, r["Card Processing Fees"])
		want.Orders++
	}
	_, sum := checkFormat(t, "etsy-sold-orders-2019.tsv", Etsy, want)
	if sum.Separator != "tab" || sum.Unattributed != 2 || sum.DateOrder != "M/D/Y" {
		t.Errorf("summary %+v", sum)
	}
}

func TestEtsySoldOrderItems(t *testing.T) {
	t.Parallel()
	var want figures
	orders, people := map[string]bool{}, map[string]bool{}
	for _, r := range table(t, "etsy-sold-order-items.csv", ',') {
		q, _ := strconv.ParseInt(r["Quantity"], 10, 64)
		want.Sales += q*cents(t, r["Price"]) - cents(t, r["Discount Amount"])
		orders[r["Order ID"]] = true
		people[r["Buyer"]+"/"+r["Delivery Name"]] = true
	}
	want.Orders, want.Customers = int64(len(orders)), int64(len(people))
	db, sum := checkFormat(t, "etsy-sold-order-items.csv", EtsyItems, want)
	// The guest who bought with a name is a customer, not unattributed.
	if sum.Unattributed != 0 || count(t, db, "SELECT count(*) FROM customers WHERE name = 'Jon Kerr'") != 1 {
		t.Errorf("the guest buyer: %+v", sum)
	}
	if count(t, db, "SELECT count(*) FROM orders WHERE ordered_at = '2022-12-17 00:00:00'") != 1 {
		t.Error("12/17/22 is not the 17th of December 2022")
	}
}

func TestShopifyOrders(t *testing.T) {
	t.Parallel()
	var want figures
	people := map[string]bool{}
	for _, r := range table(t, "shopify-orders.csv", ',') {
		if r["Subtotal"] == "" || r["Cancelled at"] != "" {
			continue
		}
		want.Sales += cents(t, r["Subtotal"])
		want.Orders++
		if back := cents(t, r["Refunded Amount"]); back > 0 {
			want.Refunds += back
			want.Orders++
		}
		who := r["Email"]
		if who == "" {
			who = r["Billing Name"]
		}
		people[who] = true
	}
	want.Customers = int64(len(people))
	db, sum := checkFormat(t, "shopify-orders.csv", ShopifyOrders, want)
	if sum.Ignored["cancelled"] != 1 || sum.Currency != "EUR" {
		t.Errorf("summary %+v", sum)
	}
	// The time as written, its zone set aside; the phone without its apostrophe.
	if count(t, db, "SELECT count(*) FROM orders WHERE external_id = '#1001' AND ordered_at = '2026-04-05 21:06:21'") != 1 ||
		count(t, db, "SELECT count(*) FROM customers WHERE phone = '+33 4 72 00 00 00' AND name = 'Mo Nash'") != 1 {
		t.Error("#1001 or its customer not as written")
	}
	// An empty book took the file's currency.
	if s, err := db.Settings(context.Background()); err != nil || s.Currency != "EUR" {
		t.Errorf("currency %q %v", s.Currency, err)
	}
}

func TestSquareItems(t *testing.T) {
	t.Parallel()
	var want figures
	orders, people := map[string]bool{}, map[string]bool{}
	for _, r := range table(t, "square-items.csv", ',') {
		if r["Event Type"] == "Refund" {
			want.Refunds -= cents(t, r["Net Sales"])
		} else {
			want.Sales += cents(t, r["Net Sales"])
		}
		orders[r["Transaction ID"]] = true
		if r["Customer ID"] != "" {
			people[r["Customer ID"]] = true
		}
	}
	want.Orders, want.Customers = int64(len(orders)), int64(len(people))
	checkFormat(t, "square-items.csv", SquareItems, want)
}

func TestWooCommerce(t *testing.T) {
	t.Parallel()
	var want figures
	seen, people := map[string]bool{}, map[string]bool{}
	for _, r := range table(t, "woocommerce.csv", ',') {
		if r["Order Status"] == "wc-cancelled" {
			continue
		}
		q, _ := strconv.ParseInt(r["Quantity (- Refund)"], 10, 64)
		want.Sales += q * cents(t, r["Item Cost"])
		people[r["Email (Billing)"]] = true
		if !seen[r["Order Number"]] {
			seen[r["Order Number"]] = true
			want.Sales -= cents(t, r["Cart Discount Amount"])
			want.Orders++
			if back := cents(t, r["Order Refund Amount"]); back > 0 {
				want.Refunds += back
				want.Orders++
			}
		}
	}
	want.Customers = int64(len(people))
	_, sum := checkFormat(t, "woocommerce.csv", WooCommerce, want)
	if sum.Ignored["cancelled"] != 1 {
		t.Errorf("summary %+v", sum)
	}
}

func TestStripePayments(t *testing.T) {
	t.Parallel()
	var want figures
	people := map[string]bool{}
	for _, r := range table(t, "stripe-payments.csv", ',') {
		if r["Status"] == "Failed" {
			continue
		}
		want.Sales += cents(t, r["Amount"])
		want.Fees += cents(t, r["Fee"])
		want.Orders++
		if back := cents(t, r["Amount Refunded"]); back > 0 {
			want.Refunds += back
			want.Orders++
		}
		people[r["Customer Email"]] = true
	}
	want.Customers = int64(len(people))
	db, sum := checkFormat(t, "stripe-payments.csv", Stripe, want)
	if sum.Ignored["failed payments"] != 1 || sum.Currency != "USD" {
		t.Errorf("summary %+v", sum)
	}
	// Each payment is an order of its customer's email.
	if count(t, db, `SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id
		WHERE c.email = 'ana.ruiz@example.com' AND o.kind = 'sale'`) != 2 {
		t.Error("Ana's payments are not her orders")
	}
}

func TestPayPalActivity(t *testing.T) {
	t.Parallel()
	var want figures
	people := map[string]bool{}
	ignored := map[string]int{}
	for _, r := range table(t, "paypal-activity.csv", ',') {
		typ := strings.ToLower(r["Type"])
		switch {
		case r["Balance Impact"] == "Credit" && strings.Contains(typ, "payment") && !strings.Contains(typ, "refund"):
			want.Sales += cents(t, r["Gross"])
			want.Fees -= cents(t, r["Fee"])
			want.Orders++
			people[r["From Email Address"]] = true
		case r["Balance Impact"] == "Debit" && strings.Contains(typ, "refund"):
			want.Refunds -= cents(t, r["Gross"])
			want.Orders++
			people[r["To Email Address"]] = true
		default:
			ignored[typ]++
		}
	}
	want.Customers = int64(len(people))
	_, sum := checkFormat(t, "paypal-activity.csv", PayPal, want)
	if sum.DateOrder != "D/M/Y" || len(sum.Ignored) != len(ignored) {
		t.Errorf("summary %+v, ignored %v", sum, ignored)
	}
	for typ, n := range ignored {
		if sum.Ignored[typ] != n {
			t.Errorf("%s: %d ignored, want %d", typ, sum.Ignored[typ], n)
		}
	}
}

// checkContacts imports a contacts fixture and checks each person's
// fields against the file.
func checkContacts(t *testing.T, name, format string, wantCustomers int64, checks map[string]string) (*store.DB, model.ImportSummary) {
	t.Helper()
	db, sum := checkFormat(t, name, format, figures{Customers: wantCustomers})
	for q, what := range checks {
		if count(t, db, "SELECT count(*) FROM customers c WHERE "+q) != 1 {
			t.Errorf("%s: %s", name, what)
		}
	}
	return db, sum
}

func TestShopifyCustomers(t *testing.T) {
	t.Parallel()
	db, sum := checkContacts(t, "shopify-customers.csv", ShopifyCustomers, int64(len(table(t, "shopify-customers.csv", ','))),
		map[string]string{
			"name = 'Mo Nash' AND phone = '+33472000000' AND notes = 'Likes rose scents' AND ref = '6200001'": "Mo, her phone without its apostrophe, her note",
			"name = 'Pia Quinn' AND phone = '' AND notes LIKE '%0481%'":                                       "Pia's odd phone kept in her notes",
			"name = 'Tom Uhl' AND email = '' AND country = 'DE'":                                              "Tom, with no email",
		})
	if len(sum.Kept) != 1 || !strings.Contains(sum.Kept[0], "0481") {
		t.Errorf("kept %v", sum.Kept)
	}
	if count(t, db, `SELECT count(*) FROM customer_segments cs JOIN segments s ON s.id = cs.segment_id
		WHERE s.name IN ('VIP', 'Wholesale', 'Prospects')`) != 3 {
		t.Error("tags are not segments")
	}
}

func TestSquareCustomers(t *testing.T) {
	t.Parallel()
	_, sum := checkContacts(t, "square-customers.csv", SquareCustomers, 2, map[string]string{
		"name = 'Val Weir' AND notes = 'Buys lavender every month' AND ref = 'CUST-1'": "Val and her memo",
		"name = 'Xan Young' AND email = '' AND notes LIKE '%xan@example%'":             "Xan's odd email kept in notes",
	})
	if len(sum.Kept) != 1 {
		t.Errorf("kept %v", sum.Kept)
	}
}

func TestGoogleContacts(t *testing.T) {
	t.Parallel()
	db, _ := checkContacts(t, "google-contacts.csv", GoogleContacts, 2, map[string]string{
		"name = 'Hana Ito' AND company = 'Ito Design' AND notes = 'Referred by Ana\nWants a logo'": "Hana with her notes",
		"name = 'Ivo Jurić' AND country = 'Croatia'":                                               "Ivo, his name in UTF-8",
	})
	if count(t, db, "SELECT count(*) FROM segments WHERE name = 'Clients'") != 1 ||
		count(t, db, "SELECT count(*) FROM segments WHERE name LIKE '%myContacts%'") != 0 {
		t.Error("labels")
	}
}

func TestOutlookContacts(t *testing.T) {
	t.Parallel()
	checkContacts(t, "outlook-contacts.csv", OutlookContacts, 2, map[string]string{
		"name = 'Jan Kowal' AND phone = '+48 22 000 00 00' AND company = 'Kowal Sp' AND notes = 'Bookkeeping client'": "Jan",
		"name = 'Kim Lund' AND phone = '+46 70 000 00 00' AND country = 'Sweden'":                                     "Kim, mobile first",
	})
}

func TestVCard(t *testing.T) {
	t.Parallel()
	db, sum := checkContacts(t, "contacts.vcf", VCard, 3, map[string]string{
		"name = 'Lena Moss' AND company = 'Moss & Daughters' AND notes = 'Prefers unscented, always pays early' AND country = 'United States'": "the 3.0 card",
		"name = 'Noor Omar' AND email = 'noor@example.com' AND phone = '+44-7700-900002' AND notes = 'Line one\nLine two'":                     "the 4.0 card, folded and escaped",
		"name = 'Pia Öztel' AND phone = '' AND notes LIKE '%0481%'":                                                                            "the 2.1 card, quoted-printable, its odd phone in notes",
	})
	if len(sum.Kept) != 1 || count(t, db, "SELECT count(*) FROM customer_segments") != 2 {
		t.Errorf("summary %+v", sum)
	}
}
