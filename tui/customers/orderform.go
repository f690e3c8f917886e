package customers

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"clientele/model"
	"clientele/tui/kit"
)

// orderForm records a sale or a refund for a customer: a kind, a date,
// lines of an offering or free text with a quantity and a unit price (the
// offering's, unless typed), a note, and the day its payment is due when
// it is billed for later (left empty: paid when made; after the note,
// where enter saves, so the common path never meets it). A blank line always waits at the
// bottom, so the order grows as it is typed. It is a form body that draws
// its own fields: the values live in its inputs, and a failed save marks
// the fields at fault and keeps everything typed.
type orderForm struct {
	com   *kit.Context
	store OrderStore
	keys  OrderFormKeys
	w, h  int
	// orig is the stored order the form corrects; nil for a new one.
	orig *model.Order

	customer  model.CustomerName
	offerings map[string]*model.Offering // folded name and SKU → offering
	repeated  time.Time                  // the day of the order repeated, zero for a new one
	// onOrder is the customer's custom fields marked "show when taking
	// an order" that have a value: "Allergies: lavender".
	onOrder []string

	kind  model.OrderKind
	date  textinput.Model
	due   textinput.Model // the payment's due day; empty: paid when made
	lines []*orderLine
	notes textinput.Model

	focus int            // the field with focus: see field
	errs  map[int]string // field → what is wrong with it
	top   int            // the first line shown when they do not all fit
}

// orderLine is one line's inputs and the offering its item names.
type orderLine struct {
	item, qty, price textinput.Model
	offering         *model.Offering
	priceFilled      bool // price came from the offering, replace it when the offering changes
	// stored is the line as stored, on an order being corrected: its
	// unit cost stays while it sells the same thing.
	stored *model.OrderLine
}

// The fields, in tab order: kind, date, then item, quantity and price of
// each line, then the note and the payment's due day.
const (
	fieldKind = iota
	fieldDate
	fieldLines
)

// Columns of a line.
const (
	colItem = iota
	colQty
	colPrice
	lineCols
)

// orderFormData is what the order form needs before it opens: the
// customer, the offerings to choose from and, to repeat an order, the
// customer's last one.
type orderFormData struct {
	customer  model.CustomerName
	offerings []model.Offering
	repeat    *model.Order
	fields    []model.FieldValue // the custom fields shown when taking an order
	edit      *model.Order       // the order corrected
}

// OpenOrder loads the customer, the offerings and, to repeat, the last
// order, then opens the order form; a customer with nothing to repeat is
// told so in the status bar.
func OpenOrder(com *kit.Context, store OrderStore, customerID int64, repeat bool) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		c, err := store.Customer(ctx, customerID)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		msg := orderFormData{customer: model.CustomerName{ID: c.ID, Name: c.Name}}
		if repeat {
			o, err := store.LastOrder(ctx, customerID)
			if errors.Is(err, model.ErrNotFound) {
				return kit.StatusMsg{Text: fmt.Sprintf("%s has no order to repeat yet: press o for a new order.", kit.Clean(c.Name))}
			}
			if err != nil {
				return kit.ErrMsg{Err: err}
			}
			msg.repeat = &o
		}
		if msg.offerings, err = store.Offerings(ctx); err != nil {
			return kit.ErrMsg{Err: err}
		}
		if msg.fields, err = store.OrderFields(ctx, customerID); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return kit.PushMsg{Open: func() kit.Screen { return kit.NewForm(com, newOrderForm(com, store, msg)) }}
	}
}

// OpenOrderEdit loads order id, its customer and the offerings, then opens
// the order form filled with it: saving corrects the order, which keeps
// its identity (its id, the id an import knows it by, its costs and
// complaints).
func OpenOrderEdit(com *kit.Context, store OrderStore, id int64) tea.Cmd {
	return func() tea.Msg {
		ctx := kit.Bg()
		o, err := store.Order(ctx, id)
		if err != nil {
			return kit.ErrMsg{Err: err}
		}
		msg := orderFormData{edit: &o}
		if o.CustomerID != 0 {
			c, err := store.Customer(ctx, o.CustomerID)
			if err != nil {
				return kit.ErrMsg{Err: err}
			}
			msg.customer = model.CustomerName{ID: c.ID, Name: c.Name}
		}
		if msg.offerings, err = store.Offerings(ctx); err != nil {
			return kit.ErrMsg{Err: err}
		}
		return kit.PushMsg{Open: func() kit.Screen { return kit.NewForm(com, newOrderForm(com, store, msg)) }}
	}
}

