-- clientele schema, version 7: what the Segments tab reads, without
-- reading a million order lines.
--
-- The tab sums every customer's orders and costs over a period. Summing
-- the lines of every order in the period looked each line up in the table
-- through order_lines_by_order: seconds at a million lines. An order's
-- lines never change once it is stored, so the order keeps their sums,
-- written with it (CreateOrder, the Loader); any period then reads one
-- narrow index entry per order. These are sums of one order, not of a
-- period, so they are right for every period.

ALTER TABLE orders ADD COLUMN lines_amount INTEGER NOT NULL DEFAULT 0;      -- Σ amount of its lines
ALTER TABLE orders ADD COLUMN lines_direct_cost INTEGER NOT NULL DEFAULT 0; -- Σ quantity × unit_cost
UPDATE orders SET lines_amount = l.amount, lines_direct_cost = l.direct
  FROM (SELECT order_id, sum(amount) AS amount, sum(quantity * unit_cost) AS direct
        FROM order_lines GROUP BY order_id) AS l
  WHERE orders.id = l.order_id;

-- Each customer's sales and refunds with what the tab sums, in customer
-- order, so that grouping by customer needs no sort and no table lookup.
CREATE INDEX orders_fit_sales ON orders(customer_id, ordered_at, lines_amount, lines_direct_cost)
  WHERE customer_id IS NOT NULL AND kind = 'sale';
CREATE INDEX orders_fit_refunds ON orders(customer_id, ordered_at, lines_amount, lines_direct_cost)
  WHERE customer_id IS NOT NULL AND kind = 'refund';

-- The cost to serve a customer, in customer order (acquisition is shown
-- on its own); and the costs of an order only, which belong to the order's
-- customer. The columns the WHERE tests are in the indexes too, so that
-- SQLite reads the index alone.
CREATE INDEX costs_to_serve ON costs(customer_id, incurred_on, category, amount)
  WHERE customer_id IS NOT NULL AND category <> 'acquisition';
CREATE INDEX costs_of_orders ON costs(order_id, incurred_on, category, amount, customer_id)
  WHERE customer_id IS NULL AND order_id IS NOT NULL AND category <> 'acquisition';

-- What the tab reads about every customer still on the books, in the
-- list's order (by name): a fraction of the pages of the table, whose rows
-- carry the notes and the folded search text.
CREATE INDEX customers_fit ON customers(sort_name, id, name, stage, country, tier, fit, referred_by, revenue,
  last_order_at, last_touch_at, archived_at) WHERE archived_at IS NULL;

-- Archived customers, few: a segment's members still on the books are all
-- its members less these.
CREATE INDEX customers_archived ON customers(id) WHERE archived_at IS NOT NULL;
