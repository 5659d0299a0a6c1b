CREATE TABLE leases (
    id              text PRIMARY KEY,
    workspace_id    text        NOT NULL,
    runtime         text        NOT NULL,
    label           text,
    state           text        NOT NULL,
    ttl_seconds     bigint      NOT NULL,
    expires_at      timestamptz NOT NULL,
    cleanup_policy  text        NOT NULL,
    created_at      timestamptz NOT NULL,
    closed_at       timestamptz,
    close_reason    text,
    -- False between closing a lease and the broker acknowledging its close event; the reaper retries it.
    close_published boolean     NOT NULL DEFAULT false
);
CREATE INDEX leases_workspace ON leases (workspace_id, created_at);
CREATE INDEX leases_open_expiry ON leases (expires_at) WHERE state = 'open';

-- No foreign key to leases: ownership comes from the owners' events, recorded whatever order they arrive in.
CREATE TABLE lease_resources (
    lease_id    text        NOT NULL,
    kind        text        NOT NULL,
    resource_id text        NOT NULL,
    owner       text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (lease_id, kind, resource_id)
);

CREATE TABLE lease_releases (
    lease_id    text        NOT NULL,
    owner       text        NOT NULL,
    released_at timestamptz NOT NULL,
    PRIMARY KEY (lease_id, owner)
);
