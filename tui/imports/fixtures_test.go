package imports_test

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"clientele/model"
	"clientele/store/importer"
	"clientele/tui/tuitest"
)

// TestEveryFixtureIsShownThenImportedAsShown: each of the importer's
// fixtures, opened with i into an empty book, is shown as its format
// with what it will add, and the import writes exactly what the preview
// said: the orders and customers counted in the book afterwards are the
// ones the preview promised.
func TestEveryFixtureIsShownThenImportedAsShown(t *testing.T) {
	t.Parallel()
	for file, format := range map[string]string{
		"contacts.vcf":              importer.VCard,
		"etsy-sold-order-items.csv": importer.EtsyItems,
		"etsy-sold-orders-2019.tsv": importer.Etsy,
		"etsy-sold-orders.csv":      importer.Etsy,
		"google-contacts.csv":       importer.GoogleContacts,
		"outlook-contacts.csv":      importer.OutlookContacts,
		"paypal-activity.csv":       importer.PayPal,
		"shopify-customers.csv":     importer.ShopifyCustomers,
		"shopify-orders.csv":        importer.ShopifyOrders,
		"square-customers.csv":      importer.SquareCustomers,
		"square-items.csv":          importer.SquareItems,
		"stripe-payments.csv":       importer.Stripe,
		"woocommerce.csv":           importer.WooCommerce,
	} {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			db := tuitest.OpenStore(t)
			d := start(t, db, 100, 30)
			label := ""
			for _, f := range importer.For(db).Formats() {
				if f.Name == format {
					label = f.Label
				}
			}
			d.Keys("i", fixture(t, file), "enter")
			shown := d.Screen()
			tuitest.MustContain(t, shown, "Format    "+label, "Adds      ", "as they will be stored", "enter import")
			d.Keys("enter")
			tuitest.MustContain(t, d.Screen(), "✓ Imported")
			orders := count(t, db, "SELECT count(*) FROM orders")
			customers := count(t, db, "SELECT count(*) FROM customers")
			if orders+customers == 0 {
				t.Fatal("nothing was imported")
			}
			adds := shown[strings.Index(shown, "Adds      "):]
			adds = adds[:strings.Index(adds, "\n\n")]
			for _, c := range []struct {
				n        int
				one, all string
			}{{orders, "order", "orders"}, {customers, "customer", "customers"}} {
				if c.n > 0 && !strings.Contains(adds, model.Plural(c.n, c.one, c.all)) {
					t.Errorf("the book has %d %s, the preview said %q", c.n, c.all, adds)
				}
			}
		})
	}
}

// TestHostileTextIsShownAsText: a file whose cells, and a name, hold
// terminal controls is previewed and mapped without any reaching the
// terminal.
func TestHostileTextIsShownAsText(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	d := start(t, db, 80, 24)
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"date", "customer", "amount", "item"})
	for _, h := range tuitest.HostileTexts {
		if strings.ContainsAny(h, "\x00\r\n\v\f\u0085\u2028\u2029") || len(h) > 200 {
			continue // refused: SQLite would cut the text at a NUL, a name is one line of 200 at most
		}
		w.Write([]string{"2026-01-02", h, "1.00", h})
	}
	w.Flush()
	// A name no one can type: Tab completes it from its folder.
	dir := t.TempDir()
	write(t, dir, "\x1b]0;pwned\x07orders.csv", b.String())
	d.Keys("i", dir+string(filepath.Separator), "tab")
	tuitest.CheckFrame(t, d, "the name completed")
	d.Keys("enter")
	tuitest.CheckFrame(t, d, "preview")
	tuitest.MustContain(t, d.Screen(), "Adds      ")
	d.Keys("down", "down", "down")
	tuitest.CheckFrame(t, d, "preview, a row down")
	d.Keys("m")
	tuitest.CheckFrame(t, d, "mapping")
	d.Keys("esc", "esc", "ctrl+u", dir+string(filepath.Separator), "tab")
	tuitest.CheckFrame(t, d, "completion")
	q := write(t, t.TempDir(), "head.csv", "\x1b[2J"+tuitest.ForeignSGR+"Created,Client\u202e,Sum\n2026-01-02,\x1b]52;c;aGk=\x07Ann,1.00\n")
	d.Keys("ctrl+u", q, "enter")
	tuitest.CheckFrame(t, d, "mapping of a hostile header")
	d.Keys("right")
	tuitest.CheckFrame(t, d, "mapping of a hostile header, a column chosen")

	// A refusal quotes the cell: a long one is cut, within the screen.
	long := write(t, t.TempDir(), "long.csv", "date,customer,amount\n2026-01-02,"+strings.Repeat("W", 3000)+",1.00\n")
	d.Keys("esc", "esc", "ctrl+u", long, "enter")
	tuitest.MustContain(t, d.Screen(), "line 2: customer", "…", "e  read it in another encoding")
	tuitest.CheckFrame(t, d, "a refusal quoting a long cell")
}
