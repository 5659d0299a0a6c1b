-- Backends taken out of their lease (promoted, or kept by a commit or a retain_all rollback). The projection's
-- lease_id is what the log says and comes back on every rebuild, so what is kept is recorded beside it, in a table
-- a rebuild does not truncate.
CREATE TABLE kept_backends (
    backend_id  text PRIMARY KEY,
    lease_id    text        NOT NULL,
    kept_at     timestamptz NOT NULL
);
