-- Where a live test's output files are: the manifest's output_files, resolved to the deployment and vertex ids the
-- run got, so `ppl lease collect-outputs` can fetch them from the deploy-service while the lease is open.
CREATE TABLE lease_outputs (
    lease_id      text NOT NULL,
    name          text NOT NULL,
    vertex        text NOT NULL,
    vertex_id     text NOT NULL,
    file_key      text NOT NULL,
    deployment_id text NOT NULL,
    PRIMARY KEY (lease_id, name)
);
