// Package demo fills an empty database with a believable sample business:
// Hearth & Lye, one person making soap and candles at home, with fourteen
// months of customers, orders, costs, feedback, complaints and contacts.
//
// The data is made to tell the story the screens are built to show: a
// handful of best customers who are profitable, a good fit and bring their
// friends; a few drains who complain, send things back and cost more than
// they pay; regulars who have gone quiet; a wholesale segment with big
// revenue and a thin margin; a segment of prospects nobody has sold to.
//
// Generation is deterministic: the same Seed and Now write the same rows.
// Records are streamed into one store.Loader transaction as they are made,
// so a large set never sits in memory and a failure leaves the file empty.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"clientele/model"
	"clientele/store"
)

// Options say how big a business to make and when "today" is.
type Options struct {
	// Customers is how many customers to make; 0 means DefaultCustomers.
	// The story needs about 50 to show every part of it.
	Customers int
	// Seed picks the business; the same Seed and Now give the same data.
	Seed int64
	// Now is "today" for the data: orders end near it and follow-ups fall
	// around it. The zero time means the wall clock now.
	Now time.Time
	// Progress, when set, is called now and then with the customers made
	// so far and the number asked for.
	Progress func(done, total int)
	// RemindEveryone gives every customer a birthday and a reminder, as
	// the benchmark book has: the daily review's worst case.
	RemindEveryone bool
}

// DefaultCustomers is the size of the sample business when Options do not
// say.
const DefaultCustomers = 80

// Summary counts what Generate wrote.
type Summary struct {
	Customers, Orders, Lines, Costs, Feedback, Complaints, Touches, Segments, Offerings int
}

// months is how far back the order history goes.
const months = 14

// Generate fills db, which must hold no customers, orders or offerings, with
// the sample business, in one transaction: on error nothing is written.
func Generate(ctx context.Context, db *store.DB, opt Options) (Summary, error) {
	if opt.Customers == 0 {
		opt.Customers = DefaultCustomers
	}
	if opt.Customers < 0 {
		return Summary{}, fmt.Errorf("demo: %d customers is not a number of customers", opt.Customers)
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = model.WallClock(now)
	g := &generator{
		ctx:      ctx,
		rng:      rand.New(rand.NewPCG(uint64(opt.Seed), 0x4865617274682026)), // "Hearth &"
		reach:    rand.New(rand.NewPCG(uint64(opt.Seed), 0x7265616368206f75)), // "reach ou"
		everyone: opt.RemindEveryone,
		now:      now,
		today:    model.Day(now),
		start:    model.Day(now).AddDate(0, -months, 0),
		settings: settings(),
		progress: opt.Progress,
	}
	g.days = model.DaysBetween(g.start, g.today)
	err := db.Load(ctx, func(l *store.Loader) error {
		g.l = l
		if err := g.run(opt.Customers); err != nil {
			return err
		}
		return l.Describe(fmt.Sprintf("Made the demo business: %s", model.Plural(opt.Customers, "customer", "customers")))
	})
	if err != nil {
		return Summary{}, fmt.Errorf("demo: %w", err)
	}
	return g.sum, nil
}

// generator holds the state of one generation. Every random choice comes
// from rng, in an order fixed by the code, so a Seed always gives the same
// business.
type generator struct {
	ctx      context.Context
	l        *store.Loader
	rng      *rand.Rand
	now      time.Time // wall clock "now"
	today    time.Time // now's day
	start    time.Time // the first day of the order history
	days     int       // days from start to today
	settings model.Settings
	progress func(done, total int)
	sum      Summary

	// reach draws what reach.go decides, apart from rng; everyone is
	// Options.RemindEveryone; fieldIDs are the custom fields' ids by name.
	reach    *rand.Rand
	everyone bool
	fieldIDs map[string]int64

	items []item // the catalogue with stored ids

	// referrers are the champions and advocates written so far: a new
	// customer can only be referred by someone already stored.
	referrers []referrer
	// walkIns accrues a fraction of a market-stall sale per attributed
	// order; each whole one is written as an unattributed order.
	walkIns float64
	// seen counts customers of each persona written so far, so that the
	// first of a kind can be made to show its part of the story.
	seen [personas]int
}

// referrer is a customer who can refer others.
type referrer struct {
	id       int64
	name     string
	p        persona
	referred int // customers they have referred so far
}

func (g *generator) run(n int) error {
	if err := g.checkEmpty(); err != nil {
		return err
	}
	if err := g.l.DeferIndexes(); err != nil {
		return err
	}
	g.l.StampAt(g.now)
	if err := g.l.Settings(g.settings); err != nil {
		return err
	}
	if err := g.writeCatalogue(); err != nil {
		return err
	}
	if err := g.writeFields(); err != nil {
		return err
	}
	plans := g.cast(n)
	every := max(1, n/100)
	for i, p := range plans {
		if i%64 == 0 {
			if err := g.ctx.Err(); err != nil {
				return err
			}
		}
		if err := g.customer(p); err != nil {
			return fmt.Errorf("customer %d of %d: %w", i+1, n, err)
		}
		if g.progress != nil && ((i+1)%every == 0 || i+1 == n) {
			g.progress(i+1, n)
		}
	}
	return g.businessCosts()
}

// checkEmpty refuses a database that already holds a business: the demo
// would mix its customers with real ones.
func (g *generator) checkEmpty() error {
	var customers, orders, offerings int
	err := g.l.Tx().QueryRowContext(g.ctx, `SELECT (SELECT count(*) FROM customers),
		(SELECT count(*) FROM orders), (SELECT count(*) FROM offerings)`).Scan(&customers, &orders, &offerings)
	if err != nil {
		return err
	}
	if customers+orders+offerings > 0 {
		return fmt.Errorf("%w: the database already holds %d customers, %d orders and %d offerings; "+
			"the sample business needs an empty one", model.ErrConflict, customers, orders, offerings)
	}
	return nil
}

func (g *generator) writeCatalogue() error {
	g.items = slices.Clone(catalogue)
	for i := range g.items {
		if err := g.l.Offering(&g.items[i].Offering); err != nil {
			return fmt.Errorf("offering %s: %w", g.items[i].Name, err)
		}
	}
	g.sum.Offerings = len(g.items)
	for _, s := range segments {
		seg := model.Segment{Name: s.name, CadenceDays: s.cadence, Notes: s.notes}
		if err := g.l.Segment(&seg); err != nil {
			return fmt.Errorf("segment %s: %w", s.name, err)
		}
	}
	g.sum.Segments = len(segments)
	return nil
}

// Random helpers.

// between returns a number from lo to hi, both included.
func (g *generator) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.rng.IntN(hi-lo+1)
}

// chance reports true with probability p.
func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// pick returns one of xs.
func pick[T any](g *generator, xs []T) T { return xs[g.rng.IntN(len(xs))] }

// day returns the day n days after the start of the history.
func (g *generator) day(n int) time.Time { return g.start.AddDate(0, 0, n) }

// at returns a time on day d during opening hours, never after now.
func (g *generator) at(d time.Time, fromHour, toHour int) time.Time {
	t := d.Add(time.Duration(g.between(fromHour*60, toHour*60-1)) * time.Minute)
	if t.After(g.now) {
		t = g.now.Add(-time.Duration(g.between(1, 60)) * time.Minute)
		if t.Before(d) {
			t = d
		}
	}
	return t
}

// clampDay keeps d from passing today.
func (g *generator) clampDay(d time.Time) time.Time {
	if d.After(g.today) {
		return g.today
	}
	return d
}
