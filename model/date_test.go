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
		{"23/11/2026", time.Time{}, "use YYYY-MM-DD"},
		{"", time.Time{}, "empty"},
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
	})
}
