DROP TABLE IF EXISTS projection_checkpoints;
DROP TABLE IF EXISTS pass_fail_records;
DROP TABLE IF EXISTS completion_records;
DROP TABLE IF EXISTS interaction_results;
DROP TABLE IF EXISTS attempts;
