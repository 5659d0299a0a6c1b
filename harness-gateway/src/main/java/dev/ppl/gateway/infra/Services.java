package dev.ppl.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.gateway.GatewayConfig;
import dev.ppl.service.http.InternalClient;

/** The services behind the public API. */
@ApplicationScoped
public class Services {
    private final InternalClient operations;
    private final InternalClient leases;
    private final InternalClient deploy;

    public Services(GatewayConfig config) {
        operations = new InternalClient("operations-service", config.operationsUrl(), "harness-gateway", "rest");
        leases = new InternalClient("lease-service", config.leaseUrl(), "harness-gateway", "rest");
        deploy = new InternalClient("deploy-service", config.deployUrl(), "harness-gateway", "rest");
    }

    public InternalClient operations() {
        return operations;
    }

    public InternalClient leases() {
        return leases;
    }

    public InternalClient deploy() {
        return deploy;
    }
}
