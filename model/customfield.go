package model

import (
	"slices"
	"strings"
	"time"
)

// FieldKind is the type of a custom field's values.
type FieldKind string

// The custom field kinds.
const (
	FieldText   FieldKind = "text"
	FieldNumber FieldKind = "number"
	FieldDate   FieldKind = "date"
	FieldYesNo  FieldKind = "yes/no"
	FieldChoice FieldKind = "choice"
)

// FieldKinds lists them.
var FieldKinds = []FieldKind{FieldText, FieldNumber, FieldDate, FieldYesNo, FieldChoice}

// MaxChoices bounds a choice field's options.
const MaxChoices = 50

// CustomField is a field the owner adds to every customer: "Allergies"
// (text), "Skin type" (a choice), "Gate code", "Wholesale licence"
// (yes/no). Values are kept per customer as text in a canonical form (see
// NormalizeValue), so they sort, filter and export as written.
type CustomField struct {
	ID      int64
	Name    string
	Kind    FieldKind
	Choices []string // a choice field's options, in order
	// OnOrder shows the field, with the customer's value, when taking an
	// order for them ("Allergies: lavender").
	OnOrder  bool
	Position int // the order fields are shown in
}

// Normalize trims the name and the choices, dropping empty and repeated
// ones.
func (f *CustomField) Normalize() {
	f.Name = strings.Join(strings.Fields(f.Name), " ")
	f.Choices = NormalizeNames(f.Choices)
	if f.Kind != FieldChoice {
		f.Choices = nil
	}
}

// Validate checks the definition.
func (f *CustomField) Validate() error {
	var es Errors
	if strings.TrimSpace(f.Name) == "" {
		es.add("name", Invalid("name", "is required"))
	}
	es.add("name", maxLen(f.Name, 60))
	if !slices.Contains(FieldKinds, f.Kind) {
		es.add("kind", Invalid("kind", "%q is not text, number, date, yes/no or choice", f.Kind))
	}
	if f.Kind == FieldChoice && len(f.Choices) == 0 {
		es.add("choices", Invalid("choices", "a choice field needs its options"))
	}
	if len(f.Choices) > MaxChoices {
		es.add("choices", Invalid("choices", "%d options is more than %d", len(f.Choices), MaxChoices))
	}
	for _, c := range f.Choices {
		es.add("choices", maxLen(c, 60))
	}
	return es.err()
}

// NormalizeValue checks v against the field's kind and returns it in its
// canonical form: text trimmed, a number as a plain decimal ("1.5"), a
// date as YYYY-MM-DD, yes/no as "yes" or "no", a choice as the option's
// own spelling. An empty value (after trimming) means "not set" and is
// returned as "". today reads relative dates ("today", "+7").
func (f *CustomField) NormalizeValue(v string, today time.Time) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	bad := func(format string, args ...any) (string, error) { return "", Invalid(f.Name, format, args...) }
	switch f.Kind {
	case FieldText:
		if err := maxLen(v, maxText); err != nil {
			return bad("%s", err.(*FieldError).Msg)
		}
		return v, nil
	case FieldNumber:
		d, err := ParseDecimal(strings.ReplaceAll(v, ",", ""))
		if err != nil {
			return bad("%q is not a number", v)
		}
		return d.String(), nil
	case FieldDate:
		t, err := ParseDate(v, today)
		if err != nil {
			return bad("%q is not a date (YYYY-MM-DD)", v)
		}
		return FormatDate(t), nil
	case FieldYesNo:
		switch strings.ToLower(v) {
		case "yes", "y", "true", "1", "x", "✓":
			return "yes", nil
		case "no", "n", "false", "0":
			return "no", nil
		}
		return bad("%q is not yes or no", v)
	case FieldChoice:
		for _, c := range f.Choices {
			if strings.EqualFold(c, v) {
				return c, nil
			}
		}
		return bad("%q is not one of %s", v, strings.Join(f.Choices, ", "))
	}
	return bad("the field's kind %q is unknown", f.Kind)
}

// FieldValue is one customer's value of a custom field.
type FieldValue struct {
	FieldID int64
	Name    string    // the field's name, filled in when read
	Kind    FieldKind // likewise
	Value   string
}

// FieldsByID indexes field definitions by id.
func FieldsByID(fs []CustomField) map[int64]*CustomField {
	m := make(map[int64]*CustomField, len(fs))
	for i := range fs {
		m[fs[i].ID] = &fs[i]
	}
	return m
}

// NormalizeValues checks a customer's values against the definitions
// (by id) and returns them canonical, dropping the empty ones; an unknown
// field is an error naming its id.
func NormalizeValues(vs []FieldValue, defs map[int64]*CustomField, today time.Time) ([]FieldValue, error) {
	var es Errors
	var out []FieldValue
	for _, v := range vs {
		def, ok := defs[v.FieldID]
		if !ok {
			es.add("custom fields", Invalid("custom fields", "field %d does not exist", v.FieldID))
			continue
		}
		canon, err := def.NormalizeValue(v.Value, today)
		if err != nil {
			es.add(def.Name, err)
			continue
		}
		if canon == "" {
			continue
		}
		if slices.ContainsFunc(out, func(o FieldValue) bool { return o.FieldID == def.ID }) {
			es.add(def.Name, Invalid(def.Name, "is given twice"))
			continue
		}
		out = append(out, FieldValue{FieldID: def.ID, Name: def.Name, Kind: def.Kind, Value: canon})
	}
	return out, es.err()
}
