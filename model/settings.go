package model

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Settings are the owner's choices: who the business is and the windows the
// daily review uses.
type Settings struct {
	BusinessName string
	Currency     string // ISO code, e.g. GBP
	HourlyRate   Money  // what an hour of the owner's time costs
	TierNames    [Tiers]string
	// ReorderFactor: a regular is overdue when the days since their last
	// order exceed this many times their median gap between orders.
	ReorderFactor float64
	AdvocateDays  int // advocates should hear from the owner this often
	CustomerDays  int // customers likewise; 0 turns the rule off
	ProspectDays  int // a prospect untouched this long comes up for review
	ThankYouDays  int // a new customer's first order this many days ago asks for a thank-you
	// FormerDays: a customer with no order (and no contact) for this many
	// days is suggested on Today as former, never moved; 0, the default,
	// turns the rule off.
	FormerDays int
	// OccasionDays is how many days before a birthday or another occasion
	// it comes up on Today (0: on the day).
	OccasionDays int
	// ReviewSize is how many customers the daily review lists: the most
	// urgent ones, a list worked through in a few minutes.
	ReviewSize int
	// ComplaintTargetDays is how long a complaint of each severity may stay
	// open before it is overdue.
	ComplaintTargetDays map[Severity]int
	// ReplicateTo is where the book is copied continuously while it is
	// written (`clientele replicate` without --to, and the TUI): a URL of
	// one of ReplicaSchemes, "" for nowhere. It never carries a password:
	// the settings travel with every copy.
	ReplicateTo string
	// DateOrder is how an imported file whose every date reads either way
	// (03/04/2026) is read: DMY or MDY; ISO, the default, reads only
	// unambiguous dates and refuses such a file until told.
	DateOrder DateOrder
}

// ReplicaSchemes are the kinds of destination a book can be copied to
// (store/replica parses them whole).
var ReplicaSchemes = []string{"file", "sftp", "webdav", "webdavs", "s3"}

// ValidateReplicateTo checks a destination as the settings do (the
// Settings form checks the field with it as it is left).
func ValidateReplicateTo(raw string) error { return checkReplicateTo(raw) }

// checkReplicateTo is the settings' part of checking a destination: a URL
// of a known scheme with no password. store/replica.ParseDestination
// checks the rest before a destination is used or saved.
func checkReplicateTo(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || !slices.Contains(ReplicaSchemes, strings.ToLower(u.Scheme)) {
		return Invalid("replicate to", "%q is not a file://, sftp://, webdav://, webdavs:// or s3:// URL", raw)
	}
	if _, ok := u.User.Password(); ok {
		return Invalid("replicate to", "must not carry a password (the settings are copied with the book): "+
			"give it in $CLIENTELE_REPLICA_PASSWORD or use an SSH key")
	}
	return nil
}

// DateOrder is the order of day and month in dates written with slashes.
type DateOrder string

// The date orders.
const (
	DateOrderISO DateOrder = "ISO" // year first; slash dates that read either way are refused
	DateOrderDMY DateOrder = "DMY" // 03/04/2026 is the 3rd of April
	DateOrderMDY DateOrder = "MDY" // 03/04/2026 is the 4th of March
)

// DateOrders lists the date orders, the default first.
var DateOrders = []DateOrder{DateOrderISO, DateOrderDMY, DateOrderMDY}

// ParseDateOrder reads "dmy", "MDY", "iso"… as a DateOrder.
func ParseDateOrder(s string) (DateOrder, error) {
	for _, o := range DateOrders {
		if strings.EqualFold(strings.TrimSpace(s), string(o)) {
			return o, nil
		}
	}
	return "", Invalid("date order", "%q is not ISO, DMY or MDY", s)
}

