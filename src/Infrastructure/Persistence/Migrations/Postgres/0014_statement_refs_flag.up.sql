-- Whether a tenant has ever stored a statement whose object is a StatementRef (voiding statements included). Only then
-- can a statement query's filters match through a StatementRef (Communication §2.1.3, "Filter Conditions for
-- StatementRefs"); without any, the queries leave out the recursive part, which took most of their planning time
-- (docs/performance.md, "Queries without StatementRefs"). Set in the transaction that stores the first such statement,
-- and never cleared.
ALTER TABLE tenants ADD COLUMN has_statement_refs boolean NOT NULL DEFAULT false;

-- The backfill reads every tenant's statements at once: as in 0012, only this migration's transaction is exempt from
-- row-level security, and FORCE is restored before it commits.
ALTER TABLE statements NO FORCE ROW LEVEL SECURITY;
UPDATE tenants t SET has_statement_refs = true
WHERE EXISTS (SELECT 1 FROM statements s WHERE s.tenant_id = t.id AND s.object_statement_id IS NOT NULL);
ALTER TABLE statements FORCE ROW LEVEL SECURITY;
