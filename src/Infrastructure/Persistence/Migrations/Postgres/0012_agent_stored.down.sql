DROP INDEX IF EXISTS statement_agents_stored;
ALTER TABLE statement_agents DROP COLUMN IF EXISTS seq;
ALTER TABLE statement_agents DROP COLUMN IF EXISTS stored;
