-- Whether a tenant has ever stored a statement whose object is a StatementRef (voiding statements included); only then
-- do statement queries include the recursive StatementRef part (Communication §2.1.3). See the PostgreSQL migration.
ALTER TABLE tenants ADD COLUMN has_statement_refs INTEGER NOT NULL DEFAULT 0;
UPDATE tenants SET has_statement_refs = 1
WHERE EXISTS (SELECT 1 FROM statements s WHERE s.tenant_id = tenants.id AND s.object_statement_id IS NOT NULL);