func newOrderForm(com *kit.Context, store OrderStore, data orderFormData) *orderForm {
	f := &orderForm{com: com, store: store, keys: DefaultOrderFormKeys(), customer: data.customer, kind: model.OrderSale,
		offerings: map[string]*model.Offering{}, errs: map[int]string{}, focus: fieldLines}
	var names []string
	byID := map[int64]*model.Offering{}
	for i := range data.offerings {
		o := &data.offerings[i]
		byID[o.ID] = o
		if o.SKU != "" {
			f.offerings[kit.Fold(kit.Clean(o.SKU))] = o
		}
		// Offerings are named as the form shows them: control characters
		// visible, so what is typed or completed finds them.
		if _, taken := f.offerings[kit.Fold(kit.Clean(o.Name))]; !taken || o.Active {
			f.offerings[kit.Fold(kit.Clean(o.Name))] = o
		}
		if o.Active && len(names) < kit.MaxCompletions {
			names = append(names, kit.Clean(o.Name))
		}
	}
	for _, v := range data.fields {
		if v.Value != "" {
			f.onOrder = append(f.onOrder, kit.Clean(v.Name)+": "+kit.Clean(v.Value))
		}
	}
	f.date = f.input(com.Settings.DateOrder.Layout(), 10)
	f.date.SetValue(f.com.Date(com.Today()))
	f.due = f.input("paid now", 30)
	f.notes = f.input("a note (optional)", 500)
	o := data.repeat
	if o != nil {
		f.repeated = o.OrderedAt
	}
	if data.edit != nil {
		o, f.orig = data.edit, data.edit
		f.kind = o.Kind
		f.date.SetValue(com.Date(o.OrderedAt))
		f.due.SetValue(com.Date(o.PaymentDue))
	}
	if o != nil {
		f.notes.SetValue(kit.Clean(o.Notes))
		for i, l := range o.Lines {
			ln := f.newLine(names)
			ln.item.SetValue(kit.Clean(l.Description))
			if off := byID[l.OfferingID]; off != nil {
				ln.offering = off
				if l.Description == "" {
					ln.item.SetValue(kit.Clean(off.Name))
				}
			}
			ln.qty.SetValue(strconv.FormatInt(max(l.Quantity, -l.Quantity), 10))
			price := l.UnitPrice.Decimal()
			if l.UnitPriceExact != "" {
				price = l.UnitPriceExact
			}
			ln.price.SetValue(strings.TrimPrefix(price, "-"))
			if f.orig != nil {
				ln.stored = &o.Lines[i]
			}
			f.lines = append(f.lines, ln)
		}
	}
	f.lines = append(f.lines, f.newLine(names))
	f.styleInputs()
	return f
}

// build implements formBody: the form draws its own fields, which keep
// what was typed across a failed save.
func (f *orderForm) Build(*kit.Builder) kit.Fields { return f }

// input makes a text input with the form's settings.
func (f *orderForm) input(placeholder string, limit int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = placeholder
	ti.CharLimit = limit
	return ti
}

// newLine makes a line's inputs; the item suggests the offerings' names.
func (f *orderForm) newLine(names []string) *orderLine {
	ln := &orderLine{item: f.input("offering or description", 500), qty: f.input("1", 9),
		price: f.input("0.00", 20)}
	ln.item.ShowSuggestions = len(names) > 0
	ln.item.SetSuggestions(names)
	ln.item.KeyMap.AcceptSuggestion = f.keys.Complete
	ln.item.KeyMap.NextSuggestion = f.keys.NextSuggestion
	ln.item.KeyMap.PrevSuggestion = f.keys.PrevSuggestion
	return ln
}

