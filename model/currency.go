package model

import (
	"slices"
	"strings"
)

// isoCurrencies are the ISO 4217 codes of the world's currencies in use,
// with the few a recent change replaced kept readable (HRK, MRO, SLL,
// VEF), by code: a book's currency is one of them.
var isoCurrencies = strings.Fields(`AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND
BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF
KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRO MRU MUR MVR MWK MXN MYR MZN NAD
NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL
SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VEF VES VND VUV WST XAF
XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL`)

// ValidateCurrency checks a book's currency: an ISO 4217 code in
// capitals.
func ValidateCurrency(code string) error {
	switch {
	case len(code) != 3 || strings.ToUpper(code) != code:
		return Invalid("currency", "%q is not a three-letter code such as GBP", code)
	case !KnownCurrency(code):
		return Invalid("currency", "%q is not an ISO 4217 currency code (GBP, EUR, USD…)", code)
	}
	return nil
}

// KnownCurrency reports whether code is an ISO 4217 currency code, in
// capitals.
func KnownCurrency(code string) bool {
	_, found := slices.BinarySearch(isoCurrencies, code)
	return found
}