// DefaultSettings are the settings of a new database.
func DefaultSettings() Settings {
	return Settings{
		BusinessName:  "My business",
		Currency:      "GBP",
		HourlyRate:    2500,
		TierNames:     [Tiers]string{"Basic", "Standard", "Premium"},
		ReorderFactor: 1.5,
		AdvocateDays:  60,
		CustomerDays:  0,
		ProspectDays:  14,
		ThankYouDays:  7,
		OccasionDays:  DefaultOccasionDays,
		ReviewSize:    DefaultReviewSize,
		DateOrder:     DateOrderISO,
		ComplaintTargetDays: map[Severity]int{
			SeverityLow: 14, SeverityMedium: 7, SeverityHigh: 2,
		},
	}
}

// DefaultOccasionDays and MaxOccasionDays: how early an occasion comes up
// in a new database, and at most.
const (
	DefaultOccasionDays = 7
	MaxOccasionDays     = 60
)

// DefaultReviewSize is the daily review's size in a new database, and
// MaxReviewSize the most it may be set to.
const (
	DefaultReviewSize = 50
	MaxReviewSize     = 1000
)

// CurrencySymbol is the symbol amounts are written with.
func (s Settings) CurrencySymbol() string { return CurrencyFor(s.Currency).Symbol }

// TierName returns the name of tier 1–3, or "" for no tier.
func (s Settings) TierName(tier int) string {
	if tier < 1 || tier > Tiers {
		return ""
	}
	return s.TierNames[tier-1]
}

// Validate checks every setting.
func (s *Settings) Validate() error {
	var es Errors
	if strings.TrimSpace(s.BusinessName) == "" {
		es.add("business name", Invalid("business name", "is required"))
	}
	es.add("business name", maxLen(s.BusinessName, maxLine))
	es.add("currency", ValidateCurrency(s.Currency))
	es.add("hourly rate", checkAmount("hourly rate", s.HourlyRate, false))
	for i, n := range s.TierNames {
		field := fmt.Sprintf("tier %d", i+1)
		if strings.TrimSpace(n) == "" {
			es.add(field, Invalid(field, "needs a name"))
		}
		es.add(field, maxLen(n, 40))
	}
	if s.ReorderFactor < 1 || s.ReorderFactor > 10 {
		es.add("reorder factor", Invalid("reorder factor", "%g is not between 1 and 10", s.ReorderFactor))
	}
	for _, d := range []struct {
		name string
		v    int
	}{{"advocate days", s.AdvocateDays}, {"customer days", s.CustomerDays},
		{"prospect days", s.ProspectDays}, {"thank-you days", s.ThankYouDays}, {"former days", s.FormerDays}} {
		if d.v < 0 || d.v > 3650 {
			es.add(d.name, Invalid(d.name, "%d is not between 0 and 3650", d.v))
		}
	}
	if s.OccasionDays < 0 || s.OccasionDays > MaxOccasionDays {
		es.add("occasion days", Invalid("occasion days", "%d is not between 0 and %d", s.OccasionDays, MaxOccasionDays))
	}
	if s.ReviewSize < 1 || s.ReviewSize > MaxReviewSize {
		es.add("review size", Invalid("review size", "%d is not between 1 and %d", s.ReviewSize, MaxReviewSize))
	}
	es.add("replicate to", maxLen(s.ReplicateTo, maxLine))
	es.add("replicate to", checkReplicateTo(s.ReplicateTo))
	for _, sev := range Severities {
		field := string(sev) + " complaint days"
		if d := s.ComplaintTargetDays[sev]; d < 1 || d > 365 {
			es.add(field, Invalid(field, "%d is not between 1 and 365", d))
		}
	}
	if _, err := ParseDateOrder(string(s.DateOrder)); err != nil {
		es.add("date order", err)
	}
	return es.err()
}

// Setting keys as stored in the settings table.
const (
	keyBusinessName  = "business_name"
	keyCurrency      = "currency"
	keyHourlyRate    = "hourly_rate"
	keyTierPrefix    = "tier_name_"
	keyReorderFactor = "reorder_factor"
	keyAdvocateDays  = "advocate_days"
	keyCustomerDays  = "customer_days"
	keyProspectDays  = "prospect_days"
	keyThankYouDays  = "thank_you_days"
	keyFormerDays    = "former_days"
	keyOccasionDays  = "occasion_days"
	keyReviewSize    = "review_size"
	keyComplaintDays = "complaint_days_"
	keyReplicateTo   = "replicate_to"
	keyDateOrder     = "date_order"
)

