package model

import (
	"slices"
	"time"
)

// CostCategory is what a cost to serve paid for.
type CostCategory string

// The cost categories from DESIGN.md.
const (
	CostMaterials   CostCategory = "materials"
	CostShipping    CostCategory = "shipping"
	CostFees        CostCategory = "payment fees"
	CostTime        CostCategory = "time"
	CostAcquisition CostCategory = "acquisition"
	CostRemedy      CostCategory = "remedy"
	CostOther       CostCategory = "other"
)

// CostCategories lists every category.
var CostCategories = []CostCategory{CostMaterials, CostShipping, CostFees, CostTime, CostAcquisition, CostRemedy, CostOther}

// Valid reports whether c is one of CostCategories.
func (c CostCategory) Valid() bool { return slices.Contains(CostCategories, c) }

// Cost is money spent serving a customer or an order. A time entry keeps its
// minutes and is costed at the hourly rate when entered: Amount is what it
// cost then.
type Cost struct {
	ID          int64
	On          time.Time
	CustomerID  int64 // 0 when the cost belongs to no customer
	OrderID     int64
	ComplaintID int64 // the complaint a remedy cost made right
	Category    CostCategory
	Amount      Money
	Minutes     int
	Note        string
	Void
}

// TimeCost prices minutes at an hourly rate, rounded once to minor units.
func TimeCost(minutes int, hourlyRate Money) Money {
	return Money(DivRound(int64(minutes)*int64(hourlyRate), 60))
}

// Validate checks the cost's fields.
func (c *Cost) Validate() error {
	var es Errors
	if c.On.IsZero() {
		es.add("date", Invalid("date", "is required"))
	}
	if !c.Category.Valid() {
		es.add("category", Invalid("category", "%q is not a cost category", c.Category))
	}
	if c.Category == CostTime && c.Minutes <= 0 {
		es.add("minutes", Invalid("minutes", "a time entry needs minutes"))
	}
	if c.Minutes < 0 || c.Minutes > 100_000 {
		es.add("minutes", Invalid("minutes", "%d is not a number of minutes", c.Minutes))
	}
	es.add("amount", checkAmount("amount", c.Amount, false))
	es.add("note", maxLen(c.Note, maxText))
	es.add("void reason", ValidateVoidReason(c.VoidReason))
	return es.err()
}
