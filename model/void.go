package model

import (
	"fmt"
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

// VoidWords describes a void for the history: "Voided the order of 3 May
// 2026 (duplicate)".
func VoidWords(what string, reason string) string {
	if reason = strings.TrimSpace(reason); reason != "" {
		return fmt.Sprintf("Voided %s (%s)", what, firstLineOf(reason, 60))
	}
	return "Voided " + what
}

// firstLineOf is the first line of s, at most n characters.
func firstLineOf(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