// styleInputs gives every input the styles of the current background.
func (f *orderForm) styleInputs() {
	st := textinput.DefaultStyles(f.com.IsDark)
	for _, ti := range f.inputs() {
		ti.SetStyles(st)
	}
}

// inputs lists every text input, in tab order.
func (f *orderForm) inputs() []*textinput.Model {
	out := []*textinput.Model{&f.date}
	for _, l := range f.lines {
		out = append(out, &l.item, &l.qty, &l.price)
	}
	return append(out, &f.notes, &f.due)
}

// fieldCount is the number of fields; the last are the note and the
// payment's due day.
func (f *orderForm) fieldCount() int { return fieldLines + lineCols*len(f.lines) + 2 }

func (f *orderForm) notesField() int { return f.fieldCount() - 2 }

func (f *orderForm) dueField() int { return f.fieldCount() - 1 }

// input returns the text input of field i, nil for the kind.
func (f *orderForm) field(i int) *textinput.Model {
	switch {
	case i == fieldKind:
		return nil
	case i == fieldDate:
		return &f.date
	case i == f.notesField():
		return &f.notes
	case i == f.dueField():
		return &f.due
	}
	ln := f.lines[(i-fieldLines)/lineCols]
	switch (i - fieldLines) % lineCols {
	case colItem:
		return &ln.item
	case colQty:
		return &ln.qty
	}
	return &ln.price
}

// snapshot joins every value, to tell an edited form from an untouched one.
func (f *orderForm) Snapshot() string {
	parts := []string{string(f.kind)}
	for _, ti := range f.inputs() {
		parts = append(parts, ti.Value())
	}
	return strings.Join(parts, "\x00")
}

// Title implements screen.
func (f *orderForm) Title() string {
	what := "New order"
	switch {
	case f.orig != nil && f.kind == model.OrderRefund:
		what = "Edit refund"
	case f.orig != nil:
		what = "Edit order"
	case f.kind == model.OrderRefund:
		what = "New refund"
	}
	if f.customer.ID == 0 {
		return what + " · no customer"
	}
	return what + " · " + f.customer.Name
}

// Init focuses the first line's item (after a failed save, the first
// field at fault).
func (f *orderForm) Init() tea.Cmd { return f.setFocus(f.focus) }

// SetSize lays the inputs out; the banner is the form's.
func (f *orderForm) SetSize(w, h int) {
	f.w, f.h = w, h+1 // the layout counts the banner's line over the fields
	f.layout()
}

// Column widths: quantity, unit price and amount are fixed, the item
// takes the rest.
const (
	qtyW    = 6
	priceW  = 11
	amountW = 12
	labelW  = 7
)

func (f *orderForm) itemW() int { return max(f.w-labelW-qtyW-priceW-amountW-4, 8) }

// layout sizes the inputs to the columns.
func (f *orderForm) layout() {
	f.date.SetWidth(12)
	f.due.SetWidth(12)
	f.notes.SetWidth(max(f.w-labelW-2, 8))
	for _, l := range f.lines {
		l.item.SetWidth(f.itemW() - 1)
		l.qty.SetWidth(qtyW - 1)
		l.price.SetWidth(priceW - 1)
	}
}

// setFocus moves the focus to field i.
func (f *orderForm) setFocus(i int) tea.Cmd {
	if prev := f.field(f.focus); prev != nil {
		prev.Blur()
	}
	f.leaveField(f.focus)
	f.focus = max(0, min(i, f.fieldCount()-1))
	f.scrollToFocus()
	if ti := f.field(f.focus); ti != nil {
		ti.CursorEnd()
		return ti.Focus()
	}
	return nil
}

// complete gives the item in focus the offering it suggests, when what was
// typed names none by itself ("Lav" → "Lavender soap").
func (f *orderForm) complete() {
	if f.focus < fieldLines || f.focus >= f.notesField() || (f.focus-fieldLines)%lineCols != colItem {
		return
	}
	ti := f.field(f.focus)
	s := ti.CurrentSuggestion()
	if s == "" || strings.TrimSpace(ti.Value()) == "" || f.offerings[kit.Fold(ti.Value())] != nil {
		return
	}
	ti.SetValue(s)
}

