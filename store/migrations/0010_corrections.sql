-- clientele schema, version 10: every record can be corrected and every
-- change taken back, with nothing lost.
--
-- Void. An order, a cost, a contact, feedback or a complaint entered by
-- mistake is voided, not deleted: it stays, readable, with when and why,
-- and can be restored; while voided it leaves every figure. Every read
-- that sums or counts says `voided_at IS NULL`, and the partial indexes
-- those reads scan hold live rows only, so a voided row costs them
-- nothing. Voiding an order or a complaint voids the costs recorded on it
-- with the same stamp (a remedy cost is part of its complaint).

ALTER TABLE orders ADD COLUMN voided_at TEXT CHECK (voided_at IS NULL OR datetime(voided_at) IS voided_at);
ALTER TABLE orders ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE costs ADD COLUMN voided_at TEXT CHECK (voided_at IS NULL OR datetime(voided_at) IS voided_at);
ALTER TABLE costs ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN voided_at TEXT CHECK (voided_at IS NULL OR datetime(voided_at) IS voided_at);
ALTER TABLE feedback ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN voided_at TEXT CHECK (voided_at IS NULL OR datetime(voided_at) IS voided_at);
ALTER TABLE complaints ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE touches ADD COLUMN voided_at TEXT CHECK (voided_at IS NULL OR datetime(voided_at) IS voided_at);
ALTER TABLE touches ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';

DROP INDEX orders_sales;
CREATE INDEX orders_sales ON orders(customer_id, ordered_at, lines_amount, lines_direct_cost)
  WHERE kind = 'sale' AND voided_at IS NULL;
DROP INDEX orders_refunds;
CREATE INDEX orders_refunds ON orders(customer_id, ordered_at, lines_amount, lines_direct_cost)
  WHERE kind = 'refund' AND voided_at IS NULL;
DROP INDEX orders_by_date;
CREATE INDEX orders_by_date ON orders(ordered_at, lines_amount, lines_direct_cost, voided_at);
DROP INDEX costs_to_serve;
CREATE INDEX costs_to_serve ON costs(customer_id, incurred_on, category, amount)
  WHERE customer_id IS NOT NULL AND category <> 'acquisition' AND voided_at IS NULL;
DROP INDEX costs_loose;
CREATE INDEX costs_loose ON costs(order_id, incurred_on, category, amount, customer_id)
  WHERE customer_id IS NULL AND category <> 'acquisition' AND voided_at IS NULL;
DROP INDEX costs_acquisition;
CREATE INDEX costs_acquisition ON costs(customer_id, incurred_on, amount, order_id, category)
  WHERE category = 'acquisition' AND voided_at IS NULL;
DROP INDEX costs_by_date;
CREATE INDEX costs_by_date ON costs(incurred_on, amount, voided_at);
DROP INDEX feedback_nps;
CREATE INDEX feedback_nps ON feedback(customer_id, received_on, score, status) WHERE kind = 'nps' AND voided_at IS NULL;
DROP INDEX feedback_wishes;
CREATE INDEX feedback_wishes ON feedback(customer_id, received_on, theme, answer)
  WHERE kind = 'wish' AND voided_at IS NULL;
