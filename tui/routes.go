package tui

import (
	tea "charm.land/bubbletea/v2"

	"clientele/model"
	"clientele/tui/complaints"
	"clientele/tui/customers"
	"clientele/tui/feedback"
	"clientele/tui/history"
	"clientele/tui/imports"
	"clientele/tui/kit"
	"clientele/tui/today"
)

// route answers an area's request for another area's screen (the
// requests are declared in tui/kit): it is the one place that knows which
// area opens what, and hands each the store its screens take. An area
// opens its own screens with kit.Push; both end in a kit.PushMsg.
func (a *App) route(msg tea.Msg) (tea.Cmd, bool) {
	c, s := a.com, a.store
	switch msg := msg.(type) {
	case kit.OpenCustomerMsg:
		return customers.OpenDetail(c, s, msg.ID), true
	case kit.NewOrderMsg:
		return customers.OpenOrder(c, s, msg.CustomerID, msg.Repeat), true
	case kit.NewCostMsg:
		return customers.OpenCost(c, s, msg.CustomerID, msg.OrderID), true
	case kit.NewFeedbackMsg:
		return feedback.OpenForm(c, s, msg.CustomerID), true
	case kit.NewComplaintMsg:
		return complaints.OpenForm(c, s, msg.CustomerID, msg.OrderID), true
	case kit.NewTouchMsg:
		return today.OpenTouch(c, s, msg.CustomerID), true
	case kit.NewMessageMsg:
		return customers.OpenMessage(c, s, msg.CustomerID, msg.Kind), true
	case kit.FollowUpMsg:
		return today.OpenFollowUp(c, s, msg.CustomerID), true
	case kit.HistoryMsg:
		return history.Open(c, s, msg.CustomerID), true
	case kit.EditRecordMsg:
		switch msg.Kind {
		case model.RecordOrder:
			return customers.OpenOrderEdit(c, s, msg.ID), true
		case model.RecordCost:
			return customers.OpenCostEdit(c, s, msg.ID), true
		case model.RecordTouch:
			return today.OpenTouchEdit(c, s, msg.ID), true
		case model.RecordFeedback:
			return feedback.OpenEdit(c, s, msg.ID), true
		case model.RecordComplaint:
			return complaints.OpenEdit(c, s, msg.ID), true
		}
	case kit.ImportMsg:
		return imports.Open(c, s), true
	}
	return nil, false
}
