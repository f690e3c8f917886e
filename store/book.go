package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unsafe"

	"clientele/model"
)

// Every customer as the whole-book screens read them (customer_cards and
// customer_months, migration 0011), and the book's version. Triggers keep
// them on every write; this file holds what the triggers leave to the
// store: a bulk load's recompute at its end, the rebuild `clientele check
// --fix` runs, and the comparison `clientele check` makes. The figures are
// read in figures.go, the cards in segmentfit.go and profit.go.

// monthRows are the figures of every (customer, month) with an order or a
// cost, computed from the orders and costs themselves, as customer_months
// keeps them: customer_id (0 for no one), month ('YYYY-MM') and figures
// (the JSON array the triggers write). A cost is its customer's, else the
// customer's of the order it is recorded on, else no one's; a voided order
// or cost is in none of it. The words in
// braces narrow the five scans to some customers (see narrow): the sales
// and the refunds each read an index that holds just them in customer
// order, as do a customer's own costs.
const monthRows = `SELECT customer_id, month, json_array(sum(sale_orders), sum(sales), sum(sale_direct),
		sum(refund_orders), sum(refunds), sum(refund_direct), sum(costs), sum(serve), min(first_sale),
		max(last_sale)) AS figures
	FROM (
		SELECT coalesce(customer_id, 0) AS customer_id, substr(ordered_at, 1, 7) AS month, count(*) AS sale_orders,
			sum(lines_amount) AS sales, sum(lines_direct_cost) AS sale_direct, 0 AS refund_orders, 0 AS refunds,
			0 AS refund_direct, 0 AS costs, 0 AS serve, substr(min(ordered_at), 9) AS first_sale,
			substr(max(ordered_at), 9) AS last_sale
		FROM orders WHERE kind = 'sale' AND voided_at IS NULL AND {orders} GROUP BY 1, 2
		UNION ALL
		SELECT coalesce(customer_id, 0), substr(ordered_at, 1, 7), 0, 0, 0, count(*), sum(lines_amount),
			sum(lines_direct_cost), 0, 0, NULL, NULL
		FROM orders WHERE kind = 'refund' AND voided_at IS NULL AND {orders} GROUP BY 1, 2
		UNION ALL
		SELECT customer_id, substr(incurred_on, 1, 7), 0, 0, 0, 0, 0, 0, count(*), sum(amount), NULL, NULL
		FROM costs WHERE customer_id IS NOT NULL AND category <> 'acquisition' AND voided_at IS NULL AND {own}
		GROUP BY 1, 2
		UNION ALL
		SELECT o.customer_id, substr(c.incurred_on, 1, 7), 0, 0, 0, 0, 0, 0, count(*), sum(c.amount), NULL, NULL
		FROM costs c JOIN orders o ON o.id = c.order_id
		WHERE c.customer_id IS NULL AND c.category <> 'acquisition' AND c.voided_at IS NULL AND o.customer_id IS NOT NULL
			AND {onOrders}
		GROUP BY 1, 2
		UNION ALL
		SELECT 0, substr(c.incurred_on, 1, 7), 0, 0, 0, 0, 0, 0, count(*), sum(c.amount), NULL, NULL
		FROM costs c LEFT JOIN orders o ON o.id = c.order_id
		WHERE c.customer_id IS NULL AND c.category <> 'acquisition' AND c.voided_at IS NULL AND o.customer_id IS NULL
			AND {noOne}
		GROUP BY 1, 2)
	GROUP BY customer_id, month`

// cardRows are the cards of some customers (narrowed as monthRows), as
// customer_cards keeps them: customer_id, card (the JSON array the
// triggers write).
const cardRows = `SELECT c.id AS customer_id, json_array(c.name, c.stage, c.country, c.tier, c.fit, c.referred_by,
		c.archived_at IS NOT NULL, c.ref, c.acquisition_cost, c.revenue, c.last_order_at, c.last_touch_at, n.score,
		coalesce(json(s.ids), json('[]')), coalesce(json(v.vals), json('[]'))) AS card
	FROM customers c
	LEFT JOIN (SELECT customer_id, score FROM (SELECT customer_id, score, row_number() OVER (PARTITION BY customer_id
		ORDER BY received_on DESC, id DESC) AS n FROM feedback WHERE kind = 'nps' AND voided_at IS NULL
		AND customer_id IS NOT NULL AND {own}) WHERE n = 1) n ON n.customer_id = c.id
	LEFT JOIN (SELECT customer_id, json_group_array(segment_id) AS ids FROM (SELECT customer_id, segment_id
		FROM customer_segments WHERE {own} ORDER BY customer_id, segment_id) GROUP BY customer_id) s ON s.customer_id = c.id
	LEFT JOIN (SELECT customer_id, json_group_array(value) AS vals FROM (SELECT customer_id, value
		FROM customer_values WHERE {own} ORDER BY customer_id, value) GROUP BY customer_id) v ON v.customer_id = c.id
	WHERE {customers}`

