-- statement_agents carries the stored time and sequence number of its statement, the two columns GET /statements
-- orders by, so one agent's statements come newest (or oldest) first from one index range: a page reads the agent's
-- rows in page order and stops at its limit, instead of fetching and sorting every statement the agent is in
-- (Communication §2.1.3 agent filter; docs/decisions/0012).
ALTER TABLE statement_agents ADD COLUMN stored timestamptz;
ALTER TABLE statement_agents ADD COLUMN seq bigint;

-- The backfill reads every tenant's rows at once. Row-level security stays enabled; only the owner running this
-- migration is exempt from it, only inside this transaction: FORCE is restored before it commits.
ALTER TABLE statement_agents NO FORCE ROW LEVEL SECURITY;
ALTER TABLE statement_ids NO FORCE ROW LEVEL SECURITY;
ALTER TABLE statements NO FORCE ROW LEVEL SECURITY;
UPDATE statement_agents g SET stored = s.stored, seq = s.seq
FROM statement_ids i
JOIN statements s ON s.tenant_id = i.tenant_id AND s.statement_id = i.statement_id AND s.stored = i.stored
WHERE i.tenant_id = g.tenant_id AND i.statement_id = g.statement_id;
-- A link to no statement matches nothing any query can return.
DELETE FROM statement_agents WHERE stored IS NULL;
ALTER TABLE statements FORCE ROW LEVEL SECURITY;
ALTER TABLE statement_ids FORCE ROW LEVEL SECURITY;
ALTER TABLE statement_agents FORCE ROW LEVEL SECURITY;

ALTER TABLE statement_agents ALTER COLUMN stored SET NOT NULL;
ALTER TABLE statement_agents ALTER COLUMN seq SET NOT NULL;

-- One agent in one tenant in page order (scanned backwards for newest first); "direct" rides along so the agent
-- filter without related_agents is checked in the index too.
CREATE INDEX statement_agents_stored ON statement_agents (tenant_id, agent_key, stored, seq) INCLUDE (direct);
