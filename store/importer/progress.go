package importer

import (
	"fmt"
	"io"
	"time"
)

// Help describes the formats and the rules, for `clientele import --help`.
const Help = `Formats (--format auto finds the format from the header; a header that
matches none, or several equally, is refused with what each one lacks):

  etsy               Etsy Sold Orders, every vintage (with or without buyer
                     columns, comma or tab): order value less discounts is revenue,
                     card processing fees a payment-fee cost, an adjusted total below
                     the total a refund, cancelled orders left out. MM/DD/YY.
  etsy-items         Etsy Sold Order Items, grouped by Order ID: quantity x price
                     less discount per item; a guest buyer with a name is a customer.
  shopify-orders     one row per line item: the subtotal (lines less discounts, no
                     shipping or tax) is revenue, Refunded Amount a refund, cancelled
                     orders left out; the customer is the email, else the billing name.
  shopify-customers  tags become segments, the note the notes, apostrophes dropped.
  square-items       Square item sales: Net Sales per item, refunds as refunds.
  square-customers   Square's customer directory: Memo is notes, Groups segments.
  woocommerce        the built-in order export: items, cart discount, refunds.
  stripe             payments: each paid charge an order of its customer's email,
                     the fee a payment-fee cost, the amount refunded a refund.
  paypal             activity download: payments received are sales with their fee
                     as a cost, refunds are refunds; purchases, holds, transfers,
                     withdrawals, invoices sent… are counted by type and left out.
  google-contacts, outlook-contacts, vcard (.vcf 2.1/3.0/4.0): customers.
  online-retail      InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
                     CustomerID,Country (C… invoices are refunds).
  orders             your own list: a date, the customer and/or email, an amount or
                     quantity and unit price; optional order id, item, sku, kind,
                     unit cost, currency.
  customers          your own list: name (or first and last), email, phone, company,
                     notes, segment; optional country, stage, id.

Reading: UTF-8 with or without BOM, UTF-16 with BOM and Windows-1252 (--encoding
to say which); comma, semicolon or tab from the header, decimal commas in
semicolon files. Dates ISO, D/M/Y or M/D/Y, 2- or 4-digit years, with or
without times and zones (kept as written): the order is decided from all the
file's values; a file whose every date reads either way takes --date-order,
else the book's Date order setting. The file's currency must be the book's (an
empty book takes the file's). Rows of an order may be anywhere in the file.
A bad amount, quantity, date or id stops the import with "line N, column X:
why" and nothing is written; an odd phone or email is kept in the customer's
notes and listed. Importing a file again skips what is unchanged, replaces
orders whose rows changed, and leaves orders edited here alone.`

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
