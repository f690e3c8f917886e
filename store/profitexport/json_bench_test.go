package profitexport

import (
	"io"
	"testing"

	"clientele/model"
)

// BenchmarkWriteJSON writes the JSON export of 100,000 customers, to
// count what a customer costs in time and garbage.
func BenchmarkWriteJSON(b *testing.B) {
	s := summary()
	many := make([]model.CustomerProfit, 0, 100000)
	for len(many) < cap(many) {
		many = append(many, s.Customers...)
	}
	s.Customers = many[:cap(many)]
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, s, "json"); err != nil {
			b.Fatal(err)
		}
	}
}