// leaveField resolves what a field's value means once the user leaves it:
// an item naming an offering brings its price; a date that does not read
// is said at once, not only on save.
func (f *orderForm) leaveField(i int) {
	if i == fieldDate {
		if _, err := f.com.ParseDate(f.date.Value()); err != nil {
			f.errs[fieldDate] = err.Error()
		}
		return
	}
	if i < fieldLines || i >= f.notesField() || (i-fieldLines)%lineCols != colItem {
		return
	}
	ln := f.lines[(i-fieldLines)/lineCols]
	f.resolve(ln)
	if last := f.lines[len(f.lines)-1]; strings.TrimSpace(last.item.Value()) != "" {
		f.lines = append(f.lines, f.newLine(ln.item.AvailableSuggestions()))
		f.layout()
		f.styleInputs()
	}
}

// resolve links a line to the offering its item names (by name or SKU)
// and fills in the offering's price unless one was typed.
func (f *orderForm) resolve(ln *orderLine) {
	off := f.offerings[kit.Fold(ln.item.Value())]
	if off == ln.offering {
		return
	}
	ln.offering = off
	if off == nil {
		if ln.priceFilled {
			ln.price.SetValue("")
			ln.priceFilled = false
		}
		return
	}
	ln.item.SetValue(kit.Clean(off.Name))
	if strings.TrimSpace(ln.price.Value()) == "" || ln.priceFilled {
		ln.price.SetValue(off.Price.Decimal())
		ln.priceFilled = true
	}
}

// visibleLines is how many order lines fit: the rest of the screen less
// the title, kind, date, the column heads, notes, total and message.
func (f *orderForm) visibleLines() int { return max(f.h-9, 1) }

func (f *orderForm) scrollToFocus() {
	n := f.visibleLines()
	row := -1
	if f.focus >= fieldLines && f.focus < f.notesField() {
		row = (f.focus - fieldLines) / lineCols
	}
	switch {
	case row >= 0 && row < f.top:
		f.top = row
	case row >= f.top+n:
		f.top = row - n + 1
	}
	f.top = max(0, min(f.top, len(f.lines)-n))
}

// update implements fields: the keys that move between fields and lines,
// and everything typed into the field in focus.
func (f *orderForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		f.styleInputs()
	case tea.KeyPressMsg:
		return f.handleKey(msg), false
	}
	if ti := f.field(f.focus); ti != nil {
		var cmd tea.Cmd
		*ti, cmd = ti.Update(msg)
		return cmd, false
	}
	return nil, false
}

// key saves with enter on the note (the kit saves with ctrl+s from any
// field).
func (f *orderForm) Key(msg tea.KeyPressMsg) (kit.KeyAction, tea.Cmd) {
	if key.Matches(msg, f.keys.SaveOnNote) && f.focus >= f.notesField() {
		return kit.KeySave, nil
	}
	return kit.KeyPass, nil
}

func (f *orderForm) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, f.keys.Next):
		if key.Matches(msg, f.keys.TakeOffering) {
			f.complete() // tab takes the offering the item suggests ("Lav" stayed free text)
		}
		return f.setFocus(f.focus + 1)
	case key.Matches(msg, f.keys.Prev):
		return f.setFocus(f.focus - 1)
	case key.Matches(msg, f.keys.Up):
		switch {
		case f.focus >= fieldLines+lineCols && f.focus < f.notesField():
			return f.setFocus(f.focus - lineCols)
		case f.focus == f.notesField():
			return f.setFocus(fieldLines + lineCols*(len(f.lines)-1))
		}
		return f.setFocus(f.focus - 1)
	case key.Matches(msg, f.keys.Down):
		switch {
		case f.focus < fieldLines:
			return f.setFocus(f.focus + 1)
		case f.focus+lineCols < f.notesField():
			return f.setFocus(f.focus + lineCols)
		case f.focus >= f.notesField():
			return f.setFocus(f.focus + 1)
		}
		return f.setFocus(f.notesField())
	case f.focus == fieldKind:
		f.toggleKind(msg)
		return nil
	}
	ti := f.field(f.focus)
	var cmd tea.Cmd
	*ti, cmd = ti.Update(msg)
	delete(f.errs, f.focus)
	return cmd
}

