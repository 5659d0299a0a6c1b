-- What a container runs (its component descriptor and environment, as JSON), so a deploy-service that
-- starts again can start the containers its deployments still want. Null for rows from before V2.
ALTER TABLE containers ADD COLUMN workload text;
-- When a deployment with a fixed_duration is undeployed, so the timer survives a restart of the service.
ALTER TABLE deployments ADD COLUMN undeploy_at timestamptz;
