DROP INDEX IF EXISTS statement_agents_stored;
ALTER TABLE statement_agents DROP COLUMN seq;
ALTER TABLE statement_agents DROP COLUMN stored;
