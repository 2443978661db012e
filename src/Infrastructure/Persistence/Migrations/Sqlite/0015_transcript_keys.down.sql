DROP TABLE IF EXISTS transcript_keys;
DELETE FROM projection_checkpoints WHERE projection = 'transcripts';
