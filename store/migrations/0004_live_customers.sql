-- The customer list counts and pages the customers who are not archived;
-- without an index of just those, every count reads the whole table.
CREATE INDEX customers_live_by_name ON customers(sort_name, id) WHERE archived_at IS NULL;
