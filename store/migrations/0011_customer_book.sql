-- clientele schema, version 11: every customer as the whole-book screens
-- read them, kept exact by triggers, and a number that changes with every
-- change to the book. A voided order, cost or NPS answer (version 10) is
-- in none of it, as it is in no figure.
--
-- The whole-book analyses (the Profit and Segments tabs, `clientele
-- export`) read every customer with their orders and costs summed over a
-- period. Under modernc.org/sqlite each value the driver hands over costs
-- more than SQLite's work on it, so reading ten columns of 100,000
-- customers, or summing 1,200,000 orders and costs, takes hundreds of
-- milliseconds whatever the SQL. Two tables keep, for each customer, what
-- those screens read, one text each, read in one pass:
--
-- customer_cards, one row per customer: a JSON array
--   [name, stage, country, tier, fit, referred_by, archived (0/1), ref,
--    acquisition_cost, revenue, last_order_at, last_touch_at,
--    latest NPS score, [segment ids, ascending], [values, ascending]]
-- copied from customers (revenue and last_order_at are the figures the
-- store keeps from orders), feedback, customer_segments and
-- customer_values; null where those are null or there is none.
--
-- customer_months, one row per customer with an order or a cost: a JSON
-- object of the months they had one in,
--   {"2026-03": [sale_orders, sales, sale_direct, refund_orders, refunds,
--                refund_direct, costs, cost_to_serve, first_sale, last_sale], …}
-- where sales and refunds are the sums of their orders' lines (refunds are
-- negative), the direct costs Σ quantity × unit cost of those lines, costs
-- how many cost entries other than acquisition are the customer's (theirs,
-- or recorded on one of their orders only) and cost_to_serve their sum;
-- first_sale and last_sale are the day and time of the month's first and
-- last sale ("07 09:30:00"), null without one. Customer 0 is no one: the
-- orders of no customer and the costs of no one. A period's figures are
-- its whole months from here, plus the days at its two ends from the
-- orders and costs (store/figures.go).
--
-- Triggers keep both exact on every write, from this program, an import or
-- the sqlite3 shell. A change marks what it touches in book_stale: a
-- (customer, month) for an order or a cost, for the customer and month it
-- was and the ones it is (a cost recorded on an order only follows the
-- order's customer); (customer, '') for their card. Marking recomputes
-- that month, or that card, from the customer's rows. A bulk load
-- (store.Loader) sets book_state.loading: at 1 the marks pile up and the
-- load recomputes the customers they name at its end, in a few
-- statements; at 2 nothing is marked and the load recomputes every
-- customer. `clientele check` recomputes everything and compares; `--fix`
-- rebuilds. No trigger uses INSERT OR …: an outer statement's conflict
-- clause would override it.
--
-- book_state.version goes up with every change to the data the analyses
-- read (any row of these tables but order_lines, whose sums the orders
-- keep): a screen that keeps an analysis compares it, one row read, to
-- know whether the analysis is still the book's.

CREATE TABLE book_state (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL DEFAULT 0,
  loading INTEGER NOT NULL DEFAULT 0 CHECK (loading IN (0, 1, 2))
) STRICT;
INSERT INTO book_state (id) VALUES (1);

CREATE TABLE customer_cards (
  customer_id INTEGER PRIMARY KEY, -- a customer's id; kept by triggers, not a reference
  card        TEXT NOT NULL
) STRICT;

CREATE TABLE customer_months (
  customer_id INTEGER PRIMARY KEY, -- 0: no one
  months      TEXT NOT NULL
) STRICT;

-- What to recompute: empty but while a load runs. month '' is the card.
CREATE TABLE book_stale (
  customer_id INTEGER NOT NULL,
  month       TEXT NOT NULL,
  PRIMARY KEY (customer_id, month)
) STRICT, WITHOUT ROWID;

-- Deleting an order deletes its costs (foreign keys on) after the order
-- has gone, when a cost can no longer tell whose it was; an INSERT OR
-- REPLACE deletes the order or cost it replaces without delete triggers.
-- The months such rows were in are set aside here before, and marked after.
CREATE TABLE book_pending (
  customer_id INTEGER NOT NULL,
  month       TEXT NOT NULL,
  PRIMARY KEY (customer_id, month)
) STRICT, WITHOUT ROWID;

-- Marking recomputes, unless a load is running.
CREATE TRIGGER book_refresh AFTER INSERT ON book_stale
WHEN (SELECT loading FROM book_state) = 0
BEGIN
  -- A month.
  INSERT INTO customer_months (customer_id, months) SELECT NEW.customer_id, '{}'
    WHERE NEW.month <> '' AND NOT EXISTS (SELECT 1 FROM customer_months WHERE customer_id = NEW.customer_id);
  UPDATE customer_months SET months = (
    SELECT CASE WHEN o.sale_orders + o.refund_orders + c.costs = 0
      THEN json_remove(customer_months.months, '$."' || NEW.month || '"')
      ELSE json_set(customer_months.months, '$."' || NEW.month || '"', json_array(o.sale_orders, o.sales,
        o.sale_direct, o.refund_orders, o.refunds, o.refund_direct, c.costs, c.serve, o.first_sale, o.last_sale))
      END
    FROM (SELECT count(*) FILTER (WHERE kind = 'sale') AS sale_orders,
            coalesce(sum(lines_amount) FILTER (WHERE kind = 'sale'), 0) AS sales,
            coalesce(sum(lines_direct_cost) FILTER (WHERE kind = 'sale'), 0) AS sale_direct,
            count(*) FILTER (WHERE kind = 'refund') AS refund_orders,
            coalesce(sum(lines_amount) FILTER (WHERE kind = 'refund'), 0) AS refunds,
            coalesce(sum(lines_direct_cost) FILTER (WHERE kind = 'refund'), 0) AS refund_direct,
            substr(min(ordered_at) FILTER (WHERE kind = 'sale'), 9) AS first_sale,
            substr(max(ordered_at) FILTER (WHERE kind = 'sale'), 9) AS last_sale
          FROM orders WHERE customer_id IS nullif(NEW.customer_id, 0) AND voided_at IS NULL
            AND ordered_at >= NEW.month || '-01' AND ordered_at < date(NEW.month || '-01', '+1 month')) AS o,
         (SELECT count(*) AS costs, coalesce(sum(amount), 0) AS serve FROM (
            SELECT amount FROM costs WHERE customer_id = NEW.customer_id AND category <> 'acquisition'
              AND voided_at IS NULL
              AND incurred_on >= NEW.month || '-01' AND incurred_on < date(NEW.month || '-01', '+1 month')
            UNION ALL
            SELECT c.amount FROM orders o JOIN costs c ON c.order_id = o.id
            WHERE NEW.customer_id <> 0 AND o.customer_id = NEW.customer_id AND c.customer_id IS NULL
              AND c.category <> 'acquisition' AND c.voided_at IS NULL
              AND c.incurred_on >= NEW.month || '-01' AND c.incurred_on < date(NEW.month || '-01', '+1 month')
            UNION ALL
            SELECT c.amount FROM costs c LEFT JOIN orders o ON o.id = c.order_id
            WHERE NEW.customer_id = 0 AND c.customer_id IS NULL AND c.category <> 'acquisition' AND c.voided_at IS NULL
              AND c.incurred_on >= NEW.month || '-01' AND c.incurred_on < date(NEW.month || '-01', '+1 month')
              AND o.customer_id IS NULL)) AS c)
  WHERE NEW.month <> '' AND customer_id = NEW.customer_id;
  DELETE FROM customer_months WHERE NEW.month <> '' AND customer_id = NEW.customer_id AND months = '{}';
  -- A card.
  DELETE FROM customer_cards WHERE NEW.month = '' AND customer_id = NEW.customer_id;
  INSERT INTO customer_cards (customer_id, card)
    SELECT c.id, json_array(c.name, c.stage, c.country, c.tier, c.fit, c.referred_by, c.archived_at IS NOT NULL,
      c.ref, c.acquisition_cost, c.revenue, c.last_order_at, c.last_touch_at,
      (SELECT score FROM feedback WHERE customer_id = c.id AND kind = 'nps' AND voided_at IS NULL
        ORDER BY received_on DESC, id DESC LIMIT 1),
      json((SELECT json_group_array(segment_id) FROM (SELECT segment_id FROM customer_segments
        WHERE customer_id = c.id ORDER BY segment_id))),
      json((SELECT json_group_array(value) FROM (SELECT value FROM customer_values WHERE customer_id = c.id
        ORDER BY value))))
    FROM customers c WHERE NEW.month = '' AND c.id = NEW.customer_id;
  DELETE FROM book_stale WHERE customer_id = NEW.customer_id AND month = NEW.month;
END;

-- Marks. Each inserts into book_stale the (customer, month) pairs it
-- selects that are not there yet (a load running).

-- An order: its month, of the customer it is (0: no one); costs already
-- recorded on its id (by hand, foreign keys off) were no one's and are
-- now its customer's; and what an INSERT OR REPLACE replaced.
CREATE TRIGGER orders_book_before_insert BEFORE INSERT ON orders
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_pending (customer_id, month)
    SELECT DISTINCT who, month FROM (
      SELECT coalesce(customer_id, 0) AS who, substr(ordered_at, 1, 7) AS month FROM orders
      WHERE id = NEW.id OR (external_id = NEW.external_id AND source = NEW.source)
      UNION ALL
      SELECT coalesce(o.customer_id, 0), substr(c.incurred_on, 1, 7) FROM orders o JOIN costs c ON c.order_id = o.id
      WHERE (o.id = NEW.id OR (o.external_id = NEW.external_id AND o.source = NEW.source))
        AND c.customer_id IS NULL AND c.category <> 'acquisition') x
    WHERE NOT EXISTS (SELECT 1 FROM book_pending p WHERE p.customer_id = x.who AND p.month = x.month);
END;

CREATE TRIGGER orders_book_insert AFTER INSERT ON orders
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_pending (customer_id, month)
    SELECT DISTINCT who, month FROM (
      SELECT coalesce(NEW.customer_id, 0) AS who, substr(NEW.ordered_at, 1, 7) AS month
      UNION ALL
      SELECT w.who, substr(c.incurred_on, 1, 7) FROM costs c, (SELECT 0 AS who UNION SELECT NEW.customer_id) w
      WHERE c.order_id = NEW.id AND c.customer_id IS NULL AND c.category <> 'acquisition' AND w.who IS NOT NULL) x
    WHERE NOT EXISTS (SELECT 1 FROM book_pending p WHERE p.customer_id = x.who AND p.month = x.month);
  INSERT INTO book_stale (customer_id, month)
    SELECT customer_id, month FROM book_pending p WHERE NOT EXISTS (SELECT 1
      FROM book_stale s WHERE s.customer_id = p.customer_id AND s.month = p.month);
  DELETE FROM book_pending;
END;

CREATE TRIGGER orders_book_update AFTER UPDATE OF id, customer_id, ordered_at, kind, lines_amount,
  lines_direct_cost, voided_at ON orders
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month)
    SELECT DISTINCT who, month FROM (
      SELECT coalesce(OLD.customer_id, 0) AS who, substr(OLD.ordered_at, 1, 7) AS month
      UNION ALL
      SELECT coalesce(NEW.customer_id, 0), substr(NEW.ordered_at, 1, 7)
      UNION ALL
      -- The costs recorded on the order only go with it.
      SELECT w.who, substr(c.incurred_on, 1, 7) FROM costs c,
        (SELECT coalesce(OLD.customer_id, 0) AS who UNION SELECT coalesce(NEW.customer_id, 0)) w
      WHERE c.order_id IN (OLD.id, NEW.id) AND c.customer_id IS NULL AND c.category <> 'acquisition'
        AND (OLD.customer_id IS NOT NEW.customer_id OR OLD.id <> NEW.id)) x
    WHERE NOT EXISTS (SELECT 1 FROM book_stale s WHERE s.customer_id = x.who AND s.month = x.month);
