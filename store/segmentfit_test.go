package store

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"clientele/model"
)

func TestFitFactsReadsWhatTheScoreWeighs(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	day := func(s string) time.Time { return stamp(t, s) }
	ann := model.Customer{Name: "Ann", Stage: model.StageAdvocate, Fit: 5, Tier: 2, Country: "UK",
		Segments: []string{"Wholesale", "Gift buyers"}, Values: []string{"quality", "style"}}
	var ben, gone model.Customer
	err := db.Load(ctx, func(l *Loader) error {
		if err := l.Customer(&ann); err != nil {
			return err
		}
		ben = model.Customer{Name: "Ben", Stage: model.StageCustomer, ReferredBy: ann.ID}
		gone = model.Customer{Name: "Gone", Stage: model.StageCustomer, ArchivedAt: day("2026-01-01")}
		for _, c := range []*model.Customer{&ben, &gone} {
			if err := l.Customer(c); err != nil {
				return err
			}
		}
		o := model.Order{CustomerID: ben.ID, OrderedAt: day("2026-10-01 10:00"), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 2, 500, 100)}}
		if err := l.Order(&o); err != nil {
			return err
		}
		for _, on := range []string{"2025-06-01", "2026-03-01", "2026-09-01"} {
			p := model.Complaint{OpenedOn: day(on), CustomerID: ben.ID, Category: model.ComplaintDelivery,
				Severity: model.SeverityLow, WhatWentWrong: "late", Status: model.ComplaintOpen}
			if err := l.Complaint(&p); err != nil {
				return err
			}
		}
		for _, f := range []model.Feedback{
			{On: day("2026-05-01"), CustomerID: ann.ID, Kind: model.FeedbackNPS, Score: 6, HasScore: true},
			{On: day("2026-08-01"), CustomerID: ann.ID, Kind: model.FeedbackNPS, Score: 10, HasScore: true},
			{On: day("2026-09-01"), CustomerID: ann.ID, Kind: model.FeedbackPraise, Answer: "lovely"},
		} {
			f.Status = model.FeedbackNew
			if err := l.Feedback(&f); err != nil {
				return err
			}
		}
		if err := l.Touch(&model.Touch{CustomerID: ben.ID, At: day("2026-11-02 09:00"), Kind: model.TouchContact,
			Summary: "called"}); err != nil {
			return err
		}
		// A snooze is no contact: it is not activity.
		return l.Touch(&model.Touch{CustomerID: ben.ID, At: day("2026-11-03 09:00"), Kind: model.TouchReview,
			Summary: model.SnoozeNote + "2026-11-20"})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.FitFacts(ctx, model.Period{From: day("2025-12-01"), To: day("2026-11-23")})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("read %d customers, want 2 (the archived one left out)", len(got))
	}
	a, b := got[0], got[1]
	if a.Name != "Ann" || a.Stage != model.StageAdvocate || a.Fit != 5 || a.Tier != 2 || a.Country != "UK" ||
		!slices.Contains(a.Segments, "Wholesale") || !slices.Contains(a.Segments, "Gift buyers") ||
		strings.Join(a.Values, ",") != "quality,style" || !a.HasNPS || a.NPS != 10 || a.Complaints != 0 ||
		!a.LastActivity.IsZero() {
		t.Errorf("Ann %+v (latest NPS answer 10, no activity)", a)
	}
	if b.Referrer != ann.ID || b.Complaints != 2 || b.HasNPS || b.LifetimeRevenue != 1000 ||
		!b.LastActivity.Equal(day("2026-11-02 09:00")) {
		t.Errorf("Ben %+v (referred by Ann, 2 complaints in the period, last activity the call, not the snooze)", b)
	}
	if b.Revenue != 0 || b.Orders != 0 {
		t.Errorf("Ben's period figures are the engine's, not FitFacts': %+v", b)
	}
}

