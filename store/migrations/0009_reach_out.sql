-- clientele schema, version 9: reaching customers, not just recording
-- them. A postal address and marketing consent on the customer; occasions
-- (birthdays and other dates) and reminders (the follow-up date became the
-- simplest of them); the owner's custom fields; orders billed for later
-- and paid; the message templates the owner edits; which template a
-- contact was written from.

ALTER TABLE customers ADD COLUMN address_line1 TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN address_line2 TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN town TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN region TEXT NOT NULL DEFAULT '';        -- county, state, province
ALTER TABLE customers ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
-- The day the customer agreed to marketing by each channel; NULL: not.
ALTER TABLE customers ADD COLUMN consent_email_on TEXT
  CHECK (consent_email_on IS NULL OR date(consent_email_on) IS consent_email_on);
ALTER TABLE customers ADD COLUMN consent_sms_on TEXT
  CHECK (consent_sms_on IS NULL OR date(consent_sms_on) IS consent_sms_on);
ALTER TABLE customers ADD COLUMN consent_post_on TEXT
  CHECK (consent_post_on IS NULL OR date(consent_post_on) IS consent_post_on);

-- A birthday (at most one) or any named date, every year or once. The
-- year is the birth year or the first year (NULL when not known), the
-- one-off occasion's year. The daily review reads the occasions of the
-- next few days by month and day.
CREATE TABLE occasions (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('birthday', 'other')),
  name        TEXT NOT NULL DEFAULT '',
  month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  day         INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
  year        INTEGER CHECK (year BETWEEN 1 AND 9999),
  yearly      INTEGER NOT NULL DEFAULT 1 CHECK (yearly IN (0, 1)),
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  CHECK (yearly = 1 OR year IS NOT NULL),
  CHECK (kind = 'birthday' OR trim(name) <> '')
) STRICT;
CREATE INDEX occasions_by_customer ON occasions(customer_id);
CREATE UNIQUE INDEX occasions_birthday ON occasions(customer_id) WHERE kind = 'birthday';
CREATE INDEX occasions_by_day ON occasions(month, day, customer_id, year, yearly);

-- Reminders: a first day, once or every N weeks, months or years, with a
-- note. The follow-up date is the simplest (kind follow-up: one day, no
-- note, at most one a customer). A contact on or after an occurrence
-- answers it; due_on is the occurrence still waiting: the first after the
-- day of the customer's last contact (NULL when none is left), kept by the
-- triggers below from the view reminders_next, so that the daily review
-- reads the reminders due through an index, most overdue first, and no
-- write path (the sqlite3 shell included) can leave it stale. A monthly
-- reminder starts on a day up to the 28th and a yearly one not on the
-- 29th of February, so every occurrence is a real day.
CREATE TABLE reminders (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL DEFAULT 'reminder' CHECK (kind IN ('follow-up', 'reminder')),
  starts_on    TEXT NOT NULL CHECK (date(starts_on) IS starts_on),
  repeat_unit  TEXT NOT NULL DEFAULT '' CHECK (repeat_unit IN ('', 'week', 'month', 'year')),
  repeat_every INTEGER NOT NULL DEFAULT 1 CHECK (repeat_every BETWEEN 1 AND 520),
  note         TEXT NOT NULL DEFAULT '',
  due_on       TEXT CHECK (due_on IS NULL OR date(due_on) IS due_on),
  created_at   TEXT NOT NULL,
  CHECK (kind = 'reminder' OR (repeat_unit = '' AND note = '')),
  CHECK (repeat_unit <> 'month' OR substr(starts_on, 9, 2) <= '28'),
  CHECK (repeat_unit <> 'year' OR substr(starts_on, 6, 5) <> '02-29')
) STRICT;
CREATE INDEX reminders_by_customer ON reminders(customer_id);
CREATE UNIQUE INDEX reminders_follow_up ON reminders(customer_id) WHERE kind = 'follow-up';
CREATE INDEX reminders_due ON reminders(due_on, customer_id) WHERE due_on IS NOT NULL;

-- The occurrence of each reminder still waiting (model.Reminder.NextAfter
-- in SQL): t is the day of the last contact, NULL when there was none (or
-- the stored time does not read).
CREATE VIEW reminders_next AS
SELECT id, CASE
    WHEN t IS NULL OR t < s THEN s
    WHEN unit = '' THEN NULL
    WHEN unit = 'week' THEN date(s, '+' || ((CAST(julianday(t) - julianday(s) AS INTEGER) / (7 * n) + 1) * 7 * n) || ' days')
    WHEN unit = 'month' THEN CASE WHEN date(s, '+' || km || ' months') > t THEN date(s, '+' || km || ' months')
      ELSE date(s, '+' || (km + n) || ' months') END
    ELSE CASE WHEN date(s, '+' || ky || ' years') > t THEN date(s, '+' || ky || ' years')
      ELSE date(s, '+' || (ky + n) || ' years') END
  END AS due
