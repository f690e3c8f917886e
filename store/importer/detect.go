package importer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"clientele/model"
	"clientele/store"
)

// kind tells files of orders from files of customers. An orders file is
// never read as customers.
type kind int

const (
	ordersKind kind = iota
	customersKind
)

// format is one kind of file the importer reads.
type format struct {
	name  string // as --format names it
	label string // in words: "Etsy Sold Orders"
	kind  kind
	// needs are the columns a header must have to be this format, each
	// with the names it goes by.
	needs []need
	// marks are columns that only this format has: each one present makes
	// the match surer than a generic format's.
	marks []string
	// generic formats (orders, customers) match many headers: a specific
	// format that matches wins over them.
	generic bool
	// dates is how the platform writes dates that read either way.
	dates model.DateOrder
	// src is the source orders and customers are kept under (external ids
	// are unique per source); "" means name.
	src       string
	orders    func(h *header, nb numbers) (orderFormat, error)
	customers func(h *header, nb numbers) (customerFormat, error)
}

func (f *format) source() string {
	if f.src != "" {
		return f.src
	}
	return f.name
}

// need is a column a format needs, by any of its names.
type need struct {
	what    string // how the refusal names it
	aliases []string
}

func needOf(aliases ...string) need { return need{what: aliases[0], aliases: aliases} }

// Auto recognises a format by its header.
const Auto = "auto"

// formats are every format, the specific ones first.
var formats []*format

// FormatNames lists the formats a user may name, auto first.
func FormatNames() []string {
	out := []string{Auto}
	for _, f := range formats {
		out = append(out, f.name)
	}
	return out
}

// FormatLabel names a format in words, "" when there is none of that name.
func FormatLabel(name string) string {
	for _, f := range formats {
		if f.name == name {
			return f.label
		}
	}
	return ""
}

func formatNamed(name string) *format {
	for _, f := range formats {
		if f.name == name {
			return f
		}
	}
	return nil
}

// match is how well a header fits a format.
type match struct {
	f       *format
	missing []string // needed columns the header lacks
	marks   int      // marks present
}

func (m match) ok() bool { return len(m.missing) == 0 }

// matches scores every format against h.
func matches(h *header) []match {
	var out []match
	for _, f := range formats {
		if len(f.needs) == 0 { // not a CSV format (vCard is found by its first line)
			continue
		}
		m := match{f: f}
		for _, n := range f.needs {
			if h.find(n.aliases...) < 0 {
				m.missing = append(m.missing, n.what)
			}
		}
		for _, k := range f.marks {
			if h.find(k) >= 0 {
				m.marks++
			}
		}
		if f.kind == customersKind && h.ordersLike() {
			m.missing = append(m.missing, "no order columns (it has "+strings.Join(h.orderColumns(), ", ")+
				": an orders file is never read as customers)")
		}
		out = append(out, m)
	}
	return out
}

// Detect names the format a header belongs to, or "" when it matches none
// or several about equally.
func Detect(names []string) string {
	h := newHeader(names)
	f, _, err := detect(&h)
	if err != nil {
		return ""
	}
	return f.name
}

// detect finds the one format h is: the specific format that matches with
// the most marks, else the generic one. A header that matches none, or two
// specific formats equally, is refused with the candidates and what each
// lacks. The other formats that match are returned as alternatives.
func detect(h *header) (*format, []string, error) {
	ms := matches(h)
	var specific, generic []match
	for _, m := range ms {
		switch {
		case !m.ok():
		case m.f.generic:
			generic = append(generic, m)
		default:
			specific = append(specific, m)
		}
	}
	sort.SliceStable(specific, func(i, j int) bool { return specific[i].marks > specific[j].marks })
	var pick *format
	switch {
	case len(specific) > 1 && specific[0].marks == specific[1].marks:
		var names []string
		for _, m := range specific {
			if m.marks == specific[0].marks {
				names = append(names, m.f.name)
			}
		}
		return nil, names, &LineError{Line: 1, Err: fmt.Errorf("the header fits several formats equally (%s): "+
			"name one with --format", strings.Join(names, ", "))}
	case len(specific) > 0:
		pick = specific[0].f
	case len(generic) > 0:
		pick = generic[0].f
	default:
		return nil, nil, refuseHeader(h, ms)
	}
	return pick, others(append(specific, generic...), pick), nil
}

