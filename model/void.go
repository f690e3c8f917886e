package model

import (
	"slices"
	"strings"
	"time"
)

// Void is whether a record was voided, when and why. A voided record is
// one entered by mistake: it stays, readable and restorable, but leaves
// every figure, list and count.
type Void struct {
	VoidedAt   time.Time // zero while the record counts
	VoidReason string    // why, in the owner's words; may be empty
}

// Voided reports whether the record was voided.
func (v Void) Voided() bool { return !v.VoidedAt.IsZero() }

// RecordKind is a kind of record that can be edited and voided.
type RecordKind string

// The kinds of record that are voided and restored one by one.
const (
	RecordOrder     RecordKind = "order"
	RecordCost      RecordKind = "cost"
	RecordTouch     RecordKind = "contact"
	RecordFeedback  RecordKind = "feedback"
	RecordComplaint RecordKind = "complaint"
)

// RecordKinds lists every kind of record that can be voided.
var RecordKinds = []RecordKind{RecordOrder, RecordCost, RecordTouch, RecordFeedback, RecordComplaint}

// Valid reports whether k is one of RecordKinds.
func (k RecordKind) Valid() bool { return slices.Contains(RecordKinds, k) }

// RecordKindOf is the kind of record a timeline entry is.
func RecordKindOf(k TimelineKind) RecordKind {
	switch k {
	case TimelineOrder, TimelineRefund:
		return RecordOrder
	case TimelineCost:
		return RecordCost
	case TimelineTouch:
		return RecordTouch
	case TimelineFeedback:
		return RecordFeedback
	case TimelineComplaint:
		return RecordComplaint
	}
	return ""
}

// maxVoidReason is the longest reason a void takes.
const maxVoidReason = 2000

// ValidateVoidReason checks the reason given for a void: one it can keep.
func ValidateVoidReason(reason string) error {
	switch {
	case strings.ContainsRune(reason, 0):
		return Invalid("reason", "holds a NUL byte")
	case len([]rune(reason)) > maxVoidReason:
		return Invalid("reason", "is longer than %d characters", maxVoidReason)
	}
	return nil
}

// VoidWords describes a void for the history: "Voided the order of
// 2026-05-03 for Poppy Byrne". The reason is the owner's free text: it
// stays with the record (and its images in the history), out of the
// words, which an erasure rewrites only by name.
func VoidWords(what string) string { return "Voided " + what }
