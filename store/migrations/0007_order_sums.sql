-- clientele schema, version 7: the profitability sums (the Profit tab,
-- `clientele export`, the Segments tab) read without reading a million
-- order lines.
--
-- They sum every customer's orders and costs over a period, and all time.
-- Summing the lines of every order in the period looked each line up in
-- the table through order_lines_by_order: seconds at a million lines. An
-- order's lines never change once it is stored, so the order keeps their
-- sums, written with it (CreateOrder, the Loader) and checked by
-- `clientele check` (--fix recomputes them); any period then reads one
-- narrow index entry per order. These are sums of one order, not of a
-- period, so they are right for every period.

ALTER TABLE orders ADD COLUMN lines_amount INTEGER NOT NULL DEFAULT 0;      -- Σ amount of its lines
ALTER TABLE orders ADD COLUMN lines_direct_cost INTEGER NOT NULL DEFAULT 0; -- Σ quantity × unit_cost
UPDATE orders SET lines_amount = l.amount, lines_direct_cost = l.direct
  FROM (SELECT order_id, sum(amount) AS amount, sum(quantity * unit_cost) AS direct
        FROM order_lines GROUP BY order_id) AS l
  WHERE orders.id = l.order_id;

-- Each customer's sales and refunds with what is summed, in customer
-- order (the orders of no one first), so that grouping by customer needs
-- no sort and no table lookup.
CREATE INDEX orders_sales ON orders(customer_id, ordered_at, lines_amount, lines_direct_cost)
  WHERE kind = 'sale';
CREATE INDEX orders_refunds ON orders(customer_id, ordered_at, lines_amount, lines_direct_cost)
  WHERE kind = 'refund';

-- The cost to serve a customer, in customer order (acquisition is shown
-- on its own); the costs recorded on no customer, which belong to their
-- order's customer if any, few; and the acquisition costs, fewer. The
-- columns the WHERE tests are in the indexes too, so that SQLite reads
-- the index alone.
CREATE INDEX costs_to_serve ON costs(customer_id, incurred_on, category, amount)
  WHERE customer_id IS NOT NULL AND category <> 'acquisition';
CREATE INDEX costs_loose ON costs(order_id, incurred_on, category, amount, customer_id)
  WHERE customer_id IS NULL AND category <> 'acquisition';
CREATE INDEX costs_acquisition ON costs(customer_id, incurred_on, amount, order_id, category)
  WHERE category = 'acquisition';

-- The whole business month by month (the Profit tab's bars): a range of
-- days of each index, carrying what is summed. They keep their leading
-- column, so every query that used them still does.
DROP INDEX orders_by_date;
CREATE INDEX orders_by_date ON orders(ordered_at, lines_amount, lines_direct_cost);
DROP INDEX costs_by_date;
CREATE INDEX costs_by_date ON costs(incurred_on, amount);

-- What the Segments tab reads about every customer still on the books, in
-- the list's order (by name): a fraction of the pages of the table, whose
-- rows carry the notes and the folded search text.
CREATE INDEX customers_fit ON customers(sort_name, id, name, stage, country, tier, fit, referred_by, revenue,
  last_order_at, last_touch_at, archived_at) WHERE archived_at IS NULL;

-- Archived customers, few: a segment's members still on the books are all
-- its members less these.
CREATE INDEX customers_archived ON customers(id) WHERE archived_at IS NOT NULL;
