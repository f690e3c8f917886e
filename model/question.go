package model

import "strings"

// SavedQuestion is a question the owner asks customers again and again,
// offered when feedback is logged.
type SavedQuestion struct {
	ID   int64
	Text string
}

// ValidateQuestion checks a saved question's text: required, one line.
func ValidateQuestion(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Invalid("question", "is required")
	case strings.ContainsAny(s, "\n\r"):
		return Invalid("question", "must be one line")
	}
	return maxLen(s, maxLine)
}
