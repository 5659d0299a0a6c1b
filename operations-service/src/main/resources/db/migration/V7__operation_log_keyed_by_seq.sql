-- The browsable log is keyed by what identifies an event, (backend_id, seq), instead of a text key
-- "backend_id/seq" plus an index on the same two columns: one index to maintain per event, and a rebuild
-- inserts every event of the topic.
ALTER TABLE operations DROP CONSTRAINT operations_pkey;
DROP INDEX operations_backend;
ALTER TABLE operations DROP COLUMN id;
ALTER TABLE operations ADD PRIMARY KEY (backend_id, seq);
