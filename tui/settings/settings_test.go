package settings_test

import (
	"context"
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
	// A setting the form does not show is kept as it was.
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
	// The first segment by name, Gift buyers: every 30 days.
	tuitest.MustContain(t, d.Screen(), "Gift buyers: every")
	d.Keys("30", "enter", "enter", "enter")
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