// The ways monthRows and cardRows are narrowed: to no one's orders and
// costs; to the customers ?1 to ?2 (from 1); to every customer a load
// marked (an empty month marks a card).
var (
	noOnesOnly = strings.NewReplacer("{orders}", "customer_id IS NULL", "{own}", "0", "{onOrders}", "0",
		"{noOne}", "1", "{customers}", "0")
	customersFromTo = strings.NewReplacer("{orders}", "customer_id BETWEEN ?1 AND ?2",
		"{own}", "customer_id BETWEEN ?1 AND ?2", "{onOrders}", "o.customer_id BETWEEN ?1 AND ?2", "{noOne}", "0",
		"{customers}", "c.id BETWEEN ?1 AND ?2")
	markedMonths = func() *strings.Replacer {
		const ids = "(SELECT DISTINCT customer_id FROM book_stale WHERE month <> '')"
		const noOne = "EXISTS (SELECT 1 FROM book_stale WHERE customer_id = 0 AND month <> '')"
		return strings.NewReplacer("{orders}", "(customer_id IN "+ids+" OR (customer_id IS NULL AND "+noOne+"))",
			"{own}", "customer_id IN "+ids, "{onOrders}", "o.customer_id IN "+ids, "{noOne}", noOne)
	}()
	markedCards = func() *strings.Replacer {
		const ids = "(SELECT customer_id FROM book_stale WHERE month = '')"
		return strings.NewReplacer("{own}", "customer_id IN "+ids, "{customers}", "c.id IN "+ids)
	}()
)

// rebuildChunk is how many customers a rebuild recomputes a statement:
// SQLite sorts each statement's rows in memory (the writer keeps its
// temporary files there), so a bounded number bounds the memory.
const rebuildChunk = 10000

// What book_state.loading says to the triggers while a load runs.
const (
	loadIdle    = 0 // every change recomputes its months at once
	loadMarks   = 1 // changes mark their months; the load recomputes their customers at its end
	loadRebuild = 2 // nothing is marked; the load recomputes every customer at its end
)

// bookTriggers are the triggers that keep the book (all of them read or
// write book_state), as the schema defines them.
type bookTriggers []string

// dropBookTriggers drops the book's triggers in a bulk write's transaction
// that recomputes every customer at its end (loadRebuild): even skipped by
// their WHEN, they cost a statement each for every row written. restore
// creates them again; if the transaction rolls back they were never gone.
func dropBookTriggers(ctx context.Context, q queryer) (bookTriggers, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
		AND sql LIKE '%book_state%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	var saved bookTriggers
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			rows.Close()
			return nil, err
		}
		names, saved = append(names, name), append(saved, sql)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := q.ExecContext(ctx, `DROP TRIGGER "`+name+`"`); err != nil {
			return nil, err
		}
	}
	return saved, nil
}

// restore creates the triggers again.
func (t bookTriggers) restore(ctx context.Context, q queryer) error {
	for _, sql := range t {
		if _, err := q.ExecContext(ctx, sql); err != nil {
			return fmt.Errorf("creating a trigger of the book again: %w", err)
		}
	}
	return nil
}

// setLoading sets book_state.loading in the load's transaction; no other
// connection ever sees it but as 0.
func setLoading(ctx context.Context, q queryer, mode int) error {
	_, err := q.ExecContext(ctx, "UPDATE book_state SET loading = ? WHERE id = 1", mode)
	return err
}

