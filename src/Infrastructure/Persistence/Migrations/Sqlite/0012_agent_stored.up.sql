-- statement_agents carries the stored time (Unix milliseconds) and sequence number of its statement; see the
-- PostgreSQL migration. SQLite adds NOT NULL columns without a default only by rebuilding the table.
CREATE TABLE statement_agents_new (
    tenant_id     TEXT NOT NULL,
    statement_id  TEXT NOT NULL,
    agent_key     TEXT NOT NULL,
    direct        INTEGER NOT NULL,
    stored        INTEGER NOT NULL,
    seq           INTEGER NOT NULL
);
-- A link to no statement matches nothing any query can return, so it is not carried over.
INSERT INTO statement_agents_new (tenant_id, statement_id, agent_key, direct, stored, seq)
SELECT g.tenant_id, g.statement_id, g.agent_key, g.direct, s.stored, s.seq
FROM statement_agents g JOIN statements s ON s.tenant_id = g.tenant_id AND s.statement_id = g.statement_id;
DROP TABLE statement_agents;
ALTER TABLE statement_agents_new RENAME TO statement_agents;
CREATE INDEX statement_agents_key ON statement_agents (tenant_id, agent_key, statement_id);
CREATE INDEX statement_agents_stored ON statement_agents (tenant_id, agent_key, stored, seq, direct);
