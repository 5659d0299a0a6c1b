package dev.ppl.lease.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the lease-service at an operations-service and a deploy-service that take connections and never
 * answer, as a hung service would. The tests of this module run without the other services: this is what
 * lets them watch a live test stream its first event and then fail on a call that cannot succeed.
 */
public class UnansweringServiceResource implements QuarkusTestResourceLifecycleManager {
    private ServerSocket socket;

    @Override
    public Map<String, String> start() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "http://127.0.0.1:" + socket.getLocalPort();
        return Map.of("ppl.lease.operations-url", url, "ppl.lease.deploy-url", url, "ppl.lease.call-timeout", "2s");
    }

    @Override
    public void stop() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
