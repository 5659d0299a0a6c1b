package dev.ppl.deploy;

import java.util.Map;

import dev.ppl.local.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the deploy-service's calls to other services at the test application itself, where stand-ins
 * answer for them: the janitor's lease lookups ({@code janitor.LeaseServiceStandIn}) and the signed URLs of
 * bound files ({@code files.GatewayFilesStandIn}). The application's port has to be known before it starts,
 * so one is picked here, for every test class alike.
 */
public class OwnPortAsStandIns implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        int port = Ports.free();
        String self = "http://127.0.0.1:" + port;
        return Map.of("quarkus.http.test-port", Integer.toString(port), "ppl.deploy.lease-url", self,
                "ppl.deploy.gateway-url", self);
    }

    @Override
    public void stop() {
        // Nothing runs here: the port is the application's.
    }
}
