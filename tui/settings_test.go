package tui

import (
	"context"
	"strings"
	"testing"

	"clientele/model"
)

func TestSettingsFormNamesABadRateAndKeepsTyping(t *testing.T) {
	db := fixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys(",")
	mustContain(t, d.screen(), "hourly rate £25.00", "Saved feedback questions", "What almost stopped you")
	d.keys("e")
	mustContain(t, d.screen(), "Edit settings", "Business name")
	d.keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace",
		"backspace", "backspace", "backspace", "Hearth & Lye", "enter", "enter")
	for range 5 {
		d.keys("backspace")
	}
	d.keys("2O.50", "enter")
	mustContain(t, d.screen(), `Hourly rate  ✗ amount "2O.50" is not a number`, "Hearth & Lye")
	d.keys("backspace", "backspace", "backspace", "backspace", "0.50", "enter")
	for range 3 {
		d.keys("enter") // tiers
	}
	// The daily review's size: 0 is refused by name, 30 kept.
	d.keys("backspace", "backspace", "0", "enter")
	mustContain(t, d.screen(), "Customers to list each day  ✗ 0 is not between 1 and 1000")
	d.keys("backspace", "30", "enter")
	d.keys("enter", "enter", "enter", "enter") // advocates, customers, prospects, thank-you
	d.keys("backspace", "backspace", "backspace", "q", "enter")
	mustContain(t, d.screen(), `✗ "q" is not a number such as 1.5`) // q typed, not quit
	d.keys("backspace", "2", "enter", "enter", "enter", "enter")
	// The first segment by name, Gift buyers: every 30 days.
	mustContain(t, d.screen(), "Gift buyers: every")
	d.keys("30", "enter", "enter", "enter")
	mustContain(t, d.screen(), "Settings saved.", "Hearth & Lye", "hourly rate £20.50", "Gift buyers every 30",
		"lists the 30 most urgent customers")
	s, err := db.Settings(context.Background())
	if err != nil || s.HourlyRate != 2050 || s.ReorderFactor != 2 || s.BusinessName != "Hearth & Lye" || s.ReviewSize != 30 {
		t.Errorf("saved %+v, %v", s, err)
	}
}

func TestSettingsSayWhichRulesAreOffAndWrapLongValues(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	d := newDriver(t, db, 80, 24)
	d.keys("7")
	mustContain(t, d.screen(), "Segments           none has its own; e sets days per segment")
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
	d.send(dataChangedMsg{})
	mustContain(t, d.screen(), "advocates off · customers off", "review off · thank-you off",
		"Local independent shops every 22 days", "Wholesale trade customers every 20 days")
	mustLack(t, d.screen(), "every 0 days", "for 0 days", "…")
}

func TestSavedQuestionsAddAndDelete(t *testing.T) {
	db := fixtureStore(t)
	d := newDriver(t, db, 80, 24)
	d.keys("7", "a", "enter")
	mustContain(t, d.screen(), "Not saved: the question is required.")
	d.keys("Would you buy this again?", "enter")
	mustContain(t, d.screen(), "Saved the question.", "Would you buy this again?")
	d.keys("x")
	mustContain(t, d.screen(), "Deleted the question")
	qs, _ := db.SavedQuestions(context.Background())
	if len(qs) != 3 || strings.HasPrefix(qs[0].Text, "What is one service") {
		t.Errorf("questions %+v", qs)
	}
}
