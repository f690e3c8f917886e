package demo

import "clientele/model"

// businessName is the sample business: one person making soap and candles
// at home, selling on Etsy, at a Saturday market and to a few shops.
const businessName = "Hearth & Lye"

// settings returns the sample business's settings.
func settings() model.Settings {
	s := model.DefaultSettings()
	s.BusinessName = businessName
	s.Currency = "GBP"
	s.HourlyRate = 2500
	s.TierNames = [model.Tiers]string{"Sampler", "Regular", "Collector"}
	return s
}

// family groups offerings by scent, so that a customer who loves fig and
// cedar buys the soap and the candle: the also-bought suggestions have
// something to find.
type family int

const (
	noFamily family = iota
	lavender
	figCedar
	seaSalt
	citrus
	unscented
	spice
	families // count
)

// item is an offering with what the generator needs to sell it.
type item struct {
	model.Offering
	family family
	group  group
	weight int // how often a retail basket picks it
}

// group is the part of the catalogue an item belongs to.
type group int

const (
	soap group = iota
	candle
	gift
	subscription
	workshop
	trade
)

// catalogue lists the offerings in the order they are stored. Prices and
// unit costs are in pence; a unit cost is materials and packaging, and for
// trade cases the owner's making time as well, which is why trade margins
// are thin.
var catalogue = []item{
	{offering("SOAP-LAV", "Lavender Fields Soap", 650, 170), lavender, soap, 10},
	{offering("SOAP-FIG", "Fig & Cedar Soap", 700, 190), figCedar, soap, 9},
	{offering("SOAP-SEA", "Sea Salt & Sage Soap", 700, 190), seaSalt, soap, 8},
	{offering("SOAP-CIT", "Citrus Grove Soap", 650, 170), citrus, soap, 7},
	{offering("SOAP-OAT", "Oat & Honey Soap", 650, 180), noFamily, soap, 9},
	{offering("SOAP-CHA", "Charcoal & Tea Tree Soap", 700, 200), noFamily, soap, 6},
	{offering("SOAP-ROS", "Rose Clay Soap", 700, 210), noFamily, soap, 5},
	{offering("SOAP-GOA", "Unscented Goat Milk Soap", 600, 190), unscented, soap, 5},
	{offering("SOAP-SHA", "Shampoo Bar", 850, 240), noFamily, soap, 6},
	{offering("CAND-LAV", "Lavender Fields Candle", 1800, 500), lavender, candle, 7},
	{offering("CAND-FIG", "Fig & Cedar Candle", 1800, 520), figCedar, candle, 9},
	{offering("CAND-SEA", "Sea Salt & Sage Candle", 1800, 520), seaSalt, candle, 7},
	{offering("CAND-CIT", "Citrus Grove Candle", 1800, 500), citrus, candle, 4},
	{offering("CAND-SPI", "Winter Spice Candle", 2000, 560), spice, candle, 5},
	{offering("CAND-BEE", "Beeswax Pillar Candle", 1400, 480), unscented, candle, 4},
	{offering("CAND-TIN", "Travel Tin Candle", 950, 280), noFamily, candle, 6},
	{offering("CAND-MLT", "Wax Melts (6)", 550, 140), noFamily, candle, 6},
	{offering("CAND-DIF", "Reed Diffuser", 2200, 700), figCedar, candle, 3},
	{offering("GIFT-SML", "Little Gift Box", 2400, 900), noFamily, gift, 4},
	{offering("GIFT-DLX", "Deluxe Gift Box", 4500, 1700), noFamily, gift, 2},
	{offering("GIFT-WED", "Wedding Favours (20 minis)", 6000, 2400), noFamily, gift, 0},
	{tiered("SUB-1", "Subscription Box: Sampler", 1, 1500, 650), noFamily, subscription, 0},
	{tiered("SUB-2", "Subscription Box: Regular", 2, 2800, 1150), noFamily, subscription, 0},
	{tiered("SUB-3", "Subscription Box: Collector", 3, 4500, 1900), noFamily, subscription, 0},
	{service("WS-CANDLE", "Candle-Making Workshop (2 h)", 4500, 1200), noFamily, workshop, 0},
	{service("WS-SOAP", "Soap-Making Workshop (3 h)", 5500, 1500), noFamily, workshop, 0},
	{service("WS-PARTY", "Private Workshop Party (up to 8)", 24000, 7000), noFamily, workshop, 0},
	{service("SCENT-CON", "Custom Scent Consultation", 3500, 400), noFamily, workshop, 0},
	{offering("TRADE-SOAP", "Trade Case: 24 Soaps", 7800, 5300), noFamily, trade, 6},
	{offering("TRADE-CAND", "Trade Case: 6 Candles", 6000, 4300), noFamily, trade, 4},
	{offering("TRADE-MLT", "Trade Case: 12 Wax Melts", 3000, 2000), noFamily, trade, 2},
}

func offering(sku, name string, price, cost model.Money) model.Offering {
	return model.Offering{SKU: sku, Name: name, Kind: model.KindProduct, Price: price, UnitCost: cost, Active: true}
}

func tiered(sku, name string, tier int, price, cost model.Money) model.Offering {
	o := offering(sku, name, price, cost)
	o.Tier = tier
	return o
}

func service(sku, name string, price, cost model.Money) model.Offering {
	o := offering(sku, name, price, cost)
	o.Kind = model.KindService
	return o
}

// segment is a segment the sample business keeps, and why.
type segment struct {
	name    string
	cadence int
	notes   string
}

// The segment names customers are put in.
const (
	segWholesale  = "wholesale"
	segShops      = "local shops"
	segGifts      = "gift buyers"
	segEco        = "eco-conscious"
	segTeen       = "teen fashion"
	segMarket     = "market regulars"
	segSubscriber = "subscribers"
)

var segments = []segment{
	{segWholesale, 30, "Garden centres, hotels and refill stores buying trade cases. Big orders, thin margin: " +
		"check the price list every spring."},
	{segShops, 45, "Independent shops in town that stock a shelf of soap and candles on trade terms."},
	{segGifts, 0, "Buy for someone else, mostly in November, December and before Mother's Day."},
	{segEco, 0, "Care about plastic-free packaging, refills and natural ingredients."},
	{segTeen, 21, "Teenagers who found the stall on Instagram and asked about bath bombs and colourful " +
		"candles. Lots of interest, no sales yet."},
	{segMarket, 0, "Come to the Saturday market stall most weeks."},
	{segSubscriber, 0, "Take the monthly subscription box at one of the three tiers."},
}