// finishLoading recomputes the months and cards the load changed (all of
// them when the load asked for a rebuild, or its marks name most
// customers), hands the book back to the triggers and counts the load as
// one change.
func finishLoading(ctx context.Context, q queryer) error {
	var mode, months, cards int
	if err := q.QueryRowContext(ctx, `SELECT loading,
		(SELECT count(DISTINCT customer_id) FROM book_stale WHERE month <> ''),
		(SELECT count(*) FROM book_stale WHERE month = '') FROM book_state WHERE id = 1`).Scan(&mode, &months,
		&cards); err != nil {
		return err
	}
	exec := func(query string, args ...any) error {
		_, err := q.ExecContext(ctx, query, args...)
		return err
	}
	const (
		insertMonths = "INSERT INTO customer_months (customer_id, months) "
		insertCards  = "INSERT INTO customer_cards (customer_id, card) "
	)
	all := mode == loadRebuild || months > 5000 || cards > 5000
	switch {
	case all:
		if err := rebuildBook(ctx, q); err != nil {
			return err
		}
	default:
		if months > 0 {
			if err := exec(`DELETE FROM customer_months
				WHERE customer_id IN (SELECT DISTINCT customer_id FROM book_stale WHERE month <> '')`); err != nil {
				return err
			}
			if err := exec(insertMonths + monthObjects(markedMonths.Replace(monthRows))); err != nil {
				return err
			}
		}
		if cards > 0 {
			if err := exec(`DELETE FROM customer_cards
				WHERE customer_id IN (SELECT customer_id FROM book_stale WHERE month = '')`); err != nil {
				return err
			}
			if err := exec(insertCards + markedCards.Replace(cardRows)); err != nil {
				return err
			}
		}
		for _, b := range []blocks{monthBlocks, cardBlocks} {
			if err := exec(b.markedDelete); err != nil {
				return err
			}
			if err := exec(b.markedInsert); err != nil {
				return err
			}
		}
	}
	return exec("DELETE FROM book_stale; UPDATE book_state SET loading = 0, version = version + 1 WHERE id = 1")
}

// rebuildBook recomputes every customer's months and card, rebuildChunk
// customers a statement.
func rebuildBook(ctx context.Context, q queryer) error {
	var top int64
	if err := q.QueryRowContext(ctx, `SELECT max(coalesce((SELECT max(id) FROM customers), 0),
		coalesce((SELECT max(customer_id) FROM orders), 0), coalesce((SELECT max(customer_id) FROM costs), 0))`).
		Scan(&top); err != nil {
		return err
	}
	months := "INSERT INTO customer_months (customer_id, months) " + monthObjects(customersFromTo.Replace(monthRows))
	cards := "INSERT INTO customer_cards (customer_id, card) " + customersFromTo.Replace(cardRows)
	if _, err := q.ExecContext(ctx, "DELETE FROM customer_months; DELETE FROM customer_cards; "+
		"INSERT INTO customer_months (customer_id, months) "+monthObjects(noOnesOnly.Replace(monthRows))); err != nil {
		return err
	}
	for lo := int64(1); lo <= top; lo += rebuildChunk {
		for _, query := range []string{months, cards} {
			if _, err := q.ExecContext(ctx, query, lo, lo+rebuildChunk-1); err != nil {
				return err
			}
		}
	}
	for _, b := range []blocks{monthBlocks, cardBlocks} {
		if _, err := q.ExecContext(ctx, "DELETE FROM "+b.table+"; "+b.all); err != nil {
			return err
		}
	}
	return nil
}

// blocks are the statements that rewrite the blocks of 64 customers the
// whole-book screens read (migration 0012: card_blocks and month_blocks,
// one text per block, a line per customer, made from customer_cards and
// customer_months): all of them, or those of the customers a load marked.
// A block's triggers skip while a load runs; finishLoading and
// rebuildBook rewrite the blocks here.
type blocks struct {
	table                      string
	all                        string // rewrites every block (the table emptied first)
	markedDelete, markedInsert string // rewrite the blocks of the customers marked in book_stale
}