// toggleKind switches between sale and refund; r and s choose directly.
func (f *orderForm) toggleKind(msg tea.KeyPressMsg) {
	switch {
	case key.Matches(msg, f.keys.Refund):
		f.kind = model.OrderRefund
	case key.Matches(msg, f.keys.Sale):
		f.kind = model.OrderSale
	case !key.Matches(msg, f.keys.Kind):
	case f.kind == model.OrderSale:
		f.kind = model.OrderRefund
	default:
		f.kind = model.OrderSale
	}
}

// order builds the order from the fields. A refund is typed with positive
// quantities and stored with negative ones. Errors are recorded against
// the fields they are about, and the first is returned.
func (f *orderForm) order() (model.Order, error) {
	clear(f.errs)
	o := model.Order{CustomerID: f.customer.ID, Kind: f.kind, Notes: strings.TrimSpace(f.notes.Value())}
	if f.orig != nil && o.Notes == strings.TrimSpace(kit.Clean(f.orig.Notes)) {
		o.Notes = f.orig.Notes // shown printable, left as it was: kept as stored
	}
	day, err := f.com.ParseDate(f.date.Value())
	switch {
	case err != nil:
		f.errs[fieldDate] = err.Error()
	case f.orig != nil && day.Equal(model.Day(f.orig.OrderedAt)):
		o.OrderedAt = f.orig.OrderedAt // the day kept: its time too
	case day.Equal(f.com.Today()):
		o.OrderedAt = f.com.Now()
	default:
		o.OrderedAt = day
	}
	if text := strings.TrimSpace(f.due.Value()); text != "" {
		due, err := f.com.ParseDate(text)
		if err == nil {
			err = model.ValidatePaymentDue(f.kind, o.OrderedAt, due)
		}
		if err != nil {
			f.errs[f.dueField()] = kit.FieldMsg(err)
		}
		o.PaymentDue = due
	}
	sign := int64(1)
	if f.kind == model.OrderRefund {
		sign = -1
	}
	for i, ln := range f.lines {
		base := fieldLines + lineCols*i
		item, qtyText, priceText := strings.TrimSpace(ln.item.Value()), strings.TrimSpace(ln.qty.Value()),
			strings.TrimSpace(ln.price.Value())
		if item == "" && qtyText == "" && priceText == "" {
			continue
		}
		f.resolve(ln)
		line, err := f.line(ln, item, qtyText, priceText, sign)
		if err != nil {
			f.errs[base+err.col] = err.msg
			continue
		}
		o.Lines = append(o.Lines, line)
	}
	if len(o.Lines) == 0 && len(f.errs) == 0 {
		f.errs[fieldLines] = "an order needs at least one line"
	}
	if len(f.errs) == 0 {
		if err := o.Validate(); err != nil {
			f.errs[fieldLines] = err.Error()
		}
	}
	for i := 0; i < f.fieldCount(); i++ {
		if msg, ok := f.errs[i]; ok {
			return o, &model.FieldError{Field: f.fieldName(i), Msg: msg}
		}
	}
	return o, nil
}

// lineError is what is wrong with one column of a line.
type lineError struct {
	col int
	msg string
}