END;

CREATE TRIGGER orders_book_before_delete BEFORE DELETE ON orders
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_pending (customer_id, month)
    SELECT DISTINCT coalesce(OLD.customer_id, 0) AS who, substr(incurred_on, 1, 7) AS month FROM costs
    WHERE order_id = OLD.id AND customer_id IS NULL AND category <> 'acquisition'
      AND NOT EXISTS (SELECT 1 FROM book_pending p WHERE p.customer_id = coalesce(OLD.customer_id, 0)
        AND p.month = substr(incurred_on, 1, 7));
END;

-- Costs the order leaves behind (foreign keys off) become no one's.
CREATE TRIGGER orders_book_delete AFTER DELETE ON orders
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_pending (customer_id, month)
    SELECT DISTINCT who, month FROM (
      SELECT coalesce(OLD.customer_id, 0) AS who, substr(OLD.ordered_at, 1, 7) AS month
      UNION ALL
      SELECT 0, substr(incurred_on, 1, 7) FROM costs
      WHERE order_id = OLD.id AND customer_id IS NULL AND category <> 'acquisition') x
    WHERE NOT EXISTS (SELECT 1 FROM book_pending p WHERE p.customer_id = x.who AND p.month = x.month);
  INSERT INTO book_stale (customer_id, month)
    SELECT customer_id, month FROM book_pending p WHERE NOT EXISTS (SELECT 1
      FROM book_stale s WHERE s.customer_id = p.customer_id AND s.month = p.month);
  DELETE FROM book_pending;
