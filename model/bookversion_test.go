package model

import (
	"testing"
	"time"
)

func TestAnalysisKeyIsTheSameOnlyForTheSameBookPeriodAndDay(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	k := KeyOf(7, Last12Months(today), today)
	for _, tc := range []struct {
		name string
		o    AnalysisKey
		same bool
	}{
		{"later the same day", KeyOf(7, Last12Months(today), today.Add(5*time.Hour)), true},
		{"a change to the book", KeyOf(8, Last12Months(today), today), false},
		{"the next day", KeyOf(7, Last12Months(today), today.AddDate(0, 0, 1)), false},
		{"another period", KeyOf(7, YearToDate(today), today), false},
		{"the same days, another kind", KeyOf(7, Period{Kind: PeriodCustom, From: Last12Months(today).From,
			To: Last12Months(today).To}, today), false},
	} {
		if got := k.Same(tc.o); got != tc.same {
			t.Errorf("%s: Same is %v", tc.name, got)
		}
	}
}