// blockOf makes the statements for table's column, made from from's
// column rows; marked names the book_stale rows that mark them.
func blockOf(table, column, from, rows, marked string) blocks {
	lines := "group_concat(r.customer_id || ':' || r." + rows + ", char(10))"
	ids := "(SELECT DISTINCT customer_id >> 6 AS block FROM book_stale WHERE " + marked + ")"
	return blocks{
		table: table,
		all: "INSERT INTO " + table + " (block, " + column + ") SELECT r.customer_id >> 6, " + lines + " FROM " + from +
			" r GROUP BY r.customer_id >> 6",
		markedDelete: "DELETE FROM " + table + " WHERE block IN " + ids,
		markedInsert: "INSERT INTO " + table + " (block, " + column + ") SELECT m.block, " + lines + " FROM " + ids +
			" m JOIN " + from + " r ON r.customer_id BETWEEN m.block << 6 AND (m.block << 6) + 63 GROUP BY m.block",
	}
}

var (
	cardBlocks  = blockOf("card_blocks", "cards", "customer_cards", "card", "month = ''")
	monthBlocks = blockOf("month_blocks", "months", "customer_months", "months", "month <> ''")
)

// monthObjects gathers rows of monthRows into one JSON object per
// customer, as customer_months keeps them.
func monthObjects(rows string) string {
	return `SELECT customer_id, json_group_object(month, json(figures)) FROM (` + rows +
		` ORDER BY customer_id, month) GROUP BY customer_id`
}

// bookDiffers lists what customer_months and customer_cards keep that
// differs from the orders, costs and customers: customer_id, month (empty
// for the card), what is kept (NULL when nothing is) and what should be
// (NULL when nothing should). It reads everything at once, as a check may;
// the two sides are compared with EXCEPT, which sorts each once (a join of
// two subqueries would compare every row with every other).
var bookDiffers = func() string {
	every := strings.NewReplacer("{orders}", "1", "{own}", "1", "{onOrders}", "1", "{noOne}", "1", "{customers}", "1")
	return `WITH kept AS (SELECT m.customer_id, j.key AS month, j.value AS figures
			FROM customer_months m, json_each(m.months) j
			UNION ALL SELECT customer_id, '', card FROM customer_cards),
		fresh AS (SELECT customer_id, month, figures FROM (` + every.Replace(monthRows) + `)
			UNION ALL SELECT customer_id, '', card FROM (` + every.Replace(cardRows) + `)),
		extra AS (SELECT * FROM kept EXCEPT SELECT * FROM fresh),
		missing AS (SELECT * FROM fresh EXCEPT SELECT * FROM kept)
		SELECT customer_id, month, max(kept), max(fresh) FROM (
			SELECT customer_id, month, figures AS kept, NULL AS fresh FROM extra
			UNION ALL SELECT customer_id, month, NULL, figures FROM missing)
		GROUP BY customer_id, month ORDER BY customer_id, month`
}()

// bookTables hold what the store keeps for the whole-book screens
// (migration 0011), from the records and by their triggers: no record is
// in them, so the history leaves them out and an undo remakes them.
var bookTables = []string{"book_state", "customer_cards", "customer_months", "book_stale", "book_pending",
	"card_blocks", "month_blocks"}

// IsBookTable reports whether table is one the store keeps for the
// whole-book screens from the other tables (bookTables): a program
// writing to every table by hand leaves them to the store, and `clientele
// check` finds them off when something else wrote to them.
func IsBookTable(table string) bool { return slices.Contains(bookTables, table) }

// LitestreamTables are the tables Litestream adds to a book it copies
// (store/replica): its own bookkeeping, no business data. Every check,
// count and walk of the schema leaves them out (notLitestream).
var LitestreamTables = []string{"_litestream_seq", "_litestream_lock"}

// notLitestream is the condition on sqlite_schema's name that leaves
// Litestream's tables out of a walk of the schema.
const notLitestream = `name NOT LIKE '\_litestream\_%' ESCAPE '\'`

// IsLitestreamTable reports whether table is one of Litestream's
// (LitestreamTables).
func IsLitestreamTable(table string) bool { return slices.Contains(LitestreamTables, table) }

var _ model.BookVersionStore = (*DB)(nil)

// BookVersion returns a number that changes with every change to the data
// the whole-book analyses read (customers, their segments and values,
// orders, costs, complaints, feedback, touches, offerings, settings), by
// any program, the sqlite3 shell included: a screen that keeps an analysis
// compares it to know whether the analysis is still the book's. It costs
// one row read.
func (db *DB) BookVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.r.QueryRowContext(ctx, "SELECT version FROM book_state WHERE id = 1").Scan(&v)
	return v, mapErr(err)
}