END;

-- A cost: its month, of its customer, else its order's customer, else no
-- one.
CREATE TRIGGER costs_book_before_insert BEFORE INSERT ON costs
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_pending (customer_id, month)
    SELECT who, month FROM (SELECT coalesce(c.customer_id, (SELECT customer_id FROM orders WHERE id = c.order_id), 0)
        AS who, substr(c.incurred_on, 1, 7) AS month FROM costs c WHERE c.id = NEW.id AND c.category <> 'acquisition') x
    WHERE NOT EXISTS (SELECT 1 FROM book_pending p WHERE p.customer_id = x.who AND p.month = x.month);
END;

CREATE TRIGGER costs_book_insert AFTER INSERT ON costs
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_pending (customer_id, month)
    SELECT who, month FROM (SELECT coalesce(NEW.customer_id, (SELECT customer_id FROM orders WHERE id = NEW.order_id), 0)
        AS who, substr(NEW.incurred_on, 1, 7) AS month) x
    WHERE NEW.category <> 'acquisition'
      AND NOT EXISTS (SELECT 1 FROM book_pending p WHERE p.customer_id = x.who AND p.month = x.month);
  INSERT INTO book_stale (customer_id, month)
    SELECT customer_id, month FROM book_pending p WHERE NOT EXISTS (SELECT 1
      FROM book_stale s WHERE s.customer_id = p.customer_id AND s.month = p.month);
  DELETE FROM book_pending;
