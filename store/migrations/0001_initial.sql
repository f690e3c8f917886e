-- clientele schema, version 1: every entity in DESIGN.md.
-- Money is INTEGER minor units (signed: refunds are negative). Days are
-- 'YYYY-MM-DD' text, times 'YYYY-MM-DD HH:MM:SS' wall-clock text.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE customers (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL CHECK (trim(name) <> ''),
  email            TEXT NOT NULL DEFAULT '',
  phone            TEXT NOT NULL DEFAULT '',
  social           TEXT NOT NULL DEFAULT '',
  company          TEXT NOT NULL DEFAULT '',
  country          TEXT NOT NULL DEFAULT '',
  channel          TEXT NOT NULL DEFAULT ''
                   CHECK (channel IN ('', 'email', 'phone', 'text', 'social', 'in person', 'mail')),
  stage            TEXT NOT NULL DEFAULT 'prospect'
                   CHECK (stage IN ('prospect', 'customer', 'advocate', 'former')),
  fit              INTEGER CHECK (fit BETWEEN 1 AND 5),           -- NULL: not rated
  language         TEXT NOT NULL DEFAULT '',                      -- how they speak
  tier             INTEGER CHECK (tier BETWEEN 1 AND 3),          -- package tier
  source           TEXT NOT NULL DEFAULT '',                      -- acquisition source
  acquisition_cost INTEGER NOT NULL DEFAULT 0 CHECK (acquisition_cost >= 0),
  referred_by      INTEGER REFERENCES customers(id) ON DELETE SET NULL,
  next_review      TEXT CHECK (next_review IS NULL OR date(next_review) IS next_review),
  snoozed_until    TEXT CHECK (snoozed_until IS NULL OR date(snoozed_until) IS snoozed_until),
  let_go_reason    TEXT NOT NULL DEFAULT '',
  notes            TEXT NOT NULL DEFAULT '',
  ref_source       TEXT NOT NULL DEFAULT '',                      -- import format of ref
  ref              TEXT,                                          -- id in that source
  -- kept by the store from orders, all time, for the list's columns and sorts
  order_count      INTEGER NOT NULL DEFAULT 0,                    -- distinct sale orders
  revenue          INTEGER NOT NULL DEFAULT 0,                    -- net of refunds
  first_order_at   TEXT,
  last_order_at    TEXT,
  sort_name        TEXT NOT NULL DEFAULT '',                      -- name folded for A–Z order (é sorts as e)
  search           TEXT NOT NULL DEFAULT '',                      -- folded text the list filter reads
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  archived_at      TEXT,
  CHECK (referred_by IS NULL OR referred_by <> id)
) STRICT;
CREATE UNIQUE INDEX customers_ref ON customers(ref_source, ref) WHERE ref IS NOT NULL;
CREATE INDEX customers_by_name ON customers(sort_name, id);
CREATE INDEX customers_by_last_order ON customers(last_order_at, id);
CREATE INDEX customers_by_revenue ON customers(revenue, id);
CREATE INDEX customers_by_orders ON customers(order_count, id);
CREATE INDEX customers_by_fit ON customers(fit, id);
CREATE INDEX customers_by_stage ON customers(stage, sort_name, id);
CREATE INDEX customers_referred_by ON customers(referred_by) WHERE referred_by IS NOT NULL;
CREATE INDEX customers_next_review ON customers(next_review) WHERE next_review IS NOT NULL;