DROP INDEX feedback_unreplied;
CREATE INDEX feedback_unreplied ON feedback(customer_id, received_on, score) WHERE status = 'new' AND voided_at IS NULL;
DROP INDEX complaints_open;
CREATE INDEX complaints_open ON complaints(opened_on, customer_id, severity) WHERE status = 'open' AND voided_at IS NULL;
DROP INDEX touches_by_date;
CREATE INDEX touches_by_date ON touches(touched_at, customer_id, voided_at);
-- A voided order is owed nothing (version 9's unpaid orders).
DROP INDEX orders_unpaid;
CREATE INDEX orders_unpaid ON orders(payment_due_on, customer_id)
  WHERE payment_due_on IS NOT NULL AND paid_on IS NULL AND voided_at IS NULL;
DROP INDEX orders_unpaid_by_customer;
CREATE INDEX orders_unpaid_by_customer ON orders(customer_id, payment_due_on, lines_amount)
  WHERE payment_due_on IS NOT NULL AND paid_on IS NULL AND voided_at IS NULL;

-- A voided touch is no contact: last_touch_at (version 5) skips it.
DROP TRIGGER touches_last_insert;
CREATE TRIGGER touches_last_insert AFTER INSERT ON touches
WHEN NOT (NEW.kind = 'review' AND NEW.summary LIKE 'Snoozed until %') AND NEW.voided_at IS NULL
BEGIN
  UPDATE customers SET last_touch_at = NEW.touched_at
  WHERE id = NEW.customer_id AND (last_touch_at IS NULL OR last_touch_at < NEW.touched_at);
END;
DROP TRIGGER touches_last_delete;
CREATE TRIGGER touches_last_delete AFTER DELETE ON touches
BEGIN
  UPDATE customers SET last_touch_at = (SELECT max(t.touched_at) FROM touches t WHERE t.customer_id = OLD.customer_id
    AND NOT (t.kind = 'review' AND t.summary LIKE 'Snoozed until %') AND t.voided_at IS NULL)
  WHERE id = OLD.customer_id AND last_touch_at = OLD.touched_at;
END;
DROP TRIGGER touches_last_update;
CREATE TRIGGER touches_last_update AFTER UPDATE OF customer_id, touched_at, kind, summary, voided_at ON touches
BEGIN
  UPDATE customers SET last_touch_at = (SELECT max(t.touched_at) FROM touches t WHERE t.customer_id = customers.id
    AND NOT (t.kind = 'review' AND t.summary LIKE 'Snoozed until %') AND t.voided_at IS NULL)
  WHERE id IN (OLD.customer_id, NEW.customer_id);
END;

-- The change history (store/history.go). changes holds one row per change
-- with what it did in words; change_rows what each record it touched was
-- before and became (JSON objects of the record's columns, NULL where it
-- did not exist), written by triggers the store generates for every table
-- of the book, so no write, the sqlite3 shell's included, escapes them;
-- change_customers which customers' records each change touched, for a
-- customer's history. A bulk change (an import) is one change too: it
-- records the runs of ids it added (change_ranges, rows NULL) and the
-- records it replaced, not an image per row; undoing it removes the runs,
-- keeping them in change_ranges.rows (JSON arrays of the columns named in
-- cols) so that a redo can put them back.
--
-- Columns the store keeps from other records (customers' order figures,
-- folded name and search text, last touch …) are left out of the images
-- and recomputed after an undo.
CREATE TABLE changes (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('change', 'undo', 'redo', 'outside', 'erase')),
  action      TEXT NOT NULL DEFAULT '',
  what        TEXT NOT NULL DEFAULT '',
  reverses    INTEGER,           -- an undo's or a redo's change
  reversed_by INTEGER,           -- the undo or redo that reversed this one
  records     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE change_rows (
  id        INTEGER PRIMARY KEY,
  change_id INTEGER NOT NULL,
  tbl       TEXT NOT NULL,
  row_key   TEXT NOT NULL,       -- JSON array of the primary key
  before    TEXT,
  after     TEXT
) STRICT;
CREATE INDEX change_rows_by_change ON change_rows(change_id, id);
CREATE INDEX change_rows_by_row ON change_rows(tbl, row_key, change_id);

CREATE TABLE change_customers (
  customer_id INTEGER NOT NULL,
  change_id   INTEGER NOT NULL,
  PRIMARY KEY (customer_id, change_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX change_customers_by_change ON change_customers(change_id);

CREATE TABLE change_ranges (
  change_id INTEGER NOT NULL,
  tbl       TEXT NOT NULL,
  col       TEXT NOT NULL,
  lo        INTEGER NOT NULL,
  hi        INTEGER NOT NULL,
  n         INTEGER NOT NULL,    -- how many records
  cols      TEXT,                -- JSON array of the column names of rows
  rows      TEXT,                -- NULL: added; else the records removed
  PRIMARY KEY (change_id, tbl, lo)
) STRICT, WITHOUT ROWID;

-- recording 0 while a bulk change writes (it records its own runs);
-- open_change is the change being written, or the last edit made outside
-- clientele, which later outside edits join for ten minutes.
CREATE TABLE history_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  recording   INTEGER NOT NULL DEFAULT 1 CHECK (recording IN (0, 1)),
  open_change INTEGER
) STRICT;
INSERT INTO history_state (id) VALUES (1);

-- Every table's triggers hand their images here; this one place opens a
-- change for an edit made outside clientele and files the image under
-- the open change.
CREATE VIEW history_log (tbl, row_key, before, after, customer1, customer2) AS
  SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER history_log_insert INSTEAD OF INSERT ON history_log
BEGIN
  UPDATE history_state SET open_change = NULL WHERE open_change IN (SELECT id FROM changes
    WHERE kind = 'outside' AND at < datetime('now', 'localtime', '-10 minutes'));
  INSERT INTO changes (at, kind, action, what)
    SELECT datetime('now', 'localtime'), 'outside', 'outside', 'Edited outside clientele'
    WHERE (SELECT open_change FROM history_state) IS NULL;
  UPDATE history_state SET open_change = (SELECT max(id) FROM changes) WHERE open_change IS NULL;
  INSERT INTO change_rows (change_id, tbl, row_key, before, after)
    VALUES ((SELECT open_change FROM history_state), NEW.tbl, NEW.row_key, NEW.before, NEW.after);
  INSERT INTO change_customers (customer_id, change_id)
    SELECT x, (SELECT open_change FROM history_state) FROM (SELECT NEW.customer1 AS x UNION SELECT NEW.customer2)
    WHERE x IS NOT NULL AND NOT EXISTS (SELECT 1 FROM change_customers
      WHERE customer_id = x AND change_id = (SELECT open_change FROM history_state));
END;

-- The ids each import knows a customer by, besides their own ref: a merge
-- keeps the other customer's here, so a later import lands on the customer
-- kept.
CREATE TABLE customer_refs (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  ref_source  TEXT NOT NULL,
  ref         TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX customer_refs_ref ON customer_refs(ref_source, ref);
CREATE INDEX customer_refs_by_customer ON customer_refs(customer_id);

-- Likely duplicates (store/duplicates.go) are found through keys kept
-- beside the folded name: the email in lower case, the phone's last nine
-- digits, the name's words folded and sorted, and that key reversed (for
-- names one letter apart, looked up by the start or the end).
ALTER TABLE customers ADD COLUMN email_key TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN phone_key TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN name_rev TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_email_key ON customers(email_key) WHERE email_key <> '';
CREATE INDEX customers_phone_key ON customers(phone_key) WHERE phone_key <> '';
CREATE INDEX customers_name_key ON customers(name_key, country);
CREATE INDEX customers_name_rev ON customers(name_rev);

-- The kept keys (sort_name, search, the keys above) fold text with a Go
-- function the sqlite3 shell does not have, so a trigger cannot compute
-- them: it marks the customer here, and the store refreshes the marked
-- customers when it opens the file and with every write (refreshSearch
-- clears the marks of those it refreshes).
CREATE TABLE customer_keys_stale (customer_id INTEGER PRIMARY KEY) STRICT;
INSERT INTO customer_keys_stale (customer_id) SELECT id FROM customers;
CREATE TRIGGER customers_keys_insert AFTER INSERT ON customers
BEGIN
  INSERT INTO customer_keys_stale (customer_id) SELECT NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM customer_keys_stale WHERE customer_id = NEW.id);
END;
CREATE TRIGGER customers_keys_update AFTER UPDATE OF name, email, phone, social, company, notes, address_line1,
  address_line2, town, region, postcode, country ON customers
BEGIN
  INSERT INTO customer_keys_stale (customer_id) SELECT NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM customer_keys_stale WHERE customer_id = NEW.id);
