package model

import (
	"strings"
	"unicode/utf8"
)

// Segment is a group of customers the owner names ("wholesale", "teen
// fashion"). A customer may be in several.
type Segment struct {
	ID   int64
	Name string
	// CadenceDays is how often customers in the segment should hear from
	// the owner; 0 means no stay-in-touch rule for the segment.
	CadenceDays int
	Notes       string
	Customers   int // members, filled by listings
}

// Validate checks the segment's fields.
func (s *Segment) Validate() error {
	var es Errors
	es.add("name", ValidateSegmentName(s.Name))
	if s.CadenceDays < 0 || s.CadenceDays > 3650 {
		es.add("cadence", Invalid("cadence", "%d days is not between 1 and 3650", s.CadenceDays))
	}
	es.add("notes", maxLen(s.Notes, maxText))
	return es.err()
}

// ValidateSegmentName checks a segment name: required, one line, short, no
// comma (commas separate segments when typed on one line).
func ValidateSegmentName(name string) error {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return Invalid("segment", "is required")
	case strings.ContainsAny(name, ",\n\r\x00"):
		return Invalid("segment", "%q: a segment name cannot hold a comma, a line break or a NUL", name)
	case utf8.RuneCountInString(name) > 60:
		return Invalid("segment", "%q is longer than 60 characters", name)
	}
	return nil
}
