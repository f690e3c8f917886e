package model

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Stage is where a customer is in the relationship. Advocates, who buy and
// bring others, matter most.
type Stage string

// The four groups from DESIGN.md.
const (
	StageProspect Stage = "prospect"
	StageCustomer Stage = "customer"
	StageAdvocate Stage = "advocate"
	StageFormer   Stage = "former"
)

// Stages lists every stage in the order a relationship moves through them.
var Stages = []Stage{StageProspect, StageCustomer, StageAdvocate, StageFormer}

// Valid reports whether s is one of Stages.
func (s Stage) Valid() bool { return slices.Contains(Stages, s) }

// Channel is how a customer prefers to be contacted.
type Channel string

// The contact channels. The empty Channel means "not known yet".
const (
	ChannelEmail    Channel = "email"
	ChannelPhone    Channel = "phone"
	ChannelText     Channel = "text"
	ChannelSocial   Channel = "social"
	ChannelInPerson Channel = "in person"
	ChannelMail     Channel = "mail"
)

// Channels lists every channel.
var Channels = []Channel{ChannelEmail, ChannelPhone, ChannelText, ChannelSocial, ChannelInPerson, ChannelMail}

// Valid reports whether c is empty or one of Channels.
func (c Channel) Valid() bool { return c == "" || slices.Contains(Channels, c) }

// Tiers counts the package tiers a business offers; tier 0 means none.
const Tiers = 3

// MaxFit is the top of the owner's 1–5 fit rating; 0 means not rated.
const MaxFit = 5

// Common values a customer may care about; owners add their own.
var CommonValues = []string{"price", "quality", "style", "fit", "speed", "convenience"}

// Customer is one person or business the owner sells to, has sold to, or
// hopes to. Zero values mean "not set": Fit 0 is unrated, ReferredBy 0 is
// nobody, a zero NextReview has no follow-up.
type Customer struct {
	ID       int64
	Name     string
	Email    string
	Phone    string
	Social   string // a handle such as @maker on the owner's social channel
	Company  string
	Country  string
	Channel  Channel
	Stage    Stage
	Fit      int      // the owner's 1–5 rating of the match
	Values   []string // what they care about: price, quality, style …
	Language string   // how they speak, words to use with them
	Tier     int      // package tier 1–3
	Source   string   // how they found the business
	// AcquisitionCost is what it cost to win them (ads, samples, a fair).
	AcquisitionCost Money
	ReferredBy      int64
	NextReview      time.Time // the next follow-up date
	SnoozedUntil    time.Time // hidden from the daily review until this day
	LetGoReason     string    // why the owner let them go (stage former)
	Notes           string
	RefSource       string // the import format the customer came from
	Ref             string // the id the customer has in that source
	Segments        []string
	Address         Address
	Consent         Consent // marketing consent per channel, with the day given
	// Occasions, Reminders (besides the follow-up date, NextReview) and
	// Fields (the owner's custom fields with a value) are read with the
	// customer and replaced whole by UpdateCustomer, as Segments are.
	Occasions []Occasion
	Reminders []Reminder
	Fields    []FieldValue

	CreatedAt  time.Time
	UpdatedAt  time.Time
	ArchivedAt time.Time

	// Figures the store keeps from the customer's orders, all time.
	Orders     int // distinct sale orders
	Revenue    Money
	FirstOrder time.Time
	LastOrder  time.Time
}

// Archived reports whether the customer is archived (hidden from lists).
func (c *Customer) Archived() bool { return !c.ArchivedAt.IsZero() }

// DisplayRef is the reference exports use: the external id where there is
// one, else the internal id.
func (c *Customer) DisplayRef() string {
	if c.Ref != "" {
		return c.Ref
	}
	return itoa(c.ID)
}