func TestTimeSpentSumsTheMinutesInThePeriod(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	c := model.Customer{Name: "Dev", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	for _, k := range []model.Cost{
		{On: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Category: model.CostTime, Minutes: 90},
		{On: time.Date(2026, 6, 5, 0, 0, 0, 0, time.UTC), Category: model.CostTime, Minutes: 45},
		{On: time.Date(2025, 6, 5, 0, 0, 0, 0, time.UTC), Category: model.CostTime, Minutes: 600},
		{On: time.Date(2026, 6, 5, 0, 0, 0, 0, time.UTC), Category: model.CostShipping, Amount: 700},
	} {
		k.CustomerID = c.ID
		if err := db.CreateCost(ctx, &k); err != nil {
			t.Fatal(err)
		}
	}
	n, err := db.TimeSpent(ctx, c.ID, model.Period{From: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC),
		To: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil || n != 135 {
		t.Errorf("time spent %d, %v; want 135 minutes (90 + 45; the 600 from 2025 is before the period)", n, err)
	}
}

func TestSetStageLetsGoAndUndoes(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	c := model.Customer{Name: "Dev", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetStage(ctx, c.ID, model.StageFormer, "  "); !errors.Is(err, model.ErrInvalid) ||
		!strings.Contains(err.Error(), "reason") {
		t.Errorf("let go without a reason: %v, want ErrInvalid naming the reason", err)
	}
	ch, err := db.SetStage(ctx, c.ID, model.StageFormer, " endless returns ")
	if err != nil {
		t.Fatal(err)
	}
	want := model.StageChange{ID: c.ID, Name: "Dev", From: model.StageCustomer, To: model.StageFormer, Reason: "endless returns"}
	if ch != want {
		t.Errorf("change %+v, want %+v", ch, want)
	}
	got, _ := db.Customer(ctx, c.ID)
	if got.Stage != model.StageFormer || got.LetGoReason != "endless returns" {
		t.Errorf("stored %s %q", got.Stage, got.LetGoReason)
	}
	if _, err := db.SetStage(ctx, ch.ID, ch.From, ch.FromReason); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Customer(ctx, c.ID)
	if got.Stage != model.StageCustomer || got.LetGoReason != "" {
		t.Errorf("after undo %s %q", got.Stage, got.LetGoReason)
	}
	if _, err := db.SetStage(ctx, 999, model.StageAdvocate, ""); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing customer: %v", err)
	}
	if _, err := db.SetStage(ctx, c.ID, "vip", ""); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("bad stage: %v", err)
	}
}

func TestFitFiguresSumThePeriodByHand(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	day := func(s string) time.Time { return stamp(t, s) }
	ann := model.Customer{Name: "Ann", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &ann); err != nil {
		t.Fatal(err)
	}
	err := db.Load(ctx, func(l *Loader) error {
		orders := []model.Order{
			// Before the period: left out.
			{CustomerID: ann.ID, OrderedAt: day("2025-11-30 12:00"), Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Soap", 10, 500, 100)}},
			// In it: 2 × £5 (cost £1) + 1 × £12 (cost £4) = £22 revenue, £6 direct.
			{CustomerID: ann.ID, OrderedAt: day("2026-01-10 12:00"), Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Soap", 2, 500, 100), model.NewLine("Candle", 1, 1200, 400)}},
			// A refund of one soap: −£5 revenue, −£1 direct.
			{CustomerID: ann.ID, OrderedAt: day("2026-02-01 12:00"), Kind: model.OrderRefund,
				Lines: []model.OrderLine{model.NewLine("Soap", -1, 500, 100)}},
			// The last day of the period counts.
			{CustomerID: ann.ID, OrderedAt: day("2026-11-23 18:00"), Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Soap", 1, 500, 100)}},
		}
		for i := range orders {
			if err := l.Order(&orders[i]); err != nil {
				return err
			}
		}
		for _, c := range []model.Cost{
			{On: day("2026-03-01"), CustomerID: ann.ID, Category: model.CostShipping, Amount: 350},
			{On: day("2026-03-02"), OrderID: orders[1].ID, Category: model.CostFees, Amount: 80}, // her order's
			{On: day("2026-03-03"), CustomerID: ann.ID, Category: model.CostAcquisition, Amount: 5000},
			{On: day("2025-10-01"), CustomerID: ann.ID, Category: model.CostShipping, Amount: 999},
		} {
			if err := l.Cost(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := db.FitFacts(ctx, model.Period{From: day("2025-12-01"), To: day("2026-11-23")})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.FitFigures(ctx, cs, model.Period{From: day("2025-12-01"), To: day("2026-11-23")}); err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	// Revenue 22 − 5 + 5 = 22; direct 6 − 1 + 1 = 6; cost to serve 3.50 +
	// 0.80 (acquisition aside); profit 22 − 6 − 4.30 = 11.70.
	if c.Orders != 2 || c.Revenue != 2200 || c.DirectCost != 600 || c.CostToServe != 430 || c.Profit != 1170 ||
		model.FormatDate(c.LastSale) != "2026-11-23" {
		t.Errorf("Ann's figures: %d orders, revenue %v, direct %v, serve %v, profit %v, last sale %v",
			c.Orders, c.Revenue, c.DirectCost, c.CostToServe, c.Profit, c.LastSale)
	}
}

func TestEachIDReadsGroupConcat(t *testing.T) {
	t.Parallel()
	for list, want := range map[string][]int64{"": nil, "7": {7}, "1,22,333": {1, 22, 333}, "-4,5": {-4, 5}} {
		var got []int64
		eachID(list, func(id int64) { got = append(got, id) })
		if !slices.Equal(got, want) {
			t.Errorf("eachID(%q) = %v, want %v", list, got, want)
		}
	}
}

// parseStamp reads what parseTime reads, faster for the stored form.
func TestParseStampReadsWhatParseTimeReads(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "2026-11-23 09:30:05", "2024-02-29 23:59:59", "2025-02-29 10:00:00",
		"2026-04-31 10:00:00", "2026-13-01 10:00:00", "2026-11-23 24:00:00", "2026-11-23 10:60:00",
		"2026-11-23 10:00:60", "1899-12-31 10:00:00", "3000-01-01 10:00:00", "2026-11-23", "2026-11-23 10:00",
		"2026-11-23T10:00:00", "2026-1a-23 10:00:00", "+026-11-23 10:00:00", "2026-11-23 -1:00:00"} {
		fuzzParseStamp(t, s)
	}
}

func FuzzParseStamp(f *testing.F) {
	f.Add("2026-11-23 09:30:05")
	f.Add("2025-02-29 10:00:00")
	f.Fuzz(fuzzParseStamp)
}

func fuzzParseStamp(t *testing.T, s string) {
	want := parseTime(sql.NullString{String: s, Valid: true})
	if got := parseStamp(s); !got.Equal(want) || got.Location() != want.Location() {
		t.Errorf("parseStamp(%q) = %v, parseTime says %v", s, got, want)
	}
}

// utcTime is time.Date in UTC, to the same value (== compares every field),
// for any day, hour, minute and second from 0 to 99 (as a kept month's
// "DD HH:MM:SS" may say) and every month and year the store writes.
func TestUTCTimeIsTimeDate(t *testing.T) {
	t.Parallel()
	check := func(y, mo, d, h, mi, s int64) {
		want := time.Date(int(y), time.Month(mo), int(d), int(h), int(mi), int(s), 0, time.UTC)
		if got := utcTime(y, mo, d, h, mi, s); got != want {
			t.Fatalf("utcTime(%d, %d, %d, %d, %d, %d) = %#v, time.Date says %#v", y, mo, d, h, mi, s, got, want)
		}
	}
	for y := int64(1); y <= 9999; y += 1 + y%7*13 {
		for mo := int64(0); mo <= 13; mo++ {
			for d := int64(0); d <= 99; d += 1 + d%3 {
				check(y, mo, d, d%25, (d*7)%61, (d*13)%100)
			}
		}
	}
	for _, y := range []int64{1, 1600, 1900, 1970, 2000, 2024, 2100, 2400, 9999} {
		for mo := int64(1); mo <= 12; mo++ {
			for _, hms := range [][3]int64{{0, 0, 0}, {23, 59, 59}, {99, 99, 99}, {24, 60, 60}} {
				check(y, mo, 1, hms[0], hms[1], hms[2])
				check(y, mo, 31, hms[0], hms[1], hms[2])
			}
		}
	}
}

// A customer on the list whose card the blocks do not hold (card_blocks
// edited by hand, or archived between the reads) is left out of FitBook,
// the others in their order with their figures: no empty place.
func TestFitBookLeavesOutWhoHasNoCard(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTest(t)
	ann, bob := smallBook(t, db)
	cal := model.Customer{Name: "Cal", Stage: model.StageProspect}
	if err := db.CreateCustomer(ctx, &cal); err != nil {
		t.Fatal(err)
	}
	p := model.Period{From: stamp(t, "2026-01-01"), To: stamp(t, "2026-12-31")}
	all, err := db.FitBook(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].ID != ann.ID || all[1].ID != bob.ID || all[2].ID != cal.ID {
		t.Fatalf("FitBook: %+v", all)
	}
	if err := db.Exec(`UPDATE card_blocks SET cards = (SELECT group_concat(customer_id || ':' || card, char(10))
		FROM customer_cards WHERE customer_id <> ?1 AND customer_id >> 6 = ?1 >> 6) WHERE block = ?1 >> 6`, bob.ID); err != nil {
		t.Fatal(err)
	}
	got, err := db.FitBook(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if want := []model.FitCustomer{all[0], all[2]}; !reflect.DeepEqual(got, want) {
		t.Errorf("without Bob's card:\n got %+v\nwant %+v", got, want)
	}
}

// suffixMoment reads a kept "DD HH:MM:SS" as reading each field's digits
// does, and nothing else.
func TestSuffixMomentReadsEachField(t *testing.T) {
	t.Parallel()
	want := func(ym int64, s string) moment {
		if len(s) != 11 || s[2] != ' ' || s[5] != ':' || s[8] != ':' {
			return 0
		}
		var f [4]int64
		for i, at := range []int{0, 3, 6, 9} {
			n, ok := digits(s[at : at+2])
			if !ok {
				return 0
			}
			f[i] = n
		}
		return moment((((((ym/12)*100+ym%12+1)*100+f[0])*100+f[1])*100+f[2])*100 + f[3])
	}
	texts := []string{"07 09:30:00", "31 23:59:59", "99 99:99:99", "00 00:00:00", "7 09:30:00", "07 09:30:0",
		"07T09:30:00", "07 09-30:00", "07 09:30-00", "0/ 09:30:00", "07 0:930:00", "07 09:30:0:", "/7 09:30:00",
		"07 09:3/:00", "07 09:30:/0", "07 ::30:00", "a7 09:30:00", "07 09:30:00 "}
	for _, s := range texts {
		for _, ym := range []int64{2026*12 + 0, 2025*12 + 11, 1*12 + 5} {
			if got, w := suffixMoment(ym, s), want(ym, s); got != w {
				t.Errorf("suffixMoment(%d, %q) = %d, want %d", ym, s, got, w)
			}
		}
	}
	for i := 0; i < 11; i++ { // every byte of a good one, each other byte
		for c := 0; c < 256; c++ {
			b := []byte("19 08:47:36")
			b[i] = byte(c)
			if got, w := suffixMoment(2026*12, string(b)), want(2026*12, string(b)); got != w {
				t.Errorf("suffixMoment(%q) = %d, want %d", b, got, w)
			}
		}
	}
}
