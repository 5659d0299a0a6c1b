CREATE TABLE workspaces (
    id          text PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL
);

-- Only a SHA-256 of each token is stored; the token itself is shown once, to whoever made it.
CREATE TABLE api_tokens (
    token_hash    text PRIMARY KEY,
    workspace_id  text        NOT NULL REFERENCES workspaces (id),
    created_at    timestamptz NOT NULL
);

CREATE TABLE files (
    id            text PRIMARY KEY,
    workspace_id  text        NOT NULL,
    name          text        NOT NULL,
    media_type    text        NOT NULL,
    size          bigint      NOT NULL,
    lease_id      text,
    content       bytea       NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX files_lease ON files (lease_id);

CREATE TABLE endpoint_tokens (
    token_hash     text PRIMARY KEY,
    deployment_id  text        NOT NULL,
    vertex_id      text        NOT NULL,
    workspace_id   text        NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX endpoint_tokens_deployment ON endpoint_tokens (deployment_id);
