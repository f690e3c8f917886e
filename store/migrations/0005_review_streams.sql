-- clientele schema, version 5: the daily review reads the most urgent
-- customers first and stops when today's list is full.
--
-- Each reason of the review has an index that yields its candidates
-- already in order of urgency, so a list of 50 reads a few hundred rows,
-- not every customer. Several rules ask when the customer was last
-- contacted; reading that from the touches per customer cannot be ordered
-- by an index, so customers keep it, like order_count: last_touch_at is
-- the newest touch that was contact (a call, an email, a review done), a
-- snooze is not. Triggers keep it true on every write to touches, from
-- this program, an import or the sqlite3 shell.

ALTER TABLE customers ADD COLUMN last_touch_at TEXT;
UPDATE customers SET last_touch_at = (SELECT max(t.touched_at) FROM touches t WHERE t.customer_id = customers.id
  AND NOT (t.kind = 'review' AND t.summary LIKE 'Snoozed until %'));

CREATE TRIGGER touches_last_insert AFTER INSERT ON touches
WHEN NOT (NEW.kind = 'review' AND NEW.summary LIKE 'Snoozed until %')
BEGIN
  UPDATE customers SET last_touch_at = NEW.touched_at
  WHERE id = NEW.customer_id AND (last_touch_at IS NULL OR last_touch_at < NEW.touched_at);
END;

CREATE TRIGGER touches_last_delete AFTER DELETE ON touches
BEGIN
  UPDATE customers SET last_touch_at = (SELECT max(t.touched_at) FROM touches t WHERE t.customer_id = OLD.customer_id
    AND NOT (t.kind = 'review' AND t.summary LIKE 'Snoozed until %'))
  WHERE id = OLD.customer_id AND last_touch_at = OLD.touched_at;
END;

CREATE TRIGGER touches_last_update AFTER UPDATE OF customer_id, touched_at, kind, summary ON touches
BEGIN
  UPDATE customers SET last_touch_at = (SELECT max(t.touched_at) FROM touches t WHERE t.customer_id = customers.id
    AND NOT (t.kind = 'review' AND t.summary LIKE 'Snoozed until %'))
  WHERE id IN (OLD.customer_id, NEW.customer_id);
END;

-- Prospects by the day they were last touched (or added): the longest
-- untouched first.
CREATE INDEX customers_prospects ON customers(coalesce(last_touch_at, created_at), id)
  WHERE stage = 'prospect' AND archived_at IS NULL;

-- Customers and advocates by their last contact, a touch or an order (or
-- when they were added): the stay-in-touch cadences, longest silent first.
CREATE INDEX customers_in_touch ON customers(stage,
  coalesce(max(last_touch_at, last_order_at), last_touch_at, last_order_at, created_at), id)
  WHERE archived_at IS NULL;

-- First orders, for the thank-you a week later.
CREATE INDEX customers_first_order ON customers(first_order_at, id) WHERE first_order_at IS NOT NULL;

-- Regulars who may be overdue to reorder, with what the rule reads, so
-- that finding the most overdue never visits the table.
CREATE INDEX customers_reorder_due ON customers(order_gap_days, last_order_at, last_touch_at, id)
  WHERE order_gap_days IS NOT NULL AND stage <> 'former' AND archived_at IS NULL;

-- Open complaints with their customer and severity: how late each is.
CREATE INDEX complaints_open ON complaints(opened_on, customer_id, severity) WHERE status = 'open';

-- Who was touched today, from the index alone.
DROP INDEX touches_by_date;
CREATE INDEX touches_by_date ON touches(touched_at, customer_id);

-- customers_reorder (version 2) served the review's old single query; the
-- index above replaces it.
DROP INDEX customers_reorder;
