DROP TABLE IF EXISTS statement_voids;
DROP TABLE IF EXISTS statement_activities;
DROP TABLE IF EXISTS statement_agents;
DROP TABLE IF EXISTS statement_ids;
DROP TABLE IF EXISTS statements;
DROP TABLE IF EXISTS credentials;
DROP TABLE IF EXISTS tenants;
