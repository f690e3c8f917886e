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
		return nil, nil, &LineError{Line: 1, Err: fmt.Errorf("the header fits several formats equally (%s): "+
			"name one with --format", strings.Join(names, ", "))}
	case len(specific) > 0:
		pick = specific[0].f
	case len(generic) > 0:
		pick = generic[0].f
	default:
		return nil, nil, refuseHeader(h, ms)
	}
	var alts []string
	for _, m := range append(specific, generic...) {
		if m.f != pick {
			alts = append(alts, m.f.name)
		}
	}
	return pick, alts, nil
}

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
	return &LineError{Line: 1, Err: fmt.Errorf("the header matches no format clientele reads. Closest: %s. "+
		"Name the columns with --columns \"date=…,customer=…,amount=…\" (or name=…,email=… for customers); "+
		"`clientele import --help` lists every format", strings.Join(c, "; "))}
}

// choose settles the format of a file: the one named, or a column mapping
// (given, or kept for this header), or the one its header matches.
func choose(ctx context.Context, db *store.DB, h *header, opt Options) (*format, []string, error) {
	mapping := opt.Columns
	named := opt.Format != "" && opt.Format != Auto
	if mapping == "" && !named {
		if _, _, err := detect(h); err != nil {
			kept, kerr := db.ColumnMap(ctx, h.names)
			if kerr != nil {
				return nil, nil, kerr
			}
			if kept == "" {
				return nil, nil, err
			}
			mapping = kept
		}
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
		for _, m := range matches(h) {
			if m.f == f && !m.ok() {
				return nil, nil, &LineError{Line: 1, Err: fmt.Errorf("this is not a %s file: its header lacks %s",
					f.label, strings.Join(m.missing, ", "))}
			}
		}
		return f, nil, nil
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

// mappingFields are the fields a column mapping may name.
var mappingFields = []string{"date", "customer", "email", "amount", "quantity", "price", "order", "item", "sku",
	"kind", "cost", "currency", "name", "first name", "last name", "phone", "company", "notes", "segment",
	"country", "stage", "id"}

// applyMapping reads "date=Created,customer=Client,amount=Total" against
// the header and returns the fields it names.
func (h *header) applyMapping(s string) ([]string, error) {
	h.mapped = map[string]int{}
	var fields []string
	for _, pair := range strings.Split(s, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		f, c, ok := strings.Cut(pair, "=")
		f, c = strings.ToLower(strings.TrimSpace(f)), strings.TrimSpace(c)
		if !ok || f == "" || c == "" {
			return nil, fmt.Errorf("--columns: %q is not field=column", pair)
		}
		if !slices.Contains(mappingFields, f) {
			return nil, fmt.Errorf("--columns: %q is not a field (%s)", f, strings.Join(mappingFields, ", "))
		}
		i := slices.IndexFunc(h.names, func(n string) bool { return strings.EqualFold(n, c) })
		if i < 0 {
			return nil, fmt.Errorf("--columns: the file has no column %q (it has %s)", c, strings.Join(h.names, ", "))
		}
		h.mapped[f] = i
		fields = append(fields, f)
	}
	if len(fields) == 0 {
		return nil, errors.New("--columns names no column")
	}
	return fields, nil
}
