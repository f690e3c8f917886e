package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"clientele/model"
)

var _ model.FitStore = (*DB)(nil)

// complaintsOpened counts each customer's complaints opened in the
// period, ?1 and ?2 days, both included.
const complaintsOpened = `SELECT customer_id, count(*) FROM complaints
	WHERE customer_id IS NOT NULL AND opened_on >= ?1 AND opened_on <= ?2 AND voided_at IS NULL GROUP BY customer_id`

// liveByName lists the customers on the books in the list's order (by
// name), from an index of just those.
const liveByName = `SELECT id FROM customers INDEXED BY customers_live_by_name WHERE archived_at IS NULL
	ORDER BY sort_name, id`

// FitFacts reads every customer not archived with what the fit analysis
// needs besides their profit, in the list's order (by name); see fitBook.
func (db *DB) FitFacts(ctx context.Context, p model.Period) ([]model.FitCustomer, error) {
	return db.fitBook(ctx, p, false)
}

// FitBook is FitFacts and FitFigures in one: every customer not archived,
// in the list's order, with what the fit analysis weighs and their figures
// over period p, all read side by side. The Segments tab's whole read.
func (db *DB) FitBook(ctx context.Context, p model.Period) ([]model.FitCustomer, error) {
	return db.fitBook(ctx, p, true)
}

// fitBook reads the list's order and, side by side with it, what the
// cards are joined with: the segments' names, the complaints of the
// period and, with figures, the sums of the period (readSums). Then the
// customers' cards (customer_cards, kept by triggers: one text per
// customer), each joined with those as it is read, straight into its
// place in the list: the cards come in the order of their ids, so the
// facts by id are read one after the other, and each customer's place is
// written once, with no second pass over the list. Ids are dense (SQLite
// hands them out in order), so facts about other tables are kept in
// slices indexed by id.
func (db *DB) fitBook(ctx context.Context, p model.Period, figures bool) ([]model.FitCustomer, error) {
	lo, hi := periodDays(p.From, p.To)
	var maxID int64
	if err := db.r.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM customers").Scan(&maxID); err != nil {
		return nil, mapErr(err)
	}
	var out []model.FitCustomer
	// Each customer's place in out, plus one; 0 when not listed; less
	// than 0 once placed.
	at := make([]int32, maxID+1)
	var segs segments
	var sums bookSums
	complaints := make([]int32, maxID+1)
	facts := []func() error{
		func() (err error) { segs, err = db.segmentsByID(ctx); return err },
		func() error {
			return db.eachRow(ctx, complaintsOpened, []any{lo, hi}, func(r row) error {
				if id := r.int(0); id >= 0 && id <= maxID {
					complaints[id] = int32(r.int(1))
				}
				return nil
			})
		},
	}
	if figures {
		facts = append(facts, func() error {
			bounds, err := db.readBounds(ctx)
			if err != nil {
				return err
			}
			sums, err = db.readSums(ctx, spanOf(p.From, p.To), maxID, bounds, sumsRead{})
			return err
		})
	}
	// The facts are read (or failed: their read returns the error) when
	// joined is closed.
	joined := make(chan struct{})
	var factsErr error
	read := func() error {
		n := 0
		err := db.eachRow(ctx, liveByName, nil, func(r row) error {
			// A customer added since max(id) was read is left for the
			// next load.
			if id := r.int(0); id >= 1 && id <= maxID {
				n++
				at[id] = int32(n)
			}
			return nil
		})
		if err != nil {
			return err
		}
		out = make([]model.FitCustomer, n)
		if <-joined; factsErr != nil {
			return nil
		}
		return db.eachCard(ctx, maxID, true, func(id int64, c *card) {
			if at[id] == 0 || c.archived {
				return
			}
			// Field by field: out is zeroed, and a whole struct
			// written at a random place cost twice as much.
			f := &out[at[id]-1]
			at[id] = -at[id] // placed
			f.ID, f.Name, f.Stage, f.Country = id, c.name, model.Stage(c.stage), c.country
			f.Tier, f.Fit, f.Referrer, f.LifetimeRevenue = c.tier, c.fit, c.referredBy, c.revenue
			f.LastActivity = parseStamp(max(c.lastOrder, c.lastTouch))
			f.Values, f.NPS, f.HasNPS = c.values, c.nps, c.hasNPS
			f.Segments = segs.names(c.segments, &c.names)
			f.Complaints = int(complaints[id])
			if figures {
				fitFigures(f, &sums.period[id])
			}
		})
	}
	err := parallel(read, func() error {
		defer close(joined)
		factsErr = parallel(facts...)
		return factsErr
	})
	if err != nil {
		return nil, fmt.Errorf("reading what the fit score weighs: %w", err)
	}
	// A place with no customer: archived since the order was read, or no
	// card.
	if slices.ContainsFunc(at, func(place int32) bool { return place > 0 }) {
		out = slices.DeleteFunc(out, func(c model.FitCustomer) bool { return c.ID == 0 })
	}
	return out, nil
}

