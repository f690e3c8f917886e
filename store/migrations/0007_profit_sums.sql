-- clientele schema, version 7: the profitability book read from indexes.
--
-- The Profit screen, `clientele export` and the Segments tab sum every
-- customer's orders and costs, in a period and all time, and the period's
-- months. At 100,000 customers (about 1,000,000 order lines and 800,000
-- costs) summing each order's lines, and looking up each cost's category
-- and amount in the table, took most of that time.
--
-- Orders keep the sums of their lines: lines_amount (negative for a
-- refund) and lines_direct_cost (the sum of quantity × unit cost), as
-- customers keep their order figures: written with the order and its
-- lines in one transaction (orders and their lines are never edited), and
-- checked by `clientele check`, which recomputes them with --fix. Indexes
-- carry what the sums read, so that each is one pass over one index in
-- its own order: orders by customer and kind, orders and costs by day (the
-- months), costs by customer. Costs recorded on no customer (they belong
-- to their order's customer, if any) and acquisition costs (kept apart
-- from the cost to serve) are few, and each kind has a partial index; so
-- the large passes over costs never test a category. The indexes replaced
-- keep their leading columns, so every query that used them still does.
ALTER TABLE orders ADD COLUMN lines_amount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN lines_direct_cost INTEGER NOT NULL DEFAULT 0;
UPDATE orders SET (lines_amount, lines_direct_cost) = (SELECT coalesce(sum(amount), 0),
  coalesce(sum(quantity * unit_cost), 0) FROM order_lines WHERE order_id = orders.id);

CREATE INDEX orders_sums ON orders(customer_id, kind, ordered_at, lines_amount, lines_direct_cost);
DROP INDEX orders_by_date;
CREATE INDEX orders_by_date ON orders(ordered_at, lines_amount, lines_direct_cost);
DROP INDEX costs_by_customer;
CREATE INDEX costs_by_customer ON costs(customer_id, incurred_on, amount);
DROP INDEX costs_by_date;
CREATE INDEX costs_by_date ON costs(incurred_on, amount);
CREATE INDEX costs_loose ON costs(order_id, incurred_on, amount, customer_id) WHERE customer_id IS NULL;
CREATE INDEX costs_acquisition ON costs(customer_id, incurred_on, amount, order_id, category)
  WHERE category = 'acquisition';