FROM (SELECT id, s, unit, n, t,
    ((CAST(substr(t, 1, 4) AS INTEGER) - CAST(substr(s, 1, 4) AS INTEGER)) * 12
      + CAST(substr(t, 6, 2) AS INTEGER) - CAST(substr(s, 6, 2) AS INTEGER)) / n * n AS km,
    (CAST(substr(t, 1, 4) AS INTEGER) - CAST(substr(s, 1, 4) AS INTEGER)) / n * n AS ky
  FROM (SELECT r.id, r.starts_on AS s, r.repeat_unit AS unit, r.repeat_every AS n,
      date(substr(c.last_touch_at, 1, 10)) AS t
    FROM reminders r JOIN customers c ON c.id = r.customer_id));

CREATE TRIGGER reminders_due_insert AFTER INSERT ON reminders
BEGIN
  UPDATE reminders SET due_on = (SELECT due FROM reminders_next WHERE id = NEW.id) WHERE id = NEW.id;
END;

CREATE TRIGGER reminders_due_update AFTER UPDATE OF customer_id, starts_on, repeat_unit, repeat_every ON reminders
BEGIN
  UPDATE reminders SET due_on = (SELECT due FROM reminders_next WHERE id = NEW.id) WHERE id = NEW.id;
END;

CREATE TRIGGER customers_contact_reminders AFTER UPDATE OF last_touch_at ON customers
WHEN NEW.last_touch_at IS NOT OLD.last_touch_at
BEGIN
  UPDATE reminders SET due_on = (SELECT n.due FROM reminders_next n WHERE n.id = reminders.id)
  WHERE customer_id = NEW.id;
END;

-- Every follow-up date becomes a follow-up reminder, set when the
-- customer was last saved; then the column goes.
INSERT INTO reminders (customer_id, kind, starts_on, created_at)
  SELECT id, 'follow-up', next_review, updated_at FROM customers WHERE next_review IS NOT NULL;
DROP INDEX customers_next_review;
ALTER TABLE customers DROP COLUMN next_review;

-- Fields the owner adds to every customer, and each customer's values
-- (canonical text: model.CustomField.NormalizeValue).
CREATE TABLE custom_fields (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> ''),
  kind       TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'yes/no', 'choice')),
  choices    TEXT NOT NULL DEFAULT '',                           -- a choice's options, one a line
  on_order   INTEGER NOT NULL DEFAULT 0 CHECK (on_order IN (0, 1)), -- shown when taking an order
  position   INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE customer_fields (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  field_id    INTEGER NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
  value       TEXT NOT NULL CHECK (value <> ''),
  PRIMARY KEY (customer_id, field_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_fields_by_field ON customer_fields(field_id, value, customer_id);

-- An order billed for later waits for its payment from payment_due_on
-- until paid_on. The daily review reads the unpaid ones by due day (its
-- stream) and by customer (each candidate's inputs): two small indexes of
-- the unpaid orders alone, so that neither reads a customer's other
-- orders.
ALTER TABLE orders ADD COLUMN payment_due_on TEXT
  CHECK (payment_due_on IS NULL OR date(payment_due_on) IS payment_due_on);
ALTER TABLE orders ADD COLUMN paid_on TEXT CHECK (paid_on IS NULL OR date(paid_on) IS paid_on);
CREATE INDEX orders_unpaid ON orders(payment_due_on, customer_id) WHERE payment_due_on IS NOT NULL AND paid_on IS NULL;
CREATE INDEX orders_unpaid_by_customer ON orders(customer_id, payment_due_on, lines_amount)
  WHERE payment_due_on IS NOT NULL AND paid_on IS NULL;

-- The owner's versions of the message templates, one a kind; a kind with
-- no row uses the default shipped with clientele (model.DefaultTemplates).
CREATE TABLE templates (
  kind       TEXT PRIMARY KEY,
  name       TEXT NOT NULL CHECK (trim(name) <> ''),
  subject    TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL CHECK (trim(body) <> ''),
  marketing  INTEGER NOT NULL DEFAULT 0 CHECK (marketing IN (0, 1)),
  updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- A contact written from a template keeps the template's name.
ALTER TABLE touches ADD COLUMN template TEXT NOT NULL DEFAULT '';

-- The book's own id, so that calendar and contact exports give their
-- entries ids no other book's share, the same at every export.
INSERT OR IGNORE INTO settings (key, value) VALUES ('book_id', lower(hex(randomblob(8))));
