DELETE FROM projection_checkpoints WHERE projection = 'progress.learners';