END;

CREATE TRIGGER costs_book_update AFTER UPDATE OF customer_id, order_id, incurred_on, category, amount, voided_at
  ON costs
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month)
    SELECT DISTINCT who, month FROM (
      SELECT coalesce(OLD.customer_id, (SELECT customer_id FROM orders WHERE id = OLD.order_id), 0) AS who,
        substr(OLD.incurred_on, 1, 7) AS month
      UNION ALL
      SELECT coalesce(NEW.customer_id, (SELECT customer_id FROM orders WHERE id = NEW.order_id), 0),
        substr(NEW.incurred_on, 1, 7)) x
    WHERE NOT EXISTS (SELECT 1 FROM book_stale s WHERE s.customer_id = x.who AND s.month = x.month);
END;

CREATE TRIGGER costs_book_delete AFTER DELETE ON costs
WHEN OLD.category <> 'acquisition' AND (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month)
    SELECT who, month FROM (SELECT coalesce(OLD.customer_id, (SELECT customer_id FROM orders WHERE id = OLD.order_id), 0)
        AS who, substr(OLD.incurred_on, 1, 7) AS month) x
    WHERE NOT EXISTS (SELECT 1 FROM book_stale s WHERE s.customer_id = x.who AND s.month = x.month);
END;

-- A card: the customer's columns it copies, their segments, values and
-- NPS answers.
CREATE TRIGGER customers_book_insert AFTER INSERT ON customers
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month) SELECT NEW.id, ''
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = NEW.id AND month = '');
END;

CREATE TRIGGER customers_book_update AFTER UPDATE OF id, name, stage, country, tier, fit, referred_by, archived_at,
  ref, acquisition_cost, revenue, last_order_at, last_touch_at ON customers
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month) SELECT DISTINCT id, '' FROM (SELECT OLD.id AS id UNION ALL SELECT NEW.id) x
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = x.id AND month = '');
END;

CREATE TRIGGER customers_book_delete AFTER DELETE ON customers
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month) SELECT OLD.id, ''
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = OLD.id AND month = '');
END;

CREATE TRIGGER customer_segments_book_insert AFTER INSERT ON customer_segments
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month) SELECT NEW.customer_id, ''
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = NEW.customer_id AND month = '');
END;

CREATE TRIGGER customer_segments_book_update AFTER UPDATE ON customer_segments
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month)
    SELECT DISTINCT id, '' FROM (SELECT OLD.customer_id AS id UNION ALL SELECT NEW.customer_id) x
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = x.id AND month = '');
END;

CREATE TRIGGER customer_segments_book_delete AFTER DELETE ON customer_segments
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month) SELECT OLD.customer_id, ''
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = OLD.customer_id AND month = '');
END;

