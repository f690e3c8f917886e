package model

import (
	"slices"
	"strings"
	"time"
)

// FeedbackKind is what sort of thing a customer told the owner.
type FeedbackKind string

// The feedback kinds. NPS carries a 0–10 score.
const (
	FeedbackPraise     FeedbackKind = "praise"
	FeedbackSuggestion FeedbackKind = "suggestion"
	FeedbackWish       FeedbackKind = "wish"
	FeedbackQuestion   FeedbackKind = "question"
	FeedbackNPS        FeedbackKind = "nps"
)

// FeedbackKinds lists every kind.
var FeedbackKinds = []FeedbackKind{FeedbackPraise, FeedbackSuggestion, FeedbackWish, FeedbackQuestion, FeedbackNPS}

// Label is the kind as screens write it: "NPS" (an abbreviation), else
// the stored word.
func (k FeedbackKind) Label() string {
	if k == FeedbackNPS {
		return "NPS"
	}
	return string(k)
}

// FeedbackStatus is how far the owner has followed feedback up.
type FeedbackStatus string

// The feedback statuses, in order.
const (
	FeedbackNew     FeedbackStatus = "new"
	FeedbackReplied FeedbackStatus = "replied"
	FeedbackActedOn FeedbackStatus = "acted on"
)

// FeedbackStatuses lists every status.
var FeedbackStatuses = []FeedbackStatus{FeedbackNew, FeedbackReplied, FeedbackActedOn}

// WishQuestion is the question the owner asks to learn what to offer next.
const WishQuestion = "What is one service you wish we offered?"

// Feedback is one thing a customer (or an anonymous one) said.
type Feedback struct {
	ID         int64
	On         time.Time
	CustomerID int64 // 0 for anonymous
	Channel    Channel
	Kind       FeedbackKind
	Question   string
	Answer     string
	Score      int  // 0–10, NPS only
	HasScore   bool // Score is set
	OfferingID int64
	Theme      string // wishlist theme the owner groups wishes under
	Status     FeedbackStatus
	RepliedOn  time.Time
	Void
}

// Validate checks the feedback's fields.
func (f *Feedback) Validate() error {
	var es Errors
	if f.On.IsZero() {
		es.add("date", Invalid("date", "is required"))
	}
	if !slices.Contains(FeedbackKinds, f.Kind) {
		es.add("kind", Invalid("kind", "%q is not a feedback kind", f.Kind))
	}
	if !slices.Contains(FeedbackStatuses, f.Status) {
		es.add("status", Invalid("status", "%q is not a feedback status", f.Status))
	}
	if !f.Channel.Valid() {
		es.add("channel", Invalid("channel", "%q is not a channel", f.Channel))
	}
	if f.Kind == FeedbackNPS && !f.HasScore {
		es.add("score", Invalid("score", "an NPS answer needs a score from 0 to 10"))
	}
	if f.HasScore && (f.Score < 0 || f.Score > 10) {
		es.add("score", Invalid("score", "%d is not between 0 and 10", f.Score))
	}
	if f.Kind != FeedbackNPS && strings.TrimSpace(f.Answer) == "" {
		es.add("answer", Invalid("answer", "is required"))
	}
	es.add("question", maxLen(f.Question, maxLine))
	es.add("answer", maxLen(f.Answer, maxText))
	es.add("theme", ValidateTheme(f.Theme))
	es.add("void reason", ValidateVoidReason(f.VoidReason))
	return es.err()
}