END;
CREATE TRIGGER customer_segments_keys_insert AFTER INSERT ON customer_segments
BEGIN
  INSERT INTO customer_keys_stale (customer_id) SELECT NEW.customer_id
    WHERE NOT EXISTS (SELECT 1 FROM customer_keys_stale WHERE customer_id = NEW.customer_id);
END;
CREATE TRIGGER customer_segments_keys_delete AFTER DELETE ON customer_segments
BEGIN
  INSERT INTO customer_keys_stale (customer_id) SELECT OLD.customer_id
    WHERE NOT EXISTS (SELECT 1 FROM customer_keys_stale WHERE customer_id = OLD.customer_id)
      AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id);
END;
CREATE TRIGGER segments_keys_update AFTER UPDATE OF name ON segments
BEGIN
  INSERT INTO customer_keys_stale (customer_id) SELECT cs.customer_id FROM customer_segments cs
    WHERE cs.segment_id = NEW.id AND NOT EXISTS (SELECT 1 FROM customer_keys_stale WHERE customer_id = cs.customer_id);
END;
-- The owner's custom fields are in the filter's text too (version 9).
CREATE TRIGGER customer_fields_keys_insert AFTER INSERT ON customer_fields
BEGIN
  INSERT INTO customer_keys_stale (customer_id) SELECT NEW.customer_id
    WHERE NOT EXISTS (SELECT 1 FROM customer_keys_stale WHERE customer_id = NEW.customer_id);
END;
CREATE TRIGGER customer_fields_keys_update AFTER UPDATE ON customer_fields
BEGIN
  INSERT INTO customer_keys_stale (customer_id) SELECT NEW.customer_id
    WHERE NOT EXISTS (SELECT 1 FROM customer_keys_stale WHERE customer_id = NEW.customer_id);
END;
CREATE TRIGGER customer_fields_keys_delete AFTER DELETE ON customer_fields
BEGIN
  INSERT INTO customer_keys_stale (customer_id) SELECT OLD.customer_id
    WHERE NOT EXISTS (SELECT 1 FROM customer_keys_stale WHERE customer_id = OLD.customer_id)
      AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id);
END;
CREATE TRIGGER custom_fields_keys_update AFTER UPDATE OF name ON custom_fields
BEGIN
  INSERT INTO customer_keys_stale (customer_id) SELECT v.customer_id FROM customer_fields v
    WHERE v.field_id = NEW.id AND NOT EXISTS (SELECT 1 FROM customer_keys_stale WHERE customer_id = v.customer_id);
END;
CREATE TRIGGER customers_keys_delete AFTER DELETE ON customers
BEGIN
  DELETE FROM customer_keys_stale WHERE customer_id = OLD.id;
END;

-- Customers gone quiet, by their last order (or when they were added),
-- for Today's suggestion to let them go as former (model.ReasonFormer).
CREATE INDEX customers_former ON customers(coalesce(last_order_at, created_at), id)
  WHERE stage = 'customer' AND archived_at IS NULL;
