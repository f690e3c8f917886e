package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

// withColumns is a fixture with the columns named set on every row (the
// order formats read the customer from an order's first row, and set on
// every row each order's first row has them).
func withColumns(t *testing.T, name string, sep rune, set map[string]string) string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "formats", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, h := range recs[0] {
		idx[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for col := range set {
		if _, ok := idx[col]; !ok {
			t.Fatalf("%s has no column %q", name, col)
		}
	}
	for _, rec := range recs[1:] {
		for col, v := range set {
			rec[idx[col]] = v
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = sep
	w.WriteAll(recs)
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// reachOf is what a customer holds for reaching them, as one line.
func reachOf(c model.Customer) string {
	var parts []string
	parts = append(parts, strings.Join(c.Address.Lines(""), " / "))
	for _, o := range c.Occasions {
		parts = append(parts, "birthday "+o.DateText())
	}
	if ch := c.Consent.Channels(); len(ch) > 0 {
		var cs []string
		for _, x := range ch {
			cs = append(cs, string(x)+" "+model.FormatDate(c.Consent.On(x)))
		}
		parts = append(parts, "consent "+strings.Join(cs, ", "))
	}
	return strings.Join(parts, " | ")
}

// Every format that carries a postal address, a birthday or consent to
// marketing gives them to the customers it makes; consent is dated the
// day of the import.
func TestImportsKeepAddressesBirthdaysAndConsent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file   string
		sep    rune
		set    map[string]string
		format string
		want   string
	}{
		{"etsy-sold-orders.csv", ',', map[string]string{"Street 1": "12 Mill Lane", "Street 2": "Flat 3",
			"Ship City": "Hebden Bridge", "Ship State": "West Yorkshire", "Ship Zipcode": "HX7 8AB"}, Etsy,
			"12 Mill Lane / Flat 3 / Hebden Bridge West Yorkshire HX7 8AB"},
		{"etsy-sold-order-items.csv", ',', map[string]string{"Delivery Address1": "4 Oak Ave", "Delivery Address2": "",
			"Delivery City": "Austin", "Delivery County": "TX", "Delivery Zipcode": "73301"}, EtsyItems,
			"4 Oak Ave / Austin TX 73301"},
		{"shopify-orders.csv", ',', map[string]string{"Billing Address1": "7 Rue Verte", "Billing Address2": "Bât. B",
			"Billing City": "Lyon", "Billing Province": "", "Billing Zip": "'69001", "Accepts Marketing": "yes"},
			ShopifyOrders, "7 Rue Verte / Bât. B / Lyon 69001 | consent email 2026-11-23"},
		{"shopify-customers.csv", ',', map[string]string{"Default Address Address1": "8 Via Roma",
			"Default Address Address2": "", "Default Address City": "Milan", "Default Address Province Code": "MI",
			"Default Address Zip": "'20100", "Accepts Email Marketing": "yes", "Accepts SMS Marketing": "yes"},
			ShopifyCustomers, "8 Via Roma / Milan MI 20100 | consent email 2026-11-23, sms 2026-11-23"},
		{"square-customers.csv", ',', map[string]string{"Street Address 1": "1 Pine St", "Street Address 2": "Suite 2",
			"City": "Portland", "State": "OR", "Postal Code": "97201", "Birthday": "1980-05-12",
			"Email Subscription Status": "subscribed"}, SquareCustomers,
			"1 Pine St / Suite 2 / Portland OR 97201 | birthday 1980-05-12 | consent email 2026-11-23"},
		{"woocommerce.csv", ',', map[string]string{"Address 1&2 (Billing)": "1 High St", "City (Billing)": "Bath",
			"State Code (Billing)": "", "Postcode (Billing)": "BA1 1AA"}, WooCommerce, "1 High St / Bath BA1 1AA"},
		{"paypal-activity.csv", ',', map[string]string{"Shipping Address": "Dora Eve, 1 Oak Lane, Bath, BA1 1AA"},
			PayPal, "Dora Eve, 1 Oak Lane, Bath, BA1 1AA"},
		{"google-contacts.csv", ',', map[string]string{"Address 1 - Street": "2 Sakura Dori",
			"Address 1 - Extended Address": "Apt 5", "Address 1 - City": "Kyoto", "Address 1 - Region": "Kyoto",
			"Address 1 - Postal Code": "600-8001", "Birthday": "--05-12"}, GoogleContacts,
			"2 Sakura Dori / Apt 5 / Kyoto Kyoto 600-8001 | birthday --05-12"},
		{"outlook-contacts.csv", ',', map[string]string{"Home Street": "3 Storgatan", "Home City": "Malmö",
			"Home State": "Skåne", "Home Postal Code": "211 34", "Birthday": "5/13/1980"}, OutlookContacts,
			"3 Storgatan / Malmö Skåne 211 34 | birthday 1980-05-13"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			t.Parallel()
			db, _ := openDB(t)
			db.Now = func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
			sum, err := ImportFile(context.Background(), db, withColumns(t, tc.file, tc.sep, tc.set), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Format != tc.format || sum.Customers == 0 {
				t.Fatalf("read as %s with %d customers", sum.Format, sum.Customers)
			}
			found := 0
			for _, n := range customerNames(t, db) {
				c, err := db.Customer(context.Background(), n.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got := reachOf(c); got == tc.want {
					found++
				} else if c.Address.Line1 != "" {
					t.Errorf("%s: %q, want %q", c.Name, got, tc.want)
				}
			}
			if found == 0 {
				t.Errorf("no customer holds %q", tc.want)
			}
		})
	}
}

func customerNames(t *testing.T, db *store.DB) []model.CustomerName {
	t.Helper()
	ns, err := db.CustomerNames(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

// A vCard's ADR and BDAY are the address and the birthday; a birthday
// that does not read is kept in the notes and named in the summary.
func TestVCardAddressAndBirthday(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lena Moss\r\nBDAY:19800512\r\n" +
		"ADR;TYPE=HOME:PO Box 4;;6 Ash Ct\\nBack door;Reno;NV;89501;United States\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Noor Omar\r\nBDAY:--0229\r\nADR:;Flat 2;1 Elm Rd;Leeds;;LS1 1AA;UK\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pia Oz\r\nBDAY:the fifth of May\r\nNOTE:Likes roses\r\nEND:VCARD\r\n"
	path := filepath.Join(t.TempDir(), "c.vcf")
	if err := os.WriteFile(path, []byte(card), 0o600); err != nil {
		t.Fatal(err)
	}
	sum, err := ImportFile(context.Background(), db, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Lena Moss": "6 Ash Ct / Back door, PO Box 4 / Reno NV 89501 | birthday 1980-05-12",
		"Noor Omar": "1 Elm Rd / Flat 2 / Leeds LS1 1AA | birthday --02-29", "Pia Oz": ""}
	for _, n := range customerNames(t, db) {
		c, _ := db.Customer(context.Background(), n.ID)
		if got := reachOf(c); got != want[c.Name] {
			t.Errorf("%s: %q, want %q", c.Name, got, want[c.Name])
		}
		if c.Name == "Pia Oz" && c.Notes != "Likes roses\nBirthday as written: the fifth of May" {
			t.Errorf("notes %q", c.Notes)
		}
	}
	if len(sum.Kept) != 1 || !strings.Contains(sum.Kept[0], "BDAY") {
		t.Errorf("kept %q", sum.Kept)
	}
}

// Outlook writes 0/0/00 for no birthday: a file of them is no birthdays,
// and says nothing of the order of day and month.
func TestOutlookWithoutBirthdays(t *testing.T) {
	t.Parallel()
	db, _ := openDB(t)
	path := withColumns(t, "outlook-contacts.csv", ',', map[string]string{"Birthday": "0/0/00"})
	if _, err := ImportFile(context.Background(), db, path, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "SELECT count(*) FROM occasions"); n != 0 {
		t.Errorf("%d birthdays from 0/0/00", n)
	}
}
