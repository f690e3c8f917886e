package importer

import (
	"fmt"
	"io"
	"time"
)

// Help describes the formats and the columns each accepts, for
// `clientele import --help`.
const Help = `Formats (--format auto recognises the header):

  online-retail  InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
                 CustomerID,Country: an invoice is an order (external id InvoiceNo;
                 C… is a refund); CustomerID 17850.0 is customer ref 17850, named
                 "Customer 17850"; no CustomerID is an unattributed sale; StockCode
                 and Description become offerings. Line amount = Quantity × UnitPrice
                 rounded once to the penny, half away from zero.
  etsy           Etsy's Sold Orders CSV (Sale Date MM/DD/YY, Order ID, Buyer User ID,
                 Full Name, Order Value, Discount Amount, Card Processing Fees…):
                 revenue is the order value less discounts (not shipping, not sales
                 tax); card processing fees become a payment-fee cost to serve.
  orders         one order line a row: a date (date, order date, sale date), the
                 customer (customer/name and/or email; neither: unattributed), an
                 amount (amount, total) or quantity and unit price (qty, price);
                 optional: order id (rows with one id, together, are one order),
                 item/description, sku, kind (sale/refund), unit cost. Dates are
                 YYYY-MM-DD. A negative amount or kind "refund" is a refund.
  customers      one customer a row: name (or first name + last name), email,
                 phone, company, notes, segment (several with ; or ,); optional:
                 country, stage, id.

Column names match ignoring case, spaces and punctuation. The import is one
transaction: a bad line stops it with "line N, column X: why" and nothing is
written. Importing the same file again adds nothing (orders and customers
already imported are skipped).`

// ProgressTo returns a progress reporter that rewrites one line on w:
// "  120,000 rows · 48,000 rows/s". Use it only when w is a terminal.
func ProgressTo(w io.Writer) func(rows int, elapsed time.Duration) {
	return func(rows int, elapsed time.Duration) {
		rate := 0.0
		if s := elapsed.Seconds(); s > 0 {
			rate = float64(rows) / s
		}
		fmt.Fprintf(w, "\r\x1b[K%9s rows · %s rows/s", thousands(rows), thousands(int(rate)))
	}
}

// thousands writes n with commas.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
