package dev.ppl.deploy.janitor;

import java.util.Map;

import dev.ppl.local.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the janitor at the test application itself, where {@link LeaseServiceStandIn} answers for the
 * lease-service: the application's port has to be known before it starts, so one is picked here.
 */
public class OwnPortAsLeaseService implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        int port = Ports.free();
        return Map.of("quarkus.http.test-port", Integer.toString(port), "ppl.deploy.lease-url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        // Nothing runs here: the port is the application's.
    }
}