CREATE TABLE segments (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> ''),
  cadence_days INTEGER CHECK (cadence_days > 0),                  -- stay-in-touch rule
  notes        TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE customer_segments (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  segment_id  INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  PRIMARY KEY (customer_id, segment_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_segments_by_segment ON customer_segments(segment_id, customer_id);

CREATE TABLE customer_values (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  value       TEXT NOT NULL CHECK (trim(value) <> ''),            -- price, quality, style …
  PRIMARY KEY (customer_id, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_values_by_value ON customer_values(value, customer_id);

CREATE TABLE offerings (
  id         INTEGER PRIMARY KEY,
  sku        TEXT,
  name       TEXT NOT NULL CHECK (trim(name) <> ''),
  kind       TEXT NOT NULL DEFAULT 'product' CHECK (kind IN ('product', 'service')),
  tier       INTEGER CHECK (tier BETWEEN 1 AND 3),
  price      INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),
  unit_cost  INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX offerings_sku ON offerings(sku) WHERE sku IS NOT NULL;

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers(id) ON DELETE RESTRICT, -- NULL: unattributed
  ordered_at  TEXT NOT NULL CHECK (datetime(ordered_at) IS ordered_at),
  kind        TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'refund')),
  source      TEXT NOT NULL DEFAULT '',                           -- '' entered here, else import format
  external_id TEXT,                                               -- id in source
  notes       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX orders_external ON orders(source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX orders_by_customer ON orders(customer_id, ordered_at);
CREATE INDEX orders_by_date ON orders(ordered_at);

CREATE TABLE order_lines (
  id               INTEGER PRIMARY KEY,
  order_id         INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  offering_id      INTEGER REFERENCES offerings(id) ON DELETE SET NULL,
  description      TEXT NOT NULL DEFAULT '',
  quantity         INTEGER NOT NULL,                              -- negative on refunds
  unit_price       INTEGER NOT NULL,                              -- minor units
  unit_price_exact TEXT,                                          -- source price with more decimals
  amount           INTEGER NOT NULL,                              -- quantity × price, rounded once
  unit_cost        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX order_lines_by_order ON order_lines(order_id);
CREATE INDEX order_lines_by_offering ON order_lines(offering_id) WHERE offering_id IS NOT NULL;

CREATE TABLE complaints (
  id              INTEGER PRIMARY KEY,
  opened_on       TEXT NOT NULL CHECK (date(opened_on) IS opened_on),
  customer_id     INTEGER REFERENCES customers(id) ON DELETE SET NULL,
  order_id        INTEGER REFERENCES orders(id) ON DELETE SET NULL,
  offering_id     INTEGER REFERENCES offerings(id) ON DELETE SET NULL,
  category        TEXT NOT NULL
                  CHECK (category IN ('quality', 'delivery', 'communication', 'billing', 'expectations', 'other')),
  severity        TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high')),
  what_went_wrong TEXT NOT NULL CHECK (trim(what_went_wrong) <> ''),
  remedy          TEXT NOT NULL DEFAULT '',                       -- what made it right
  guarantee       INTEGER NOT NULL DEFAULT 0 CHECK (guarantee IN (0, 1)),
  honoured_on     TEXT CHECK (honoured_on IS NULL OR date(honoured_on) IS honoured_on),
  remedied_on     TEXT CHECK (remedied_on IS NULL OR date(remedied_on) IS remedied_on),
  prevention      TEXT NOT NULL DEFAULT '',                       -- so it does not happen again
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'remedied', 'closed')),
  closed_on       TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
  outcome         TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX complaints_by_customer ON complaints(customer_id, opened_on);
CREATE INDEX complaints_by_status ON complaints(status, opened_on);

-- Cost to serve. A remedy cost points at its complaint; a time entry keeps
-- its minutes and was costed at the hourly rate when entered.
CREATE TABLE costs (
  id           INTEGER PRIMARY KEY,
  incurred_on  TEXT NOT NULL CHECK (date(incurred_on) IS incurred_on),
  customer_id  INTEGER REFERENCES customers(id) ON DELETE CASCADE,
  order_id     INTEGER REFERENCES orders(id) ON DELETE CASCADE,
  complaint_id INTEGER REFERENCES complaints(id) ON DELETE CASCADE,
  category     TEXT NOT NULL CHECK (category IN
               ('materials', 'shipping', 'payment fees', 'time', 'acquisition', 'remedy', 'other')),
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  minutes      INTEGER CHECK (minutes > 0),
  note         TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  CHECK (category <> 'time' OR minutes IS NOT NULL)
) STRICT;
CREATE INDEX costs_by_customer ON costs(customer_id, incurred_on);
CREATE INDEX costs_by_date ON costs(incurred_on);
CREATE INDEX costs_by_order ON costs(order_id) WHERE order_id IS NOT NULL;
CREATE INDEX costs_by_complaint ON costs(complaint_id) WHERE complaint_id IS NOT NULL;

CREATE TABLE feedback (
  id          INTEGER PRIMARY KEY,
  received_on TEXT NOT NULL CHECK (date(received_on) IS received_on),
  customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL, -- NULL: anonymous
  channel     TEXT NOT NULL DEFAULT ''
              CHECK (channel IN ('', 'email', 'phone', 'text', 'social', 'in person', 'mail')),
  kind        TEXT NOT NULL CHECK (kind IN ('praise', 'suggestion', 'wish', 'question', 'nps')),
  question    TEXT NOT NULL DEFAULT '',
  answer      TEXT NOT NULL DEFAULT '',
  score       INTEGER CHECK (score BETWEEN 0 AND 10),
  offering_id INTEGER REFERENCES offerings(id) ON DELETE SET NULL,
  theme       TEXT NOT NULL DEFAULT '',                           -- wishlist theme
  status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'replied', 'acted on')),
  replied_on  TEXT CHECK (replied_on IS NULL OR date(replied_on) IS replied_on),
  created_at  TEXT NOT NULL,
  CHECK (kind <> 'nps' OR score IS NOT NULL)
) STRICT;
CREATE INDEX feedback_by_date ON feedback(received_on);
CREATE INDEX feedback_by_customer ON feedback(customer_id, received_on);
CREATE INDEX feedback_by_status ON feedback(status, received_on);

-- Questions the owner asks again and again, offered when feedback is logged.
CREATE TABLE questions (
  id         INTEGER PRIMARY KEY,
  text       TEXT NOT NULL UNIQUE CHECK (trim(text) <> ''),
  created_at TEXT NOT NULL
) STRICT;
INSERT INTO questions (text, created_at) VALUES
  ('What is one service you wish we offered?', datetime('now')),
  ('How likely are you to recommend us to a friend, from 0 to 10?', datetime('now')),
  ('What almost stopped you from buying?', datetime('now'));

-- The contact log: calls, emails, a daily-review entry marked done.
CREATE TABLE touches (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  touched_at  TEXT NOT NULL CHECK (datetime(touched_at) IS touched_at),
  channel     TEXT NOT NULL DEFAULT ''
              CHECK (channel IN ('', 'email', 'phone', 'text', 'social', 'in person', 'mail')),
  kind        TEXT NOT NULL DEFAULT 'contact' CHECK (kind IN ('contact', 'review')),
  summary     TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX touches_by_customer ON touches(customer_id, touched_at);
CREATE INDEX touches_by_date ON touches(touched_at);