// line reads one line's fields: the amount is quantity × unit price,
// rounded once, half away from zero.
func (f *orderForm) line(ln *orderLine, item, qtyText, priceText string, sign int64) (model.OrderLine, *lineError) {
	if item == "" {
		return model.OrderLine{}, &lineError{colItem, "name an offering or describe what was sold"}
	}
	qty := int64(1)
	if qtyText != "" {
		n, err := strconv.ParseInt(qtyText, 10, 64)
		if err != nil || n <= 0 || n > 1_000_000 {
			return model.OrderLine{}, &lineError{colQty, fmt.Sprintf("%q is not a quantity (a whole number above 0)", qtyText)}
		}
		qty = n
	}
	if priceText == "" {
		return model.OrderLine{}, &lineError{colPrice, "needs a unit price"}
	}
	price, err := model.ParseDecimal(priceText)
	if err != nil {
		return model.OrderLine{}, &lineError{colPrice, err.Error()}
	}
	if price.Units < 0 {
		return model.OrderLine{}, &lineError{colPrice, "a price is zero or more (a refund is its own kind)"}
	}
	amount, ok := price.Times(sign * qty)
	if !ok {
		return model.OrderLine{}, &lineError{colQty, "the amount is too large"}
	}
	l := model.OrderLine{Description: item, Quantity: sign * qty, UnitPrice: price.Round(), UnitPriceExact: price.Exact(),
		Amount: amount}
	if ln.offering != nil {
		l.OfferingID, l.UnitCost = ln.offering.ID, ln.offering.UnitCost
	}
	// A corrected line that still sells what it sold keeps the unit cost
	// it was sold at: an offering's cost today is not the cost then.
	if s := ln.stored; s != nil && s.OfferingID == l.OfferingID && (l.OfferingID != 0 || kit.Clean(s.Description) == item) {
		l.UnitCost = s.UnitCost
	}
	if s := ln.stored; s != nil && kit.Clean(s.Description) == item {
		l.Description = s.Description // shown printable, left as it was: kept as stored
	}
	return l, nil
}

// fieldName names field i for an error message: "line 2 quantity".
func (f *orderForm) fieldName(i int) string {
	switch {
	case i == fieldKind:
		return "kind"
	case i == fieldDate:
		return "date"
	case i == f.notesField():
		return "note"
	case i == f.dueField():
		return "payment due"
	}
	n := (i-fieldLines)/lineCols + 1
	return fmt.Sprintf("line %d %s", n, [...]string{"item", "quantity", "unit price"}[(i-fieldLines)%lineCols])
}

// save checks the form and writes the order in a command; a field at
// fault takes the focus, with its message beside it (showErrors).
func (f *orderForm) Save() (tea.Cmd, error) {
	f.leaveField(f.focus)
	o, err := f.order()
	if err != nil {
		return nil, err
	}
	store, name, symbol, due := f.store, f.customer.Name, f.com.Settings.CurrencySymbol(), f.com.Date(o.PaymentDue)
	if orig := f.orig; orig != nil {
		// What the form does not show stays as stored: the day it was
		// paid, while it is still billed for later.
		o.ID, o.CustomerID = orig.ID, orig.CustomerID
		if !o.PaymentDue.IsZero() {
			o.PaidOn = orig.PaidOn
		}
	}
	return func() tea.Msg {
		edit := o.ID != 0
		var err error
		if edit {
			err = store.UpdateOrder(kit.Bg(), &o)
		} else {
			err = store.CreateOrder(kit.Bg(), &o)
		}
		if err != nil {
			return kit.SaveFailedMsg{Err: err}
		}
		what := "order"
		if o.Kind == model.OrderRefund {
			what = "refund"
		}
		total := max(o.Total(), -o.Total()).Format(symbol)
		if o.Unpaid() {
			total += ", payment due " + due + ","
		}
		if edit {
			return kit.SavedMsg{Text: fmt.Sprintf("Corrected the %s: now %s for %s. u undoes.", what, total, kit.Clean(name))}
		}
		return kit.SavedMsg{Text: fmt.Sprintf("Saved %s %s of %s for %s.", model.Article(what), what, total, kit.Clean(name))}
	}, nil
}

// showErrors implements fields: the messages stand beside their fields
// (order records them by field as it checks), and the first field at
// fault takes the focus.
func (f *orderForm) ShowErrors(errs map[string]string) tea.Cmd {
	for i := 0; i < f.fieldCount(); i++ {
		if msg, ok := errs[f.fieldName(i)]; ok {
			f.errs[i] = msg
		}
	}
	for i := 0; i < f.fieldCount(); i++ {
		if _, bad := f.errs[i]; bad {
			f.focus = i
			break
		}
	}
	return nil
}

// banner is the title, and the day of the order repeated.
func (f *orderForm) Banner(w int) string {
	title := f.Title()
	if !f.repeated.IsZero() {
		title += " · repeating " + f.com.Date(f.repeated)
	}
	return f.com.Styles.Title.Render(kit.FitCell(title, w, false))
}

