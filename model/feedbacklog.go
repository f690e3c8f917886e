package model

import "time"

// FeedbackQuery selects a page of the feedback log, newest first. Zero
// fields do not filter.
type FeedbackQuery struct {
	Kind       FeedbackKind
	Status     FeedbackStatus
	CustomerID int64
	// Customer is words each of which the customer's name, or the entry's
	// text (its answer, question or theme), must hold: the log's search.
	Customer   string
	SegmentID  int64
	OfferingID int64
	// WithVoided lists voided feedback too (Feedback.Voided says which);
	// the log leaves it out otherwise.
	WithVoided bool
	Offset     int
	Limit      int
}

// FeedbackRow is one entry of the log: the feedback with the names the
// log shows beside it.
type FeedbackRow struct {
	Feedback
	Customer string // "" for anonymous
	// CustomerRef is the customer's ref, the id exports name them by
	// (model.Customer.DisplayRef): "" for anonymous.
	CustomerRef string
	Offering    string // "" for none
}

// Unanswered reports a detractor nobody has replied to yet: the log flags
// them and the daily review puts them first.
func (f *Feedback) Unanswered() bool {
	return f.HasScore && f.Kind == FeedbackNPS && BandOf(f.Score) == Detractor && f.Status == FeedbackNew
}

// AdvocateCandidate reports whether a customer at stage, whose latest NPS
// score is score, should be suggested for stage advocate: a promoter who
// is a customer but not an advocate yet (prospects and former customers
// are left alone).
func AdvocateCandidate(stage Stage, score int) bool {
	return stage == StageCustomer && BandOf(score) == Promoter
}

// PromoterSuggestion is a customer suggested for stage advocate.
type PromoterSuggestion struct {
	CustomerID int64
	Name       string
	Score      int       // their latest NPS score
	On         time.Time // when they gave it
}

// SetStatus moves feedback to status as of today: a reply is dated the
// first time the feedback leaves "new".
func (f *Feedback) SetStatus(status FeedbackStatus, today time.Time) {
	f.Status = status
	if status != FeedbackNew && f.RepliedOn.IsZero() {
		f.RepliedOn = Day(today)
	}
	if status == FeedbackNew {
		f.RepliedOn = time.Time{}
	}
}