// others names the formats of ms other than f, for a choice of format.
func others(ms []match, f *format) []string {
	var alts []string
	for _, m := range ms {
		if m.f != f && m.ok() {
			alts = append(alts, m.f.name)
		}
	}
	return alts
}

// errUnmatched is a header that matches no format: a column mapping reads
// it.
var errUnmatched = errors.New("the header matches no format clientele reads")

// refuseHeader says that a header matches no format, naming the closest
// candidates and the columns each lacks.
func refuseHeader(h *header, ms []match) error {
	sort.SliceStable(ms, func(i, j int) bool {
		fi := float64(len(ms[i].missing)) / float64(len(ms[i].f.needs)+1)
		fj := float64(len(ms[j].missing)) / float64(len(ms[j].f.needs)+1)
		if fi != fj {
			return fi < fj
		}
		return ms[i].marks > ms[j].marks
	})
	var c []string
	for _, m := range ms[:min(3, len(ms))] {
		c = append(c, fmt.Sprintf("%s lacks %s", m.f.name, strings.Join(m.missing, ", ")))
	}
	return &LineError{Line: 1, Err: fmt.Errorf("%w. Closest: %s. "+
		"Name the columns with --columns \"date=…,customer=…,amount=…\" (or name=…,email=… for customers); "+
		"`clientele import --help` lists every format", errUnmatched, strings.Join(c, "; "))}
}

// choose settles the format of a file: the one named, or a column mapping
// (given, or kept for this header: the owner said how to read it), or the
// one its header matches. The other formats the header matches are
// returned too, for a choice.
func choose(ctx context.Context, db *store.DB, h *header, opt Options) (*format, []string, error) {
	mapping := opt.Columns
	named := opt.Format != "" && opt.Format != Auto
	if mapping == "" && !named {
		kept, err := db.ColumnMap(ctx, h.names)
		if err != nil {
			return nil, nil, err
		}
		mapping = kept
	}
	if mapping != "" {
		fields, err := h.applyMapping(mapping)
		if err != nil {
			return nil, nil, err
		}
		f := formatNamed(Orders)
		if !slices.Contains(fields, "date") && !slices.Contains(fields, "amount") && !slices.Contains(fields, "price") {
			f = formatNamed(Customers)
		}
		if named && opt.Format != f.name {
			f = formatNamed(opt.Format)
		}
		h.mapping = mapping
		return f, nil, nil
	}
	if named {
		f := formatNamed(opt.Format)
		if f == nil {
			return nil, nil, fmt.Errorf("format %q is not one of %s", opt.Format, strings.Join(FormatNames(), ", "))
		}
		ms := matches(h)
		for _, m := range ms {
			if m.f == f && !m.ok() {
				return nil, others(ms, f), &LineError{Line: 1, Err: fmt.Errorf("this is not a %s file: its header lacks %s",
					f.label, strings.Join(m.missing, ", "))}
			}
		}
		return f, others(ms, f), nil
	}
	return detect(h)
}

// header maps a file's column names, folded, to their positions.
type header struct {
	names   []string
	idx     map[string]int
	mapped  map[string]int // field → column, from a column mapping
	mapping string
}

func newHeader(names []string) header {
	h := header{names: names, idx: map[string]int{}}
	for i, n := range names {
		k := key(n)
		if _, dup := h.idx[k]; !dup {
			h.idx[k] = i
		}
	}
	return h
}