// discards names what esc would throw away.
func (f *orderForm) Discards() string {
	if f.orig != nil {
		return "these corrections"
	}
	return "this order"
}

// View implements fields: a blank line under the banner, then the fields.
func (f *orderForm) View() string {
	st := f.com.Styles
	var b strings.Builder
	// The line under the banner: what to mind for this customer.
	if len(f.onOrder) > 0 {
		b.WriteString(st.Warn.Render(kit.TruncateWords(strings.Join(f.onOrder, " · "), f.w)))
	}
	b.WriteString("\n")
	label := func(s string, i int) string {
		l := kit.FitCell(s, labelW, false)
		if f.focus == i {
			return st.Accent.Render("▸") + st.Label.Render(l[:labelW-1]) + " "
		}
		return st.Label.Render(l) + " "
	}
	kinds := []string{"sale", "refund"}
	for i, k := range kinds {
		if model.OrderKind(k) == f.kind {
			kinds[i] = st.Selected.Render("● " + k)
		} else {
			kinds[i] = st.Muted.Render("○ " + k)
		}
	}
	b.WriteString(label("Kind", fieldKind) + strings.Join(kinds, "  ") + "\n")
	b.WriteString(label("Date", fieldDate) + f.inputCell(&f.date, 12) + f.errNote(fieldDate) + "\n")

	itemW := f.itemW()
	b.WriteString(st.ColHead.Render(kit.FitCell("Lines", labelW, false) + " " + kit.FitCell("item", itemW, false) + " " +
		kit.FitCell("qty", qtyW, false) + " " + kit.FitCell("unit price", priceW, false) + " " + kit.FitCell("amount", amountW, true)))
	b.WriteString("\n")
	var total model.Money
	sign := int64(1)
	if f.kind == model.OrderRefund {
		sign = -1
	}
	n := f.visibleLines()
	for i, ln := range f.lines {
		amount, ok := ln.amount(sign)
		if ok {
			total += amount
		}
		if i < f.top || i >= f.top+n {
			continue
		}
		base := fieldLines + lineCols*i
		mark := "  "
		if f.focus >= base && f.focus < base+lineCols {
			mark = st.Accent.Render("▸ ")
		}
		amt := ""
		if ok {
			amt = f.com.Money(amount)
		}
		b.WriteString(mark + kit.FitCell(fmt.Sprintf("%d", i+1), labelW-2, true) + " " + f.inputCell(&ln.item, itemW) + " " +
			f.inputCell(&ln.qty, qtyW) + " " + f.inputCell(&ln.price, priceW) + " " + kit.FitCell(amt, amountW, true) + "\n")
	}
	if hidden := len(f.lines) - n; hidden > 0 {
		b.WriteString(st.Muted.Render(kit.FitCell(fmt.Sprintf("  … %d more lines: ↑/↓ to scroll", hidden), f.w, false)) + "\n")
	}
	b.WriteString(label("Note", f.notesField()) + f.inputCell(&f.notes, max(f.w-labelW-2, 8)) + "\n")
	// The payment's due day shares the total's line: no line of the
	// order is lost to it.
	due := label("Due", f.dueField()) + f.inputCell(&f.due, 12)
	if msg, bad := f.errs[f.dueField()]; bad {
		due += " " + f.com.Styles.Bad.Render("✗ "+kit.Truncate(kit.Clean(msg), max(f.w-labelW-36, 8)))
	}
	b.WriteString(due + kit.FitCell("Total "+f.com.Money(total), max(f.w-1-kit.Width(due), 1), true) + "\n")
	b.WriteString(f.hint())
	return b.String()
}

// amount is the line's amount as typed so far, if it reads.
func (l *orderLine) amount(sign int64) (model.Money, bool) {
	if strings.TrimSpace(l.item.Value()) == "" && strings.TrimSpace(l.price.Value()) == "" {
		return 0, false
	}
	qty := int64(1)
	if s := strings.TrimSpace(l.qty.Value()); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return 0, false
		}
		qty = n
	}
	price, err := model.ParseDecimal(l.price.Value())
	if err != nil || price.Units < 0 {
		return 0, false
	}
	return price.Times(sign * qty)
}