// card is one customer as customer_cards keeps them.
type card struct {
	name, stage, country, ref string
	tier, fit                 int
	referredBy                int64
	archived                  bool
	acquisition, revenue      model.Money
	lastOrder, lastTouch      string // as stored, "" for none
	nps                       int    // -1 when there is none
	hasNPS                    bool
	segments                  []int64  // ids, ascending
	values                    []string // in order
	// The arrays segments and values are slices of, grown card by card:
	// each card's slices are its own to keep, and a read of many cards
	// allocates a few arrays rather than two per customer.
	segArena []int64
	valArena []string
	// names is the caller's to keep its customers' segment names in
	// (segments.names): fn of eachCard is called from two goroutines,
	// each with a card of its own.
	names []string
}

// parse reads a card's JSON into c; its segments and values are appended
// to the card's arrays (c.segArena, c.valArena). Without values it stops
// after the segments (the Profit book reads no values): c.values is nil.
func (c *card) parse(text string, values bool) error {
	sc := scanner{s: text}
	s0, v0 := len(c.segArena), len(c.valArena)
	str := func() string { t, _ := sc.text(); sc.expect(','); return t }
	num := func() int64 { n, _ := sc.int(); sc.expect(','); return n }
	sc.expect('[')
	c.name, c.stage, c.country = str(), str(), str()
	c.tier, c.fit, c.referredBy = int(num()), int(num()), num()
	c.archived, c.ref = num() != 0, str()
	c.acquisition, c.revenue = model.Money(num()), model.Money(num())
	c.lastOrder, c.lastTouch = str(), str()
	n, ok := sc.int()
	c.nps, c.hasNPS = int(n), ok
	if !ok {
		c.nps = -1
	}
	sc.expect(',')
	sc.list(func() {
		id, _ := sc.int()
		c.segArena = chunkAppend(c.segArena, &s0, id)
	})
	c.segments, c.values = c.segArena[s0:len(c.segArena):len(c.segArena)], nil
	if !values {
		return sc.err
	}
	sc.expect(',')
	sc.list(func() {
		v, _ := sc.text()
		c.valArena = chunkAppend(c.valArena, &v0, v)
	})
	sc.expect(']')
	if sc.err == nil && sc.i != len(sc.s) {
		sc.fail()
	}
	if len(c.valArena) > v0 {
		c.values = c.valArena[v0:len(c.valArena):len(c.valArena)]
	}
	return sc.err
}

// arenaChunk is how many items a card's array (card.segArena, valArena)
// holds at least when it starts anew.
const arenaChunk = 4096

// chunkAppend appends v to arena, whose items from *from on are the card
// being read's: when arena is full, they move to a new array of at least
// arenaChunk items, and *from to 0. The items before stay where they are,
// their cards' to keep: append would copy them all into an array twice the
// size, every array before it garbage, ~15 MB of it at 100,000 customers.
func chunkAppend[T any](arena []T, from *int, v T) []T {
	if len(arena) == cap(arena) {
		mine := arena[*from:]
		arena = append(make([]T, 0, max(arenaChunk, 2*len(mine)+1)), mine...)
		*from = 0
	}
	return append(arena, v)
}

// textArena copies texts into arrays of textChunk bytes, each shared by
// the texts copied into it: one allocation for many customers' names
// rather than one each, and fewer objects for the collector to visit. An
// array stays as long as any text in it is kept.
type textArena struct{ buf []byte }

// textChunk is the size of a textArena's arrays.
const textChunk = 64 << 10

// clone returns a copy of s.
func (a *textArena) clone(s string) string {
	if s == "" {
		return ""
	}
	if len(a.buf)+len(s) > cap(a.buf) {
		if len(s) > textChunk/4 {
			return strings.Clone(s)
		}
		a.buf = make([]byte, 0, textChunk)
	}
	a.buf = append(a.buf, s...)
	// The bytes are never written again: a string may share them.
	return unsafe.String(&a.buf[len(a.buf)-len(s)], len(s))
}

