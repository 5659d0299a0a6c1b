-- What a run concluded (`ppl lease set-result`), kept after the lease closes, with the debug bundle of that moment.
ALTER TABLE leases ADD COLUMN result_status text;
ALTER TABLE leases ADD COLUMN result text;
ALTER TABLE leases ADD COLUMN result_debug text;
ALTER TABLE leases ADD COLUMN result_at timestamptz;

-- A promoted row was taken out of its lease: its close keeps it.
ALTER TABLE lease_resources ADD COLUMN promoted_at timestamptz;

CREATE INDEX leases_closed ON leases (workspace_id, closed_at) WHERE state <> 'open';

-- The state of each lease's deployments and their containers, projected from ppl.deploy.events, so `lease wait`
-- and `lease debug` read it here instead of asking the deploy-service. `at` is the event's time: an older event
-- redelivered after a newer one changes nothing.
CREATE TABLE deployment_states (
    deployment_id text PRIMARY KEY,
    lease_id      text,
    status        text        NOT NULL,
    message       text,
    exit_code     integer,
    at            timestamptz NOT NULL
);
CREATE INDEX deployment_states_lease ON deployment_states (lease_id);

CREATE TABLE container_states (
    container_id  text PRIMARY KEY,
    deployment_id text        NOT NULL,
    vertex_id     text        NOT NULL,
    status        text        NOT NULL,
    restarts      integer     NOT NULL,
    exit_code     integer,
    message       text,
    at            timestamptz NOT NULL
);
CREATE INDEX container_states_deployment ON container_states (deployment_id);
