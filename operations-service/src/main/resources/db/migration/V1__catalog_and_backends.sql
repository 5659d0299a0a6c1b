CREATE TABLE components (
    id            text PRIMARY KEY,
    workspace_id  text        NOT NULL,
    name          text        NOT NULL,
    created_at    timestamptz NOT NULL,
    UNIQUE (workspace_id, name)
);

CREATE TABLE component_versions (
    id            text PRIMARY KEY,
    component_id  text        NOT NULL REFERENCES components (id),
    workspace_id  text        NOT NULL,
    version       text        NOT NULL,
    prerelease    boolean     NOT NULL,
    lease_id      text,
    harness       text,
    -- comma-separated; 'latest' moves to the newest version of its component
    tags          text        NOT NULL DEFAULT '',
    descriptor    text        NOT NULL,
    published_at  timestamptz NOT NULL
);
CREATE INDEX component_versions_component ON component_versions (component_id);
CREATE INDEX component_versions_lease ON component_versions (lease_id);

-- The projection of ppl.backend.operations. seq is the last sequence number applied.
CREATE TABLE backends (
    id            text PRIMARY KEY,
    workspace_id  text        NOT NULL,
    name          text        NOT NULL,
    lease_id      text,
    seq           bigint      NOT NULL,
    deleted       boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL
);
CREATE INDEX backends_lease ON backends (lease_id);

CREATE TABLE vertices (
    id            text PRIMARY KEY,          -- backend_id/vertex_id
    backend_id    text NOT NULL REFERENCES backends (id),
    vertex_id     text NOT NULL,
    version_id    text NOT NULL,
    alias         text,
    position      bigint NOT NULL
);
CREATE INDEX vertices_backend ON vertices (backend_id);

CREATE TABLE edges (
    id            text PRIMARY KEY,          -- backend_id/to_vertex/to_input: an input takes one edge
    backend_id    text    NOT NULL REFERENCES backends (id),
    from_vertex   text    NOT NULL,
    from_output   integer NOT NULL,
    to_vertex     text    NOT NULL,
    to_input      integer NOT NULL
);
CREATE INDEX edges_backend ON edges (backend_id);

CREATE TABLE params (
    id            text PRIMARY KEY,          -- backend_id/vertex_id/name
    backend_id    text NOT NULL REFERENCES backends (id),
    vertex_id     text NOT NULL,
    name          text NOT NULL,
    value_type    text NOT NULL,
    value         text NOT NULL
);
CREATE INDEX params_backend ON params (backend_id);

-- The log as projected, for browsing; the topic stays the source of truth.
CREATE TABLE operations (
    id            text PRIMARY KEY,          -- backend_id/seq
    backend_id    text        NOT NULL,
    seq           bigint      NOT NULL,
    type          text        NOT NULL,
    event         text        NOT NULL,
    recorded_at   timestamptz NOT NULL
);
CREATE INDEX operations_backend ON operations (backend_id, seq);