// inputCell draws an input at exactly w columns; a field at fault is marked.
func (f *orderForm) inputCell(ti *textinput.Model, w int) string {
	v := ti.View()
	if sw := ansi.StringWidth(v); sw > w {
		v = ansi.Truncate(v, w, "")
	} else {
		v += strings.Repeat(" ", w-sw)
	}
	return v
}

// errNote is field i's message, shown beside it.
func (f *orderForm) errNote(i int) string {
	if msg, ok := f.errs[i]; ok {
		return " " + f.com.Styles.Bad.Render("✗ "+kit.Clean(msg))
	}
	return ""
}

// hint is the last line: the first field at fault, or what the focused
// field expects.
func (f *orderForm) hint() string {
	st := f.com.Styles
	for i := 0; i < f.fieldCount(); i++ {
		if msg, ok := f.errs[i]; ok {
			return st.Bad.Render(kit.Truncate("✗ "+kit.Clean(f.fieldName(i)+": "+msg), f.w))
		}
	}
	var h string
	switch {
	case f.focus == fieldKind:
		h = "space switches sale and refund; a refund is typed with positive quantities"
	case f.focus == fieldDate:
		h = f.com.DateHint() + ", or -3 for three days ago"
	case f.focus == f.dueField():
		h = "billed for later: the day payment is due (" + f.com.Settings.DateOrder.Example() + ", +30…); empty: paid now"
	case f.focus == f.notesField():
		h = "enter or ctrl+s saves; tab: the payment's due day, to bill it for later"
	default:
		// A line: what its offering is, then what the field in focus takes.
		ln := f.lines[(f.focus-fieldLines)/lineCols]
		var parts []string
		if o := ln.offering; o != nil {
			parts = append(parts, fmt.Sprintf("%s: %s each", o.Name, f.com.Money(o.Price)))
			if o.SKU != "" {
				parts[0] = o.SKU + " · " + parts[0]
			}
		}
		switch (f.focus - fieldLines) % lineCols {
		case colQty:
			parts = append(parts, "how many: a whole number; empty means 1")
		case colPrice:
			if ln.offering != nil {
				parts = append(parts, "type another price to charge that")
			} else {
				parts = append(parts, "the price of one, e.g. 12.50")
			}
		default:
			// The offerings what was typed could be, tab taking the first.
			if m := ln.item.MatchedSuggestions(); ln.offering == nil && len(m) > 0 {
				cur := min(max(ln.item.CurrentSuggestionIndex(), 0), len(m)-1)
				h := "tab takes " + kit.Clean(m[cur])
				if others := slices.Delete(slices.Clone(m), cur, cur+1); len(others) > 0 {
					h += "; ctrl+n: " + kit.Clean(strings.Join(others, " · "))
				}
				parts = append(parts, h)
				break
			}
			if ln.offering == nil {
				parts = append(parts, "an offering (tab or → completes it) or free text; an empty line is ignored")
			}
		}
		h = strings.Join(parts, " · ")
	}
	return st.Muted.Render(kit.FitCell(h, f.w, false))
}

// shortHelp is saving and moving between fields, and on the kind, the
// key that switches it.
func (f *orderForm) Keys([]key.Binding) []key.Binding {
	keys := []key.Binding{f.keys.Save, f.keys.Next, f.keys.Prev}
	if f.focus == fieldKind {
		keys = append(keys, f.keys.Kind)
	}
	return keys
}

// keyBinds implements fields.
func (f *orderForm) KeyBinds() []key.Binding { return f.Keys(nil) }

// fullHelp lists every key of the form.
func (f *orderForm) AllKeys() [][]key.Binding {
	return [][]key.Binding{{f.keys.Save, f.keys.Cancel}, {f.keys.Next, f.keys.Prev, f.keys.Up, f.keys.Down},
		{f.keys.Kind, f.keys.Refund, f.keys.Sale, f.keys.TakeOffering, f.keys.Complete, f.keys.NextSuggestion, f.keys.PrevSuggestion}}
}