// Contact returns the contact detail for the preferred channel ("call
// 555-0142"), or "" when that detail is missing.
func (c *Customer) Contact() string {
	switch c.Channel {
	case ChannelEmail:
		return prefixed("email ", c.Email)
	case ChannelPhone:
		return prefixed("call ", c.Phone)
	case ChannelText:
		return prefixed("text ", c.Phone)
	case ChannelSocial:
		return prefixed("message ", c.Social)
	case ChannelInPerson:
		return "in person"
	case ChannelMail:
		return "by post"
	}
	return ""
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

// Field length limits. Long enough for any real entry, short enough that a
// pasted file in a field is caught.
const (
	maxPerCustomer = 200 // occasions, reminders or custom fields of one customer
	maxName        = 200
	maxLine        = 500
	maxText        = 20_000
)

// Normalize trims the fields and tidies the value tags in place, the way
// every form and import stores them.
func (c *Customer) Normalize() {
	for _, f := range []*string{&c.Name, &c.Email, &c.Phone, &c.Social, &c.Company, &c.Country,
		&c.Language, &c.Source, &c.LetGoReason, &c.Notes} {
		*f = strings.TrimSpace(*f)
	}
	c.Values = NormalizeTags(c.Values)
	c.Segments = NormalizeNames(c.Segments)
	c.Address.normalize()
	for _, ch := range ConsentChannels {
		c.Consent.Set(ch, c.Consent.On(ch))
	}
	for i := range c.Occasions {
		c.Occasions[i].Normalize()
	}
	for i := range c.Reminders {
		c.Reminders[i].Normalize()
	}
	if c.Stage == "" {
		c.Stage = StageProspect
	}
}

// NormalizeTags trims, lower-cases and de-duplicates tags, keeping order.
func NormalizeTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		t = strings.ToLower(strings.Join(strings.Fields(t), " "))
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// NormalizeNames trims names and drops empty ones and repeats (in any
// case), keeping the first spelling: segment names keep the owner's case.
func NormalizeNames(names []string) []string {
	var out []string
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if n != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, n) }) {
			out = append(out, n)
		}
	}
	return out
}

// SplitTags reads tags typed as one line, separated by commas.
func SplitTags(s string) []string { return NormalizeTags(strings.Split(s, ",")) }

// Validate checks every field and returns Errors naming each bad one.
func (c *Customer) Validate() error {
	var es Errors
	es.add("name", ValidateName(c.Name))
	es.add("email", ValidateEmail(c.Email))
	es.add("phone", ValidatePhone(c.Phone))
	es.add("social", maxLen(c.Social, maxLine))
	es.add("company", maxLen(c.Company, maxLine))
	es.add("country", maxLen(c.Country, maxLine))
	es.add("language", maxLen(c.Language, maxText))
	es.add("source", maxLen(c.Source, maxLine))
	es.add("notes", maxLen(c.Notes, maxText))
	es.add("let go reason", maxLen(c.LetGoReason, maxText))
	es.add("source of the import", maxLen(c.RefSource, maxLine))
	es.add("reference", maxLen(c.Ref, maxLine))
	if !c.Channel.Valid() {
		es.add("channel", Invalid("channel", "%q is not a channel", c.Channel))
	}
	if !c.Stage.Valid() {
		es.add("stage", Invalid("stage", "%q is not a stage", c.Stage))
	}
	if c.Fit < 0 || c.Fit > MaxFit {
		es.add("fit", Invalid("fit", "%d is not between 1 and %d", c.Fit, MaxFit))
	}
	if c.Tier < 0 || c.Tier > Tiers {
		es.add("tier", Invalid("tier", "%d is not between 1 and %d", c.Tier, Tiers))
	}
	es.add("acquisition cost", checkAmount("acquisition cost", c.AcquisitionCost, false))
	if c.ReferredBy != 0 && c.ReferredBy == c.ID {
		es.add("referred by", Invalid("referred by", "a customer cannot refer themselves"))
	}
	for _, v := range c.Values {
		if err := maxLen(v, 60); err != nil {
			es.add("values", Invalid("values", "%q %s", v, err.(*FieldError).Msg))
		}
	}
	for _, s := range c.Segments {
		es.add("segments", ValidateSegmentName(s))
	}
	c.Address.validate(&es)
	births := 0
	for i := range c.Occasions {
		o := &c.Occasions[i]
		if o.Kind == OccasionBirthday {
			births++
		}
		if err := o.Validate(); err != nil {
			es.add("occasions", Invalid("occasions", "%s: %s", o.Title(), fieldMsg(err)))
		}
	}
	if births > 1 {
		es.add("occasions", Invalid("occasions", "a customer has one birthday"))
	}
	for i := range c.Reminders {
		r := &c.Reminders[i]
		if r.Kind == ReminderFollowUp {
			es.add("reminders", Invalid("reminders", "the follow-up date is NextReview, not one of the reminders"))
			continue
		}
		if err := r.Validate(); err != nil {
			es.add("reminders", Invalid("reminders", "reminder %d: %s", i+1, fieldMsg(err)))
		}
	}
	if len(c.Occasions) > maxPerCustomer || len(c.Reminders) > maxPerCustomer || len(c.Fields) > maxPerCustomer {
		es.add("customer", Invalid("customer", "more than %d occasions, reminders or custom fields", maxPerCustomer))
	}
	for _, f := range c.Fields {
		// Name and Kind are the definition's, read with the value: the
		// store writes the value only, checked against the definition.
		es.add("custom fields", maxLen(f.Name, 60))
		if f.Kind != "" && !slices.Contains(FieldKinds, f.Kind) {
			es.add("custom fields", Invalid("custom fields", "%q is not a kind of field", f.Kind))
		}
		es.add(f.Name, maxLen(f.Value, maxText))
	}
	return es.err()
}

