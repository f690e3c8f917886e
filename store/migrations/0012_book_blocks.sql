-- clientele schema, version 12: the kept cards and months (version 11)
-- also in blocks of 64 customers, which is what the whole-book screens
-- read.
--
-- Under modernc.org/sqlite every row a query steps over costs about a
-- microsecond whatever it holds: reading 100,000 cards and 88,000
-- customers' months a row each cost ~100 ms of CPU on every compute of
-- the Profit and Segments tabs, three times what reading the same text in
-- 1,600 rows costs. So each block of customers (customer_id >> 6: ids 0–63
-- are block 0, 64–127 block 1, …) keeps their cards, and their months, as
-- one text: one line per customer who has a row in customer_cards
-- (customer_months), "<customer_id>:<their card (months)>", the lines
-- joined by a line feed (the JSON SQLite writes holds none) in any order.
-- A block with no customer has no row. (Each statement that rebuilds a
-- block groups by it: a block left with no line gets no row.)
--
-- customer_cards and customer_months stay what the triggers of version 11
-- recompute; the triggers below rewrite a block from them whenever one of
-- its customers' rows changes, unless a load is running
-- (book_state.loading): the load then rewrites the blocks of the
-- customers it recomputed at its end (store.finishLoading). `clientele
-- check` compares every block with the rows it is made of.

CREATE TABLE card_blocks (
  block INTEGER PRIMARY KEY, -- customer_id >> 6
  cards TEXT NOT NULL
) STRICT;

CREATE TABLE month_blocks (
  block  INTEGER PRIMARY KEY, -- customer_id >> 6
  months TEXT NOT NULL
) STRICT;

INSERT INTO card_blocks (block, cards)
  SELECT customer_id >> 6, group_concat(customer_id || ':' || card, char(10)) FROM customer_cards
  GROUP BY customer_id >> 6;
INSERT INTO month_blocks (block, months)
  SELECT customer_id >> 6, group_concat(customer_id || ':' || months, char(10)) FROM customer_months
  GROUP BY customer_id >> 6;

CREATE TRIGGER card_blocks_insert AFTER INSERT ON customer_cards
WHEN (SELECT loading FROM book_state) = 0
BEGIN
  DELETE FROM card_blocks WHERE block = NEW.customer_id >> 6;
  INSERT INTO card_blocks (block, cards)
    SELECT NEW.customer_id >> 6, group_concat(customer_id || ':' || card, char(10)) FROM customer_cards
    WHERE customer_id BETWEEN (NEW.customer_id >> 6) << 6 AND ((NEW.customer_id >> 6) << 6) + 63
    GROUP BY customer_id >> 6;
END;

CREATE TRIGGER card_blocks_update AFTER UPDATE ON customer_cards
WHEN (SELECT loading FROM book_state) = 0
BEGIN
  DELETE FROM card_blocks WHERE block = NEW.customer_id >> 6;
  INSERT INTO card_blocks (block, cards)
    SELECT NEW.customer_id >> 6, group_concat(customer_id || ':' || card, char(10)) FROM customer_cards
    WHERE customer_id BETWEEN (NEW.customer_id >> 6) << 6 AND ((NEW.customer_id >> 6) << 6) + 63
    GROUP BY customer_id >> 6;
  DELETE FROM card_blocks WHERE OLD.customer_id >> 6 <> NEW.customer_id >> 6 AND block = OLD.customer_id >> 6;
  INSERT INTO card_blocks (block, cards)
    SELECT OLD.customer_id >> 6, group_concat(customer_id || ':' || card, char(10)) FROM customer_cards
    WHERE OLD.customer_id >> 6 <> NEW.customer_id >> 6
      AND customer_id BETWEEN (OLD.customer_id >> 6) << 6 AND ((OLD.customer_id >> 6) << 6) + 63
    GROUP BY customer_id >> 6;
END;

CREATE TRIGGER card_blocks_delete AFTER DELETE ON customer_cards
WHEN (SELECT loading FROM book_state) = 0
BEGIN
  DELETE FROM card_blocks WHERE block = OLD.customer_id >> 6;
  INSERT INTO card_blocks (block, cards)
    SELECT OLD.customer_id >> 6, group_concat(customer_id || ':' || card, char(10)) FROM customer_cards
    WHERE customer_id BETWEEN (OLD.customer_id >> 6) << 6 AND ((OLD.customer_id >> 6) << 6) + 63
    GROUP BY customer_id >> 6;
END;

CREATE TRIGGER month_blocks_insert AFTER INSERT ON customer_months
WHEN (SELECT loading FROM book_state) = 0
BEGIN
  DELETE FROM month_blocks WHERE block = NEW.customer_id >> 6;
  INSERT INTO month_blocks (block, months)
    SELECT NEW.customer_id >> 6, group_concat(customer_id || ':' || months, char(10)) FROM customer_months
    WHERE customer_id BETWEEN (NEW.customer_id >> 6) << 6 AND ((NEW.customer_id >> 6) << 6) + 63
    GROUP BY customer_id >> 6;
END;

CREATE TRIGGER month_blocks_update AFTER UPDATE ON customer_months
WHEN (SELECT loading FROM book_state) = 0
BEGIN
  DELETE FROM month_blocks WHERE block = NEW.customer_id >> 6;
  INSERT INTO month_blocks (block, months)
    SELECT NEW.customer_id >> 6, group_concat(customer_id || ':' || months, char(10)) FROM customer_months
    WHERE customer_id BETWEEN (NEW.customer_id >> 6) << 6 AND ((NEW.customer_id >> 6) << 6) + 63
    GROUP BY customer_id >> 6;
  DELETE FROM month_blocks WHERE OLD.customer_id >> 6 <> NEW.customer_id >> 6 AND block = OLD.customer_id >> 6;
  INSERT INTO month_blocks (block, months)
    SELECT OLD.customer_id >> 6, group_concat(customer_id || ':' || months, char(10)) FROM customer_months
    WHERE OLD.customer_id >> 6 <> NEW.customer_id >> 6
      AND customer_id BETWEEN (OLD.customer_id >> 6) << 6 AND ((OLD.customer_id >> 6) << 6) + 63
    GROUP BY customer_id >> 6;
END;

CREATE TRIGGER month_blocks_delete AFTER DELETE ON customer_months
WHEN (SELECT loading FROM book_state) = 0
BEGIN
  DELETE FROM month_blocks WHERE block = OLD.customer_id >> 6;
  INSERT INTO month_blocks (block, months)
    SELECT OLD.customer_id >> 6, group_concat(customer_id || ':' || months, char(10)) FROM customer_months
    WHERE customer_id BETWEEN (OLD.customer_id >> 6) << 6 AND ((OLD.customer_id >> 6) << 6) + 63
    GROUP BY customer_id >> 6;
END;