CREATE TRIGGER customer_values_book_insert AFTER INSERT ON customer_values
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month) SELECT NEW.customer_id, ''
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = NEW.customer_id AND month = '');
END;

CREATE TRIGGER customer_values_book_update AFTER UPDATE ON customer_values
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month)
    SELECT DISTINCT id, '' FROM (SELECT OLD.customer_id AS id UNION ALL SELECT NEW.customer_id) x
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = x.id AND month = '');
END;

CREATE TRIGGER customer_values_book_delete AFTER DELETE ON customer_values
WHEN (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month) SELECT OLD.customer_id, ''
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = OLD.customer_id AND month = '');
END;

CREATE TRIGGER feedback_book_insert AFTER INSERT ON feedback
WHEN NEW.kind = 'nps' AND NEW.customer_id IS NOT NULL AND (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month) SELECT NEW.customer_id, ''
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = NEW.customer_id AND month = '');
END;

CREATE TRIGGER feedback_book_update AFTER UPDATE OF id, customer_id, kind, score, received_on, voided_at
  ON feedback
WHEN (OLD.kind = 'nps' OR NEW.kind = 'nps') AND (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month)
    SELECT DISTINCT id, '' FROM (SELECT OLD.customer_id AS id UNION ALL SELECT NEW.customer_id) x
    WHERE x.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = x.id AND month = '');
END;

CREATE TRIGGER feedback_book_delete AFTER DELETE ON feedback
WHEN OLD.kind = 'nps' AND OLD.customer_id IS NOT NULL AND (SELECT loading FROM book_state) < 2
BEGIN
  INSERT INTO book_stale (customer_id, month) SELECT OLD.customer_id, ''
    WHERE NOT EXISTS (SELECT 1 FROM book_stale WHERE customer_id = OLD.customer_id AND month = '');
END;

-- The days at the ends of a period are read from the orders and costs by
-- day, with whose they are and what they sum (the indexes keep their
-- leading column, so every query that used them still does). The costs
-- recorded on no customer are found by day too, for the months of no one.
DROP INDEX orders_by_date;
CREATE INDEX orders_by_date ON orders(ordered_at, customer_id, kind, lines_amount, lines_direct_cost, voided_at);
DROP INDEX costs_by_date;
CREATE INDEX costs_by_date ON costs(incurred_on, customer_id, category, amount, order_id, voided_at);
DROP INDEX costs_loose;
CREATE INDEX costs_loose ON costs(incurred_on, order_id, category, amount, customer_id)
  WHERE customer_id IS NULL AND category <> 'acquisition' AND voided_at IS NULL;

-- The version: one statement per table and kind of change, the row of
-- book_state left alone while a load runs (the load counts once, at its
-- end).
CREATE TRIGGER customers_version_insert AFTER INSERT ON customers BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER customers_version_update AFTER UPDATE ON customers BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER customers_version_delete AFTER DELETE ON customers BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER customer_segments_version_insert AFTER INSERT ON customer_segments BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER customer_segments_version_update AFTER UPDATE ON customer_segments BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER customer_segments_version_delete AFTER DELETE ON customer_segments BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER customer_values_version_insert AFTER INSERT ON customer_values BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER customer_values_version_update AFTER UPDATE ON customer_values BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER customer_values_version_delete AFTER DELETE ON customer_values BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER segments_version_insert AFTER INSERT ON segments BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER segments_version_update AFTER UPDATE ON segments BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER segments_version_delete AFTER DELETE ON segments BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER offerings_version_insert AFTER INSERT ON offerings BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER offerings_version_update AFTER UPDATE ON offerings BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER offerings_version_delete AFTER DELETE ON offerings BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER orders_version_insert AFTER INSERT ON orders BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER orders_version_update AFTER UPDATE ON orders BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER orders_version_delete AFTER DELETE ON orders BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER costs_version_insert AFTER INSERT ON costs BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER costs_version_update AFTER UPDATE ON costs BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER costs_version_delete AFTER DELETE ON costs BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER complaints_version_insert AFTER INSERT ON complaints BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER complaints_version_update AFTER UPDATE ON complaints BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER complaints_version_delete AFTER DELETE ON complaints BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER feedback_version_insert AFTER INSERT ON feedback BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER feedback_version_update AFTER UPDATE ON feedback BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER feedback_version_delete AFTER DELETE ON feedback BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER touches_version_insert AFTER INSERT ON touches BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER touches_version_update AFTER UPDATE ON touches BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER touches_version_delete AFTER DELETE ON touches BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER settings_version_insert AFTER INSERT ON settings BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER settings_version_update AFTER UPDATE ON settings BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;
CREATE TRIGGER settings_version_delete AFTER DELETE ON settings BEGIN
  UPDATE book_state SET version = version + 1 WHERE id = 1 AND loading = 0;
