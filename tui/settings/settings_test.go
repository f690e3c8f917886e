package settings_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"clientele/model"
	"clientele/tui/kit"
	"clientele/tui/tuitest"
)

func TestSettingsFormNamesABadRateAndKeepsTyping(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	// A setting left alone is kept as it was.
	was, _ := db.Settings(ctx)
	was.OccasionDays = 11
	if err := db.SaveSettings(ctx, was); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, 80, 24)
	d.Keys(",")
	tuitest.MustContain(t, d.Screen(), "hourly rate £25.00", "suggests as former off", "Saved feedback questions", "What almost stopped you")
	d.Keys("e")
	tuitest.MustContain(t, d.Screen(), "Edit settings", "Business name")
	d.Keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace",
		"backspace", "backspace", "backspace", "Hearth & Lye", "enter") // the hourly rate comes second
	for range 5 {
		d.Keys("backspace")
	}
	d.Keys("2O.50", "enter")
	tuitest.MustContain(t, d.Screen(), `Hourly rate  ✗ amount "2O.50" is not a number`, "Hearth & Lye")
	d.Keys("backspace", "backspace", "backspace", "backspace", "0.50", "enter")
	d.Keys("enter", "right", "enter", "enter", "enter", "enter") // currency; dates day first; tiers
	// The daily review's size: 0 is refused by name, 30 kept.
	d.Keys("backspace", "backspace", "0", "enter")
	tuitest.MustContain(t, d.Screen(), "Customers to list each day  ✗ 0 is not between 1 and 1000")
	d.Keys("backspace", "30", "enter")
	d.Keys("enter", "enter", "enter", "enter") // advocates, customers, prospects, thank-you
	d.Keys("backspace", "backspace", "backspace", "q", "enter")
	tuitest.MustContain(t, d.Screen(), `✗ "q" is not a number such as 1.5`) // q typed, not quit
	d.Keys("backspace", "2", "enter")
	tuitest.MustContain(t, d.Screen(), "Suggest as former after (days, 0 off)", "never moved")
	d.Keys("backspace", "400", "enter", "enter", "enter", "enter")
	tuitest.MustContain(t, d.Screen(), "Occasions: days before")
	d.Keys("enter")
	// The first segment by name, Gift buyers: every 30 days.
	tuitest.MustContain(t, d.Screen(), "Gift buyers: every")
	d.Keys("30", "enter", "enter", "enter", "enter") // the other segments, then Replicate to, last
	tuitest.MustContain(t, d.Screen(), "Settings saved.", "Hearth & Lye", "hourly rate £20.50", "Gift buyers every 30",
		"lists the 30 most urgent customers", "suggests as former after 400 days", "dates as 24/12/2026")
	s, err := db.Settings(ctx)
	if err != nil || s.HourlyRate != 2050 || s.ReorderFactor != 2 || s.BusinessName != "Hearth & Lye" || s.ReviewSize != 30 ||
		s.FormerDays != 400 || s.OccasionDays != 11 {
		t.Errorf("saved %+v, %v", s, err)
	}
}

func TestSettingsSayWhichRulesAreOffAndWrapLongValues(t *testing.T) {
	t.Parallel()
	db := tuitest.OpenStore(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 24)
	d.Keys("7")
	tuitest.MustContain(t, d.Screen(), "Segments           none has its own; e sets days per segment")
	s := model.DefaultSettings()
	s.AdvocateDays, s.ProspectDays, s.ThankYouDays = 0, 0, 0
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Wholesale trade customers", "Teen fashion boutiques", "Local independent shops"} {
		if err := db.CreateSegment(ctx, &model.Segment{Name: name, CadenceDays: 20 + i}); err != nil {
			t.Fatal(err)
		}
	}
	d.Send(kit.DataChangedMsg{})
	tuitest.MustContain(t, d.Screen(), "advocates off · customers off", "review off · thank-you off",
		"Local independent shops every 22 days", "Wholesale trade customers every 20 days")
	tuitest.MustLack(t, d.Screen(), "every 0 days", "for 0 days", "…")
}

func TestSavedQuestionsAddAndDelete(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys("7", "a", "enter")
	tuitest.MustContain(t, d.Screen(), "Not saved: the question is required.")
	d.Keys("Would you buy this again?", "enter")
	tuitest.MustContain(t, d.Screen(), "Saved the question.", "Would you buy this again?")
	d.Keys("x")
	tuitest.MustContain(t, d.Screen(), "Deleted the question")
	qs, _ := db.SavedQuestions(context.Background())
	if len(qs) != 3 || strings.HasPrefix(qs[0].Text, "What is one service") {
		t.Errorf("questions %+v", qs)
	}
}

