-- The projector's consumer position per partition, written in the same transaction as the rows it
-- projects, so a crash between the two can neither skip nor half-apply an event. Empty means replay
-- from the beginning of the topic (idempotent by seq).
CREATE TABLE projector_positions (
    id            text PRIMARY KEY,          -- topic/partition
    topic         text    NOT NULL,
    partition     integer NOT NULL,
    next_offset   bigint  NOT NULL
);

-- Vertex ids are "1", "2", ... per backend and never reused: the count of vertices ever added.
ALTER TABLE backends ADD COLUMN vertex_count bigint NOT NULL DEFAULT 0;
UPDATE backends b SET vertex_count = (SELECT count(*) FROM vertices v WHERE v.backend_id = b.id);