// key folds a column name: "Order ID", "order_id" and "OrderID" match.
func key(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r > 0x7f {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// find returns the position of the first alias present, or -1.
func (h *header) find(aliases ...string) int {
	for _, a := range aliases {
		if i, ok := h.idx[key(a)]; ok {
			return i
		}
	}
	return -1
}

// col returns the column of field: the mapping's, else the first alias
// present, else -1. With a mapping, only mapped columns count.
func (h *header) col(field string, aliases ...string) int {
	if h.mapped != nil {
		if i, ok := h.mapped[field]; ok {
			return i
		}
		return -1
	}
	return h.find(aliases...)
}

// orderColumnNames are columns only files of orders or payments have.
var orderColumnNames = []string{"order id", "order", "order number", "order no", "invoice", "invoice no",
	"invoiceno", "amount", "total", "order total", "subtotal", "gross", "net", "price", "unit price", "quantity",
	"qty", "lineitem quantity", "order value", "transaction id", "sale date", "created at", "paid at", "created",
	"order date", "sum", "date"}

// ordersLike reports a header with columns of orders or payments.
func (h *header) ordersLike() bool { return len(h.orderColumns()) > 0 }

func (h *header) orderColumns() []string {
	var out []string
	for _, n := range orderColumnNames {
		if i := h.find(n); i >= 0 && !slices.Contains(out, h.names[i]) {
			out = append(out, h.names[i])
		}
	}
	return out
}

// fields are what a column mapping may give columns to, each with the
// format a mapping of it reads: a mapping with a date, an amount or a
// price reads orders, any other customers. They are the names the orders
// and customers formats ask their header for (header.col).
var fields = []model.ImportField{
	{Name: "date", Kind: Orders, What: "the day of the order, and its time", Need: "a date"},
	{Name: "amount", Kind: Orders, What: "what the line or order came to", Need: "an amount or a unit price"},
	{Name: "price", Kind: Orders, What: "the unit price, times the quantity", Need: "an amount or a unit price"},
	{Name: "quantity", Kind: Orders, What: "how many (1 when left out)"},
	{Name: "customer", Kind: Orders, What: "the customer's name"},
	{Name: "email", Kind: Orders, What: "the customer's email"},
	{Name: "order", Kind: Orders, What: "the order's id: rows with one id are one order"},
	{Name: "item", Kind: Orders, What: "what was sold"},
	{Name: "sku", Kind: Orders, What: "the code of what was sold"},
	{Name: "kind", Kind: Orders, What: "sale or refund"},
	{Name: "cost", Kind: Orders, What: "what one unit cost you"},
	{Name: "currency", Kind: Orders, What: "the currency's code (GBP, EUR…)"},
	{Name: "name", Kind: Customers, What: "the customer's whole name", Need: "a name or an email"},
	{Name: "first name", Kind: Customers, What: "their first name", Need: "a name or an email"},
	{Name: "last name", Kind: Customers, What: "their last name"},
	{Name: "email", Kind: Customers, What: "their email", Need: "a name or an email"},
	{Name: "phone", Kind: Customers, What: "their phone number"},
	{Name: "company", Kind: Customers, What: "their company"},
	{Name: "notes", Kind: Customers, What: "notes about them"},
	{Name: "segment", Kind: Customers, What: "segments, comma-separated"},
	{Name: "country", Kind: Customers, What: "their country"},
	{Name: "stage", Kind: Customers, What: "prospect, customer, advocate or former"},
	{Name: "id", Kind: Customers, What: "their id in the file's source"},
	{Name: "street", Kind: Customers, What: "the first line of their address"},
	{Name: "address 2", Kind: Customers, What: "the second line of their address"},
	{Name: "town", Kind: Customers, What: "their town or city"},
	{Name: "region", Kind: Customers, What: "their county, state or province"},
	{Name: "postcode", Kind: Customers, What: "their postcode or zip"},
	{Name: "birthday", Kind: Customers, What: "their birthday"},
	{Name: "email marketing", Kind: Customers, What: "yes when they agreed to marketing email"},
	{Name: "sms marketing", Kind: Customers, What: "yes when they agreed to marketing texts"},
}

// mappingFields are the names a column mapping may give, each once.
func mappingFields() []string {
	var out []string
	for _, f := range fields {
		if !slices.Contains(out, f.Name) {
			out = append(out, f.Name)
		}
	}
	return out
}

// applyMapping reads "date=Created,customer=Client,amount=Total"
// (model.ParseColumns) against the header and returns the fields it names.
func (h *header) applyMapping(s string) ([]string, error) {
	pairs, err := model.ParseColumns(s)
	if err != nil {
		return nil, fmt.Errorf("--columns: %w", err)
	}
	h.mapped = map[string]int{}
	var fields []string
	for _, p := range pairs {
		if !slices.Contains(mappingFields(), p.Field) {
			return nil, fmt.Errorf("--columns: %q is not a field (%s)", p.Field, strings.Join(mappingFields(), ", "))
		}
		i := slices.IndexFunc(h.names, func(n string) bool { return strings.EqualFold(n, p.Column) })
		if i < 0 {
			return nil, fmt.Errorf("--columns: the file has no column %q (it has %s)", p.Column, strings.Join(h.names, ", "))
		}
		h.mapped[p.Field] = i
		fields = append(fields, p.Field)
	}
	return fields, nil
}
