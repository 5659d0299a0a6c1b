-- The projection becomes one JSON document per backend (the fold of its log, as the writer holds it)
-- plus the browsable log. The old per-row tables go; every row is rebuilt by replaying
-- ppl.backend.operations, which stays the source of truth: clearing the positions makes the projector
-- start over from the beginning of the topic.
DROP TABLE params;
DROP TABLE edges;
DROP TABLE vertices;
TRUNCATE operations;
DELETE FROM backends;
DELETE FROM projector_positions;

ALTER TABLE backends ADD COLUMN base_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE backends ADD COLUMN source_backend_id text;
ALTER TABLE backends ADD COLUMN graph text NOT NULL DEFAULT '{}';
CREATE INDEX backends_workspace ON backends (workspace_id);
