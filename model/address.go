package model

import (
	"strings"
	"time"
)

// Address is where a customer's post goes: up to two street lines, the
// town, the region (county, state, province), the postcode. The country
// is the customer's Country, which the segment analyses group by too.
type Address struct {
	Line1, Line2 string // street lines: house and street; flat, building or PO box
	Town         string
	Region       string
	Postcode     string
}

// IsZero reports whether no part of the address is known.
func (a Address) IsZero() bool {
	return a.Line1 == "" && a.Line2 == "" && a.Town == "" && a.Region == "" && a.Postcode == ""
}

// Postable reports whether a label could be written: a street line and a
// town or a postcode.
func (a Address) Postable() bool {
	return (a.Line1 != "" || a.Line2 != "") && (a.Town != "" || a.Postcode != "")
}

// Lines returns the address as it is written on an envelope, followed by
// country when it is given: the street lines, "Town Region Postcode" on
// one line (the parts that are known), the country. Empty parts leave no
// blank line.
func (a Address) Lines(country string) []string {
	var out []string
	for _, l := range []string{a.Line1, a.Line2} {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	var last []string
	for _, p := range []string{a.Town, a.Region, a.Postcode} {
		if p = strings.TrimSpace(p); p != "" {
			last = append(last, p)
		}
	}
	if len(last) > 0 {
		out = append(out, strings.Join(last, " "))
	}
	if c := strings.TrimSpace(country); c != "" {
		out = append(out, c)
	}
	return out
}

// OneLine writes the address on one line, parts separated by commas.
func (a Address) OneLine(country string) string { return strings.Join(a.Lines(country), ", ") }

func (a *Address) fields() []*string {
	return []*string{&a.Line1, &a.Line2, &a.Town, &a.Region, &a.Postcode}
}

// normalize trims every part and keeps each to one line.
func (a *Address) normalize() {
	for _, f := range a.fields() {
		*f = strings.Join(strings.Fields(*f), " ")
	}
	if a.Line1 == "" {
		a.Line1, a.Line2 = a.Line2, ""
	}
}

// validate adds the address's errors to es.
func (a *Address) validate(es *Errors) {
	es.add("street", maxLen(a.Line1, maxLine))
	es.add("street line 2", maxLen(a.Line2, maxLine))
	es.add("town", maxLen(a.Town, maxName))
	es.add("region", maxLen(a.Region, maxName))
	es.add("postcode", maxLen(a.Postcode, 40))
}

// ConsentChannel is a channel a customer may agree to receive marketing
// by.
type ConsentChannel string

// The channels with a consent of their own.
const (
	ConsentEmail ConsentChannel = "email"
	ConsentSMS   ConsentChannel = "sms"
	ConsentPost  ConsentChannel = "post"
)

// ConsentChannels lists them, in the order they are shown.
var ConsentChannels = []ConsentChannel{ConsentEmail, ConsentSMS, ConsentPost}

// ParseConsentChannel reads "email", "SMS", "post" (or "text", "mail").
func ParseConsentChannel(s string) (ConsentChannel, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "email", "e-mail":
		return ConsentEmail, nil
	case "sms", "text":
		return ConsentSMS, nil
	case "post", "mail":
		return ConsentPost, nil
	}
	return "", Invalid("consent", "%q is not email, sms or post", s)
}

// Consent is the days a customer agreed to marketing by each channel; a
// zero day means they have not (or withdrew).
type Consent struct {
	Email, SMS, Post time.Time
}

// Given reports whether the customer consented to marketing by ch.
func (c Consent) Given(ch ConsentChannel) bool { return !c.On(ch).IsZero() }

// On is the day consent by ch was given; zero when it was not.
func (c Consent) On(ch ConsentChannel) time.Time {
	switch ch {
	case ConsentEmail:
		return c.Email
	case ConsentSMS:
		return c.SMS
	case ConsentPost:
		return c.Post
	}
	return time.Time{}
}

// Set records consent by ch on day (zero withdraws it).
func (c *Consent) Set(ch ConsentChannel, day time.Time) {
	if !day.IsZero() {
		day = Day(day)
	}
	switch ch {
	case ConsentEmail:
		c.Email = day
	case ConsentSMS:
		c.SMS = day
	case ConsentPost:
		c.Post = day
	}
}

// Channels lists the channels consented to.
func (c Consent) Channels() []ConsentChannel {
	var out []ConsentChannel
	for _, ch := range ConsentChannels {
		if c.Given(ch) {
			out = append(out, ch)
		}
	}
	return out
}

// ConsentFor is the consent a message by the contact channel ch needs:
// email by email, a text by SMS, a letter by post. A call, a social
// message or a word in person has no consent of its own: ok is false.
func ConsentFor(ch Channel) (c ConsentChannel, ok bool) {
	switch ch {
	case ChannelEmail:
		return ConsentEmail, true
	case ChannelText:
		return ConsentSMS, true
	case ChannelMail:
		return ConsentPost, true
	}
	return "", false
}

// String writes the consents given with their days, "email since
// 2026-03-02, post since 2025-11-30", or "none".
func (c Consent) String() string {
	var parts []string
	for _, ch := range ConsentChannels {
		if c.Given(ch) {
			parts = append(parts, string(ch)+" since "+FormatDate(c.On(ch)))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