END;

-- The book as it stands: every customer's card and months.
INSERT INTO customer_months (customer_id, months)
SELECT customer_id, json_group_object(month, json(figures)) FROM (
  SELECT customer_id, month, json_array(sum(sale_orders), sum(sales), sum(sale_direct), sum(refund_orders),
      sum(refunds), sum(refund_direct), sum(costs), sum(serve), min(first_sale), max(last_sale)) AS figures
  FROM (
    SELECT coalesce(customer_id, 0) AS customer_id, substr(ordered_at, 1, 7) AS month,
      count(*) FILTER (WHERE kind = 'sale') AS sale_orders,
      coalesce(sum(lines_amount) FILTER (WHERE kind = 'sale'), 0) AS sales,
      coalesce(sum(lines_direct_cost) FILTER (WHERE kind = 'sale'), 0) AS sale_direct,
      count(*) FILTER (WHERE kind = 'refund') AS refund_orders,
      coalesce(sum(lines_amount) FILTER (WHERE kind = 'refund'), 0) AS refunds,
      coalesce(sum(lines_direct_cost) FILTER (WHERE kind = 'refund'), 0) AS refund_direct,
      0 AS costs, 0 AS serve,
      substr(min(ordered_at) FILTER (WHERE kind = 'sale'), 9) AS first_sale,
      substr(max(ordered_at) FILTER (WHERE kind = 'sale'), 9) AS last_sale
    FROM orders WHERE voided_at IS NULL GROUP BY 1, 2
    UNION ALL
    SELECT customer_id, substr(incurred_on, 1, 7), 0, 0, 0, 0, 0, 0, count(*), sum(amount), NULL, NULL
    FROM costs WHERE customer_id IS NOT NULL AND category <> 'acquisition' AND voided_at IS NULL GROUP BY 1, 2
    UNION ALL
    SELECT o.customer_id, substr(c.incurred_on, 1, 7), 0, 0, 0, 0, 0, 0, count(*), sum(c.amount), NULL, NULL
    FROM costs c JOIN orders o ON o.id = c.order_id
    WHERE c.customer_id IS NULL AND c.category <> 'acquisition' AND c.voided_at IS NULL AND o.customer_id IS NOT NULL
    GROUP BY 1, 2
    UNION ALL
    SELECT 0, substr(c.incurred_on, 1, 7), 0, 0, 0, 0, 0, 0, count(*), sum(c.amount), NULL, NULL
    FROM costs c LEFT JOIN orders o ON o.id = c.order_id
    WHERE c.customer_id IS NULL AND c.category <> 'acquisition' AND c.voided_at IS NULL AND o.customer_id IS NULL
    GROUP BY 1, 2)
  GROUP BY customer_id, month ORDER BY customer_id, month)
GROUP BY customer_id;

INSERT INTO customer_cards (customer_id, card)
SELECT c.id, json_array(c.name, c.stage, c.country, c.tier, c.fit, c.referred_by, c.archived_at IS NOT NULL, c.ref,
    c.acquisition_cost, c.revenue, c.last_order_at, c.last_touch_at, n.score, coalesce(json(s.ids), json('[]')),
    coalesce(json(v.vals), json('[]')))
FROM customers c
LEFT JOIN (SELECT customer_id, score FROM (SELECT customer_id, score, row_number() OVER (PARTITION BY customer_id
    ORDER BY received_on DESC, id DESC) AS n FROM feedback WHERE kind = 'nps' AND voided_at IS NULL
    AND customer_id IS NOT NULL) WHERE n = 1) n
  ON n.customer_id = c.id
LEFT JOIN (SELECT customer_id, json_group_array(segment_id) AS ids FROM (SELECT customer_id, segment_id
    FROM customer_segments ORDER BY customer_id, segment_id) GROUP BY customer_id) s ON s.customer_id = c.id
LEFT JOIN (SELECT customer_id, json_group_array(value) AS vals FROM (SELECT customer_id, value
    FROM customer_values ORDER BY customer_id, value) GROUP BY customer_id) v ON v.customer_id = c.id;
