package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// validated is a valid record of every type clientele stores, by name:
// the hostile tests poison one text field at a time and expect Validate
// to refuse it. A new type with text joins this list.
func validated() map[string]interface{ Validate() error } {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	s := DefaultSettings()
	return map[string]interface{ Validate() error }{
		"customer": &Customer{Name: "Ada", Stage: StageCustomer, Values: []string{"speed"}, Segments: []string{"wholesale"},
			RefSource: "etsy", Ref: "42",
			Address:   Address{Line1: "1 Mill Lane", Line2: "Flat 2", Town: "Hebden Bridge", Region: "Yorks", Postcode: "HX7"},
			Occasions: []Occasion{{Kind: OccasionOther, Name: "Mum's birthday", Month: 5, Day: 1, Yearly: true, Note: "gift"}},
			Reminders: []Reminder{{Kind: ReminderNote, Start: day, Every: 1, Note: "ring"}},
			Fields:    []FieldValue{{FieldID: 1, Name: "Allergies", Kind: FieldText, Value: "lavender"}}},
		"occasion":     &Occasion{Kind: OccasionOther, Name: "Anniversary", Month: 5, Day: 1, Yearly: true, Note: "card"},
		"reminder":     &Reminder{Kind: ReminderNote, Start: day, Unit: RepeatWeek, Every: 2, Note: "ring"},
		"custom field": &CustomField{Name: "Skin type", Kind: FieldChoice, Choices: []string{"dry", "oily"}},
		"template":     &Template{Kind: TemplateWish, Name: "Wish", Subject: "Hi {first_name}", Body: "{question}"},
		"order": &Order{OrderedAt: day, Kind: OrderSale, Source: "etsy", ExternalID: "7",
			Lines: []OrderLine{NewLine("Soap", 1, 100, 10)}},
		"offering": &Offering{Name: "Soap", SKU: "S1", Kind: KindProduct},
		"feedback": &Feedback{On: day, Kind: FeedbackWish, Question: "What?", Answer: "More", Theme: "gifts",
			Status: FeedbackNew},
		"complaint": &Complaint{OpenedOn: day, Category: ComplaintQuality, Severity: SeverityMedium, WhatWentWrong: "Late",
			Status: ComplaintOpen},
		"cost":     &Cost{On: day, Category: CostOther, Amount: 100, Note: "post"},
		"touch":    &Touch{CustomerID: 1, At: day, Kind: TouchContact, Summary: "call"},
		"segment":  &Segment{Name: "wholesale", Notes: "trade"},
		"settings": &s,
	}
}

// textFields calls poison for every text field of v (a pointer to a
// struct), strings in slices and the text of structs in slices included,
// with its path and a function that sets it.
func textFields(v reflect.Value, path string, poison func(path string, set func(string))) {
	v = reflect.Indirect(v)
	for i := 0; i < v.NumField(); i++ {
		f, name := v.Field(i), path+"."+v.Type().Field(i).Name
		if !f.CanSet() {
			continue
		}
		switch {
		case f.Kind() == reflect.String:
			poison(name, func(s string) { f.SetString(s) })
		case f.Kind() == reflect.Array && f.Type().Elem().Kind() == reflect.String:
			poison(name+"[0]", func(s string) { f.Index(0).SetString(s) })
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			if f.Len() == 0 {
				f.Set(reflect.Append(f, reflect.Zero(f.Type().Elem())))
			}
			poison(name+"[0]", func(s string) { f.Index(0).SetString(s) })
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct && f.Len() > 0:
			textFields(f.Index(0).Addr(), name+"[0]", poison)
		case f.Kind() == reflect.Struct: // an address
			textFields(f.Addr(), name, poison)
		}
	}
}

// Text enters the book only through Validate: every text field of every
// record refuses a NUL (which cut names and the list's search text short
// in SQLite), whatever else it allows.
func TestEveryTextFieldRefusesNUL(t *testing.T) {
	t.Parallel()
	for kind := range validated() {
		base := validated()[kind]
		if err := base.Validate(); err != nil {
			t.Errorf("the valid %s: %v", kind, err)
			continue
		}
		textFields(reflect.ValueOf(base), kind, func(path string, _ func(string)) {
			rec := validated()[kind]
			textFields(reflect.ValueOf(rec), kind, func(p string, set func(string)) {
				if p == path {
					set("Ada\x00 Lovelace")
				}
			})
			if err := rec.Validate(); !errors.Is(err, ErrInvalid) {
				t.Errorf("%s with a NUL: %v, want a refusal", path, err)
			}
		})
	}
}

// No text field takes a pasted file: each refuses 100,001 characters.
func TestEveryTextFieldIsBounded(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 100_001)
	for kind := range validated() {
		textFields(reflect.ValueOf(validated()[kind]), kind, func(path string, _ func(string)) {
			rec := validated()[kind]
			textFields(reflect.ValueOf(rec), kind, func(p string, set func(string)) {
				if p == path {
					set(long)
				}
			})
			if err := rec.Validate(); !errors.Is(err, ErrInvalid) {
				t.Errorf("%s of %d characters: %v, want a refusal", path, len(long), err)
			}
		})
	}
}
