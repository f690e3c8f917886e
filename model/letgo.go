package model

import "fmt"

// Letting a customer go: naming the ones who drag the business down and
// no longer struggling to please them. Before the owner does it, the
// screen shows what it means in figures over the period.

// LetGoImpact is what a customer brought in and cost over a period.
type LetGoImpact struct {
	Orders      int
	Revenue     Money // lost by letting them go
	DirectCost  Money // no longer spent on their orders
	CostToServe Money // no longer spent serving them
	Minutes     int   // of the owner's time, part of CostToServe
	Complaints  int
}

// NewLetGoImpact reads the impact from a customer's figures.
func NewLetGoImpact(c FitCustomer) LetGoImpact {
	return LetGoImpact{Orders: c.Orders, Revenue: c.Revenue, DirectCost: c.DirectCost,
		CostToServe: c.CostToServe, Minutes: c.TimeMinutes, Complaints: c.Complaints}
}

// Change is what the business's profit over the period would have been
// without the customer, less what it was: positive when it is better off.
func (i LetGoImpact) Change() Money { return i.DirectCost + i.CostToServe - i.Revenue }

// Lines say it in words, one fact a line.
func (i LetGoImpact) Lines(symbol string) []string {
	lines := []string{
		fmt.Sprintf("Revenue lost      %s from %s", i.Revenue.Format(symbol), Plural(i.Orders, "order", "orders")),
		fmt.Sprintf("Cost of goods     %s no longer spent", i.DirectCost.Format(symbol)),
		fmt.Sprintf("Cost to serve     %s no longer spent", i.CostToServe.Format(symbol)),
	}
	if i.Minutes > 0 {
		lines = append(lines, "Time saved        "+Duration(i.Minutes))
	}
	if i.Complaints > 0 {
		lines = append(lines, "Complaints        "+Plural(i.Complaints, "complaint", "complaints")+" to handle")
	}
	switch ch := i.Change(); {
	case ch > 0:
		lines = append(lines, "Without them      the business would have made "+ch.Format(symbol)+" more")
	case ch < 0:
		lines = append(lines, "Without them      the business would have made "+(-ch).Format(symbol)+" less")
	default:
		lines = append(lines, "Without them      the business would have made the same")
	}
	return lines
}

// Duration writes minutes as hours and minutes: "9 h 30 min", "45 min".
func Duration(minutes int) string {
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}
