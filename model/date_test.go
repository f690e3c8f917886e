package model

import (
	"strings"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 23, 15, 4, 0, 0, time.UTC)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want time.Time
		err  string
	}{
		{"2026-11-23", day(2026, 11, 23), ""},
		{"2024-02-29", day(2024, 2, 29), ""},
		{"today", day(2026, 11, 23), ""},
		{" Tomorrow ", day(2026, 11, 24), ""},
		{"yesterday", day(2026, 11, 22), ""},
		{"+7", day(2026, 11, 30), ""},
		{"+2w", day(2026, 12, 7), ""},
		{"-1m", day(2026, 10, 23), ""},
		{"+0", day(2026, 11, 23), ""},
		{"2026-02-30", time.Time{}, "not a day on the calendar"},
		{"2025-02-29", time.Time{}, "not a day on the calendar"},
		{"23/11/2026", day(2026, 11, 23), ""},
		{"11/23/2026", day(2026, 11, 23), ""},
		{"03/04/2026", time.Time{}, "reads two ways"},
		{"04/04/2026", day(2026, 4, 4), ""},
		{"31/02/2026", time.Time{}, "not a day on the calendar"},
		{"fri", day(2026, 11, 27), ""}, // today is Monday 23 November
		{"Friday", day(2026, 11, 27), ""},
		{"mon", day(2026, 11, 30), ""},
		{"next mon", day(2026, 11, 30), ""},
		{"last mon", day(2026, 11, 16), ""},
		{"last fri", day(2026, 11, 20), ""},
		{"", time.Time{}, "no day given"},
		{"12/2026/1", time.Time{}, "not a date"},
		{"1/2-2026", time.Time{}, "not a date"},
		{"/12/2026", time.Time{}, "not a date"},
		{"2026/11/23", time.Time{}, "not a date"},
		{"+", time.Time{}, "not a date"},
		{"+7x", time.Time{}, "not a date"},
		{"+99999999999", time.Time{}, "not a date"},
		{"0001-01-01", time.Time{}, "out of range"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, today)
		if tt.err == "" {
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseDate(%q) error = %v; want %q", tt.in, err, tt.err)
		}
	}
}

func TestDateOrders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		order DateOrder
		in    string
		want  time.Time
		err   string
	}{
		{DateOrderDMY, "03/04/2026", day(2026, 4, 3), ""},
		{DateOrderMDY, "03/04/2026", day(2026, 3, 4), ""},
		{DateOrderDMY, "3.4.26", day(2026, 4, 3), ""},
		{DateOrderDMY, "24/12", day(2026, 12, 24), ""},
		{DateOrderDMY, "2026-04-03", day(2026, 4, 3), ""}, // ISO always reads
		{DateOrderMDY, "2026-04-03", day(2026, 4, 3), ""},
		{DateOrderDMY, "31/02/2026", time.Time{}, `"31/02/2026" is not a day on the calendar`},
		{DateOrderMDY, "24/12/2026", time.Time{}, "not a day on the calendar"},
		{DateOrderDMY, "+2w", day(2026, 12, 7), ""},
		{DateOrderDMY, "fri", day(2026, 11, 27), ""},
		{DateOrderDMY, "soon", time.Time{}, `"soon" is not a date: type 24/12/2026, today, +7 or fri`},
		{DateOrderMDY, "soon", time.Time{}, "type 12/24/2026"},
		{DateOrderDMY, "1/1/123", time.Time{}, "not a date"},
	}
	for _, tt := range tests {
		got, err := tt.order.Parse(tt.in, today)
		if tt.err == "" {
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("%s.Parse(%q) = %v, %v; want %v", tt.order, tt.in, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s.Parse(%q) error = %v; want %q", tt.order, tt.in, err, tt.err)
		}
		if err != nil && strings.Contains(err.Error(), "date "+`"`) {
			t.Errorf("%s.Parse(%q): %v names the field, which its caller does", tt.order, tt.in, err)
		}
	}
	for _, o := range DateOrders {
		if got := o.FormatDate(day(2026, 4, 3)); len(got) != 10 {
			t.Errorf("%s writes %q, not in ten columns", o, got)
		}
		back, err := o.Parse(o.FormatDate(day(2026, 4, 3)), today)
		if err != nil || !back.Equal(day(2026, 4, 3)) {
			t.Errorf("%s does not read back what it writes: %v, %v", o, back, err)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	t.Parallel()
	// Every way ISO 8601 writes the zero offset reads alike: Z was taken
	// while +00:00 was refused.
	for _, in := range []string{"2010-12-01 08:26:00", "2010-12-01T08:26:00", "2010-12-01 08:26", "2010-12-01T08:26:00Z",
		"2010-12-01T08:26:00+00:00", "2010-12-01T08:26:00+0000", "2010-12-01 08:26:00 +00:00", "2010-12-01T08:26+00",
		"2010-12-01 08:26 Z"} {
		got, err := ParseDateTime(in)
		if err != nil || !got.Equal(time.Date(2010, 12, 1, 8, 26, 0, 0, time.UTC)) {
			t.Errorf("ParseDateTime(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"2010-12-01 25:00:00", "12/01/2010 08:26", "2010-12-01 8:26", "2010-12-01Z"} {
		if _, err := ParseDateTime(in); err == nil {
			t.Errorf("ParseDateTime(%q) accepted", in)
		}
	}
	// Any offset is set aside as the importer sets it aside: the clock
	// time is kept.
	for _, in := range []string{"2010-12-01T08:26:00+04:00", "2010-12-01 08:26:00 -0500", "2010-12-01T08:26:00-00:00"} {
		got, err := ParseDateTime(in)
		if err != nil || !got.Equal(time.Date(2010, 12, 1, 8, 26, 0, 0, time.UTC)) {
			t.Errorf("ParseDateTime(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"2010-12-01T08:26:00+4", "2010-12-01T08:26:00+04:0x"} {
		if _, err := ParseDateTime(in); err == nil {
			t.Errorf("ParseDateTime(%q) accepted", in)
		}
	}
}

func TestDaysBetween(t *testing.T) {
	t.Parallel()
	late := time.Date(2026, 11, 22, 23, 59, 0, 0, time.UTC)
	early := time.Date(2026, 11, 23, 0, 1, 0, 0, time.UTC)
	if n := DaysBetween(late, early); n != 1 {
		t.Errorf("11 pm yesterday to just after midnight = %d days, want 1", n)
	}
	if n := DaysBetween(day(2026, 3, 1), day(2026, 3, 31)); n != 30 {
		t.Errorf("March 1 to 31 = %d, want 30", n)
	}
	if n := DaysBetween(today, day(2026, 11, 20)); n != -3 {
		t.Errorf("backwards = %d, want -3", n)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-23", "today", "+7", "-2w", "2026-02-30", "+9999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, today)
		if err != nil {
			return
		}
		if d != Day(d) {
			t.Errorf("ParseDate(%q) = %v is not midnight", s, d)
		}
		if back, err := ParseDate(FormatDate(d), today); err == nil && !back.Equal(d) {
			t.Errorf("round trip of %q: %v → %v", s, d, back)
		}
		for _, o := range DateOrders {
			d, err := o.Parse(s, today)
			if err != nil {
				continue
			}
			if back, err := o.Parse(o.FormatDate(d), today); err != nil || !back.Equal(d) {
				t.Errorf("%s: round trip of %q: %v → %v, %v", o, s, d, back, err)
			}
		}
	})
}
