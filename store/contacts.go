package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"clientele/model"
)

// EachContact calls fn with every customer not archived that q selects,
// by name, with their segments and birthday (as their one occasion)
// filled in; it stops at fn's first error.
func (db *DB) EachContact(ctx context.Context, q model.ContactQuery, fn func(model.Customer) error) error {
	var where []string
	var args []any
	if q.Segment != "" {
		var id int64
		err := db.r.QueryRowContext(ctx, "SELECT id FROM segments WHERE name = ? COLLATE NOCASE",
			strings.TrimSpace(q.Segment)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			names, _ := db.strings(ctx, "SELECT name FROM segments ORDER BY name")
			return fmt.Errorf("there is no segment called %q (%s): %w", model.Printable(q.Segment),
				segmentList(names), model.ErrNotFound)
		}
		if err != nil {
			return mapErr(err)
		}
		where = append(where, "c.id IN (SELECT customer_id FROM customer_segments WHERE segment_id = ?)")
		args = append(args, id)
	}
	if q.Consented != "" {
		col := map[model.ConsentChannel]string{model.ConsentEmail: "consent_email_on", model.ConsentSMS: "consent_sms_on",
			model.ConsentPost: "consent_post_on"}[q.Consented]
		if col == "" {
			return model.Invalid("consented", "%q is not email, sms or post", q.Consented)
		}
		where = append(where, "c."+col+" IS NOT NULL")
	}
	cond := ""
	for _, w := range where {
		cond += " AND " + w
	}
	var cols []string
	for _, col := range strings.Split(customerColumns, ",") {
		cols = append(cols, "c."+strings.TrimSpace(col))
	}
	rows, err := db.r.QueryContext(ctx, "SELECT "+strings.Join(cols, ", ")+`,
		coalesce((SELECT group_concat(name, char(31)) FROM (SELECT s.name FROM customer_segments cs
			JOIN segments s ON s.id = cs.segment_id WHERE cs.customer_id = c.id ORDER BY s.name)), ''),
		o.month, o.day, coalesce(o.year, 0)
		FROM customers c LEFT JOIN occasions o ON o.customer_id = c.id AND o.kind = 'birthday'
		WHERE c.archived_at IS NULL`+cond+` ORDER BY c.sort_name, c.id`, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var segments string
		var month, day, year sql.NullInt64
		c, err := scanCustomer(scanTail{rows, []any{&segments, &month, &day, &year}})
		if err != nil {
			return mapErr(err)
		}
		if segments != "" {
			c.Segments = strings.Split(segments, "\x1f")
		}
		if month.Valid {
			c.Occasions = []model.Occasion{{CustomerID: c.ID, Kind: model.OccasionBirthday, Yearly: true,
				Month: time.Month(month.Int64), Day: int(day.Int64), Year: int(year.Int64)}}
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// scanTail scans a row whose first columns scanCustomer reads and whose
// last ones go to tail.
type scanTail struct {
	rows *sql.Rows
	tail []any
}

func (s scanTail) Scan(dst ...any) error { return s.rows.Scan(append(dst, s.tail...)...) }

// segmentList names the segments there are, for an error.
func segmentList(names []string) string {
	if len(names) == 0 {
		return "the book has no segments"
	}
	for i, n := range names {
		names[i] = model.Printable(n)
	}
	return "segments: " + strings.Join(names, ", ")
}
