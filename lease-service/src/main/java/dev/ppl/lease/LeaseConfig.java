package dev.ppl.lease;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ppl.lease")
public interface LeaseConfig {
    /** The operations-service: catalog lookups and backend edits of the live-test saga. */
    @WithDefault("http://127.0.0.1:18081")
    String operationsUrl();

    /** The deploy-service: deployments of the live-test saga. */
    @WithDefault("http://127.0.0.1:18083")
    String deployUrl();

    /** The runtime of a lease opened without one. */
    @WithDefault("local")
    String defaultRuntime();

    /** The TTL of a lease opened without one. */
    @WithDefault("30m")
    Duration defaultTtl();

    /** No lease lives longer than this, whatever it asks for. */
    @WithDefault("24h")
    Duration maxTtl();

    /** A lease list answers at most this many leases per page; a larger {@code limit} is a 400. */
    @WithDefault("500")
    int maxPageSize();

    /** A lease list without {@code limit} answers this many leases per page. */
    @WithDefault("100")
    int defaultPageSize();

    /**
     * The longest the TTL reaper sleeps between two looks for expired leases; it wakes earlier for the next
     * expiry it knows of, so this bounds only how late a lease opened meanwhile with a shorter TTL can be.
     */
    @WithDefault("250ms")
    Duration reaperInterval();

    /** How long a live test waits for every container of its deployment to run. */
    @WithDefault("90s")
    Duration readyTimeout();

    /** How long one internal call to another service may take. */
    @WithDefault("60s")
    Duration callTimeout();
}
