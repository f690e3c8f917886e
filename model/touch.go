package model

import (
	"time"
)

// TouchKind tells a contact from a review marked done.
type TouchKind string

// The touch kinds.
const (
	TouchContact TouchKind = "contact" // a call, an email, a chat at the market
	TouchReview  TouchKind = "review"  // the daily review entry was marked done
)

// Touch is one entry in the contact log.
type Touch struct {
	ID         int64
	CustomerID int64
	At         time.Time
	Channel    Channel
	Kind       TouchKind
	Summary    string
	// Template is the name of the message template the contact was
	// written from, "" for none.
	Template string
	Void
}

// Validate checks the touch's fields.
func (t *Touch) Validate() error {
	var es Errors
	if t.CustomerID == 0 {
		es.add("customer", Invalid("customer", "is required"))
	}
	if t.At.IsZero() {
		es.add("date", Invalid("date", "is required"))
	}
	if !t.Channel.Valid() {
		es.add("channel", Invalid("channel", "%q is not a channel", t.Channel))
	}
	if t.Kind != TouchContact && t.Kind != TouchReview {
		es.add("kind", Invalid("kind", "%q is not contact or review", t.Kind))
	}
	es.add("summary", maxLen(t.Summary, maxText))
	es.add("template", maxLen(t.Template, 100))
	es.add("void reason", ValidateVoidReason(t.VoidReason))
	return es.err()
}
