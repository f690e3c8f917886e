package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Merging two customers who are one person: everything of the other moves
// to the customer kept (the store moves the records); their own fields
// are decided here. A field empty on the kept customer is filled from the
// other; a field both have, set differently, is a conflict: the kept
// customer's value stands unless the owner takes the other's. Nothing is
// lost: the other's notes are added to the kept customer's, with every
// value of theirs that was not taken.

// MergeConflict is a field both customers have, set differently.
type MergeConflict struct {
	Field       string // as MergeFields names it: "email", "phone" …
	Keep, Other string // the two values, as text
}

// MergeFields lists the fields a merge decides, in the form's order.
var MergeFields = []string{"name", "email", "phone", "social", "company", "country", "address", "channel", "stage",
	"fit", "language", "tier", "source", "acquisition cost", "referred by", "next review", "let go reason"}

// The conflicts beyond MergeFields: the birthday (a customer has one),
// and each custom field, named FieldConflict + its name.
const (
	BirthdayConflict = "birthday"
	FieldConflict    = "field "
)

// MergePlan is what merging Other into Keep will do: the customer kept as
// it will be (with Keep's choices), and the fields to choose.
type MergePlan struct {
	Keep, Other Customer
	Merged      Customer
	Conflicts   []MergeConflict
}

// mergeField is one field of a customer, as text, with a setter.
type mergeField struct {
	get func(c *Customer) string
	set func(dst, src *Customer)
}

// mergeFields reads and writes each field MergeFields names.
var mergeFields = map[string]mergeField{
	"name":    {func(c *Customer) string { return c.Name }, func(d, s *Customer) { d.Name = s.Name }},
	"email":   {func(c *Customer) string { return c.Email }, func(d, s *Customer) { d.Email = s.Email }},
	"phone":   {func(c *Customer) string { return c.Phone }, func(d, s *Customer) { d.Phone = s.Phone }},
	"social":  {func(c *Customer) string { return c.Social }, func(d, s *Customer) { d.Social = s.Social }},
	"company": {func(c *Customer) string { return c.Company }, func(d, s *Customer) { d.Company = s.Company }},
	"country": {func(c *Customer) string { return c.Country }, func(d, s *Customer) { d.Country = s.Country }},
	"channel": {func(c *Customer) string { return string(c.Channel) }, func(d, s *Customer) { d.Channel = s.Channel }},
	"stage": {func(c *Customer) string {
		if c.Stage == StageProspect {
			return "" // the stage every customer starts at is no choice made
		}
		return string(c.Stage)
	}, func(d, s *Customer) { d.Stage = s.Stage }},
	"fit":      {func(c *Customer) string { return intText(c.Fit) }, func(d, s *Customer) { d.Fit = s.Fit }},
	"language": {func(c *Customer) string { return c.Language }, func(d, s *Customer) { d.Language = s.Language }},
	"tier":     {func(c *Customer) string { return intText(c.Tier) }, func(d, s *Customer) { d.Tier = s.Tier }},
	"source":   {func(c *Customer) string { return c.Source }, func(d, s *Customer) { d.Source = s.Source }},
	"acquisition cost": {func(c *Customer) string {
		if c.AcquisitionCost == 0 {
			return ""
		}
		return c.AcquisitionCost.String()
	}, func(d, s *Customer) { d.AcquisitionCost = s.AcquisitionCost }},
	"referred by": {func(c *Customer) string { return intText(int(c.ReferredBy)) },
		func(d, s *Customer) { d.ReferredBy = s.ReferredBy }},
	"next review": {func(c *Customer) string { return dayText(c.NextReview) },
		func(d, s *Customer) { d.NextReview = s.NextReview }},
	"let go reason": {func(c *Customer) string { return c.LetGoReason },
		func(d, s *Customer) { d.LetGoReason = s.LetGoReason }},
	"address": {func(c *Customer) string { return c.Address.OneLine("") },
		func(d, s *Customer) { d.Address = s.Address }},
}

func intText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func dayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return FormatDate(t)
}

