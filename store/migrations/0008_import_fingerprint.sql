-- clientele schema, version 8: re-imports that know what changed.
--
-- An order read from a file keeps the fingerprint of what the import
-- wrote (model.Order.Fingerprint: its customer, time, kind, notes, lines
-- and the costs recorded on it). Importing the file again compares: the
-- file's version of the order against this, to know whether the file
-- changed; the order as it is now against this, to know whether it was
-- edited here since, in which case the import leaves it alone. NULL for
-- orders entered here and those imported before this version.
ALTER TABLE orders ADD COLUMN import_hash INTEGER;