// interned holds one copy of each text of many customers' (a stage,
// country or value), so that they share it.
type interned struct {
	all map[string]string
	// recent are the last found, by a hash of a text's length and ends:
	// the same few texts come up card after card, and comparing one text
	// beats hashing it for the map.
	recent [64]string
}

// of returns the copy of s.
func (in *interned) of(s string) string {
	if s == "" {
		return ""
	}
	k := (len(s)*31 + int(s[0]) + int(s[len(s)-1])*7) & (len(in.recent) - 1)
	if t := in.recent[k]; t == s {
		return t
	}
	t, ok := in.all[s]
	if !ok {
		if in.all == nil {
			in.all = map[string]string{}
		}
		t = strings.Clone(s)
		in.all[t] = t
	}
	in.recent[k] = t
	return t
}

// cardsRead reads the cards of the blocks lo to hi (card_blocks).
const cardsRead = `SELECT clientele_lines(?1, cards) FROM card_blocks WHERE block >= ?2 AND block <= ?3`

// eachCard reads the card of every customer from 1 to maxID and calls fn
// with it, in two halves side by side: fn is called from two goroutines
// at once, each with a card of its own that it reuses (fn copies what it
// keeps, but for the card's segments and values, which are the
// customer's own). The texts fn may keep are copied out of the card's
// row, which can then go: a name is the customer's own, a stage, country
// or value shared with the customers who have the same. Without values,
// the cards are read without them (card.parse).
func (db *DB) eachCard(ctx context.Context, maxID int64, values bool, fn func(id int64, c *card)) error {
	half := func(lo, hi int64) func() error {
		return func() error {
			var c card
			var texts textArena
			var shared interned
			return db.eachLine(ctx, cardsRead, lo, hi, func(id int64, text string) error {
				if id < 1 || id > maxID {
					return nil
				}
				if err := c.parse(text, values); err != nil {
					return fmt.Errorf("customer %d: %w", id, err)
				}
				c.name, c.ref = texts.clone(c.name), texts.clone(c.ref)
				c.stage, c.country = shared.of(c.stage), shared.of(c.country)
				for i, v := range c.values {
					c.values[i] = shared.of(v)
				}
				fn(id, &c)
				return nil
			})
		}
	}
	var reads []func() error
	for _, h := range quarters(maxID, 2) {
		reads = append(reads, half(h[0], h[1]))
	}
	return parallel(reads...)
}

// segments are every segment's name and its place among all of them by
// name (as the list orders them), by id.
type segments struct {
	name []string
	rank []int32 // -1: no segment has the id
}

// segmentsByID reads every segment.
func (db *DB) segmentsByID(ctx context.Context) (segments, error) {
	var out segments
	var n int32
	err := db.eachRow(ctx, "SELECT id, name FROM segments ORDER BY name, id", nil, func(r row) error {
		id := r.int(0)
		if id < 0 || id > 1<<24 {
			return fmt.Errorf("segment id %d is out of range", id)
		}
		for int64(len(out.rank)) <= id {
			out.rank, out.name = append(out.rank, -1), append(out.name, "")
		}
		out.rank[id], out.name[id] = n, r.text(1)
		n++
		return nil
	})
	return out, err
}

// names names the segments of ids (a card's) in the list's order,
// appending to into: every customer's list is a slice of one array.
func (s *segments) names(ids []int64, into *[]string) []string {
	if len(ids) == 0 { // most customers
		return nil
	}
	var buf [16]int64
	mine := buf[:0]
	for _, id := range ids {
		if id < 0 || id >= int64(len(s.rank)) || s.rank[id] < 0 {
			continue
		}
		// Lists are short: insert in place, by rank.
		mine = append(mine, id)
		for at := len(mine) - 1; at > 0 && s.rank[mine[at-1]] > s.rank[id]; at-- {
			mine[at], mine[at-1] = mine[at-1], mine[at]
		}
	}
	if len(mine) == 0 {
		return nil
	}
	if cap(*into)-len(*into) < len(mine) {
		// A new array: the lists before stay in the old one.
		*into = make([]string, 0, max(arenaChunk, len(mine)))
	}
	start := len(*into)
	for _, id := range mine {
		*into = append(*into, s.name[id])
	}
	return (*into)[start:len(*into):len(*into)]
}
