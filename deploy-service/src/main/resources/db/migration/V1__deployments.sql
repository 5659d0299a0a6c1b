CREATE TABLE deployments (
    id            text PRIMARY KEY,
    workspace_id  text        NOT NULL,
    backend_id    text        NOT NULL,
    backend_seq   bigint      NOT NULL,
    runtime       text        NOT NULL,
    lease_id      text,
    status        text        NOT NULL,
    message       text,
    -- Per-vertex routing (harness flag, input/output topics and types) as JSON: read whole, never queried.
    vertices      text        NOT NULL,
    created_at    timestamptz NOT NULL,
    stopped_at    timestamptz
);
CREATE INDEX deployments_backend ON deployments (backend_id);
CREATE INDEX deployments_lease ON deployments (lease_id);

CREATE TABLE containers (
    id             text PRIMARY KEY,
    deployment_id  text    NOT NULL REFERENCES deployments (id),
    vertex_id      text    NOT NULL,
    status         text    NOT NULL,
    restarts       integer NOT NULL DEFAULT 0,
    exit_code      integer,
    message        text
);
CREATE INDEX containers_deployment ON containers (deployment_id);
