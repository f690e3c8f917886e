package store

import (
	"context"
	"fmt"
	"strings"

	"clientele/model"
)

// The sums of a span as the store read them before it kept months: every
// order and cost of the span, from the orders and costs themselves, each
// grouped by customer in SQL. The tests hold readSums to the same figures
// over every customer and many spans.
const (
	refSales = `SELECT coalesce(customer_id, 0), count(*), sum(lines_amount), sum(lines_direct_cost),
		min(ordered_at), max(ordered_at)
		FROM orders INDEXED BY orders_sales WHERE kind = 'sale' AND voided_at IS NULL AND {in span} GROUP BY customer_id`
	refRefunds = `SELECT coalesce(customer_id, 0), count(*), sum(lines_amount), sum(lines_direct_cost)
		FROM orders INDEXED BY orders_refunds WHERE kind = 'refund' AND voided_at IS NULL AND {in span}
		GROUP BY customer_id`
	refCosts = `SELECT customer_id, count(*), sum(amount) FROM costs INDEXED BY costs_to_serve
		WHERE customer_id IS NOT NULL AND category <> 'acquisition' AND voided_at IS NULL AND {in span}
		GROUP BY customer_id`
	refLooseCosts = `SELECT coalesce(o.customer_id, 0), count(*), sum(c.amount)
		FROM costs c INDEXED BY costs_loose LEFT JOIN orders o ON o.id = c.order_id
		WHERE c.customer_id IS NULL AND c.category <> 'acquisition' AND c.voided_at IS NULL AND {in span} GROUP BY 1`
	// refMonth is the whole business in the days [?1, ?2).
	refMonth = `SELECT coalesce(sum(lines_amount), 0), coalesce(sum(lines_direct_cost), 0),
		(SELECT coalesce(sum(amount), 0) FROM costs WHERE incurred_on >= ?1 AND incurred_on < ?2 AND voided_at IS NULL)
		- (SELECT coalesce(sum(amount), 0) FROM costs INDEXED BY costs_acquisition
			WHERE category = 'acquisition' AND voided_at IS NULL AND incurred_on >= ?1 AND incurred_on < ?2)
		FROM orders WHERE ordered_at >= ?1 AND ordered_at < ?2 AND voided_at IS NULL`
)

// refWhere returns query with {in span} the test that column falls in sp.
func refWhere(sp span, query, column string) (string, []any) {
	if sp.allTime() {
		return strings.ReplaceAll(query, "{in span}", "1"), nil
	}
	return strings.ReplaceAll(query, "{in span}", column+" >= ?1 AND "+column+" < ?2"), []any{sp.lo, sp.hi}
}

// refSums sums every customer's orders and costs over sp from the orders
// and costs, as readSums did before customer_months.
func (db *DB) refSums(ctx context.Context, sp span, maxID int64) ([]sums, error) {
	out := make([]sums, maxID+1)
	read := func(query, column string, add func(s *sums, r row)) func() error {
		return func() error {
			q, args := refWhere(sp, query, column)
			return db.eachRow(ctx, q, args, func(r row) error {
				if id := r.int(0); id >= 0 && id <= maxID {
					add(&out[id], r)
				}
				return nil
			})
		}
	}
	err := parallel(
		read(refSales, "ordered_at", func(s *sums, r row) {
			s.saleOrders, s.sales, s.saleDirect = int(r.int(1)), r.money(2), r.money(3)
			s.firstSale, s.lastSale = momentOf(r.text(4)), momentOf(r.text(5))
		}),
		read(refRefunds, "ordered_at", func(s *sums, r row) {
			s.refundOrders, s.refunds, s.refundDirect = int(r.int(1)), r.money(2), r.money(3)
		}),
		read(refCosts, "incurred_on", func(s *sums, r row) { s.costs, s.costToServe = int(r.int(1)), r.money(2) }),
	)
	if err != nil {
		return nil, err
	}
	// The costs recorded on no customer, added to those of the customer of
	// their order, after the others: both write the same fields.
	err = read(refLooseCosts, "c.incurred_on", func(s *sums, r row) {
		s.costs += int(r.int(1))
		s.costToServe += r.money(2)
	})()
	return out, err
}

// refMonths sums the whole business in each month of months, within sp.
func (db *DB) refMonths(ctx context.Context, sp span, months []model.MonthFacts) error {
	for i := range months {
		m := &months[i]
		lo, hi := max(model.FormatDate(m.Month), sp.lo), min(model.FormatDate(m.Month.AddDate(0, 1, 0)), sp.hi)
		if err := db.r.QueryRowContext(ctx, refMonth, lo, hi).Scan(&m.Revenue, &m.DirectCost,
			&m.CostToServe); err != nil {
			return fmt.Errorf("month %s: %w", lo, err)
		}
	}
	return nil
}

// SumsDiffer reads every customer's sums over each of periods, and the
// period's months, with readSums and with refSums and refMonths, and
// describes the differences (at most limit of them); none when readSums
// is right. It compares the sums of all time readSums reads beside too.
func (db *DB) SumsDiffer(ctx context.Context, periods []model.Period, limit int) ([]string, error) {
	var maxID int64
	if err := db.r.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM customers").Scan(&maxID); err != nil {
		return nil, err
	}
	bounds, err := db.readBounds(ctx)
	if err != nil {
		return nil, err
	}
	life, err := db.refSums(ctx, span{hi: openEnd}, maxID)
	if err != nil {
		return nil, err
	}
	out := findings{limit: limit}
	differ := out.add
	for _, p := range periods {
		sp := spanOf(p.From, p.To)
		got, err := db.readSums(ctx, sp, maxID, bounds, sumsRead{life: true,
			months: p.Months(parseDay(bounds.first), parseDay(bounds.last))})
		if err != nil {
			return nil, err
		}
		want, err := db.refSums(ctx, sp, maxID)
		if err != nil {
			return nil, err
		}
		months := make([]model.MonthFacts, len(got.months))
		for i := range months {
			months[i].Month = got.months[i].Month
		}
		if err := db.refMonths(ctx, sp, months); err != nil {
			return nil, err
		}
		days := p.String() + " [" + sp.lo + ", " + sp.hi + ")"
		for id := range want {
			if got.period[id] != want[id] {
				differ("%s, customer %d: read %+v, the orders and costs say %+v", days, id, got.period[id], want[id])
			}
			g, w := &got.life[id], &life[id]
			if g.revenue() != w.revenue() || g.direct() != w.direct() || g.costToServe != w.costToServe {
				differ("all time, customer %d: read %d %d %d, the orders and costs say %d %d %d", id, g.revenue(),
					g.direct(), g.costToServe, w.revenue(), w.direct(), w.costToServe)
			}
		}
		for i := range months {
			if got.months[i] != months[i] {
				differ("%s, month %s: read %+v, the orders and costs say %+v", days,
					model.FormatDate(months[i].Month), got.months[i], months[i])
			}
		}
	}
	return out.list, nil
}

// findings gathers descriptions of differences, at most limit of them.
type findings struct {
	limit int
	list  []string
}

// add describes one more difference.
func (f *findings) add(format string, args ...any) {
	if len(f.list) < f.limit {
		f.list = append(f.list, fmt.Sprintf(format, args...))
	}
}
