package customerexport

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"clientele/model"
)

func TestWriteAWholeCustomer(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	rec := model.CustomerRecord{
		Customer: model.Customer{ID: 7, Name: "Ada \x1b[2JLovelace", Stage: model.StageCustomer, Orders: 1, Revenue: 900,
			CreatedAt: day, UpdatedAt: day},
		Refs: []model.CustomerRef{{Source: "shop", Ref: "A-1"}},
		Orders: []model.Order{{ID: 3, OrderedAt: day, Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 2, 450, 100)},
			Void:  model.Void{VoidedAt: day, VoidReason: "twice"}}},
		Feedback: []model.Feedback{{ID: 4, On: day, Kind: model.FeedbackNPS, Score: 0, HasScore: true,
			Status: model.FeedbackNew}},
		History: []model.Change{{ID: 9, At: day, What: "Added customer Ada"}},
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, rec); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(b.String(), 0x1b) {
		t.Errorf("JSON holds a raw escape: %q", b.String())
	}
	var back record
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Customer.Name != rec.Customer.Name || back.Customer.Revenue != "9.00" || len(back.Orders) != 1 ||
		back.Orders[0].Total != "9.00" || back.Orders[0].Voided != "2026-03-01 10:00:00" ||
		back.Orders[0].VoidReason != "twice" || back.Feedback[0].Score == nil || *back.Feedback[0].Score != 0 ||
		len(back.Refs) != 1 || len(back.History) != 1 || back.Costs == nil {
		t.Errorf("read back: %+v", back)
	}
	b.Reset()
	if err := WriteText(&b, rec); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Ada ␛[2JLovelace (customer 7)", "also known as:    shop:A-1",
		"#3 2026-03-01 10:00:00 sale 9.00, 1 line [voided 2026-03-01 10:00:00: twice]", "#4 2026-03-01 NPS 0",
		"#9 2026-03-01 10:00:00 Added customer Ada"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
}
