package model

import (
	"slices"
	"strings"
	"time"
)

// ComplaintCategory is what went wrong, broadly.
type ComplaintCategory string

// The complaint categories from DESIGN.md.
const (
	ComplaintQuality       ComplaintCategory = "quality"
	ComplaintDelivery      ComplaintCategory = "delivery"
	ComplaintCommunication ComplaintCategory = "communication"
	ComplaintBilling       ComplaintCategory = "billing"
	ComplaintExpectations  ComplaintCategory = "expectations"
	ComplaintOther         ComplaintCategory = "other"
)

// ComplaintCategories lists every category.
var ComplaintCategories = []ComplaintCategory{ComplaintQuality, ComplaintDelivery, ComplaintCommunication,
	ComplaintBilling, ComplaintExpectations, ComplaintOther}

// Severity is how badly a complaint hurts; each has a target number of days
// to remedy it, set in the settings.
type Severity string

// The severities.
const (
	SeverityLow    Severity = "low"
	SeverityMedium Severity = "medium"
	SeverityHigh   Severity = "high"
)

// Severities lists every severity, mildest first.
var Severities = []Severity{SeverityLow, SeverityMedium, SeverityHigh}

// ComplaintStatus is where a complaint is: open → remedied → closed.
type ComplaintStatus string

// The complaint statuses.
const (
	ComplaintOpen     ComplaintStatus = "open"
	ComplaintRemedied ComplaintStatus = "remedied"
	ComplaintClosed   ComplaintStatus = "closed"
)

// ComplaintStatuses lists every status in order.
var ComplaintStatuses = []ComplaintStatus{ComplaintOpen, ComplaintRemedied, ComplaintClosed}

// Complaint is something that went wrong for a customer and how the owner
// made it right. Its remedy cost is stored as a cost to serve of category
// remedy linked to the complaint, so profit reflects it.
type Complaint struct {
	ID            int64
	OpenedOn      time.Time
	CustomerID    int64
	OrderID       int64
	OfferingID    int64
	Category      ComplaintCategory
	Severity      Severity
	WhatWentWrong string
	Remedy        string // what was done to make it right
	RemedyCost    Money
	Guarantee     bool      // a guarantee was invoked
	HonouredOn    time.Time // the day the guarantee was honoured
	RemediedOn    time.Time
	Prevention    string // what changed so it does not happen again
	Status        ComplaintStatus
	ClosedOn      time.Time
	Outcome       string
	Void
}

// Validate checks the complaint's fields.
func (c *Complaint) Validate() error {
	var es Errors
	if c.OpenedOn.IsZero() {
		es.add("opened", Invalid("opened", "is required"))
	}
	if !slices.Contains(ComplaintCategories, c.Category) {
		es.add("category", Invalid("category", "%q is not a complaint category", c.Category))
	}
	if !slices.Contains(Severities, c.Severity) {
		es.add("severity", Invalid("severity", "%q is not low, medium or high", c.Severity))
	}
	if !slices.Contains(ComplaintStatuses, c.Status) {
		es.add("status", Invalid("status", "%q is not open, remedied or closed", c.Status))
	}
	if strings.TrimSpace(c.WhatWentWrong) == "" {
		es.add("what went wrong", Invalid("what went wrong", "is required"))
	}
	if c.Status != ComplaintOpen && strings.TrimSpace(c.Remedy) == "" {
		es.add("remedy", Invalid("remedy", "say what was done to make it right before marking it %s", c.Status))
	}
	es.add("remedy cost", checkAmount("remedy cost", c.RemedyCost, false))
	if !c.HonouredOn.IsZero() && c.HonouredOn.Before(Day(c.OpenedOn)) {
		es.add("honoured", Invalid("honoured", "cannot be before the complaint was opened"))
	}
	if !c.RemediedOn.IsZero() && c.RemediedOn.Before(Day(c.OpenedOn)) {
		es.add("remedied", Invalid("remedied", "cannot be before the complaint was opened"))
	}
	if !c.ClosedOn.IsZero() && c.ClosedOn.Before(Day(c.OpenedOn)) {
		es.add("closed", Invalid("closed", "cannot be before the complaint was opened"))
	}
	if !c.HonouredOn.IsZero() && !c.Guarantee {
		es.add("honoured", Invalid("honoured", "set only when a guarantee was invoked"))
	}
	for _, f := range []struct {
		name, v string
	}{{"what went wrong", c.WhatWentWrong}, {"remedy", c.Remedy}, {"prevention", c.Prevention}, {"outcome", c.Outcome}} {
		es.add(f.name, maxLen(f.v, maxText))
	}
	es.add("void reason", ValidateVoidReason(c.VoidReason))
	return es.err()
}
