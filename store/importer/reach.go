package importer

import (
	"strings"
	"time"

	"clientele/model"
)

// What files say about reaching a customer: the postal address, the
// birthday, consent to marketing. Each format names its columns; a
// customer made by the import gets them. Consent carries the day of the
// import when the file gives none.

// addrCols are the columns of a postal address (-1 for none).
type addrCols struct{ line1, line2, town, region, postcode int }

// addrOf finds the address columns by their names in the header.
func addrOf(h *header, line1, line2, town, region, postcode []string) addrCols {
	return addrCols{h.find(line1...), h.find(line2...), h.find(town...), h.find(region...), h.find(postcode...)}
}

// noAddr is a format without an address.
var noAddr = addrCols{-1, -1, -1, -1, -1}

// read is the row's address; a street that the file writes on several
// lines gives its second line to Line2 when that is empty.
func (a addrCols) read(r *row, apostrophes bool) model.Address {
	get := func(i int) string {
		v := r.get(i)
		if apostrophes {
			v = strings.TrimPrefix(v, "'")
		}
		return v
	}
	ad := model.Address{Line1: get(a.line1), Line2: get(a.line2), Town: get(a.town), Region: get(a.region),
		Postcode: get(a.postcode)}
	if first, rest, ok := strings.Cut(strings.ReplaceAll(ad.Line1, "\r\n", "\n"), "\n"); ok && ad.Line2 == "" {
		ad.Line1, ad.Line2 = first, strings.ReplaceAll(rest, "\n", ", ")
	}
	return ad
}

// consents reads the marketing consent a row states: a column per channel
// whose value says yes ("yes", "true", "subscribed", "1", "opted in").
type consentCols struct{ email, sms int }

var noConsent = consentCols{-1, -1}

func (cc consentCols) read(r *row) []model.ConsentChannel {
	var out []model.ConsentChannel
	if agreed(r.get(cc.email)) {
		out = append(out, model.ConsentEmail)
	}
	if agreed(r.get(cc.sms)) {
		out = append(out, model.ConsentSMS)
	}
	return out
}

// agreed reads a consent cell: yes, true, 1, subscribed, opted in.
func agreed(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "y", "true", "1", "subscribed", "opted in", "opted_in", "confirmed":
		return true
	}
	return false
}

// giveConsent records consent by the channels on day.
func giveConsent(c *model.Customer, chans []model.ConsentChannel, day time.Time) {
	for _, ch := range chans {
		if !c.Consent.Given(ch) {
			c.Consent.Set(ch, day)
		}
	}
}

// readBirthday reads a birthday as files write it: ISO (1980-05-12, with
// a time after it or not), ISO without dashes (19800512), without a year
// (--05-12, --0512, 05-12, and Apple's 1604-05-12), or with slashes in
// the file's day order. Outlook's 0/0/00 and an empty cell are no
// birthday (ok false, no error).
func readBirthday(v string, order dateOrder) (o model.Occasion, ok bool, err error) {
	v = strings.TrimSpace(v)
	switch v {
	case "", "0/0/00", "0/0/0000", "00/00/0000", "0000-00-00", "--":
		return o, false, nil
	}
	if i := strings.IndexAny(v, "T "); i == 10 && v[4] == '-' {
		v = v[:i]
	}
	if len(v) == 8 && isNum(v, 8) {
		v = v[:4] + "-" + v[4:6] + "-" + v[6:]
	}
	if len(v) == 6 && strings.HasPrefix(v, "--") && isNum(v[2:], 4) {
		v = "--" + v[2:4] + "-" + v[4:]
	}
	if strings.HasPrefix(v, "1604-") || strings.HasPrefix(v, "0000-") {
		v = "--" + v[5:]
	}
	o = model.Occasion{Kind: model.OccasionBirthday, Yearly: true}
	if m, d, y, err := model.ParseOccasionDate(v); err == nil {
		o.Month, o.Day, o.Year = m, d, y
		return o, true, nil
	}
	t, err := order.parse(v)
	if err != nil {
		return o, false, err
	}
	o.Month, o.Day, o.Year = t.Month(), t.Day(), t.Year()
	return o, true, nil
}

// birthdaySniffable is a birthday cell as the date sniffer should see it:
// those written without a year or as Outlook's 0/0/00 say nothing about
// the order of day and month.
func birthdaySniffable(v string) string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "--") || strings.HasPrefix(v, "0/0/") || strings.HasPrefix(v, "00/00/") {
		return ""
	}
	return v
}
