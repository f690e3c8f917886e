package customers_test

import (
	"context"
	"strings"
	"testing"

	"clientele/model"
	"clientele/store"
	"clientele/tui"
	"clientele/tui/kit"
	"clientele/tui/tuitest"
)

// messageDriver is the app on the reach fixture with a desktop that
// records what it is handed, the editor given.
func messageDriver(t *testing.T, editor string) (*tuitest.Driver, *store.DB, map[string]int64, *tuitest.Desktop) {
	t.Helper()
	db, ids := tuitest.ReachStore(t)
	fd := tuitest.NewDesktop(t, editor)
	d := newDriverWith(t, db, 80, 24, tui.Options{Desktop: fd.Desktop, Exec: tuitest.Exec})
	return d, db, ids, fd
}

// logged returns the summaries of the contacts in a customer's timeline.
func logged(t *testing.T, db *store.DB, id int64) []string {
	t.Helper()
	tl, err := db.Timeline(context.Background(), id, 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range tl {
		if e.Kind == model.TimelineTouch {
			out = append(out, e.Summary)
		}
	}
	return out
}

// M on the detail writes the follow-up for the preferred channel; enter
// opens it in the mail program (a mailto: link, never sent from here)
// and logs the contact with its channel and template; ctrl+z takes the
// log back.
func TestMessageFromTheDetail(t *testing.T) {
	t.Parallel()
	d, db, ids, fd := messageDriver(t, "")
	ada := ids["Ada Lovelace"]
	d.Send(kit.OpenCustomerMsg{ID: ada})
	d.Keys("M")
	tuitest.MustContain(t, d.Screen(), "Message to Ada Lovelace",
		"by        email · opens in your mail program to ada@example.com", "template  ← Follow-up →",
		"subject   Checking in", "Hi Ada,", "Best wishes,", "enter open & log")
	if len(fd.Opened) != 0 || len(logged(t, db, ada)) != 0 {
		t.Fatal("opening the message handed it over or logged it")
	}
	d.Keys("enter")
	if len(fd.Opened) != 1 || !strings.HasPrefix(fd.Opened[0], "mailto:ada@example.com?subject=Checking%20in&body=Hi%20Ada%2C%0D%0A") {
		t.Fatalf("opened %q", fd.Opened)
	}
	tuitest.MustContain(t, d.Screen(), "Follow-up: opened in the mail program, logged by email. ctrl+z undoes.",
		"Reminders       due ") // back on the detail
	if got := logged(t, db, ada); len(got) != 1 || got[0] != "email: Follow-up" {
		t.Fatalf("logged %q", got)
	}
	d.Keys("ctrl+z")
	if got := logged(t, db, ada); len(got) != 0 {
		t.Fatalf("after ctrl+z the log holds %q", got)
	}
}

// Marketing templates are offered only by a channel the customer
// consented to: Ada agreed to email, so the occasion's greeting is among
// the templates by email and not by phone.
func TestMessageOffersMarketingOnlyWithConsent(t *testing.T) {
	t.Parallel()
	d, _, ids, _ := messageDriver(t, "")
	d.Send(kit.OpenCustomerMsg{ID: ids["Ada Lovelace"]})
	d.Keys("M")
	var seen []string
	for range model.TemplateKinds {
		line := templateLine(d.Screen())
		seen = append(seen, line)
		d.Keys("right")
	}
	if !strings.Contains(strings.Join(seen, "\n"), "Birthday or occasion") ||
		!strings.Contains(strings.Join(seen, "\n"), "Reorder nudge") {
		t.Fatalf("by email with consent, the marketing templates were not offered: %q", seen)
	}
	for !strings.Contains(d.Screen(), "Birthday or occasion") {
		d.Keys("right")
	}
	tuitest.MustContain(t, d.Screen(), "marketing: consented", "With your birthday coming up on 26 November")
	d.Keys("c") // by phone: no consent, so back to the follow-up
	tuitest.MustContain(t, d.Screen(), "by        phone · copied to the clipboard", "template  ← Follow-up →")
	for range model.TemplateKinds {
		if l := templateLine(d.Screen()); strings.Contains(l, "Birthday") || strings.Contains(l, "Reorder") {
			t.Fatalf("a marketing template offered by phone: %q", l)
		}
		d.Keys("right")
	}
}

// templateLine is the message screen's template line.
func templateLine(screen string) string {
	for l := range strings.SplitSeq(screen, "\n") {
		if strings.HasPrefix(l, "template") {
			return l
		}
	}
	return ""
}

// e opens the message in the editor first; what was saved is what the
// mail program gets.
func TestMessageEditedFirst(t *testing.T) {
	t.Parallel()
	d, db, ids, fd := messageDriver(t, "sed -i s/^Hi/Hello/")
	d.Send(kit.OpenCustomerMsg{ID: ids["Ada Lovelace"]})
	d.Keys("M", "e")
	if len(fd.Opened) != 1 || !strings.Contains(fd.Opened[0], "body=Hello%20Ada%2C") {
		t.Fatalf("opened %q", fd.Opened)
	}
	if got := logged(t, db, ids["Ada Lovelace"]); len(got) != 1 {
		t.Fatalf("logged %q", got)
	}
}

// Without an editor, e says so and hands nothing over.
func TestMessageWithoutAnEditor(t *testing.T) {
	t.Parallel()
	d, db, ids, fd := messageDriver(t, "")
	d.Send(kit.OpenCustomerMsg{ID: ids["Ada Lovelace"]})
	d.Keys("M", "e")
	tuitest.MustContain(t, d.Screen(), "set $EDITOR", "Message to Ada Lovelace")
	if len(fd.Opened) != 0 || len(logged(t, db, ids["Ada Lovelace"])) != 0 {
		t.Fatal("a message went out without its editor")
	}
}