// PlanMerge decides the customer kept when other is merged into keep,
// taking other's value of each conflicting field named in take. Neither
// refers to the other after it: a referral between the two is dropped.
func PlanMerge(keep, other Customer, take map[string]bool) MergePlan {
	p := MergePlan{Keep: keep, Other: other, Merged: keep}
	m := &p.Merged
	// A referral between the two is a referral of one person by itself.
	if other.ReferredBy == keep.ID {
		other.ReferredBy = 0
	}
	if m.ReferredBy == other.ID {
		m.ReferredBy = 0
	}
	var dropped []string
	for _, f := range MergeFields {
		mf := mergeFields[f]
		k, o := mf.get(m), mf.get(&other)
		switch {
		case o == "" || k == o:
		case k == "":
			mf.set(m, &other)
		default:
			p.Conflicts = append(p.Conflicts, MergeConflict{Field: f, Keep: k, Other: o})
			if take[f] {
				mf.set(m, &other)
				dropped = append(dropped, f+" "+k)
			} else {
				dropped = append(dropped, f+" "+o)
			}
		}
	}
	m.Segments = NormalizeNames(append(slices.Clone(keep.Segments), other.Segments...))
	m.Values = NormalizeTags(append(slices.Clone(keep.Values), other.Values...))
	// Consent given under either record is the person's.
	for _, c := range []struct{ k, o *time.Time }{{&m.Consent.Email, &other.Consent.Email},
		{&m.Consent.SMS, &other.Consent.SMS}, {&m.Consent.Post, &other.Consent.Post}} {
		if c.k.IsZero() {
			*c.k = *c.o
		}
	}
	// Reminders and occasions: all of both, one birthday.
	m.Reminders = append(slices.Clone(keep.Reminders), other.Reminders...)
	m.Occasions = slices.Clone(keep.Occasions)
	for _, o := range other.Occasions {
		i := slices.IndexFunc(m.Occasions, func(k Occasion) bool {
			return k.Kind == o.Kind && (o.Kind == OccasionBirthday || k.Name == o.Name && k.Month == o.Month && k.Day == o.Day)
		})
		switch {
		case i < 0:
			m.Occasions = append(m.Occasions, o)
		case o.Kind != OccasionBirthday || sameDate(m.Occasions[i], o):
		default:
			p.Conflicts = append(p.Conflicts, MergeConflict{Field: BirthdayConflict, Keep: m.Occasions[i].DateText(),
				Other: o.DateText()})
			if take[BirthdayConflict] {
				dropped = append(dropped, "birthday "+m.Occasions[i].DateText())
				m.Occasions[i] = o
			} else {
				dropped = append(dropped, "birthday "+o.DateText())
			}
		}
	}
	// Custom fields: keep's values, the other's where keep has none.
	m.Fields = slices.Clone(keep.Fields)
	for _, f := range other.Fields {
		i := slices.IndexFunc(m.Fields, func(k FieldValue) bool { return k.FieldID == f.FieldID })
		switch {
		case i < 0:
			m.Fields = append(m.Fields, f)
		case m.Fields[i].Value == f.Value:
		default:
			name := FieldConflict + f.Name
			p.Conflicts = append(p.Conflicts, MergeConflict{Field: name, Keep: m.Fields[i].Value, Other: f.Value})
			if take[name] {
				dropped = append(dropped, f.Name+" "+m.Fields[i].Value)
				m.Fields[i] = f
			} else {
				dropped = append(dropped, f.Name+" "+f.Value)
			}
		}
	}
	if !other.CreatedAt.IsZero() && (m.CreatedAt.IsZero() || other.CreatedAt.Before(m.CreatedAt)) {
		m.CreatedAt = other.CreatedAt // the relationship began with the first of the two
	}
	if !other.SnoozedUntil.IsZero() && other.SnoozedUntil.After(m.SnoozedUntil) {
		m.SnoozedUntil = other.SnoozedUntil
	}
	if m.Archived() && !other.Archived() {
		m.ArchivedAt = time.Time{} // one of the two is still on the books
	}
	var note []string
	if other.Notes != "" && other.Notes != keep.Notes {
		note = append(note, other.Notes)
	}
	if len(dropped) > 0 {
		note = append(note, "Not kept: "+strings.Join(dropped, "; "))
	}
	if len(note) > 0 {
		head := fmt.Sprintf("Merged from %s (customer %d):", other.Name, other.ID)
		m.Notes = strings.TrimSpace(strings.TrimSpace(m.Notes) + "\n\n" + head + "\n" + strings.Join(note, "\n"))
	}
	return p
}

// sameDate reports whether two occasions fall on one date.
func sameDate(a, b Occasion) bool { return a.Month == b.Month && a.Day == b.Day && a.Year == b.Year }
