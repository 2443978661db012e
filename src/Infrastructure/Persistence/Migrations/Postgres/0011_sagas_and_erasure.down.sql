DROP TABLE IF EXISTS erasure_keys;
DROP TABLE IF EXISTS erasure_requests;
DROP TABLE IF EXISTS saga_instances;
