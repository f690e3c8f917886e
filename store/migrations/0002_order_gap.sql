-- clientele schema, version 2: the median gap between a customer's orders.
-- The daily review asks which regulars are overdue to reorder (days since
-- the last order beyond a factor times the median gap). Working the gap out
-- from every order each morning reads the whole orders table; keeping it
-- with the other figures the store keeps from orders (order_count,
-- last_order_at …) lets the review read one column. NULL with fewer than
-- three distinct sale days. clientele_median_gap is model.MedianGap as an
-- SQL aggregate, registered by the store.

ALTER TABLE customers ADD COLUMN order_gap_days INTEGER CHECK (order_gap_days > 0);
UPDATE customers SET order_gap_days = (SELECT clientele_median_gap(o.ordered_at) FROM orders o
  WHERE o.customer_id = customers.id AND o.kind = 'sale') WHERE order_count >= 3;
CREATE INDEX customers_reorder ON customers(order_gap_days, last_order_at) WHERE order_gap_days IS NOT NULL;

-- Feedback with no reply, by customer, for the review: read from the index
-- alone.
CREATE INDEX feedback_unreplied ON feedback(customer_id, received_on, score) WHERE status = 'new';