// ValidateName checks a customer's name: required, one line, not absurdly long.
func ValidateName(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Invalid("name", "is required")
	case strings.ContainsAny(s, "\n\r"):
		return Invalid("name", "must be one line")
	}
	return maxLen(s, maxName)
}

// ValidateEmail accepts an empty address or one shaped like name@host.tld.
func ValidateEmail(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	local, host, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.ContainsAny(s, " \t\r\n,;<>\x00") || strings.Contains(host, "@") ||
		!strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") ||
		len(s) > 254 {
		return Invalid("email", "%q is not an email address", s)
	}
	return nil
}

// ValidatePhone accepts an empty number or one of digits with the usual
// + ( ) - . and spaces, with at least five digits.
func ValidatePhone(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+()-. /", r):
		case r == 'x' || r == 'X': // extension
		default:
			return Invalid("phone", "%q has a character a phone number does not (%q)", s, r)
		}
	}
	if digits < 5 || digits > 20 {
		return Invalid("phone", "%q does not look like a phone number", s)
	}
	return nil
}

// ValidateText checks the free text of field that a store method takes
// on its own (a let-go reason): at most n characters and no NUL, as every
// record's text (see maxLen).
func ValidateText(field, s string, n int) error {
	if err := maxLen(s, n); err != nil {
		return Invalid(field, "%s", err.(*FieldError).Msg)
	}
	return nil
}

// maxLen checks a text field, the one door all text passes: at most n
// characters, and no NUL, which SQLite's text functions take for the end
// of the text (a name would be cut short in the list's search and sort
// text). Where text comes from an import, the refusal names the line.
func maxLen(s string, n int) error {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return &FieldError{Msg: "holds a NUL character, which clientele does not store"}
	case utf8.RuneCountInString(s) > n:
		return &FieldError{Msg: "is longer than " + itoa(int64(n)) + " characters"}
	}
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// fieldMsg is an error's message without its field name, for an error of
// a part (an occasion's date) told under the whole's field.
func fieldMsg(err error) string {
	var es Errors
	if errors.As(err, &es) && len(es) > 0 {
		parts := make([]string, len(es))
		for i, e := range es {
			parts[i] = e.Field + " " + e.Msg
		}
		return strings.Join(parts, "; ")
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}
