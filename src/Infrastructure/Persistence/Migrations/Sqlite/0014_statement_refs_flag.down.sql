ALTER TABLE tenants DROP COLUMN has_statement_refs;
