package importer

func init() {
	formats = []*format{retailFormat, etsyFormat, etsyItemsFormat, shopifyOrdersFormat, shopifyCustomersFormat,
		squareItemsFormat, squareCustomersFormat, wooFormat, stripeFormat, paypalFormat, googleFormat,
		outlookFormat, vcardFormat, ordersFormat, customersFormat}
}
