package customers

import "clientele/model"

// The stores the customers area's screens take: each the parts of
// model.Store it reads and writes, those of the screens it opens
// included.
type (
	// ListStore is the customer list's: the list, archiving, the customer
	// and segment forms, the offerings, and the settings the demo
	// business writes.
	ListStore interface {
		model.CustomerStore
		model.SegmentStore
		model.OfferingStore
		model.SettingsStore
		model.DuplicateStore // the likely duplicates, merging them
	}
	// DetailStore is a customer's detail's: the customer, their history,
	// profit, suggestions and unpaid orders, voiding entries, and the
	// customer and segment forms.
	DetailStore interface {
		model.CustomerStore
		model.SegmentStore
		model.TimelineStore
		model.ProfitStore
		model.AlsoBoughtStore
		model.CorrectionStore // void and restore an entry
		model.DuplicateStore  // erase the customer
		model.PaymentStore
	}
	// OrderStore is the order form's: the customer, their last order, the
	// offerings to pick from, and correcting an order.
	OrderStore interface {
		model.CustomerStore
		model.OrderStore
		model.OfferingStore
		model.CorrectionStore
	}
	// CostStore is the cost form's: the customer and their recent orders.
	CostStore interface {
		model.CustomerStore
		model.OrderStore
		model.CostStore
		model.CorrectionStore // correcting a cost
	}
	// MessageStore is the message screen's: the customer, the templates,
	// their facts, the contact log.
	MessageStore interface {
		model.CustomerStore
		model.OutreachStore
	}
	// formStore is the customer form's: the customer, the names "referred
	// by" is checked against, the segments offered.
	formStore interface {
		model.CustomerStore
		model.SegmentStore
		model.DuplicateStore // the warning before adding a likely duplicate
	}
)