// The occasion days are a field of the daily review's group: 61 is
// refused by name, 14 saved and shown.
func TestOccasionDaysInSettings(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.Keys(",")
	tuitest.MustContain(t, d.Screen(), "Settings  e edits · occasions 7 days ahead · templates as shipped · no fields")
	d.Keys("e")
	for range 7 + 10 { // the business group, then the review's fields before it
		d.Keys("enter")
	}
	tuitest.MustContain(t, d.Screen(), "Occasions: days before")
	d.Keys("backspace", "61", "enter")
	tuitest.MustContain(t, d.Screen(), "✗ 61 is not between 0 and 60")
	d.Keys("backspace", "backspace", "14", "enter", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Settings saved.", "occasions 14 days ahead")
	if s, err := db.Settings(context.Background()); err != nil || s.OccasionDays != 14 {
		t.Errorf("saved %+v, %v", s, err)
	}
}

// t lists the message templates; enter rewrites one (a placeholder that
// is not one is refused by name, nothing typed is lost), r goes back to
// the one shipped, and ctrl+z undoes that.
func TestTemplatesInSettings(t *testing.T) {
	t.Parallel()
	db := tuitest.FixtureStore(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 24)
	d.Keys(",")
	tuitest.MustContain(t, d.Screen(), "templates as shipped", "t message templates")
	d.Keys("t")
	tuitest.MustContain(t, d.Screen(), "▸ Thank you after a first order", "Reorder nudge", "marketing",
		"subject Thank you from {business}", "Hi {first_name},")
	d.Keys("down", "enter")
	tuitest.MustContain(t, d.Screen(), "Template · Reorder nudge", "Name", "{first_name} {name}")
	d.Keys("enter")
	for range len("Running low?") {
		d.Keys("backspace")
	}
	d.Keys("Time for more, {frist_name}?", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "{frist_name} is not a placeholder")
	for range len("{frist_name}?") {
		d.Keys("backspace")
	}
	d.Keys("{first_name}?", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved the template Reorder nudge.", "yours",
		"subject Time for more, {first_name}?")
	ts, err := db.Templates(ctx)
	if err != nil || ts[1].Subject != "Time for more, {first_name}?" || !ts[1].Edited || !ts[1].Marketing {
		t.Fatalf("stored %+v (%v)", ts[1], err)
	}
	d.Keys("r")
	tuitest.MustContain(t, d.Screen(), "Reorder nudge is back to the one shipped.", "subject Running low?")
	d.Keys("ctrl+z")
	tuitest.MustContain(t, d.Screen(), "subject Time for more, {first_name}?")
	d.Keys("esc")
	tuitest.MustContain(t, d.Screen(), "1 template yours")
}

// f lists the custom fields: a adds one (a choice without its options is
// refused by name), x deletes one with its values, and ctrl+z brings
// both back.
func TestCustomFieldsInSettings(t *testing.T) {
	t.Parallel()
	db, ids := tuitest.ReachStore(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 24)
	d.Keys(",")
	tuitest.MustContain(t, d.Screen(), "4 fields", "f custom fields")
	d.Keys("f")
	tuitest.MustContain(t, d.Screen(), "▸ Allergies", "text · shown when taking an order",
		"choice: dry, oily, normal")
	d.Keys("a", "Gate code", "enter", "right", "right", "right", "right", "enter", "enter", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Choices  ✗ a choice field needs its options")
	d.Keys("shift+tab", "left", "left", "left", "left", "ctrl+s")
	tuitest.MustContain(t, d.Screen(), "Saved the field Gate code.", "Gate code")
	fs, err := db.CustomFields(ctx)
	gate := slices.IndexFunc(fs, func(f model.CustomField) bool { return f.Name == "Gate code" })
	if err != nil || len(fs) != 5 || gate < 0 || fs[gate].Kind != model.FieldText {
		t.Fatalf("fields %+v (%v)", fs, err)
	}
	d.Keys("x") // Allergies, and Ada's lavender with it
	tuitest.MustContain(t, d.Screen(), "Deleted the field Allergies and its values. ctrl+z undoes.")
	tuitest.MustLack(t, d.Screen(), "shown when taking an order")
	d.Keys("ctrl+z")
	tuitest.MustContain(t, d.Screen(), "▸ Allergies")
	ada, err := db.Customer(ctx, ids["Ada Lovelace"])
	if err != nil || len(ada.Fields) != 4 || ada.Fields[0].Value != "lavender" {
		t.Fatalf("after the undo Ada has %+v (%v)", ada.Fields, err)
	}
}
