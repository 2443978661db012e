-- The projector's learners stage has its own checkpoint since docs/decisions/0014. A store projected before then has
-- its learner read models up to the one 'progress' checkpoint: start the learners stage there rather than at 0, which
-- would recompute every learner of the ledger once.
INSERT INTO projection_checkpoints (projection, last_seq, updated_at)
SELECT 'progress.learners', last_seq, updated_at FROM projection_checkpoints WHERE projection = 'progress'
ON CONFLICT (projection) DO NOTHING;
