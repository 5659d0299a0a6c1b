package dev.ppl.deploy;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ppl.deploy")
public interface DeployConfig {
    /** The operations-service, for the graph a deployment pins. */
    String operationsUrl();

    /** Logs and pid files of the local runtime's processes. */
    Path dataDir();

    /** The lease-service, which the janitor asks whether a deployment's lease is still open. */
    @WithDefault("http://127.0.0.1:18082")
    String leaseUrl();

    /** How long the local runtime waits before it restarts a process that exited for the first time. */
    @WithDefault("200ms")
    Duration restartBackoffInitial();

    /** The back-off doubles with every restart of a container up to this. */
    @WithDefault("2s")
    Duration restartBackoffMax();

    /**
     * How many restarts of one container a deployment takes: the crash after the last of them fails the
     * deployment and stops its containers.
     */
    @WithDefault("10")
    int maxRestarts();

    /** How long every container must keep running, with no restart, before a running deployment is stable. */
    @WithDefault("2s")
    Duration settlePeriod();

    /** How often the janitor looks for deployments of closed leases, orphan processes and left-over topics. */
    @WithDefault("5s")
    Duration janitorInterval();

    /**
     * A deployment younger than this is never undeployed because the lease-service does not know its
     * lease: the lease may have been opened a moment ago on a lease-service that has not answered for it yet.
     */
    @WithDefault("10s")
    Duration janitorGrace();
}
