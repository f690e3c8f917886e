-- clientele schema, version 6: "customers who bought X also bought Y" for
-- lines sold without an offering. Their item is the description; finding
-- the latest orders with one reads this index, which holds only those
-- lines (imports link nearly every line to an offering).
CREATE INDEX order_lines_by_description ON order_lines(description) WHERE offering_id IS NULL;