// parseStamp reads a stored time, "" as the zero time. The store writes
// every time as YYYY-MM-DD HH:MM:SS, which it reads here digit by digit:
// time.Parse, which parseTime calls, costs more than the rest of reading
// a row. Any other text goes to parseTime.
func parseStamp(s string) time.Time {
	if len(s) == len(model.DateTimeLayout) && s[4] == '-' && s[7] == '-' && s[10] == ' ' && s[13] == ':' &&
		s[16] == ':' {
		num := func(i, j int) int {
			n := 0
			for ; i < j; i++ {
				if s[i] < '0' || s[i] > '9' {
					return -1
				}
				n = n*10 + int(s[i]-'0')
			}
			return n
		}
		y, mo, d := num(0, 4), num(5, 7), num(8, 10)
		h, mi, sec := num(11, 13), num(14, 16), num(17, 19)
		if y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && h >= 0 && h < 24 && mi >= 0 && mi < 60 &&
			sec >= 0 && sec < 60 {
			if d <= daysIn(y, mo) { // not 31 April
				return utcTime(int64(y), int64(mo), int64(d), int64(h), int64(mi), int64(sec))
			}
		}
	}
	return parseTime(sql.NullString{String: s, Valid: true})
}

// daysIn is how many days month mo of year y has.
func daysIn(y, mo int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// periodDays are the days of a period as stored dates compare with, both
// included; zero times leave that end open.
func periodDays(from, to time.Time) (lo, hi string) {
	lo, hi = "", "9999-12-31"
	if !from.IsZero() {
		lo = model.FormatDate(from)
	}
	if !to.IsZero() {
		hi = model.FormatDate(to)
	}
	return lo, hi
}

// each runs query and calls fn on every row.
func (db *DB) each(ctx context.Context, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return mapErr(err)
		}
	}
	return mapErr(rows.Err())
}

// TimeSpent sums the minutes of time logged for a customer over period
// p: what letting them go would save.
func (db *DB) TimeSpent(ctx context.Context, customerID int64, p model.Period) (int, error) {
	lo, hi := periodDays(p.From, p.To)
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT coalesce(sum(minutes), 0) FROM costs WHERE customer_id = ?
		AND category = 'time' AND incurred_on >= ? AND incurred_on <= ? AND voided_at IS NULL`, customerID, lo, hi).Scan(&n)
	return n, mapErr(err)
}

// maxReason is the longest let-go reason SetStage takes.
const maxReason = 2000

// SetStage moves a customer to stage and returns the change, so that the
// screen can undo it with a second SetStage. Letting a customer go needs
// a reason; any other stage keeps the reason given (empty clears it).
func (db *DB) SetStage(ctx context.Context, id int64, stage model.Stage, reason string) (model.StageChange, error) {
	ch := model.StageChange{ID: id, To: stage, Reason: strings.TrimSpace(reason)}
	if !stage.Valid() {
		return ch, model.Invalid("stage", "%q is not a stage", stage)
	}
	if stage == model.StageFormer && ch.Reason == "" {
		return ch, model.Invalid("reason", "say why you let them go: it helps when you look back")
	}
	if err := model.ValidateText("reason", ch.Reason, maxReason); err != nil {
		return ch, err
	}
	err := db.write(ctx, note{model.ActionCustomerStage, "Moved a customer to " + string(stage)}, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT name, stage, let_go_reason FROM customers WHERE id = ?", id).
			Scan(&ch.Name, &ch.From, &ch.FromReason)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("customer %d: %w", id, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE customers SET stage = ?, let_go_reason = ?, updated_at = ? WHERE id = ?",
			stage, ch.Reason, dbTime(db.Now()), id)
		if err != nil {
			return err
		}
		what := fmt.Sprintf("Moved %s from %s to %s", ch.Name, ch.From, stage)
		if stage == model.StageFormer {
			what = fmt.Sprintf("Let %s go", ch.Name)
		}
		return describe(ctx, tx, what)
	})
	return ch, err
}