// Pairs returns the settings as the key/value rows the store writes.
func (s Settings) Pairs() map[string]string {
	p := map[string]string{
		keyBusinessName:  s.BusinessName,
		keyCurrency:      s.Currency,
		keyHourlyRate:    strconv.FormatInt(int64(s.HourlyRate), 10),
		keyReorderFactor: strconv.FormatFloat(s.ReorderFactor, 'f', -1, 64),
		keyAdvocateDays:  strconv.Itoa(s.AdvocateDays),
		keyCustomerDays:  strconv.Itoa(s.CustomerDays),
		keyProspectDays:  strconv.Itoa(s.ProspectDays),
		keyThankYouDays:  strconv.Itoa(s.ThankYouDays),
		keyFormerDays:    strconv.Itoa(s.FormerDays),
		keyOccasionDays:  strconv.Itoa(s.OccasionDays),
		keyReviewSize:    strconv.Itoa(s.ReviewSize),
		keyReplicateTo:   s.ReplicateTo,
		keyDateOrder:     string(s.DateOrder),
	}
	for i, n := range s.TierNames {
		p[keyTierPrefix+strconv.Itoa(i+1)] = n
	}
	for _, sev := range Severities {
		p[keyComplaintDays+string(sev)] = strconv.Itoa(s.ComplaintTargetDays[sev])
	}
	return p
}

// SettingsFromPairs reads stored key/value rows over the defaults. Unknown
// keys are ignored; a value that does not parse is an error naming its key.
func SettingsFromPairs(p map[string]string) (Settings, error) {
	s := DefaultSettings()
	intVal := func(key string, dst *int) error {
		v, ok := p[key]
		if !ok {
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("setting %s: %q is not a whole number", key, v)
		}
		*dst = n
		return nil
	}
	if v, ok := p[keyBusinessName]; ok {
		s.BusinessName = v
	}
	if v, ok := p[keyCurrency]; ok {
		s.Currency = v
	}
	if v, ok := p[keyReplicateTo]; ok {
		s.ReplicateTo = v
	}
	if v, ok := p[keyDateOrder]; ok {
		o, err := ParseDateOrder(v)
		if err != nil {
			return s, fmt.Errorf("setting %s: %q is not ISO, DMY or MDY", keyDateOrder, v)
		}
		s.DateOrder = o
	}
	if v, ok := p[keyHourlyRate]; ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return s, fmt.Errorf("setting %s: %q is not a whole number of minor units", keyHourlyRate, v)
		}
		s.HourlyRate = Money(n)
	}
	if v, ok := p[keyReorderFactor]; ok {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return s, fmt.Errorf("setting %s: %q is not a number", keyReorderFactor, v)
		}
		s.ReorderFactor = f
	}
	for i := range s.TierNames {
		if v, ok := p[keyTierPrefix+strconv.Itoa(i+1)]; ok {
			s.TierNames[i] = v
		}
	}
	for key, dst := range map[string]*int{keyAdvocateDays: &s.AdvocateDays, keyCustomerDays: &s.CustomerDays,
		keyProspectDays: &s.ProspectDays, keyThankYouDays: &s.ThankYouDays, keyReviewSize: &s.ReviewSize,
		keyFormerDays: &s.FormerDays, keyOccasionDays: &s.OccasionDays} {
		if err := intVal(key, dst); err != nil {
			return s, err
		}
	}
	for _, sev := range Severities {
		d := s.ComplaintTargetDays[sev]
		if err := intVal(keyComplaintDays+string(sev), &d); err != nil {
			return s, err
		}
		s.ComplaintTargetDays[sev] = d
	}
	return s, nil
}
