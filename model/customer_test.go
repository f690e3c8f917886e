package model

import (
	"errors"
	"strings"
	"testing"
)

func TestCustomerValidate(t *testing.T) {
	t.Parallel()
	valid := func() Customer {
		return Customer{Name: "Ada", Stage: StageCustomer, Email: "ada@example.com", Phone: "+44 (0)113 496 0000",
			Channel: ChannelEmail, Fit: 4, Tier: 2}
	}
	tests := []struct {
		name  string
		edit  func(c *Customer)
		field string // the field the error names, "" for valid
	}{
		{"valid", func(c *Customer) {}, ""},
		{"no name", func(c *Customer) { c.Name = "  " }, "name"},
		{"two-line name", func(c *Customer) { c.Name = "Ada\nLovelace" }, "name"},
		{"long name", func(c *Customer) { c.Name = strings.Repeat("a", 201) }, "name"},
		{"bad email", func(c *Customer) { c.Email = "ada@" }, "email"},
		{"email with space", func(c *Customer) { c.Email = "ada @example.com" }, "email"},
		{"bad phone", func(c *Customer) { c.Phone = "call me" }, "phone"},
		{"short phone", func(c *Customer) { c.Phone = "123" }, "phone"},
		{"fit 6", func(c *Customer) { c.Fit = 6 }, "fit"},
		{"tier 4", func(c *Customer) { c.Tier = 4 }, "tier"},
		{"stage", func(c *Customer) { c.Stage = "vip" }, "stage"},
		{"channel", func(c *Customer) { c.Channel = "pigeon" }, "channel"},
		{"negative acquisition", func(c *Customer) { c.AcquisitionCost = -1 }, "acquisition cost"},
		{"refers self", func(c *Customer) { c.ID, c.ReferredBy = 7, 7 }, "referred by"},
		{"segment with comma", func(c *Customer) { c.Segments = []string{"a,b"} }, "segment"},
	}
	for _, tt := range tests {
		c := valid()
		tt.edit(&c)
		err := c.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		var es Errors
		if !errors.As(err, &es) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error %v is not Errors/ErrInvalid", tt.name, err)
			continue
		}
		if es.For(tt.field) == "" {
			t.Errorf("%s: error %v does not name field %q", tt.name, err, tt.field)
		}
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	c := Customer{Name: "  Zoë  ", Values: []string{" Quality", "quality", "", "Eco  Packaging"},
		Segments: []string{"Wholesale", " wholesale ", "Gift buyers"}}
	c.Normalize()
	if c.Name != "Zoë" || c.Stage != StageProspect {
		t.Errorf("name %q stage %q", c.Name, c.Stage)
	}
	if strings.Join(c.Values, "|") != "quality|eco packaging" {
		t.Errorf("values %q", c.Values)
	}
	if strings.Join(c.Segments, "|") != "Wholesale|Gift buyers" {
		t.Errorf("segments %q", c.Segments)
	}
}

func TestContact(t *testing.T) {
	t.Parallel()
	c := Customer{Channel: ChannelPhone, Phone: "555-0142", Email: "x@y.z"}
	if got := c.Contact(); got != "call 555-0142" {
		t.Errorf("Contact = %q", got)
	}
	c.Channel = ChannelSocial
	if got := c.Contact(); got != "" {
		t.Errorf("Contact with no handle = %q, want empty", got)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	t.Parallel()
	s := DefaultSettings()
	s.BusinessName, s.HourlyRate, s.ReorderFactor = "Hearth & Lye", 3000, 1.75
	s.ComplaintTargetDays[SeverityHigh] = 1
	got, err := SettingsFromPairs(s.Pairs())
	if err != nil {
		t.Fatal(err)
	}
	if got.BusinessName != s.BusinessName || got.HourlyRate != 3000 || got.ReorderFactor != 1.75 ||
		got.ComplaintTargetDays[SeverityHigh] != 1 || got.TierNames != s.TierNames {
		t.Errorf("round trip: %+v", got)
	}
	if _, err := SettingsFromPairs(map[string]string{"advocate_days": "sixty"}); err == nil ||
		!strings.Contains(err.Error(), "advocate_days") {
		t.Errorf("bad setting error = %v", err)
	}
	bad := DefaultSettings()
	bad.Currency = "pounds"
	if err := bad.Validate(); err == nil {
		t.Error("currency \"pounds\" accepted")
	}
}
